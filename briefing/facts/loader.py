"""Read a facts file: parse, validate types, then check what types cannot."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from pydantic import ValidationError

from briefing.errors import InputError
from briefing.facts.model import Chart, ChartKind, Facts, Metric, Numeral, Ranking
from briefing.facts.printed import CHINESE_ROUND
from briefing.yamlfile import Document, Loc, dotted

Finding = tuple[Loc, str]
SINGULAR = {"metrics": "metric", "rankings": "ranking", "entities": "entity"}


def load_facts(path: Path) -> Facts:
    """A validated Facts from a YAML file, or InputError listing every problem."""
    return read_facts(path)[0]


def read_facts(path: Path) -> tuple[Facts, Document]:
    """The validated Facts and the parsed file they came from (for locating later findings)."""
    document = Document.load(Path(path))
    try:
        facts = Facts.model_validate(document.data())
    except ValidationError as exc:
        raise InputError(document.validation_problems(exc)) from None
    problems = [document.problem(loc, reason) for loc, reason in check_facts(facts)]
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line, p.column)))
    return facts, document


def check_facts(facts: Facts) -> list[Finding]:
    """What the types cannot say: unique ids, references, ranges, charts."""
    return [
        *_unique_ids(facts),
        *_metric_ranges(facts),
        *_rank_ranges(facts),
        *_references(facts),
        *_charts(facts),
        *_theme_content(facts),
    ]


def _ids(facts: Facts) -> Iterator[tuple[Loc, str]]:
    yield from (
        (("briefing", "sources", i, "id"), s.id) for i, s in enumerate(facts.briefing.sources)
    )
    yield from (
        (("headline", "rankings", i, "id"), r.id) for i, r in enumerate(facts.headline.rankings)
    )
    yield from (
        (("headline", "claims", i, "id"), c.id) for i, c in enumerate(facts.headline.claims)
    )
    for t, theme in enumerate(facts.themes):
        yield ("themes", t, "id"), theme.id
        for field in ("metrics", "rankings", "entities", "charts"):
            for i, item in enumerate(getattr(theme, field)):
                yield ("themes", t, field, i, "id"), item.id
    yield from (
        (("outlook", "pledges", i, "id"), p.id) for i, p in enumerate(facts.outlook.pledges)
    )
    yield from (
        (("outlook", "entities", i, "id"), e.id) for i, e in enumerate(facts.outlook.entities)
    )


def _unique_ids(facts: Facts) -> Iterator[Finding]:
    first: dict[str, Loc] = {}
    for loc, ident in _ids(facts):
        if ident in first:
            yield loc, f"id '{ident}' is already used at {dotted(first[ident])}"
        else:
            first[ident] = loc


def _metric_ranges(facts: Facts) -> Iterator[Finding]:
    for t, theme in enumerate(facts.themes):
        for i, metric in enumerate(theme.metrics):
            loc = ("themes", t, "metrics", i)
            if metric.unit.strip() in ("%", "％") and not 0 <= metric.value <= 100:
                yield (*loc, "value"), f"a percentage must lie in 0–100, not {metric.value:g}"
            yield from _series(metric, facts.briefing.period, loc)
            if metric.numeral is Numeral.chinese and metric.value not in CHINESE_ROUND:
                allowed = ", ".join(str(v) for v in CHINESE_ROUND)
                reason = f"'chinese' numerals need one of {allowed}, not {metric.value:g}"
                yield (*loc, "numeral"), reason


def _series(metric: Metric, period: str, loc: Loc) -> Iterator[Finding]:
    """Years are years; the period's own year, if given, agrees with the value."""
    for year, value in metric.series.items():
        where = (*loc, "series", year)
        if not 1900 <= year <= 2100:
            yield where, f"{year} is not a year"
        elif period == str(year) and value != metric.value:
            yield (
                where,
                f"{year} is the briefing's period: its value is {metric.value:g}, not {value:g}",
            )
        elif metric.unit.strip() in ("%", "％") and not 0 <= value <= 100:
            yield where, f"a percentage must lie in 0–100, not {value:g}"


