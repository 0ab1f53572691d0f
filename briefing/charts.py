"""Charts of a story drawn with matplotlib: SVG for the PDF, PNG for the deck."""

from __future__ import annotations

import functools
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .brand import Brand
from .errors import BriefingError
from .story import ChartSpec

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class Geometry:
    """Height of a chart beyond its rows, and room below the axes for the x axis."""

    base_cm: float
    axis_pt: float


CM = 1 / 2.54  # inches
PT = 1 / 72  # inches
WIDTH_CM = 16.0
ROW_CM = 1.1
FONT_PT = 9.0
SMALL_PT = 7.5
PAD_PT = 5.0
LABEL_EMS = 10.0  # category labels wrap after about this many Chinese characters
BAR_HEIGHT = 0.55
GRID = "#D5DCE4"
SVG_SALT = "briefing"
CLOSING_MARKS = "，。、；：！？）」』》”’…％,.;:!?)%"
OPENING_MARKS = "（《“「『【(‘"
TOKEN = re.compile(r"[A-Za-z0-9&.%+\-/]+|.")
DEFAULT_GEOMETRY = Geometry(base_cm=3.0, axis_pt=34.0)
GEOMETRY = {"ranking": Geometry(base_cm=1.8, axis_pt=14.0)}  # rankings have no x axis


def draw_svg(spec: ChartSpec, brand: Brand) -> bytes:
    """The chart as SVG whose text stays text; the same bytes for the same spec."""
    return _render(spec, brand, "svg", metadata={"Date": None})


def draw_png(spec: ChartSpec, brand: Brand, dpi: int = 200) -> bytes:
    """The chart as a PNG image at the given resolution."""
    return _render(spec, brand, "png", dpi=dpi)


def wrap_label(label: str, ems: float = LABEL_EMS) -> str:
    """Break a category label into about equal lines of at most about `ems` characters.

    Latin runs (R&D, CO2) stay whole; closing marks never start a line and
    opening marks never end one.
    """
    tokens = TOKEN.findall(label)
    total = sum(_ems(t) for t in tokens)
    if total <= ems:
        return label
    target = total / math.ceil(total / ems)
    lines: list[list[str]] = [[]]
    used = 0.0
    for token in tokens:
        if lines[-1] and used + _ems(token) > target + 0.5 and token[0] not in CLOSING_MARKS:
            carried = [lines[-1].pop()] if lines[-1][-1] in OPENING_MARKS else []
            lines.append(carried)
            used = sum(_ems(t) for t in carried)
        lines[-1].append(token)
        used += _ems(token)
    return "\n".join("".join(line) for line in lines if line)


def _ems(token: str) -> float:
    """Width of a token in em: Chinese characters 1, Latin ones about 0.55."""
    return sum(1.0 if ord(c) >= 0x2E80 else 0.55 for c in token)


def _render(spec: ChartSpec, brand: Brand, fmt: str, **save: Any) -> bytes:
    """Draw the chart on a pyplot-free Agg figure in the brand's style and save it as `fmt`."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    _register_fonts(brand.fonts.family, brand.fonts.regular, brand.fonts.bold)
    labels = [wrap_label(b.label) for b in spec.bars]
    geometry = GEOMETRY.get(spec.kind, DEFAULT_GEOMETRY)
    with matplotlib.rc_context(_style(brand)):
        figure = Figure(figsize=(WIDTH_CM * CM, _height_cm(labels, geometry) * CM))
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        _place_axes(figure, labels, geometry.axis_pt)
        _frame(axes, labels)
        DRAWERS.get(spec.kind, _draw_bars)(axes, spec, brand)
        out = io.BytesIO()
        figure.savefig(out, format=fmt, facecolor=brand.colours.background, **save)
    return out.getvalue()


def _height_cm(labels: list[str], geometry: Geometry) -> float:
    """Figure height: the kind's base plus equal rows, tall enough for the longest label."""
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    row_cm = max(ROW_CM, lines * FONT_PT * 1.25 * PT / CM + 0.3)
    return geometry.base_cm + row_cm * max(len(labels), 1)


@functools.cache
def _register_fonts(family: str, regular: Path, bold: Path) -> None:
    """Make the brand's font files known to matplotlib, once a process."""
    from matplotlib import font_manager

    for path in (regular, bold):
        font_manager.fontManager.addfont(str(path))
        found = font_manager.FontProperties(fname=str(path)).get_name()
        if found != family:
            raise BriefingError(
                f"font file {path} holds family '{found}', the brand names '{family}'"
            )


def _style(brand: Brand) -> dict[Any, Any]:
    ink, muted = brand.colours.foreground, brand.colours.muted
    return {
        "font.family": [brand.fonts.family],
        "font.size": FONT_PT,
        "svg.fonttype": "none",
        "svg.hashsalt": SVG_SALT,
        "text.color": ink,
        "axes.labelcolor": muted,
        "axes.edgecolor": muted,
        "xtick.color": muted,
        "ytick.color": ink,
        "xtick.labelsize": SMALL_PT,
        "axes.labelsize": SMALL_PT,
        "axes.unicode_minus": False,
    }


