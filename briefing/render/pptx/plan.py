"""The slide plan: the story as a list of slides to draw, every page and word decided here.

What each slide is (cover, agenda, tiles, text, divider, chart, beside, closing), its title (with
"（续）" on a continuation), what it holds and its speaker notes are decided from the story and
the plain boxes the master reports (Frames), before anything is drawn: pagination is not a
side effect of drawing. Pure Python, no python-pptx.

Slides: title, agenda (two themes or more), headline rankings and figures (under the
overview where it has no rankings); for each theme a divider, its key figures (four to eight a
slide, in a grid filling the body), its charts, its highlights and, where the story credits
institutions with them, their progress; the outlook, the sources and a closing slide. No slide
is left near empty (compose.py): a theme's one or two figures stand beside its chart or its
bullets, a ranking or ring shares its slide, a few bullets go beside a chart or flow on with
the institutions' progress, a lead alone stands large on a card, and sources that fit go on
the closing slide.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace

from briefing.errors import BriefingError
from briefing.render.pptx.chartxml import fixed_labels
from briefing.render.pptx.compose import KEY_TILES_PER_SLIDE, TILES_PER_SLIDE, Composer
from briefing.render.pptx.fit import (
    COVER_SIZES,
    Para,
    agenda_fits,
    fit_lead,
    heading_size,
    text_height,
)
from briefing.render.pptx.geometry import (
    AGENDA_MIN_ROW,
    BODY,
    COVER_GAP,
    COVER_TEXT,
    DIVIDER_COLUMN,
    GAP,
    INSET,
    RULE,
    Box,
)
from briefing.render.pptx.slides import (
    PAGE,
    Agenda,
    AgendaRow,
    Beside,
    Chart,
    Cover,
    CoverLine,
    Divider,
    Figures,
    Frames,
    Group,
    Kind,
    NamedTile,
    Piece,
    PlannedSlide,
    Role,
    Stack,
    Unit,
)
from briefing.story.model import (
    Block,
    BlockKind,
    Figure,
    RankingLine,
    Section,
    Story,
    Tile,
    single_share,
)

SOURCE_SIZE = 14
STRESSED = 3  # figures the notes ask to stress: the first, in the facts' order of importance
DIVIDER_LABEL_SIZE = 20
DIVIDER_TITLE_SIZES = (36, 32, 28, 24, 20)
RULE_H = 0.05 * 72


def brand_frames(closing: str) -> Frames:
    """What the brand's master offers: its body for text and figures, the divider's column,
    and the closing slide's room under its headline (this text, at full size)."""
    below = text_height([Para(closing, COVER_SIZES[0], True)], COVER_TEXT.w) + COVER_GAP
    return Frames(BODY, BODY, DIVIDER_COLUMN, True, PAGE, COVER_TEXT.below(below))


def plan_deck(story: Story, frames: Frames) -> tuple[PlannedSlide, ...]:
    """Every slide of the deck, in order: the story's blocks, each as its slides."""
    planner = Planner(story, frames)
    return tuple(slide for block in story.blocks for slide in planner.block(block))


