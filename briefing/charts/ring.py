"""A share chart of one value: a ring filled to the share, its printed value in the middle,
its label beside it. One bar against a 100% track would say the same with more ink."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.brand import Brand
from briefing.charts.style import FONT_PT, PAD_PT, WIDTH_PT, fill, new_figure, place_axes
from briefing.charts.style import track as track_of
from briefing.charts.text import line_count, text_width, wrap_label
from briefing.story.model import ChartSpec

if TYPE_CHECKING:
    from matplotlib.figure import Figure

RING_PT = 112.0  # the ring's outer diameter
RING_WIDTH = 0.26  # of its radius
RING_GAP_PT = 16.0  # between the ring and its label
VALUE_PT = 22.0  # the printed value in the middle, at most
LABEL_PT = FONT_PT + 1.5
MARGIN_PT = 6.0  # above and below the ring


def value_size(printed: str) -> float:
    """The largest size, up to VALUE_PT, at which the printed value fits inside the ring."""
    inner = RING_PT * (1 - RING_WIDTH) * 0.82
    wide = text_width(printed, 1.0, "bold") or 1.0
    return min(VALUE_PT, inner / wide)


def draw_ring(spec: ChartSpec, brand: Brand) -> Figure:
    """The share as an arc from twelve o'clock, clockwise, on a light full ring; the printed
    value in its middle, the label to its right; the pair centred in the chart's width."""
    (bar,) = spec.bars
    colour = fill(spec, brand, 0, 0)
    label = wrap_label(bar.label)
    label_w = text_width(label, LABEL_PT)
    height = max(RING_PT, line_count(label) * LABEL_PT * 1.3) + 2 * MARGIN_PT
    figure = new_figure(height)
    left = (WIDTH_PT - RING_PT - RING_GAP_PT - label_w) / 2
    axes = place_axes(figure, max(left, PAD_PT), (height - RING_PT) / 2, RING_PT, RING_PT)
    share = min(max(bar.value, 0.0), 100.0)
    wedges, _ = axes.pie(
        [share, 100.0 - share],
        colors=[colour, track_of(colour, brand)],
        startangle=90,
        counterclock=False,
        radius=1.0,
        wedgeprops={"width": RING_WIDTH, "linewidth": 0},
    )
    for wedge, gid in zip(wedges, ("ring-value", "ring-rest"), strict=True):
        wedge.set_gid(gid)
    axes.set_xlim(-1, 1)
    axes.set_ylim(-1, 1)
    axes.set_aspect("equal")
    axes.axis("off")
    value = axes.text(
        0,
        0,
        bar.printed,
        ha="center",
        va="center",
        fontsize=value_size(bar.printed),
        fontweight="bold",
        color=brand.colours.readable(colour, brand.colours.background, 3.0),
    )
    value.set_gid("value-0-0")
    named = axes.annotate(
        label,
        (1.0, 0.0),
        xytext=(RING_GAP_PT, 0),
        textcoords="offset points",
        ha="left",
        va="center",
        fontsize=LABEL_PT,
        color=brand.colours.foreground,
        linespacing=1.3,
    )
    named.set_gid("label-0")
    return figure
