"""Charts drawn from the bundled story and from edge cases, and the cache in front of them."""

from __future__ import annotations

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

from briefing import charts
from briefing.brand import Brand
from briefing.charts import (
    CLOSING_MARKS,
    STYLE_VERSION,
    axis_number,
    cache_folder,
    cache_name,
    chart_figure,
    draw_png,
    draw_svg,
    wrap_label,
)
from briefing.story import Bar, ChartSpec, Series, Story, build_story

ROOT = Path(__file__).parents[1]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"
LONG = "中国矿业大学（北京）内蒙古研究院获中国煤炭工业协会2024年度科学技术奖一等奖的成果"
TICK = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?(万|亿)?%?$|^-?\d+(\.\d+)?(万|亿)?%?$")


@pytest.fixture(autouse=True)
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A cache folder of the test's own: the user's cache is never read or written."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(folder))
    return folder


# ── Helpers ─────────────────────────────────────────────────────────────────


def series(name: str, unit: str, *bars: Bar) -> Series:
    return Series(name, unit, bars)


def chart(kind: str, *runs: Series | Bar, unit: str = "项") -> ChartSpec:
    """A chart of bars (one series) or of series, keyed by its content like the story's."""
    if not runs or isinstance(runs[0], Bar):
        runs = (Series("测试", unit, tuple(b for b in runs if isinstance(b, Bar))),)
    shown = tuple(r for r in runs if isinstance(r, Series))
    payload = json.dumps([kind, [dataclasses.asdict(s) for s in shown]], ensure_ascii=False)
    key = hashlib.sha256(payload.encode()).hexdigest()[:20]
    return ChartSpec(f"chart-{kind}", 1, kind, "测试", shown, "测试", key)


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
    names |= {s.name for s in spec.series} | {f"单位：{s.unit}" for s in spec.series}
    names |= {"第1位"} | {f"第{b.out_of}位" for b in spec.bars if b.out_of}
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
    real = charts._render

    def counting(spec: ChartSpec, brand: Brand, fmt: str, **save: object) -> bytes:
        counted.append(f"{spec.id}:{fmt}")
        return real(spec, brand, fmt, **save)

    monkeypatch.setattr(charts, "_render", counting)
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
    "ranking-edge": chart(
        "ranking",
        Bar("鄂尔多斯市", 33, "第33位"),
        Bar("北大鄂尔多斯能源研究院", 1, "第1位（共27）", 27),
        Bar("一个很长的榜单", 120, "第120位（共500）", 500),
        unit="位",
    ),
    "grouped-one-unit": chart(
        "grouped",
        series("国家级", "项", Bar("基础研究", 12, "12项"), Bar(LONG, 7, "7项")),
        series("自治区级", "项", Bar("基础研究", 0, "0项"), Bar(LONG, 1000, "突破千项")),
        series("市级", "项", Bar("基础研究", 150, "150项")),
    ),
    "grouped-two-units": PLAN,
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
        series(
            "技术合同成交额", "亿元", Bar("2023年", 7.8, "7.8亿元"), Bar("2024年", 10, "突破10亿元")
        ),
    ),
    "line-two-series": chart(
        "line",
        series(
            "研发投入",
            "亿元",
            Bar("2022年", 30.1, "30.1亿元"),
            Bar("2023年", 41.6, "41.6亿元"),
            Bar("2024年", 53.2, "53.2亿元"),
        ),
        series(
            "财政科技支出",
            "亿元",
            Bar("2021年", 20, "20亿元"),
            Bar("2023年", 40, "40亿元"),
            Bar("2024年", 53, "超53亿元"),
        ),
    ),
    "line-crossing": chart(
        "line",
        series(
            "甲",
            "家",
            *(Bar(f"{y}年", 100 * (y - 2019), f"{100 * (y - 2019)}家") for y in range(2019, 2025)),
        ),
        series(
            "乙",
            "家",
            *(
                Bar(f"{y}年", 500 - 90 * (y - 2019), f"{500 - 90 * (y - 2019)}家")
                for y in range(2019, 2025)
            ),
        ),
    ),
    "line-two-units": chart(
        "line",
        series(
            "技术合同成交额", "亿元", Bar("2023年", 7.8, "7.8亿元"), Bar("2024年", 10, "突破10亿元")
        ),
        series("高新技术企业", "家", Bar("2020年", 100, "100家"), Bar("2024年", 330, "330家")),
    ),
    "line-one-point": chart("line", series("甲", "项", Bar("2024年", 0, "0项"))),
    "line-big-small": chart(
        "line",
        series(
            "甲", "元", Bar("2023年", 0.01, "0.01元"), Bar("2024年", 123456789, "123,456,789元")
        ),
    ),
}