class Planner(Composer):
    """Turns the story's blocks into planned slides."""

    def __init__(self, story: Story, frames: Frames) -> None:
        super().__init__(story.words, frames)
        self.story = story
        self.key_in_overview = not story.ranking_tiles and bool(story.key_tiles)

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

    def closing_lines(self) -> list[CoverLine]:
        """The closing slide's lines: the issuer, the title and the brand's web address."""
        cover, link = self.story.cover, self.story.brand.link
        lines = [CoverLine(cover.issuer, 20, True, 6), CoverLine(cover.title, 16, space_after=6)]
        if link:
            lines.append(CoverLine(link, 14))
        return lines

    def closing(self) -> list[PlannedSlide]:
        """谢谢, with the issuer, the title, the brand's web address and the sources if they
        fit."""
        cover, words = self.story.cover, self.words
        lines = self.closing_lines()
        notes = [words.note("thanks"), words.note("closing", issuer=cover.issuer)]
        if self.sources_on_closing():  # this slide lists them: no pointer to a sources slide
            lines[-1] = replace(lines[-1], space_after=12)
            lines += self.closing_sources()
            notes[1:] = [words.note("sources"), *self.source_lines()]
        content = Cover(words.closing, tuple(lines), words.shape("closing_title"))
        return [PlannedSlide(Kind.closing, Role.title_slide, words.closing, content, tuple(notes))]

    # ── Agenda ──────────────────────────────────────────────────────────────

    def agenda(self) -> list[PlannedSlide]:
        """议程: the themes, numbered as their chapters, a row each, as many a slide as fit."""
        sections, words = self.story.sections, self.words
        if len(sections) < 2:  # an agenda of one theme says nothing its divider does not
            return []
        area = self.frames.content
        most = max(1, int((area.h + GAP) // (AGENDA_MIN_ROW + GAP)))
        titles = [(s.number, s.title) for s in sections]
        for per in range(most, 0, -1):  # as many a slide as fit, the slides evenly filled
            pages = math.ceil(len(sections) / per)
            per = math.ceil(len(sections) / pages)
            chunks = [titles[k : k + per] for k in range(0, len(titles), per)]
            if all(agenda_fits(chunk, area) for chunk in chunks):
                break
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

    def overview(self) -> list[PlannedSlide]:
        """概览: overview text and claims over the headline rankings; over the key figures
        where there are no rankings (the text alone would leave the slide near empty)."""
        story, words = self.story, self.words
        tiles = [self.named("ranking_tile", i, t) for i, t in enumerate(story.ranking_tiles, 1)]
        standing = words.item_sep.join(self.ranking_line(r) for r in story.rankings)
        notes = [story.overview]
        if standing:
            notes.append(words.note("rankings", rankings=standing))
        notes += [words.note("claim", claim=c) for c in story.claims]
        per_slide = TILES_PER_SLIDE
        if self.key_in_overview:
            tiles = self.key_tiles()
            notes += self.key_notes()
            per_slide = KEY_TILES_PER_SLIDE
        lead = [story.overview]
        return self.tiles_and_lead(words.overview, tiles, notes, lead, story.claims, per_slide)

    def key_tiles(self) -> list[NamedTile]:
        """The headline figures' tiles, named."""
        return [self.named("key_tile", i, t) for i, t in enumerate(self.story.key_tiles, 1)]

    def key_notes(self) -> list[str]:
        """What to say over the headline figures."""
        story = self.story
        return [
            self.words.note("key_figures"),
            *(self.figure_line(f) for f in story.key_figures),
            self.stress(story.key_figures),
        ]

    def key_figures(self) -> list[PlannedSlide]:
        """关键数据: the headline figures as tiles (unless the overview shows them)."""
        if not self.story.key_tiles or self.key_in_overview:
            return []
        title, tiles, notes = self.words.key_figures, self.key_tiles(), self.key_notes()
        return self.tiles_and_lead(title, tiles, notes, per_slide=KEY_TILES_PER_SLIDE)

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

    def source_lines(self) -> list[str]:
        """One line per source (a note where the facts give none)."""
        return [s.text for s in self.story.sources] or [self.words.no_sources]

    def sources_on_closing(self) -> bool:
        """Whether the sources fit under the closing slide's lines (then they have no slide)."""
        room = self.frames.closing
        if room is None or not self.story.sources:
            return False
        lines = [*self.closing_lines(), *self.closing_sources()]
        paras = [Para(line.text, line.size, space_after=line.space_after) for line in lines]
        return text_height(paras, room.w) <= room.h

    def closing_sources(self) -> list[CoverLine]:
        """The sources as small lines on the closing slide, the first under their heading."""
        words = self.words
        lines = self.source_lines()
        lines[0] = words.sources + words.colon + lines[0]
        return [CoverLine(line, SOURCE_SIZE, space_after=2) for line in lines]

    def sources(self) -> list[PlannedSlide]:
        """资料来源: one bullet per source, unless they fit on the closing slide."""
        words = self.words
        if self.sources_on_closing():
            return []
        return self.text(
            words.sources,
            self.source_lines(),
            lambda page: [words.note("sources"), *page],
            words.shape("sources"),
        )

    # ── A theme ─────────────────────────────────────────────────────────────

    def section(self, section: Section) -> list[PlannedSlide]:
        """A theme: its divider, its key figures and rankings, its charts, its highlights and
        the progress of the institutions they credit, arranged so that no slide is left near
        empty (see arrange). Figures under the summary its divider had no room for (or claims
        without figures) keep their own slides."""
        divider = self.divider(section)
        placed = isinstance(divider.content, Divider) and bool(divider.content.summary)
        tiles, notes = self.section_tiles(section)
        opening: list[PlannedSlide] = []
        units: list[Unit] = []
        if not placed or (section.claims and not tiles):
            lead = [] if placed else [section.summary]
            opening = self.tiles_and_lead(section.heading, tiles, notes, lead, section.claims)
        elif tiles:
            units.append(Figures(tuple(tiles), tuple(notes), section.claims))
        units += [*section.charts, *self.pieces(section)]
        arranged = self.arrange(section.heading, units)
        return [divider, *opening, *(self.fixed_text_said(s) for s in arranged)]

    def fixed_text_said(self, slide: PlannedSlide) -> PlannedSlide:
        """A slide whose charts show values as fixed text (a ring's value in its hole, labels
        no number format prints) with its notes saying so, after each chart's own lines: those
        values stay as they are when the chart's data is edited."""
        notes = list(slide.notes)
        shown = slide.content.parts if isinstance(slide.content, Beside) else (slide.content,)
        for chart in (part for part in shown if isinstance(part, Chart)):
            spec, words = chart.spec, self.words
            if single_share(spec):
                lines = [words.note("ring_value", value=spec.bars[0].printed)]
            else:
                fixed = fixed_labels(spec)
                lines = [words.note("fixed_labels", values=words.join(fixed))] if fixed else []
            start = notes.index(spec.notes[0]) if spec.notes and spec.notes[0] in notes else -1
            end = start + len(spec.notes) if start >= 0 else len(notes)
            notes[end:end] = lines
        return replace(slide, notes=tuple(notes))

    def section_tiles(self, section: Section) -> tuple[list[NamedTile], list[str]]:
        """A theme's tiles, named, and what to say over them."""
        words = self.words
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
        return tiles, notes

    def pieces(self, section: Section) -> list[Piece]:
        """A theme's bulleted text: its highlights and its institutions' progress, joined
        where that fills slides better (see join)."""
        words = self.words
        pieces: list[Piece] = []
        if section.general:
            count = len(section.general)
            group = Group(
                words.shape("highlights"),
                "",
                section.general,
                lambda shown: [words.note("highlights", count=count, shown=len(shown)), *shown],
            )
            pieces.append(Piece(words.highlights_slide.format(heading=section.name), (group,)))
        if section.credits:
            lines = tuple(
                words.join(c.names) + words.colon + words.sentences(c.highlights)
                for c in section.credits
            )
            count = sum(len(c.highlights) for c in section.credits)
            group = Group(
                words.shape("profiles"),
                words.profiles,
                lines,
                lambda shown: [words.note("profiles", count=count), *shown],
            )
            pieces.append(Piece(words.profiles_slide.format(heading=section.name), (group,)))
        return self.join(pieces)

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
