"""Rows of horizontal bars: bar, share, ranking and grouped charts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefing.brand import Brand
from briefing.charts.scales import Room, fit_limits, value_axis
from briefing.charts.style import (
    BAR_HEIGHT,
    CLUSTER_BAR_PT,
    FONT_PT,
    GRID,
    LINE_PT,
    LINE_SPACING,
    PAD_PT,
    PANEL_GAP_PT,
    ROW_PT,
    SMALL_PT,
    TICKS_PT,
    TOP_PT,
    UNIT_PT,
    WIDTH_PT,
    axes_pt,
    chart_panels,
    fill,
    ink,
    new_figure,
    place_axes,
    track,
)
from briefing.charts.text import (
    LABEL_EMS,
    legend_plan,
    line_count,
    panel_head,
    text_width,
    wrap_label,
)
from briefing.story.model import Bar, ChartSpec, Panel, Series

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

LABEL_SHARE = 0.4  # of the width, at most, for the category labels
SHARE_TICKS = ([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
END_OFFSET_PT = 9.0  # below a ranking track, to its end labels
RANK_TRACK_PT = 9.0  # thickness of a ranking track
MOST_PLACES = 60  # more places than that on a track would blur into a line
RANK_LABEL_EMS = 12.0  # a ranking's rows have room for longer lines: who, and in which list
BADGE_PT = 14.0  # a rank without a list size: its position, large (WCAG large: 14 pt bold)
BADGE_PAD = 0.4  # around it in its box, in ems
BADGE_ROUND = 0.55  # the box's corners, in ems


# ── Rows ───────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Rows:
    """A chart of labelled rows: the wrapped labels and the room around the plots, in points."""

    labels: tuple[str, ...]
    row_pt: float
    top_pt: float
    bottom_pt: float
    panels: int = 1

    @property
    def label_pt(self) -> float:
        """Room left of the plots for the category labels."""
        widest = max((text_width(label) for label in self.labels), default=0.0)
        return min(widest + 2 * PAD_PT, LABEL_SHARE * WIDTH_PT) if widest else PAD_PT

    @property
    def height_pt(self) -> float:
        return self.top_pt + self.row_pt * max(len(self.labels), 1) + self.bottom_pt

    @property
    def panel_pt(self) -> float:
        """Width of one panel."""
        room = WIDTH_PT - self.label_pt - PAD_PT
        return (room - (self.panels - 1) * PANEL_GAP_PT) / self.panels

    def draw(self) -> tuple[Figure, list[Axes]]:
        """The figure with one axes a panel, rows top to bottom, labels left of the first."""
        figure = new_figure(self.height_pt)
        width = self.panel_pt
        plot_height = self.height_pt - self.top_pt - self.bottom_pt
        every = []
        for i in range(self.panels):
            left = self.label_pt + i * (width + PANEL_GAP_PT)
            axes = place_axes(figure, left, self.bottom_pt, width, plot_height)
            self._frame(axes, first=i == 0)
            every.append(axes)
        return figure, every

    def _frame(self, axes: Axes, first: bool) -> None:
        count = len(self.labels)
        axes.set_yticks(range(count), self.labels if first else [""] * count)
        axes.set_ylim(max(count, 1) - 0.5, -0.5)
        axes.tick_params(axis="y", length=0, pad=PAD_PT, labelsize=FONT_PT)
        axes.tick_params(axis="x", length=3, width=0.6)
        for side in ("top", "right", "left"):
            axes.spines[side].set_visible(False)


def rows_of(
    labels: Sequence[str],
    per_row: int,
    top_pt: float,
    bottom_pt: float,
    panels: int = 1,
    ems: float = LABEL_EMS,
) -> Rows:
    """Rows tall enough for `per_row` bars and for the longest label, wrapped at `ems`."""
    wrapped = tuple(wrap_label(label, ems) for label in labels)
    lines = max((line_count(label) for label in wrapped), default=1)
    bars = ROW_PT if per_row == 1 else per_row * CLUSTER_BAR_PT + 12
    return Rows(wrapped, max(bars, lines * LINE_PT + 8), top_pt, bottom_pt, panels)


def label_style(axes: Axes, brand: Brand) -> None:
    """Category labels in the text colour, their wrapped lines a little apart."""
    for label in axes.get_yticklabels():
        label.set_color(brand.colours.foreground)
        label.set_linespacing(LINE_SPACING)


def unit_label(axes: Axes, text: str) -> None:
    """The story's unit line ('单位：亿元') below the value axis, at its right end."""
    if text:
        axes.set_xlabel(text, loc="right", labelpad=4)


