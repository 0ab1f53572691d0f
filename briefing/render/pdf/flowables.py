"""The report's building blocks: justified text, headings, tiles, tables, charts, contents."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import FrameBreak

from briefing.charts import draw_svg
from briefing.render.pdf.drawings import chart_drawing
from briefing.render.pdf.standards import PRINTABLE
from briefing.render.pdf.styles import RULE_GREY, Sheet
from briefing.story.model import ChartSpec, Tile
from briefing.text.linebreak import BREAK_SPACES, CJK_START

TILE_GAP = 6
TILE_PADDING = 8
CELL_PADDING = 6
CELL_TOP, CELL_BOTTOM = 5, 6
HUGE = 1e6  # points: room to measure a flowable's whole height in
SHORT_TABLE = 8  # rows, header included, that a table keeps on one page with its heading
SHORT_LINES = 6  # lines of text that move whole with their heading
SHORT_GRID = 2  # rows of tiles that move whole with their heading
FIRST_LINES = 2  # lines of what follows that a heading never leaves behind
MAX_CHAR_SPACE = 0.15  # in ems: a line that needs more is left ragged, not stretched
LONG_TOKEN = 3.0  # in ems: a line before an unbreakable Latin run this wide stays ragged


@dataclass(frozen=True)
class Entry:
    """A place readers navigate to: in the outline, the contents and the running header."""

    kind: str  # chapter, section or figure
    level: int  # depth in the outline
    title: str
    key: str  # the PDF destination's name
    short: str = ""  # for the running header (chapters)


class Text(Paragraph):
    """A paragraph of story text; justified lines of Chinese are stretched by character spacing.

    reportlab justifies by widening spaces, and Chinese has none. Here every full line of a
    justified paragraph gets the PDF character spacing (Tc) that spreads its leftover width
    evenly over the gaps between its characters; a paragraph's last line stays flush left, as
    does a line that would need more than MAX_CHAR_SPACE em a gap, and a line that a long
    unbreakable run (a URL) was pushed off. Lines are the ones briefing.text.linebreak made, so
    the kinsoku rules hold.
    """

    def drawPara(self, debug: int = 0) -> None:
        runs = self._justified_lines()
        if runs is None:
            super().drawPara(debug)
            return
        canvas, style = self.canv, self.style
        first = self.blPara.lines[0]
        size = first.fontSize if self.blPara.kind else self.blPara.fontSize
        y = self.height - (size if rl_config.paraFontSizeHeightOffset else self.blPara.ascent)
        if self.bulletText:
            _draw_bullet(canvas, self.bulletText, style, y)
        text = canvas.beginText()
        for i, (line, extra) in enumerate(runs):
            last = i == len(runs) - 1 and not getattr(self, "_JustifyLast", False)
            following = runs[i + 1][0] if i + 1 < len(runs) else []
            spacing = 0.0 if last else _char_space(line, extra, size, following)
            text.setTextOrigin(style.leftIndent + (style.firstLineIndent if i == 0 else 0), y)
            text.setCharSpace(spacing)
            for font, font_size, colour, chars in line:
                text.setFont(font, font_size, style.leading)
                text.setFillColor(colour)
                text.textOut(chars)
            y -= style.leading
        canvas.drawText(text)
        return None

    def _justified_lines(self) -> list[tuple[list[tuple[str, float, Any, str]], float]] | None:
        """Each line as runs (font, size, colour, text) without its end spaces, and its slack;
        None where reportlab must draw (not justified, inline images, links, underlines)."""
        para, style = self.blPara, self.style
        if style.alignment != TA_JUSTIFY or not para.lines or getattr(self, "_offsets", None):
            return None
        if para.kind == 0:
            plain = (para.fontName, para.fontSize, para.textColor)
            lines = [([(*plain, "".join(words))], extra) for extra, words in para.lines]
        else:
            if any(_decorated(f) for line in para.lines for f in line.words):
                return None
            lines = [
                ([(f.fontName, f.fontSize, f.textColor, f.text) for f in line.words],
                 line.extraSpace if not line.lineBreak else -1.0)
                for line in para.lines
            ]  # fmt: skip
        return [(_without_end_spaces(runs), extra) for runs, extra in lines]


def _char_space(
    line: list[tuple[str, float, Any, str]],
    extra: float,
    size: float,
    following: list[tuple[str, float, Any, str]],
) -> float:
    """The character spacing that spreads a line's slack over its gaps; 0 (ragged) where that
    is over MAX_CHAR_SPACE em, or where the next line starts with a long unbreakable run."""
    gaps = sum(len(t) for *_, t in line) - 1
    spacing = extra / gaps if gaps > 0 else 0.0
    if spacing < 0 or spacing > MAX_CHAR_SPACE * size or _opens_with_long_token(following):
        return 0.0
    return spacing


def _opens_with_long_token(runs: list[tuple[str, float, Any, str]]) -> bool:
    """Whether a line starts with a Latin run (a URL) at least LONG_TOKEN ems wide: one that
    could not be broken and so left the line before it short."""
    if not runs:
        return False
    font, size, _, chars = runs[0]
    token = ""
    for char in chars:
        if char >= CJK_START or char in BREAK_SPACES or char.isspace():
            break
        token += char
    return bool(pdfmetrics.stringWidth(token, font, size) >= LONG_TOKEN * size)


def _decorated(frag: Any) -> bool:
    """A fragment only reportlab's own drawing handles: image, link, underline, rise, colour."""
    return bool(
        getattr(frag, "cbDefn", None)
        or getattr(frag, "link", None)
        or getattr(frag, "us_lines", None)
        or getattr(frag, "rise", 0)
        or getattr(frag, "backColor", None)
    )


