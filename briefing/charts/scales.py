"""Scales: limits that leave room for labels, round ticks whose labels do not collide, and
tick numbers with the story's suffixes for large numbers (万, 亿)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.charts.style import GRID, PAD_PT, SMALL_PT, ZERO_LINE
from briefing.charts.text import text_width

if TYPE_CHECKING:
    from matplotlib.axes import Axes

PLAIN_BELOW = 1e6  # numbers on an axis up to this stay plain (999,999); above, take a suffix

LargeNumbers = Sequence[tuple[float, str]]


def axis_number(value: float, ticks: Sequence[float], large: LargeNumbers = ()) -> str:
    """A tick label: 2.5, 12,000; never 1e6 or an offset.

    Where the largest tick reaches a million, numbers are written in the largest unit of
    `large` (the story's ((1e8, '亿'), (1e4, '万'))) that the largest tick reaches: 500万, 1.5亿.
    """
    top = max((abs(t) for t in ticks), default=0.0)
    scale, suffix = 1.0, ""
    if top >= PLAIN_BELOW:
        scale, suffix = max(
            ((s, x) for s, x in large if top >= s), default=(1.0, ""), key=lambda p: p[0]
        )
    decimals = _decimals([t / scale for t in ticks])
    number = round(value / scale, decimals) + 0.0  # + 0.0 turns -0.0 into 0.0
    text = f"{number:,.{decimals}f}" if abs(number) >= 10000 else f"{number:.{decimals}f}"
    return text + suffix if number else "0"


def _decimals(ticks: Sequence[float]) -> int:
    scale = max((abs(t) for t in ticks), default=1.0) or 1.0
    for decimals in range(12):
        if all(abs(round(t, decimals) - t) <= scale * 1e-9 for t in ticks):
            return decimals
    return 12


def integers(values: Sequence[float]) -> bool:
    """Whether every value is a whole number (then so are the ticks)."""
    return all(float(v).is_integer() for v in values)


@dataclass(frozen=True)
class Room:
    """A value on a scale and the points of text it needs below and above it."""

    value: float
    below: float = 0.0
    above: float = 0.0


def fit_limits(
    low: float, high: float, rooms: Sequence[Room], length_pt: float
) -> tuple[float, float]:
    """Limits that hold [low, high] and leave each value its room in points, on `length_pt`."""
    if high <= low:
        low, high = low - 1.0, low + 1.0
    # The rooms may take 85% of the scale at most, shared between the two sides by need.
    below = max((r.below for r in rooms), default=0.0)
    above = max((r.above for r in rooms), default=0.0)
    most = 0.85 * length_pt
    scale = min(1.0, most / (below + above)) if below + above > 0 else 1.0
    lo, hi = low, high
    for _ in range(200):
        span = hi - lo
        new_hi = max(
            [high] + [r.value + span * min(r.above, above * scale) / length_pt for r in rooms]
        )
        new_lo = min(
            [low] + [r.value - span * min(r.below, below * scale) / length_pt for r in rooms]
        )
        if math.isclose(new_lo, lo, abs_tol=span * 1e-9) and math.isclose(
            new_hi, hi, abs_tol=span * 1e-9
        ):
            break
        lo, hi = new_lo, new_hi
    return lo, hi


def nice_ticks(
    lo: float,
    hi: float,
    length_pt: float,
    *,
    integer: bool,
    across: bool,
    spill_pt: float = 0.0,
    large: LargeNumbers = (),
) -> tuple[list[float], list[str]]:
    """Round ticks in [lo, hi] whose labels keep clear of each other along the scale.

    Across the page, a tick whose label would run more than `spill_pt` past the end is left out.
    """
    from matplotlib.ticker import MaxNLocator

    span = hi - lo
    ticks: list[float] = []
    labels: list[str] = []
    for bins in range(9, 0, -1):
        locator = MaxNLocator(nbins=bins, integer=integer, steps=[1, 2, 2.5, 5, 10], min_n_ticks=1)
        found = locator.tick_values(lo, hi)
        ticks = [float(t) for t in found if lo - span * 1e-9 <= t <= hi + span * 1e-9]
        labels = [axis_number(t, ticks, large) for t in ticks]
        if across:
            ends = [
                (t - lo) / span * length_pt + text_width(x, SMALL_PT) / 2
                for t, x in zip(ticks, labels, strict=True)
            ]
            kept = [k for k, end in enumerate(ends) if end <= length_pt + spill_pt]
            ticks, labels = [ticks[k] for k in kept], [labels[k] for k in kept]
        if _ticks_clear(ticks, labels, span, length_pt, across):
            break
    return ticks, labels


def _ticks_clear(
    ticks: list[float], labels: list[str], span: float, length_pt: float, across: bool
) -> bool:
    """Whether neighbouring tick labels keep at least 8 pt (across) or 3 pt (up) apart."""
    if len(ticks) < 2:
        return True
    step_pt = (ticks[1] - ticks[0]) / span * length_pt
    if not across:
        return step_pt >= SMALL_PT * 1.2 + 3
    widths = [text_width(t, SMALL_PT) for t in labels]
    return all(step_pt >= (a + b) / 2 + 8 for a, b in itertools.pairwise(widths))


def value_axis(
    axes: Axes,
    lo: float,
    hi: float,
    length_pt: float,
    values: Sequence[float],
    large: LargeNumbers = (),
) -> None:
    """Ticks, tick labels and grid of a horizontal value axis."""
    ticks, labels = nice_ticks(
        lo, hi, length_pt, integer=integers(values), across=True, spill_pt=PAD_PT - 1, large=large
    )
    axes.set_xticks(ticks, labels)
    axes.set_xlim(lo, hi)
    axes.grid(axis="x", color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)
    if lo < 0 < hi:
        axes.axvline(0, color=ZERO_LINE, linewidth=0.8, zorder=1)
