"""The PDF report of the bundled story, reopened and read back."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from briefing import __version__, load_story
from briefing.paths import DEFAULT_FACTS
from briefing.render.pdf import render_report
from briefing.render.pdf.styles import Layout
from briefing.story import Story, build_story
from briefing.story.wording import ZH
from briefing.text.linebreak import CANNOT_END, CANNOT_START
from tests.helpers import modules_after

pytestmark = pytest.mark.render

APPENDIX_TITLE = ZH.appendix

SECTION_HEADINGS = {
    "图目录", "主要排名", "关键数据", "图表", "工作进展", "重点机构进展", "相关主体", "重点方向",
    "数据说明", "指标一览", "排名一览", "资料来源",
}  # fmt: skip


@pytest.fixture(scope="module", autouse=True)
def environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Charts cached in a temporary folder; no SOURCE_DATE_EPOCH from the caller's shell."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        yield


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


@pytest.fixture(scope="module")
def pages(reader: PdfReader) -> list[str]:
    """The text of each page, without white space."""
    return [squeeze(page.extract_text()) for page in reader.pages]


def squeeze(value: str) -> str:
    return re.sub(r"\s+", "", value)


def chapters(story: Story) -> list[str]:
    """The titles the contents must list, in order."""
    return ["概览", *(s.heading for s in story.sections), "展望", APPENDIX_TITLE]


def first_page(pages: list[str], text: str, start: int = 2) -> int:
    """Index of the first page from `start` (after the contents) that prints `text`."""
    return next(i for i, page in enumerate(pages) if i >= start and squeeze(text) in page)


def page_indices(reader: PdfReader) -> dict[int, int]:
    """Page index by the object number of the page."""
    return {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}


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
    assert info["/Keywords"].split(", ") == [
        "鄂尔多斯市",
        "2024年",
        *(s.short_title for s in story.sections),
    ]
    # No briefing.date and no SOURCE_DATE_EPOCH: the last day of the period, never the clock.
    assert info["/CreationDate"] == info["/ModDate"] == "D:20241231000000+00'00'"
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "zh-CN"
    assert root["/PageMode"] == "/UseOutlines"


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
    markup = ("A<b>B</b> & C<br/>D > E",)
    first = dataclasses.replace(story.sections[0], highlights=markup, general=markup)
    target = tmp_path / "markup.pdf"
    render_report(dataclasses.replace(story, sections=(first, *story.sections[1:])), target)
    pages = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "A<b>B</b>&C<br/>D>E" in squeeze(pages)


def test_report_imports_neither_deck_nor_matplotlib() -> None:
    loaded = modules_after("briefing.render.pdf")
    assert "reportlab" in loaded
    assert {"pptx", "briefing.render.pptx", "matplotlib"} & loaded == set()


# ── Structure and navigation ──────────────────────────────────────────────────────────────────


def test_pages_are_the_brands_a4(reader: PdfReader) -> None:
    for page in reader.pages:
        assert [round(float(x)) for x in page.mediabox] == [0, 0, 595, 842]


def test_cover_then_contents_summary_chapters_outlook_appendix(
    story: Story, pages: list[str]
) -> None:
    assert squeeze(story.cover.title) in pages[0]
    assert squeeze(story.cover.subtitle or "") in pages[0]
    assert squeeze(story.cover.issuer) in pages[0]
    assert "目录" in pages[1] and "图目录" in pages[1]
    found = [first_page(pages, title) for title in chapters(story)]
    assert found == sorted(found)
    assert found[0] == 2  # the summary page follows the contents
    summary = pages[2]
    for figure in story.key_figures:
        assert squeeze(figure.value) in summary and squeeze(figure.label) in summary
    for ranking in story.rankings:
        assert squeeze(ranking.position) in summary


def test_contents_list_every_chapter_and_link_to_its_heading(
    story: Story, reader: PdfReader, pages: list[str]
) -> None:
    links = sorted(
        (a.get_object() for a in reader.pages[1]["/Annots"]),
        key=lambda link: -float(link["/Rect"][3]),
    )
    titles = chapters(story) + [c.caption for c in story.charts()]
    assert len(links) == len(titles)
    where = page_indices(reader)
    for title, link in zip(titles, links, strict=True):
        target = where[link["/Dest"][0].idnum]
        assert target == first_page(pages, title), title
        assert f"{squeeze(title)}{target + 1}" in pages[1], title  # the printed page number


def test_outline_holds_chapters_and_their_sections(story: Story, reader: PdfReader) -> None:
    outline = reader.outline
    top = [entry for entry in outline if not isinstance(entry, list)]
    assert [entry.title for entry in top] == ["目录", *chapters(story)]
    children = {
        outline[i].title: outline[i + 1]
        for i in range(len(outline) - 1)
        if isinstance(outline[i + 1], list)
    }
    for section in story.sections:
        titles = [entry.title for entry in children[section.heading] if not isinstance(entry, list)]
        assert titles[:3] == ["关键数据", "图表", "工作进展"], section.heading
        charts = children[section.heading][titles.index("图表") + 1]
        assert [entry.title for entry in charts] == [c.caption for c in section.charts]
    appendix = [e.title for e in children[APPENDIX_TITLE]]
    assert appendix == ["数据说明", "指标一览", "排名一览", "资料来源"]


def test_running_header_and_footer_on_every_page_but_the_cover(
    story: Story, pages: list[str]
) -> None:
    total = len(pages)
    assert "第1页" not in pages[0]
    for number, page in enumerate(pages[1:], 2):
        assert squeeze(story.cover.title) in page, number
        assert squeeze(story.cover.issuer) in page, number
        assert f"第{number}页/共{total}页" in page, number


def test_running_header_names_the_chapter(story: Story, pages: list[str]) -> None:
    for section in story.sections:
        start = first_page(pages, section.heading)
        assert f"{section.number}、{section.short_title}" in pages[start]


# ── Content ───────────────────────────────────────────────────────────────────────────────────


def test_appendix_lists_every_metric_with_value_theme_and_source(
    story: Story, pages: list[str]
) -> None:
    appendix = "".join(pages[first_page(pages, APPENDIX_TITLE) :])
    themes = {s.id: f"{s.number}、{s.short_title}" for s in story.sections}
    for i, figure in enumerate(story.figures(), 1):
        row = rf"{i}{re.escape(squeeze(figure.label))}.{{0,60}}?"
        row += rf"{re.escape(squeeze(figure.value))}{re.escape(themes[figure.section])}\[1\]"
        assert re.search(row, appendix), figure.id
    assert "各项指标与排名均出自资料来源[1]" in appendix
    assert squeeze(story.sources[0].text) in appendix


def test_appendix_lists_every_ranking(story: Story, pages: list[str]) -> None:
    appendix = "".join(pages[first_page(pages, APPENDIX_TITLE) :])
    for ranking in (*story.rankings, *(r for s in story.sections for r in s.rankings)):
        assert squeeze(ranking.list_name) in appendix
        assert squeeze(ranking.position) in appendix


def test_a_table_split_over_pages_repeats_its_header(story: Story, pages: list[str]) -> None:
    start = first_page(pages, APPENDIX_TITLE)
    holding = [
        i for i, page in enumerate(pages) if i >= start and story.figures()[-1].value in page
    ]
    assert holding[-1] > start, "the metric table should run over more than one page here"
    for i in range(start, holding[-1] + 1):
        assert "序号指标数值所属主题来源" in pages[i], i


def test_each_chapter_shows_its_figures_as_tiles_and_its_charts(
    story: Story, pages: list[str]
) -> None:
    for section in story.sections:
        start = first_page(pages, section.heading)
        chapter = "".join(pages[start : start + 3])
        for figure in section.figures:
            assert squeeze(figure.value) + squeeze(figure.label) in chapter, figure.id
        for chart in section.charts:
            assert squeeze(chart.caption) in chapter


def test_institutions_table_credits_each_with_its_work(story: Story, pages: list[str]) -> None:
    platforms = next(s for s in story.sections if s.id == "platforms")
    start = first_page(pages, platforms.heading)
    chapter = "".join(pages[start : start + 2])
    assert "重点机构进展机构主要进展" in chapter
    assert "鄂尔多斯实验室新型研发机构" in chapter
    text = "".join(pages)
    for section in story.sections:
        for highlight in section.highlights:
            assert text.count(squeeze(highlight)) == 1, highlight  # printed once, not twice


def test_every_named_entity_is_printed(story: Story, pages: list[str]) -> None:
    text = "".join(pages)
    # Listed with level, role and note; those the institutions' table shows, by name there.
    names = [n for s in story.sections for g in s.other_entities for n in g.names]
    names += [n for s in story.sections for c in s.credits for n in c.names]
    assert any("（" in n for n in names)
    assert [n for n in names if squeeze(n) not in text] == []


# ── Typesetting ───────────────────────────────────────────────────────────────────────────────


def text_lines(pdf: Path, index: int) -> list[tuple[float, float, float, str]]:
    """Lines of a page as (bottom, left, right, text), top first, from the glyphs' loose boxes."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(str(pdf))
    textpage = document[index].get_textpage()
    box = raw.FS_RECTF()
    lines: dict[float, list[tuple[float, float, str]]] = {}
    for i in range(textpage.count_chars()):
        char = textpage.get_text_range(i, 1)
        if char.strip():
            raw.FPDFText_GetLooseCharBox(textpage, i, box)
            lines.setdefault(round(box.bottom), []).append((box.left, box.right, char))
    document.close()
    return [
        (bottom, min(c[0] for c in chars), max(c[1] for c in chars), "".join(c[2] for c in chars))
        for bottom, chars in sorted(lines.items(), reverse=True)
    ]


