"""Charts drawn from the bundled story and from edge cases, and the cache in front of them."""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import importlib.metadata
import json
import logging
import os
import re
import subprocess
import sys
import textwrap
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from briefing.brand import Brand
from briefing.charts import (
    STYLE_VERSION,
    axis_number,
    cache_folder,
    cache_name,
    chart_figure,
    draw_png,
    draw_svg,
    wrap_label,
)
from briefing.charts import cache as chart_cache
from briefing.charts import draw as chart_draw
from briefing.charts.bars import RANK_LABEL_EMS
from briefing.charts.text import legend_plan
from briefing.facts import load_facts
from briefing.facts.model import ChartKind
from briefing.story import Story, build_story
from briefing.story.charts import BY_BAR, rank_labels, unit_panels
from briefing.story.model import Bar, ChartSpec, Series, single_share
from briefing.story.wording import wording_for
from briefing.text.linebreak import CANNOT_END, CANNOT_START
from tests.helpers import ROOT, modules_after

render = pytest.mark.render
unit = pytest.mark.unit

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"
LONG = "中国矿业大学（北京）内蒙古研究院获中国煤炭工业协会2024年度科学技术奖一等奖的成果"
TICK = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?(万|亿)?%?$|^-?\d+(\.\d+)?(万|亿)?%?$")
WORDS = wording_for("zh-CN")


@pytest.fixture(autouse=True)
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A cache folder of the test's own: the user's cache is never read or written."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(folder))
    return folder


# ── Helpers ─────────────────────────────────────────────────────────────────


def series(name: str, unit: str, *bars: Bar) -> Series:
    """A series headed like the story's: its name with its unit."""
    heading = name + WORDS.bracketed.format(unit) if unit else name
    return Series(name, unit, bars, heading)


def year(at: int, value: float, shown: str) -> Bar:
    """A point of a line chart, labelled and placed as the story does."""
    return Bar(WORDS.year.format(year=at), value, shown, year=at)


def place(label: str, rank: int, shown: str, out_of: int | None = None) -> Bar:
    """A ranking's bar, its track's ends worded as the story words them."""
    ends = None
    if out_of:
        ends = (WORDS.rank_place.format(place=1), WORDS.rank_place.format(place=out_of))
    return Bar(label, rank, shown, out_of, ends)


def chart(kind: str, *runs: Series | Bar, unit: str = "项", **decided: object) -> ChartSpec:
    """A chart of bars (one series) or of series, with the panels, colouring and wording the
    story decides, keyed by its content like the story's; `decided` overrides any of that."""
    if not runs or isinstance(runs[0], Bar):
        runs = (series("测试", unit, *(b for b in runs if isinstance(b, Bar))),)
    shown = tuple(r for r in runs if isinstance(r, Series))
    spec = ChartSpec(
        id=f"chart-{kind}",
        number=1,
        kind=kind,
        title="测试",
        caption=WORDS.caption.format(number=1, title="测试"),
        series=shown,
        panels=unit_panels(shown, WORDS) if kind != "ranking" else (),
        colour_by="bar" if ChartKind(kind) in BY_BAR else "series",
        alt="测试",
        key="0",
        large_numbers=WORDS.large_numbers,
    )
    spec = dataclasses.replace(spec, **decided)
    what = [kind, [dataclasses.asdict(s) for s in spec.series], repr(spec)]
    key = hashlib.sha256(json.dumps(what, ensure_ascii=False).encode()).hexdigest()[:20]
    return dataclasses.replace(spec, key=key)


def texts(svg: bytes) -> list[str]:
    """The content of every <text> element of an SVG (a wrapped label is one a line)."""
    root = ET.fromstring(svg)
    return ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]


def texts_in(svg: bytes, prefix: str) -> list[str]:
    """The texts inside the groups whose id starts with `prefix` (value-, heading-, legend)."""
    root = ET.fromstring(svg)
    found = []
    for group in root.iter(f"{SVG}g"):
        if group.get("id", "").startswith(prefix):
            found += ["".join(e.itertext()) for e in group.iter(f"{SVG}text")]
    return found


def axes_count(svg: bytes) -> int:
    return sum(1 for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("id", "").startswith("axes_"))


def fills(svg: bytes) -> list[str]:
    """Fill colours of the SVG's shapes, in drawing order."""
    return [m.lower() for m in re.findall(rb"fill: (#[0-9a-fA-F]{6})", svg) for m in [m.decode()]]


def printed(spec: ChartSpec) -> set[str]:
    return {b.printed for s in spec.series for b in s.bars}


def assert_no_invented_numbers(spec: ChartSpec, svg: bytes) -> None:
    """Every value label is a printed form of the spec; every other number is a tick or a name."""
    values = texts_in(svg, "value-")
    assert sorted(values) == sorted(b.printed for s in spec.series for b in s.bars)
    names = {line for c in spec.categories for line in wrap_label(c).split("\n")}
    names |= {line for c in spec.categories for line in wrap_label(c, RANK_LABEL_EMS).split("\n")}
    names |= {s.name for s in spec.series} | {p.unit_label for p in spec.panels}
    names |= {end for s in spec.series for b in s.bars for end in b.ends or ()}
    headings = "".join(texts_in(svg, "heading-"))
    for text in texts(svg):
        if not re.search(r"\d", text) or text in printed(spec) or text in names:
            continue
        if text in headings:
            continue
        assert TICK.match(text), f"{spec.kind}: {text!r} is no value, name or tick label"


def text_boxes(figure) -> list[tuple[str, object]]:
    """Each visible, non-empty text of a laid-out chart with its box on the canvas."""
    from matplotlib.text import Text

    renderer = figure.canvas.get_renderer()
    boxes = []
    for artist in figure.findobj(Text):
        if artist.get_visible() and artist.get_text().strip():
            if artist.axes is not None and not _tick_shown(artist):
                continue
            boxes.append((artist.get_text(), artist.get_window_extent(renderer)))
    return boxes


