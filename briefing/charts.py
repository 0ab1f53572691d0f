"""Charts of a story drawn with matplotlib: SVG for the PDF, PNG for the deck.

Drawing a chart costs a matplotlib import and a few tenths of a second, so every drawing is
kept in `cache_folder()` under `<spec.key>-<STYLE_VERSION>-<matplotlib version>-<fmt>[-<dpi>]`.
The key covers everything the picture shows (values, printed forms, titles, brand colours,
font files); STYLE_VERSION covers this module's drawing code. The folder only ever holds such
copies: it is safe to delete at any time, and a folder that cannot be read or written costs
drawing time, never a build.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.metadata
import io
import itertools
import math
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .brand import Brand
from .errors import BriefingError
from .story import Bar, ChartSpec, Series

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

STYLE_VERSION = 2  # bump whenever a change to this module changes how any chart looks
CACHE_ENV = "BRIEFING_CACHE_DIR"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SIGNATURES = {"svg": b"<?xml", "png": PNG_SIGNATURE}
KEY = re.compile(r"^[0-9A-Za-z_]{16,}$")  # a story's digest; a hand-made "0" is never cached

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
LABEL_EMS = 10.0  # category labels wrap after about this many Chinese characters
GRID = "#D5DCE4"
ZERO_LINE = "#9AA5B1"
SVG_SALT = "briefing"
CLOSING_MARKS = "，。、；：！？）」』》”’…％,.;:!?)%"
OPENING_MARKS = "（《“「『【(‘"
TOKEN = re.compile(r"[A-Za-z0-9&.%+\-/]+|.")
YEAR = re.compile(r"^\s*(\d{4})\s*年?\s*$")


# ── Public: drawing with a cache ───────────────────────────────────────────


def draw_svg(spec: ChartSpec, brand: Brand) -> bytes:
    """The chart as SVG whose text stays text; the same bytes for the same spec.

    `spec` comes from a story built with `brand`: its key stands for the brand's colours and
    fonts, so a cached chart is found by the key alone.
    """
    return _cached(spec, "svg", None, lambda: _render(spec, brand, "svg", metadata={"Date": None}))


def draw_png(spec: ChartSpec, brand: Brand, dpi: int = 200) -> bytes:
    """The chart as a PNG image at the given resolution."""
    return _cached(spec, "png", dpi, lambda: _render(spec, brand, "png", dpi=dpi))


def cache_folder() -> Path:
    """$BRIEFING_CACHE_DIR, else $XDG_CACHE_HOME/briefing/charts, else ~/.cache/briefing/charts."""
    own = os.environ.get(CACHE_ENV)
    if own:
        return Path(own).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "briefing" / "charts"


def cache_name(spec: ChartSpec, fmt: str, dpi: int | None = None) -> str:
    """'<key>-<STYLE_VERSION>-<matplotlib version>-<fmt>[-<dpi>]'."""
    parts = [spec.key, str(STYLE_VERSION), _matplotlib_version(), fmt]
    return "-".join(parts if dpi is None else [*parts, str(dpi)])


def chart_figure(spec: ChartSpec, brand: Brand) -> Figure:
    """The chart as a laid-out matplotlib Figure, for checks of where its text lies."""
    with _styled(brand):
        figure = _draw(spec, brand)
        figure.draw_without_rendering()
    return figure


@functools.cache
def _matplotlib_version() -> str:
    """From the installed package's metadata: importing matplotlib costs half a second."""
    try:
        return importlib.metadata.version("matplotlib")
    except importlib.metadata.PackageNotFoundError:
        return "none"


def _cached(spec: ChartSpec, fmt: str, dpi: int | None, draw: Callable[[], bytes]) -> bytes:
    """The cached bytes of the chart, or draw it and keep a copy."""
    path = _cache_path(spec, fmt, dpi)
    if path is not None:
        found = _read(path, fmt)
        if found is not None:
            return found
    data = draw()
    if path is not None:
        _store(path, data)
    return data


