"""Layouts on content nobody hand-picked: generated briefings, the fixtures and the bundled one.

Each source is built (PDF and deck) and measured on the files by tests/layout_checks.py; one
test per kind of defect asserts there are none, and says how many there are where. The default
run builds twelve generated briefings (seeds 1–12) besides tests/fixtures/*.yml and
data/ordos-2024.yml; BRIEFING_VARIED=300 builds seeds 1–300 instead of 1–12. Builds run in two
worker processes.

Tests of the checks themselves plant one defect of each kind in a clean file and expect it found.
"""

from __future__ import annotations

import collections
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pptx.enum.shapes import MSO_SHAPE_TYPE

from briefing.facts import Facts
from briefing.paths import DEFAULT_FACTS
from briefing.render.pdf.styles import Layout
from briefing.story import Story
from briefing.yamlfile import Document
from tests import layout_checks as checks
from tests.helpers import data_label
from tests.layout_checks import DECK_KINDS, PDF_KINDS, Defect
from tests.varied import generate

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = range(1, 1 + int(os.environ.get("BRIEFING_VARIED") or 12))
WORKERS = 2
GENERATED = 20  # seeds whose files the generator's own tests read
BUILD = "build failed"
UNITS = {
    checks.OVERFLOW: "pages", checks.STRANDED: "headings", checks.BROKEN: "figures",
    checks.STRETCHED: "lines", checks.THIN_PAGE: "pages", checks.PDF_MISSING: "figures",
    checks.BOX_OVERFLOW: "boxes", checks.OFF_SLIDE: "shapes", checks.THIN_SLIDE: "slides",
    checks.DECK_MISSING: "figures", BUILD: "briefings",
}  # fmt: skip


@dataclass(frozen=True)
class Result:
    """What one source gave: its defects, or why it did not build."""

    name: str
    defects: tuple[Defect, ...]
    pages: int = 0
    slides: int = 0


def measure(name: str, facts: Path | None, seed: int | None, folder: Path) -> Result:
    """Build one source (a facts file, or a generated one by its seed) and measure it."""
    from pptx import Presentation
    from pypdf import PdfReader

    from briefing import build, load_story

    if seed is not None:
        facts = folder / f"{name}.yml"
        facts.write_text(generate(seed), encoding="utf-8")
    assert facts is not None
    try:
        pdf, deck = build(facts, output=folder / name)
    except Exception as error:  # a build that fails is a defect of its own
        return Result(name, (Defect(BUILD, name, f"{type(error).__name__}: {error}"),))
    story = load_story(facts)
    found = checks.pdf_defects(pdf, story) + checks.deck_defects(deck, story)
    pages, slides = len(PdfReader(pdf).pages), len(Presentation(str(deck)).slides)
    return Result(name, tuple(found), pages, slides)


def sources() -> list[tuple[str, Path | None, int | None]]:
    """Every source to build: the generated ones, the fixtures, the bundled briefing."""
    found: list[tuple[str, Path | None, int | None]] = [(f"varied-{s}", None, s) for s in SEEDS]
    found += [(p.stem, p, None) for p in sorted(FIXTURES.glob("*.yml"))]
    found.append((DEFAULT_FACTS.stem, DEFAULT_FACTS, None))
    return found


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    """Every source built and measured once for the module, two at a time."""
    folder = tmp_path_factory.mktemp("varied")
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=WORKERS, mp_context=context) as pool:
        futures = [pool.submit(measure, n, f, s, folder) for n, f, s in sources()]
        done = [future.result() for future in futures]
    return {r.name: r for r in done}


def summary(results: dict[str, Result], kind: str) -> str:
    """'pdf thin page: 7 pages in 12 briefings (varied-1: 4, …)', then the first defects."""
    by_source = {n: [d for d in r.defects if d.kind == kind] for n, r in results.items()}
    hit = {n: found for n, found in by_source.items() if found}
    total = sum(len(found) for found in hit.values())
    generated = sum(1 for n in results if n.startswith("varied-"))
    hit_generated = sum(len(f) for n, f in hit.items() if n.startswith("varied-"))
    pages = sum(r.pages for r in results.values())
    slides = sum(r.slides for r in results.values())
    head = (
        f"{kind}: {total} {UNITS[kind]} in {len(hit)} of {len(results)} briefings "
        f"({hit_generated} in the {generated} generated ones; {pages} pages and {slides} "
        "slides in all)"
    )
    counts = ", ".join(f"{n}: {len(found)}" for n, found in hit.items())
    examples = [str(d) + f" [{n}]" for n, found in hit.items() for d in found[:2]][:20]
    return "\n".join([head, counts, *examples])


