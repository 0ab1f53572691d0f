"""The report as a reportlab document: a cover, then pages with running header and footer.

The report is laid out once, then drawn. Laying out places every flowable on its page and
notes the steps that draw the page (decoration, flowables at their places, outline entries)
instead of drawing them; once the last page is placed, the page total and the page of every
chapter and figure are known, and the steps are taken on the real canvas in order. So the
contents and the footers get their numbers without a second layout, and the PDF is the one
reportlab would draw in a final pass.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from briefing import __version__
from briefing.render.pdf import kinsoku, standards
from briefing.render.pdf.blocks import flowables
from briefing.render.pdf.flowables import Entry, PageNumbers
from briefing.render.pdf.pages import draw_cover_page, draw_page
from briefing.render.pdf.styles import Layout, Sheet, paragraph_styles, register_fonts
from briefing.story.model import Story

Step = Callable[[Canvas], None]  # one thing drawn on a page, in the order of drawing


def render_report(story: Story, target: Path, *, archival: bool = False) -> None:
    """Write the story as a complete PDF report to `target`; the same story gives the same bytes.

    An `archival` report is PDF/A-2b (see standards).
    """
    rl_config.invariant = 1
    kinsoku.install()
    fonts = register_fonts(
        story.brand.fonts.family, story.brand.fonts.regular, story.brand.fonts.bold
    )
    layout = Layout.of(story.brand.page)
    sheet = Sheet(paragraph_styles(story.brand, fonts), fonts, layout, story.brand, story.words)
    document = Report(str(target), story, sheet, archival=archival)
    document.render(flowables(story, sheet, document.numbers))


LAST_FILL = 0.3  # share of the body the last page fills at least, where the page before allows
SHORT_DOCUMENT = 3  # pages: a document this short may end on a page as short as it is
BALANCE_TRIES = 3  # layouts that may move more onto the last page


class Balance:
    """Keeps a document from ending on a nearly empty page.

    When a layout ends on a page filled less than LAST_FILL of the body, the next layout ends
    the page before it early (its frame's bottom raised above that page's content) by what the
    last page lacks, but at most half the difference between the two, so that much moves over.
    Limits are kept from layout to layout and only tighten, so the layouts settle.
    """

    def __init__(self, depth: float) -> None:
        self.depth = depth  # the body's height
        self.used: list[float] = []  # points of the body each page of this layout filled
        self.limits: dict[int, float] = {}  # points of its body a page may fill, by page
        self.tries = 0

    def reserve(self, page: int) -> float:
        """Points of the body left empty at the bottom of `page`."""
        return self.depth - self.limits.get(page, self.depth)

    def start(self) -> None:
        """Forget the pages of the layout before."""
        self.used = []

    def settled(self) -> bool:
        """Whether the layout just made stands; else a page's limit is tightened for the next."""
        pages = len(self.used)
        if pages <= SHORT_DOCUMENT or self.tries >= BALANCE_TRIES:
            return True
        *_, before, last = self.used
        move = min(LAST_FILL * self.depth - last, (before - last) / 2)
        if move < 1:
            return True
        self.limits[pages - 1] = min(self.limits.get(pages - 1, self.depth), before - move)
        self.tries += 1
        return False


class Placed:
    """A flowable as the frame lays it out: measured and split as itself, but drawing it only
    notes where it goes (reportlab's Frame draws what it places at once)."""

    def __init__(self, flowable: Flowable, note: Callable[[Step], None]) -> None:
        object.__setattr__(self, "_flowable", flowable)
        object.__setattr__(self, "_note", note)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._flowable, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._flowable, name, value)

    def __delattr__(self, name: str) -> None:
        delattr(self._flowable, name)

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        flowable = self._flowable
        self._note(lambda canvas: flowable.drawOn(canvas, x, y, _sW=_sW))


class PlacingFrame(Frame):
    """The body's frame: places flowables and notes how to draw them (see Placed)."""

    def __init__(self, note: Callable[[Step], None], *args: Any) -> None:
        super().__init__(*args)
        self.note = note

    def add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:
        return int(self._add(Placed(flowable, self.note), canv, trySplit))


class Report(BaseDocTemplate):
    """The report's pages: a cover, then pages with running header and footer.

    Laid out once (again only while Balance moves content onto a nearly empty last page),
    then drawn; see the module's docstring.
    """

    def __init__(self, filename: str, story: Story, sheet: Sheet, *, archival: bool) -> None:
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
        self.story, self.sheet, self.archival = story, sheet, archival
        self.numbers = PageNumbers()
        self.balance = Balance(layout.depth)
        self.stamp = story.date.when.strftime("D:%Y%m%d%H%M%S+00'00'")
        self.running = ""
        self.steps: list[Step] = []
        frame = PlacingFrame(
            self.steps.append, layout.left, layout.bottom, layout.column, layout.depth, 0, 0, 0, 0
        )
        self.addPageTemplates([
            PageTemplate("cover", [frame], onPage=self._cover_page, autoNextPageTemplate="body"),
            PageTemplate("body", [frame], onPageEnd=self._body_page),
        ])  # fmt: skip

    def render(self, parts: list[Flowable]) -> None:
        """Lay the flowables out until the balance settles, then draw the pages."""
        self.numbers.expect(parts)
        edits: list[tuple[Any, ...]] = []
        self._multiBuildEdits = edits.append  # reportlab's marks of flowables put off a page
        self._doSave = 0
        while True:
            self.balance.start()
            self.steps.clear()
            self.numbers.start()
            self.build(parts[:], filename=io.BytesIO())
            if self.balance.settled():
                break
            for edit in edits:
                edit[0](*edit[1:])
            edits.clear()
        self.numbers.finish(len(self.balance.used))
        self._draw(self.steps)

    def _draw(self, steps: list[Step]) -> None:
        """Take the noted steps on the document's own canvas, and save it."""
        canvas = self._makeCanvas(filename=self.filename)
        standards.prepare(canvas, archival=self.archival)
        for step in steps:
            step(canvas)
        standards.finish(canvas)
        canvas.save()

    def beforeDocument(self) -> None:
        self.running = ""
        self.steps.append(self._begin)

    def _begin(self, canvas: Canvas) -> None:
        canvas.showOutline()
        canvas.setDateFormatter(lambda *_: self.stamp)

    def afterFlowable(self, flowable: Flowable) -> None:
        entry: Entry | None = getattr(flowable, "entry", None)
        if entry is None:
            return
        self.numbers.place(entry, self.page)
        title, key, level = entry.title, entry.key, entry.level
        self.steps.append(lambda canvas: canvas.addOutlineEntry(title, key, level))
        if entry.level == 0:
            self.running = entry.short or entry.title

    def beforePage(self) -> None:
        # A page that ends early has its frame's bottom raised.
        self.pageTemplate.frames[0].bottomPadding = self.balance.reserve(self.page)

    def afterPage(self) -> None:
        frame = self.frame
        self.balance.used.append(frame._y2 - frame._topPadding - frame._y)
        frame.bottomPadding = 0
        self.steps.append(Canvas.showPage)

    def _cover_page(self, _canvas: Canvas, _: Any) -> None:
        self.steps.append(lambda canvas: draw_cover_page(canvas, self.story, self.sheet))

    def _body_page(self, _canvas: Canvas, _: Any) -> None:
        running, number, numbers = self.running, self.page, self.numbers
        self.steps.append(
            lambda canvas: draw_page(canvas, self.story, self.sheet, running, number, numbers.total)
        )
