"""Charts of a story drawn with matplotlib: SVG for the PDF, PNG for the deck.

The story decides what a chart shows (series, panels, units, colours by bar or series, the
words on it); this package only draws it. Drawing costs a matplotlib import and a few tenths
of a second, so every drawing goes through the cache of briefing.charts.cache.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from briefing.brand import Brand
from briefing.charts.bars import draw_bars, draw_grouped, draw_ranking, draw_shares
from briefing.charts.cache import cached
from briefing.charts.lines import draw_lines
from briefing.charts.ring import draw_ring
from briefing.charts.style import styled
from briefing.story.model import ChartSpec, single_share

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def draw_svg(spec: ChartSpec, brand: Brand) -> bytes:
    """The chart as SVG whose text stays text; the same bytes for the same spec.

    `spec` comes from a story built with `brand`: its key stands for the brand's colours and
    fonts, so a cached chart is found by the key alone.
    """
    return cached(spec, "svg", None, lambda: _render(spec, brand, "svg", metadata={"Date": None}))


def draw_png(spec: ChartSpec, brand: Brand, dpi: int = 200) -> bytes:
    """The chart as a PNG image at the given resolution."""
    return cached(spec, "png", dpi, lambda: _render(spec, brand, "png", dpi=dpi))


def chart_figure(spec: ChartSpec, brand: Brand) -> Figure:
    """The chart as a laid-out matplotlib Figure, for checks of where its text lies."""
    with styled(brand):
        figure = _draw(spec, brand)
        figure.draw_without_rendering()
    return figure


def _render(spec: ChartSpec, brand: Brand, fmt: str, **save: Any) -> bytes:
    """Draw the chart on a pyplot-free Agg figure in the brand's style and save it as `fmt`."""
    with styled(brand):
        figure = _draw(spec, brand)
        out = io.BytesIO()
        figure.savefig(out, format=fmt, facecolor=brand.colours.background, **save)
    return out.getvalue()


def _draw(spec: ChartSpec, brand: Brand) -> Figure:
    if not spec.series:
        return draw_bars(spec, brand)
    if single_share(spec):
        return draw_ring(spec, brand)
    return DRAWERS.get(spec.kind, draw_bars)(spec, brand)


DRAWERS: dict[str, Callable[[ChartSpec, Brand], Figure]] = {
    "bar": draw_bars,
    "share": draw_shares,
    "ranking": draw_ranking,
    "grouped": draw_grouped,
    "line": draw_lines,
}
