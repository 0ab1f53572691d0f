"""Line charts: metrics over the years, every point labelled, a panel a unit."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefing.brand import Brand
from briefing.charts.scales import Room, fit_limits, integers, nice_ticks
from briefing.charts.style import (
    FONT_PT,
    GRID,
    LABEL_GAP_PT,
    LINE_PLOT_PT,
    LINE_PT,
    MARKER_PT,
    PAD_PT,
    PANEL_GAP_PT,
    SMALL_PT,
    TICKS_PT,
    WIDTH_PT,
    axes_pt,
    chart_panels,
    fill,
    new_figure,
    place_axes,
)
from briefing.charts.text import PanelHead, legend_plan, panel_head, text_width
from briefing.story.model import Bar, ChartSpec, Panel, Series

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

TICK_COLUMN_PT = 40.0  # a first guess at the room left of a panel for its tick labels
LEGEND_SHARE = 0.6  # of the width, at most, for the legend of a single panel

Members = Sequence[tuple[int, Series]]


def draw_lines(spec: ChartSpec, brand: Brand) -> Figure:
    """A line a series over the years it has, every point labelled; a panel a unit, as the
    story decides, the series of one unit in one panel with a legend."""
    positions = year_positions(spec.series)
    panels = chart_panels(spec)
    groups: list[Members] = [[(j, spec.series[j]) for j in p.series] for p in panels]
    count = len(groups)
    panel_pt = (WIDTH_PT - PAD_PT - count * TICK_COLUMN_PT - (count - 1) * PANEL_GAP_PT) / count
    heads: list[PanelHead] = []
    legend_pt = 0.0
    legend = None
    if count > 1:
        heads = [
            panel_head(p.title, [s.name for _, s in g], p.legend, panel_pt)
            for p, g in zip(panels, groups, strict=True)
        ]
        legend_pt = max(h.legend_pt for h in heads)
        top = max(h.height_pt - h.legend_pt for h in heads) + legend_pt + 4
    else:
        names = [s.name for _, s in groups[0]] if groups else []
        if panels and panels[0].legend:
            legend = legend_plan(names, WIDTH_PT * LEGEND_SHARE)
        top = max(legend.height_pt if legend else 0, LINE_PT) + PAD_PT + 4
    height = top + LINE_PLOT_PT + TICKS_PT
    figure = new_figure(height)
    plans = [line_plan(group, positions, panel_pt, spec.large_numbers) for group in groups]
    tick_pt = [tick_column(plan) for plan in plans]
    width = (WIDTH_PT - PAD_PT - sum(tick_pt) - (count - 1) * PANEL_GAP_PT) / max(count, 1)
    plans = [line_plan(group, positions, width, spec.large_numbers) for group in groups]
    left = 0.0
    for i, (group, plan) in enumerate(zip(groups, plans, strict=True)):
        left += tick_column(plan)
        axes = place_axes(figure, left, TICKS_PT, width, LINE_PLOT_PT)
        left += width + PANEL_GAP_PT
        _draw_line_panel(axes, spec, group, plan, positions, brand)
        if heads:
            heads[i].draw(axes, _handles(spec, brand, panels[i]), f"heading-{i}", legend_pt)
    if count == 1:
        unit = figure.text(
            PAD_PT / WIDTH_PT,
            1 - (top - PAD_PT) / height,
            panels[0].unit_label,
            fontsize=SMALL_PT,
            color=brand.colours.muted,
            va="bottom",
        )
        unit.set_gid("unit")
        if legend:
            legend.draw(figure.axes[0], _handles(spec, brand, panels[0]), right=True)
    return figure


def _handles(spec: ChartSpec, brand: Brand, panel: Panel) -> list[Any]:
    from matplotlib.lines import Line2D

    return [
        Line2D([], [], color=fill(spec, brand, j, j), marker="o", markersize=4, linewidth=2)
        for j in panel.series
    ]


@dataclass(frozen=True)
class LinePlan:
    """A line panel's limits, ticks and where each point's label goes."""

    x_limits: tuple[float, float]
    y_limits: tuple[float, float]
    y_ticks: tuple[list[float], list[str]]
    above: dict[tuple[int, int], bool]  # (series, point) → label above the point
    size: float  # of the point labels


def year_positions(series: Sequence[Series]) -> dict[str, float]:
    """Each category's place on the time axis: its year (bar.year, so gaps stay gaps) where
    every point has one, else its order of first appearance."""
    bars = [b for s in series for b in s.bars]
    years: dict[str, float] = {}
    for bar in bars:
        if bar.year is None:
            break
        years.setdefault(bar.label, float(bar.year))
    else:
        if bars:
            return years
    categories = dict.fromkeys(b.label for b in bars)
    return {c: float(i) for i, c in enumerate(categories)}


def line_plan(
    group: Members,
    positions: dict[str, float],
    width: float,
    large: Sequence[tuple[float, str]] = (),
) -> LinePlan:
    """Limits so every point's label fits, labels above or below so none collide.

    Where years stand closer than the labels are wide, the labels are set smaller.
    """
    bars = [(j, i, b) for j, s in group for i, b in enumerate(s.bars)]
    xs = sorted({positions[b.label] for _, _, b in bars}) or [0.0]
    size = FONT_PT
    widths: dict[tuple[int, int], float] = {}
    x_limits = (xs[0], xs[-1])
    for size in (FONT_PT, SMALL_PT):
        widths = {(j, i): text_width(b.printed, size, "bold") for j, i, b in bars}
        rooms = [Room(positions[b.label], *[widths[j, i] / 2 + 2] * 2) for j, i, b in bars]
        x_limits = fit_limits(xs[0], xs[-1], [*rooms, *(Room(x, 16, 16) for x in xs)], width)
        steps = [(b - a) / (x_limits[1] - x_limits[0]) * width for a, b in itertools.pairwise(xs)]
        if min(steps, default=width) >= max(widths.values(), default=0.0) + 4:
            break
    values = [b.value for _, _, b in bars] or [0.0]
    low, high = min(0.0, *values), max(0.0, *values)
    high = high if high > low else low + 1.0
    label_pt = size * 1.25 + LABEL_GAP_PT + MARKER_PT
    above = {(j, i): True for j, i, _ in bars}
    y_limits = (low, high)
    for _ in range(3):
        y_rooms = [
            Room(b.value, above=label_pt) if above[j, i] else Room(b.value, below=label_pt)
            for j, i, b in bars
        ]
        y_limits = fit_limits(low, high, y_rooms, LINE_PLOT_PT)
        frame = Frame(x_limits, y_limits, width, size)
        above = _place_labels(bars, positions, widths, frame)
    ticks, labels = nice_ticks(
        *y_limits, LINE_PLOT_PT, integer=integers(values), across=False, large=large
    )
    kept = [k for k, t in enumerate(ticks) if t >= low - (high - low) * 1e-9]
    y_ticks = ([ticks[k] for k in kept], [labels[k] for k in kept])
    return LinePlan(x_limits, y_limits, y_ticks, above, size)


@dataclass(frozen=True)
class Frame:
    """A line panel's limits, its width in points and the size of its point labels."""

    x_limits: tuple[float, float]
    y_limits: tuple[float, float]
    width: float
    size: float

    def at(self, x: float, y: float) -> tuple[float, float]:
        """Points from the panel's lower left corner."""
        (x0, x1), (y0, y1) = self.x_limits, self.y_limits
        return (x - x0) / (x1 - x0) * self.width, (y - y0) / (y1 - y0) * LINE_PLOT_PT


