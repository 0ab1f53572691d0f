"""Charts: native, editable, labelled with printed values.

bar, share and grouped charts are horizontal clustered bars, line charts are lines with
markers; a native chart has one value axis, so the story's panels (one per unit) go side by
side. PowerPoint has nothing like "position 1 of 27": rankings are drawn with native shapes
(a track of places and a dot), grouped, so they stay editable and searchable.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData, ChartData
from pptx.chart.datalabel import DataLabel
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.shapes.autoshape import Shape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.group import GroupShape
from pptx.slide import Slide
from pptx.util import Pt

from briefing.brand.model import Brand
from briefing.errors import BriefingError
from briefing.render.pptx import chartxml, ooxml
from briefing.render.pptx.fit import (
    BADGE_LEAST,
    FLOOR,
    LEADING,
    Align,
    Para,
    RankRow,
    fits,
    largest_fitting,
    rank_columns,
    text_height,
    text_width,
)
from briefing.render.pptx.geometry import (
    CHART_CARD_PAD,
    CHART_TITLE_SIZE,
    GAP,
    INSET,
    MAX_RANK_ROW,
    PAGE_W,
    RANK_BIG,
    RANK_SIZE,
    Box,
)
from briefing.render.pptx.shapes import (
    add_rect,
    add_text,
    dress_font,
    emu,
    fill_text,
    rgb,
    write_paras,
)
from briefing.story.model import Bar, ChartSpec, Series, label_parts, single_share
from briefing.story.wording import Wording
from briefing.text.measure import em_width

PANEL_TITLE_SIZE = 18
CHART_TEXT_SIZE, LEGEND_SIZE, VALUE_TICK_SIZE, LINE_LABEL_SIZE = 16, 16, 14, 16
TICK_SIZE, LABEL_SIZE = 16, 18
RANK_SMALL = FLOOR
RANK_TRACK, RANK_DOT, RANK_PLACE = 0.16 * 72, 0.32 * 72, 0.07 * 72
MAX_PLACES = 60  # more places than that would blur into a line
BADGE_SIZES, BADGE_PAD = (RANK_BIG, 24, 20, BADGE_LEAST), 0.08 * 72  # a rank without a list size
RING_MAX = 4.6 * 72  # a share of one value: its ring's frame, at most
RING_PLOT, RING_HOLE = 0.8, 0.5  # the ring in its frame (viewers pad it), the hole in it
RING_VALUE_SIZES = (54, 48, 44, 40, 36, 32, 28, 24, 20)
ROOMY = 1.3  # large bold digits and % run wider than the estimate: room for them
RING_LABEL_SIZES = (24, 20, 18, 16)


@dataclass(frozen=True)
class NativeChart:
    """One native chart frame: its shape name, title and the series (indexes) it holds."""

    name: str
    title: str
    title_size: float
    series: tuple[int, ...]
    legend: bool


def draw_chart(
    slide: Slide, spec: ChartSpec, body: Box, brand: Brand, words: Wording, card: bool = False
) -> None:
    """A chart on its slide: a native chart per panel where PowerPoint has the kind (one frame
    titled with the caption, or panels side by side under it), native shapes for rankings; on
    a light card filling the body where asked (a ranking or a single share), drawn inside it."""
    name = words.shape("chart", spec.title)
    ground = brand.colours.background
    if card:
        ground = brand.colours.light
        add_rect(slide, words.shape("chart_card"), body, ground)
        body = body.inset(CHART_CARD_PAD)
    if single_share(spec):
        ring_chart(slide, spec, body, brand, words, ground)
        return
    if spec.kind == "ranking" or not spec.panels:
        ranking_shapes(slide, spec, body, brand, words, ground)
        return
    if len(spec.panels) == 1:
        (panel,) = spec.panels
        native = NativeChart(name, spec.caption, CHART_TITLE_SIZE, panel.series, panel.legend)
        add_native_chart(slide, spec, native, body, brand)
        return
    area = add_caption(slide, spec, body, brand, words)
    width = (area.w - GAP * (len(spec.panels) - 1)) / len(spec.panels)
    for i, panel in enumerate(spec.panels):
        names = words.join([s.name for s in spec.panel_series(panel)])
        native = NativeChart(
            words.shape("chart", spec.title + words.bracketed.format(names)),
            panel.title,
            PANEL_TITLE_SIZE,
            panel.series,
            panel.legend,
        )
        box = Box(area.x + i * (width + GAP), area.y, width, area.h)
        add_native_chart(slide, spec, native, box, brand)


def add_caption(
    slide: Slide, spec: ChartSpec, body: Box, brand: Brand, words: Wording, ground: str = ""
) -> Box:
    """The numbered caption atop the body, as a chart title would sit, in the primary colour
    (or an ink of it that reads on the ground, large); the body left below."""
    colours = brand.colours
    ink = colours.readable(colours.primary, ground, 3.0) if ground else "primary"
    paras = [Para(spec.caption, CHART_TITLE_SIZE, True, ink, align=Align.centre)]
    height = text_height(paras, body.w)
    add_text(slide, words.shape("caption"), Box(body.x, body.y, body.w, height), paras, brand)
    return body.below(height + GAP / 2)


# ── Rankings: native shapes ─────────────────────────────────────────────────


def ranking_shapes(
    slide: Slide, spec: ChartSpec, body: Box, brand: Brand, words: Wording, ground: str = ""
) -> GroupShape:
    """A ranking drawn natively, a row a ranking: the subject, a track of the list's places with
    the rank as a large dot, the first and last places named, the printed position at the
    right (a position without a list size alone, large). One group, named and described, in
    colours that read on the ground it stands on (the slide's background unless given)."""
    colours = brand.colours
    area = add_caption(slide, spec, body, brand, words, ground)
    bars = spec.bars
    group = slide.shapes.add_group_shape()
    group.name = words.shape("chart", spec.title)
    ooxml.set_alt_text(group, spec.alt)
    row = min(MAX_RANK_ROW, area.h / len(bars))
    top = area.y + (area.h - row * len(bars)) / 2
    measured = [RankRow(b.label, b.printed, bool(b.out_of)) for b in bars]
    label_w, value_w = rank_columns(measured, area.w, row)
    track = Box(area.x + label_w + GAP, 0, area.w - label_w - value_w - 2 * GAP, RANK_TRACK)
    for i, bar in enumerate(bars, 1):
        y = top + (i - 1) * row
        colour = colours.palette(i - 1)
        label_box = Box(area.x, y, label_w, row)
        label = label_paras(bar.label, label_box)
        part = words.shapes
        add_text(
            group, words.shape("rank", i, part["rank_name"]), label_box, label, brand,
            MSO_ANCHOR.MIDDLE,
        )  # fmt: skip
        middle = y + row / 2
        if not bar.out_of:
            rank_badge(group, i, Box(track.x, y, track.w, row), bar, colour, brand, words)
            continue
        line = Box(track.x, middle - RANK_TRACK / 2, track.w, RANK_TRACK)
        rank_track(group, i, line, bar, colour, brand, words, ground or colours.background)
        value = [Para(bar.printed, RANK_SIZE, True)]
        height = text_height(value, value_w)
        box = Box(track.right + GAP, middle - height / 2, value_w, height)
        add_text(group, words.shape("rank", i, part["rank_value"]), box, value, brand)
    return group


def label_paras(label: str, box: Box) -> list[Para]:
    """A ranked row's label at the largest size that fits its box, right-aligned: where it
    needs more than one line, it breaks between its parts first (甲 · / 乙), a line each."""
    for size in (RANK_SIZE, 16, FLOOR):
        width = box.w - 2 * INSET
        lines: list[str] = []
        for part in label_parts(label):
            joined = f"{lines[-1]} {part}" if lines else part
            if lines and text_width(joined, size) <= width:
                lines[-1] = joined
            else:
                lines.append(part)
        paras = [Para(line, size, align=Align.right) for line in lines]
        if fits(paras, box):
            return paras
    return paras  # longer than its row even at the floor: it runs on rather than fail the build


def rank_badge(
    group: GroupShape, row: int, room: Box, bar: Bar, colour: str, brand: Brand, words: Wording
) -> Shape:
    """A rank without the list's size: its printed position, large and bold, on a rounded box
    of the row's colour at the start of where a track would run, in the ink that reads on it."""
    size = next(
        (
            s
            for s in BADGE_SIZES
            if s * LEADING + 2 * BADGE_PAD <= room.h * 0.9
            and text_width(bar.printed, s) * ROOMY + 2 * (BADGE_PAD + INSET) <= room.w
        ),
        BADGE_SIZES[-1],
    )
    ink = brand.colours.ink_on(colour)
    para = [Para(bar.printed, size, True, ink, align=Align.centre)]
    width = min(text_width(bar.printed, size) * ROOMY + 2 * (BADGE_PAD + INSET), room.w)
    height = size * LEADING + 2 * BADGE_PAD
    box = Box(room.x, room.y + (room.h - height) / 2, width, height)
    shape = add_rect(
        group, words.shape("rank", row, words.shapes["rank_badge"]), box, colour,
        MSO_SHAPE.ROUNDED_RECTANGLE,
    )  # fmt: skip
    shape.adjustments[0] = 0.3
    frame = shape.text_frame
    fill_text(frame, para, brand)
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    return shape


def rank_track(
    group: GroupShape,
    row: int,
    track: Box,
    bar: Bar,
    colour: str,
    brand: Brand,
    words: Wording,
    ground: str,
) -> None:
    """A track of the places 1 … out_of as small dots (light on the background, the
    background on a light card), the rank a large dot, the ends named as the story prints
    them in a muted ink that reads on the ground."""
    colours, part = brand.colours, words.shapes
    out_of = bar.out_of or 1
    shape = add_rect(
        group,
        words.shape("rank", row, part["rank_track"]),
        track,
        colours.light if ground == colours.background else colours.background,
        MSO_SHAPE.ROUNDED_RECTANGLE,
    )
    shape.adjustments[0] = 0.5
    inner = Box(track.x + track.h / 2, track.y, track.w - track.h, track.h)
    step = inner.w / max(out_of - 1, 1)
    middle = track.y + track.h / 2
    if out_of <= MAX_PLACES:
        for place in range(out_of):
            x = inner.x + place * step
            dot = Box(x - RANK_PLACE / 2, middle - RANK_PLACE / 2, RANK_PLACE, RANK_PLACE)
            name = words.shape("rank", row, part["rank_place"], place + 1)
            add_rect(group, name, dot, colours.muted, MSO_SHAPE.OVAL)
    x = inner.x + (min(int(bar.value), out_of) - 1) * step
    dot = Box(x - RANK_DOT / 2, middle - RANK_DOT / 2, RANK_DOT, RANK_DOT)
    add_rect(group, words.shape("rank", row, part["rank"]), dot, colour, MSO_SHAPE.OVAL)
    if bar.ends is None:
        return
    muted = colours.readable(colours.muted, ground)
    first, last = bar.ends
    for end, text, which in ((inner.x, first, "rank_first"), (inner.right, last, "rank_last")):
        para = [Para(text, RANK_SMALL, colour=muted, align=Align.centre)]
        width = text_width(text, RANK_SMALL) + 2 * INSET
        box = Box(end - width / 2, middle + RANK_DOT / 2, width, text_height(para, width))
        add_text(group, words.shape("rank", row, part[which]), box, para, brand)


# ── A share of one value: a native doughnut ────────────────────────────────


def ring_chart(
    slide: Slide, spec: ChartSpec, body: Box, brand: Brand, words: Wording, ground: str = ""
) -> None:
    """A share of one value as a native doughnut of the value and its remainder (from twelve
    o'clock, clockwise), its printed value in the hole and its label beside it; the pair is
    centred under the caption. With no title or legend in a square frame, viewers centre the
    ring in it, so the hole's middle is the frame's middle."""
    colours = brand.colours
    (bar,) = spec.bars
    ground = ground or colours.background
    area = add_caption(slide, spec, body, brand, words, ground)
    ring, room = ring_boxes(bar.label, area)
    share = min(max(bar.value, 0.0), 100.0)
    data = CategoryChartData(number_format=value_format([share]))
    data.categories = [bar.label, words.remainder]
    data.add_series(spec.series[0].name, [share, 100.0 - share])
    added = slide.shapes.add_chart(XL_CHART_TYPE.DOUGHNUT, *emu(ring), cast(ChartData, data))
    frame = cast(GraphicFrame, added)
    frame.name = words.shape("chart", spec.title)
    ooxml.set_alt_text(frame, spec.alt)
    chart = frame.chart
    chart.has_title = False
    chart.has_legend = False
    dress_font(chart.font, brand, CHART_TEXT_SIZE, colour=colours.foreground)
    remainder = colours.light if ground == colours.background else colours.background
    fills = (colours.palette(0), remainder)
    for point, fill in zip(chart.plots[0].series[0].points, fills, strict=False):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(fill)
        point.format.line.fill.background()
    ooxml.chinese_marks(ooxml.chart_space(chart))
    ooxml.no_fill(ooxml.chart_space(chart))
    ring_text(slide, bar, ring, room, brand, words, ground)


def ring_boxes(label: str, area: Box) -> tuple[Box, Box]:
    """The ring's square and the label's room: beside the ring where that leaves it most of
    the height, else under it (a narrow column); the pair centred in the area."""
    label_w = min(text_width(label, RING_LABEL_SIZES[0]) + 2 * INSET, area.w * 0.4)
    side = min(area.h, area.w - label_w - GAP, RING_MAX)
    if side >= area.h * 0.75 or side >= RING_MAX:
        left = area.x + (area.w - side - GAP - label_w) / 2
        ring = Box(left, area.y + (area.h - side) / 2, side, side)
        return ring, Box(ring.right + GAP, ring.y, label_w, side)
    lines = [Para(label, RING_LABEL_SIZES[-1], align=Align.centre)]
    label_h = text_height(lines, area.w)
    side = min(area.w, area.h - label_h - GAP, RING_MAX)
    top = area.y + (area.h - side - GAP - label_h) / 2
    ring = Box(area.x + (area.w - side) / 2, top, side, side)
    return ring, Box(area.x, ring.bottom + GAP, area.w, label_h)


def ring_text(
    slide: Slide, bar: Bar, ring: Box, room: Box, brand: Brand, words: Wording, ground: str
) -> None:
    """The printed value, bold and as large as the hole holds, centred on the ring; the label
    in the room beside it, smaller than the value."""
    colours = brand.colours
    hole = ring.w * RING_PLOT * RING_HOLE
    size = next(
        (s for s in RING_VALUE_SIZES if text_width(bar.printed, s) * ROOMY + 2 * INSET <= hole),
        RING_VALUE_SIZES[-1],
    )
    ink = colours.readable(colours.palette(0), ground, 3.0)
    value = [Para(bar.printed, size, True, ink, align=Align.centre)]
    width = ring.w * RING_PLOT  # the ring's width: a viewer's wider digits never wrap
    height = text_height(value, width)
    box = Box(ring.x + (ring.w - width) / 2, ring.y + (ring.h - height) / 2, width, height)
    add_text(slide, words.shape("ring_value"), box, value, brand)
    sizes = [s for s in RING_LABEL_SIZES if s <= size - 4] or [FLOOR]
    label_size = largest_fitting(bar.label, room, sizes)
    if label_size is None:
        raise BriefingError(f"deck: the share’s name “{bar.label}” is too long for its chart")
    below = room.y >= ring.bottom
    label = [Para(bar.label, label_size, align=Align.centre if below else Align.left)]
    add_text(slide, words.shape("ring_label"), room, label, brand, MSO_ANCHOR.MIDDLE)


# ── Native charts ───────────────────────────────────────────────────────────


def category_values(series: Series, categories: Sequence[str]) -> list[float | None]:
    """A series' values in category order; None (a gap, not a zero) where it has none."""
    values = {bar.label: bar.value for bar in series.bars}
    return [values.get(c) for c in categories]


def value_format(values: Sequence[float]) -> str:
    """'0' for whole numbers (counts), '0.0#' when any value has decimals."""
    return "0" if all(float(v).is_integer() for v in values) else "0.0#"


def add_native_chart(
    slide: Slide, spec: ChartSpec, native: NativeChart, box: Box, brand: Brand
) -> GraphicFrame:
    """A native chart of these series over the spec's categories, styled and labelled."""
    colours = brand.colours
    series = [spec.series[i] for i in native.series]
    categories = list(spec.categories)
    values = [b.value for s in series for b in s.bars]
    data = CategoryChartData(number_format=value_format(values))
    data.categories = categories
    for s in series:
        data.add_series(s.name, category_values(s, categories))
    line = spec.kind == "line"
    kind = XL_CHART_TYPE.LINE_MARKERS if line else XL_CHART_TYPE.BAR_CLUSTERED
    added = slide.shapes.add_chart(kind, *emu(box), cast(ChartData, data))
    frame = cast(GraphicFrame, added)  # python-pptx returns the frame, though typed as its chart
    frame.name = native.name
    ooxml.set_alt_text(frame, spec.alt)
    chart = frame.chart
    dress_font(chart.font, brand, CHART_TEXT_SIZE, colour=colours.foreground)
    chart.has_title = True
    title = Para(native.title, native.title_size, True, "primary")
    write_paras(chart.chart_title.text_frame, [title], brand)
    legend(chart, native.legend, brand)
    if line:
        style_line_chart(chart, series, native.series, brand)
    else:
        style_bar_chart(chart, spec, series, native.series, box, brand)
    ooxml.chinese_marks(ooxml.chart_space(chart))
    chartxml.number_axes(ooxml.chart_space(chart))
    return frame


def legend(chart: Chart, shown: bool, brand: Brand) -> None:
    """A legend below the plot, in the chart's faces, or none."""
    chart.has_legend = shown
    if shown:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        dress_font(chart.legend.font, brand, LEGEND_SIZE, colour=brand.colours.foreground)


def style_bar_chart(
    chart: Chart,
    spec: ChartSpec,
    series: Sequence[Series],
    indexes: Sequence[int],
    box: Box,
    brand: Brand,
) -> None:
    """Bars in story order top to bottom, coloured by bar or by series as the story says,
    each labelled with its printed value; no value axis, the labels carry the values."""
    colours = brand.colours
    per_point = spec.colour_by == "bar"
    label_size = LABEL_SIZE if len(series) == 1 and box.w > PAGE_W / 2 else TICK_SIZE
    style_axes(chart, spec, series, box, brand, label_size)
    plot = chart.plots[0]
    plot.vary_by_categories = False
    plot.gap_width = bar_gap(len(spec.categories) * len(series))
    plot.overlap = 0 if len(series) == 1 else -8
    for s, chart_series, index in zip(series, plot.series, indexes, strict=True):
        if not per_point:
            chart_series.format.fill.solid()
            chart_series.format.fill.fore_color.rgb = rgb(colours.palette(index))
        for i, category in enumerate(spec.categories):
            bar = next((b for b in s.bars if b.label == category), None)
            if bar is None:
                continue
            point = chart_series.points[i]
            if per_point:
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = rgb(colours.palette(i))
            printed_label(point.data_label, bar, label_size, brand)
            point.data_label.position = XL_LABEL_POSITION.OUTSIDE_END


def style_line_chart(
    chart: Chart, series: Sequence[Series], indexes: Sequence[int], brand: Brand
) -> None:
    """Years left to right, a value axis from zero with light gridlines, a coloured line with
    round markers per series, each point labelled with its printed value; gaps stay gaps."""
    colours = brand.colours
    categories = chart.category_axis
    categories.has_major_gridlines = False
    categories.format.line.color.rgb = rgb(colours.muted)
    dress_font(categories.tick_labels.font, brand, TICK_SIZE, colour=colours.foreground)
    top = max((b.value for s in series for b in s.bars), default=0.0)
    step = nice_step(top * 1.15 if top > 0 else 1.0)
    values = chart.value_axis
    values.minimum_scale = 0
    values.maximum_scale = step * math.ceil(top * 1.15 / step) if top > 0 else step
    values.major_unit = step
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = rgb(colours.light)
    values.format.line.fill.background()
    values.tick_labels.number_format = "0" if float(step).is_integer() else "0.0#"
    values.tick_labels.number_format_is_linked = False
    dress_font(values.tick_labels.font, brand, VALUE_TICK_SIZE, colour=colours.muted)
    plot = chart.plots[0]
    plot.vary_by_categories = False
    years = list(plot.categories)
    for n, (s, chart_series, index) in enumerate(zip(series, plot.series, indexes, strict=True)):
        ink = rgb(colours.palette(index))
        chart_series.smooth = False
        chart_series.format.line.color.rgb = ink
        chart_series.format.line.width = Pt(2.5)
        chart_series.marker.style = XL_MARKER_STYLE.CIRCLE
        chart_series.marker.size = 9
        chart_series.marker.format.fill.solid()
        chart_series.marker.format.fill.fore_color.rgb = ink
        chart_series.marker.format.line.color.rgb = ink
        bars = {b.label: b for b in s.bars}
        for i, year in enumerate(years):
            if year in bars:
                label = chart_series.points[i].data_label
                printed_label(label, bars[year], LINE_LABEL_SIZE, brand)
                label.position = XL_LABEL_POSITION.ABOVE if n % 2 == 0 else XL_LABEL_POSITION.BELOW


def nice_step(top: float, ticks: int = 5) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about `ticks` ticks."""
    raw = top / ticks
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def printed_label(label: DataLabel, bar: Bar, size: float, brand: Brand) -> None:
    """A data label reading the printed value, qualifiers kept, on one line: the point's value
    through a number format that prints it so ('"近"0"项"'), which follows the data when it is
    edited; fixed text only where no format can print it ('突破千家'; the notes say so)."""
    code = chartxml.label_format(bar.printed, bar.value)
    if code is None:
        write_paras(label.text_frame, [Para(bar.printed, size, True)], brand)
        label.text_frame.word_wrap = False  # viewers otherwise wrap '第1位（共27）'
        return
    dress_font(label.font, brand, size, True, brand.colours.foreground)
    chartxml.show_number(chartxml.label_element(label), code)


def style_axes(
    chart: Chart,
    spec: ChartSpec,
    series: Sequence[Series],
    box: Box,
    brand: Brand,
    label_size: float = LABEL_SIZE,
) -> None:
    """Categories top to bottom in story order; no value axis, the data labels carry values."""
    colours = brand.colours
    categories = chart.category_axis
    categories.reverse_order = True
    categories.has_major_gridlines = False
    categories.format.line.color.rgb = rgb(colours.muted)  # not the viewer's own grey
    dress_font(categories.tick_labels.font, brand, TICK_SIZE, colour=colours.foreground)
    values = chart.value_axis
    values.visible = False
    values.has_major_gridlines = False
    values.minimum_scale = 0
    values.maximum_scale = axis_maximum(spec, series, box.w, label_size)
    values.tick_labels.number_format = value_format([b.value for s in series for b in s.bars])
    values.tick_labels.number_format_is_linked = False
    dress_font(values.tick_labels.font, brand, VALUE_TICK_SIZE, colour=colours.muted)


def axis_maximum(
    spec: ChartSpec, series: Sequence[Series], width: float, label_size: float = LABEL_SIZE
) -> float:
    """Room right of every bar for its printed label; shares run to 100 % when they can."""
    bars = [b for s in series for b in s.bars]
    ticks = max(em_width(c) for c in spec.categories) * TICK_SIZE
    plot = width - ticks - 60  # the plot area: less tick labels and padding
    top = max(bar.value for bar in bars)
    needed = max(
        bar.value / max(0.2, 1 - (em_width(bar.printed) * label_size + 12) / plot) for bar in bars
    )
    maximum = max(top * 1.15, needed) if top > 0 else 1.0
    return 100.0 if spec.kind == "share" and maximum <= 100 else maximum


def bar_gap(count: int) -> int:
    """Gap width (percent of a bar) that keeps few bars from turning into slabs."""
    return max(60, min(400, 380 - 60 * count))
