"""The report as a reportlab document: a cover, then pages with running header and footer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from briefing import __version__
from briefing.render.pdf import kinsoku
from briefing.render.pdf.blocks import flowables
from briefing.render.pdf.flowables import ENTRY, Entry, PageCount, is_draft
from briefing.render.pdf.pages import draw_cover_page, draw_page
from briefing.render.pdf.styles import Layout, Sheet, paragraph_styles, register_fonts
from briefing.story.model import Story


def render_report(story: Story, target: Path) -> None:
    """Write the story as a complete PDF report to `target`; the same story gives the same bytes."""
    rl_config.invariant = 1
    kinsoku.install()
    fonts = register_fonts(
        story.brand.fonts.family, story.brand.fonts.regular, story.brand.fonts.bold
    )
    layout = Layout.of(story.brand.page)
    sheet = Sheet(paragraph_styles(story.brand, fonts), fonts, layout, story.brand, story.words)
    document = Report(str(target), story, sheet)
    document.multiBuild(flowables(story, sheet, document.count), maxPasses=6)


class Report(BaseDocTemplate):
    """The report's pages: a cover, then pages with running header and footer.

    Built in passes (multiBuild) until the contents and the page count stop changing.
    """

    def __init__(self, filename: str, story: Story, sheet: Sheet) -> None:
        layout = sheet.layout
        cover = story.cover
        super().__init__(
            filename,
            pagesize=(layout.width, layout.height),
            title=cover.title,
            author=cover.issuer,
            subject=cover.subtitle or cover.scope,
            keywords=list(story.keywords),
            creator=f"briefing {__version__}",
            lang=story.language,
            displayDocTitle=1,
            initialFontName=sheet.fonts.regular,
        )
        self.story, self.sheet = story, sheet
        self.count = PageCount()
        self.stamp = story.date.when.strftime("D:%Y%m%d%H%M%S+00'00'")
        self.running = ""
        frame = Frame(layout.left, layout.bottom, layout.column, layout.depth, 0, 0, 0, 0)
        self.addPageTemplates([
            PageTemplate("cover", [frame], onPage=self._cover_page, autoNextPageTemplate="body"),
            PageTemplate("body", [frame], onPageEnd=self._body_page),
        ])  # fmt: skip

    def beforeDocument(self) -> None:
        self.running = ""
        # The first pass only measures (its page count is unknown, so it is never the last):
        # charts and page decoration, which do not change the layout, are left out of it.
        self.canv.briefing_draft = self.count.total is None
        self.canv.showOutline()
        self.canv.setDateFormatter(lambda *_: self.stamp)

    def afterFlowable(self, flowable: Flowable) -> None:
        entry: Entry | None = getattr(flowable, "entry", None)
        if entry is None:
            return
        self.notify(ENTRY, (entry.kind, entry.title, self.page, entry.key))
        self.canv.addOutlineEntry(entry.title, entry.key, level=entry.level)
        if entry.level == 0:
            self.running = entry.short or entry.title

    def afterPage(self) -> None:
        self.count.pages = self.page

    def _cover_page(self, canvas: Canvas, _: Any) -> None:
        if not is_draft(canvas):
            draw_cover_page(canvas, self.story, self.sheet)

    def _body_page(self, canvas: Canvas, _: Any) -> None:
        if not is_draft(canvas):
            draw_page(canvas, self.story, self.sheet, self.running, self.page, self.count.total)