# ── Values beside (or inside) their bars ───────────────────────────────────


@dataclass(frozen=True)
class Drawn:
    """A bar drawn, waiting for its printed value once the scale is known."""

    value: float
    y: float
    printed: str
    colour: str
    gid: str


def value_label(
    axes: Axes, x: float, y: float, text: str, gid: str, offset: float = PAD_PT, **style: Any
) -> None:
    """A printed value beside `x`: right of it when `offset` is positive, else left of it."""
    label = axes.annotate(
        text,
        (x, y),
        xytext=(offset, 0),
        textcoords="offset points",
        va="center",
        ha="left" if offset >= 0 else "right",
        fontweight="bold",
        **style,
    )
    label.set_gid(gid)


def cluster(
    axes: Axes,
    categories: Sequence[str],
    members: Sequence[tuple[int, Series]],
    colour: Callable[[int, int], str],
    rows: Rows,
) -> list[Drawn]:
    """Bars of each (index, series) in each category's row, in order within a row; a bar's
    colour is colour(row, index)."""
    count = len(members)
    height = BAR_HEIGHT if count == 1 else CLUSTER_BAR_PT / rows.row_pt
    drawn = []
    for k, (j, one) in enumerate(members):
        found = {b.label: b for b in one.bars}
        for row, category in enumerate(categories):
            bar = found.get(category)
            if bar is not None:
                y = row + (k - (count - 1) / 2) * height
                colour_of = colour(row, j)
                axes.barh(y, bar.value, height=height * (0.9 if count > 1 else 1), color=colour_of)
                drawn.append(Drawn(bar.value, y, bar.printed, colour_of, f"value-{j}-{row}"))
    return drawn


def by_row(axes: Axes, spec: ChartSpec, bars: Sequence[Bar], brand: Brand) -> list[Drawn]:
    """One bar a row, in the given order, even where two share a label."""
    drawn = []
    for row, bar in enumerate(bars):
        colour = fill(spec, brand, row, 0)
        axes.barh(row, bar.value, height=BAR_HEIGHT, color=colour)
        drawn.append(Drawn(bar.value, row, bar.printed, colour, f"value-0-{row}"))
    return drawn


def label_values(
    axes: Axes, drawn: Sequence[Drawn], brand: Brand, large: Sequence[tuple[float, str]] = ()
) -> None:
    """Value limits, ticks and grid, then each printed value beside its bar's end.

    Where values beside the longest bars would squeeze the bars into little of the width,
    those values go inside their bars' ends instead, in the ink that reads on the fill.
    """
    width, _ = axes_pt(axes)
    values = [d.value for d in drawn] or [0.0]
    low, high = min(0.0, *values), max(0.0, *values)
    high = high if high > low else low + 1.0
    need = [text_width(d.printed, FONT_PT, "bold") + PAD_PT + 2 for d in drawn]
    longest = sorted(range(len(drawn)), key=lambda k: -abs(drawn[k].value))
    inside: set[int] = set()
    rooms = [bar_room(d.value, n) for d, n in zip(drawn, need, strict=True)]
    lo, hi = fit_limits(low, high, rooms, width)
    used = (high - low) / (hi - lo)
    for count in range(1, len(drawn) + 1):
        if used >= 0.6:
            break
        trial = set(longest[:count])
        rooms = [bar_room(d.value, need[k]) for k, d in enumerate(drawn) if k not in trial]
        limits = fit_limits(low, high, rooms, width)
        span = limits[1] - limits[0]
        if any(abs(drawn[k].value) / span * width < need[k] + PAD_PT for k in trial):
            break
        if (high - low) / span > used + 0.05:
            inside, (lo, hi), used = trial, limits, (high - low) / span
    value_axis(axes, lo, hi, width, values, large)
    for k, d in enumerate(drawn):
        outward = PAD_PT if d.value >= 0 else -PAD_PT
        if k in inside:
            value_label(axes, d.value, d.y, d.printed, d.gid, -outward, color=ink(d.colour, brand))
        else:
            value_label(axes, d.value, d.y, d.printed, d.gid, outward)


def bar_room(value: float, need: float) -> Room:
    """Room for a printed value beyond the bar's end."""
    return Room(value, below=need) if value < 0 else Room(value, above=need)


