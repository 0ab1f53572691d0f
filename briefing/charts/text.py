"""Text of a chart: labels wrapped by the shared Chinese rules, widths measured in the brand
font, legends laid out in columns, and panel headings."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefing.charts.style import FONT_PT, LINE_PT, LINE_SPACING, PAD_PT
from briefing.story.model import label_parts
from briefing.text.measure import balanced_wrap, em_width

if TYPE_CHECKING:
    from matplotlib.axes import Axes

LABEL_EMS = 10.0  # category labels wrap after about this many Chinese characters
LEGEND_EMS = 12.0  # legend entries wrap after about this many
HANDLE_PT = 1.7 * FONT_PT  # a legend entry's swatch and the gap after it
COLUMN_GAP_PT = 1.6 * FONT_PT  # between legend columns
ROW_GAP_PT = 0.4 * FONT_PT  # between legend rows


def wrap_label(label: str, ems: float = LABEL_EMS) -> str:
    """A label in about equal lines of at most `ems` (Chinese characters 1, Latin about 0.6).

    The shared rules of briefing.text.linebreak apply: no closing mark starts a line, no
    opening mark ends one, Latin runs (R&D, CO2) stay whole unless longer than a line. A label
    too long for one line that has spaces in it breaks at them first (a subject and its list,
    甲 · 乙, break after the mark), each part longer than a line wrapped on its own.
    """
    if " " not in label.strip() or em_width(label) <= ems:
        return _balanced(label, ems)
    lines: list[str] = []
    current = ""
    for part in label_parts(label):
        joined = f"{current} {part}" if current else part
        if em_width(joined) <= ems:
            current = joined
            continue
        if current:
            lines.append(current)
        *whole, current = _balanced(part, ems).split("\n")
        lines += whole
    return "\n".join([*lines, current])


def _balanced(text: str, ems: float) -> str:
    lines = [line.rstrip() for line in balanced_wrap(text, ems)]
    return "\n".join(line for line in lines if line) or text


def text_width(text: str, size: float = FONT_PT, weight: str = "normal") -> float:
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


def line_count(text: str) -> int:
    """Lines of a wrapped text; none for no text."""
    return text.count("\n") + 1 if text else 0


@dataclass(frozen=True)
class LegendPlan:
    """Legend entries wrapped and laid out in as many columns as fit a width."""

    names: tuple[str, ...]
    columns: int
    height_pt: float

    def draw(self, axes: Axes, handles: list[Any], right: bool = False) -> None:
        """The legend just above the axes, at its left (or right) end."""
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
            columnspacing=COLUMN_GAP_PT / FONT_PT,
            labelspacing=ROW_GAP_PT / FONT_PT,
        )
        legend.set_gid("legend")
        for text in legend.get_texts():
            text.set_linespacing(LINE_SPACING)


def legend_plan(names: Sequence[str], width_pt: float) -> LegendPlan:
    """The most columns (entries fill a column before the next) that fit `width_pt`."""
    if not names:
        return LegendPlan((), 1, 0.0)
    wrapped = tuple(wrap_label(n, LEGEND_EMS) for n in names)
    entry = [text_width(n) + HANDLE_PT for n in wrapped]
    columns = 1
    for columns in range(len(names), 0, -1):
        per = math.ceil(len(names) / columns)
        chunks = [entry[i : i + per] for i in range(0, len(entry), per)]
        width = sum(max(c) for c in chunks) + (len(chunks) - 1) * COLUMN_GAP_PT
        if width <= width_pt:
            break
    per = math.ceil(len(names) / columns)
    lines = [max(line_count(wrapped[i]) for i in range(r, len(names), per)) for r in range(per)]
    height = sum(lines) * FONT_PT * 1.25 + (per - 1) * ROW_GAP_PT
    return LegendPlan(wrapped, columns, height)


@dataclass(frozen=True)
class PanelHead:
    """What stands above one panel of several: its heading and, where it has several series,
    their legend below the heading."""

    heading: str  # wrapped
    legend: LegendPlan | None

    @property
    def legend_pt(self) -> float:
        """Room the legend takes between the plot and the heading."""
        return self.legend.height_pt + PAD_PT if self.legend else 0.0

    @property
    def height_pt(self) -> float:
        """Room the heading and legend take above the panel (without the gap above them)."""
        return line_count(self.heading) * LINE_PT + self.legend_pt + PAD_PT

    def draw(self, axes: Axes, handles: list[Any], gid: str, legend_pt: float = 0.0) -> None:
        """The legend just above the plot, the heading above that; headings of panels side
        by side stand on one line when each is given the room of the tallest legend."""
        if self.legend:
            self.legend.draw(axes, handles)
        pad = PAD_PT + max(legend_pt, self.legend_pt)
        title = axes.set_title(
            self.heading, loc="left", fontweight="bold", fontsize=FONT_PT, pad=pad
        )
        title.set_linespacing(LINE_SPACING)
        title.set_gid(gid)


def panel_head(title: str, names: Sequence[str], legend: bool, width_pt: float) -> PanelHead:
    """The head of a panel `width_pt` wide: its title wrapped, a legend of `names` if asked."""
    heading = wrap_label(title, max(width_pt / FONT_PT, 4)) if title else ""
    return PanelHead(heading, legend_plan(names, width_pt) if legend else None)
