"""End to end: build both formats from the bundled facts and read them back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing import build
from briefing.paths import DEFAULT_BRAND, DEFAULT_FACTS
from tests.helpers import deck_text, pdf_text, squash

pytestmark = pytest.mark.e2e

# Every figure of the source article, printed with its qualifier, as a reader must find it.
SOURCE_FIGURES = [
    "第33位", "第62位", "第15位", "前20名", "百强",
    "30条", "56项", "2.32亿元", "居各盟市首位", "150项", "1.7亿元", "12项",
    "53.2亿元", "0.91%", "48.9%", "居全区首位",
    "2024年度", "2万吨", "百MWh级", "3项", "27家", "第1位",
    "330家", "701家", "突破千家", "新增50家", "281家", "1家", "57家", "万吨级",
    "2家", "5家", "突破10亿元", "同比增长28%", "十四五",
    "56家", "26家", "51人", "近百次", "15场", "2人", "1人", "6家", "7名",
    "百余次", "114项", "超9亿元", "233名", "95%",
    "双城", "双区", "两创",
]  # fmt: skip


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("out")
    pdf, deck = build(output=folder)
    return {"pdf": squash(pdf_text(pdf)), "pptx": squash(deck_text(deck))}


@pytest.mark.parametrize("fmt", ["pdf", "pptx"])
@pytest.mark.parametrize("figure", SOURCE_FIGURES)
def test_every_source_figure_is_in_both_outputs(outputs, fmt, figure):
    assert re.search(rf"(?<![0-9.]){re.escape(figure)}", outputs[fmt]), figure


@pytest.mark.parametrize("fmt", ["pdf", "pptx"])
def test_every_metric_is_printed_with_its_qualifier(outputs, story, fmt):
    missing = [f.value for f in story.figures() if squash(f.value) not in outputs[fmt]]
    assert missing == []


@pytest.mark.parametrize("fmt", ["pdf", "pptx"])
def test_every_theme_title_and_ranking_is_there(outputs, story, fmt):
    for section in story.sections:
        assert squash(section.title) in outputs[fmt]
    for ranking in story.rankings:
        assert squash(ranking.list_name) in outputs[fmt]


def test_every_character_of_the_bundled_files_is_in_the_bundled_font():
    from briefing.brand import read_brand
    from briefing.brand.glyphs import missing_glyphs
    from briefing.facts import read_facts

    _, facts_file = read_facts(DEFAULT_FACTS)
    brand, brand_file = read_brand(DEFAULT_BRAND)
    assert missing_glyphs([facts_file, brand_file], brand) == []


def test_a_rebuild_with_no_chart_changed_imports_no_matplotlib(tmp_path):
    import os
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from briefing import build;"
        f"build(output=Path({str(tmp_path / 'out')!r}));"
        "print('matplotlib' in sys.modules)"
    )
    # rendered in this one process (not forked renderers), so its modules tell what was drawn
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path / "cache"), "BRIEFING_RENDER_JOBS": "1"}

    def run() -> str:
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert run() == "True"  # a cold cache draws the charts
    first = (tmp_path / "out" / "ordos-2024.pdf").read_bytes()
    assert run() == "False"
    assert (tmp_path / "out" / "ordos-2024.pdf").read_bytes() == first


def test_pdf_charts_are_vectors_with_searchable_labels(tmp_path, story):
    from pypdf import PdfReader

    (pdf,) = build(formats=["pdf"], output=tmp_path)
    images = []
    for page in PdfReader(pdf).pages:
        for obj in (page["/Resources"].get("/XObject") or {}).values():
            if obj.get_object().get("/Subtype") == "/Image":
                images.append(obj)
    assert images == []
    text = squash(pdf_text(pdf))
    for chart in story.charts():
        assert squash(chart.caption) in text
        for series in chart.series:
            for bar in series.bars:
                assert squash(bar.printed) in text


# ── Another region: a district's facts, three themes, two sources ────────────────────────────

OTHER_REGION = Path(__file__).resolve().parent / "fixtures" / "binjiang-2022.yml"


@pytest.fixture(scope="module")
def other_region(tmp_path_factory, brand):
    from briefing.facts import load_facts
    from briefing.story import build_story

    folder = tmp_path_factory.mktemp("other-region")
    pdf, deck = build(OTHER_REGION, output=folder)
    texts = {"pdf": squash(pdf_text(pdf)), "pptx": squash(deck_text(deck))}
    return build_story(load_facts(OTHER_REGION), brand), texts


@pytest.mark.parametrize("fmt", ["pdf", "pptx"])
def test_another_regions_briefing_prints_every_figure_heading_and_ranking(other_region, fmt):
    story, texts = other_region
    assert story.id == "binjiang-2022" and len(story.sections) == 3
    text = texts[fmt]
    missing = [f.value for f in story.figures() if squash(f.value) not in text]
    missing += [r.position for r, _ in story.all_rankings() if squash(r.position) not in text]
    missing += [s.heading for s in story.sections if squash(s.heading) not in text]
    assert missing == []
    words = story.words
    for heading in (words.contents, words.overview, words.key_figures, words.outlook):
        assert heading in text, heading
    assert squash(story.cover.scope) in text
    # Highlights credited to institutions: the report's table, the deck's slide per chapter.
    credited = [s for s in story.sections if s.credits]
    assert credited
    for section in credited:
        heading = (
            words.profiles if fmt == "pdf" else words.profiles_slide.format(heading=section.name)
        )
        assert squash(heading) in text, heading
