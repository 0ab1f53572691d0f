"""Layout defects measured on the built files, not on the model that made them.

The PDF is read with pypdfium2, character by character (origin, advance, size), and its
drawings as page objects; the deck with python-pptx, its text measured with the deck's own
estimate (briefing.render.pptx.fit). Each check returns Defects, so a test can count them by
kind and say where each one is. What counts as a defect:

PDF, on every page after the cover, inside the body frame (the margins of the brand's page):
- overflow: a character outside the body frame (the running header and footer, on the same
  baselines of every page after the cover, only outside the column's width);
- stranded: a heading of the story (a chapter's, its kicker, a section's) on a page's last line;
- broken figure: a figure of the story (a metric's printed value, a ranking's position) that
  ends one line and starts the next in its column (or the next page);
- stretched: a justified line whose characters stand more than 0.15 em further apart than the
  font sets them;
- thin page: a page whose content (text and drawings) reaches down less than 25% of the body;
- missing figure: a figure of the story not in the text at all.
Deck:
- box overflow: a text box (table cell) whose text, wrapped and measured as the deck plans it,
  is taller than the box (the row);
- off slide: a shape reaching past the slide's edges;
- thin slide: a content slide (title at the top) whose content (text as far as it runs, tiles,
  charts, tables, pictures; not the title, footer, slide number, logo, band or rule) covers less
  than 30% of the slide;
- missing figure: a figure of the story not on the slides nor in the notes.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
from pptx import Presentation
from pptx.enum.dml import MSO_FILL
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Emu

from briefing.render.pdf.styles import Layout
from briefing.render.pptx.fit import wrap
from briefing.story.model import Story
from briefing.text.linebreak import figure_spans
from briefing.text.measure import em_width
from tests.helpers import deck_text, squash

# Kinds of defect, as the tests name them.
OVERFLOW = "pdf overflow"
STRANDED = "pdf stranded heading"
BROKEN = "pdf broken figure"
STRETCHED = "pdf stretched line"
THIN_PAGE = "pdf thin page"
PDF_MISSING = "pdf missing figure"
BOX_OVERFLOW = "deck box overflow"
OFF_SLIDE = "deck off slide"
THIN_SLIDE = "deck thin slide"
DECK_MISSING = "deck missing figure"
PDF_KINDS = (OVERFLOW, STRANDED, BROKEN, STRETCHED, THIN_PAGE, PDF_MISSING)
DECK_KINDS = (BOX_OVERFLOW, OFF_SLIDE, THIN_SLIDE, DECK_MISSING)

TOLERANCE = 1.0  # points a character may stand past the body frame (rounding of positions)
STRETCH = 0.15  # ems of extra space between characters beyond which a line is stretched
LEAST_FILL = 0.25  # share of the body a page after the cover reaches down to
LEAST_COVER = 0.30  # share of the slide a content slide's content covers
RUN_GAP = 1.0  # ems of gap that separate two runs of text on one baseline (table columns)
EMU_PER_PT = 12700
BOX_TOLERANCE = 0.5  # points a box may be short or stand past the slide
WIDTH_TOLERANCE = 0.01  # points of line width lost to positions rounded to whole EMU


@dataclass(frozen=True)
class Defect:
    """One defect: its kind, where it is (page or slide) and what it is."""

    kind: str
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.where}: {self.what}"


# ── Reading the PDF ───────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Glyph:
    """One drawn character: origin, advance, baseline and em size, in PDF points (y up)."""

    char: str
    x: float
    y: float
    advance: float
    size: float
    bottom: float
    top: float

    @property
    def right(self) -> float:
        return self.x + self.advance


@dataclass
class Run:
    """Characters on one baseline with no gap of an em or more between them."""

    glyphs: list[Glyph]

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)

    @property
    def x0(self) -> float:
        return self.glyphs[0].x

    @property
    def x1(self) -> float:
        ink = [g for g in self.glyphs if not g.char.isspace()] or self.glyphs
        return ink[-1].right

    @property
    def y(self) -> float:
        return self.glyphs[0].y

    @property
    def size(self) -> float:
        return statistics.median(g.size for g in self.glyphs)


@dataclass
class Page:
    """A page's runs of text (upright ones), every glyph, and its drawings' boxes."""

    number: int
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    drawings: list[tuple[float, float, float, float]] = field(default_factory=list)
    text: str = ""


def read_pdf(path: Path) -> list[Page]:
    """Every page's characters, runs and drawings."""
    document = pdfium.PdfDocument(str(path))
    pages = []
    try:
        for index in range(len(document)):
            pages.append(_read_page(document[index], index + 1))
    finally:
        document.close()
    return pages