def _without_end_spaces(
    runs: list[tuple[str, float, Any, str]],
) -> list[tuple[str, float, Any, str]]:
    """A line's runs with the spaces it ends with taken off (they take no room at a break)."""
    runs = list(runs)
    while runs:
        *style, chars = runs[-1]
        trimmed = chars.rstrip("".join(BREAK_SPACES))
        if trimmed:
            runs[-1] = (style[0], style[1], style[2], trimmed)
            break
        runs.pop()
    return runs


def _draw_bullet(canvas: Canvas, bullet: str, style: ParagraphStyle, y: float) -> None:
    canvas.saveState()
    canvas.setFont(style.bulletFontName, style.bulletFontSize)
    canvas.setFillColor(getattr(style, "bulletColor", None) or style.textColor)
    canvas.drawString(style.bulletIndent, y + getattr(style, "bulletOffsetY", 0), bullet)
    canvas.restoreState()


class Heading(Text):
    """A chapter or section heading: a PDF destination, an outline entry, never split."""

    def __init__(self, text: str, style: ParagraphStyle, entry: Entry) -> None:
        super().__init__(escape(text), style)
        self.entry = entry

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.entry.key, 0, self.height + 12)
        super().draw()


def para(text: str, style: ParagraphStyle, **kwargs: Any) -> Paragraph:
    """A paragraph of story text, escaped so it is never read as markup."""
    return Text(escape(text), style, **kwargs)


def chapter(
    title: str,
    key: str,
    sheet: Sheet,
    *,
    running: str = "",
    kicker: str = "",
    kind: str = "chapter",
) -> list[Flowable]:
    """A chapter's opening heading, under a kicker where given, over a rule.

    `running` is its name in the running header; kind "front" keeps it out of the contents.
    """
    entry = Entry(kind, 0, title, key, running or title)
    parts: list[Flowable] = [para(kicker, sheet.styles["kicker"])] if kicker else []
    rule = HRFlowable(width="100%", thickness=1.6, color=sheet.colour("primary"), spaceAfter=12)
    return [*parts, Heading(title, sheet.styles["chapter"], entry), rule]


def heading(title: str, key: str, sheet: Sheet, *, keep: bool = True) -> Flowable:
    """A section heading inside a chapter; `keep` keeps it with the flowable after it."""
    style = sheet.styles["heading"]
    if not keep:
        style = ParagraphStyle(f"{style.name}-loose", parent=style, keepWithNext=0)
    return Heading(title, style, Entry("section", 1, title, key))