@pytest.mark.e2e
def test_every_briefing_builds(results: dict[str, Result]) -> None:
    assert not any(d.kind == BUILD for r in results.values() for d in r.defects), summary(
        results, BUILD
    )


@pytest.mark.e2e
@pytest.mark.parametrize("kind", PDF_KINDS + DECK_KINDS)
def test_no_layout_defects(results: dict[str, Result], kind: str) -> None:
    assert not any(d.kind == kind for r in results.values() for d in r.defects), summary(
        results, kind
    )


# ── The generator ─────────────────────────────────────────────────────────────────────────────


@pytest.mark.unit
def test_the_generator_gives_the_same_file_for_the_same_seed() -> None:
    assert generate(5) == generate(5)
    assert generate(5) != generate(6)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Facts, Document]]:
    """Files of the first GENERATED seeds, written and read back with their located text."""
    from briefing.facts import read_facts

    folder = tmp_path_factory.mktemp("generated")
    found = {}
    for seed in range(GENERATED):
        path = folder / f"varied-{seed}.yml"
        path.write_text(generate(seed), encoding="utf-8")
        found[seed] = read_facts(path)
    return found


@pytest.mark.unit
def test_every_generated_file_validates_and_every_character_is_in_the_font(
    generated: dict[int, tuple[Facts, Document]],
) -> None:
    from briefing.brand import read_brand
    from briefing.brand.glyphs import missing_glyphs
    from briefing.paths import DEFAULT_BRAND

    brand, brand_file = read_brand(DEFAULT_BRAND)
    for seed, (facts, document) in generated.items():
        assert missing_glyphs([document, brand_file], brand) == [], seed
        assert 1 <= len(facts.themes) <= 8
        assert all(len(t.metrics) <= 20 for t in facts.themes)
        assert all(2 <= len(m.label) <= 40 for t in facts.themes for m in t.metrics)
        assert all(1 <= len(t.highlights) <= 8 for t in facts.themes)
        assert all(20 <= len(h.text) <= 120 for t in facts.themes for h in t.highlights)


@pytest.mark.unit
def test_the_generated_files_vary_as_asked(generated: dict[int, tuple[Facts, Document]]) -> None:
    seen: collections.Counter[str] = collections.Counter()
    for facts, _ in generated.values():
        seen[f"themes {len(facts.themes)}"] += 1
        seen["no outlook"] += facts.outlook is None
        seen["no rankings"] += not facts.rankings()
        for theme in facts.themes:
            seen["one figure"] += len(theme.metrics) == 1
            seen["twenty figures"] += len(theme.metrics) == 20
            seen.update(f"chart {c.kind.value}" for c in theme.charts)
            seen.update(f"unit {m.unit}" for m in theme.metrics)
            seen.update(f"qualifier {m.qualifier.value}" for m in theme.metrics)
            seen.update(f"numeral {m.numeral.value}" for m in theme.metrics)
            seen["change list"] += sum(isinstance(m.change, list) for m in theme.metrics)
            seen["label of 2"] += sum(len(m.label) == 2 for m in theme.metrics)
            seen["label of 30 or more"] += sum(len(m.label) >= 30 for m in theme.metrics)
            seen["ranking with size"] += sum(r.out_of is not None for r in theme.rankings)
            seen["ranking without scope"] += sum(r.scope is None for r in theme.rankings)
            seen["two credited"] += sum(len(h.entities) >= 2 for h in theme.highlights)
    wanted = [f"themes {n}" for n in range(1, 9)] + [
        "no outlook", "no rankings", "one figure", "twenty figures", "chart bar", "chart share",
        "chart ranking", "chart grouped", "chart line", "unit %", "unit 亿元", "unit 万元",
        "unit 个百分点", "unit 万平方米", "qualifier over", "qualifier nearly", "numeral chinese",
        "numeral liang", "change list", "label of 2", "label of 30 or more", "ranking with size",
        "ranking without scope", "two credited",
    ]  # fmt: skip
    assert [w for w in wanted if not seen[w]] == []


