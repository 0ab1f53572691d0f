"""Sizes, the matplotlib style and fonts, figures placed in points, and the colours of a chart.

Colours are what the story decides: the palette index by bar or by series (`spec.colour_by`),
tracks mixed from the bar's colour and the background, and text on a fill by the one WCAG rule
of briefing.brand.colour, so the deck and the charts agree on every fill.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.brand import Brand
from briefing.brand.colour import mix
from briefing.errors import BriefingError
from briefing.story.model import ChartSpec, Panel

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

CM = 1 / 2.54  # inches
PT = 1 / 72  # inches
WIDTH_CM = 16.0
WIDTH_PT = WIDTH_CM * CM / PT
FONT_PT = 9.0
SMALL_PT = 7.5
LINE_SPACING = 1.3  # of wrapped lines, as matplotlib counts it
LINE_PT = FONT_PT * 1.3  # one line of chart text
PAD_PT = 5.0
TOP_PT = 8.0  # above the plot when nothing is printed there
ROW_PT = 1.1 * CM / PT  # one bar's row
CLUSTER_BAR_PT = 12.0  # one bar of a cluster
BAR_HEIGHT = 0.55  # a lone bar, as a share of its row
PANEL_GAP_PT = 24.0
TICKS_PT = 20.0  # below a plot for its tick labels
UNIT_PT = 34.0  # below a plot for tick labels and the unit
LINE_PLOT_PT = 150.0  # height of a line chart's plot
MARKER_PT = 3.5  # radius of a line chart's point
LABEL_GAP_PT = 4.0  # between a point and its label
TRACK = 0.14  # share of a bar's colour in its track (the rest is background)
GRID = "#D5DCE4"
ZERO_LINE = "#9AA5B1"
SVG_SALT = "briefing"


# ── Style and fonts ────────────────────────────────────────────────────────


@contextlib.contextmanager
def styled(brand: Brand) -> Iterator[None]:
    """matplotlib set to the brand's fonts and colours, for the drawing inside."""
    import matplotlib

    register_fonts(brand.fonts.family, brand.fonts.regular, brand.fonts.bold)
    with matplotlib.rc_context(style(brand)):
        yield


@functools.cache
def register_fonts(family: str, regular: Path, bold: Path) -> None:
    """Make the brand's font files known to matplotlib, once a process."""
    from matplotlib import font_manager

    for path in (regular, bold):
        font_manager.fontManager.addfont(str(path))
        found = font_manager.FontProperties(fname=str(path)).get_name()
        if found != family:
            raise BriefingError(
                f"font file {path} holds family '{found}', the brand names '{family}'"
            )


def style(brand: Brand) -> dict[RcKeyType, Any]:
    """The rc parameters of every chart."""
    ink, muted = brand.colours.foreground, brand.colours.muted
    return {
        "font.family": [brand.fonts.family],
        "font.size": FONT_PT,
        "svg.fonttype": "none",
        "svg.hashsalt": SVG_SALT,
        "text.color": ink,
        "axes.labelcolor": muted,
        "axes.edgecolor": muted,
        "axes.linewidth": 0.8,
        "xtick.color": muted,
        "ytick.color": muted,
        "xtick.labelsize": SMALL_PT,
        "ytick.labelsize": SMALL_PT,
        "axes.labelsize": SMALL_PT,
        "axes.unicode_minus": False,
        "axes.formatter.useoffset": False,
        "axes.formatter.limits": (-99, 99),
        "legend.fontsize": FONT_PT,
        "legend.frameon": False,
        "text.parse_math": False,  # `$…$` in a label is shown as written, never as mathtext
    }


# ── Figures and axes in points ─────────────────────────────────────────────


def new_figure(height_pt: float) -> Figure:
    """A pyplot-free Agg figure the width of a chart and this tall."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_PT * PT, height_pt * PT))
    FigureCanvasAgg(figure)
    return figure


def place_axes(figure: Figure, left: float, bottom: float, width: float, height: float) -> Axes:
    """Axes placed in points from the figure's bottom left corner."""
    w, h = figure.get_figwidth() / PT, figure.get_figheight() / PT
    return figure.add_axes((left / w, bottom / h, width / w, height / h))


def axes_pt(axes: Axes) -> tuple[float, float]:
    """Width and height of an axes in points."""
    from matplotlib.figure import Figure

    figure = axes.get_figure()
    if not isinstance(figure, Figure):
        return 0.0, 0.0
    box = axes.get_position()
    return box.width * figure.get_figwidth() / PT, box.height * figure.get_figheight() / PT


# ── Colours and panels, as the story decides ───────────────────────────────


def fill(spec: ChartSpec, brand: Brand, row: int, series: int) -> str:
    """The palette colour of a bar: by its row where the chart colours by bar, else by the
    index of its series in the chart (the same index in every panel)."""
    return brand.colours.palette(row if spec.colour_by == "bar" else series)


def track(colour: str, brand: Brand) -> str:
    """A light track in a bar's own hue: a little of it over the background.

    Mixed from colours the chart key covers, so a cached chart never outlives a brand change.
    """
    return mix(colour, brand.colours.background, TRACK)


def ink(fill_colour: str, brand: Brand) -> str:
    """Text on a fill: white or the foreground, whichever contrasts more (the deck's rule)."""
    return brand.colours.ink_on(fill_colour)


def chart_panels(spec: ChartSpec) -> tuple[Panel, ...]:
    """The story's panels (one a unit); for a spec without any, one a unit, untitled."""
    if spec.panels:
        return spec.panels
    by_unit: dict[str, list[int]] = {}
    for i, one in enumerate(spec.series):
        by_unit.setdefault(one.unit, []).append(i)
    return tuple(
        Panel(spec.series[m[0]].heading if len(m) == 1 else "", tuple(m), "")
        for m in by_unit.values()
    )