def _place_axes(figure: Figure, labels: list[str], axis_room: float) -> None:
    """Leave room on the left for the widest label and `axis_room` points below."""
    widest = max((_text_width(line) for label in labels for line in label.split("\n")), default=0)
    width_pt, height_pt = figure.get_figwidth() / PT, figure.get_figheight() / PT
    figure.subplots_adjust(
        left=(widest + 2 * PAD_PT) / width_pt,
        right=1 - PAD_PT / width_pt,
        top=1 - 8 / height_pt,
        bottom=axis_room / height_pt,
    )


def _frame(axes: Axes, labels: list[str]) -> None:
    """One row per bar, top to bottom, labelled on the left, without chart junk."""
    axes.set_yticks(range(len(labels)), labels)
    axes.set_ylim(max(len(labels), 1) - 0.4, -0.6)
    axes.tick_params(axis="y", length=0, pad=PAD_PT)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)


def _text_width(text: str, size: float = FONT_PT, weight: str = "normal") -> float:
    """Width of a text in points, in the current font family."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(size=size, weight=weight)
    width, _, _ = TextToPath().get_text_width_height_descent(text, prop, ismath=False)
    return float(width)


def _right_limit(
    axes: Axes, start: float, end: float, texts: list[str], offset: float = PAD_PT
) -> float:
    """Where the x axis must end so the widest label fits after `end`, `offset` points on."""
    axes_pt = axes.get_position().width * WIDTH_CM * CM / PT
    room = (
        max((_text_width(t, FONT_PT, "bold") for t in texts), default=0) + offset + PAD_PT
    ) / axes_pt
    return start + (end - start) / (1 - min(room, 0.6))


def _colour(brand: Brand, index: int) -> str:
    palette = brand.colours.chart
    return palette[index % len(palette)]


def _value_label(
    axes: Axes, x: float, row: int, text: str, offset: float = PAD_PT, **style: Any
) -> None:
    axes.annotate(
        text,
        (x, row),
        xytext=(offset, 0),
        textcoords="offset points",
        va="center",
        ha="left",
        fontweight="bold",
        **style,
    )


def _grid(axes: Axes) -> None:
    axes.grid(axis="x", color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)


def _draw_bars(axes: Axes, spec: ChartSpec, brand: Brand) -> None:
    """Horizontal bars from zero, each with its printed value at its end."""
    top = max((b.value for b in spec.bars), default=0) or 1.0
    for row, bar in enumerate(spec.bars):
        length = max(bar.value, 0.0)
        axes.barh(row, length, height=BAR_HEIGHT, color=_colour(brand, row))
        _value_label(axes, length, row, bar.printed)
    axes.set_xlim(0, _right_limit(axes, 0, top, [b.printed for b in spec.bars]))
    axes.set_xlabel(f"单位：{spec.unit}", loc="right")
    _grid(axes)


def _draw_shares(axes: Axes, spec: ChartSpec, brand: Brand) -> None:
    """Each share as a bar against a 100% track, its printed value after the track."""
    from matplotlib.ticker import PercentFormatter

    for row, bar in enumerate(spec.bars):
        share = min(max(bar.value, 0.0), 100.0)
        axes.barh(row, 100, height=BAR_HEIGHT, color=brand.colours.light)
        axes.barh(row, share, height=BAR_HEIGHT, color=_colour(brand, row))
        _value_label(axes, 100, row, bar.printed)
    axes.set_xlim(0, _right_limit(axes, 0, 100, [b.printed for b in spec.bars]))
    axes.set_xticks([0, 25, 50, 75, 100])
    axes.spines["bottom"].set_bounds(0, 100)
    axes.xaxis.set_major_formatter(PercentFormatter(100, decimals=0))
    _grid(axes)


def _draw_ranking(axes: Axes, spec: ChartSpec, brand: Brand) -> None:
    """Each rank as a marker on a track of the list's places, first place on the left."""
    for row, bar in enumerate(spec.bars):
        if bar.out_of:
            _rank_track(axes, row, int(bar.value), bar.out_of, _colour(brand, row), brand)
            _value_label(axes, 1.0, row, bar.printed, offset=3 * PAD_PT)
        else:
            _value_label(
                axes,
                0.0,
                row,
                bar.printed,
                offset=0,
                color=_colour(brand, row),
                fontsize=FONT_PT * 1.5,
            )
    axes.set_xlim(-0.03, _right_limit(axes, -0.03, 1.0, [b.printed for b in spec.bars], 3 * PAD_PT))
    axes.set_xticks([])
    axes.spines["bottom"].set_visible(False)


def _rank_track(axes: Axes, row: int, rank: int, out_of: int, colour: str, brand: Brand) -> None:
    """Dots for the places 1 … out_of on a light track, a large dot at the rank."""
    step = 1 / max(out_of - 1, 1)
    axes.plot(
        [0, 1], [row, row], color=brand.colours.light, linewidth=9, solid_capstyle="round", zorder=1
    )
    axes.scatter(
        [i * step for i in range(out_of)], [row] * out_of, s=5, color=brand.colours.muted, zorder=2
    )
    axes.scatter([(rank - 1) * step], [row], s=110, color=colour, zorder=3)
    for x, text in ((0.0, "第1位"), (1.0, f"第{out_of}位")):
        axes.annotate(
            text,
            (x, row),
            xytext=(0, -9),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=SMALL_PT,
            color=brand.colours.muted,
        )


DRAWERS: dict[str, Callable[[Axes, ChartSpec, Brand], None]] = {
    "bar": _draw_bars,
    "share": _draw_shares,
    "ranking": _draw_ranking,
}