# ── Bars and shares ────────────────────────────────────────────────────────


def draw_bars(spec: ChartSpec, brand: Brand) -> Figure:
    """Horizontal bars from zero, each with its printed value at its end."""
    bars = spec.bars if spec.series else ()
    rows = rows_of([b.label for b in bars], 1, TOP_PT, UNIT_PT)
    figure, (axes,) = rows.draw()
    label_values(axes, by_row(axes, spec, bars, brand), brand, spec.large_numbers)
    unit_label(axes, spec.panels[0].unit_label if spec.panels else "")
    label_style(axes, brand)
    return figure


def draw_shares(spec: ChartSpec, brand: Brand) -> Figure:
    """Each share as a bar against a 100% track, its printed value after the track."""
    bars = spec.bars
    rows = rows_of([b.label for b in bars], 1, TOP_PT, TICKS_PT)
    figure, (axes,) = rows.draw()
    for row, bar in enumerate(bars):
        colour = fill(spec, brand, row, 0)
        share = min(max(bar.value, 0.0), 100.0)
        axes.barh(row, 100, height=BAR_HEIGHT, color=track(colour, brand))
        axes.barh(row, share, height=BAR_HEIGHT, color=colour)
        value_label(axes, 100, row, bar.printed, f"value-0-{row}")
    width, _ = axes_pt(axes)
    rooms = [Room(100, above=text_width(b.printed, FONT_PT, "bold") + PAD_PT + 2) for b in bars]
    axes.set_xlim(*fit_limits(0, 100, rooms, width))
    axes.set_xticks(*SHARE_TICKS)
    axes.spines["bottom"].set_bounds(0, 100)
    axes.grid(axis="x", color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)
    label_style(axes, brand)
    return figure


# ── Rankings ───────────────────────────────────────────────────────────────


def draw_ranking(spec: ChartSpec, brand: Brand) -> Figure:
    """Each rank as a marker on a track of the list's places, first place on the left; the
    track's ends are labelled as the story words them (bar.ends). A rank without the list's
    size has no scale to stand on: it is a badge, its printed position large in a rounded
    box of its colour."""
    bars = spec.bars
    rows = rows_of([b.label for b in bars], 1, TOP_PT, 14.0, ems=RANK_LABEL_EMS)
    figure, (axes,) = rows.draw()
    rooms: list[Room] = []
    for row, bar in enumerate(bars):
        colour = fill(spec, brand, row, 0)
        if bar.out_of:
            _rank_track(axes, row, int(bar.value), bar.out_of, colour, brand, bar.ends)
            _value_label_after(axes, row, bar, rooms)
        else:
            rooms.append(rank_badge(axes, row, bar, colour, brand))
        if bar.out_of and bar.ends:
            first, last = (text_width(end, SMALL_PT) / 2 + 2 for end in bar.ends)
            rooms += [Room(0.0, below=first), Room(1.0, above=last)]
    width, _ = axes_pt(axes)
    axes.set_xlim(*fit_limits(0.0, 1.0, rooms, width))
    axes.set_xticks([])
    axes.spines["bottom"].set_visible(False)
    label_style(axes, brand)
    return figure


def rank_badge(axes: Axes, row: int, bar: Bar, colour: str, brand: Brand) -> Room:
    """The printed position in the ink that reads on its colour, on a rounded box of that
    colour whose left edge stands at the start of the places; the room it takes."""
    pad = BADGE_PAD * BADGE_PT
    label = axes.annotate(
        bar.printed,
        (0.0, row),
        xytext=(pad, 0),
        textcoords="offset points",
        va="center",
        ha="left",
        fontsize=BADGE_PT,
        fontweight="bold",
        color=ink(colour, brand),
        bbox={
            "boxstyle": f"round,pad={BADGE_PAD},rounding_size={BADGE_ROUND}",
            "facecolor": colour,
            "edgecolor": "none",
        },
    )
    label.set_gid(f"value-0-{row}")
    patch = label.get_bbox_patch()
    if patch is not None:
        patch.set_gid(f"badge-{row}")
    return Room(0.0, above=text_width(bar.printed, BADGE_PT, "bold") + 2 * pad + 1)


