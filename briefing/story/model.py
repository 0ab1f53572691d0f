"""The story's parts: plain, frozen data that every renderer draws and none changes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from briefing.brand import Brand
from briefing.story.dates import DocumentDate
from briefing.story.wording import Wording


@dataclass(frozen=True)
class Figure:
    """A metric as readers see it: label, printed value, change and standing."""

    id: str
    label: str
    value: str
    change: str | None
    standing: str | None
    section: str
    note: str | None = None
    remark: str | None = None  # as of, changes, target and standing: 同比增长28%，居全区首位
    claims: tuple[str, ...] = ()  # the claims that cover it: 两项均居全区首位


@dataclass(frozen=True)
class RankingLine:
    """A ranking as printed: list, subject and position."""

    id: str
    list_name: str
    subject: str
    position: str
    rank: int
    out_of: int | None
    of_region: bool = True  # the subject is the briefing's region itself
    change: str | None = None  # 较上年提升10位


@dataclass(frozen=True)
class Tile:
    """A key-figure tile: the big printed value, its label, one note, the colour role of its
    accent (a Colours field: primary for figures, secondary for rankings)."""

    value: str
    label: str
    note: str | None = None
    accent: str = "primary"


@dataclass(frozen=True)
class Bar:
    """One value of a chart, with its printed form."""

    label: str
    value: float
    printed: str
    out_of: int | None = None  # for rankings: the list size, where known
    ends: tuple[str, str] | None = None  # for rankings: the track's first and last place
    year: int | None = None  # for values by year: where the point sits on a time axis


@dataclass(frozen=True)
class Series:
    """A named run of values on one axis: a chart's metrics, a series of groups, a trend."""

    name: str
    unit: str
    bars: tuple[Bar, ...]
    heading: str = ""  # the name with its unit, for a panel of this series alone


@dataclass(frozen=True)
class Panel:
    """Series that share one value axis (one unit): a chart has a panel per unit."""

    title: str  # '项目数量（项）' for one series, '单位：项' for several
    series: tuple[int, ...]  # indexes into the chart's series
    unit_label: str  # '单位：项', or "" where the series have no unit

    @property
    def legend(self) -> bool:
        """Whether the panel needs a legend: several series share it."""
        return len(self.series) > 1


@dataclass(frozen=True)
class ChartSpec:
    """A chart to draw, format-neutral; key is a hash of what it shows and how."""

    id: str
    number: int
    kind: str
    title: str
    caption: str
    series: tuple[Series, ...]
    panels: tuple[Panel, ...]
    colour_by: str  # "bar" (each bar its own palette colour) or "series"
    alt: str
    key: str
    notes: tuple[str, ...] = ()  # what a presenter says about it
    large_numbers: tuple[tuple[float, str], ...] = ()  # axis number suffixes: 1e4 → 万

    @property
    def unit(self) -> str:
        """The unit of the first (for most kinds, the only) series."""
        return self.series[0].unit

    @property
    def bars(self) -> tuple[Bar, ...]:
        """The values of the first (for most kinds, the only) series."""
        return self.series[0].bars

    @property
    def categories(self) -> tuple[str, ...]:
        """Every category (bar label, group or year) in order of first appearance."""
        return tuple(dict.fromkeys(b.label for s in self.series for b in s.bars))

    def panel_series(self, panel: Panel) -> tuple[Series, ...]:
        """The series a panel shows."""
        return tuple(self.series[i] for i in panel.series)


@dataclass(frozen=True)
class EntityGroup:
    """Named entities of one kind: 机构: A、B、C."""

    label: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Profile:
    """An institution, platform or enterprise and what the highlights say it achieved."""

    name: str
    role: str  # its role (新型研发机构), else its kind (机构, 平台, 企业)
    results: tuple[str, ...]


@dataclass(frozen=True)
class Credit:
    """Institutions credited together, and the highlights that are theirs."""

    members: tuple[Profile, ...]
    highlights: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The members' names."""
        return tuple(p.name for p in self.members)

    @property
    def roles(self) -> tuple[str, ...]:
        """The members' roles, each once."""
        return tuple(dict.fromkeys(p.role for p in self.members))