def _cache_path(spec: ChartSpec, fmt: str, dpi: int | None) -> Path | None:
    if not KEY.match(spec.key):
        return None
    try:
        return cache_folder() / cache_name(spec, fmt, dpi)
    except RuntimeError:  # no home folder to be found
        return None


def _read(path: Path, fmt: str) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if data.startswith(SIGNATURES[fmt]) else None


def _store(path: Path, data: bytes) -> None:
    """Write through a temporary file and rename, so no reader ever sees half a chart."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


# ── Text: wrapping, measuring, numbers on axes ─────────────────────────────


def wrap_label(label: str, ems: float = LABEL_EMS) -> str:
    """Break a label into about equal lines of at most about `ems` characters.

    Latin runs (R&D, CO2) stay whole unless longer than a line; closing marks never start
    a line and opening marks never end one.
    """
    tokens = [piece for token in TOKEN.findall(label) for piece in _split_long(token, ems)]
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


def axis_number(value: float, ticks: Sequence[float]) -> str:
    """A tick label in Chinese style: 2.5, 12,000, 500万, 1.5亿; never 1e6 or an offset."""
    top = max((abs(t) for t in ticks), default=0.0)
    scale, suffix = (1e8, "亿") if top >= 1e8 else (1e4, "万") if top >= 1e6 else (1.0, "")
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


def _split_long(token: str, ems: float) -> list[str]:
    """A Latin run longer than a line, cut into pieces that fit one."""
    if len(token) == 1 or _ems(token) <= ems:
        return [token]
    size = max(int(ems / 0.55), 1)
    return [token[i : i + size] for i in range(0, len(token), size)]


def _ems(token: str) -> float:
    """Width of a token in em: Chinese characters 1, Latin ones about 0.55."""
    return sum(1.0 if ord(c) >= 0x2E80 else 0.55 for c in token)


def _text_width(text: str, size: float = FONT_PT, weight: str = "normal") -> float:
    """Width in points of the widest line of a text, in the current font family."""
    from matplotlib import rcParams

    family = tuple(rcParams["font.family"])
    return max((_measure(line, size, weight, family) for line in text.split("\n")), default=0.0)


@functools.cache
def _measure(line: str, size: float, weight: str, family: tuple[str, ...]) -> float:
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(family=list(family), size=size, weight=weight)
    width, _, _ = TextToPath().get_text_width_height_descent(line, prop, ismath=False)
    return float(width)


def _lines(text: str) -> int:
    return text.count("\n") + 1 if text else 0


# ── Drawing: figure, style, fonts ──────────────────────────────────────────


def _render(spec: ChartSpec, brand: Brand, fmt: str, **save: Any) -> bytes:
    """Draw the chart on a pyplot-free Agg figure in the brand's style and save it as `fmt`."""
    with _styled(brand):
        figure = _draw(spec, brand)
        out = io.BytesIO()
        figure.savefig(out, format=fmt, facecolor=brand.colours.background, **save)
    return out.getvalue()


def _draw(spec: ChartSpec, brand: Brand) -> Figure:
    if not spec.series:
        return _draw_bars(spec, brand)
    return DRAWERS.get(spec.kind, _draw_bars)(spec, brand)


@contextlib.contextmanager
def _styled(brand: Brand) -> Iterator[None]:
    import matplotlib

    _register_fonts(brand.fonts.family, brand.fonts.regular, brand.fonts.bold)
    with matplotlib.rc_context(_style(brand)):
        yield


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


def _style(brand: Brand) -> dict[str, Any]:
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
    }


def _figure(height_pt: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_PT * PT, height_pt * PT))
    FigureCanvasAgg(figure)
    return figure