def _read_page(pdf_page: Any, number: int) -> Page:
    width, height = pdf_page.get_size()
    page = Page(number, width, height)
    textpage = pdf_page.get_textpage()
    x, y = ctypes.c_double(), ctypes.c_double()
    upright: list[Glyph] = []
    for i in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(textpage.raw, i)
        if pdfium_c.FPDFText_IsGenerated(textpage.raw, i) or code in (0, 10, 13, 0xFFFE):
            continue
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, i, x, y)
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        size = top - bottom
        glyph = Glyph(chr(code), x.value, y.value, right - left, size, bottom, top)
        page.glyphs.append(glyph)
        angle = pdfium_c.FPDFText_GetCharAngle(textpage.raw, i)
        if abs(angle) < 1e-3 and size > 0:
            upright.append(glyph)
    page.text = textpage.get_text_range()
    page.runs = _runs(upright)
    for obj in pdf_page.get_objects(max_depth=4):
        if obj.type in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE,
                        pdfium_c.FPDF_PAGEOBJ_SHADING):  # fmt: skip
            page.drawings.append(tuple(obj.get_bounds()))
    textpage.close()
    return page


def _runs(glyphs: list[Glyph]) -> list[Run]:
    """Glyphs grouped by baseline, left to right, split at gaps of an em or more; top down."""
    lines: dict[float, list[Glyph]] = {}
    for glyph in glyphs:
        key = next((k for k in lines if abs(k - glyph.y) < 0.5), glyph.y)
        lines.setdefault(key, []).append(glyph)
    runs: list[Run] = []
    for key in sorted(lines, reverse=True):
        row = sorted(lines[key], key=lambda g: g.x)
        current = [row[0]]
        for glyph in row[1:]:
            gap = glyph.x - current[-1].right
            if gap >= RUN_GAP * max(glyph.size, current[-1].size) or glyph.x < current[-1].x:
                runs.append(Run(current))
                current = []
            current.append(glyph)
        runs.append(Run(current))
    return runs


# ── PDF checks ────────────────────────────────────────────────────────────────────────────────


def body_of(story: Story) -> tuple[float, float, float, float]:
    """The body frame (left, bottom, right, top) of the story's page, in PDF points."""
    layout = Layout.of(story.brand.page)
    return layout.left, layout.bottom, layout.width - layout.right, layout.height - layout.top


def _inside(glyph: Glyph, body: tuple[float, float, float, float]) -> bool:
    left, bottom, right, top = body
    return (
        glyph.x >= left - TOLERANCE
        and glyph.right <= right + TOLERANCE
        and glyph.bottom >= bottom - TOLERANCE
        and glyph.top <= top + TOLERANCE
    )


def decoration_baselines(pages: list[Page], body: tuple[float, float, float, float]) -> set[float]:
    """Baselines (to half a point) outside the body on every page after the cover: the
    running header's and footer's."""
    shared: set[float] | None = None
    for page in pages[1:]:
        found = {round(g.y * 2) / 2 for g in page.glyphs if not _inside(g, body)}
        shared = found if shared is None else shared & found
    return shared or set()


def overflow(pages: list[Page], body: tuple[float, float, float, float]) -> list[Defect]:
    """Characters outside the body frame, pages after the cover; the running header and footer
    only where they leave the column's width."""
    left, _, right, _ = body
    decoration = decoration_baselines(pages, body)
    found = []
    for page in pages[1:]:
        outside = [g for g in page.glyphs if not g.char.isspace() and not _inside(g, body)]
        stray = [
            g
            for g in outside
            if round(g.y * 2) / 2 not in decoration
            or g.x < left - TOLERANCE
            or g.right > right + TOLERANCE
        ]
        if stray:
            text = "".join(g.char for g in stray)
            where = f"x {min(g.x for g in stray):.0f}–{max(g.right for g in stray):.0f}, "
            where += f"y {min(g.bottom for g in stray):.0f}–{max(g.top for g in stray):.0f}"
            found.append(Defect(OVERFLOW, f"page {page.number}", f"{text[:40]!r} at {where}"))
    return found