def _place_labels(
    bars: Sequence[tuple[int, int, Bar]],
    positions: dict[str, float],
    widths: dict[tuple[int, int], float],
    frame: Frame,
) -> dict[tuple[int, int], bool]:
    """Above each point unless that covers more of the labels and points already there."""
    height = frame.size * 1.25
    points = {(j, i): frame.at(positions[b.label], b.value) for j, i, b in bars}
    taken = [
        (x - MARKER_PT, y - MARKER_PT, x + MARKER_PT, y + MARKER_PT) for x, y in points.values()
    ]
    order = sorted(bars, key=lambda t: (points[t[0], t[1]][0], -points[t[0], t[1]][1]))
    above: dict[tuple[int, int], bool] = {}
    gap = MARKER_PT + LABEL_GAP_PT
    for j, i, _ in order:
        x, y = points[j, i]
        half = widths[j, i] / 2
        boxes = {
            True: (x - half, y + gap, x + half, y + gap + height),
            False: (x - half, y - gap - height, x + half, y - gap),
        }
        clash = {side: sum(_overlap(box, other) for other in taken) for side, box in boxes.items()}
        side = clash[True] <= clash[False]
        above[j, i] = side
        taken.append(boxes[side])
    return above


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def tick_column(plan: LinePlan) -> float:
    """Room left of a line panel for its tick labels."""
    return max((text_width(t, SMALL_PT) for t in plan.y_ticks[1]), default=0.0) + 2 * PAD_PT + 2