def _axes(figure: Figure, left: float, bottom: float, width: float, height: float) -> Axes:
    """Axes placed in points from the figure's bottom left corner."""
    w, h = figure.get_figwidth() / PT, figure.get_figheight() / PT
    return figure.add_axes((left / w, bottom / h, width / w, height / h))


def _colour(brand: Brand, index: int) -> str:
    palette = brand.colours.chart
    return palette[index % len(palette)]


def _tint(colour: str, background: str, amount: float) -> str:
    """`amount` of `colour` over `background`: a track in the bar's own hue.

    Built from colours the chart key covers, so a cached chart never outlives a brand change.
    """
    a, b = _rgb(colour), _rgb(background)
    mixed = (round(x * amount + y * (1 - amount)) for x, y in zip(a, b, strict=True))
    return "#" + "".join(f"{c:02X}" for c in mixed)


def _rgb(colour: str) -> tuple[int, int, int]:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


# ── Scales: limits that leave room for labels, ticks that do not collide ───


@dataclass(frozen=True)
class Room:
    """A value on a scale and the points of text it needs below and above it."""

    value: float
    below: float = 0.0
    above: float = 0.0


def _fit_limits(
    low: float, high: float, rooms: Sequence[Room], length_pt: float
) -> tuple[float, float]:
    """Limits that hold [low, high] and leave each value its room in points, on `length_pt`."""
    if high <= low:
        low, high = low - 1.0, low + 1.0
    both = any(r.below for r in rooms) and any(r.above for r in rooms)
    share = (0.42 if both else 0.85) * length_pt  # rooms on one side may not fill the scale
    lo, hi = low, high
    for _ in range(200):
        span = hi - lo
        new_hi = max([high] + [r.value + span * min(r.above, share) / length_pt for r in rooms])
        new_lo = min([low] + [r.value - span * min(r.below, share) / length_pt for r in rooms])
        if math.isclose(new_lo, lo, abs_tol=span * 1e-9) and math.isclose(
            new_hi, hi, abs_tol=span * 1e-9
        ):
            break
        lo, hi = new_lo, new_hi
    return lo, hi


