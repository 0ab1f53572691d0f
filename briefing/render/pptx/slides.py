"""What a planned slide is and holds: plain, frozen data the slide plan makes and the drawing
reads, boxes in points. Pure Python, no python-pptx.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from briefing.render.pptx.fit import Para, text_height, tile_boxes
from briefing.render.pptx.geometry import GAP, PAGE_H, PAGE_W, Box
from briefing.story.model import ChartSpec, Tile

PAGE = Box(0, 0, PAGE_W, PAGE_H)  # the brand's 16:9 slide


class Kind(StrEnum):
    """What a slide is."""

    cover = "cover"
    agenda = "agenda"
    tiles = "tiles"
    text = "text"
    divider = "divider"
    chart = "chart"
    beside = "beside"
    closing = "closing"


class Role(StrEnum):
    """The kind of layout a slide is put on."""

    title_slide = "title"
    section = "section"
    content = "content"
    title_only = "title_only"
    blank = "blank"


@dataclass(frozen=True)
class Frames:
    """What a master offers, as plain boxes: the free body of a text slide (title and content)
    and of a figure or chart slide (title only), and a divider's summary area. stacked: the
    divider stacks label, title, rule and summary in that area (the brand's); else its title
    is the layout's and the area holds the summary alone (a template's). page: the slide;
    closing: the room for the closing slide's lines under its headline (None: no room)."""

    content: Box
    figures: Box
    divider: Box
    stacked: bool
    page: Box = PAGE
    closing: Box | None = None


@dataclass(frozen=True)
class CoverLine:
    """A line under the cover's headline: its text, largest size, and whether it is strong
    (the full ink on the fill) or soft."""

    text: str
    size: int
    strong: bool = False
    space_after: float = 0.0


@dataclass(frozen=True)
class Cover:
    """A title or closing slide: the headline and the lines under it."""

    headline: str
    lines: tuple[CoverLine, ...]
    name: str  # the headline shape's


@dataclass(frozen=True)
class AgendaRow:
    """One theme on the agenda."""

    index: int  # 1-based, across the agenda's slides
    number: str
    title: str


@dataclass(frozen=True)
class Agenda:
    """Rows of the agenda on one slide."""

    rows: tuple[AgendaRow, ...]


@dataclass(frozen=True)
class NamedTile:
    """A tile of the story with the names of its shape and of its accent bar."""

    name: str
    bar: str
    tile: Tile


@dataclass(frozen=True)
class Tiles:
    """A grid of tiles filling an area (the story's columns unless given), under a lead where
    there is one."""

    tiles: tuple[NamedTile, ...]
    area: Box
    lead: tuple[Para, ...] = ()
    lead_box: Box | None = None
    columns: int = 0
    lead_name: str = ""  # the lead's shape name where it is not the lead's (bullets)

    @property
    def boxes(self) -> list[Box]:
        """Where each tile goes."""
        return tile_boxes(len(self.tiles), self.area, self.columns)


@dataclass(frozen=True)
class TextBlock:
    """Paragraphs in a shape of this name, the box as tall as they need; or, for a card, on
    a light card filling the box, centred down, CARD_INSET in from its edges."""

    paras: tuple[Para, ...]
    name: str
    box: Box
    card: bool = False


@dataclass(frozen=True)
class Text:
    """Blocks of paragraphs stacked from the top of an area."""

    blocks: tuple[TextBlock, ...]
    area: Box

    @property
    def paras(self) -> tuple[Para, ...]:
        """Every paragraph, in order."""
        return tuple(p for b in self.blocks for p in b.paras)

    @property
    def name(self) -> str:
        """The first block's shape name."""
        return self.blocks[0].name


@dataclass(frozen=True)
class Stack:
    """The brand divider's column: label, title, rule and summary, centred down."""

    label: Box
    title: Box
    title_size: int
    rule: Box
    summary: Box


@dataclass(frozen=True)
class Divider:
    """A theme's divider: its numeral, label and summary (empty if it found no room)."""

    index: int
    number: str
    digits: str  # '01': the numeral on the brand's block ('一' alone reads as a dash)
    label: str  # 第一部分
    summary: tuple[Para, ...]
    stack: Stack | None = None


@dataclass(frozen=True)
class Chart:
    """A chart of the story, in an area (None: the body); on a light card filling the area
    where it is a ranking or a single share, which would leave most of their area bare."""

    spec: ChartSpec
    area: Box | None = None
    card: bool = False


@dataclass(frozen=True)
class Beside:
    """Parts of a theme on one slide, each in its own box: side by side, left to right (its
    figures, a chart, bullets), or one above a ranking that needs the width; under the
    figures' claims where they have some."""

    parts: tuple[Tiles | Chart | Text, ...]
    lead: tuple[Para, ...] = ()
    lead_box: Box | None = None


@dataclass(frozen=True)
class Group:
    """Bulleted items for one shape before they are set: its name, the heading it carries when
    it shares a slide ("" for none), and its notes from the items shown."""

    name: str
    heading: str
    items: tuple[str, ...]
    notes: Callable[[Sequence[str]], list[str]]


@dataclass(frozen=True)
class Piece:
    """A chapter's bulleted text for one slide title: one group, or two sharing a slide."""

    title: str
    groups: tuple[Group, ...]

    def notes(self) -> list[str]:
        """The notes of every group, all its items shown."""
        return [line for g in self.groups for line in g.notes(g.items)]


@dataclass(frozen=True)
class Figures:
    """A theme's tiles, what to say over them and the claims that lead them, as one part of
    its slides."""

    tiles: tuple[NamedTile, ...]
    notes: tuple[str, ...]
    claims: tuple[str, ...] = ()


Unit = Figures | ChartSpec | Piece  # a part of a theme that a slide can hold
Content = Cover | Agenda | Tiles | Text | Divider | Chart | Beside


@dataclass(frozen=True)
class PlannedSlide:
    """One slide: what it is, its layout role, its title as shown, what it holds, which
    continuation it is (0 for the first slide of its title) and its speaker notes."""

    kind: Kind
    role: Role
    title: str
    content: Content
    notes: tuple[str, ...]
    page: int = 0

    @property
    def footer(self) -> bool:
        """Whether it carries the footer and slide number: all but the title and closing."""
        return self.kind not in (Kind.cover, Kind.closing)


def stacked(blocks: Sequence[tuple[str, Sequence[Para]]], area: Box) -> Text:
    """Named blocks of paragraphs stacked from the top of the area, each box as tall as its
    text, a gap between."""
    out: list[TextBlock] = []
    y = area.y
    for name, paras in blocks:
        height = min(text_height(paras, area.w), area.bottom - y)
        out.append(TextBlock(tuple(paras), name, Box(area.x, y, area.w, height)))
        y += height + GAP
    return Text(tuple(out), area)


def centred(text: Text) -> Text:
    """The text's blocks moved down to stand centred in its area."""
    used = text.blocks[-1].box.bottom - text.area.y
    down = max(0.0, (text.area.h - used) / 2)
    blocks = tuple(
        replace(b, box=Box(b.box.x, b.box.y + down, b.box.w, b.box.h)) for b in text.blocks
    )
    return replace(text, blocks=blocks)


def side_by_side(area: Box, widths: Sequence[float]) -> list[Box]:
    """The area cut into columns of these shares of its width, a gap between."""
    room = area.w - GAP * (len(widths) - 1)
    boxes: list[Box] = []
    x = area.x
    for share in widths:
        boxes.append(Box(x, area.y, room * share, area.h))
        x += room * share + GAP
    return boxes