def section(title: str, key: str, body: Sequence[Flowable], sheet: Sheet) -> list[Flowable]:
    """A heading and what it introduces, never parted by a page break.

    Short content (up to SHORT_LINES lines of text, SHORT_GRID rows of tiles or a table of up to
    SHORT_TABLE rows) moves whole with its heading; longer content may run over pages, but
    its heading starts a new page unless it fits with what follows it up to FIRST_LINES lines
    (a table's header and first rows, a row of tiles, a whole chart).
    """
    head = heading(title, key, sheet, keep=False)
    width = sheet.layout.column
    if is_short(body, width):
        return [KeepTogether([head, *body])]
    return [CondPageBreak(room([head, *body], width)), head, *body]


def is_short(body: Sequence[Flowable], width: float) -> bool:
    """Whether content is short enough to move whole with its heading."""
    if len(body) == 1 and isinstance(body[0], DataTable):
        return len(body[0]._cellvalues) <= SHORT_TABLE
    if len(body) == 1 and isinstance(body[0], Grid):
        return body[0].tile_rows <= SHORT_GRID
    if not all(isinstance(f, Paragraph | Spacer) for f in body):
        return False
    return sum(text_lines(f, width) for f in body if isinstance(f, Paragraph)) <= SHORT_LINES


def text_lines(paragraph: Paragraph, width: float) -> int:
    """How many lines a paragraph takes in `width`."""
    paragraph.wrap(width, HUGE)
    return len(paragraph.blPara.lines)


def room(parts: Sequence[Flowable], width: float, lines: int = FIRST_LINES) -> float:
    """Height from the top of `parts` to the end of their first `lines` lines of content.

    Headings, kickers and rules count whole; so do what cannot split (a chart, a summary on
    its tint) and a paragraph that could not leave that many lines on each side of a break.
    A table counts by its first rows, tiles by their first row.
    """
    total, left = 0.0, lines
    for flowable in parts:
        if isinstance(flowable, CondPageBreak):  # a section's own measure of its first lines
            return total + float(flowable.height)
        if isinstance(flowable, KeepTogether):
            return total + height_of(flowable._content, width)
        height = flowable.wrap(width, HUGE)[1]
        total += flowable.getSpaceBefore() + _first(flowable, height, left)
        if isinstance(flowable, Heading | HRFlowable) or flowable.getKeepWithNext():
            total += flowable.getSpaceAfter()
            continue
        if isinstance(flowable, Paragraph):
            left -= len(flowable.blPara.lines)
            if left > 0:
                total += flowable.getSpaceAfter()
                continue
        return float(total)
    return float(total)


def height_of(parts: Sequence[Flowable], width: float) -> float:
    """The height of flowables one under the other, with the space between them."""
    heights = [f.wrap(width, HUGE)[1] for f in parts]
    spaces = [a.getSpaceAfter() + b.getSpaceBefore() for a, b in itertools.pairwise(parts)]
    return float(sum(heights) + sum(spaces))


def _first(flowable: Flowable, height: float, lines: int) -> float:
    """The height of the part of `flowable` that must come with what stands above it."""
    if isinstance(flowable, DataTable):
        return float(sum(flowable._rowHeights[: 1 + lines]))
    if isinstance(flowable, Grid):
        return float(flowable._rowHeights[0])
    if isinstance(flowable, Paragraph):
        count = len(flowable.blPara.lines)
        if count - lines >= 2:  # a break leaves two lines or more on either side
            return float(lines * flowable.style.leading)
    return height


class Opening(Flowable):
    """Where a block (a chapter, the outlook …) opens: on a new page, unless this page is
    filled less than `fill` (a share of its body) and holds the block's first `need` points;
    then under a thin rule with space about it, so no page is left nearly empty."""

    locChanger = 1  # never swallowed into a KeepTogether
    space = 16.0  # above and below the rule

    def __init__(self, need: float, fill: float, colour: colors.Color) -> None:
        super().__init__()
        self.need, self.fill, self.colour = need, fill, colour

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, 0.0
        frame = self._doctemplateAttr("frame")
        if frame is None or frame._atTop:
            return self.width, self.height
        used = 1 - availHeight / frame._height  # the whole body, however reserved
        if used > self.fill or availHeight < self.need + 2 * self.space:
            frame.add_generated_content(FrameBreak)
        else:
            self.height = 2 * self.space
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        if self.height:
            self.canv.setStrokeColor(self.colour)
            self.canv.setLineWidth(0.8)
            self.canv.line(0, self.space, self.width, self.space)