def headings(story: Story) -> set[str]:
    """Every heading the report sets (squashed): chapters, their kickers, sections."""
    words = story.words
    names = {
        words.contents, words.figures_list, words.overview, words.rankings, words.key_figures,
        words.charts, words.highlights, words.profiles, words.entities, words.outlook,
        words.pledges, words.appendix, words.appendix_notes, words.metrics_table,
        words.rankings_table, words.sources,
    }  # fmt: skip
    for section in story.sections:
        names |= {section.heading, section.short_title}
    return {squash(n) for n in names}


def body_lines(page: Page, body: tuple[float, float, float, float]) -> list[str]:
    """The page's lines of text inside the body, top down, each baseline's runs joined."""
    lines: list[tuple[float, str]] = []
    for run in page.runs:
        if not all(_inside(g, body) for g in run.glyphs):
            continue
        if lines and abs(lines[-1][0] - run.y) < 0.5:
            lines[-1] = (lines[-1][0], lines[-1][1] + run.text)
        else:
            lines.append((run.y, run.text))
    return [squash(text) for _, text in lines if squash(text)]


def stranded(pages: list[Page], story: Story) -> list[Defect]:
    """Headings on a page's last line (or last lines, for a heading that wraps)."""
    body, names = body_of(story), headings(story)
    found = []
    for page in pages[1:]:
        lines = body_lines(page, body)
        for count in (1, 2, 3):
            tail = "".join(lines[-count:])
            if len(lines) >= count and tail in names:
                found.append(Defect(STRANDED, f"page {page.number}", tail))
                break
    return found


def figures(story: Story) -> list[str]:
    """What the story prints as figures: every metric's value, every ranking's position."""
    values = [f.value for f in story.figures()]
    values += [r.position for r, _ in story.all_rankings()]
    return list(dict.fromkeys(squash(v) for v in values if squash(v)))


def _next_line(run: Run, runs: list[Run]) -> Run | None:
    """The run that continues this one on the next line of its column, if any."""
    below = [
        r
        for r in runs
        if 0.5 * run.size < run.y - r.y <= 2.6 * run.size
        and abs(r.size - run.size) < 0.5
        and min(run.x1, r.x1) - max(run.x0, r.x0) > 0
        and r.x0 >= run.x0 - 2.5 * run.size
    ]
    return max(below, key=lambda r: (r.y, -abs(r.x0 - run.x0)), default=None)


def split_figure(before: str, after: str, value: str) -> int | None:
    """Where `value` is cut if `before` ends with its head and `after` starts with its tail;
    a cut before or after the figure a printed value holds (累计 / 首次达到两千一百二十四座左右),
    where the rules let a line break when the figure does not fit the rest of the line, is
    no cut."""
    spans = figure_spans(value)
    for cut in range(1, len(value)):
        if spans and not any(a < cut < b for a, b in spans):
            continue
        head, tail = value[:cut], value[cut:]
        if not (before.endswith(head) and after.startswith(tail)):
            continue
        ahead = before[: len(before) - len(head)][-1:]
        behind = after[len(tail) :][:1]
        if value[0].isdigit() and (ahead.isdigit() or ahead == "."):
            continue
        if value[-1].isdigit() and behind.isdigit():
            continue
        return cut
    return None


def broken_figures(pages: list[Page], story: Story) -> list[Defect]:
    """Figures cut between the end of one line and the start of the next in its column, or
    between a page's last line and the next page's first."""
    values, body = figures(story), body_of(story)
    pairs: list[tuple[int, str, str, str]] = []  # page, line, next line, what size
    for page in pages[1:]:
        for run in page.runs:
            following = _next_line(run, page.runs)
            if following is not None:
                size = f" ({run.size:.1f} pt)"
                pairs.append((page.number, squash(run.text), squash(following.text), size))
    lines = [body_lines(page, body) for page in pages]
    for page, ends, starts in zip(pages[1:], lines[1:], lines[2:], strict=False):
        if ends and starts:
            pairs.append((page.number, ends[-1], starts[0], " (over the page)"))
    found = []
    for number, before, after, size in pairs:
        for value in values:
            cut = split_figure(before, after, value)
            if cut is not None:
                what = f"{value[:cut]} | {value[cut:]}{size}"
                found.append(Defect(BROKEN, f"page {number}", what))
    return found


def stretched(pages: list[Page]) -> list[Defect]:
    """Lines whose characters stand apart by more than STRETCH em beyond their advance."""
    found = []
    for page in pages[1:]:
        for run in page.runs:
            gaps = [
                (b.x - a.right) / a.size for a, b in itertools.pairwise(run.glyphs) if a.size > 0
            ]
            if len(gaps) >= 2 and statistics.median(gaps) > STRETCH:
                what = f"{statistics.median(gaps):.2f} em a gap: {run.text[:30]!r}"
                found.append(Defect(STRETCHED, f"page {page.number}", what))
    return found