# ── The checks find what is planted ───────────────────────────────────────────────────────────


def _report(path: Path, story: Story, draw: Callable[[Any, int, Layout], None]) -> None:
    """A report-sized PDF: a blank cover, then pages with a header and footer line each and
    what `draw(canvas, page_number)` puts in the body."""
    from reportlab.pdfgen.canvas import Canvas

    from briefing.render.pdf.styles import register_fonts

    layout = Layout.of(story.brand.page)
    fonts = register_fonts(
        story.brand.fonts.family, story.brand.fonts.regular, story.brand.fonts.bold
    )
    canvas = Canvas(str(path), pagesize=(layout.width, layout.height))
    canvas.showPage()
    for number in (2, 3):
        canvas.setFont(fonts.regular, 8)
        canvas.drawString(layout.left, layout.height - layout.top + 20, "页眉")
        canvas.drawString(layout.left, layout.bottom - 30, "页脚")
        canvas.setFont(fonts.regular, 10.5)
        draw(canvas, number, layout)
        canvas.showPage()
    canvas.save()


def _full(canvas: Any, layout: Layout, start: float = 20, end: float = 20) -> None:
    """Lines of plain text down the body, from `start` points under its top to `end` above
    its bottom."""
    y = layout.height - layout.top - start
    while y >= layout.bottom + end:
        canvas.drawString(layout.left, y, "创新" * 10)
        y -= 20


@pytest.mark.render
def test_a_clean_report_page_has_no_defects(tmp_path: Path, story: Story) -> None:
    path = tmp_path / "clean.pdf"
    _report(path, story, lambda canvas, _, layout: _full(canvas, layout))
    pages = checks.read_pdf(path)
    body = checks.body_of(story)
    assert checks.overflow(pages, body) == []
    assert checks.stranded(pages, story) == []
    assert checks.stretched(pages) == []
    assert checks.thin_pages(pages, story) == []


@pytest.mark.render
def test_the_pdf_checks_find_planted_defects(tmp_path: Path, story: Story) -> None:
    figure = story.figures()[0].value  # 56项
    heading = story.sections[0].heading

    def draw(canvas: Any, number: int, layout: Layout) -> None:
        if number == 3:  # a thin page: two lines at the top
            canvas.drawString(layout.left, layout.height - layout.top - 20, "一行")
            return
        _full(canvas, layout, start=200, end=40)
        right = layout.width - layout.right
        canvas.drawString(right - 10, layout.height - layout.top - 60, "出界的文字")  # overflow
        text = canvas.beginText(layout.left, layout.height - layout.top - 100)
        text.setCharSpace(3)  # 0.29 em at 10.5 pt
        text.textOut("拉开的一行字")
        text.setCharSpace(0)  # Tc is kept from one text object to the next
        canvas.drawText(text)
        y = layout.height - layout.top - 140
        canvas.drawString(layout.left, y, "正文" + figure[:1])
        canvas.drawString(layout.left, y - 20, figure[1:] + "正文")
        canvas.drawString(layout.left, layout.bottom + 10, heading)  # the page's last line

    path = tmp_path / "planted.pdf"
    _report(path, story, draw)
    pages = checks.read_pdf(path)
    kinds = collections.Counter(d.kind for d in checks.pdf_defects(path, story))
    assert kinds[checks.OVERFLOW] == 1
    assert kinds[checks.STRETCHED] == 1
    assert kinds[checks.BROKEN] == 1
    assert kinds[checks.STRANDED] == 1
    assert kinds[checks.THIN_PAGE] == 1
    assert kinds[checks.PDF_MISSING] >= 1  # most figures are not on these pages
    assert checks.missing([figure], checks.squash(pages[1].text), "x") == []


@pytest.fixture(scope="module")
def ordos_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from briefing import build

    (deck,) = build(formats=["pptx"], output=tmp_path_factory.mktemp("deck"))
    return deck