def lead(text: str, sheet: Sheet) -> Table:
    """A chapter's summary, set larger on a tint with the brand's bar on its left."""
    style = TableStyle([
        ("FONT", (0, 0), (-1, -1), sheet.fonts.regular),
        ("BACKGROUND", (0, 0), (-1, -1), sheet.colour("light")),
        ("LINEBEFORE", (0, 0), (0, -1), 3, sheet.colour("primary")),
        ("LEFTPADDING", (0, 0), (-1, -1), 12),
        ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 9),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 11),
    ])  # fmt: skip
    table = Table(
        [[para(text, sheet.styles["lead"])]], colWidths=[sheet.layout.column], style=style
    )
    table.spaceAfter = 4
    return table


def fitting_size(text: str, font: str, size: float, width: float, smallest: float = 7) -> float:
    """The largest size up to `size` at which `text` fits `width`, in half points."""
    while size > smallest and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def tile(shown: Tile, columns: int, sheet: Sheet) -> list[Flowable]:
    """A key-figure tile: the big printed value, its label, and its note (change, standing)."""
    style = fitted(
        sheet.styles["tile-value"],
        shown.value,
        tile_width(columns, sheet) - 2 * TILE_PADDING,
        TILE_VALUE_SMALLEST,
    )
    cell = [para(shown.value, style), para(shown.label, sheet.styles["tile-label"])]
    if shown.note:
        cell.append(para(shown.note, sheet.styles["tile-note"]))
    return cell


TILE_VALUE_SMALLEST = 10.0  # pt: a tile's value shrinks to this before the tiles get wider


def value_fits(value: str, columns: int, sheet: Sheet) -> bool:
    """Whether a tile's value fits one line of a tile in rows of `columns`, at its smallest."""
    style = sheet.styles["tile-value"]
    room = tile_width(columns, sheet) - 2 * TILE_PADDING
    return bool(pdfmetrics.stringWidth(value, style.fontName, TILE_VALUE_SMALLEST) <= room)


def fitted(style: ParagraphStyle, text: str, width: float, smallest: float = 8) -> ParagraphStyle:
    """The style, shrunk until the text fits on one line of `width` (down to `smallest` pt)."""
    size = fitting_size(text, style.fontName, style.fontSize, width, smallest)
    if size == style.fontSize:
        return style
    return ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size, leading=size * 1.3)


def grid(cells: Sequence[list[Flowable]], columns: int, sheet: Sheet) -> Table:
    """Tiles in rows of `columns`, with gaps between; a row of tiles never splits across pages."""
    rows: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), sheet.fonts.regular),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), TILE_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), TILE_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), TILE_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), TILE_PADDING + 2),
    ]
    for start in range(0, len(cells), columns):
        if rows:
            rows.append([""] * (2 * columns - 1))
            commands.append(("TOPPADDING", (0, len(rows) - 1), (-1, len(rows) - 1), 0))
            commands.append(("BOTTOMPADDING", (0, len(rows) - 1), (-1, len(rows) - 1), 0))
        row: list[Any] = []
        for i, cell in enumerate(cells[start : start + columns]):
            row += [""] if i else []
            row.append(cell)
            at = (2 * i, len(rows))
            commands.append(("BACKGROUND", at, at, sheet.colour("light")))
            commands.append(("LINEABOVE", at, at, 2, sheet.colour("primary")))
        rows.append(row + [""] * (2 * columns - 1 - len(row)))
    widths = [
        tile_width(columns, sheet) if i % 2 == 0 else TILE_GAP for i in range(2 * columns - 1)
    ]
    heights = [TILE_GAP if i % 2 else None for i in range(len(rows))]
    table = Grid(
        rows, colWidths=widths, rowHeights=heights, style=TableStyle(commands), hAlign="LEFT"
    )
    table.spaceAfter = 4
    return table