def fill(page: Page, body: tuple[float, float, float, float]) -> float:
    """How far down the body the page's content reaches, as a share of the body's height."""
    left, bottom, right, top = body
    lows = [g.bottom for g in page.glyphs if _inside(g, body) and not g.char.isspace()]
    for x0, y0, x1, y1 in page.drawings:
        if x1 > left and x0 < right and y1 > bottom and y0 < top:
            lows.append(max(y0, bottom))
    if not lows:
        return 0.0
    return (top - min(lows)) / (top - bottom)


def thin_pages(pages: list[Page], story: Story) -> list[Defect]:
    """Pages after the cover whose content reaches down less than LEAST_FILL of the body."""
    body = body_of(story)
    found = []
    for page in pages[1:]:
        share = fill(page, body)
        if share < LEAST_FILL:
            lines = body_lines(page, body)
            what = f"{share:.0%} full: {' / '.join(lines)[:60]!r}"
            found.append(Defect(THIN_PAGE, f"page {page.number} of {len(pages)}", what))
    return found


def printed(value: str, text: str) -> bool:
    """Whether a figure is in squashed text, not as the tail of a longer number."""
    return re.search(rf"(?<![0-9.]){re.escape(value)}", text) is not None


def missing(values: Iterable[str], text: str, kind: str) -> list[Defect]:
    """Figures not in the text."""
    return [Defect(kind, "anywhere", v) for v in values if not printed(v, text)]


def pdf_defects(path: Path, story: Story) -> list[Defect]:
    """Every defect of a built report."""
    pages = read_pdf(path)
    body = body_of(story)
    text = squash("".join(p.text for p in pages))
    return [
        *overflow(pages, body),
        *stranded(pages, story),
        *broken_figures(pages, story),
        *stretched(pages),
        *thin_pages(pages, story),
        *missing(figures(story), text, PDF_MISSING),
    ]


# ── The deck ─────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Placed:
    """A shape with its box on the slide, in points (groups' children in slide space)."""

    shape: Any
    x: float
    y: float
    w: float
    h: float


def placed(shapes: Iterable[Any], transform: tuple[float, float, float, float] = (0, 0, 1, 1)
           ) -> Iterator[Placed]:  # fmt: skip
    """Every shape with its box on the slide, the children of groups after their group."""
    dx, dy, sx, sy = transform
    for shape in shapes:
        if shape.left is None or shape.width is None:
            continue
        x = dx + sx * shape.left / EMU_PER_PT
        y = dy + sy * shape.top / EMU_PER_PT
        w, h = sx * shape.width / EMU_PER_PT, sy * shape.height / EMU_PER_PT
        yield Placed(shape, x, y, w, h)
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            xfrm = shape._element.grpSpPr.find(qn("a:xfrm"))
            off, ext = xfrm.find(qn("a:chOff")), xfrm.find(qn("a:chExt"))
            cx, cy = int(off.get("x")) / EMU_PER_PT, int(off.get("y")) / EMU_PER_PT
            cw, ch = int(ext.get("cx")) / EMU_PER_PT, int(ext.get("cy")) / EMU_PER_PT
            kx, ky = (w / cw if cw else sx), (h / ch if ch else sy)
            yield from placed(shape.shapes, (x - kx * cx, y - ky * cy, kx, ky))


def _points(length: Any, default: float) -> float:
    return default if length is None else Emu(int(length)).pt


def _insets(frame: Any) -> tuple[float, float, float, float]:
    """A text frame's insets (left, top, right, bottom) in points, PowerPoint's defaults if
    unset."""
    body = frame._txBody.find(qn("a:bodyPr"))

    def side(name: str, default: float) -> float:
        value = body.get(name) if body is not None else None
        return default if value is None else int(value) / EMU_PER_PT

    return side("lIns", 7.2), side("tIns", 3.6), side("rIns", 7.2), side("bIns", 3.6)


@dataclass(frozen=True)
class Measured:
    """A paragraph as the deck's estimate sets it."""

    lines: list[str]
    size: float
    pitch: float
    before: float
    after: float
    indent: float


