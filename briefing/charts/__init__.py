"""Charts drawn with matplotlib (imported only on a cache miss), as SVG and PNG.

cache: the content-keyed folder of drawings; style: sizes, fonts, colours; text: labels,
measuring, legends; scales: limits and ticks; bars: bar, share, ranking and grouped charts;
lines: line charts; draw: the public drawing functions.
"""

from briefing.charts.cache import STYLE_VERSION, cache_folder, cache_name
from briefing.charts.draw import chart_figure, draw_png, draw_svg
from briefing.charts.scales import axis_number
from briefing.charts.text import LABEL_EMS, wrap_label

__all__ = [
    "LABEL_EMS",
    "STYLE_VERSION",
    "axis_number",
    "cache_folder",
    "cache_name",
    "chart_figure",
    "draw_png",
    "draw_svg",
    "wrap_label",
]