def test_nothing_overflows_the_text_column(story: Story, pdf: Path, reader: PdfReader) -> None:
    page = Layout.of(story.brand.page)
    for index in range(1, len(reader.pages)):
        for bottom, left, right, text in text_lines(pdf, index):
            assert page.left - 0.5 <= left and right <= page.width - page.right + 0.5, (index, text)
            assert page.bottom - 2 * 28.35 < bottom < page.height - page.top + 28.35, (index, text)


def test_no_heading_ends_a_page(story: Story, pdf: Path, reader: PdfReader) -> None:
    page = Layout.of(story.brand.page)
    headings = SECTION_HEADINGS | {squeeze(t) for t in chapters(story)}
    for index in range(1, len(reader.pages)):
        body = [line for line in text_lines(pdf, index) if line[0] > page.bottom]
        assert squeeze(body[-1][3]) not in headings, index


def test_justified_lines_fill_the_measure(story: Story, tmp_path: Path) -> None:
    from reportlab.platypus import SimpleDocTemplate

    from briefing.render.pdf.flowables import para
    from briefing.render.pdf.styles import paragraph_styles, register_fonts

    fonts = register_fonts(
        story.brand.fonts.family, story.brand.fonts.regular, story.brand.fonts.bold
    )
    target = tmp_path / "justified.pdf"
    document = SimpleDocTemplate(str(target), leftMargin=72, rightMargin=100)
    text = "".join(s.summary for s in story.sections)
    document.build([para(text, paragraph_styles(story.brand, fonts)["body"])])
    right = document.pagesize[0] - 100 - 6  # the frame's padding
    lines = [line for line in text_lines(target, 0)]
    assert len(lines) > 10
    assert [line[3] for line in lines[:-1] if abs(line[2] - right) > 0.05] == []
    assert lines[-1][2] < right - 5  # the last line stays short, flush left