class Grid(Table):
    """Tiles in rows, with rows of gap between them; may split between rows of tiles."""

    @property
    def tile_rows(self) -> int:
        return (len(self._cellvalues) + 1) // 2


class DataTable(Table):
    """A table whose first row is its header, repeated on every page it runs over."""


def tile_width(columns: int, sheet: Sheet) -> float:
    return (sheet.layout.column - (columns - 1) * TILE_GAP) / columns


def bullets(items: Iterable[str], sheet: Sheet, style: str = "item") -> list[Flowable]:
    return [para(item, sheet.styles[style], bulletText="•") for item in items]


def table_section(
    title: str, key: str, rows: list[list[Any]], shares: Sequence[float], sheet: Sheet
) -> list[Flowable]:
    """A heading and its table, which may run over pages (see section)."""
    widths = [sheet.layout.column * share for share in shares]
    return section(title, key, [data_table(rows, widths, sheet)], sheet)


def labelled(label: str, colon: str, text: str, style: ParagraphStyle) -> Paragraph:
    """'<b>机构</b>：A、B' — a bold label, the language's colon, then the text."""
    return Text(f"<b>{escape(label)}</b>{escape(colon)}{escape(text)}", style)


def chart_figure(spec: ChartSpec, sheet: Sheet) -> Flowable:
    """The chart as a vector drawing scaled to the column, its numbered caption below."""
    drawing = chart_drawing(draw_svg(spec, sheet.brand), sheet.fonts)
    if drawing is None:
        raise RuntimeError(f"svglib could not read the SVG of chart {spec.id}")
    caption = para(spec.caption, sheet.styles["caption"])
    layout = sheet.layout
    room = layout.depth - caption.wrap(layout.column, layout.depth)[1] - FIGURE_ROOM
    scale = min(1.0, layout.column / drawing.width, room / drawing.height)  # a page holds it
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    drawing.initialFontName = sheet.fonts.regular
    entry = Entry("figure", 2, spec.caption, f"figure-{spec.number}")
    return ChartFigure(drawing, caption, entry)


FIGURE_ROOM = 40  # pt of a page a chart leaves to the space around it and under its caption


class ChartFigure(Flowable):
    """A chart over its caption: never split, a PDF destination, listed among the figures."""

    def __init__(self, drawing: Drawing, caption: Paragraph, entry: Entry) -> None:
        super().__init__()
        self.drawing, self.caption, self.entry = drawing, caption, entry
        self.spaceBefore, self.spaceAfter = 6, 14

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.drawing.height + 4 + self.caption.wrap(availWidth, availHeight)[1]
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        canvas = self.canv
        canvas.bookmarkHorizontal(self.entry.key, 0, self.height + 12)
        x = (self.width - self.drawing.width) / 2
        self.drawing.drawOn(canvas, x, self.height - self.drawing.height)
        self.caption.drawOn(canvas, 0, 0)


def data_table(rows: list[list[Any]], widths: Sequence[float], sheet: Sheet) -> Table:
    """A table of the column's width: header row in the brand colour, repeated on every page."""
    style = TableStyle([
        ("FONT", (0, 0), (-1, -1), sheet.fonts.regular),
        ("BACKGROUND", (0, 0), (-1, 0), sheet.colour("primary")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, sheet.colour("light")]),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE_GREY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_BOTTOM),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ])  # fmt: skip
    table = DataTable(rows, colWidths=list(widths), style=style, repeatRows=1, hAlign="LEFT")
    table.spaceAfter = 6
    return table


