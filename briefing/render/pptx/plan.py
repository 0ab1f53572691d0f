"""The slide plan: the story as a list of slides to draw, every page and word decided here.

What each slide is (cover, agenda, tiles, text, divider, chart, closing), its title (with
"（续）" on a continuation), what it holds and its speaker notes are decided from the story and
the plain boxes the master reports (Frames), before anything is drawn: pagination is not a
side effect of drawing. Pure Python, no python-pptx.

Slides: title, agenda, headline rankings and figures; for each theme a divider, its key
figures (up to six a slide), its charts, its highlights and, where the story credits
institutions with them, their progress; the outlook, the sources and a closing slide.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from briefing.errors import BriefingError
from briefing.render.pptx.fit import (
    Para,
    bullet_pages,
    fit_lead,
    heading_size,
    text_height,
    tile_pages,
)
from briefing.render.pptx.geometry import AGENDA_MIN_ROW, GAP, INSET, RULE, Box
from briefing.story.model import (
    Block,
    BlockKind,
    ChartSpec,
    Figure,
    RankingLine,
    Section,
    Story,
    Tile,
)
from briefing.story.wording import Wording

TILES_PER_SLIDE, KEY_TILES_PER_SLIDE = 6, 8
STRESSED = 3  # figures the notes ask to stress: the first, in the facts' order of importance
DIVIDER_LABEL_SIZE = 20
DIVIDER_TITLE_SIZES = (36, 32, 28, 24, 20)
RULE_H = 0.05 * 72


class Kind(StrEnum):
    """What a slide is."""

    cover = "cover"
    agenda = "agenda"
    tiles = "tiles"
    text = "text"
    divider = "divider"
    chart = "chart"
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
    is the layout's and the area holds the summary alone (a template's)."""

    content: Box
    figures: Box
    divider: Box
    stacked: bool


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
    """A grid of tiles in an area, under a lead where there is one."""

    tiles: tuple[NamedTile, ...]
    area: Box
    centre: bool  # centred down the area (no lead above)
    lead: tuple[Para, ...] = ()
    lead_box: Box | None = None


@dataclass(frozen=True)
class Text:
    """Paragraphs filling the body, in a shape of this name."""

    paras: tuple[Para, ...]
    name: str
    area: Box


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
    """A chart of the story."""

    spec: ChartSpec


Content = Cover | Agenda | Tiles | Text | Divider | Chart


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


def plan_deck(story: Story, frames: Frames) -> tuple[PlannedSlide, ...]:
    """Every slide of the deck, in order: the story's blocks, each as its slides."""
    planner = Planner(story, frames)
    return tuple(slide for block in story.blocks for slide in planner.block(block))


