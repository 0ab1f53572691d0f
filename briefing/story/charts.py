"""The story's charts: what each shows (series, panels, colours, wording), from the facts only."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path

from briefing.brand import Brand
from briefing.facts.model import Chart, ChartKind, Facts, Metric
from briefing.facts.printed import format_number, format_rank, format_value
from briefing.story.model import Bar, ChartSpec, Panel, Series
from briefing.story.wording import Wording

# Kinds whose bars each take their own palette colour; the others colour by series.
BY_BAR = (ChartKind.bar, ChartKind.share, ChartKind.ranking)

Said = tuple[tuple[Series, ...], str]


def chart_specs(facts: Facts, brand: Brand, words: Wording) -> dict[str, ChartSpec]:
    """Every chart of the facts by id, numbered in order of appearance."""
    specs: dict[str, ChartSpec] = {}
    for theme in facts.themes:
        for chart in theme.charts:
            specs[chart.id] = chart_spec(chart, len(specs) + 1, facts, brand, words)
    return specs


def chart_spec(chart: Chart, number: int, facts: Facts, brand: Brand, words: Wording) -> ChartSpec:
    """Series, panels, alt text and notes of one chart; its key hashes all that it draws."""
    series, said = SERIES_OF[chart.kind](chart, facts, words)
    series = tuple(_headed(s, words) for s in series)
    panels = unit_panels(series, words) if chart.kind != ChartKind.ranking else ()
    caption = words.caption.format(number=number, title=chart.title)
    alt = words.alt.format(kind=words.chart_kinds[chart.kind.value], title=chart.title, said=said)
    payload = {
        "kind": chart.kind.value,
        "title": chart.title,
        "series": [asdict(s) for s in series],
        "panels": [asdict(p) for p in panels],
        "numbers": words.large_numbers,
        "colours": brand.colours.chart,
        "text": [brand.colours.foreground, brand.colours.background, brand.colours.muted],
        "fonts": [_file_identity(p) for p in (brand.fonts.regular, brand.fonts.bold)],
    }
    digest = hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode())
    spec = ChartSpec(
        id=chart.id,
        number=number,
        kind=chart.kind.value,
        title=chart.title,
        caption=caption,
        series=series,
        panels=panels,
        colour_by="bar" if chart.kind in BY_BAR else "series",
        alt=alt,
        key=digest.hexdigest()[:20],
        large_numbers=words.large_numbers,
    )
    return _with_notes(spec, words)


def unit_panels(series: tuple[Series, ...], words: Wording) -> tuple[Panel, ...]:
    """Series grouped by unit, in order of first appearance: one value axis each."""
    by_unit: dict[str, list[int]] = {}
    for i, s in enumerate(series):
        by_unit.setdefault(s.unit, []).append(i)
    panels = []
    for unit, members in by_unit.items():
        label = words.unit.format(unit=unit) if unit else ""
        if len(members) == 1:
            title = series[members[0]].heading
        else:
            title = label or words.join([series[i].name for i in members])
        panels.append(Panel(title, tuple(members), label))
    return tuple(panels)


def _headed(series: Series, words: Wording) -> Series:
    heading = series.name + words.bracketed.format(series.unit) if series.unit else series.name
    return Series(series.name, series.unit, series.bars, heading)


def _with_notes(spec: ChartSpec, words: Wording) -> ChartSpec:
    """What a presenter says: the caption, what the chart shows, the top bar, the panels."""
    notes = [spec.caption + words.colon, spec.alt]
    if spec.kind in ("bar", "share") and len(spec.bars) > 1:
        top = max(spec.bars, key=lambda b: b.value)
        notes.append(words.note("chart_top", label=top.label, value=top.printed))
    if len(spec.panels) > 1:
        units = words.join([spec.series[p.series[0]].unit for p in spec.panels])
        notes.append(words.note("chart_panels", units=units, count=len(spec.panels)))
    return replace(spec, notes=tuple(notes))


def _file_identity(path: Path) -> list[str | int]:
    """Path, size and modification time: a font changed in place changes the charts' key."""
    stat = path.stat()
    return [str(path), stat.st_size, stat.st_mtime_ns]


def _metric_bar(metric: Metric) -> Bar:
    return Bar(metric.short_label or metric.label, metric.value, format_value(metric))