def _paragraph(paragraph: Any, width: float) -> Measured:
    size = next((r.font.size.pt for r in paragraph.runs if r.font.size is not None), None)
    pPr = paragraph._p.find(qn("a:pPr"))
    if size is None and pPr is not None:
        default = pPr.find(qn("a:defRPr"))
        if default is not None and default.get("sz"):
            size = int(default.get("sz")) / 100
    size = size or 18.0
    spacing = paragraph.line_spacing
    if spacing is None:
        pitch = 1.2 * size
    elif isinstance(spacing, float):
        pitch = 1.2 * size * spacing
    else:
        pitch = spacing.pt
    indent = int(pPr.get("marL", 0)) / EMU_PER_PT if pPr is not None else 0.0
    text = paragraph.text.replace("\v", "\n")  # a line break within the paragraph
    lines = wrap(text, width - indent + WIDTH_TOLERANCE, size) if text.strip() else [""]
    before, after = _points(paragraph.space_before, 0.0), _points(paragraph.space_after, 0.0)
    return Measured(lines, size, pitch, before, after, indent)


def paragraphs_need(paragraphs: Iterable[Any], width: float) -> tuple[float, float]:
    """Height and widest line (points) of paragraphs in a line this wide, as the deck's
    estimate wraps them; no space after the last paragraph (nothing is drawn there)."""
    measured = [_paragraph(p, width) for p in paragraphs]
    height = widest = 0.0
    for i, m in enumerate(measured):
        height += len(m.lines) * m.pitch + m.before + (m.after if i < len(measured) - 1 else 0)
        widest = max([widest, *(em_width(line) * m.size + m.indent for line in m.lines)])
    return height, widest


def text_need(frame: Any, width: float) -> tuple[float, float]:
    """Height and widest line of a text frame's text in a box this wide, insets included."""
    left, top, right, bottom = _insets(frame)
    height, widest = paragraphs_need(frame.paragraphs, width - left - right)
    return height + top + bottom, widest + left + right


def _has_text(shape: Any) -> bool:
    return bool(getattr(shape, "has_text_frame", False) and shape.text_frame.text.strip())


def _table_need(item: Placed) -> float:
    """Height a table needs: each row as tall as its tallest cell's text (margins included),
    or as tall as it is set."""
    table = item.shape.table
    total = 0.0
    for row in table.rows:
        tallest = row.height / EMU_PER_PT
        for cell, column in zip(row.cells, table.columns, strict=False):
            if not cell.text.strip():
                continue
            sides = (cell.margin_left, cell.margin_top, cell.margin_right, cell.margin_bottom)
            left, top, right, bottom = (
                _points(v, d) for v, d in zip(sides, (7.2, 3.6, 7.2, 3.6), strict=True)
            )
            width = column.width / EMU_PER_PT - left - right
            height, _ = paragraphs_need(cell.text_frame.paragraphs, width)
            tallest = max(tallest, height + top + bottom)
        total += tallest
    return total


def box_overflow(deck: Any) -> list[Defect]:
    """Text boxes (and tables) whose text needs more height than they have."""
    found = []
    for number, slide in enumerate(deck.slides, 1):
        for item in placed(slide.shapes):
            shape = item.shape
            if getattr(shape, "has_table", False) and shape.has_table:
                need = _table_need(item)
            elif _has_text(shape):
                need, _ = text_need(shape.text_frame, item.w)
            else:
                continue
            if need > item.h + BOX_TOLERANCE:
                what = f"{shape.name!r} needs {need:.0f} pt, has {item.h:.0f}"
                found.append(Defect(BOX_OVERFLOW, f"slide {number}", what))
    return found


def off_slide(deck: Any) -> list[Defect]:
    """Shapes reaching past the slide's edges."""
    width, height = deck.slide_width / EMU_PER_PT, deck.slide_height / EMU_PER_PT
    found = []
    for number, slide in enumerate(deck.slides, 1):
        for item in placed(slide.shapes):
            if (
                item.x < -BOX_TOLERANCE
                or item.y < -BOX_TOLERANCE
                or item.x + item.w > width + BOX_TOLERANCE
                or item.y + item.h > height + BOX_TOLERANCE
            ):
                what = f"{item.shape.name!r} at {item.x:.0f},{item.y:.0f} {item.w:.0f}×{item.h:.0f}"
                found.append(Defect(OFF_SLIDE, f"slide {number}", what))
    return found


FRAME_PLACEHOLDERS = {
    PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.FOOTER,
    PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE,
}  # fmt: skip
FRAME_SHAPES = ("band", "title", "title_rule", "footer", "footer_marking", "slide_number",
                "logo", "logo_plate", "marking")  # fmt: skip