class Planner:
    """Turns the story's blocks into planned slides."""

    def __init__(self, story: Story, frames: Frames) -> None:
        self.story = story
        self.words: Wording = story.words
        self.frames = frames

    def block(self, block: Block) -> list[PlannedSlide]:
        """The slides of one block; the appendix is the PDF's alone."""
        if block.kind == BlockKind.chapter:
            return self.section(self.story.section(block))
        plans: dict[BlockKind, Callable[[], list[PlannedSlide]]] = {
            BlockKind.cover: self.title_slide,
            BlockKind.contents: self.agenda,
            BlockKind.overview: self.overview,
            BlockKind.key_figures: self.key_figures,
            BlockKind.outlook: self.outlook,
            BlockKind.sources: self.sources,
            BlockKind.closing: self.closing,
        }
        return plans[block.kind]() if block.kind in plans else []

    def named(self, kind: str, number: int, tile: Tile) -> NamedTile:
        """A tile with its shape's name ('指标 3') and its accent bar's ('指标 3 色条')."""
        words = self.words
        return NamedTile(
            words.shape(kind, number), words.shape(kind, number, words.shapes["tile_bar"]), tile
        )

    def continued(self, title: str, page: int) -> str:
        """'标题' for the first slide, '标题（续）' after."""
        return title if page == 0 else self.words.continued.format(title=title)

    # ── Covers ──────────────────────────────────────────────────────────────

    def title_slide(self) -> list[PlannedSlide]:
        """Cover title, subtitle, region and period, issuer and date."""
        cover, words = self.story.cover, self.words
        lines = [CoverLine(cover.subtitle, 24, space_after=12)] if cover.subtitle else []
        lines += [
            CoverLine(cover.scope, 20, True, 6),
            CoverLine(cover.issuer, 18, space_after=4),
        ]
        if cover.date:
            lines.append(CoverLine(cover.date, 16))
        notes = [
            words.note("opening", title=cover.title, region=cover.region, period=cover.period),
            *([words.note("subtitle", subtitle=cover.subtitle)] if cover.subtitle else []),
            words.note("author", issuer=cover.issuer),
        ]
        content = Cover(cover.title, tuple(lines), words.shape("cover_title"))
        return [PlannedSlide(Kind.cover, Role.title_slide, cover.title, content, tuple(notes))]

    def closing(self) -> list[PlannedSlide]:
        """谢谢, with the issuer, the title and the brand's web address."""
        cover, words, link = self.story.cover, self.words, self.story.brand.link
        lines = [CoverLine(cover.issuer, 20, True, 6), CoverLine(cover.title, 16, space_after=6)]
        if link:
            lines.append(CoverLine(link, 14))
        notes = (words.note("thanks"), words.note("closing", issuer=cover.issuer))
        content = Cover(words.closing, tuple(lines), words.shape("closing_title"))
        return [PlannedSlide(Kind.closing, Role.title_slide, words.closing, content, notes)]

    # ── Agenda ──────────────────────────────────────────────────────────────

    def agenda(self) -> list[PlannedSlide]:
        """议程: the themes, numbered as their chapters, a row each, as many a slide as fit."""
        sections, words = self.story.sections, self.words
        if not sections:
            return []
        area = self.frames.content
        per = max(1, int((area.h + GAP) // (AGENDA_MIN_ROW + GAP)))
        pages = math.ceil(len(sections) / per)
        per = math.ceil(len(sections) / pages)
        parts = words.item_sep.join(
            words.note("agenda_part", number=s.number, title=s.title) for s in sections
        )
        notes = (
            words.note("agenda", count=len(sections), parts=parts),
            words.note("agenda_flow"),
        )
        rows = [AgendaRow(i, s.number, s.title) for i, s in enumerate(sections, 1)]
        return [
            PlannedSlide(
                Kind.agenda,
                Role.content,
                self.continued(words.contents, page),
                Agenda(tuple(rows[page * per : (page + 1) * per])),
                notes,
                page,
            )
            for page in range(pages)
        ]

    # ── Tiles under a lead ──────────────────────────────────────────────────

    def tiles_and_lead(
        self,
        title: str,
        tiles: Sequence[NamedTile],
        notes: Sequence[str],
        lead: Sequence[str] = (),
        claims: Sequence[str] = (),
        per_slide: int = TILES_PER_SLIDE,
    ) -> list[PlannedSlide]:
        """A lead over a grid of tiles; the lead gets slides of its own when it leaves the
        tiles too little room, and tiles continue on further slides when crowded."""
        body = self.frames.figures
        paras = fit_lead(lead, claims, body.w, body.h * 0.45) if lead or claims else []
        slides: list[PlannedSlide] = []
        if paras is None:  # too long to share a slide with tiles
            points = self.words.shape("points")
            slides = self.text(title, [*lead, *claims], lambda _: notes, points, Role.title_only)
            paras = []
        start = len(slides)
        lead_h = text_height(paras, body.w) if paras else 0.0
        first = body.below(lead_h + GAP) if paras else body
        chunks = tile_pages([t.tile for t in tiles], first, body, per_slide)
        ends = list(itertools.accumulate(len(c) for c in chunks))
        for i, (begin, end) in enumerate(zip([0, *ends], ends, strict=False)):
            with_lead = i == 0 and bool(paras)
            content = Tiles(
                tuple(tiles[begin:end]),
                first if with_lead else body,
                centre=not with_lead,
                lead=tuple(paras) if with_lead else (),
                lead_box=Box(body.x, body.y, body.w, lead_h) if with_lead else None,
            )
            page = start + i
            slides.append(
                PlannedSlide(
                    Kind.tiles,
                    Role.title_only,
                    self.continued(title, page),
                    content,
                    tuple(notes),
                    page,
                )
            )
        return slides

    def overview(self) -> list[PlannedSlide]:
        """概览: overview text and claims over the headline rankings."""
        story, words = self.story, self.words
        tiles = [self.named("ranking_tile", i, t) for i, t in enumerate(story.ranking_tiles, 1)]
        standing = words.item_sep.join(self.ranking_line(r) for r in story.rankings)
        notes = [story.overview]
        if standing:
            notes.append(words.note("rankings", rankings=standing))
        notes += [words.note("claim", claim=c) for c in story.claims]
        return self.tiles_and_lead(words.overview, tiles, notes, [story.overview], story.claims)

    def key_figures(self) -> list[PlannedSlide]:
        """关键数据: the headline figures as tiles."""
        story, words = self.story, self.words
        if not story.key_tiles:
            return []
        tiles = [self.named("key_tile", i, t) for i, t in enumerate(story.key_tiles, 1)]
        notes = [
            words.note("key_figures"),
            *(self.figure_line(f) for f in story.key_figures),
            self.stress(story.key_figures),
        ]
        return self.tiles_and_lead(words.key_figures, tiles, notes, per_slide=KEY_TILES_PER_SLIDE)

    def outlook(self) -> list[PlannedSlide]:
        """展望: the outlook summary over one tile per pledge."""
        outlook, words = self.story.outlook, self.words
        if outlook is None:
            return []
        tiles = [
            self.named(
                "pledge",
                i,
                Tile(p.name, p.action + words.colon + words.join(p.items), accent="secondary"),
            )
            for i, p in enumerate(outlook.pledges, 1)
        ]
        notes = [
            outlook.summary,
            *(p.name + words.colon + p.action + words.join(p.items) for p in outlook.pledges),
        ]
        return self.tiles_and_lead(words.outlook, tiles, notes, [outlook.summary])

    def ranking_line(self, ranking: RankingLine) -> str:
        """'某县在某榜单中全省第3位（较上年提升10位）' for notes."""
        words = self.words
        line = words.alt_ranking.format(
            subject=ranking.subject, list=ranking.list_name, position=ranking.position
        )
        return line + words.bracketed.format(ranking.change) if ranking.change else line

    def figure_line(self, figure: Figure) -> str:
        """'label：value（change，standing）' for notes."""
        line = self.words.note("figure", label=figure.label, value=figure.value)
        return line + self.words.bracketed.format(figure.remark) if figure.remark else line

    def stress(self, figures: Sequence[Figure]) -> str:
        """The figures to stress: the first few, in the facts' own order of importance."""
        shown = self.words.item_sep.join(f.label + f.value for f in figures[:STRESSED])
        return self.words.note("stress", figures=shown)

    # ── Bulleted text ───────────────────────────────────────────────────────

    def text(
        self,
        title: str,
        items: Sequence[str],
        notes: Callable[[list[str]], Sequence[str]],
        name: str,
        role: Role = Role.content,
    ) -> list[PlannedSlide]:
        """Bulleted items, shrunk to fit or split onto continuation slides; notes of a page
        from the texts it shows."""
        area = self.frames.content if role == Role.content else self.frames.figures
        return [
            PlannedSlide(
                Kind.text,
                role,
                self.continued(title, i),
                Text(tuple(page), name, area),
                tuple(notes([p.text for p in page])),
                i,
            )
            for i, page in enumerate(bullet_pages(items, area))
        ]

    def sources(self) -> list[PlannedSlide]:
        """资料来源: one bullet per source."""
        words = self.words
        lines = [s.text for s in self.story.sources] or [words.no_sources]
        return self.text(
            words.sources,
            lines,
            lambda page: [words.note("sources"), *page],
            words.shape("sources"),
        )

    # ── A theme ─────────────────────────────────────────────────────────────

    def section(self, section: Section) -> list[PlannedSlide]:
        """A theme: its divider, its key figures and rankings, its charts, its highlights and
        the progress of the institutions they credit."""
        words = self.words
        divider = self.divider(section)
        slides = [divider]
        placed = isinstance(divider.content, Divider) and bool(divider.content.summary)
        figures = len(section.figures)
        tiles = [
            self.named("figure_tile", i, t)
            if i <= figures
            else self.named("ranking_tile", i - figures, t)
            for i, t in enumerate(section.tiles, 1)
        ]
        notes = [
            words.note("section_figures", name=section.short_title),
            *(self.figure_line(f) for f in section.figures),
            *(self.ranking_line(r) for r in section.rankings),
        ]
        if section.figures:
            notes.append(self.stress(section.figures))
        notes += [words.note("claim", claim=c) for c in section.claims]
        if tiles or section.claims or not placed:
            lead = [] if placed else [section.summary]
            slides += self.tiles_and_lead(section.heading, tiles, notes, lead, section.claims)
        slides += [
            PlannedSlide(Kind.chart, Role.title_only, section.heading, Chart(spec), spec.notes)
            for spec in section.charts
        ]
        if section.general:
            count = len(section.general)
            slides += self.text(
                words.highlights_slide.format(heading=section.name),
                section.general,
                lambda page: [words.note("highlights", count=count, shown=len(page)), *page],
                words.shape("highlights"),
            )
        if section.credits:
            lines = [
                words.join(c.names) + words.colon + words.sentences(c.highlights)
                for c in section.credits
            ]
            count = sum(len(c.highlights) for c in section.credits)
            slides += self.text(
                words.profiles_slide.format(heading=section.name),
                lines,
                lambda page: [words.note("profiles", count=count), *page],
                words.shape("profiles"),
            )
        return slides

    def divider(self, section: Section) -> PlannedSlide:
        """The theme's divider, its summary where it finds room."""
        words, frames = self.words, self.frames
        label = words.chapter_part.format(number=section.number)
        digits = f"{section.index:02d}"
        notes: tuple[str, ...] = (
            words.note("divider", number=section.number, title=section.title),
            section.summary,
        )
        if section.entities:
            groups = words.item_sep.join(
                g.label + words.colon + words.join(g.names) for g in section.entities
            )
            notes += (words.entities + words.colon + groups,)
        if frames.stacked:
            stack, summary = stacked_divider(label, section.title, section.summary, frames.divider)
            content = Divider(section.index, section.number, digits, label, summary, stack)
            title = section.title
        else:
            area = frames.divider
            found = fit_lead([section.summary], (), area.w, area.h) or []
            content = Divider(section.index, section.number, digits, label, tuple(found))
            title = section.heading
        return PlannedSlide(Kind.divider, Role.section, title, content, notes)


def stacked_divider(
    label: str, title: str, summary: str, column: Box
) -> tuple[Stack, tuple[Para, ...]]:
    """The brand divider's column: label, title (as large as keeps it in bounds), rule and
    the summary at the largest lead size the room left allows (none if it has none)."""
    width = column.w
    title_size = heading_size(title, Box(column.x, 0, width, 2.4 * 72), DIVIDER_TITLE_SIZES)
    if title_size is None:
        raise BriefingError(f"deck: the theme title “{title}” is too long for a slide")
    title_h = text_height([Para(title, title_size)], width)
    label_h = text_height([Para(label, DIVIDER_LABEL_SIZE, True)], width)
    room = column.h - label_h - title_h - RULE_H - 1.6 * GAP
    paras = fit_lead([summary], (), width, room) or []
    summary_h = text_height(paras, width) if paras else 0.0
    total = label_h + title_h + RULE_H + 1.6 * GAP + summary_h
    y = max(column.y, column.y + column.h / 2 - total / 2)
    label_box = Box(column.x, y, width, label_h)
    title_box = Box(column.x, label_box.bottom, width, title_h)
    rule = Box(column.x + INSET, title_box.bottom + 0.6 * GAP, RULE.w, RULE_H)
    summary_box = Box(column.x, rule.bottom + GAP, width, summary_h)
    return Stack(label_box, title_box, title_size, rule, summary_box), tuple(paras)
