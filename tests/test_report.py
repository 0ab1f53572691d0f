"""The PDF report of the bundled story, reopened and read back."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from briefing import __version__
from briefing.brand import load_brand
from briefing.linebreak import CANNOT_END, CANNOT_START
from briefing.loader import load_facts
from briefing.report import render_report
from briefing.story import Story, build_story

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def story() -> Story:
    return build_story(load_facts(ROOT / "data/ordos-2024.yml"), load_brand())


@pytest.fixture(scope="module")
def pdf(story: Story, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("report") / "ordos-2024.pdf"
    render_report(story, target)
    return target


@pytest.fixture(scope="module")
def reader(pdf: Path) -> PdfReader:
    return PdfReader(pdf)


@pytest.fixture(scope="module")
def text(reader: PdfReader) -> str:
    """All text of the PDF with every whitespace removed."""
    return squeeze("".join(page.extract_text() for page in reader.pages))


def squeeze(value: str) -> str:
    return re.sub(r"\s+", "", value)


def test_has_pages(reader: PdfReader) -> None:
    assert len(reader.pages) > 5


def test_every_figure_of_every_section_is_printed(story: Story, text: str) -> None:
    missing = [(f.id, f.value) for f in story.figures() if squeeze(f.value) not in text]
    assert not missing
    labels = [f.label for f in story.figures() if squeeze(f.label) not in text]
    assert not labels


def test_every_section_title_ranking_and_caption_is_printed(story: Story, text: str) -> None:
    for section in story.sections:
        assert squeeze(section.heading) in text
    for ranking in (*story.rankings, *(r for s in story.sections for r in s.rankings)):
        assert squeeze(ranking.position) in text
        assert squeeze(ranking.list_name) in text
    for chart in story.charts():
        assert squeeze(chart.caption) in text
    for figure in story.key_figures:
        assert squeeze(figure.value) in text


def test_chart_text_stays_text(story: Story, text: str) -> None:
    assert "单位：" in text
    for chart in story.charts():
        for bar in chart.bars:
            assert squeeze(bar.printed) in text


def test_every_font_is_embedded_and_subset(reader: PdfReader) -> None:
    fonts = {str(f["/BaseFont"]).lstrip("/"): f for f in page_fonts(reader)}
    assert fonts
    for name, font in fonts.items():
        assert re.match(r"^[A-Z]{6}\+", name), name
        for descendant in font.get("/DescendantFonts", [font]):
            descriptor = descendant.get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, name


def page_fonts(reader: PdfReader) -> Iterator[Any]:
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            yield font.get_object()


def test_metadata(story: Story, reader: PdfReader) -> None:
    info = reader.metadata
    assert info is not None
    assert info.title == story.cover.title
    assert info.author == story.cover.issuer
    assert info.subject
    assert info.creator == f"briefing {__version__}"
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "zh-CN"


def test_two_renders_are_identical(story: Story, pdf: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    render_report(story, again)
    assert again.read_bytes() == pdf.read_bytes()


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(
    reader: PdfReader,
) -> None:
    lines = [line.strip() for page in reader.pages for line in page.extract_text().splitlines()]
    assert len(lines) > 200
    assert not [line for line in lines if line and line[0] in CANNOT_START]
    assert not [line for line in lines if line and line[-1] in CANNOT_END]


def test_every_character_has_a_glyph(story: Story) -> None:
    cmap = TTFont(story.brand.fonts.regular, lazy=True).getBestCmap()
    missing = {
        c for text in story_texts(story) for c in text if not c.isspace() and ord(c) not in cmap
    }
    assert not missing


def story_texts(value: object) -> Iterator[str]:
    """Every string of the story, leaving out the brand."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from story_texts(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if field.name != "brand":
                yield from story_texts(getattr(value, field.name))


def test_markup_in_story_text_is_printed_as_text(story: Story, tmp_path: Path) -> None:
    first = dataclasses.replace(story.sections[0], highlights=("A<b>B</b> & C<br/>D > E",))
    target = tmp_path / "markup.pdf"
    render_report(dataclasses.replace(story, sections=(first, *story.sections[1:])), target)
    pages = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "A<b>B</b>&C<br/>D>E" in squeeze(pages)


def test_report_imports_neither_deck_nor_matplotlib() -> None:
    code = (
        "import sys, briefing.report; "
        "sys.exit(any(m in sys.modules for m in ('pptx', 'briefing.deck', 'matplotlib')))"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