def frame_shape(shape: Any, story: Story) -> bool:
    """Whether a shape is the slide's frame (title, footer, number, logo, band, rule)."""
    if shape.is_placeholder and shape.placeholder_format.type in FRAME_PLACEHOLDERS:
        return True
    names = [story.words.shapes[k] for k in FRAME_SHAPES if k in story.words.shapes]
    return any(shape.name == n or shape.name.startswith(n + " ") for n in names)


def _filled(shape: Any) -> bool:
    """Whether a shape has a fill of its own (a tile), not a bare text box."""
    try:
        return shape.fill.type not in (None, MSO_FILL.BACKGROUND)
    except (AttributeError, TypeError, NotImplementedError):
        return False


def content_slide(slide: Any, height: float) -> bool:
    """A slide with its title at the top: not the title, divider or closing slide."""
    for shape in slide.placeholders:
        if shape.placeholder_format.type == PP_PLACEHOLDER.TITLE and shape.top is not None:
            return bool(shape.top / EMU_PER_PT < height / 4)
    return False


WHOLE = (MSO_SHAPE_TYPE.CHART, MSO_SHAPE_TYPE.PICTURE)  # shapes that cover their whole box


def content_boxes(slide: Any, story: Story) -> list[tuple[float, float, float, float]]:
    """What a slide's content covers: filled shapes, charts, pictures and tables whole, the text
    of unfilled boxes as far as it runs; the frame left out."""
    boxes = []
    for item in placed(slide.shapes):
        shape = item.shape
        if frame_shape(shape, story):
            continue
        kind = shape.shape_type
        if kind == MSO_SHAPE_TYPE.GROUP:
            if shape.name.startswith(story.words.shapes["chart"]):
                boxes.append((item.x, item.y, item.w, item.h))  # a chart drawn with shapes
            continue  # else its children count
        if getattr(shape, "has_table", False) and shape.has_table:
            boxes.append((item.x, item.y, item.w, max(item.h, _table_need(item))))
        elif kind in WHOLE or getattr(shape, "has_chart", False) or _filled(shape):
            boxes.append((item.x, item.y, item.w, item.h))
        elif _has_text(shape):
            need, widest = text_need(shape.text_frame, item.w)
            w = min(item.w, widest)
            align = shape.text_frame.paragraphs[0].alignment
            x = item.x + (item.w - w) / 2 if align == 2 else item.x  # 2: centred
            boxes.append((x, item.y, w, min(item.h, need)))
    return boxes


def union_area(boxes: list[tuple[float, float, float, float]]) -> float:
    """Area covered by rectangles (x, y, w, h), overlaps counted once."""
    xs = sorted({v for x, _, w, _ in boxes for v in (x, x + w)})
    area = 0.0
    for left, right in itertools.pairwise(xs):
        spans = sorted((y, y + h) for x, y, w, h in boxes if x <= left and x + w >= right)
        covered, end = 0.0, float("-inf")
        for top, bottom in spans:
            if bottom <= end:
                continue
            covered += bottom - max(top, end)
            end = bottom
        area += covered * (right - left)
    return area


def thin_slides(deck: Any, story: Story) -> list[Defect]:
    """Content slides whose content covers less than LEAST_COVER of the slide."""
    width, height = deck.slide_width / EMU_PER_PT, deck.slide_height / EMU_PER_PT
    found = []
    for number, slide in enumerate(deck.slides, 1):
        if not content_slide(slide, height):
            continue
        share = union_area(content_boxes(slide, story)) / (width * height)
        if share < LEAST_COVER:
            title = slide.shapes.title.text_frame.text if slide.shapes.title else ""
            found.append(Defect(THIN_SLIDE, f"slide {number}", f"{share:.0%}: {title[:30]!r}"))
    return found


def notes(deck: Any) -> str:
    """Every slide's speaker notes."""
    return "\n".join(
        s.notes_slide.notes_text_frame.text
        for s in deck.slides
        if s.has_notes_slide and s.notes_slide.notes_text_frame is not None
    )


def deck_defects(path: Path, story: Story) -> list[Defect]:
    """Every defect of a built deck."""
    deck = Presentation(str(path))
    text = squash(deck_text(path) + notes(deck))
    return [
        *box_overflow(deck),
        *off_slide(deck),
        *thin_slides(deck, story),
        *missing(figures(story), text, DECK_MISSING),
    ]