def test_bundled_pdf_is_small(pdf: Path) -> None:
    assert pdf.stat().st_size < 1_500_000


# ── Dates ─────────────────────────────────────────────────────────────────────────────────────


def test_source_date_epoch_dates_the_cover_and_the_metadata(
    facts: Any, brand: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1740787200")
    target = tmp_path / "dated.pdf"
    render_report(build_story(facts, brand), target)
    reader = PdfReader(target)
    assert "2025年3月1日" in squeeze(reader.pages[0].extract_text())
    assert reader.metadata is not None
    assert reader.metadata["/CreationDate"] == "D:20250301000000+00'00'"


# ── Pagination: every page carries its weight, headings keep their text ──────────────────────

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DOCUMENTS = [DEFAULT_FACTS, *sorted(FIXTURES.glob("*.yml"))]
NAMES = [facts.stem for facts in DOCUMENTS]
LEAST_FILL = 0.25  # share of the body every page after the cover fills at least
SHORT_DOCUMENT = 3  # pages: a document this short may end on a shorter page
JUSTIFIED_GAP = 0.15  # ems: the widest extra space between two characters of a line


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Story, Path]]:
    """The bundled briefing and every fixture, each rendered once for this module."""
    folder = tmp_path_factory.mktemp("reports")
    built = {}
    for facts in DOCUMENTS:
        story = load_story(facts)
        target = folder / f"{facts.stem}.pdf"
        render_report(story, target)
        built[facts.stem] = (story, target)
    return built


