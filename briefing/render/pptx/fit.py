"""Text that fits: paragraphs measured with briefing.text.measure, sizes chosen, pages split.

python-pptx cannot measure text, so every string is measured with advance widths on the wide
side of Noto Sans SC and broken by the shared Chinese rules (briefing.text.linebreak), shrunk
within a floor of 14 pt and, beyond that, continued on a further slide: no text box is filled
past its height. Pure Python: the slide plan decides pages with these.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TypeVar

from briefing.errors import BriefingError
from briefing.render.pptx.geometry import GAP, INSET, MAX_TILE_H, MAX_TILE_W, TILE_INSET, Box
from briefing.story.model import Tile, tile_columns
from briefing.text import measure

T = TypeVar("T")

LEADING = 1.3  # line pitch as a multiple of the font size, written as exact spacing
SLACK = 0.96  # share of a line the estimate may fill: room for the viewer's own font
FLOOR = 14  # no body text below this; footers and notes excepted
BODY_SIZES = (20, 18, 16)  # bullets shrink to these, then split onto continuation slides
LEAD_SIZES = (18, 16, FLOOR)
TITLE_SIZES = (28, 26, 24, 22, 20, 18, 16)
COVER_SIZES = (44, 40, 36, 32, 28, 24)
TEMPLATE_TITLE_SIZES = (44, 40, 36, 32, 28, 26, 24, 22, 20, 18, 16)
FOOTER_SIZES = (10, 9, 8)
Scale = tuple[int, int, int]  # a tile's headline, label and note sizes
TILE_SCALES: tuple[Scale, ...] = (
    (36, 18, 15),
    (32, 17, 14),
    (28, 16, 14),
    (24, 15, 14),
    (22, 14, 14),
    (20, 14, 14),
)
NOTES_SIZE = 12


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
    return measure.wrap(text, width_pt / size_pt * SLACK)


def line_count(text: str, width_pt: float, size_pt: float) -> int:
    """Lines a paragraph wraps to in a box of this width."""
    return len(wrap(text, width_pt, size_pt))


def text_width(text: str, size_pt: float) -> float:
    """Points a line of text takes at this size, with the estimate's room."""
    return measure.em_width(text) * size_pt / SLACK


def text_height(paras: Sequence[Para], width_pt: float, inset: float = INSET) -> float:
    """Height a text box needs for these paragraphs, insets included."""
    return sum(p.height(width_pt - 2 * inset) for p in paras) + inset


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
    texts: Sequence[str], bullets: Sequence[str], width: float, room: float
) -> list[Para] | None:
    """Lead paragraphs at the largest size that fits the room, or None."""
    size = first_fitting(
        LEAD_SIZES, lambda s: text_height(lead_paras(texts, s, bullets), width) <= room
    )
    return None if size is None else lead_paras(texts, size, bullets)


def bullet_paras(items: Sequence[str], size: float) -> list[Para]:
    """Bulleted items at one size."""
    return [Para(i, size, space_after=size * 0.6, bullet=True) for i in items]


def bullet_pages(items: Sequence[str], area: Box) -> list[list[Para]]:
    """Items on one slide at the largest size that fits, else at the smallest body size on
    evenly filled continuation slides; an item longer than a whole slide flows on from where
    the slide before left room, split between its lines."""
    size = first_fitting(BODY_SIZES, lambda s: fits(bullet_paras(items, s), area))
    if size is not None:
        return [bullet_paras(items, size)]
    paras = bullet_paras(items, BODY_SIZES[-1])
    width, room = area.w - 2 * INSET, area.h - INSET
    if all(p.height(width) <= room for p in paras):
        return balanced_pages(paras, [p.height(width) for p in paras], room)
    return flow_pages(paras, width, room)


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


def grid_shape(count: int) -> tuple[int, int]:
    """Columns and rows for this many tiles: the story's columns, as many rows as they need."""
    columns = max(1, tile_columns(count))
    return columns, math.ceil(count / columns)


def tile_boxes(
    count: int, area: Box, height: float | None = None, centre: bool = False
) -> list[Box]:
    """Tiles in a grid, centred across (and down if asked), as tall as allowed or given."""
    columns, rows = grid_shape(count)
    w = min((area.w - GAP * (columns - 1)) / columns, MAX_TILE_W)
    h = min((area.h - GAP * (rows - 1)) / rows, MAX_TILE_H, height or MAX_TILE_H)
    left = area.x + (area.w - (w * columns + GAP * (columns - 1))) / 2
    top = area.y + ((area.h - (h * rows + GAP * (rows - 1))) / 2 if centre else 0.0)
    return [
        Box(left + (i % columns) * (w + GAP), top + (i // columns) * (h + GAP), w, h)
        for i in range(count)
    ]


def tile_need(tile: Tile, scale: Scale, width: float) -> float:
    """Height a tile's text needs at this scale and width."""
    return text_height(tile_paras(tile, scale), width, TILE_INSET) + TILE_INSET


def tile_scale(tiles: Sequence[Tile], area: Box) -> Scale | None:
    """The largest size scale at which every headline keeps to one line and all text fits."""
    boxes = tile_boxes(len(tiles), area)

    def fit(scale: Scale) -> bool:
        return all(
            line_count(t.value, b.w - 2 * TILE_INSET, scale[0]) == 1
            and tile_need(t, scale, b.w) <= b.h
            for t, b in zip(tiles, boxes, strict=True)
        )

    return first_fitting(TILE_SCALES, fit)


def tile_pages(tiles: Sequence[Tile], first: Box, rest: Box, per_slide: int) -> list[list[Tile]]:
    """Tiles split evenly onto slides of at most per_slide, fewer if the text needs room."""
    for limit in range(per_slide, 0, -1):
        pages = max(1, math.ceil(len(tiles) / limit))
        size = max(1, math.ceil(len(tiles) / pages))  # no tiles: one slide, lead only
        chunks = [list(tiles[i : i + size]) for i in range(0, len(tiles), size)] or [[]]
        areas = [first] + [rest] * (len(chunks) - 1)
        if all(not c or tile_scale(c, a) for c, a in zip(chunks, areas, strict=True)):
            return chunks
    crowded = next(t for t in tiles if not tile_scale([t], rest))
    raise BriefingError(f"deck: the text of “{crowded.label}” is too long for a slide; shorten it")