@pytest.mark.render
def test_the_deck_checks_find_planted_defects(
    tmp_path: Path, story: Story, ordos_deck: Path
) -> None:
    from pptx import Presentation
    from pptx.util import Pt

    deck = Presentation(str(ordos_deck))
    # What the bundled deck has today; the planted defects come on top.
    before = checks.deck_defects(ordos_deck, story)
    height = (deck.slide_height or 0) / checks.EMU_PER_PT
    shapes = [(n, i.shape) for n, s in enumerate(deck.slides) for i in checks.placed(s.shapes)]
    box_at, box = next(
        (n, s) for n, s in shapes if s.shape_type == MSO_SHAPE_TYPE.TEXT_BOX and s.text.strip()
    )
    box.text_frame.paragraphs[0].runs[0].text *= 8  # overfull
    tiles = (story.words.shapes["key_tile"], story.words.shapes["figure_tile"])
    tile_at, tile = next((n, s) for n, s in shapes if s.name.startswith(tiles))
    tile.left = (deck.slide_width or 0) - Pt(20)  # off the slide
    thin = {d.where for d in before if d.kind == checks.THIN_SLIDE}
    emptied = next(
        n
        for n, slide in enumerate(deck.slides)
        if checks.content_slide(slide, height)
        and f"slide {n + 1}" not in thin
        and n not in (box_at, tile_at)
    )  # a content slide left with its frame only
    for _, shape in shapes:  # a figure said nowhere: not in text, notes or charts
        if shape.has_text_frame and value_of(story) in shape.text_frame.text:
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.text = run.text.replace(value_of(story), "")
    for slide in deck.slides:
        if slide.has_notes_slide:
            for paragraph in slide.notes_slide.notes_text_frame.paragraphs:
                for run in paragraph.runs:
                    run.text = run.text.replace(value_of(story), "")
    for n, shape in shapes:
        chart = getattr(shape, "has_chart", False) and value_of(story) in chart_labels(shape)
        if chart or (n == emptied and not checks.frame_shape(shape, story)):
            shape._element.getparent().remove(shape._element)
    planted = tmp_path / "planted.pptx"
    deck.save(str(planted))
    after = collections.Counter(d.kind for d in checks.deck_defects(planted, story))
    counts = collections.Counter(d.kind for d in before)
    assert after[checks.BOX_OVERFLOW] > counts[checks.BOX_OVERFLOW]
    assert after[checks.OFF_SLIDE] > counts[checks.OFF_SLIDE]
    assert after[checks.THIN_SLIDE] > counts[checks.THIN_SLIDE]
    assert after[checks.DECK_MISSING] > counts[checks.DECK_MISSING]


def chart_labels(shape: Any) -> list[str]:
    """What a native chart's data labels show (fixed text, or values through their formats)."""
    return [
        shown
        for plot in shape.chart.plots
        for series in plot.series
        for i in range(len(series.values))
        if (shown := data_label(series, i))
    ]


def value_of(story: Story) -> str:
    """The first figure's printed value (56项 in the bundled briefing)."""
    return story.figures()[0].value


@pytest.mark.unit
def test_union_area_counts_overlaps_once() -> None:
    assert checks.union_area([(0, 0, 10, 10), (5, 5, 10, 10)]) == 175
    assert checks.union_area([(0, 0, 10, 10), (2, 2, 2, 2)]) == 100
    assert checks.union_area([]) == 0


@pytest.mark.unit
def test_a_figure_is_split_only_where_its_pieces_meet() -> None:
    assert checks.split_figure("共有突破", "10亿元的", "突破10亿元") == 2
    assert checks.split_figure("新增1", "0家企业", "10家") == 1
    assert checks.split_figure("2023", "项目", "3项") is None  # 3 is the tail of 2023
    assert checks.split_figure("共10", "家", "10家") == 2
    assert checks.split_figure("共10家", "企业", "10家") is None


@pytest.mark.unit
def test_a_break_before_the_figure_of_a_printed_value_is_no_split() -> None:
    """累计 / 首次达到两千一百二十四座左右: the rules break before the figure where it does not
    fit the rest of the line; inside it, they never do."""
    value = "累计首次达到两千一百二十四座左右"
    assert checks.split_figure("实验室累计", "首次达到两千一百二十四座左右", value) is None
    assert checks.split_figure("累计首次达到两千", "一百二十四座左右", value) == 8