def body_fills(pdf: Path, page: Layout) -> list[float]:
    """For each page, the share of the body frame's height that its content covers: from the
    frame's top down to the lowest text or drawing inside the frame (running header and footer
    lie outside it); 0 for a page with nothing in its body."""
    import pypdfium2 as pdfium

    top, right = page.height - page.top, page.width - page.right
    document = pdfium.PdfDocument(str(pdf))
    fills = []
    for index in range(len(document)):
        lowest = top
        for item in document[index].get_objects():
            left, bottom, item_right, item_top = item.get_bounds()
            if item_top > page.bottom and bottom < top and item_right > page.left and left < right:
                lowest = min(lowest, max(bottom, page.bottom))
        fills.append((top - lowest) / page.depth)
    document.close()
    return fills


def test_body_fills_measure_the_body_only(story: Story, tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from briefing.render.pdf.pages import draw_page
    from briefing.render.pdf.styles import Sheet, paragraph_styles, register_fonts

    page = Layout.of(story.brand.page)
    fonts = register_fonts(
        story.brand.fonts.family, story.brand.fonts.regular, story.brand.fonts.bold
    )
    sheet = Sheet(paragraph_styles(story.brand, fonts), fonts, page, story.brand, story.words)
    target = tmp_path / "fills.pdf"
    canvas = Canvas(str(target), pagesize=(page.width, page.height))
    for share in (0.0, 0.2, 0.9):
        draw_page(canvas, story, sheet, "", 2, 3)  # header and footer only count for nothing
        if share:
            y = page.height - page.top - share * page.depth
            canvas.rect(page.left, y, 20, share * page.depth, stroke=0, fill=1)
        canvas.showPage()
    canvas.save()
    assert [round(f, 3) for f in body_fills(target, page)] == [0.0, 0.2, 0.9]


@pytest.mark.parametrize("name", NAMES)
def test_no_page_after_the_cover_is_nearly_empty(
    name: str, reports: dict[str, tuple[Story, Path]]
) -> None:
    story, pdf = reports[name]
    fills = body_fills(pdf, Layout.of(story.brand.page))
    checked = fills[1:] if len(fills) > SHORT_DOCUMENT else fills[1:-1]
    thin = {i + 2: round(f, 2) for i, f in enumerate(checked) if f < LEAST_FILL}
    assert thin == {}, fills


def outline_pages(reader: PdfReader) -> list[tuple[str, int]]:
    """Every outline entry, depth first, with the index of its page."""

    def walk(entries: list[Any]) -> Iterator[tuple[str, int]]:
        for entry in entries:
            if isinstance(entry, list):
                yield from walk(entry)
            else:
                index = reader.get_destination_page_number(entry)
                assert index is not None, entry.title
                yield entry.title, index

    return list(walk(reader.outline))


@pytest.mark.parametrize("name", NAMES)
def test_closing_blocks_open_a_page_only_after_a_full_one(
    name: str, reports: dict[str, tuple[Story, Path]]
) -> None:
    story, pdf = reports[name]
    fills = body_fills(pdf, Layout.of(story.brand.page))
    reader = PdfReader(pdf)
    opened = dict(outline_pages(reader))
    for title in (story.words.outlook, APPENDIX_TITLE):
        if title not in opened:
            continue
        index = opened[title]
        first = text_lines(pdf, index)[1][3]  # under the running header
        if squeeze(first) == squeeze(title):  # opens its page: the one before was full
            assert fills[index - 1] > 0.5, (title, fills)


@pytest.mark.parametrize("name", NAMES)
def test_a_heading_keeps_two_lines_under_it(
    name: str, reports: dict[str, tuple[Story, Path]]
) -> None:
    """Under a heading, two lines or more on its page, or all it introduces: a page that
    holds fewer is followed by one that opens with a heading (or a chapter's kicker)."""
    story, pdf = reports[name]
    page = Layout.of(story.brand.page)
    headings = SECTION_HEADINGS | {squeeze(t) for t in chapters(story)}
    openers = headings | {squeeze(s.short_title) for s in story.sections}
    bodies = [
        [squeeze(line[3]) for line in text_lines(pdf, index) if line[0] > page.bottom][1:]
        for index in range(len(PdfReader(pdf).pages))
    ]  # each page's body lines, under its running header
    for index, (body, after) in enumerate(zip(bodies[1:], [*bodies[2:], []], strict=True), 2):
        at = [i for i, line in enumerate(body) if line in headings]
        parted = after and after[0] not in openers
        assert [body[i] for i in at if len(body) - i - 1 < 2 and parted] == [], index


@pytest.mark.parametrize("name", NAMES)
def test_short_lists_stay_on_their_headings_page(
    name: str, reports: dict[str, tuple[Story, Path]]
) -> None:
    story, pdf = reports[name]
    reader = PdfReader(pdf)
    pages = [squeeze(page.extract_text()) for page in reader.pages]
    entries = outline_pages(reader)
    lists = {  # a heading's entry and the lines under it, short enough to stay with it
        ZH.entities: [[f"{g.label}{ZH.colon}{ZH.join(g.names)}" for g in s.other_entities]
                      for s in story.sections if s.other_entities],
        ZH.sources: [[s.text for s in story.sources]],
    }  # fmt: skip
    for title, groups in lists.items():
        found = [index for entry, index in entries if entry == title]
        assert len(found) == len(groups), title
        for index, lines in zip(found, groups, strict=True):
            if sum(len(line) for line in lines) <= 4 * 40:  # up to about four lines
                assert all(squeeze(line) in pages[index] for line in lines), (title, index)


def spaced_lines(pdf: Path, index: int) -> list[tuple[float, str]]:
    """Each text line of a page: the widest extra space, in ems, between two neighbouring
    characters that one text run draws (the justification's character spacing), and its text."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(str(pdf))
    textpage = document[index].get_textpage()
    box, x, y = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    lines: dict[float, list[Any]] = {}
    previous: tuple[Any, float, float] | None = None  # run, right edge, baseline
    for i in range(textpage.count_chars()):
        if raw.FPDFText_IsGenerated(textpage, i):
            continue
        char = textpage.get_text_range(i, 1)
        run = ctypes.cast(raw.FPDFText_GetTextObject(textpage, i), ctypes.c_void_p).value
        raw.FPDFText_GetLooseCharBox(textpage, i, box)
        raw.FPDFText_GetCharOrigin(textpage, i, x, y)
        baseline = round(y.value, 1)
        line = lines.setdefault(baseline, [0.0, ""])
        line[1] += char
        if not char.strip():
            previous = None
            continue
        if previous and previous[0] == run and previous[2] == baseline:
            gap = (x.value - previous[1]) / raw.FPDFText_GetFontSize(textpage, i)
            line[0] = max(line[0], gap)
        previous = (run, box.right, baseline)
    document.close()
    return [(gap, text) for _, (gap, text) in sorted(lines.items(), reverse=True)]


@pytest.mark.parametrize("name", NAMES)
def test_justified_lines_are_never_spaced_wide(
    name: str, reports: dict[str, tuple[Story, Path]]
) -> None:
    _, pdf = reports[name]
    widest = [
        (index + 1, round(gap, 3), text)
        for index in range(1, len(PdfReader(pdf).pages))
        for gap, text in spaced_lines(pdf, index)
        if gap > JUSTIFIED_GAP + 0.002
    ]
    assert widest == []


def test_a_line_before_a_long_unbreakable_run_stays_ragged(story: Story, tmp_path: Path) -> None:
    from reportlab.platypus import SimpleDocTemplate

    from briefing.render.pdf import kinsoku
    from briefing.render.pdf.flowables import para
    from briefing.render.pdf.styles import paragraph_styles, register_fonts

    kinsoku.install()  # figures stay whole, as in a report
    fonts = register_fonts(
        story.brand.fonts.family, story.brand.fonts.regular, story.brand.fonts.bold
    )
    style = paragraph_styles(story.brand, fonts)["plain"]
    target = tmp_path / "ragged.pdf"
    document = SimpleDocTemplate(str(target), leftMargin=72, rightMargin=100)
    column = document.pagesize[0] - 172 - 12  # the frame's padding
    chinese = "科" * (int(column / style.fontSize) - 2)  # two ems short of the measure
    run = "ABCDEFGHIJKLMN"  # too wide for the room left, too short to be cut
    figure = "同比增长53.2%"  # as unbreakable, but not a Latin run
    document.build([para(f"{chinese}{run}{'科技' * 30}", style), para(chinese + figure * 9, style)])
    lines = spaced_lines(target, 0)
    before_run, after_run = lines[0], lines[1]
    before_figure = next(line for line in lines[2:] if line[1] == chinese)
    assert after_run[1].startswith(run)
    assert before_run == (0.0, chinese)  # ragged, though its slack would be about 0.05 em a gap
    assert 0.02 < before_figure[0] <= JUSTIFIED_GAP  # the same slack before Chinese is spread


def test_the_metrics_table_widens_its_value_column_for_a_long_figure(story: Story) -> None:
    """A value whose figure would not stay whole on one line at 8 pt takes width from the
    label column (never more than VALUE_SHARE_MOST); short values leave the columns alone."""
    from briefing.render.pdf.blocks import METRIC_COLUMNS, VALUE_SHARE_MOST, metric_columns
    from briefing.render.pdf.styles import Sheet, paragraph_styles, register_fonts

    page = Layout.of(story.brand.page)
    fonts = register_fonts(
        story.brand.fonts.family, story.brand.fonts.regular, story.brand.fonts.bold
    )
    sheet = Sheet(paragraph_styles(story.brand, fonts), fonts, page, story.brand, story.words)
    assert metric_columns(["53.2亿元", "突破1000家"], sheet) == METRIC_COLUMNS
    wide = metric_columns(["累计首次达到一千三百九十三人次左右"], sheet)
    assert METRIC_COLUMNS[2] < wide[2] <= VALUE_SHARE_MOST
    assert wide[1] < METRIC_COLUMNS[1] and sum(wide) == pytest.approx(1.0)
