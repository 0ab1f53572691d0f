"""Text that fits: paragraphs measured with briefing.text.measure, sizes chosen, pages split.

python-pptx cannot measure text, so every string is measured with advance widths on the wide
side of Noto Sans SC and broken by the shared Chinese rules (briefing.text.linebreak), shrunk
within a floor of 14 pt and, beyond that, continued on a further slide: no text box is filled
past its height. Pure Python: the slide plan decides pages with these.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TypeVar

from briefing.errors import BriefingError
from briefing.render.pptx.geometry import (
    AGENDA_MAX_ROW,
    GAP,
    INSET,
    MAX_TILE_W,
    RANK_NAME_SHARES,
    RANK_SIZE,
    TILE_INSET,
    Box,
)
from briefing.story.model import Tile, label_parts, tile_columns
from briefing.text import measure

T = TypeVar("T")

LEADING = 1.3  # line pitch as a multiple of the font size, written as exact spacing
SLACK = 0.96  # share of a line the estimate may fill: room for the viewer's own font
FLOOR = 14  # no body text below this; footers and notes excepted
BODY_SIZES = (28, 26, 24, 22, 20, 18, 16)  # bullets as large as fit (28: PowerPoint's own), then on
LEAD_SIZES = (18, 16, FLOOR)
CARD_SIZES = (28, 26, 24, 22, 20, *LEAD_SIZES)  # a lead with the slide to itself, on a card
TITLE_SIZES = (28, 26, 24, 22, 20, 18, 16)
ROW_TITLE_SIZES = (28, 26, 24, 22, 20, 18, 16, FLOOR)  # a theme's title on its agenda row
NUMBER_SIZES = (40, 36, 32, 28, 24, 20, 16)  # a chapter's numeral on its badge
COVER_SIZES = (44, 40, 36, 32, 28, 24)
TEMPLATE_TITLE_SIZES = (44, 40, 36, 32, 28, 26, 24, 22, 20, 18, 16)
FOOTER_SIZES = (10, 9, 8, 7)  # a long issuer shrinks before it would wrap
Scale = tuple[int, int, int]  # a tile's headline, label and note sizes
TILE_SCALES: tuple[Scale, ...] = (
    (60, 24, 18),
    (54, 22, 18),
    (48, 22, 17),
    (44, 20, 16),
    (40, 20, 16),
    (36, 18, 15),
    (32, 17, 14),
    (28, 16, 14),
    (24, 15, 14),
    (22, 14, 14),
    (20, 14, 14),
)
NOTES_SIZE = 12
TILE_SHAPE = 1.5  # width over height a tile looks best at


class Align(StrEnum):
    """How a paragraph lines up in its box."""

    left = "left"
    centre = "centre"
    right = "right"


@dataclass(frozen=True)
class Para:
    """One paragraph to set: text, size and look.

    colour is a Colours field name ('primary', 'muted' …) or '#RRGGBB'; "" is the foreground;
    None (and bold None, align None) keeps a placeholder's own (the template's) look. bullet
    puts a '■' before the paragraph, hang only indents it as if it had one (the rest of a
    bulleted paragraph on a further slide).
    """

    text: str
    size: float
    bold: bool | None = False
    colour: str | None = ""
    space_after: float = 0.0
    bullet: bool = False
    align: Align | None = Align.left
    hang: bool = False
    field: str = ""  # "slidenum": the text is a field PowerPoint keeps up to date

    @property
    def indent(self) -> float:
        """Points the text stands in from the box for a bullet."""
        return self.size * 1.1 if self.bullet or self.hang else 0.0

    def lines(self, width_pt: float) -> list[str]:
        """The lines of this paragraph in a box of this inner width."""
        return wrap(self.text, width_pt - self.indent, self.size)

    def height(self, width_pt: float) -> float:
        """Points this paragraph takes in a box of this inner width."""
        return len(self.lines(width_pt)) * self.size * LEADING + self.space_after


# ── Measuring ───────────────────────────────────────────────────────────────


def wrap(text: str, width_pt: float, size_pt: float) -> list[str]:
    """The lines a paragraph wraps to in a box this wide, at this size: the shared rules, a
    little room left for the viewer's own font."""
    return list(_wrapped(text, width_pt / size_pt * SLACK))