def _tick_shown(text: object) -> bool:
    """Whether a text on an axes is shown: tick labels outside the view are not drawn."""
    axes = text.axes  # type: ignore[attr-defined]
    for axis in (axes.xaxis, axes.yaxis):
        for tick in axis.get_major_ticks():
            if text in (tick.label1, tick.label2):
                low, high = sorted(axis.get_view_interval())
                return tick.label1.get_visible() and low - 1e-9 <= tick.get_loc() <= high + 1e-9
    return True


def assert_laid_out(spec: ChartSpec, brand: Brand) -> None:
    """No text leaves the figure, no two texts overlap."""
    figure = chart_figure(spec, brand)
    bounds = figure.bbox
    boxes = text_boxes(figure)
    assert boxes
    for text, box in boxes:
        assert box.x0 >= bounds.x0 - 0.5 and box.x1 <= bounds.x1 + 0.5, f"{text!r} sticks out"
        assert box.y0 >= bounds.y0 - 0.5 and box.y1 <= bounds.y1 + 0.5, f"{text!r} sticks out"
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1 :]:
            width = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
            height = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
            assert width <= 0.5 or height <= 0.5, f"{spec.kind}: {a!r} overlaps {b!r}"


@pytest.fixture
def draws(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the drawings (cache misses), by chart id and format."""
    counted: list[str] = []
    real = chart_draw._render

    def counting(spec: ChartSpec, brand: Brand, fmt: str, **save: object) -> bytes:
        counted.append(f"{spec.id}:{fmt}")
        return real(spec, brand, fmt, **save)

    monkeypatch.setattr(chart_draw, "_render", counting)
    return counted


# ── Edge cases of every kind ────────────────────────────────────────────────

PLAN = chart(
    "grouped",
    series("项目数量", "项", Bar("国家、自治区", 56, "56项"), Bar("市级", 150, "150项")),
    series("资金", "亿元", Bar("国家、自治区", 2.32, "2.32亿元"), Bar("市级", 1.7, "1.7亿元")),
)
EDGES = {
    "bar-one": chart("bar", Bar("科技型企业总数", 1000, "突破千家"), unit="家"),
    "bar-zero": chart("bar", Bar("企业研发中心", 0, "0家")),
    "bar-all-zero": chart("bar", Bar("甲", 0, "0项"), Bar("乙", 0, "0项")),
    "bar-none": chart("bar"),
    "bar-big-small": chart(
        "bar",
        Bar("很大的值", 123456789, "123,456,789元"),
        Bar("很小的值", 0.01, "0.01元"),
        Bar("零", 0, "0元"),
        unit="元",
    ),
    "bar-tiny": chart("bar", Bar("甲", 0.01, "0.01亿元"), Bar("乙", 0.003, "0.003亿元")),
    "bar-negative": chart("bar", Bar("增长", 28, "同比增长28%"), Bar("下降", -3, "同比下降3%")),
    "bar-long": chart(
        "bar",
        Bar(LONG, 3, "3项"),
        Bar("市级项目", 150, "150项"),
        Bar("院士专家工作站柔性引进院士及其团队成员开展科研合作", 99, "近百次"),
    ),
    "bar-qualified": chart(
        "bar",
        Bar("科技型企业总数", 1000, "突破千家"),
        Bar("院士专家来鄂考察", 100, "近百次"),
        Bar("合作投资", 9, "超9亿元"),
        Bar("技术合同成交额", 10, "10亿元"),
    ),
    "share-edge": chart(
        "share", Bar("零", 0, "0%"), Bar("满", 100, "100%"), Bar(LONG, 0.01, "0.01%"), unit="%"
    ),
    "share-one": chart("share", Bar("硕博占比", 95, "95%"), unit="%"),
    "share-one-long": chart("share", Bar(LONG, 23.56, "23.56%"), unit="%"),
    "share-one-full": chart("share", Bar("覆盖率", 100, "100%"), unit="%"),
    "share-one-zero": chart("share", Bar("占比", 0, "0%"), unit="%"),
    "ranking-badges": chart(
        "ranking",
        place("开放创新和国际竞争力", 4, "第四"),
        place("综合质效和持续创新力", 5, "全国第五"),
        place("2023年《科技专报》（第17期）县域位次进步", 2, "全省第二"),
        unit="",
    ),
    "ranking-edge": chart(
        "ranking",
        place("鄂尔多斯市", 33, "第33位"),
        place("北大鄂尔多斯能源研究院", 1, "第1位（共27）", 27),
        place("一个很长的榜单", 120, "第120位（共500）", 500),
        unit="",
    ),
    "grouped-one-unit": chart(
        "grouped",
        series("国家级", "项", Bar("基础研究", 12, "12项"), Bar(LONG, 7, "7项")),
        series("自治区级", "项", Bar("基础研究", 0, "0项"), Bar(LONG, 1000, "突破千项")),
        series("市级", "项", Bar("基础研究", 150, "150项")),
    ),
    "grouped-two-units": PLAN,
    "grouped-two-units-three-series": chart(
        "grouped",
        series("国家级", "项", Bar("基础研究", 12, "12项"), Bar("应用研究", 7, "7项")),
        series("自治区级", "项", Bar("基础研究", 30, "30项"), Bar("应用研究", 150, "150项")),
        series("资金", "亿元", Bar("基础研究", 2.32, "2.32亿元"), Bar("应用研究", 1.7, "1.7亿元")),
    ),
    "grouped-three-units": chart(
        "grouped",
        series("项目数量", "项", Bar("国家、自治区", 56, "56项"), Bar("市级", 150, "150项")),
        series("资金", "亿元", Bar("国家、自治区", 0.01, "0.01亿元"), Bar("市级", 10, "超10亿元")),
        series(
            "参与科研人员的总人数（含外聘专家）",
            "人",
            Bar("国家、自治区", 123456789, "123,456,789人"),
            Bar("市级", 0, "0人"),
        ),
    ),
    "line-one-series": chart(
        "line",
        series("技术合同成交额", "亿元", year(2023, 7.8, "7.8亿元"), year(2024, 10, "突破10亿元")),
    ),
    "line-two-series": chart(
        "line",
        series(
            "研发投入",
            "亿元",
            year(2022, 30.1, "30.1亿元"),
            year(2023, 41.6, "41.6亿元"),
            year(2024, 53.2, "53.2亿元"),
        ),
        series(
            "财政科技支出",
            "亿元",
            year(2021, 20, "20亿元"),
            year(2023, 40, "40亿元"),
            year(2024, 53, "超53亿元"),
        ),
    ),
    "line-crossing": chart(
        "line",
        series(
            "甲",
            "家",
            *(year(y, 100 * (y - 2019), f"{100 * (y - 2019)}家") for y in range(2019, 2025)),
        ),
        series(
            "乙",
            "家",
            *(
                year(y, 500 - 90 * (y - 2019), f"{500 - 90 * (y - 2019)}家")
                for y in range(2019, 2025)
            ),
        ),
    ),
    "line-two-units": chart(
        "line",
        series("技术合同成交额", "亿元", year(2023, 7.8, "7.8亿元"), year(2024, 10, "突破10亿元")),
        series("高新技术企业", "家", year(2020, 100, "100家"), year(2024, 330, "330家")),
    ),
    "line-two-units-three-series": chart(
        "line",
        series("研发投入", "亿元", year(2022, 30.1, "30.1亿元"), year(2024, 53.2, "53.2亿元")),
        series("财政科技支出", "亿元", year(2022, 20, "20亿元"), year(2024, 53, "超53亿元")),
        series("高新技术企业", "家", year(2020, 100, "100家"), year(2024, 330, "330家")),
    ),
    "line-one-point": chart("line", series("甲", "项", year(2024, 0, "0项"))),
    "line-big-small": chart(
        "line",
        series("甲", "元", year(2023, 0.01, "0.01元"), year(2024, 123456789, "123,456,789元")),
    ),
}


@render
@pytest.mark.parametrize("name", list(EDGES))
def test_edge_case_draws_its_printed_values_and_nothing_else(brand: Brand, name: str) -> None:
    spec = EDGES[name]
    svg = draw_svg(spec, brand)
    assert printed(spec) <= set(texts(svg))
    assert_no_invented_numbers(spec, svg)
    assert not [t for t in texts(svg) if re.search(r"\de[+-]?\d|×10|^[+-]?1e", t)]
    assert draw_png(spec, brand, dpi=72).startswith(PNG_SIGNATURE)


@render
@pytest.mark.parametrize("name", [n for n in EDGES if n != "bar-none"])
def test_edge_case_text_stays_in_the_figure_without_overlaps(brand: Brand, name: str) -> None:
    assert_laid_out(EDGES[name], brand)


@render
@pytest.mark.parametrize("kind", ["bar", "share", "ranking", "grouped", "line"])
def test_each_kind_draws_in_the_brand_font_without_warnings(
    brand: Brand, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    spec = {
        "bar": EDGES["bar-qualified"],
        "share": EDGES["share-edge"],
        "ranking": EDGES["ranking-edge"],
        "grouped": EDGES["grouped-one-unit"],
        "line": EDGES["line-two-series"],
    }[kind]
    with warnings.catch_warnings(), caplog.at_level(logging.WARNING):
        warnings.simplefilter("error")
        svg = draw_svg(spec, brand)
        png = draw_png(spec, brand, dpi=72)
    assert not [r for r in caplog.records if r.name.startswith("matplotlib")]
    assert png.startswith(PNG_SIGNATURE)
    assert f"font-family: '{brand.fonts.family}'".encode() in svg


@render
def test_qualified_values_print_as_written(brand: Brand) -> None:
    values = texts_in(draw_svg(EDGES["bar-qualified"], brand), "value-")
    assert sorted(values) == sorted(["突破千家", "近百次", "超9亿元", "10亿元"])


@render
def test_very_large_and_very_small_values_keep_plain_ticks(brand: Brand) -> None:
    big = [t for t in texts(draw_svg(EDGES["bar-big-small"], brand)) if TICK.match(t)]
    assert any(t.endswith("亿") for t in big), big
    small = [t for t in texts(draw_svg(EDGES["bar-tiny"], brand)) if TICK.match(t)]
    assert "0.002" in small, small


@render
def test_bars_take_the_brand_chart_colours_in_order(brand: Brand) -> None:
    palette = [c.lower() for c in brand.colours.chart]
    shown = [c for c in fills(draw_svg(EDGES["bar-qualified"], brand)) if c in palette]
    assert shown[:4] == palette[:4]


@render
def test_long_labels_wrap_into_short_lines(brand: Brand) -> None:
    for name in ("bar-long", "share-edge", "grouped-one-unit"):
        shown = texts(draw_svg(EDGES[name], brand))
        lines = wrap_label(LONG).split("\n")
        assert len(lines) > 1
        assert all(line in shown for line in lines), name
        assert LONG not in shown


@render
def test_one_unit_groups_share_one_axis_with_a_legend(brand: Brand) -> None:
    spec = EDGES["grouped-one-unit"]
    svg = draw_svg(spec, brand)
    assert axes_count(svg) == 1
    assert texts_in(svg, "legend") == ["国家级", "自治区级", "市级"]
    assert texts(svg).count("单位：项") == 1
    palette = [c.lower() for c in brand.colours.chart]
    assert [c for c in palette[:3] if c in fills(svg)] == palette[:3]


@render
def test_groups_in_two_units_are_two_panels_never_one_axis(brand: Brand) -> None:
    svg = draw_svg(PLAN, brand)
    assert axes_count(svg) == 2
    assert texts_in(svg, "heading-") == ["项目数量（项）", "资金（亿元）"]
    assert texts_in(svg, "legend") == []
    figure = chart_figure(PLAN, brand)
    limits = [a.get_xlim()[1] for a in figure.axes]
    assert limits[0] > 150 and limits[1] < 10  # each panel scaled to its own unit


@render
def test_three_units_are_three_panels(brand: Brand) -> None:
    svg = draw_svg(EDGES["grouped-three-units"], brand)
    assert axes_count(svg) == 3
    assert len(texts_in(svg, "heading-")) >= 3


@render
def test_bundled_grouped_chart_is_projects_and_funds_in_two_panels(story: Story) -> None:
    first = story.charts()[0]
    assert first.kind == "grouped"
    svg = draw_svg(first, story.brand)
    assert axes_count(svg) == 2
    assert_no_invented_numbers(first, svg)


@render
def test_lines_plot_only_the_years_each_series_has(brand: Brand) -> None:
    spec = EDGES["line-two-series"]
    figure = chart_figure(spec, brand)
    (axes,) = figure.axes
    lines = [line for line in axes.get_lines() if line.get_marker() == "o"]
    assert [list(line.get_xdata()) for line in lines] == [
        [2022.0, 2023.0, 2024.0],
        [2021.0, 2023.0, 2024.0],
    ]
    assert [list(line.get_ydata()) for line in lines] == [[30.1, 41.6, 53.2], [20, 40, 53]]
    years = [t.get_text() for t in axes.get_xticklabels() if t.get_text()]
    assert set(years) <= {"2021年", "2022年", "2023年", "2024年"} and "2024年" in years
    svg = draw_svg(spec, brand)
    assert texts_in(svg, "legend") == ["研发投入", "财政科技支出"]
    assert "单位：亿元" in texts(svg)


@render
def test_a_single_line_has_no_legend(brand: Brand) -> None:
    svg = draw_svg(EDGES["line-one-series"], brand)
    assert texts_in(svg, "legend") == []
    assert sorted(texts_in(svg, "value-")) == ["7.8亿元", "突破10亿元"]


@render
def test_lines_in_two_units_are_two_panels(brand: Brand) -> None:
    svg = draw_svg(EDGES["line-two-units"], brand)
    assert axes_count(svg) == 2
    assert texts_in(svg, "heading-") == ["技术合同成交额（亿元）", "高新技术企业（家）"]


# ── What the story decides, drawn as decided ──────────────────────────────


def text_fills(svg: bytes, prefix: str) -> dict[str, str]:
    """The fill colour of the text in each group whose id starts with `prefix`, by id."""
    found = {}
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        gid = group.get("id", "")
        if gid.startswith(prefix):
            for text in group.iter(f"{SVG}text"):
                colour = re.search(r"fill: (#[0-9a-fA-F]{6})", text.get("style", ""))
                found[gid] = colour.group(1).lower() if colour else "#000000"
    return found


LEVELS = (0x00, 0x66, 0xCC, 0xFF)
GRID_FILLS = (
    *(f"#{r:02X}{g:02X}{b:02X}" for r in LEVELS for g in LEVELS for b in (0x00, 0x80, 0xFF)),
    *("#E8412C", "#D07A1F", "#2E8B57", "#808080", "#1E90FF", "#C71585", "#7FB800", "#FF0000"),
)


@render
def test_values_inside_bars_take_the_ink_the_brand_puts_on_that_fill(brand: Brand) -> None:
    """A grid of fills, each a bar with its value inside: the ink is Colours.ink_on's, the
    one rule the deck uses too (the old luma rule disagrees on some of these fills)."""
    fills_ = GRID_FILLS
    old_rule = [
        0.2126 * r / 255 + 0.7152 * g / 255 + 0.0722 * b / 255 > 0.55
        for r, g, b in (bytes.fromhex(f[1:]) for f in fills_)
    ]
    new_rule = [brand.colours.ink_on(f) == brand.colours.foreground for f in fills_]
    assert old_rule != new_rule  # the grid tells the two rules apart
    coloured = dataclasses.replace(brand, colours=dataclasses.replace(brand.colours, chart=fills_))
    wide = "突破一千万元的很长很长的数值写法说明"  # so wide that values go inside their bars
    bars = [Bar(f"色{i}", 1000, wide) for i in range(len(fills_))]
    spec = dataclasses.replace(chart("bar", *bars, unit="元"), key="0")
    inks = text_fills(draw_svg(spec, coloured), "value-0-")
    assert len(inks) == len(fills_)
    for row, colour in enumerate(fills_):
        expected = brand.colours.ink_on(colour).lower()
        assert inks[f"value-0-{row}"] == expected, f"{colour}: {inks[f'value-0-{row}']}"
    assert {brand.colours.foreground.lower(), "#ffffff"} <= set(inks.values())


@render
def test_two_series_of_one_unit_and_one_of_another_are_two_panels(brand: Brand) -> None:
    spec = EDGES["grouped-two-units-three-series"]
    assert [p.series for p in spec.panels] == [(0, 1), (2,)]
    svg = draw_svg(spec, brand)
    assert axes_count(svg) == 2
    assert texts_in(svg, "heading-") == ["单位：项", "资金（亿元）"]
    assert texts_in(svg, "legend") == ["国家级", "自治区级"]
    from matplotlib.colors import to_hex

    figure = chart_figure(spec, brand)
    first, second = figure.axes
    palette = [brand.colours.palette(i).lower() for i in range(3)]
    colours = [sorted({to_hex(p.get_facecolor()) for p in axes.patches}) for axes in figure.axes]
    assert colours == [sorted(palette[:2]), [palette[2]]]  # by series index, in every panel
    assert len(first.patches) == 4 and len(second.patches) == 2  # clustered, then alone
    assert first.get_xlim()[1] > 150 and second.get_xlim()[1] < 10


@render
def test_bars_are_coloured_by_series_where_the_story_says_so(brand: Brand) -> None:
    bars = EDGES["bar-qualified"].series[0].bars
    by_series = chart("bar", *bars, colour_by="series")
    figure = chart_figure(by_series, brand)
    shown = {tuple(round(c, 4) for c in p.get_facecolor()) for p in figure.axes[0].patches}
    assert len(shown) == 1
    palette = [c.lower() for c in brand.colours.chart]
    assert [c for c in palette if c in fills(draw_svg(by_series, brand))] == palette[:1]


@render
def test_unit_lines_are_the_storys_words(brand: Brand) -> None:
    base = EDGES["bar-qualified"]
    worded = dataclasses.replace(
        base, panels=(dataclasses.replace(base.panels[0], unit_label="计量：家"),)
    )
    shown = texts(draw_svg(worded, brand))
    assert "计量：家" in shown and "单位：家" not in shown
    line = EDGES["line-one-series"]
    worded = dataclasses.replace(
        line, panels=(dataclasses.replace(line.panels[0], unit_label="计量：亿元"),)
    )
    shown = texts(draw_svg(worded, brand))
    assert "计量：亿元" in shown and "单位：亿元" not in shown


@render
def test_track_ends_are_the_bars_ends(brand: Brand) -> None:
    spec = chart(
        "ranking",
        Bar("北大鄂尔多斯能源研究院", 3, "第3位（共27）", 27, ("榜首", "榜尾·27")),
        Bar("鄂尔多斯市", 33, "第33位"),
        unit="",
    )
    svg = draw_svg(spec, brand)
    assert texts_in(svg, "end-") == ["榜首", "榜尾·27"]
    assert "第1位" not in texts(svg) and "第27位" not in texts(svg)
    assert_laid_out(spec, brand)
    no_ends = chart("ranking", Bar("鄂尔多斯市", 3, "第3位（共27）", 27), unit="")
    assert texts_in(draw_svg(no_ends, brand), "end-") == []


@render
def test_tick_suffixes_are_the_storys_large_numbers(brand: Brand) -> None:
    base = EDGES["bar-big-small"]
    plain = [t for t in texts(draw_svg(chart("bar", *base.bars, large_numbers=()), brand))]
    assert not [t for t in plain if t.endswith(("万", "亿"))]
    assert any(re.fullmatch(r"\d{3},\d{3},\d{3}", t) for t in plain), plain
    ours = chart("bar", *base.bars, large_numbers=((1e8, "E"), (1e4, "W")))
    ticks = [t for t in texts(draw_svg(ours, brand)) if re.fullmatch(r"[\d.,]+[EW]", t)]
    assert ticks and all(t.endswith("E") for t in ticks), ticks


@render
def test_line_years_come_from_the_bars_years_not_their_labels(brand: Brand) -> None:
    placed = chart(
        "line",
        series("甲", "项", Bar("前年", 1, "1项", year=2022), Bar("今年", 4, "4项", year=2024)),
    )
    (axes,) = chart_figure(placed, brand).axes
    (line,) = [line for line in axes.get_lines() if line.get_marker() == "o"]
    assert list(line.get_xdata()) == [2022.0, 2024.0]
    unplaced = chart("line", series("甲", "项", Bar("2021年", 1, "1项"), Bar("2024年", 4, "4项")))
    (axes,) = chart_figure(unplaced, brand).axes
    (line,) = [line for line in axes.get_lines() if line.get_marker() == "o"]
    assert list(line.get_xdata()) == [0.0, 1.0]  # no year given: in order, evenly


@render
def test_lines_of_two_units_and_three_series_are_two_panels(brand: Brand) -> None:
    svg = draw_svg(EDGES["line-two-units-three-series"], brand)
    assert axes_count(svg) == 2
    assert texts_in(svg, "heading-") == ["单位：亿元", "高新技术企业（家）"]
    assert texts_in(svg, "legend") == ["研发投入", "财政科技支出"]


@unit
def test_no_chinese_text_is_written_into_the_drawing_code() -> None:
    """Every word on a chart comes from the story; docstrings and comments may be Chinese."""
    folder = ROOT / "briefing" / "charts"
    found = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and re.search(r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]", node.value)
            ):
                found.append(f"{path.name}:{node.lineno}: {node.value!r}")
    assert found == []


# ── The bundled story ──────────────────────────────────────────────────────


@render
def test_every_bundled_chart_prints_its_values_and_no_other(story: Story) -> None:
    for spec in story.charts():
        svg = draw_svg(spec, story.brand)
        assert printed(spec) <= set(texts(svg)), spec.id
        assert_no_invented_numbers(spec, svg)


@render
def test_every_bundled_chart_is_laid_out_without_overlaps(story: Story) -> None:
    for spec in story.charts():
        assert_laid_out(spec, story.brand)


@render
def test_svg_is_repeatable_without_the_cache(
    story: Story, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    spec = story.charts()[0]
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "one"))
    first = draw_svg(spec, story.brand)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "two"))
    assert draw_svg(spec, story.brand) == first
    assert b"<dc:date>" not in first


@render
def test_png_of_every_bundled_chart(story: Story) -> None:
    for spec in story.charts():
        assert draw_png(spec, story.brand, dpi=72).startswith(PNG_SIGNATURE)


# ── Numbers and labels ──────────────────────────────────────────────────────


@unit
def test_axis_numbers_are_plain_and_chinese_style() -> None:
    assert axis_number(0.30000000000000004, [0, 0.1, 0.2, 0.30000000000000004]) == "0.3"
    assert axis_number(0.0, [0, 0.5, 1.0]) == "0"
    assert axis_number(-0.0, [-1, 0, 1]) == "0"
    assert axis_number(12000, [0, 4000, 8000, 12000]) == "12,000"
    big = WORDS.large_numbers
    assert axis_number(3_000_000, [0, 1_000_000, 2_000_000, 3_000_000], big) == "300万"
    assert axis_number(150_000_000, [0, 50_000_000, 100_000_000, 150_000_000], big) == "1.5亿"
    assert axis_number(0.002, [0, 0.002, 0.004]) == "0.002"


@unit
def test_wrap_label_keeps_lines_short_and_marks_in_place() -> None:
    lines = wrap_label(LONG).split("\n")
    assert "".join(lines) == LONG
    assert all(len(line) <= 11 for line in lines)
    assert not any(line[0] in CANNOT_START for line in lines)
    assert wrap_label("对全区R&D增长贡献率", ems=8) == "对全区R&D\n增长贡献率"
    assert wrap_label("市级项目") == "市级项目"
    latin = wrap_label("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    assert max(len(line) for line in latin.split("\n")) <= 19


KINSOKU_TEXT = "科技创新平台建设成效显著提升研发投入"


@unit
@pytest.mark.parametrize("mark", sorted(CANNOT_START))
def test_wrap_label_never_starts_a_line_with_a_closing_mark(mark: str) -> None:
    for at in range(1, len(KINSOKU_TEXT)):
        label = KINSOKU_TEXT[:at] + mark + KINSOKU_TEXT[at:]
        for ems in (3, 4, 5, 6, 8, 10):
            lines = wrap_label(label, ems).split("\n")
            assert "".join(lines) == label
            starts = [line[0] for line in lines[1:]]
            assert not [c for c in starts if c in CANNOT_START], (label, ems, lines)


@unit
@pytest.mark.parametrize("mark", sorted(CANNOT_END))
def test_wrap_label_never_ends_a_line_with_an_opening_mark(mark: str) -> None:
    for at in range(1, len(KINSOKU_TEXT)):
        label = KINSOKU_TEXT[:at] + mark + KINSOKU_TEXT[at:]
        for ems in (3, 4, 5, 6, 8, 10):
            lines = wrap_label(label, ems).split("\n")
            assert "".join(lines) == label
            assert not [line for line in lines[:-1] if line[-1] in CANNOT_END], (label, ems)


@unit
def test_a_legend_of_no_names_is_empty_not_an_error() -> None:
    plan = legend_plan([], 200.0)
    assert plan.names == () and plan.height_pt == 0.0 and plan.columns >= 1


@unit
def test_axis_suffixes_come_from_the_large_numbers_given() -> None:
    ticks = [0, 1_000_000, 2_000_000, 3_000_000]
    assert axis_number(3_000_000, ticks) == "3,000,000"
    assert axis_number(3_000_000, ticks, WORDS.large_numbers) == "300万"
    assert axis_number(3_000_000, ticks, ((1e6, "M"), (1e3, "k"))) == "3M"
    assert axis_number(12000, [0, 6000, 12000], WORDS.large_numbers) == "12,000"


# ── The cache ───────────────────────────────────────────────────────────────


@unit
def test_cache_folder_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "own"))
    assert cache_folder() == tmp_path / "own"
    monkeypatch.delenv("BRIEFING_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "briefing" / "charts"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder() == tmp_path / "home" / ".cache" / "briefing" / "charts"


@unit
def test_cache_name_holds_key_style_matplotlib_format_and_dpi(story: Story) -> None:
    spec = story.charts()[0]
    version = importlib.metadata.version("matplotlib")
    assert cache_name(spec, "svg") == f"{spec.key}-{STYLE_VERSION}-{version}-svg"
    assert cache_name(spec, "png", 200) == f"{spec.key}-{STYLE_VERSION}-{version}-png-200"


@render
def test_second_draw_comes_from_the_cache(
    story: Story, cache: Path, draws: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = story.charts()[0]
    svg, png = draw_svg(spec, story.brand), draw_png(spec, story.brand, dpi=72)
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        [cache_name(spec, "svg"), cache_name(spec, "png", 72)]
    )
    assert len(draws) == 2
    monkeypatch.setattr(chart_draw, "_render", lambda *_, **__: pytest.fail("drawn again"))
    assert draw_svg(spec, story.brand) == svg
    assert draw_png(spec, story.brand, dpi=72) == png


@render
def test_another_resolution_is_another_entry(story: Story, draws: list[str]) -> None:
    spec = story.charts()[0]
    draw_png(spec, story.brand, dpi=72)
    draw_png(spec, story.brand, dpi=100)
    draw_png(spec, story.brand, dpi=72)
    assert len(draws) == 2


@render
def test_a_cache_hit_does_not_import_matplotlib(story: Story, cache: Path) -> None:
    spec = story.charts()[0]
    expected = draw_svg(spec, story.brand)
    code = textwrap.dedent(
        f"""
        import sys
        from briefing.brand import load_brand
        from briefing.charts import draw_svg
        from briefing.facts.loader import load_facts
        from briefing.story import build_story

        story = build_story(load_facts({str(ROOT / "data/ordos-2024.yml")!r}), load_brand())
        svg = draw_svg(story.charts()[0], story.brand)
        assert "matplotlib" not in sys.modules, "matplotlib imported on a cache hit"
        sys.stdout.buffer.write(svg)
        """
    )
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == expected


@render
def test_a_new_brand_colour_or_value_is_a_new_key_and_a_miss(
    facts, story: Story, draws: list[str]
) -> None:
    spec = story.charts()[0]
    draw_svg(spec, story.brand)
    recoloured = dataclasses.replace(
        story.brand,
        colours=dataclasses.replace(
            story.brand.colours, chart=("#9B1B30", *story.brand.colours.chart[1:])
        ),
    )
    other = build_story(facts, recoloured).charts()[0]
    assert other.key != spec.key
    assert "#9b1b30" in draw_svg(other, recoloured).decode().lower()
    bars = (Bar("国家、自治区", 57, "57项"), *spec.series[0].bars[1:])
    changed = chart("grouped", Series("项目数量", "项", bars), *spec.series[1:])
    same = chart("grouped", *spec.series)
    assert changed.key != same.key
    draw_svg(same, story.brand)
    draw_svg(changed, story.brand)
    assert len(draws) == 4


@render
def test_a_placeholder_key_is_never_cached(brand: Brand, cache: Path, draws: list[str]) -> None:
    spec = dataclasses.replace(EDGES["bar-one"], key="0")
    draw_svg(spec, brand)
    draw_svg(spec, brand)
    assert len(draws) == 2
    assert not cache.exists() or list(cache.iterdir()) == []


@render
def test_a_damaged_entry_is_drawn_again(story: Story, cache: Path, draws: list[str]) -> None:
    spec = story.charts()[0]
    good = draw_svg(spec, story.brand)
    (cache / cache_name(spec, "svg")).write_bytes(b"half a ch")
    assert draw_svg(spec, story.brand) == good
    assert len(draws) == 2
    assert (cache / cache_name(spec, "svg")).read_bytes() == good


@render
def test_no_temporary_files_are_left_behind(story: Story, cache: Path) -> None:
    for spec in story.charts()[:3]:
        draw_svg(spec, story.brand)
    assert all(not p.name.startswith(".") for p in cache.iterdir())
    assert len(list(cache.iterdir())) == 3


@render
def test_an_unwritable_cache_still_draws(
    story: Story, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, draws: list[str]
) -> None:
    spec = story.charts()[0]
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocker / "cache"))
    assert draw_svg(spec, story.brand).startswith(b"<?xml")
    assert draw_svg(spec, story.brand).startswith(b"<?xml")
    assert len(draws) == 2


@render
@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_cache_folder_still_draws(
    story: Story, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(folder))
    try:
        assert draw_svg(story.charts()[0], story.brand).startswith(b"<?xml")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


@render
def test_a_failing_write_is_ignored(
    story: Story, monkeypatch: pytest.MonkeyPatch, cache: Path
) -> None:
    def full(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(chart_cache.os, "replace", full)
    assert draw_svg(story.charts()[0], story.brand).startswith(b"<?xml")
    assert list(cache.iterdir()) == []


@unit
def test_importing_charts_does_not_import_matplotlib() -> None:
    loaded = modules_after("briefing.charts")
    assert "briefing.charts.draw" in loaded and "matplotlib" not in loaded


# ── Charts that suit their data ─────────────────────────────────────────────

FIXTURES = ROOT / "tests" / "fixtures"


def fixture_story(name: str, brand: Brand) -> Story:
    return build_story(load_facts(FIXTURES / f"{name}.yml"), brand)


def group_ids(svg: bytes) -> list[str]:
    return [g.get("id", "") for g in ET.fromstring(svg).iter(f"{SVG}g")]


def fill_of(svg: bytes, gid: str) -> str:
    """The fill of the first shape inside the group of this id."""
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        if group.get("id") == gid:
            for path in group.iter(f"{SVG}path"):
                found = re.search(r"fill: (#[0-9a-fA-F]{6})", path.get("style", ""))
                if found:
                    return found.group(1).lower()
    raise AssertionError(f"no filled shape in {gid}")


@render
def test_a_rank_without_a_list_size_is_a_badge_not_a_track(brand: Brand) -> None:
    spec = EDGES["ranking-badges"]
    svg = draw_svg(spec, brand)
    ids = group_ids(svg)
    assert [i for i in ids if i.startswith("badge-")] == ["badge-0", "badge-1", "badge-2"]
    assert not [i for i in ids if i.startswith("end-")]  # no track, so no ends
    assert texts_in(svg, "value-") == ["第四", "全国第五", "全省第二"]
    for row in range(3):
        colour = brand.colours.palette(row).lower()
        assert fill_of(svg, f"badge-{row}") == colour
    figure = chart_figure(spec, brand)
    (axes,) = figure.axes
    assert not axes.lines and not axes.collections  # no track, no places, no dot
    badges = [t for t in axes.texts if t.get_gid() and t.get_gid().startswith("value-")]
    for row, text in enumerate(badges):
        assert text.get_color().lower() == brand.colours.ink_on(brand.colours.palette(row)).lower()
        assert text.get_fontsize() > 9  # large: the position is all the row says


@render
def test_a_rank_with_a_list_size_keeps_its_track_beside_badges(brand: Brand) -> None:
    svg = draw_svg(EDGES["ranking-edge"], brand)
    ids = group_ids(svg)
    assert [i for i in ids if i.startswith("badge-")] == ["badge-0"]  # 第33位: no list size
    assert {i for i in ids if i.startswith("end-")} == {"end-1-0", "end-1-1", "end-2-0", "end-2-1"}


@render
def test_a_share_of_one_value_is_a_ring_labelled_with_its_printed_value(brand: Brand) -> None:
    spec = EDGES["share-one"]
    assert single_share(spec) and not single_share(EDGES["share-edge"])
    svg = draw_svg(spec, brand)
    ids = group_ids(svg)
    assert "ring-value" in ids and "ring-rest" in ids
    assert texts_in(svg, "value-") == ["95%"]
    assert texts_in(svg, "label-") == ["硕博占比"]
    assert not [t for t in texts(svg) if t in ("0%", "50%", "100%")]  # no axis
    assert fill_of(svg, "ring-value") == brand.colours.palette(0).lower()
    (axes,) = chart_figure(spec, brand).axes
    arc = next(p for p in axes.patches if p.get_gid() == "ring-value")
    assert abs((arc.theta2 - arc.theta1) - 0.95 * 360) < 0.01  # type: ignore[attr-defined]
    assert abs(arc.theta2 - 90) < 0.01  # type: ignore[attr-defined]  # from twelve o'clock


@render
def test_a_share_of_two_values_stays_bars_on_a_track(brand: Brand) -> None:
    svg = draw_svg(EDGES["share-edge"], brand)
    assert "ring-value" not in group_ids(svg)
    assert "100%" in texts(svg)


@render
def test_a_long_ring_label_wraps_and_its_value_fits_the_hole(brand: Brand) -> None:
    spec = EDGES["share-one-long"]
    shown = texts(draw_svg(spec, brand))
    assert all(line in shown for line in wrap_label(LONG).split("\n"))
    (axes,) = chart_figure(spec, brand).axes
    figure = axes.get_figure()
    renderer = figure.canvas.get_renderer()  # type: ignore[union-attr]
    value = next(t for t in axes.texts if t.get_gid() == "value-0-0")
    box, ring = value.get_window_extent(renderer), axes.get_window_extent(renderer)
    hole = ring.width * 0.74  # the ring's inner diameter
    assert box.width < hole


@unit
def test_rows_name_their_list_where_one_subject_is_ranked() -> None:
    rows = [("某市", "甲榜"), ("某市", "乙榜")]
    assert rank_labels("位次", rows, "某市", WORDS) == ("甲榜", "乙榜")
    assert rank_labels("位次", rows[:1], "某市", WORDS) == ("甲榜",)


@unit
def test_rows_name_subject_and_list_where_subjects_differ() -> None:
    rows = [("某市", "甲榜"), ("某研究院", "乙榜")]
    assert rank_labels("位次", rows, "某市", WORDS) == (
        WORDS.rank_row.format(subject="某市", list="甲榜"),
        WORDS.rank_row.format(subject="某研究院", list="乙榜"),
    )
    assert WORDS.rank_row.format(subject="甲", list="乙") == "甲 · 乙"


@unit
def test_a_subject_that_is_not_the_region_is_named() -> None:
    alone = [("某研究院", "考核")]
    assert rank_labels("位次", alone, "某市", WORDS) == ("某研究院 · 考核",)
    # The title already names the list: the row names who is ranked.
    assert rank_labels("考核排名", alone, "某市", WORDS) == ("某研究院",)
    assert rank_labels("考核排名", [("某市", "考核")], "某市", WORDS) == ("考核",)


@unit
def test_a_heading_all_lists_share_and_the_title_says_is_left_out() -> None:
    rows = [("某区", "一级指标：开放创新"), ("某区", "一级指标：综合质效")]
    assert rank_labels("一级指标位次", rows, "某区", WORDS) == ("开放创新", "综合质效")
    assert rank_labels("位次", rows, "某区", WORDS) == tuple(name for _, name in rows)
    mixed = [("某区", "一级指标：开放创新"), ("某区", "亩均税收")]
    assert rank_labels("一级指标位次", mixed, "某区", WORDS) == ("一级指标：开放创新", "亩均税收")


@unit
def test_the_bundled_ranking_row_names_the_institution(story: Story) -> None:
    (spec,) = [s for s in story.charts() if s.kind == "ranking"]
    assert [b.label for b in spec.bars] == ["北大鄂尔多斯能源研究院"]
    assert spec.title == "北京大学异地科研机构考核排名"  # the list is in the title
    assert "北大鄂尔多斯能源研究院在北京大学异地科研机构考核中第1位（共27）" in spec.alt


@render
def test_fixture_ranking_rows_read_by_list_and_by_subject_where_they_differ(
    brand: Brand,
) -> None:
    hefei = fixture_story("hefei-hitech-2022", brand)
    (spec,) = [s for s in hefei.charts() if s.kind == "ranking"]
    assert [b.label for b in spec.bars] == [
        "开放创新和国际竞争力",
        "综合质效和持续创新力",
        "创新能力和创业活跃度",
        "结构优化和产业价值链",
    ]
    assert [b.printed for b in spec.bars] == ["第四", "全国第五", "全国第七", "全国第八"]
    svg = draw_svg(spec, brand)
    assert [t for t in texts(svg) if t in {b.label for b in spec.bars}] == [
        b.label for b in spec.bars
    ]
    assert len([i for i in group_ids(svg) if i.startswith("badge-")]) == 4
    binjiang = fixture_story("binjiang-2022", brand)
    (spec,) = [s for s in binjiang.charts() if s.kind == "ranking"]
    assert [b.label for b in spec.bars] == [
        "杭州高新区（滨江） · 杭州市各区新引进人才数量",
        "杭州高新区 · 2021年度浙江省高新区评价",
    ]
    shown = texts(draw_svg(spec, brand))
    assert "杭州高新区（滨江） ·" in shown and "杭州市各区新引进人才数量" in shown
    assert_laid_out(spec, brand)


@unit
def test_labels_with_spaces_break_at_them_first() -> None:
    assert wrap_label("杭州高新区（滨江） · 杭州市各区新引进人才数量", 12) == (
        "杭州高新区（滨江） ·\n杭州市各区新引进人才数量"
    )
    assert wrap_label("R&D 投入强度") == "R&D 投入强度"  # fits one line: unchanged


@render
def test_every_fixture_share_of_one_value_is_a_ring(brand: Brand) -> None:
    rings = 0
    for path in sorted(FIXTURES.glob("*.yml")):
        for spec in build_story(load_facts(path), brand).charts():
            if single_share(spec):
                svg = draw_svg(spec, brand)
                assert "ring-value" in group_ids(svg)
                assert texts_in(svg, "value-") == [spec.bars[0].printed]
                assert_laid_out(spec, brand)
                rings += 1
    assert rings == 2  # ankang's and hefei's