def _rank_ranges(facts: Facts) -> Iterator[Finding]:
    places: list[tuple[Loc, Ranking]] = [
        (("headline", "rankings", i), r) for i, r in enumerate(facts.headline.rankings)
    ]
    for t, theme in enumerate(facts.themes):
        places += [(("themes", t, "rankings", i), r) for i, r in enumerate(theme.rankings)]
    for loc, ranking in places:
        if ranking.out_of is not None and ranking.rank > ranking.out_of:
            yield (*loc, "rank"), f"rank {ranking.rank} is past the list size {ranking.out_of}"


def _references(facts: Facts) -> Iterator[Finding]:
    kinds: dict[str, Mapping[str, object]] = {
        "metrics": facts.metrics(),
        "rankings": facts.rankings(),
        "entities": facts.entities(),
    }
    for i, ident in enumerate(facts.headline.key_figures):
        if ident not in kinds["metrics"]:
            yield ("headline", "key_figures", i), f"no metric has the id '{ident}'"
    for t, theme in enumerate(facts.themes):
        for field in ("highlights", "charts"):
            for h, item in enumerate(getattr(theme, field)):
                for kind, known in kinds.items():
                    for r, ident in enumerate(getattr(item, kind, [])):
                        if ident not in known:
                            yield (
                                ("themes", t, field, h, kind, r),
                                f"no {SINGULAR[kind]} has the id '{ident}'",
                            )


def _charts(facts: Facts) -> Iterator[Finding]:
    for t, theme in enumerate(facts.themes):
        for c, chart in enumerate(theme.charts):
            yield from _chart(facts, chart, ("themes", t, "charts", c))


CHART_FIELDS = {
    ChartKind.bar: {"metrics"},
    ChartKind.share: {"metrics"},
    ChartKind.line: {"metrics"},
    ChartKind.ranking: {"rankings"},
    ChartKind.grouped: {"groups", "series"},
}


def _chart(facts: Facts, chart: Chart, loc: Loc) -> Iterator[Finding]:
    """One chart: the fields its kind uses, resolvable metrics, one unit per axis."""
    needed = CHART_FIELDS[chart.kind]
    for field in ("metrics", "rankings", "groups", "series"):
        given = bool(getattr(chart, field))
        if given and field not in needed:
            yield (*loc, field), f"a {chart.kind.value} chart takes no {field}"
        elif not given and field in needed:
            yield loc, f"a {chart.kind.value} chart needs {field}"
    metrics = facts.metrics()
    if chart.kind is ChartKind.grouped:
        yield from _grouped(chart, metrics, loc)
        return
    shown = [metrics[m] for m in chart.metrics if m in metrics]
    units = sorted({m.unit for m in shown})
    if len(units) > 1:
        yield (*loc, "metrics"), f"a chart must not mix units ({'、'.join(units)})"
    if chart.kind is ChartKind.share and any(m.unit not in ("%", "％") for m in shown):
        yield (*loc, "metrics"), "a share chart shows percentages only"
    if chart.kind is ChartKind.line:
        for i, metric in enumerate(shown):
            if not metric.series:
                yield (*loc, "metrics", i), f"metric '{metric.id}' has no series of other years"


def _grouped(chart: Chart, metrics: dict[str, Metric], loc: Loc) -> Iterator[Finding]:
    """Every group has one metric per series; a series keeps one unit across the groups."""
    if len(chart.groups) < 2:
        yield (*loc, "groups"), "a grouped chart needs at least two groups"
    units: dict[int, set[str]] = {}
    for g, group in enumerate(chart.groups):
        if chart.series and len(group.metrics) != len(chart.series):
            yield (
                (*loc, "groups", g, "metrics"),
                (f"{len(group.metrics)} metrics for {len(chart.series)} series"),
            )
        for i, ident in enumerate(group.metrics):
            if ident not in metrics:
                yield (*loc, "groups", g, "metrics", i), f"no metric has the id '{ident}'"
            else:
                units.setdefault(i, set()).add(metrics[ident].unit)
    for i, found in sorted(units.items()):
        if len(found) > 1 and i < len(chart.series):
            yield (
                (*loc, "series", i),
                (f"series '{chart.series[i]}' mixes units ({'、'.join(sorted(found))})"),
            )


def _theme_content(facts: Facts) -> Iterator[Finding]:
    for t, theme in enumerate(facts.themes):
        if not (theme.metrics or theme.highlights or theme.entities):
            yield ("themes", t), f"theme '{theme.id}' has no metrics, highlights or entities"