@functools.lru_cache(maxsize=1 << 16)
def _wrapped(text: str, width_em: float) -> tuple[str, ...]:
    """measure.wrap, remembered: the slide plan weighs many ways to set the same texts."""
    return tuple(measure.wrap(text, width_em))


def line_count(text: str, width_pt: float, size_pt: float) -> int:
    """Lines a paragraph wraps to in a box of this width."""
    return len(wrap(text, width_pt, size_pt))


def text_width(text: str, size_pt: float) -> float:
    """Points a line of text takes at this size, with the estimate's room."""
    return measure.em_width(text) * size_pt / SLACK


def text_height(paras: Sequence[Para], width_pt: float, inset: float = INSET) -> float:
    """Height a text box needs for these paragraphs, insets included."""
    return sum(p.height(width_pt - 2 * inset) for p in paras) + inset


def inked(paras: Sequence[Para], box: Box, inset: float = INSET) -> Box:
    """The part of a text box its lines run across: as wide as its widest line (at its plain
    em widths, no slack: the least it may take), its indent and insets, and as tall as its
    lines (the last paragraph's space after is no ink)."""
    widest = max(
        (
            measure.em_width(line) * p.size + p.indent
            for p in paras
            for line in p.lines(box.w - 2 * inset)
        ),
        default=0.0,
    )
    after = paras[-1].space_after if paras else 0.0
    return Box(box.x, box.y, min(box.w, widest + 2 * inset), max(0.0, box.h - after))


def fits(paras: Sequence[Para], box: Box, inset: float = INSET) -> bool:
    """Whether these paragraphs fit the box."""
    return text_height(paras, box.w, inset) <= box.h


def first_fitting(sizes: Sequence[T], test: Callable[[T], bool]) -> T | None:
    """The first (largest) choice that passes, or None."""
    return next((s for s in sizes if test(s)), None)


def one_line_size(text: str, width: float, sizes: Sequence[int]) -> int:
    """The largest size at which text keeps to one line, else the smallest."""
    return first_fitting(sizes, lambda s: line_count(text, width, s) == 1) or sizes[-1]


def largest_fitting(text: str, box: Box, sizes: Sequence[int]) -> int | None:
    """The largest size at which the text, wrapped, fits the box."""
    return first_fitting(sizes, lambda s: fits([Para(text, s)], box))


def heading_size(text: str, box: Box, sizes: Sequence[int], inset: float = INSET) -> int | None:
    """The largest size at which a heading keeps to one line in the box, else the largest at
    which its lines fit the box's height; None if none does."""
    width = box.w - 2 * inset
    one_line = first_fitting(
        sizes,
        lambda s: line_count(text, width, s) == 1 and fits([Para(text, s)], box, inset),
    )
    return one_line or first_fitting(sizes, lambda s: fits([Para(text, s)], box, inset))


# ── Lead text and bullets ───────────────────────────────────────────────────


def lead_paras(texts: Sequence[str], size: float, bullets: Sequence[str] = ()) -> list[Para]:
    """A lead paragraph or two, then bulleted claims in the primary colour."""
    paras = [Para(t, size, space_after=size * 0.5) for t in texts]
    paras += [Para(b, size, True, "primary", space_after=size * 0.3, bullet=True) for b in bullets]
    return paras


def fit_lead(
    texts: Sequence[str],
    bullets: Sequence[str],
    width: float,
    room: float,
    sizes: Sequence[int] = LEAD_SIZES,
    inset: float = INSET,
) -> list[Para] | None:
    """Lead paragraphs at the largest size that fits the room, or None."""
    size = first_fitting(
        sizes, lambda s: text_height(lead_paras(texts, s, bullets), width, inset) <= room
    )
    return None if size is None else lead_paras(texts, size, bullets)


def bullet_paras(items: Sequence[str], size: float) -> list[Para]:
    """Bulleted items at one size."""
    return [Para(i, size, space_after=size * 0.6, bullet=True) for i in items]