class PageNumbers:
    """Where the report's chapters and figures land, and its page total.

    The entries are known before the layout (from the flowables), so the contents takes its
    room at once; their pages and the total are filled in by the layout and read when the
    pages are drawn.
    """

    KINDS = ("chapter", "figure")  # the entries the contents lists

    def __init__(self) -> None:
        self.entries: list[Entry] = []  # what the contents lists, in the report's order
        self.pages: dict[str, int] = {}  # an entry's key → its page
        self.placed: list[Entry] = []  # the entries the layout placed, in order
        self.total: int | None = None  # pages, once laid out

    def expect(self, parts: Iterable[Flowable]) -> None:
        """Note the entries these flowables will place, in order."""
        self.entries = [e for e in entries_in(parts) if e.kind in self.KINDS]

    def start(self) -> None:
        """Forget a layout's pages before the next."""
        self.pages, self.placed, self.total = {}, [], None

    def place(self, entry: Entry, page: int) -> None:
        """The layout put `entry` on `page`."""
        if entry.kind in self.KINDS:
            self.pages[entry.key] = page
            self.placed.append(entry)

    def finish(self, total: int) -> None:
        """The layout is done: `total` pages, every expected entry placed in order."""
        if self.placed != self.entries:
            raise RuntimeError("the report's layout placed other entries than its contents lists")
        self.total = total

    def page(self, key: str) -> int:
        """The page an entry landed on."""
        return self.pages[key]


def entries_in(parts: Iterable[Flowable]) -> Iterator[Entry]:
    """The entries of flowables, those kept together included, in order."""
    for flowable in parts:
        if isinstance(flowable, KeepTogether):
            yield from entries_in(flowable._content)
        entry: Entry | None = getattr(flowable, "entry", None)
        if entry is not None:
            yield entry


class Contents(Flowable):
    """The entries of one kind (chapter or figure), a line each, with the page it lands on."""

    def __init__(self, sheet: Sheet, kind: str, numbers: PageNumbers) -> None:
        super().__init__()
        self.sheet, self.kind, self.numbers = sheet, kind, numbers
        self._lines: list[Flowable] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        style = self.sheet.styles["toc-chapter" if self.kind == "chapter" else "toc-figure"]
        self._lines = [
            ContentsLine(e.title, e.key, style, self.sheet, self.numbers)
            for e in self.numbers.entries
            if e.kind == self.kind
        ]
        self.width = availWidth
        self.height = sum(line.wrap(availWidth, availHeight)[1] for line in self._lines)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        return list(self._lines)

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        top = y + self.height
        for line in self._lines:
            top -= line.height
            line.drawOn(canvas, x, top)


class ContentsLine(Flowable):
    """'一、厚植创新沃土 政策精准赋能 · · · · 4', the whole line linked to the page."""

    def __init__(
        self, title: str, key: str, style: ParagraphStyle, sheet: Sheet, numbers: PageNumbers
    ) -> None:
        super().__init__()
        self.title, self.key, self.style, self.sheet = title, key, style, sheet
        self.numbers = numbers

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, self.style.leading
        return self.width, self.height

    def draw(self) -> None:
        canvas, style = self.canv, self.style
        number = str(self.numbers.page(self.key))  # drawn once the layout is done
        room = self.width - pdfmetrics.stringWidth(number, style.fontName, style.fontSize) - 24
        size = fitting_size(self.title, style.fontName, style.fontSize, room)
        baseline = (self.height - style.fontSize) / 2 + 0.15 * style.fontSize
        canvas.saveState()
        canvas.setFillColor(style.textColor)
        canvas.setFont(style.fontName, size)
        canvas.drawString(0, baseline, self.title)
        canvas.setFont(style.fontName, style.fontSize)
        canvas.drawRightString(self.width, baseline, number)
        start = pdfmetrics.stringWidth(self.title, style.fontName, size) + 8
        end = self.width - pdfmetrics.stringWidth(number, style.fontName, style.fontSize) - 8
        canvas.setStrokeColor(self.sheet.colour("muted"))
        canvas.setLineWidth(0.9)
        canvas.setLineCap(1)
        canvas.setDash(0.01, 3.5)
        if end > start:
            canvas.line(start, baseline + 1, end, baseline + 1)
        canvas.restoreState()
        box = (0, 0, self.width, self.height)  # described by its title, and printed
        canvas.linkRect(self.title, self.key, box, relative=1, thickness=0, F=PRINTABLE)