def _draw_line_panel(
    axes: Axes,
    spec: ChartSpec,
    group: Members,
    plan: LinePlan,
    positions: dict[str, float],
    brand: Brand,
) -> None:
    """The lines, their labelled points, the years below and the value grid."""
    for j, series in group:
        colour = fill(spec, brand, j, j)
        points = sorted(
            ((positions[b.label], i, b) for i, b in enumerate(series.bars)), key=lambda p: p[0]
        )
        axes.plot(
            [x for x, _, _ in points],
            [b.value for _, _, b in points],
            color=colour,
            linewidth=2,
            marker="o",
            markersize=2 * MARKER_PT,
            markeredgecolor=brand.colours.background,
            markeredgewidth=1,
            zorder=3,
        )
        for x, i, bar in points:
            up = plan.above[j, i]
            gap = MARKER_PT + LABEL_GAP_PT
            label = axes.annotate(
                bar.printed,
                (x, bar.value),
                xytext=(0, gap if up else -gap),
                textcoords="offset points",
                ha="center",
                va="bottom" if up else "top",
                fontweight="bold",
                fontsize=plan.size,
                color=brand.colours.foreground,
                zorder=4,
            )
            label.set_gid(f"value-{j}-{i}")
    years = sorted({positions[b.label]: b.label for _, s in group for b in s.bars}.items())
    _year_axis(axes, years, plan)
    ticks, labels = plan.y_ticks
    axes.set_yticks(ticks, labels)
    axes.set_ylim(*plan.y_limits)
    axes.grid(axis="y", color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)
    axes.tick_params(axis="y", length=0, pad=PAD_PT)
    axes.tick_params(axis="x", length=0, pad=PAD_PT, labelsize=SMALL_PT)
    for side in ("top", "right", "left", "bottom"):
        axes.spines[side].set_visible(False)
    axes.axhline(0, color=brand.colours.muted, linewidth=0.8, zorder=2)


def _year_axis(axes: Axes, years: list[tuple[float, str]], plan: LinePlan) -> None:
    """A tick a year; where the labels would not fit side by side, every n-th back from the last."""
    axes.set_xlim(*plan.x_limits)
    width, _ = axes_pt(axes)
    span = plan.x_limits[1] - plan.x_limits[0]
    widest = max((text_width(label, SMALL_PT) for _, label in years), default=0.0)
    steps = [(b - a) / span * width for (a, _), (b, _) in itertools.pairwise(years)]
    every = math.ceil((widest + 6) / min(steps)) if steps and min(steps) > 0 else 1
    axes.set_xticks(
        [x for x, _ in years],
        [label if (len(years) - 1 - k) % every == 0 else "" for k, (_, label) in enumerate(years)],
    )