def _nice_ticks(
    lo: float, hi: float, length_pt: float, *, integer: bool, across: bool, spill_pt: float = 0.0
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
        labels = [axis_number(t, ticks) for t in ticks]
        if across:
            ends = [
                (t - lo) / span * length_pt + _text_width(x, SMALL_PT) / 2
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
    widths = [_text_width(t, SMALL_PT) for t in labels]
    return all(step_pt >= (a + b) / 2 + 8 for a, b in itertools.pairwise(widths))


def _value_axis(
    axes: Axes, lo: float, hi: float, length_pt: float, values: Sequence[float]
) -> None:
    """Ticks, tick labels and grid of a horizontal value axis."""
    integer = all(float(v).is_integer() for v in values)
    ticks, labels = _nice_ticks(
        lo, hi, length_pt, integer=integer, across=True, spill_pt=PAD_PT - 1
    )
    axes.set_xticks(ticks, labels)
    axes.set_xlim(lo, hi)
    axes.grid(axis="x", color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)
    if lo < 0 < hi:
        axes.axvline(0, color=ZERO_LINE, linewidth=0.8, zorder=1)


def _axes_pt(axes: Axes) -> tuple[float, float]:
    """Width and height of an axes in points."""
    figure = axes.get_figure()
    box = axes.get_position()
    return box.width * figure.get_figwidth() / PT, box.height * figure.get_figheight() / PT


# ── Rows of horizontal bars: bar, share, ranking, grouped ──────────────────


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
        widest = max((_text_width(label) for label in self.labels), default=0.0)
        return min(widest + 2 * PAD_PT, 0.4 * WIDTH_PT) if widest else PAD_PT

    @property
    def height_pt(self) -> float:
        return self.top_pt + self.row_pt * max(len(self.labels), 1) + self.bottom_pt

    def draw(self) -> tuple[Figure, list[Axes]]:
        """The figure with one axes a panel, rows top to bottom, labels left of the first."""
        figure = _figure(self.height_pt)
        room = WIDTH_PT - self.label_pt - PAD_PT
        width = (room - (self.panels - 1) * PANEL_GAP_PT) / self.panels
        plot_height = self.height_pt - self.top_pt - self.bottom_pt
        every = []
        for i in range(self.panels):
            left = self.label_pt + i * (width + PANEL_GAP_PT)
            axes = _axes(figure, left, self.bottom_pt, width, plot_height)
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


def _rows(
    labels: Sequence[str], per_row: int, top_pt: float, bottom_pt: float, panels: int = 1
) -> Rows:
    """Rows tall enough for `per_row` bars and for the longest wrapped label."""
    wrapped = tuple(wrap_label(label) for label in labels)
    lines = max((_lines(label) for label in wrapped), default=1)
    bars = ROW_PT if per_row == 1 else per_row * CLUSTER_BAR_PT + 12
    return Rows(wrapped, max(bars, lines * LINE_PT + 8), top_pt, bottom_pt, panels)


def _label_style(axes: Axes, brand: Brand) -> None:
    """Category labels in the text colour, their wrapped lines a little apart."""
    for label in axes.get_yticklabels():
        label.set_color(brand.colours.foreground)
        label.set_linespacing(LINE_SPACING)


@dataclass(frozen=True)
class Drawn:
    """A bar drawn, waiting for its printed value once the scale is known."""

    value: float
    y: float
    printed: str
    colour: str
    gid: str


def _value_label(
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


def _cluster(
    axes: Axes,
    categories: Sequence[str],
    series: Sequence[Series],
    colour: Callable[[int, int], str],
    rows: Rows,
) -> list[Drawn]:
    """Bars of each series in each category's row, the series in order within a row."""
    count = len(series)
    height = BAR_HEIGHT if count == 1 else CLUSTER_BAR_PT / rows.row_pt
    drawn = []
    for j, one in enumerate(series):
        found = {b.label: b for b in one.bars}
        for row, category in enumerate(categories):
            bar = found.get(category)
            if bar is not None:
                y = row + (j - (count - 1) / 2) * height
                fill = colour(row, j)
                axes.barh(y, bar.value, height=height * (0.9 if count > 1 else 1), color=fill)
                drawn.append(Drawn(bar.value, y, bar.printed, fill, f"value-{j}-{row}"))
    return drawn


def _by_row(axes: Axes, bars: Sequence[Bar], brand: Brand) -> list[Drawn]:
    """One bar a row, in the given order, even where two share a label."""
    drawn = []
    for row, bar in enumerate(bars):
        fill = _colour(brand, row)
        axes.barh(row, bar.value, height=BAR_HEIGHT, color=fill)
        drawn.append(Drawn(bar.value, row, bar.printed, fill, f"value-0-{row}"))
    return drawn


def _label_values(axes: Axes, drawn: Sequence[Drawn], brand: Brand) -> None:
    """Value limits, ticks and grid, then each printed value beside its bar's end.

    Where values beside the longest bars would squeeze the bars into little of the width,
    those values go inside their bars' ends instead.
    """
    width, _ = _axes_pt(axes)
    values = [d.value for d in drawn] or [0.0]
    low, high = min(0.0, *values), max(0.0, *values)
    high = high if high > low else low + 1.0
    need = [_text_width(d.printed, FONT_PT, "bold") + PAD_PT + 2 for d in drawn]
    longest = sorted(range(len(drawn)), key=lambda k: -abs(drawn[k].value))
    inside: set[int] = set()
    rooms = [_bar_room(d.value, n) for d, n in zip(drawn, need, strict=True)]
    lo, hi = _fit_limits(low, high, rooms, width)
    used = (high - low) / (hi - lo)
    for count in range(1, len(drawn) + 1):
        if used >= 0.6:
            break
        trial = set(longest[:count])
        rooms = [_bar_room(d.value, need[k]) for k, d in enumerate(drawn) if k not in trial]
        limits = _fit_limits(low, high, rooms, width)
        span = limits[1] - limits[0]
        if any(abs(drawn[k].value) / span * width < need[k] + PAD_PT for k in trial):
            break
        if (high - low) / span > used + 0.05:
            inside, (lo, hi), used = trial, limits, (high - low) / span
    _value_axis(axes, lo, hi, width, values)
    for k, d in enumerate(drawn):
        outward = PAD_PT if d.value >= 0 else -PAD_PT
        if k in inside:
            ink = _ink_on(d.colour, brand)
            _value_label(axes, d.value, d.y, d.printed, d.gid, -outward, color=ink)
        else:
            _value_label(axes, d.value, d.y, d.printed, d.gid, outward)


def _ink_on(fill: str, brand: Brand) -> str:
    """The text colour, foreground or background, that reads better on `fill`."""
    red, green, blue = (c / 255 for c in _rgb(fill))
    light = 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.55
    return brand.colours.foreground if light else brand.colours.background


def _bar_room(value: float, need: float) -> Room:
    return Room(value, below=need) if value < 0 else Room(value, above=need)


def _unit_label(axes: Axes, unit: str) -> None:
    if unit:
        axes.set_xlabel(f"单位：{unit}", loc="right", labelpad=4)


def _draw_bars(spec: ChartSpec, brand: Brand) -> Figure:
    """Horizontal bars from zero, each with its printed value at its end."""
    bars = spec.bars if spec.series else ()
    rows = _rows([b.label for b in bars], 1, TOP_PT, UNIT_PT)
    figure, (axes,) = rows.draw()
    _label_values(axes, _by_row(axes, bars, brand), brand)
    _unit_label(axes, spec.unit if spec.series else "")
    _label_style(axes, brand)
    return figure


def _draw_shares(spec: ChartSpec, brand: Brand) -> Figure:
    """Each share as a bar against a 100% track, its printed value after the track."""
    bars = spec.bars
    rows = _rows([b.label for b in bars], 1, TOP_PT, TICKS_PT)
    figure, (axes,) = rows.draw()
    for row, bar in enumerate(bars):
        colour = _colour(brand, row)
        share = min(max(bar.value, 0.0), 100.0)
        axes.barh(row, 100, height=BAR_HEIGHT, color=_tint(colour, brand.colours.background, 0.14))
        axes.barh(row, share, height=BAR_HEIGHT, color=colour)
        _value_label(axes, 100, row, bar.printed, f"value-0-{row}")
    width, _ = _axes_pt(axes)
    rooms = [Room(100, above=_text_width(b.printed, FONT_PT, "bold") + PAD_PT + 2) for b in bars]
    axes.set_xlim(*_fit_limits(0, 100, rooms, width))
    axes.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    axes.spines["bottom"].set_bounds(0, 100)
    axes.grid(axis="x", color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)
    _label_style(axes, brand)
    return figure


def _draw_ranking(spec: ChartSpec, brand: Brand) -> Figure:
    """Each rank as a marker on a track of the list's places, first place on the left."""
    bars = spec.bars
    rows = _rows([b.label for b in bars], 1, TOP_PT, 14.0)
    figure, (axes,) = rows.draw()
    rooms = [Room(0.0, below=_text_width("第1位", SMALL_PT) / 2 + 2)]
    for row, bar in enumerate(bars):
        colour = _colour(brand, row)
        if bar.out_of:
            _rank_track(axes, row, int(bar.value), bar.out_of, colour, brand)
            _value_label(axes, 1.0, row, bar.printed, f"value-0-{row}", offset=3 * PAD_PT)
            rooms.append(Room(1.0, above=_text_width(bar.printed, FONT_PT, "bold") + 4 * PAD_PT))
        else:
            big = FONT_PT * 1.5
            _value_label(
                axes, 0.0, row, bar.printed, f"value-0-{row}", 0, color=colour, fontsize=big
            )
            rooms.append(Room(0.0, above=_text_width(bar.printed, big, "bold") + PAD_PT))
    width, _ = _axes_pt(axes)
    axes.set_xlim(*_fit_limits(0.0, 1.0, rooms, width))
    axes.set_xticks([])
    axes.spines["bottom"].set_visible(False)
    _label_style(axes, brand)
    return figure


def _rank_track(axes: Axes, row: int, rank: int, out_of: int, colour: str, brand: Brand) -> None:
    """Dots for the places 1 … out_of on a light track, a large dot at the rank."""
    step = 1 / max(out_of - 1, 1)
    track = _tint(colour, brand.colours.background, 0.14)
    axes.plot([0, 1], [row, row], color=track, linewidth=9, solid_capstyle="round", zorder=1)
    if out_of <= 60:  # more places than that would blur into a line
        places = [i * step for i in range(out_of)]
        axes.scatter(places, [row] * out_of, s=5, color=brand.colours.muted, zorder=2, linewidths=0)
    axes.scatter([(min(rank, out_of) - 1) * step], [row], s=110, color=colour, zorder=3)
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


def _draw_grouped(spec: ChartSpec, brand: Brand) -> Figure:
    """Groups × series: clustered bars on one axis for one unit, a panel a series otherwise."""
    units = {s.unit for s in spec.series}
    return _clustered(spec, brand) if len(units) == 1 else _panels(spec, brand)


def _clustered(spec: ChartSpec, brand: Brand) -> Figure:
    """One axis, a bar a series in each group's row, a legend of the series above."""
    categories, series = spec.categories, spec.series
    legend = _legend_plan([s.name for s in series], WIDTH_PT * 0.6) if len(series) > 1 else None
    top = legend.height_pt + PAD_PT + 4 if legend else TOP_PT
    rows = _rows(categories, len(series), top, UNIT_PT)
    figure, (axes,) = rows.draw()
    drawn = _cluster(axes, categories, series, lambda _, j: _colour(brand, j), rows)
    _label_values(axes, drawn, brand)
    _unit_label(axes, spec.unit)
    _label_style(axes, brand)
    if legend:
        from matplotlib.patches import Patch

        handles = [Patch(color=_colour(brand, j)) for j in range(len(series))]
        legend.draw(axes, handles)
    return figure


def _panels(spec: ChartSpec, brand: Brand) -> Figure:
    """Small multiples: a panel a series, each with its own axis, headed by its name and unit."""
    categories, series = spec.categories, spec.series
    panel_pt = (WIDTH_PT - 0.4 * WIDTH_PT - (len(series) - 1) * PANEL_GAP_PT) / len(series)
    headings = [wrap_label(_heading(s), max(panel_pt / FONT_PT, 4)) for s in series]
    top = max(_lines(h) for h in headings) * LINE_PT + PAD_PT + 4
    rows = _rows(categories, 1, top, TICKS_PT, panels=len(series))
    figure, every = rows.draw()
    for j, (axes, one, heading) in enumerate(zip(every, series, headings, strict=True)):
        drawn = _cluster(axes, categories, [one], lambda _r, _j, j=j: _colour(brand, j), rows)
        _label_values(axes, drawn, brand)
        _panel_heading(axes, heading, f"heading-{j}")
        _label_style(axes, brand)
    return figure


def _heading(series: Series) -> str:
    return f"{series.name}（{series.unit}）" if series.unit else series.name


def _panel_heading(axes: Axes, text: str, gid: str) -> None:
    title = axes.set_title(text, loc="left", fontweight="bold", fontsize=FONT_PT, pad=PAD_PT)
    title.set_linespacing(LINE_SPACING)
    title.set_gid(gid)


@dataclass(frozen=True)
class LegendPlan:
    """Legend entries wrapped and laid out in as many columns as fit a width."""

    names: tuple[str, ...]
    columns: int
    height_pt: float

    def draw(self, axes: Axes, handles: list[Any], right: bool = False) -> None:
        legend = axes.legend(
            handles,
            self.names,
            loc="lower right" if right else "lower left",
            bbox_to_anchor=(1, 1) if right else (0, 1),
            borderaxespad=0,
            borderpad=0,
            ncols=self.columns,
            handlelength=1.2,
            handleheight=0.9,
            handletextpad=0.5,
            columnspacing=1.6,
            labelspacing=0.4,
        )
        legend.set_gid("legend")
        for text in legend.get_texts():
            text.set_linespacing(LINE_SPACING)


def _legend_plan(names: Sequence[str], width_pt: float) -> LegendPlan:
    """The most columns (entries fill a column before the next) that fit `width_pt`."""
    wrapped = tuple(wrap_label(n, 12) for n in names)
    entry = [_text_width(n) + 1.7 * FONT_PT for n in wrapped]
    for columns in range(len(names), 0, -1):
        per = math.ceil(len(names) / columns)
        chunks = [entry[i : i + per] for i in range(0, len(entry), per)]
        width = sum(max(c) for c in chunks) + (len(chunks) - 1) * 1.6 * FONT_PT
        if width <= width_pt or columns == 1:
            break
    per = math.ceil(len(names) / columns)
    lines = [max(_lines(wrapped[i]) for i in range(r, len(names), per)) for r in range(per)]
    height = sum(lines) * FONT_PT * 1.25 + (per - 1) * 0.4 * FONT_PT
    return LegendPlan(wrapped, columns, height)


# ── Lines: metrics over years ──────────────────────────────────────────────


def _draw_lines(spec: ChartSpec, brand: Brand) -> Figure:
    """A line a series over the years it has, every point labelled; a panel a unit."""
    positions = _year_positions(spec.categories)
    units = list(dict.fromkeys(s.unit for s in spec.series))
    groups = (
        [list(enumerate(spec.series))]
        if len(units) == 1
        else [[(j, s)] for j, s in enumerate(spec.series)]
    )
    count = len(groups)
    panel_pt = (WIDTH_PT - PAD_PT - count * 40 - (count - 1) * PANEL_GAP_PT) / count
    if count > 1:
        ems = max(panel_pt / FONT_PT, 4)
        headings = [wrap_label(_heading(group[0][1]), ems) for group in groups]
        top = max(_lines(h) for h in headings) * LINE_PT + PAD_PT + 4
        legend = None
    else:
        headings = []
        legend = (
            _legend_plan([s.name for s in spec.series], WIDTH_PT * 0.6)
            if len(spec.series) > 1
            else None
        )
        top = max(legend.height_pt if legend else 0, LINE_PT) + PAD_PT + 4
    height = top + LINE_PLOT_PT + TICKS_PT
    figure = _figure(height)
    plans = [_line_plan(group, positions, panel_pt) for group in groups]
    tick_pt = [_tick_column(plan) for plan in plans]
    width = (WIDTH_PT - PAD_PT - sum(tick_pt) - (count - 1) * PANEL_GAP_PT) / count
    plans = [_line_plan(group, positions, width) for group in groups]
    left = 0.0
    for i, (group, plan) in enumerate(zip(groups, plans, strict=True)):
        left += _tick_column(plan)
        axes = _axes(figure, left, TICKS_PT, width, LINE_PLOT_PT)
        left += width + PANEL_GAP_PT
        _draw_line_panel(axes, group, plan, positions, brand)
        if headings:
            _panel_heading(axes, headings[i], f"heading-{i}")
    if count == 1:
        first = figure.axes[0]
        unit = figure.text(
            PAD_PT / WIDTH_PT,
            1 - (top - PAD_PT) / height,
            f"单位：{units[0]}" if units[0] else "",
            fontsize=SMALL_PT,
            color=brand.colours.muted,
            va="bottom",
        )
        unit.set_gid("unit")
        if legend:
            from matplotlib.lines import Line2D

            handles = [
                Line2D([], [], color=_colour(brand, j), marker="o", markersize=4, linewidth=2)
                for j in range(len(spec.series))
            ]
            legend.draw(first, handles, right=True)
    return figure


@dataclass(frozen=True)
class LinePlan:
    """A line panel's limits, ticks and where each point's label goes."""

    x_limits: tuple[float, float]
    y_limits: tuple[float, float]
    y_ticks: tuple[list[float], list[str]]
    above: dict[tuple[int, int], bool]  # (series, point) → label above the point
    size: float  # of the point labels


def _year_positions(categories: Sequence[str]) -> dict[str, float]:
    """Years at their numbers (gaps stay gaps); other categories in their order."""
    years = [YEAR.match(c) for c in categories]
    if categories and all(years):
        return {c: float(m.group(1)) for c, m in zip(categories, years, strict=True) if m}
    return {c: float(i) for i, c in enumerate(categories)}


def _line_plan(
    group: Sequence[tuple[int, Series]], positions: dict[str, float], width: float
) -> LinePlan:
    """Limits so every point's label fits, labels above or below so none collide.

    Where years stand closer than the labels are wide, the labels are set smaller.
    """
    bars = [(j, i, b) for j, s in group for i, b in enumerate(s.bars)]
    xs = sorted({positions[b.label] for _, _, b in bars}) or [0.0]
    for size in (FONT_PT, SMALL_PT):
        widths = {(j, i): _text_width(b.printed, size, "bold") for j, i, b in bars}
        rooms = [Room(positions[b.label], *[widths[j, i] / 2 + 2] * 2) for j, i, b in bars]
        x_limits = _fit_limits(xs[0], xs[-1], [*rooms, *(Room(x, 16, 16) for x in xs)], width)
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
        y_limits = _fit_limits(low, high, y_rooms, LINE_PLOT_PT)
        frame = Frame(x_limits, y_limits, width, size)
        above = _place_labels(bars, positions, widths, frame)
    ticks, labels = _nice_ticks(*y_limits, LINE_PLOT_PT, integer=_integers(values), across=False)
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


def _integers(values: Sequence[float]) -> bool:
    return all(float(v).is_integer() for v in values)


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


def _tick_column(plan: LinePlan) -> float:
    """Room left of a line panel for its tick labels."""
    return max((_text_width(t, SMALL_PT) for t in plan.y_ticks[1]), default=0.0) + 2 * PAD_PT + 2


def _draw_line_panel(
    axes: Axes,
    group: Sequence[tuple[int, Series]],
    plan: LinePlan,
    positions: dict[str, float],
    brand: Brand,
) -> None:
    """The lines, their labelled points, the years below and the value grid."""
    for j, series in group:
        colour = _colour(brand, j)
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
    width, _ = _axes_pt(axes)
    span = plan.x_limits[1] - plan.x_limits[0]
    widest = max((_text_width(label, SMALL_PT) for _, label in years), default=0.0)
    steps = [(b - a) / span * width for (a, _), (b, _) in itertools.pairwise(years)]
    every = math.ceil((widest + 6) / min(steps)) if steps and min(steps) > 0 else 1
    axes.set_xticks(
        [x for x, _ in years],
        [label if (len(years) - 1 - k) % every == 0 else "" for k, (_, label) in enumerate(years)],
    )


DRAWERS: dict[str, Callable[[ChartSpec, Brand], Figure]] = {
    "bar": _draw_bars,
    "share": _draw_shares,
    "ranking": _draw_ranking,
    "grouped": _draw_grouped,
    "line": _draw_lines,
}
