"""The story: a format-neutral document built once from facts and brand."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from .brand import Brand
from .facts import Chart, ChartKind, Entity, Facts, Metric, Ranking, Theme
from .numbers import format_change, format_number, format_rank, format_value

CHAPTER_NUMERALS = "一二三四五六七八九十"
KIND_LABELS = {
    "institution": "机构",
    "organization": "组织",
    "enterprise": "企业",
    "person": "人物",
    "award": "奖项",
    "project": "项目",
    "technology": "技术与成果",
    "place": "地区",
    "policy": "政策",
    "program": "行动与机制",
    "event": "活动",
    "platform": "平台",
    "recognition": "荣誉与入选",
}
# Entities whose achievements a chapter lists, one row each: what the highlights credit them with.
PROFILE_KINDS = ("institution", "platform", "enterprise")
CHART_KIND_NAMES = {
    ChartKind.bar: "条形图",
    ChartKind.share: "占比图",
    ChartKind.ranking: "排名图",
    ChartKind.grouped: "分组条形图",
    ChartKind.line: "折线图",
}


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


@dataclass(frozen=True)
class RankingLine:
    """A ranking as printed: list, subject and position."""

    id: str
    list_name: str
    subject: str
    position: str
    rank: int
    out_of: int | None


@dataclass(frozen=True)
class Bar:
    """One value of a chart, with its printed form."""

    label: str
    value: float
    printed: str
    out_of: int | None = None  # for rankings: the list size, where known


@dataclass(frozen=True)
class Series:
    """A named run of values on one axis: a chart's metrics, a series of groups, a trend."""

    name: str
    unit: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class ChartSpec:
    """A chart to draw, format-neutral; key is a hash of what it shows and how."""

    id: str
    number: int
    kind: str
    title: str
    series: tuple[Series, ...]
    alt: str
    key: str

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

    @property
    def caption(self) -> str:
        """'图1  2024年科技计划项目数量'."""
        return f"图{self.number}  {self.title}"


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
class Section:
    """One theme as a chapter."""

    id: str
    number: str
    title: str
    short_title: str
    summary: str
    figures: tuple[Figure, ...]
    rankings: tuple[RankingLine, ...]
    highlights: tuple[str, ...]
    entities: tuple[EntityGroup, ...]
    charts: tuple[ChartSpec, ...]
    profiles: tuple[Profile, ...] = ()

    @property
    def heading(self) -> str:
        """'一、厚植创新沃土 政策精准赋能'."""
        return f"{self.number}、{self.title}"


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
    period: str
    issuer: str
    date: str | None
    issued: dt.date | None = None  # the facts' date as a date, for document metadata


@dataclass(frozen=True)
class Story:
    """The whole document: cover → key figures → sections → outlook → sources."""

    id: str
    language: str
    cover: Cover
    overview: str
    rankings: tuple[RankingLine, ...]
    claims: tuple[str, ...]
    key_figures: tuple[Figure, ...]
    sections: tuple[Section, ...]
    outlook: Outlook
    sources: tuple[SourceLine, ...]
    brand: Brand

    def figures(self) -> tuple[Figure, ...]:
        """Every figure of every section, in order."""
        return tuple(f for s in self.sections for f in s.figures)

    def charts(self) -> tuple[ChartSpec, ...]:
        """Every chart, in order of its number."""
        return tuple(c for s in self.sections for c in s.charts)


def build_story(facts: Facts, brand: Brand) -> Story:
    """Lay the facts out as a story, the same for every output format."""
    meta = facts.briefing
    charts = _number_charts(facts, brand)
    sections = tuple(_section(theme, i, facts, charts) for i, theme in enumerate(facts.themes))
    figures = {f.id: f for s in sections for f in s.figures}
    return Story(
        id=meta.id,
        language=meta.language,
        cover=Cover(
            title=meta.title,
            subtitle=meta.subtitle,
            region=meta.region,
            period=meta.period,
            issuer=meta.issuer or brand.name,
            date=_date_text(facts),
            issued=meta.date,
        ),
        overview=facts.headline.summary,
        rankings=tuple(_ranking(r, meta.region) for r in facts.headline.rankings),
        claims=tuple(c.text for c in facts.headline.claims),
        key_figures=tuple(figures[i] for i in facts.headline.key_figures),
        sections=sections,
        outlook=Outlook(
            summary=facts.outlook.summary,
            pledges=tuple(Pledge(p.name, p.action, tuple(p.items)) for p in facts.outlook.pledges),
        ),
        sources=tuple(
            SourceLine(
                "，".join(x for x in (s.title, s.publisher, _iso(s.date), s.url, s.note) if x)
            )
            for s in meta.sources
        ),
        brand=brand,
    )


def _date_text(facts: Facts) -> str | None:
    date = facts.briefing.date
    return f"{date.year}年{date.month}月{date.day}日" if date else None


def _iso(date: object) -> str | None:
    return str(date) if date else None


def _figure(metric: Metric, section: str) -> Figure:
    return Figure(
        id=metric.id,
        label=metric.label,
        value=format_value(metric),
        change=format_change(metric.change) if metric.change else None,
        standing=metric.standing,
        section=section,
        note=metric.note,
    )


def _ranking(ranking: Ranking, region: str) -> RankingLine:
    return RankingLine(
        id=ranking.id,
        list_name=ranking.list,
        subject=ranking.subject or region,
        position=format_rank(ranking),
        rank=ranking.rank,
        out_of=ranking.out_of,
    )