@dataclass(frozen=True)
class Section:
    """One theme as a chapter."""

    id: str
    index: int  # 1-based
    number: str  # the ordinal: 一
    title: str
    short_title: str
    heading: str  # 一、厚植创新沃土 政策精准赋能
    name: str  # 一、政策赋能: the chapter as tables and running heads name it
    summary: str
    figures: tuple[Figure, ...]
    rankings: tuple[RankingLine, ...]
    tiles: tuple[Tile, ...]  # the figures', then the rankings'
    claims: tuple[str, ...]  # standings that are not one figure: 两项均居全区首位
    highlights: tuple[str, ...]  # every highlight, in order
    general: tuple[str, ...]  # the highlights no institution's row owns
    credits: tuple[Credit, ...]  # the institutions' rows (none, or two and more)
    entities: tuple[EntityGroup, ...]
    other_entities: tuple[EntityGroup, ...]  # the groups less the names the rows show
    charts: tuple[ChartSpec, ...]
    profiles: tuple[Profile, ...] = ()


@dataclass(frozen=True)
class Pledge:
    """One commitment of the outlook."""

    name: str
    action: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Outlook:
    """The closing outlook."""

    summary: str
    pledges: tuple[Pledge, ...]


@dataclass(frozen=True)
class SourceLine:
    """A source citation, already joined into one line of text."""

    text: str


@dataclass(frozen=True)
class Cover:
    """What the cover and title slide say."""

    title: str
    subtitle: str | None
    region: str
    period: str  # as printed: 2024年
    scope: str  # region and period as one line: 鄂尔多斯市｜2024年
    issuer: str
    date: str | None  # as printed, only where given (facts or SOURCE_DATE_EPOCH)


class BlockKind(StrEnum):
    """The kinds of block a story is made of, in the order they come."""

    cover = "cover"
    contents = "contents"
    overview = "overview"
    key_figures = "key_figures"
    chapter = "chapter"
    outlook = "outlook"
    appendix = "appendix"
    sources = "sources"
    closing = "closing"


@dataclass(frozen=True)
class Block:
    """One block of the document; a chapter block names its section by index."""

    kind: BlockKind
    index: int | None = None  # into Story.sections, for a chapter


@dataclass(frozen=True)
class Story:
    """The whole document, decided once: every output draws these blocks in this order."""

    id: str
    language: str
    words: Wording
    cover: Cover
    date: DocumentDate
    keywords: tuple[str, ...]
    blocks: tuple[Block, ...]
    overview: str
    rankings: tuple[RankingLine, ...]
    ranking_tiles: tuple[Tile, ...]
    claims: tuple[str, ...]
    key_figures: tuple[Figure, ...]
    key_tiles: tuple[Tile, ...]
    sections: tuple[Section, ...]
    outlook: Outlook | None
    sources: tuple[SourceLine, ...]
    brand: Brand

    def section(self, block: Block) -> Section:
        """The section a chapter block stands for."""
        if block.index is None:
            raise ValueError(f"a {block.kind} block has no section")
        return self.sections[block.index]

    def figures(self) -> tuple[Figure, ...]:
        """Every figure of every section, in order."""
        return tuple(f for s in self.sections for f in s.figures)

    def charts(self) -> tuple[ChartSpec, ...]:
        """Every chart, in order of its number."""
        return tuple(c for s in self.sections for c in s.charts)

    def all_rankings(self) -> tuple[tuple[RankingLine, str], ...]:
        """Headline rankings (under 概览) and each chapter's, with the name of their place."""
        found = [(r, self.words.overview) for r in self.rankings]
        return tuple(found + [(r, s.name) for s in self.sections for r in s.rankings])

    @property
    def source_note(self) -> str:
        """Where the figures come from: the facts give sources for the briefing, not a figure."""
        if len(self.sources) == 1:
            return self.words.one_source_note
        return self.words.many_sources_note.format(count=len(self.sources))

    @property
    def citation(self) -> str:
        """What a figure's source cell says: '[1]' for one source, else '见下'."""
        return self.words.cite_one if len(self.sources) == 1 else self.words.cite_many


def tile_columns(count: int) -> int:
    """Tiles a row, the same in every output: up to four, three where that leaves no gap that
    four would (5, 6 and 9 tiles)."""
    return count if count <= 4 else (3 if count in (5, 6, 9) else 4)


def single_share(spec: ChartSpec) -> bool:
    """Whether a chart is a share of one value: every format draws it as a ring (or gauge),
    since one bar against a 100% track says the same with more ink."""
    return spec.kind == "share" and len(spec.series) == 1 and len(spec.bars) == 1


def label_parts(label: str) -> list[str]:
    """Where a label had best break, in order: its space-separated parts, a part of marks
    only (the · of 甲 · 乙) kept with the one before it. A renderer that must wrap a label
    breaks between parts first."""
    parts: list[str] = []
    for part in label.split():
        if parts and not any(c.isalnum() for c in part):
            parts[-1] += " " + part
        else:
            parts.append(part)
    return parts or [label]
