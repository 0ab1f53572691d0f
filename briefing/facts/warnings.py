"""Warnings about facts that are valid but would make a poor briefing: charts that say nothing.

A warning never stops a build; each is located like a problem (file:line:column: path) so an
editor can jump to the chart. The rows are those the story would draw (its labels and printed
values), so what is warned about is what a reader would see.
"""

from __future__ import annotations

from collections.abc import Iterator

from briefing.errors import Problem
from briefing.facts.model import Chart, ChartKind, Facts
from briefing.story.charts import SERIES_OF
from briefing.story.model import Bar, Series
from briefing.story.wording import wording_for
from briefing.yamlfile import Document, Loc

# Where a chart lists its rows, by kind: a repeated row is located at its entry there.
ROWS_AT = {
    ChartKind.bar: "metrics",
    ChartKind.share: "metrics",
    ChartKind.ranking: "rankings",
    ChartKind.grouped: "groups",
    ChartKind.line: "metrics",
}


def chart_warnings(facts: Facts, document: Document) -> list[Problem]:
    """Charts that would say nothing: one bar (or one point) alone, or two rows the same (the
    same label and value), each at its place in the facts file, in file order."""
    words = wording_for(facts.briefing.language)
    found = []
    for t, theme in enumerate(facts.themes):
        for c, chart in enumerate(theme.charts):
            series, _ = SERIES_OF[chart.kind](chart, facts, words)
            loc: Loc = ("themes", t, "charts", c)
            found += [document.problem(at, why) for at, why in _said_nothing(chart, series, loc)]
    return sorted(found, key=lambda p: (p.line, p.column))


def _said_nothing(chart: Chart, series: tuple[Series, ...], loc: Loc) -> Iterator[tuple[Loc, str]]:
    bars = [bar for one in series for bar in one.bars]
    if len(bars) == 1 and chart.kind in (ChartKind.bar, ChartKind.grouped, ChartKind.line):
        what = "point" if chart.kind is ChartKind.line else "bar"
        yield (
            loc,
            (
                f"chart '{chart.id}' has one {what} ({_shown(bars[0])}): it says no more than the "
                "figure itself; add what it compares with, or leave the chart out"
            ),
        )
    seen: dict[object, int] = {}
    for k, (row, shown) in enumerate(_rows(chart, series)):
        first = seen.setdefault(row, k)
        if first != k:
            yield (
                (*loc, ROWS_AT[chart.kind], k),
                (
                    f"chart '{chart.id}' shows rows {first + 1} and {k + 1} the same ({shown}): "
                    "one row twice says nothing; show another value or leave one out"
                ),
            )


def _rows(chart: Chart, series: tuple[Series, ...]) -> list[tuple[object, str]]:
    """The chart's rows as the facts list them, each as what it shows and how it reads: a bar
    (bar, share, ranking), a group across its series (grouped), a series (line)."""
    if chart.kind is ChartKind.line:
        return [((s.name, _drawn(s.bars)), s.name) for s in series]
    if chart.kind is ChartKind.grouped:
        count = min((len(s.bars) for s in series), default=0)
        groups = [tuple(s.bars[k] for s in series) for k in range(count)]
        return [(_drawn(g), _shown(g[0])) for g in groups]
    return [(_drawn((bar,)), _shown(bar)) for bar in series[0].bars] if series else []


def _drawn(bars: tuple[Bar, ...]) -> tuple[tuple[str, float, str], ...]:
    return tuple((bar.label, bar.value, bar.printed) for bar in bars)


def _shown(bar: Bar) -> str:
    return f"{bar.label} {bar.printed}"