def _bar_series(chart: Chart, facts: Facts, words: Wording) -> Said:
    metrics = facts.metrics()
    bars = tuple(_metric_bar(metrics[m]) for m in chart.metrics)
    unit = metrics[chart.metrics[0]].unit
    said = words.clause_sep.join(f"{b.label}{b.printed}" for b in bars)
    return (Series(chart.title, unit, bars),), said


def _ranking_series(chart: Chart, facts: Facts, words: Wording) -> Said:
    rankings = facts.rankings()
    shown = [rankings[r] for r in chart.rankings]
    region = facts.briefing.region
    labels = rank_labels(chart.title, [(r.subject or region, r.list) for r in shown], region, words)
    bars = tuple(
        Bar(label, float(r.rank), format_rank(r), r.out_of, _ends(r.out_of, words))
        for label, r in zip(labels, shown, strict=True)
    )
    said = words.clause_sep.join(
        words.alt_ranking.format(subject=r.subject or region, list=r.list, position=b.printed)
        for b, r in zip(bars, shown, strict=True)
    )
    return (Series(chart.title, "", bars),), said


def rank_labels(
    title: str, rows: list[tuple[str, str]], region: str, words: Wording
) -> tuple[str, ...]:
    """The label of each row of a ranking chart, from its (subject, list).

    A row names its list; the scope stays in the printed position (全省第3位), so it is said
    once. It names its subject too (北大鄂尔多斯能源研究院 · 考核) where the chart's subjects
    differ, or where its one subject is not the region: the chart must not read as the
    region's. A chart of one ranking whose title already names the list names only a subject
    that is not the region; a heading every list starts with (一级指标：…) that the title
    already says is left out.
    """
    rows = _without_heading(title, rows, words)
    subjects = {subject for subject, _ in rows}
    named = len(subjects) > 1 or subjects != {region}
    if len(rows) == 1 and named and rows[0][1] in title:
        return (rows[0][0],)
    if not named:
        return tuple(name for _, name in rows)
    return tuple(words.rank_row.format(subject=subject, list=name) for subject, name in rows)


def _without_heading(
    title: str, rows: list[tuple[str, str]], words: Wording
) -> list[tuple[str, str]]:
    """The lists less a heading they all start with ('一级指标：') where the title says it."""
    first = rows[0][1] if rows else ""
    head = first.split(words.colon, 1)[0] + words.colon
    if len(head) >= len(first) or head[:-1] not in title:
        return rows
    if not all(name.startswith(head) and len(name) > len(head) for _, name in rows):
        return rows
    return [(subject, name[len(head) :]) for subject, name in rows]


def _ends(out_of: int | None, words: Wording) -> tuple[str, str] | None:
    if not out_of:
        return None
    return words.rank_place.format(place=1), words.rank_place.format(place=out_of)


def _grouped_series(chart: Chart, facts: Facts, words: Wording) -> Said:
    metrics = facts.metrics()
    series = []
    for i, name in enumerate(chart.series):
        shown = [(g.label, metrics[g.metrics[i]]) for g in chart.groups]
        bars = tuple(Bar(label, m.value, format_value(m)) for label, m in shown)
        series.append(Series(name, shown[0][1].unit, bars))
    said = words.item_sep.join(
        g.label
        + words.colon
        + words.clause_sep.join(f"{s.name}{s.bars[i].printed}" for s in series)
        for i, g in enumerate(chart.groups)
    )
    return tuple(series), said


def _line_series(chart: Chart, facts: Facts, words: Wording) -> Said:
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
        bars = tuple(
            Bar(words.year.format(year=year), v, printed, year=year)
            for year, (v, printed) in sorted(points.items())
        )
        series.append(Series(metric.short_label or metric.label, metric.unit, bars))
    said = words.item_sep.join(
        s.name + words.colon + words.clause_sep.join(f"{b.label}{b.printed}" for b in s.bars)
        for s in series
    )
    return tuple(series), said


SERIES_OF: dict[ChartKind, Callable[[Chart, Facts, Wording], Said]] = {
    ChartKind.bar: _bar_series,
    ChartKind.share: _bar_series,
    ChartKind.ranking: _ranking_series,
    ChartKind.grouped: _grouped_series,
    ChartKind.line: _line_series,
}
