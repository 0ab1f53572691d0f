"""Composing slides from parts: tiles under a lead, bullets as large as fit, and a theme's
parts (its figures, charts and bullets) arranged so that no slide is left near empty.

A part that alone would leave its slide near empty (one or two figures, a ranking or a ring,
bullets covering under MIN_SHARE of the slide) shares a slide with another: side by side, one
above the other where a ranking needs the width, or flowing on. Of every way to group a theme's
parts, arrange takes the one leaving fewest such parts alone, then using fewest slides. What a
chart needs is judged here, conservatively, from the ranking geometry charts.py draws with
(geometry.py).

Pure Python, no python-pptx: the slide plan (plan.py) builds on this with the story's words.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from briefing.errors import BriefingError
from briefing.render.pptx.fit import (
    BODY_SIZES,
    CARD_SIZES,
    FLOOR,
    LEADING,
    Para,
    RankRow,
    bullet_pages,
    fit_groups,
    fit_lead,
    fitting_prefix,
    flow_groups,
    inked,
    line_count,
    rank_columns,
    text_height,
    text_width,
    tile_pages,
    tile_scale,
)
from briefing.render.pptx.geometry import (
    CARD_INSET,
    CHART_CARD_PAD,
    CHART_TITLE_SIZE,
    GAP,
    INSET,
    MAX_RANK_ROW,
    RANK_BIG,
    Box,
)
from briefing.render.pptx.slides import (
    Beside,
    Chart,
    Figures,
    Frames,
    Kind,
    NamedTile,
    Piece,
    PlannedSlide,
    Role,
    Text,
    TextBlock,
    Tiles,
    Unit,
    centred,
    side_by_side,
    stacked,
)
from briefing.story.model import Bar, ChartSpec, label_parts
from briefing.story.wording import Wording

TILES_PER_SLIDE = KEY_TILES_PER_SLIDE = 8  # four to eight a slide, split evenly
MIN_SHARE = 0.31  # a slide its content covers less of is sparse (the tests ask 30%)
BESIDE_TILES = 4  # at most this many tiles stand beside a chart or bullets
BESIDE_WIDTH = {1: 0.42, 2: 0.38, 3: 0.36, 4: 0.5}  # their column's share of the body's width
CHART_BESIDE = 0.6  # a chart's share of the width with bullets beside it
SPARSE_BESIDE = 0.45  # figures' share at least beside a chart that needs little room
JOIN_SIZE = 18  # highlights and institutions' progress share a slide at this size or larger
BESIDE = (24, 22, 20)  # sizes of bullets beside figures or a chart (or over them)
LEAD_SHARE = 0.45  # of the body, at most, a lead takes over tiles
RANK_SHARE = 0.55  # of the height, at most, a ranking takes under another part
PAIRS: dict[tuple[str, ...], int] = {  # parts that may share a slide, and how little preferred
    ("Figures", "ChartSpec"): 0,
    ("ChartSpec", "Piece"): 0,
    ("Figures", "Piece"): 1,
    ("ChartSpec", "ChartSpec"): 1,
}


class Composer:
    """Makes slides of tiles, bullets and a theme's parts in the boxes a master offers."""

    def __init__(self, words: Wording, frames: Frames) -> None:
        self.words = words
        self.frames = frames

    def continued(self, title: str, page: int) -> str:
        """'标题' for the first slide, '标题（续）' after."""
        return title if page == 0 else self.words.continued.format(title=title)

    def tiles_and_lead(
        self,
        title: str,
        tiles: Sequence[NamedTile],
        notes: Sequence[str],
        lead: Sequence[str] = (),
        claims: Sequence[str] = (),
        per_slide: int = TILES_PER_SLIDE,
        given: Sequence[Para] = (),
        name: str = "",
    ) -> list[PlannedSlide]:
        """A lead over a grid of tiles; the lead gets slides of its own when it leaves the
        tiles too little room, and tiles continue on further slides when crowded. A lead
        without tiles stands large on a card filling the body. given: paragraphs set already
        to lead (bullets, in a shape of this name)."""
        body = self.frames.figures
        if given:
            return self.tile_slides(title, tiles, notes, list(given), per_slide, name)
        if not tiles and (lead or claims):
            card = fit_lead(lead, claims, body.w, body.h, CARD_SIZES, CARD_INSET)
            if card is not None:
                alone = Text((TextBlock(tuple(card), self.words.shape("lead"), body, True),), body)
                return [PlannedSlide(Kind.text, Role.title_only, title, alone, tuple(notes))]
        paras = fit_lead(lead, claims, body.w, body.h * LEAD_SHARE) if lead or claims else []
        if paras is not None:
            return self.tile_slides(title, tiles, notes, paras, per_slide)
        # too long to share a slide with tiles
        points = self.words.shape("points")
        slides = self.text(title, [*lead, *claims], lambda _: notes, points, Role.title_only)
        return slides + self.tile_slides(title, tiles, notes, [], per_slide, start=len(slides))

    def tile_slides(
        self,
        title: str,
        tiles: Sequence[NamedTile],
        notes: Sequence[str],
        paras: list[Para],
        per_slide: int,
        name: str = "",
        start: int = 0,
    ) -> list[PlannedSlide]:
        """Tiles split evenly onto slides, the lead's paragraphs (if any) over the first."""
        body = self.frames.figures
        slides: list[PlannedSlide] = []
        lead_h = text_height(paras, body.w) if paras else 0.0
        first = body.below(lead_h + GAP) if paras else body
        chunks = tile_pages([t.tile for t in tiles], first, body, per_slide)
        ends = list(itertools.accumulate(len(c) for c in chunks))
        for i, (begin, end) in enumerate(zip([0, *ends], ends, strict=False)):
            with_lead = i == 0 and bool(paras)
            content = Tiles(
                tuple(tiles[begin:end]),
                first if with_lead else body,
                lead=tuple(paras) if with_lead else (),
                lead_box=Box(body.x, body.y, body.w, lead_h) if with_lead else None,
                lead_name=name,
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

    def text(
        self,
        title: str,
        items: Sequence[str],
        notes: Callable[[list[str]], Sequence[str]],
        name: str,
        role: Role = Role.content,
    ) -> list[PlannedSlide]:
        """Bulleted items, as large as fit, continued on further slides when they do not;
        notes of a page from the texts it shows."""
        area = self.frames.content if role == Role.content else self.frames.figures
        return [
            PlannedSlide(
                Kind.text,
                role,
                self.continued(title, i),
                stacked([(name, page)], area),
                tuple(notes([p.text for p in page])),
                i,
            )
            for i, page in enumerate(bullet_pages(items, area))
        ]

    def set_piece(self, piece: Piece, area: Box, sizes: Sequence[int] = BODY_SIZES) -> Text | None:
        """A piece's groups stacked on one slide in the area, as large as fit; None if they do
        not (a lone group carries no heading: the slide's title says what it is)."""
        groups = piece.groups
        blocks = fit_groups(
            [(g.heading if len(groups) > 1 else "", g.items) for g in groups], area, sizes
        )
        if blocks is None:
            return None
        return stacked([(g.name, b) for g, b in zip(groups, blocks, strict=True)], area)

    def piece_slides(self, piece: Piece) -> list[PlannedSlide]:
        """A piece on slides of its own: one group continued as it needs; two flowed on from
        one to the other, the second under its heading."""
        if len(piece.groups) == 1:
            (group,) = piece.groups
            return self.text(piece.title, group.items, group.notes, group.name)
        groups = piece.groups
        area = self.frames.content
        pages = flow_groups([(g.heading, g.items) for g in groups], area)
        if pages is None:
            raise BriefingError(f"deck: “{piece.title}” does not fit its slides")
        slides = []
        for i, page in enumerate(pages):
            text = stacked([(groups[g].name, paras) for g, paras in page], area)
            notes = [
                line
                for g, paras in page
                for line in groups[g].notes([p.text for p in paras if p.bullet or p.hang])
            ]
            title = self.continued(piece.title, i)
            slides.append(PlannedSlide(Kind.text, Role.content, title, text, tuple(notes), i))
        return slides

    def join(self, pieces: list[Piece]) -> list[Piece]:
        """Two pieces (highlights, then institutions' progress) as one where both fit a slide
        at JOIN_SIZE or larger, or where either alone would leave its slide near empty (then
        flowed onto as many slides as they need)."""
        if len(pieces) != 2:
            return pieces
        joined = Piece(pieces[0].title, (*pieces[0].groups, *pieces[1].groups))
        area = self.frames.content
        good = [s for s in BODY_SIZES if s >= JOIN_SIZE]
        groups = [(g.heading, g.items) for g in joined.groups]
        if self.set_piece(joined, area, good) is not None:
            return [joined]
        if any(self.sparse(p) for p in pieces) and flow_groups(groups, area) is not None:
            return [joined]
        return pieces

    def share(self, boxes: Sequence[Box]) -> float:
        """The part of the slide these boxes cover."""
        page = self.frames.page
        return sum(b.w * b.h for b in boxes) / (page.w * page.h)

    def sparse(self, piece: Piece) -> bool:
        """Whether a piece alone would leave its slide near empty: one slide covered less than
        MIN_SHARE by its text (the last of several slides may be light: it is not sparse)."""
        text = self.set_piece(piece, self.frames.content)
        if text is None:
            return False
        return self.share([inked(b.paras, b.box) for b in text.blocks]) < MIN_SHARE

    def needy(self, unit: Unit) -> bool:
        """Whether a part should share a slide: one or two figures, a chart that leaves most
        of its slide empty, bullets too few to fill theirs."""
        if isinstance(unit, Figures):
            return len(unit.tiles) <= 2
        if isinstance(unit, ChartSpec):
            return sparse_chart(unit)
        return self.sparse(unit)

    def arrange(self, title: str, units: Sequence[Unit]) -> list[PlannedSlide]:
        """A theme's parts on slides, in order, side by side where that helps: of every way to
        group them (see together), the one that leaves the fewest parts that should share a
        slide alone (one or two figures counting double), then needs the fewest slides, then
        puts figures beside a chart rather than bullets. Bullets stand beside other parts at
        the BESIDE sizes only."""
        needy = [self.needy(u) for u in units]
        built: dict[tuple[int, ...], tuple[list[PlannedSlide], int] | None] = {}
        best: tuple[tuple[int, int, int], list[list[PlannedSlide]]] | None = None
        kinds = [type(u).__name__ for u in units]

        def allowed(group: tuple[int, ...]) -> bool:  # what together may accept
            shape = tuple(kinds[i] for i in group)
            if len(group) == 3:
                return shape == ("Figures", "ChartSpec", "Piece") and all(needy[i] for i in group)
            return shape in PAIRS and any(needy[i] for i in group)

        for partition in partitions(tuple(range(len(units))), allowed):
            found = []
            for group in partition:
                if group not in built:
                    parts = [units[i] for i in group]
                    built[group] = self.together(title, parts, [needy[i] for i in group])
                found.append(built[group])
            if any(f is None for f in found):
                continue
            done = [f for f in found if f is not None]
            alone = sum(  # one or two figures alone count double: they must not be
                needy[g[0]] * (2 if isinstance(units[g[0]], Figures) else 1)
                for g in partition
                if len(g) == 1
            )
            score = (alone, sum(len(s) for s, _ in done), sum(p for _, p in done))
            if best is None or score < best[0]:
                best = (score, [s for s, _ in done])
        return [slide for slides in best[1] for slide in slides] if best else []

    def together(
        self, title: str, parts: Sequence[Unit], needy: Sequence[bool]
    ) -> tuple[list[PlannedSlide], int] | None:
        """The slides of a group of parts and how little it is preferred (0 best): a part on
        its own slides; side by side, left to right, figures (four at most), charts and
        bullets that fit beside them: two parts where one should share a slide (figures
        beside bullets, or two charts, less preferred), three (figures, a chart and bullets)
        where all three should. Where two do not fit side by side: many figures leave their
        last few beside the other part (split_figures); bullets too many to stand beside
        continue on their own slides, or too few to fill one go over the figures (with_text).
        None for a group that cannot be."""
        if len(parts) == 1:
            return self.alone(title, parts[0]), 0
        kinds = tuple(type(p).__name__ for p in parts)
        three = kinds == ("Figures", "ChartSpec", "Piece") and all(needy)
        if not (three or (kinds in PAIRS and any(needy))):
            return None
        beside = self.side_by_side(title, parts)
        if beside is not None:
            return [beside], 0 if three else PAIRS[kinds]
        first, second = parts[0], parts[-1]
        many = isinstance(first, Figures) and len(first.tiles) > BESIDE_TILES
        if len(parts) == 2 and many and needy[1] and not isinstance(second, Figures):
            assert isinstance(first, Figures)
            split = self.split_figures(title, first, second)
            if split is not None:
                return split, 1
        if len(parts) == 2 and isinstance(second, Piece) and not isinstance(first, Piece):
            return self.with_text(title, first, second, needy[1])
        return None

    def side_by_side(self, title: str, parts: Sequence[Unit], page: int = 0) -> PlannedSlide | None:
        """Parts side by side on one slide (or, where a ranking needs the width, the other
        part above it), under the figures' claims; None where they do not fit."""
        body = self.frames.figures
        claims = [c for p in parts if isinstance(p, Figures) for c in p.claims]
        lead = fit_lead((), claims, body.w, body.h * LEAD_SHARE) if claims else []
        if lead is None:
            return None
        lead_h = text_height(lead, body.w) if lead else 0.0
        area = body.below(lead_h + GAP) if lead else body
        ways = [side_by_side(area, widths) for widths in self.widths(parts, area)]
        ways += [boxes] if (boxes := one_above(parts, area)) else []
        found = next(((b, f) for b in ways if (f := self.parts_in(parts, b))), None)
        if found is None:
            return None
        fitting, (shown, notes) = found
        lead_box = Box(body.x, body.y, body.w, lead_h) if lead else None
        inked_lead = [inked(lead, lead_box)] if lead_box else []
        if self.share([*inked_lead, *(b for s in shown for b in covered(s))]) < MIN_SHARE:
            shown, notes = self.parts_in(parts, fitting, cards=True) or (shown, notes)
        content = Beside(tuple(shown), tuple(lead), lead_box)
        title = self.continued(title, page)
        return PlannedSlide(Kind.beside, Role.title_only, title, content, tuple(notes), page)

    def parts_in(
        self, parts: Sequence[Unit], boxes: Sequence[Box], cards: bool = False
    ) -> tuple[list[Tiles | Chart | Text], list[str]] | None:
        """The parts set in their boxes, and their notes (bullets on cards filling their boxes
        where asked); None where one does not fit."""
        shown: list[Tiles | Chart | Text] = []
        notes: list[str] = []
        for part, box in zip(parts, boxes, strict=True):
            if isinstance(part, Figures):
                count = len(part.tiles)
                columns = count if box.w > 2 * box.h else 2 if count == 4 else 1  # a row
                if not tile_scale([t.tile for t in part.tiles], box, columns):
                    return None
                shown.append(Tiles(part.tiles, box, columns=columns))
                notes += part.notes
            elif isinstance(part, ChartSpec):
                if not ranking_fits(part, box.inset(CHART_CARD_PAD) if sparse_chart(part) else box):
                    return None
                shown.append(Chart(part, box, sparse_chart(part)))
                notes += part.notes
            else:
                text = self.card(part, box) if cards else self.set_piece(part, box, BESIDE)
                if text is None:
                    return None
                shown.append(text if cards else centred(text))
                notes += part.notes()
        return shown, notes

    def split_figures(
        self, title: str, figures: Figures, partner: ChartSpec | Piece
    ) -> list[PlannedSlide] | None:
        """More figures than stand beside a part: the last few (four at most, leaving four
        or more for the grid's slides) beside the partner after the others' slides."""
        tiles = figures.tiles
        for last in range(BESIDE_TILES, 0, -1):
            if len(tiles) - last < 4:
                continue
            few = Figures(tiles[-last:], figures.notes)
            grid = self.tiles_and_lead(title, tiles[:-last], figures.notes, claims=figures.claims)
            beside = self.side_by_side(title, [few, partner], len(grid))
            if beside is not None:
                return [*grid, beside]
        return None

    def with_text(
        self, title: str, first: Figures | ChartSpec, piece: Piece, sparse: bool
    ) -> tuple[list[PlannedSlide], int] | None:
        """Figures or a chart with bullets too many to stand beside them on one slide: the
        first bullets beside them, the rest on slides of their own (one group; the rest never
        alone near empty where fewer beside avoid it); or bullets too few to fill a slide over
        the figures' grid. None where neither fits."""
        widths = self.widths([first, piece], self.frames.figures)
        claims = isinstance(first, Figures) and first.claims
        if widths and len(piece.groups) == 1 and not claims:
            (group,) = piece.groups
            box = side_by_side(self.frames.figures, widths[0])[1]
            most = fitting_prefix(group.items, box, BESIDE[-1])
            fits = [k for k in range(most, 0, -1) if not self.sparse(part(piece, k))]
            if most:
                shown = (fits or [most])[0]
                beside = self.side_by_side(title, [first, part(piece, 0, shown)])
                if beside is not None:  # the rest on slides of their own (a card if few)
                    return [beside, *self.alone(piece.title, part(piece, shown))], 1
        if not sparse or not isinstance(first, Figures):
            return None
        body = self.frames.figures
        groups = [(g.heading if len(piece.groups) > 1 else "", g.items) for g in piece.groups]
        lead = fit_groups(groups, Box(body.x, body.y, body.w, body.h * LEAD_SHARE), BESIDE)
        if lead is None:
            return None
        paras = [p for block in lead for p in block]
        notes = [*first.notes, *piece.notes()]
        name = piece.groups[0].name
        slides = self.tile_slides(title, first.tiles, notes, paras, TILES_PER_SLIDE, name)
        return slides, 2

    def widths(self, parts: Sequence[Unit], area: Box) -> list[list[float]]:
        """Ways to share the area's width among the parts side by side, best first (none:
        figures too many or too long for a column): figures a column of BESIDE_WIDTH
        (narrower with two parts beside; beside a sparse chart wider first, then narrower to
        leave it room), a chart beside bullets CHART_BESIDE (or more), two charts halves (a
        sparse one narrower, either one where both are)."""
        first, two = parts[0], len(parts) == 2
        if isinstance(first, Figures):
            count = len(first.tiles)
            if count > BESIDE_TILES:
                return []
            base = BESIDE_WIDTH[count] if two else min(BESIDE_WIDTH[count], 0.3)
            shares = [base]
            if two and isinstance(parts[1], ChartSpec) and sparse_chart(parts[1]):
                shares = [max(base, SPARSE_BESIDE), base, 0.3]
            tiles = [t.tile for t in first.tiles]
            fitting = [
                share
                for share in dict.fromkeys(shares)
                if tile_scale(tiles, Box(0, 0, area.w * share, area.h), 2 if count == 4 else 1)
            ]
            chart = CHART_BESIDE  # of what the figures leave, beside bullets
            return [
                [s, 1 - s] if two else [s, (1 - s) * chart, (1 - s) * (1 - chart)] for s in fitting
            ]
        if isinstance(parts[1], Piece):
            return [[share, 1 - share] for share in (CHART_BESIDE, 0.68)]
        narrow = [0.4 if isinstance(p, ChartSpec) and sparse_chart(p) else 0.5 for p in parts]
        ways = [[narrow[0], 1 - narrow[0]], [1 - narrow[1], narrow[1]]]
        return sorted(ways, key=lambda w: w[0] >= w[1])  # the sparser chart narrower first

    def alone(self, title: str, unit: Unit) -> list[PlannedSlide]:
        """A part on slides of its own: bullets too few to fill their slide on a card, large."""
        if isinstance(unit, Figures):
            return self.tiles_and_lead(title, unit.tiles, unit.notes, claims=unit.claims)
        if isinstance(unit, ChartSpec):
            body = self.frames.figures
            slides = []
            for page, shown in enumerate(ranking_pages(unit, body)):
                # on a card, unless the card's edge would leave its names too little room
                on_card = sparse_chart(shown) and ranking_fits(shown, body.inset(CHART_CARD_PAD))
                chart = Chart(shown, None, on_card)
                named = self.continued(title, page)
                slides.append(
                    PlannedSlide(Kind.chart, Role.title_only, named, chart, unit.notes, page)
                )
            return slides
        if self.sparse(unit):
            text = self.card(unit)
            if text is not None:
                notes = tuple(unit.notes())
                return [PlannedSlide(Kind.text, Role.title_only, unit.title, text, notes)]
        return self.piece_slides(unit)

    def card(self, piece: Piece, body: Box | None = None) -> Text | None:
        """A piece's bullets (under their headings where there are two groups) as one block on
        a card filling the box (the figure body unless given), at the largest CARD_SIZES that
        fit; None if none do."""
        body = body or self.frames.figures
        groups = [(g.heading if len(piece.groups) > 1 else "", g.items) for g in piece.groups]
        inner = body.inset(CARD_INSET)
        blocks = fit_groups(groups, Box(inner.x, inner.y, inner.w + 2 * INSET, inner.h), CARD_SIZES)
        if blocks is None:
            return None
        paras = tuple(p for block in blocks for p in block)
        return Text((TextBlock(paras, piece.groups[0].name, body, True),), body)


def covered(part: Tiles | Chart | Text) -> list[Box]:
    """What a part set in its box covers: its tiles, its chart's area, its text as far as the
    lines run (a card whole)."""
    if isinstance(part, Tiles):
        return part.boxes
    if isinstance(part, Chart):
        return [part.area] if part.area else []
    return [b.box if b.card else inked(b.paras, b.box) for b in part.blocks]


def sparse_chart(spec: ChartSpec) -> bool:
    """A chart that leaves most of its slide empty: a ranking (a row a place, each a label, a
    thin track and a value, however many rows) or a share of one value (drawn as a ring)."""
    if spec.kind == "ranking":
        return True
    return spec.kind == "share" and len(spec.series) == 1 and len(spec.bars) == 1


def one_above(parts: Sequence[Unit], area: Box) -> list[Box] | None:
    """Boxes for two parts, one of them a ranking, the other (figures in a row, bullets) above
    the ranking across the area's width; None where the ranking would take over RANK_SHARE
    of the height or there is no such pair."""
    if len(parts) != 2:
        return None
    ranks = [p for p in parts if isinstance(p, ChartSpec) and p.kind == "ranking"]
    other = [p for p in parts if p not in ranks]
    if len(ranks) != 1 or len(other) != 1 or isinstance(other[0], ChartSpec):
        return None
    if isinstance(other[0], Figures) and len(other[0].tiles) > BESIDE_TILES:
        return None
    caption = text_height([Para(ranks[0].caption, CHART_TITLE_SIZE, True)], area.w) + GAP / 2
    height = caption + MAX_RANK_ROW * len(ranks[0].bars) + 2 * CHART_CARD_PAD  # on its card
    if height > area.h * RANK_SHARE:
        return None
    top = Box(area.x, area.y, area.w, area.h - height - GAP)
    bottom = Box(area.x, area.bottom - height, area.w, height)
    return [top, bottom] if parts[0] is other[0] else [bottom, top]


def ranking_pages(spec: ChartSpec, box: Box) -> list[ChartSpec]:
    """A chart as it is, or a ranking whose rows do not all hold their names in the box cut
    into as few charts of evenly many rows as do (each a slide); where none do (names longer
    than the tallest row holds), into charts of as many rows as stand at their tallest."""
    if spec.kind != "ranking" or ranking_fits(spec, box):
        return [spec]
    bars = spec.bars

    def cut(pages: int) -> list[ChartSpec]:
        per = math.ceil(len(bars) / pages)
        return [with_bars(spec, bars[k : k + per]) for k in range(0, len(bars), per)]

    for pages in range(2, len(bars) + 1):
        parts = cut(pages)
        if all(ranking_fits(part, box) for part in parts):
            return parts
    caption = text_height([Para(spec.caption, CHART_TITLE_SIZE, True)], box.w) + GAP / 2
    tallest = max(1, int((box.h - caption) // MAX_RANK_ROW))
    return cut(math.ceil(len(bars) / tallest))


def with_bars(spec: ChartSpec, bars: Sequence[Bar]) -> ChartSpec:
    """The chart showing only these bars (rows) of its first series."""
    first, *rest = spec.series
    return replace(spec, series=(replace(first, bars=tuple(bars)), *rest))


def ranking_fits(spec: ChartSpec, box: Box) -> bool:
    """Whether a ranking (other charts scale) keeps its names and positions in bounds in a
    box narrower than the body, judged with room to spare (the drawing is charts.py's): each
    name, a line for each of its parts at the floor size, in its column and its row; each
    position without a list size, large, in the track's room."""
    if spec.kind != "ranking" or not spec.bars:
        return True
    caption = text_height([Para(spec.caption, CHART_TITLE_SIZE, True)], box.w) + GAP / 2
    row = min(MAX_RANK_ROW, (box.h - caption) / len(spec.bars))
    rows = [RankRow(b.label, b.printed, bool(b.out_of)) for b in spec.bars]
    names, value = rank_columns(rows, box.w, row)
    track = box.w - names - value - 2 * GAP
    for bar in spec.bars:
        lines = sum(line_count(p, names - 2 * INSET, FLOOR) for p in label_parts(bar.label))
        if lines * FLOOR * LEADING + INSET > row:
            return False
        if not bar.out_of and text_width(bar.printed, RANK_BIG) * 1.3 + 4 * INSET > track:
            return False
    return True


def partitions(
    items: tuple[int, ...], allowed: Callable[[tuple[int, ...]], bool] = lambda _: True
) -> Iterator[list[tuple[int, ...]]]:
    """Every way to cut the items into allowed groups of one to three (a lone item always
    is), each group in order."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for size in range(min(2, len(rest)) + 1):
        for others in itertools.combinations(rest, size):
            if others and not allowed((first, *others)):
                continue
            left = tuple(i for i in rest if i not in others)
            for tail in partitions(left, allowed):
                yield [(first, *others), *tail]


def part(piece: Piece, start: int, end: int | None = None) -> Piece:
    """A one-group piece with only some of its items."""
    (group,) = piece.groups
    return Piece(piece.title, (replace(group, items=group.items[start:end]),))