def bullet_pages(items: Sequence[str], area: Box) -> list[list[Para]]:
    """Items paginated by what fits: on one slide at the largest size that fits, else on the
    fewest slides the smallest body size needs, at the largest size that needs no more, each
    slide filled evenly; an item longer than a whole slide flows on from where the slide before
    left room, split between its lines."""
    size = first_fitting(BODY_SIZES, lambda s: fits(bullet_paras(items, s), area))
    if size is not None:
        return [bullet_paras(items, size)]
    fewest = len(paginate(items, BODY_SIZES[-1], area))
    return next(
        pages for pages in (paginate(items, s, area) for s in BODY_SIZES) if len(pages) <= fewest
    )


def paginate(items: Sequence[str], size: float, area: Box) -> list[list[Para]]:
    """Items at one size on as few slides as hold them, evenly filled (flowed on where one
    item is taller than a slide)."""
    paras = bullet_paras(items, size)
    width, room = area.w - 2 * INSET, area.h - INSET
    if all(p.height(width) <= room for p in paras):
        return balanced_pages(paras, [p.height(width) for p in paras], room)
    return flow_pages(paras, width, room)


def grouped_paras(groups: Sequence[tuple[str, Sequence[str]]], size: float) -> list[list[Para]]:
    """Groups of bulleted items at one size, each under its heading (none where it is "")."""
    return [
        ([Para(heading, size, True, "primary", space_after=size * 0.4)] if heading else [])
        + bullet_paras(items, size)
        for heading, items in groups
    ]


def stacked_height(blocks: Sequence[Sequence[Para]], width: float) -> float:
    """Points blocks of paragraphs take stacked down a box of this width, a gap between."""
    return sum(text_height(b, width) for b in blocks) + GAP * (len(blocks) - 1)


def fit_groups(
    groups: Sequence[tuple[str, Sequence[str]]], area: Box, sizes: Sequence[int] = BODY_SIZES
) -> list[list[Para]] | None:
    """Groups of items stacked on one slide at the largest size that fits, or None."""
    size = first_fitting(
        sizes, lambda s: stacked_height(grouped_paras(groups, s), area.w) <= area.h
    )
    return None if size is None else grouped_paras(groups, size)


def flow_groups(
    groups: Sequence[tuple[str, Sequence[str]]], area: Box, sizes: Sequence[int] = BODY_SIZES
) -> list[list[tuple[int, list[Para]]]] | None:
    """Groups of items flowed onto as few slides as the smallest size needs, at the largest
    size that needs no more, the slides filled evenly: per slide, each group's paragraphs on
    it, by the group's index (a heading stays with its first item). None where one item is
    taller than a slide."""
    width, room = area.w - 2 * INSET, area.h - INSET

    def pages_at(size: float) -> list[list[tuple[int, Para]]] | None:
        whole = units_at(size, cut=False)
        if whole is None:
            return None
        pages = balanced_pages(*whole, room)
        heights = dict(zip(map(id, whole[0]), whole[1], strict=True))
        filled = [sum(heights[id(u)] for u in page) for page in pages]
        if len(pages) > 1 and min(filled) < room * LEAST_FILLED:  # cut paragraphs to even out
            cut = units_at(size, cut=True)
            assert cut is not None
            pages = balanced_pages(*cut, room)
        return [rejoined([t for unit in page for t in unit]) for page in pages]

    def units_at(
        size: float, cut: bool
    ) -> tuple[list[list[tuple[int, int, Para]]], list[float]] | None:
        units: list[list[tuple[int, int, Para]]] = []  # (group, paragraph, piece of it)
        heights: list[float] = []
        for g, paras in enumerate(grouped_paras(groups, size)):
            start = 2 if groups[g][0] and len(paras) > 1 else 1  # a heading with its first item
            blocks: list[list[tuple[int, Para]]] = [
                list(enumerate(paras[:start])),
                *([(k, p)] for k, p in enumerate(paras) if k >= start),
            ]
            for i, block in enumerate(blocks):
                *kept, (k, last) = block
                for j, piece in enumerate(line_pieces(last, width) if cut else [last]):
                    unit = [(g, n, p) for n, p in kept] if j == 0 else []
                    extra = GAP + INSET if g and i == 0 and j == 0 else 0.0  # a block below
                    units.append([*unit, (g, k, piece)])
                    heights.append(sum(p.height(width) for _, _, p in units[-1]) + extra)
        if max(heights, default=0.0) > room:
            return None
        return units, heights

    smallest = pages_at(sizes[-1])
    if smallest is None:
        return None
    for size in sizes:
        pages = pages_at(size)
        if pages is not None and len(pages) <= len(smallest):
            return [
                [(g, [p for h, p in page if h == g]) for g in dict.fromkeys(h for h, _ in page)]
                for page in pages
            ]
    return None


