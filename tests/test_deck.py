"""The deck renderer, end to end: build the bundled story and reopen the .pptx."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.base import BaseShape
from pptx.slide import Slide

from briefing.brand import load_brand
from briefing.deck import FLOOR, break_units, line_count, render_deck
from briefing.errors import BriefingError
from briefing.loader import load_facts
from briefing.story import Story, build_story

ROOT = Path(__file__).parents[1]
FACTS = ROOT / "data/ordos-2024.yml"


@pytest.fixture(scope="module")
def story() -> Story:
    return build_story(load_facts(FACTS), load_brand())


@pytest.fixture(scope="module")
def deck_path(story: Story, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("deck") / "deck.pptx"
    render_deck(story, path)
    return path


@pytest.fixture(scope="module")
def deck(deck_path: Path) -> PresentationType:
    return Presentation(str(deck_path))


def shapes(deck: PresentationType) -> Iterator[tuple[Slide, BaseShape]]:
    for slide in deck.slides:
        for shape in slide.shapes:
            yield slide, shape


def shape_text(shape: BaseShape) -> Iterator[str]:
    if shape.has_text_frame:
        yield shape.text_frame.text
    if getattr(shape, "has_table", False) and shape.has_table:
        yield from (cell.text for row in shape.table.rows for cell in row.cells)
    if getattr(shape, "has_chart", False) and shape.has_chart:
        yield from (t.text or "" for t in shape.chart._chartSpace.iter(qn("a:t")))


def deck_text(deck: PresentationType) -> str:
    return "\n".join(text for _, shape in shapes(deck) for text in shape_text(shape))


def chart_frames(deck: PresentationType) -> list[BaseShape]:
    return [
        shape for _, shape in shapes(deck) if getattr(shape, "has_chart", False) and shape.has_chart
    ]


def test_deck_is_widescreen_with_enough_slides(deck: PresentationType) -> None:
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)
    assert len(deck.slides) >= 12


def test_every_figure_title_ranking_and_highlight_is_shown(
    deck: PresentationType, story: Story
) -> None:
    text = deck_text(deck)
    wanted = [story.cover.title, *story.claims, *(f.value for f in story.key_figures)]
    wanted += [r.position for r in story.rankings] + [r.list_name for r in story.rankings]
    for section in story.sections:
        wanted += [section.title, *section.highlights, *(r.position for r in section.rankings)]
        wanted += [f.value for f in section.figures] + [f.label for f in section.figures]
    wanted += [p.name for p in story.outlook.pledges] + [s.text for s in story.sources]
    missing = [w for w in wanted if w not in text]
    assert not missing


def test_long_sections_continue_on_further_slides(deck: PresentationType, story: Story) -> None:
    titles = [slide.shapes[1].text_frame.text for slide in deck.slides if len(slide.shapes) > 1]
    talent = next(s for s in story.sections if len(s.figures) > 6)
    assert f"{talent.heading}（续）" in titles


def test_charts_are_native_with_story_values_and_printed_labels(
    deck: PresentationType, story: Story
) -> None:
    frames = {frame.chart.chart_title.text_frame.text: frame for frame in chart_frames(deck)}
    assert len(frames) == len(native_charts(story)) == 6
    for spec in native_charts(story):
        chart = frames[spec.caption].chart
        series = chart.plots[0].series[0]
        assert list(series.values) == [bar.value for bar in spec.bars]
        assert list(chart.plots[0].categories) == [bar.label for bar in spec.bars]
        labels = [series.points[i].data_label.text_frame.text for i in range(len(spec.bars))]
        assert labels == [bar.printed for bar in spec.bars]


def test_every_chart_frame_has_alt_text(deck: PresentationType, story: Story) -> None:
    alts = [frame._element.nvGraphicFramePr.cNvPr.get("descr") for frame in chart_frames(deck)]
    assert alts == [spec.alt for spec in native_charts(story)]


def native_charts(story: Story) -> list:
    """Charts the deck draws natively; rankings are shown as tiles instead."""
    return [spec for spec in story.charts() if spec.kind != "ranking"]


def test_every_run_names_the_east_asian_face_and_chinese(
    deck: PresentationType, story: Story
) -> None:
    typeface = story.brand.fonts.deck_east_asian
    parts = [slide.shapes._spTree for slide in deck.slides]
    parts += [
        slide.notes_slide.notes_text_frame._txBody for slide in deck.slides if slide.has_notes_slide
    ]
    parts += [frame.chart._chartSpace for frame in chart_frames(deck)]
    runs = [
        r for part in parts for r in part.iter(qn("a:r")) if (r.findtext(qn("a:t")) or "").strip()
    ]
    assert runs
    for run in runs:
        rPr = run.find(qn("a:rPr"))
        assert rPr is not None and rPr.get("lang") == "zh-CN"
        ea = rPr.find(qn("a:ea"))
        assert ea is not None and ea.get("typeface") == typeface
        assert ea.getprevious() is not None and ea.getprevious().tag == qn("a:latin")


def test_chart_defaults_carry_sizes_and_east_asian_face(deck: PresentationType) -> None:
    for frame in chart_frames(deck):
        for defaults in frame.chart._chartSpace.iter(qn("a:defRPr")):
            assert defaults.get("sz") and defaults.find(qn("a:ea")) is not None


def test_every_shape_lies_on_the_slide(deck: PresentationType) -> None:
    for _, shape in shapes(deck):
        assert shape.left >= 0 and shape.top >= 0, shape.name
        assert shape.left + shape.width <= deck.slide_width, shape.name
        assert shape.top + shape.height <= deck.slide_height, shape.name


def test_body_text_is_never_below_the_floor(deck: PresentationType) -> None:
    for _, shape in shapes(deck):
        if shape.name in ("页脚", "页码") or not shape.has_text_frame:
            continue
        sizes = [
            run.font.size.pt
            for p in shape.text_frame.paragraphs
            for run in p.runs
            if run.text.strip()
        ]
        assert all(size >= FLOOR for size in sizes), shape.name


def test_long_highlights_split_onto_continuation_slides(story: Story, tmp_path: Path) -> None:
    section = story.sections[0]
    many = tuple(f"{h}（第{i}条）" for i in range(4) for h in section.highlights)
    longer = replace(story, sections=(replace(section, highlights=many), *story.sections[1:]))
    path = tmp_path / "long.pptx"
    render_deck(longer, path)
    deck = Presentation(str(path))
    titles = [slide.shapes[1].text_frame.text for slide in deck.slides if len(slide.shapes) > 1]
    assert f"{section.number}、{section.short_title}：工作亮点（续）" in titles
    assert all(h in deck_text(deck) for h in many)
    test_every_shape_lies_on_the_slide(deck)


def test_a_figure_too_long_for_any_slide_is_reported(story: Story, tmp_path: Path) -> None:
    section = story.sections[0]
    huge = replace(section.figures[0], label="很长的指标名称" * 200)
    broken = replace(story, sections=(replace(section, figures=(huge,)), *story.sections[1:]))
    with pytest.raises(BriefingError, match="too long"):
        render_deck(broken, tmp_path / "broken.pptx")


def test_shapes_are_named_for_what_they_are(deck: PresentationType) -> None:
    names = [shape.name for _, shape in shapes(deck)]
    assert "标题" in names and "关键指标 1" in names
    assert all(n.startswith("图表：") for n in (f.name for f in chart_frames(deck)))
    assert not [n for n in names if n.split()[0] in ("TextBox", "Rectangle", "Chart")]


def test_content_slides_have_speaker_notes(deck: PresentationType) -> None:
    for slide in list(deck.slides)[1:-1]:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()


def test_core_properties_come_from_the_story(deck: PresentationType, story: Story) -> None:
    props = deck.core_properties
    assert props.title == story.cover.title
    assert props.author == story.cover.issuer
    assert props.language == "zh-CN"
    assert props.created.year == int(story.cover.period)
    assert props.modified == props.created


def test_same_story_gives_the_same_bytes(deck_path: Path, story: Story, tmp_path: Path) -> None:
    again = tmp_path / "again.pptx"
    render_deck(story, again)
    assert again.read_bytes() == deck_path.read_bytes()


def test_deck_module_imports_no_pdf_or_plotting_code() -> None:
    code = (
        "import sys, briefing.deck; "
        "bad = [m for m in ('reportlab', 'matplotlib', 'briefing.report') if m in sys.modules]; "
        "sys.exit(str(bad) if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_wrapping_keeps_latin_words_and_closing_marks_together() -> None:
    assert "R&D" in break_units("全市R&D经费")
    assert "53.2" in break_units("投入53.2亿元")
    assert "元，" in break_units("亿元，投入")
    assert "“科" in break_units("推出“科技")


def test_line_count_treats_chinese_as_one_em() -> None:
    assert line_count("中" * 10, 200, 10) == 1
    assert line_count("中" * 30, 200, 10) == 2
    assert line_count("中" * 10, 50, 10) >= 2
