"""Swapping the brand kit changes names, colours, logo and fonts in the PDF and the charts."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from briefing import build
from briefing.brand import load_brand
from briefing.charts import draw_svg
from briefing.facts import load_facts
from briefing.paths import DEFAULT_FACTS
from briefing.story import build_story
from tests.helpers import pdf_text, squash

pytestmark = pytest.mark.render


def rgb(hex_colour: str) -> str:
    """How reportlab writes a fill colour in a content stream."""
    parts = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return " ".join(_number(p) for p in parts) + " rg"


def _number(value: float) -> str:
    """reportlab's short form: 0.070588 → .070588, 1.0 → 1."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text[1:] if text.startswith("0.") else text


def streams(pdf) -> str:
    reader = PdfReader(pdf)
    return "\n".join(page.get_contents().get_data().decode("latin-1") for page in reader.pages)


def font_names(pdf) -> set[str]:
    names = set()
    for page in PdfReader(pdf).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, other_kit):
    folder = tmp_path_factory.mktemp("brands")
    (default,) = build(formats=["pdf"], output=folder / "default")
    (other,) = build(formats=["pdf"], output=folder / "other", brand=other_kit)
    return default, other


def test_names_and_classification_follow_the_brand(pdfs):
    default, other = (squash(pdf_text(p)) for p in pdfs)
    assert "鄂尔多斯科技创新简报编写组" in default and "测试科创研究院" not in default
    assert "测试科创研究院" in other and "测试研究院" in other
    assert "鄂尔多斯科技创新简报编写组" not in other
    assert other.count("内部资料注意保存") >= len(PdfReader(pdfs[1]).pages)


def test_fonts_follow_the_brand(pdfs):
    default, other = (font_names(p) for p in pdfs)
    assert all("NotoSansSC" in name for name in default)
    assert all("BriefingTestSans" in name for name in other), other


def test_colours_follow_the_brand(pdfs, brand, other_brand):
    default, other = (streams(p) for p in pdfs)
    assert rgb(brand.colours.primary) in default
    assert rgb(other_brand.colours.primary) in other
    assert rgb(brand.colours.primary) not in other


def test_logo_follows_the_brand(pdfs):
    default, other = (streams(p) for p in pdfs)
    seal = rgb("#7A4EAB").removesuffix(" rg")  # the test seal's ring: in no brand colour
    assert seal not in default.replace(" RG", " rg")
    assert seal in other.replace(" RG", " rg")


def test_charts_follow_the_brand(other_brand):
    story = build_story(load_facts(DEFAULT_FACTS), other_brand)
    svg = draw_svg(story.charts()[0], other_brand).decode()
    assert "#9b1b30" in svg.lower()
    assert "Briefing Test Sans" in svg
    assert "#1f6fb2" not in svg.lower()


def test_chart_cache_key_follows_the_brand(facts, brand, other_brand):
    ours = build_story(facts, brand).charts()[0].key
    theirs = build_story(facts, load_brand(other_brand.source)).charts()[0].key
    assert ours != theirs