def _section(theme: Theme, index: int, facts: Facts, charts: dict[str, ChartSpec]) -> Section:
    return Section(
        id=theme.id,
        number=CHAPTER_NUMERALS[index] if index < len(CHAPTER_NUMERALS) else str(index + 1),
        title=theme.title,
        short_title=theme.short_title or theme.title,
        summary=theme.summary,
        figures=tuple(_figure(m, theme.id) for m in theme.metrics),
        rankings=tuple(_ranking(r, facts.briefing.region) for r in theme.rankings),
        highlights=tuple(h.text for h in theme.highlights),
        entities=_entity_groups(theme.entities),
        charts=tuple(charts[c.id] for c in theme.charts),
        profiles=_profiles(theme, facts),
    )


def _profiles(theme: Theme, facts: Facts) -> tuple[Profile, ...]:
    """Institutions, platforms and enterprises the theme's highlights name, with those highlights.

    In the theme's own order of entities, then any named from elsewhere in order of mention.
    """
    credited: dict[str, list[str]] = {}
    for highlight in theme.highlights:
        for ident in highlight.entities:
            credited.setdefault(ident, []).append(highlight.text)
    known = facts.entities()
    order = [e.id for e in theme.entities if e.id in credited] + list(credited)
    return tuple(
        Profile(entity.name, entity.role or KIND_LABELS[entity.kind], tuple(credited[ident]))
        for ident in dict.fromkeys(order)
        if (entity := known.get(ident)) and entity.kind in PROFILE_KINDS
    )


def _entity_groups(entities: list[Entity]) -> tuple[EntityGroup, ...]:
    groups: dict[str, list[str]] = {}
    for entity in entities:
        name = (
            f"{entity.name}（{entity.role}）"
            if entity.role and entity.kind == "person"
            else entity.name
        )
        groups.setdefault(KIND_LABELS[entity.kind], []).append(name)
    return tuple(EntityGroup(label, tuple(names)) for label, names in groups.items())


def _number_charts(facts: Facts, brand: Brand) -> dict[str, ChartSpec]:
    specs: dict[str, ChartSpec] = {}
    for theme in facts.themes:
        for chart in theme.charts:
            specs[chart.id] = _chart(chart, len(specs) + 1, facts, brand)
    return specs


def _chart(chart: Chart, number: int, facts: Facts, brand: Brand) -> ChartSpec:
    """Series and alt text of one chart, from the facts only."""
    series, said = SERIES_OF[chart.kind](chart, facts)
    payload = {
        "kind": chart.kind.value,
        "title": chart.title,
        "series": [asdict(s) for s in series],
        "colours": brand.colours.chart,
        "text": [brand.colours.foreground, brand.colours.background, brand.colours.muted],
        "fonts": [_file_identity(p) for p in (brand.fonts.regular, brand.fonts.bold)],
    }
    digest = hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode())
    return ChartSpec(
        id=chart.id,
        number=number,
        kind=chart.kind.value,
        title=chart.title,
        series=series,
        alt=f"{CHART_KIND_NAMES[chart.kind]}：{chart.title}。{said}",
        key=digest.hexdigest()[:20],
    )


def _file_identity(path: Path) -> list[str | int]:
    """Path, size and modification time: a font changed in place changes the charts' key."""
    stat = path.stat()
    return [str(path), stat.st_size, stat.st_mtime_ns]


def _metric_bar(metric: Metric) -> Bar:
    return Bar(metric.short_label or metric.label, metric.value, format_value(metric))


def _bar_series(chart: Chart, facts: Facts) -> tuple[tuple[Series, ...], str]:
    metrics = facts.metrics()
    bars = tuple(_metric_bar(metrics[m]) for m in chart.metrics)
    unit = metrics[chart.metrics[0]].unit
    return (Series(chart.title, unit, bars),), "，".join(f"{b.label}{b.printed}" for b in bars)


def _ranking_series(chart: Chart, facts: Facts) -> tuple[tuple[Series, ...], str]:
    rankings = facts.rankings()
    shown = [rankings[r] for r in chart.rankings]
    region = facts.briefing.region
    bars = tuple(Bar(r.subject or region, float(r.rank), format_rank(r), r.out_of) for r in shown)
    said = "，".join(f"{b.label}在{r.list}中{b.printed}" for b, r in zip(bars, shown, strict=True))
    return (Series(chart.title, "位", bars),), said


def _grouped_series(chart: Chart, facts: Facts) -> tuple[tuple[Series, ...], str]:
    metrics = facts.metrics()
    series = []
    for i, name in enumerate(chart.series):
        shown = [(g.label, metrics[g.metrics[i]]) for g in chart.groups]
        bars = tuple(Bar(label, m.value, format_value(m)) for label, m in shown)
        series.append(Series(name, shown[0][1].unit, bars))
    said = "；".join(
        f"{g.label}：" + "，".join(f"{s.name}{s.bars[i].printed}" for s in series)
        for i, g in enumerate(chart.groups)
    )
    return tuple(series), said


def _line_series(chart: Chart, facts: Facts) -> tuple[tuple[Series, ...], str]:
    metrics = facts.metrics()
    period = facts.briefing.period
    series = []
    for ident in chart.metrics:
        metric = metrics[ident]
        points = {
            year: (value, f"{format_number(value)}{metric.unit}")
            for year, value in metric.series.items()
        }
        if period.isdigit():
            points[int(period)] = (metric.value, format_value(metric))
        bars = tuple(Bar(f"{year}年", v, printed) for year, (v, printed) in sorted(points.items()))
        series.append(Series(metric.short_label or metric.label, metric.unit, bars))
    said = "；".join(
        f"{s.name}：" + "，".join(f"{b.label}{b.printed}" for b in s.bars) for s in series
    )
    return tuple(series), said


SERIES_OF = {
    ChartKind.bar: _bar_series,
    ChartKind.share: _bar_series,
    ChartKind.ranking: _ranking_series,
    ChartKind.grouped: _grouped_series,
    ChartKind.line: _line_series,
}