@pytest.mark.parametrize("name", list(EDGES))
def test_edge_case_draws_its_printed_values_and_nothing_else(brand: Brand, name: str) -> None:
    spec = EDGES[name]
    svg = draw_svg(spec, brand)
    assert printed(spec) <= set(texts(svg))
    assert_no_invented_numbers(spec, svg)
    assert not [t for t in texts(svg) if re.search(r"\de[+-]?\d|×10|^[+-]?1e", t)]
    assert draw_png(spec, brand, dpi=72).startswith(PNG_SIGNATURE)


@pytest.mark.parametrize("name", [n for n in EDGES if n != "bar-none"])
def test_edge_case_text_stays_in_the_figure_without_overlaps(brand: Brand, name: str) -> None:
    assert_laid_out(EDGES[name], brand)


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


def test_qualified_values_print_as_written(brand: Brand) -> None:
    values = texts_in(draw_svg(EDGES["bar-qualified"], brand), "value-")
    assert sorted(values) == sorted(["突破千家", "近百次", "超9亿元", "10亿元"])


def test_very_large_and_very_small_values_keep_plain_ticks(brand: Brand) -> None:
    big = [t for t in texts(draw_svg(EDGES["bar-big-small"], brand)) if TICK.match(t)]
    assert any(t.endswith("亿") for t in big), big
    small = [t for t in texts(draw_svg(EDGES["bar-tiny"], brand)) if TICK.match(t)]
    assert "0.002" in small, small


def test_bars_take_the_brand_chart_colours_in_order(brand: Brand) -> None:
    palette = [c.lower() for c in brand.colours.chart]
    shown = [c for c in fills(draw_svg(EDGES["bar-qualified"], brand)) if c in palette]
    assert shown[:4] == palette[:4]


def test_long_labels_wrap_into_short_lines(brand: Brand) -> None:
    for name in ("bar-long", "share-edge", "grouped-one-unit"):
        shown = texts(draw_svg(EDGES[name], brand))
        lines = wrap_label(LONG).split("\n")
        assert len(lines) > 1
        assert all(line in shown for line in lines), name
        assert LONG not in shown


def test_one_unit_groups_share_one_axis_with_a_legend(brand: Brand) -> None:
    spec = EDGES["grouped-one-unit"]
    svg = draw_svg(spec, brand)
    assert axes_count(svg) == 1
    assert texts_in(svg, "legend") == ["国家级", "自治区级", "市级"]
    assert texts(svg).count("单位：项") == 1
    palette = [c.lower() for c in brand.colours.chart]
    assert [c for c in palette[:3] if c in fills(svg)] == palette[:3]


def test_groups_in_two_units_are_two_panels_never_one_axis(brand: Brand) -> None:
    svg = draw_svg(PLAN, brand)
    assert axes_count(svg) == 2
    assert texts_in(svg, "heading-") == ["项目数量（项）", "资金（亿元）"]
    assert texts_in(svg, "legend") == []
    figure = chart_figure(PLAN, brand)
    limits = [a.get_xlim()[1] for a in figure.axes]
    assert limits[0] > 150 and limits[1] < 10  # each panel scaled to its own unit


def test_three_units_are_three_panels(brand: Brand) -> None:
    svg = draw_svg(EDGES["grouped-three-units"], brand)
    assert axes_count(svg) == 3
    assert len(texts_in(svg, "heading-")) >= 3


def test_bundled_grouped_chart_is_projects_and_funds_in_two_panels(story: Story) -> None:
    first = story.charts()[0]
    assert first.kind == "grouped"
    svg = draw_svg(first, story.brand)
    assert axes_count(svg) == 2
    assert_no_invented_numbers(first, svg)


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


def test_a_single_line_has_no_legend(brand: Brand) -> None:
    svg = draw_svg(EDGES["line-one-series"], brand)
    assert texts_in(svg, "legend") == []
    assert sorted(texts_in(svg, "value-")) == ["7.8亿元", "突破10亿元"]


def test_lines_in_two_units_are_two_panels(brand: Brand) -> None:
    svg = draw_svg(EDGES["line-two-units"], brand)
    assert axes_count(svg) == 2
    assert texts_in(svg, "heading-") == ["技术合同成交额（亿元）", "高新技术企业（家）"]


# ── The bundled story ──────────────────────────────────────────────────────


def test_every_bundled_chart_prints_its_values_and_no_other(story: Story) -> None:
    for spec in story.charts():
        svg = draw_svg(spec, story.brand)
        assert printed(spec) <= set(texts(svg)), spec.id
        assert_no_invented_numbers(spec, svg)


def test_every_bundled_chart_is_laid_out_without_overlaps(story: Story) -> None:
    for spec in story.charts():
        assert_laid_out(spec, story.brand)


def test_svg_is_repeatable_without_the_cache(
    story: Story, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    spec = story.charts()[0]
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "one"))
    first = draw_svg(spec, story.brand)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "two"))
    assert draw_svg(spec, story.brand) == first
    assert b"<dc:date>" not in first