def fitting_prefix(items: Sequence[str], area: Box, size: float) -> int:
    """How many of the items, from the first, fit the area as bullets at this size."""
    paras = bullet_paras(items, size)
    return max((k for k in range(len(paras) + 1) if fits(paras[:k], area)), default=0)


def flow_pages(paras: Sequence[Para], width: float, room: float) -> list[list[Para]]:
    """Paragraphs filled onto pages in order; one taller than a page is cut at line ends into
    the room left (two lines at least, and never a single last line alone)."""
    pages: list[list[Para]] = [[]]
    used = 0.0
    for para in paras:
        height = para.height(width)
        if used + height <= room:
            pages[-1].append(para)
            used += height
            continue
        if height <= room:
            pages.append([para])
            used = height
            continue
        pitch = para.size * LEADING
        lines = para.lines(width)
        whole = len(lines)
        while lines:
            fit = int((room - used - para.space_after) // pitch)
            if fit < 2 and pages[-1]:
                pages.append([])
                used, fit = 0.0, int((room - para.space_after) // pitch)
            take = len(lines) if fit >= len(lines) else max(1, min(fit, len(lines) - 2) or fit)
            piece = para_piece(para, "".join(lines[:take]), first=len(lines) == whole)
            pages[-1].append(piece)
            used += piece.height(width)
            lines = lines[take:]
    return [page for page in pages if page]


LEAST_FILLED = 0.5  # a slide of flowed text filled less than this is evened out by cutting
PIECE_LINES = 2  # a long paragraph may be cut between slides after every this many lines


def line_pieces(para: Para, width: float) -> list[Para]:
    """A paragraph in pieces that a slide may end between: two lines each, never a last piece
    of one line, no space after but the last's; one piece where it has under five lines."""
    lines = para.lines(width)
    if len(lines) < 2 * PIECE_LINES + 1:
        return [para]
    starts = list(range(0, len(lines) - PIECE_LINES, PIECE_LINES))
    ends = [*starts[1:], len(lines)]
    return [
        replace(
            para_piece(para, "".join(lines[a:b]), first=a == 0),
            space_after=para.space_after if b == len(lines) else 0.0,
        )
        for a, b in zip(starts, ends, strict=True)
    ]


def rejoined(page: list[tuple[int, int, Para]]) -> list[tuple[int, Para]]:
    """A page's pieces with the pieces of one paragraph joined again: (group, paragraph)."""
    out: list[tuple[int, int, Para]] = []
    for g, k, para in page:
        if out and out[-1][:2] == (g, k):
            before = out[-1][2]
            joined = replace(before, text=before.text + para.text, space_after=para.space_after)
            out[-1] = (g, k, joined)
        else:
            out.append((g, k, para))
    return [(g, p) for g, _, p in out]


def para_piece(para: Para, text: str, first: bool) -> Para:
    """Part of a paragraph cut between slides: the first keeps its bullet, the rest hang."""
    return replace(para, text=text) if first else replace(para, text=text, bullet=False, hang=True)


def balanced_pages(items: Sequence[T], heights: Sequence[float], room: float) -> list[list[T]]:
    """Split items in order onto the fewest pages that hold them, as evenly filled as that
    allows: the tightest page height that still needs no more pages, found by bisection."""
    fewest = len(fill_pages(items, heights, room))
    low, high = max(max(heights, default=0.0), sum(heights) / fewest), room
    for _ in range(24):
        middle = (low + high) / 2
        if len(fill_pages(items, heights, middle)) <= fewest:
            high = middle
        else:
            low = middle
    return fill_pages(items, heights, high)


def fill_pages(items: Sequence[T], heights: Sequence[float], room: float) -> list[list[T]]:
    """Items in order, each page filled until the next would not fit."""
    pages: list[list[T]] = [[]]
    used = 0.0
    for item, height in zip(items, heights, strict=True):
        if pages[-1] and used + height > room:
            pages.append([])
            used = 0.0
        pages[-1].append(item)
        used += height
    return pages


# ── Rankings drawn with shapes: how wide their names stand ─────────────────


BADGE_LEAST = 18  # pt: a rank without a list size, on its badge, at the smallest
TRACK_LEAST = 1.5 * 72  # a track of places, at the shortest


@dataclass(frozen=True)
class RankRow:
    """What a ranking's row shows, for measuring: who and what list, the printed position,
    and whether it stands on a track (it has the list's size) or on a badge."""

    label: str
    printed: str
    tracked: bool


def rank_columns(rows: Sequence[RankRow], width: float, row: float) -> tuple[float, float]:
    """The widths of a ranking's column of names and of printed positions (after the tracks;
    none where every position is a badge), in a chart this wide with rows this tall. The
    names are as wide as the widest needs on one line, within the first of RANK_NAME_SHARES
    at which every name fits its row at the floor size (a line for each of its parts, 甲 · /
    乙, and more where a part wraps) and the room left still holds every badge and track."""
    tracked = [r.printed for r in rows if r.tracked]
    values = max(text_width(t, RANK_SIZE) for t in tracked) + 2 * INSET if tracked else 0.0
    widest = max((text_width(r.label, RANK_SIZE) for r in rows), default=0.0) + 2 * INSET
    badges = [text_width(r.printed, BADGE_LEAST) * 1.3 + 4 * INSET for r in rows if not r.tracked]
    least_track = max([TRACK_LEAST if tracked else 0.0, *badges])

    def fits_rows(column: float) -> bool:
        return all(
            sum(line_count(p, column - 2 * INSET, FLOOR) for p in label_parts(r.label))
            * FLOOR
            * LEADING
            + INSET
            <= row
            for r in rows
        )

    shares = [s for s in RANK_NAME_SHARES if width * (1 - s) - values - 2 * GAP >= least_track] or [
        RANK_NAME_SHARES[0]
    ]
    share = next((s for s in shares if fits_rows(width * s)), shares[-1])
    return min(widest, width * share), values


# ── The agenda: a row a theme ──────────────────────────────────────────────


def agenda_row(count: int, area: Box) -> float:
    """The height of each of this many agenda rows in the area."""
    return min(AGENDA_MAX_ROW, (area.h - GAP * (count - 1)) / count)


def agenda_badge(numbers: Sequence[str], row: float) -> tuple[float, int]:
    """The width of the numerals' badges on an agenda slide, and their size: the size one
    character of a numeral takes in a square as tall as the row, on a square, or a badge as
    much wider as the longest numeral needs at that size (so 十一 … 四十 stay on one line),
    the same on every row."""
    one = min(numbers, key=len)[:1] if numbers else ""
    size = heading_size(one, Box(0, 0, row, row), NUMBER_SIZES) or NUMBER_SIZES[-1]
    longest = max((text_width(n, size) for n in numbers), default=0.0)
    return row + max(0.0, longest - text_width(one, size)), size


def agenda_strip(x: float, y: float, row: float, area: Box, badge: float) -> Box:
    """Where a row's title stands: right of its numeral's badge."""
    return Box(x + badge + GAP / 2, y, area.w - badge - GAP / 2, row)


def agenda_fits(rows: Sequence[tuple[str, str]], area: Box) -> bool:
    """Whether every (numeral, title) holds its row when this many share the area."""
    row = agenda_row(len(rows), area)
    badge, _ = agenda_badge([number for number, _ in rows], row)
    strip = agenda_strip(area.x, area.y, row, area, badge).inset(TILE_INSET / 2)
    return all(heading_size(title, strip, ROW_TITLE_SIZES) is not None for _, title in rows)


# ── Tiles: a big value, a label and a note, in a grid ───────────────────────


def tile_paras(tile: Tile, scale: Scale) -> list[Para]:
    """A tile's paragraphs at a (headline, label, note) size scale; the value in its accent
    (a Colours field name), the note muted."""
    big, mid, small = scale
    out = [
        Para(tile.value, big, True, tile.accent, space_after=4),
        Para(tile.label, mid, space_after=4),
    ]
    if tile.note:
        out.append(Para(tile.note, small, colour="muted"))
    return out


def grid_shape(count: int, area: Box | None = None) -> tuple[int, int]:
    """Columns and rows for this many tiles: the story's columns, as many rows as they need;
    in an area, whole rows of fewer columns where that brings the tiles nearer TILE_SHAPE
    (four tiles two by two on a wide body rather than four tall ones across)."""
    columns = max(1, tile_columns(count))
    if area is not None and count > 1:
        options = [columns, *(c for c in range(2, columns) if count % c == 0)]
        columns = min(options, key=lambda c: abs(math.log(cell_shape(count, c, area) / TILE_SHAPE)))
    return columns, math.ceil(count / columns)


def cell_shape(count: int, columns: int, area: Box) -> float:
    """Width over height of a tile in a grid of this many columns filling the area."""
    rows = math.ceil(count / columns)
    w = min((area.w - GAP * (columns - 1)) / columns, MAX_TILE_W)
    return w / max((area.h - GAP * (rows - 1)) / rows, 1.0)


def tile_boxes(count: int, area: Box, columns: int = 0) -> list[Box]:
    """Tiles in a grid filling the area (columns as grid_shape has them unless given), none
    wider than MAX_TILE_W: a narrower grid, or a last row short of tiles, is centred across."""
    columns = columns or grid_shape(count, area)[0]
    rows = math.ceil(count / columns)
    w = min((area.w - GAP * (columns - 1)) / columns, MAX_TILE_W)
    h = (area.h - GAP * (rows - 1)) / rows
    boxes = []
    for i in range(count):
        row, column = divmod(i, columns)
        across = min(columns, count - row * columns)  # tiles in this row
        left = area.x + (area.w - (w * across + GAP * (across - 1))) / 2
        boxes.append(Box(left + column * (w + GAP), area.y + row * (h + GAP), w, h))
    return boxes


def tile_need(tile: Tile, scale: Scale, width: float) -> float:
    """Height a tile's text needs at this scale and width."""
    return text_height(tile_paras(tile, scale), width, TILE_INSET) + TILE_INSET


def tile_scale(tiles: Sequence[Tile], area: Box, columns: int = 0) -> Scale | None:
    """The largest size scale at which every headline keeps to one line and all text fits;
    for a lone tile whose headline is longer than a line even at the smallest scale (a long
    scope before a rank), the smallest scale with the headline wrapped, if its text fits."""
    boxes = tile_boxes(len(tiles), area, columns)

    def fit(scale: Scale, one_line: bool = True) -> bool:
        return all(
            (not one_line or line_count(t.value, b.w - 2 * TILE_INSET, scale[0]) == 1)
            and tile_need(t, scale, b.w) <= b.h
            for t, b in zip(tiles, boxes, strict=True)
        )

    found = first_fitting(TILE_SCALES, fit)
    if found is None and len(tiles) == 1 and fit(TILE_SCALES[-1], one_line=False):
        return TILE_SCALES[-1]
    return found


def tile_pages(tiles: Sequence[Tile], first: Box, rest: Box, per_slide: int) -> list[list[Tile]]:
    """Tiles split evenly onto slides of at most per_slide (their counts one apart at most),
    fewer if the text needs room."""
    for limit in range(per_slide, 0, -1):
        pages = max(1, math.ceil(len(tiles) / limit))
        small, more = divmod(len(tiles), pages)  # the first `more` slides take one more
        ends = [(i + 1) * small + min(i + 1, more) for i in range(pages)]
        chunks = [list(tiles[a:b]) for a, b in zip([0, *ends], ends, strict=False)] or [[]]
        areas = [first] + [rest] * (len(chunks) - 1)
        if all(not c or tile_scale(c, a) for c, a in zip(chunks, areas, strict=True)):
            return chunks
    crowded = next(t for t in tiles if not tile_scale([t], rest))
    raise BriefingError(f"deck: the text of “{crowded.label}” is too long for a slide; shorten it")
