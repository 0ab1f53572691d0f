"""The report as a reportlab document: a cover, then pages with running header and footer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import IndexingFlowable

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
    parts = [document.balance, *flowables(story, sheet, document.count)]
    document.multiBuild(parts, maxPasses=8)


LAST_FILL = 0.3  # share of the body the last page fills at least, where the page before allows
SHORT_DOCUMENT = 3  # pages: a document this short may end on a page as short as it is
BALANCE_TRIES = 3  # passes that may move more onto the last page


class Balance(IndexingFlowable):
    """Takes no room: keeps a document from ending on a nearly empty page.

    When a pass ends on a page filled less than LAST_FILL of the body, the next pass ends the
    page before it early (its frame's bottom raised above that page's content) by what the last
    page lacks, but at most half the difference between the two, so that much moves over.
    Limits are kept from pass to pass and only tighten, so the passes settle.
    """

    def __init__(self, depth: float) -> None:
        self.depth = depth  # the body's height
        self.used: list[float] = []  # points of the body each page of this pass filled
        self.limits: dict[int, float] = {}  # points of its body a page may fill, by page
        self.passes = self.tries = 0
        self.settled = True

    def reserve(self, page: int) -> float:
        """Points of the body left empty at the bottom of `page`."""
        return self.depth - self.limits.get(page, self.depth)

    def beforeBuild(self) -> None:
        self.used = []

    def afterBuild(self) -> None:
        self.settled = True
        self.passes += 1
        pages = len(self.used)
        # The first pass lays out an empty contents: its pages are not the document's yet.
        if self.passes < 2 or pages <= SHORT_DOCUMENT or self.tries >= BALANCE_TRIES:
            return
        *_, before, last = self.used
        move = min(LAST_FILL * self.depth - last, (before - last) / 2)
        if move < 1:
            return
        self.limits[pages - 1] = min(self.limits.get(pages - 1, self.depth), before - move)
        self.tries += 1
        self.settled = False

    def isSatisfied(self) -> bool:
        return self.settled

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        """Nothing to draw."""


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
        self.balance = Balance(layout.depth)
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

    def beforePage(self) -> None:
        # A page that ends early has its frame's bottom raised.
        self.pageTemplate.frames[0].bottomPadding = self.balance.reserve(self.page)

    def afterPage(self) -> None:
        self.count.pages = self.page
        frame = self.frame
        self.balance.used.append(frame._y2 - frame._topPadding - frame._y)
        frame.bottomPadding = 0

    def _cover_page(self, canvas: Canvas, _: Any) -> None:
        if not is_draft(canvas):
            draw_cover_page(canvas, self.story, self.sheet)

    def _body_page(self, canvas: Canvas, _: Any) -> None:
        if not is_draft(canvas):
            draw_page(canvas, self.story, self.sheet, self.running, self.page, self.count.total)