def test_png_of_every_bundled_chart(story: Story) -> None:
    for spec in story.charts():
        assert draw_png(spec, story.brand, dpi=72).startswith(PNG_SIGNATURE)


# ── Numbers and labels ──────────────────────────────────────────────────────


def test_axis_numbers_are_plain_and_chinese_style() -> None:
    assert axis_number(0.30000000000000004, [0, 0.1, 0.2, 0.30000000000000004]) == "0.3"
    assert axis_number(0.0, [0, 0.5, 1.0]) == "0"
    assert axis_number(-0.0, [-1, 0, 1]) == "0"
    assert axis_number(12000, [0, 4000, 8000, 12000]) == "12,000"
    assert axis_number(3_000_000, [0, 1_000_000, 2_000_000, 3_000_000]) == "300万"
    assert axis_number(150_000_000, [0, 50_000_000, 100_000_000, 150_000_000]) == "1.5亿"
    assert axis_number(0.002, [0, 0.002, 0.004]) == "0.002"


def test_wrap_label_keeps_lines_short_and_marks_in_place() -> None:
    lines = wrap_label(LONG).split("\n")
    assert "".join(lines) == LONG
    assert all(len(line) <= 11 for line in lines)
    assert not any(line[0] in CLOSING_MARKS for line in lines)
    assert wrap_label("对全区R&D增长贡献率", ems=8) == "对全区R&D\n增长贡献率"
    assert wrap_label("市级项目") == "市级项目"
    latin = wrap_label("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    assert max(len(line) for line in latin.split("\n")) <= 19


# ── The cache ───────────────────────────────────────────────────────────────


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


def test_cache_name_holds_key_style_matplotlib_format_and_dpi(story: Story) -> None:
    spec = story.charts()[0]
    version = importlib.metadata.version("matplotlib")
    assert cache_name(spec, "svg") == f"{spec.key}-{STYLE_VERSION}-{version}-svg"
    assert cache_name(spec, "png", 200) == f"{spec.key}-{STYLE_VERSION}-{version}-png-200"


def test_second_draw_comes_from_the_cache(
    story: Story, cache: Path, draws: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = story.charts()[0]
    svg, png = draw_svg(spec, story.brand), draw_png(spec, story.brand, dpi=72)
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        [cache_name(spec, "svg"), cache_name(spec, "png", 72)]
    )
    assert len(draws) == 2
    monkeypatch.setattr(charts, "_render", lambda *_, **__: pytest.fail("drawn again"))
    assert draw_svg(spec, story.brand) == svg
    assert draw_png(spec, story.brand, dpi=72) == png


def test_another_resolution_is_another_entry(story: Story, draws: list[str]) -> None:
    spec = story.charts()[0]
    draw_png(spec, story.brand, dpi=72)
    draw_png(spec, story.brand, dpi=100)
    draw_png(spec, story.brand, dpi=72)
    assert len(draws) == 2


def test_a_cache_hit_does_not_import_matplotlib(story: Story, cache: Path) -> None:
    spec = story.charts()[0]
    expected = draw_svg(spec, story.brand)
    code = textwrap.dedent(
        f"""
        import sys
        from briefing.brand import load_brand
        from briefing.charts import draw_svg
        from briefing.loader import load_facts
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


def test_a_placeholder_key_is_never_cached(brand: Brand, cache: Path, draws: list[str]) -> None:
    spec = dataclasses.replace(EDGES["bar-one"], key="0")
    draw_svg(spec, brand)
    draw_svg(spec, brand)
    assert len(draws) == 2
    assert not cache.exists() or list(cache.iterdir()) == []


def test_a_damaged_entry_is_drawn_again(story: Story, cache: Path, draws: list[str]) -> None:
    spec = story.charts()[0]
    good = draw_svg(spec, story.brand)
    (cache / cache_name(spec, "svg")).write_bytes(b"half a ch")
    assert draw_svg(spec, story.brand) == good
    assert len(draws) == 2
    assert (cache / cache_name(spec, "svg")).read_bytes() == good


def test_no_temporary_files_are_left_behind(story: Story, cache: Path) -> None:
    for spec in story.charts()[:3]:
        draw_svg(spec, story.brand)
    assert all(not p.name.startswith(".") for p in cache.iterdir())
    assert len(list(cache.iterdir())) == 3


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


def test_a_failing_write_is_ignored(
    story: Story, monkeypatch: pytest.MonkeyPatch, cache: Path
) -> None:
    def full(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(charts.os, "replace", full)
    assert draw_svg(story.charts()[0], story.brand).startswith(b"<?xml")
    assert list(cache.iterdir()) == []


def test_importing_charts_does_not_import_matplotlib() -> None:
    code = "import sys, briefing.charts; sys.exit('matplotlib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