def _value_label_after(axes: Axes, row: int, bar: Bar, rooms: list[Room]) -> None:
    """The printed rank right of the track's end, and the room it takes."""
    value_label(axes, 1.0, row, bar.printed, f"value-0-{row}", offset=3 * PAD_PT)
    rooms.append(Room(1.0, above=text_width(bar.printed, FONT_PT, "bold") + 4 * PAD_PT))


def _rank_track(
    axes: Axes,
    row: int,
    rank: int,
    out_of: int,
    colour: str,
    brand: Brand,
    ends: tuple[str, str] | None,
) -> None:
    """Dots for the places 1 … out_of on a light track, a large dot at the rank, the
    track's ends labelled below it."""
    step = 1 / max(out_of - 1, 1)
    axes.plot(
        [0, 1],
        [row, row],
        color=track(colour, brand),
        linewidth=RANK_TRACK_PT,
        solid_capstyle="round",
        zorder=1,
    )
    if out_of <= MOST_PLACES:
        places = [i * step for i in range(out_of)]
        axes.scatter(places, [row] * out_of, s=5, color=brand.colours.muted, zorder=2, linewidths=0)
    axes.scatter([(min(rank, out_of) - 1) * step], [row], s=110, color=colour, zorder=3)
    for x, text in zip((0.0, 1.0), ends or (), strict=False):
        label = axes.annotate(
            text,
            (x, row),
            xytext=(0, -END_OFFSET_PT),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=SMALL_PT,
            color=brand.colours.muted,
        )
        label.set_gid(f"end-{row}-{int(x)}")


# ── Grouped: a panel a unit ────────────────────────────────────────────────


def draw_grouped(spec: ChartSpec, brand: Brand) -> Figure:
    """Groups × series, a panel a unit as the story decides: series that share a unit are
    clustered on one axis (with a legend where several do), each unit on an axis of its own."""
    panels = chart_panels(spec)
    if len(panels) == 1:
        return _one_panel(spec, panels[0], brand)
    return _panels(spec, panels, brand)


def _members(spec: ChartSpec, panel: Panel) -> list[tuple[int, Series]]:
    return [(j, spec.series[j]) for j in panel.series]


def _colour_of(spec: ChartSpec, brand: Brand) -> Callable[[int, int], str]:
    return lambda row, j: fill(spec, brand, row, j)


def _handles(spec: ChartSpec, brand: Brand, panel: Panel) -> list[Any]:
    from matplotlib.patches import Patch

    return [Patch(color=fill(spec, brand, 0, j)) for j in panel.series]


def _one_panel(spec: ChartSpec, panel: Panel, brand: Brand) -> Figure:
    """One axis, a bar a series in each group's row, a legend of the series above."""
    categories, members = spec.categories, _members(spec, panel)
    names = [s.name for _, s in members]
    legend = legend_plan(names, WIDTH_PT * 0.6) if panel.legend else None
    top = legend.height_pt + PAD_PT + 4 if legend else TOP_PT
    rows = rows_of(categories, len(members), top, UNIT_PT)
    figure, (axes,) = rows.draw()
    drawn = cluster(axes, categories, members, _colour_of(spec, brand), rows)
    label_values(axes, drawn, brand, spec.large_numbers)
    unit_label(axes, panel.unit_label)
    label_style(axes, brand)
    if legend:
        legend.draw(axes, _handles(spec, brand, panel))
    return figure


def _panels(spec: ChartSpec, panels: Sequence[Panel], brand: Brand) -> Figure:
    """Small multiples: a panel a unit, each with its own axis, headed by the story's title."""
    categories = spec.categories
    per_row = max(len(p.series) for p in panels)
    estimate = rows_of(categories, per_row, 0.0, TICKS_PT, panels=len(panels)).panel_pt
    heads = [
        panel_head(p.title, [s.name for _, s in _members(spec, p)], p.legend, estimate)
        for p in panels
    ]
    legend_pt = max(h.legend_pt for h in heads)
    top = max(h.height_pt - h.legend_pt for h in heads) + legend_pt + 4
    rows = rows_of(categories, per_row, top, TICKS_PT, panels=len(panels))
    figure, every = rows.draw()
    for i, (axes, panel, head) in enumerate(zip(every, panels, heads, strict=True)):
        members = _members(spec, panel)
        drawn = cluster(axes, categories, members, _colour_of(spec, brand), rows)
        label_values(axes, drawn, brand, spec.large_numbers)
        head.draw(axes, _handles(spec, brand, panel), f"heading-{i}", legend_pt)
        label_style(axes, brand)
    return figure
