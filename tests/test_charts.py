"""Charts drawn from the bundled story and from edge cases."""

from __future__ import annotations

import logging
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from briefing.brand import Brand, load_brand
from briefing.charts import CLOSING_MARKS, draw_png, draw_svg, wrap_label
from briefing.loader import load_facts
from briefing.story import Bar, ChartSpec, Series, Story, build_story

ROOT = Path(__file__).parents[1]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def story() -> Story:
    return build_story(load_facts(ROOT / "data/ordos-2024.yml"), load_brand())


@pytest.fixture(scope="module")
def brand(story: Story) -> Brand:
    return story.brand


def spec(kind: str, *bars: Bar, unit: str = "项") -> ChartSpec:
    return ChartSpec(
        id=f"chart-{kind}",
        number=1,
        kind=kind,
        title="测试",
        series=(Series("测试", unit, bars),),
        alt="测试",
        key="0",
    )


def svg_texts(svg: bytes) -> list[str]:
    """The content of every <text> element of an SVG."""
    root = ET.fromstring(svg)
    return ["".join(e.itertext()) for e in root.iter() if e.tag.endswith("}text")]


def test_svg_keeps_every_printed_value_as_text(story: Story, brand: Brand) -> None:
    for chart in story.charts():
        svg = draw_svg(chart, brand)
        assert b"<text" in svg
        texts = svg_texts(svg)
        for bar in chart.bars:
            assert bar.printed in texts, (chart.id, bar.printed)


def test_svg_is_repeatable(story: Story, brand: Brand) -> None:
    chart = story.charts()[0]
    assert draw_svg(chart, brand) == draw_svg(chart, brand)


def test_png_of_every_chart(story: Story, brand: Brand) -> None:
    for chart in story.charts():
        assert draw_png(chart, brand, dpi=72).startswith(PNG_SIGNATURE)


@pytest.mark.parametrize(
    ("kind", "bars"),
    [
        ("bar", (Bar("高新技术企业", 330, "330家"), Bar("科技型企业总数", 1000, "突破千家"))),
        ("share", (Bar("R&D投入强度", 0.91, "0.91%"), Bar("硕博占比", 95, "95%"))),
        (
            "ranking",
            (Bar("北大鄂尔多斯能源研究院", 1, "第1位（共27）"), Bar("鄂尔多斯市", 33, "第33位")),
        ),
    ],
)
def test_each_kind_renders_with_the_brand_font(
    brand: Brand, kind: str, bars: tuple[Bar, ...], caplog: pytest.LogCaptureFixture
) -> None:
    with warnings.catch_warnings(), caplog.at_level(logging.WARNING):
        warnings.simplefilter("error")
        svg = draw_svg(spec(kind, *bars), brand)
        png = draw_png(spec(kind, *bars), brand, dpi=72)
    assert not [r for r in caplog.records if r.name.startswith("matplotlib")]
    assert png.startswith(PNG_SIGNATURE)
    assert {b.printed for b in bars} <= set(svg_texts(svg))
    assert f"font-family: '{brand.fonts.family}'".encode() in svg


def test_one_bar_with_zero_value(brand: Brand) -> None:
    for kind in ("bar", "share"):
        svg = draw_svg(spec(kind, Bar("企业研发中心", 0, "0家")), brand)
        assert "0家" in svg_texts(svg)


def test_all_values_zero_and_no_bars(brand: Brand) -> None:
    draw_svg(spec("bar", Bar("甲", 0, "0项"), Bar("乙", 0, "0项")), brand)
    draw_svg(spec("bar"), brand)


def test_long_labels_render(brand: Brand) -> None:
    label = "中国矿业大学（北京）内蒙古研究院获中国煤炭工业协会2024年度科学技术奖一等奖的成果"
    svg = draw_svg(spec("bar", Bar(label, 3, "3项"), Bar("市级项目", 150, "150项")), brand)
    assert "3项" in svg_texts(svg)


def test_wrap_label_keeps_lines_short_and_marks_in_place() -> None:
    label = "中国矿业大学（北京）内蒙古研究院获中国煤炭工业协会2024年度科学技术奖一等奖的成果"
    lines = wrap_label(label).split("\n")
    assert "".join(lines) == label
    assert all(len(line) <= 11 for line in lines)
    assert not any(line[0] in CLOSING_MARKS for line in lines)
    assert wrap_label("对全区R&D增长贡献率", ems=8) == "对全区R&D\n增长贡献率"
    assert wrap_label("市级项目") == "市级项目"


def test_importing_charts_does_not_import_matplotlib() -> None:
    code = "import sys, briefing.charts; sys.exit('matplotlib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
