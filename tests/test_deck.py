"""The deck renderer, end to end: build the bundled story (and one of another brand kit)
and reopen the .pptx."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.base import BaseShape
from pptx.shapes.picture import Picture
from pptx.slide import Slide

from briefing.brand import Brand, Logo, Logos, load_brand
from briefing.deck import FLOOR, break_units, contrast, line_count, render_deck
from briefing.errors import BriefingError
from briefing.loader import load_facts
from briefing.story import ChartSpec, Series, Story, build_story

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


@pytest.fixture(scope="module")
def other_story(other_brand: Brand) -> Story:
    return build_story(load_facts(FACTS), other_brand)


@pytest.fixture(scope="module")
def other_deck_path(other_story: Story, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("other-deck") / "deck.pptx"
    render_deck(other_story, path)
    return path


@pytest.fixture(scope="module")
def other_deck(other_deck_path: Path) -> PresentationType:
    return Presentation(str(other_deck_path))


@pytest.fixture(params=["bundled", "other"])
def built(request: pytest.FixtureRequest) -> tuple[Story, PresentationType, Path]:
    """The deck of the bundled brand, then the deck of the other kit."""
    if request.param == "bundled":
        names = ("story", "deck", "deck_path")
    else:
        names = ("other_story", "other_deck", "other_deck_path")
    return tuple(request.getfixturevalue(n) for n in names)  # type: ignore[return-value]


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


def slide_titles(deck: PresentationType) -> list[str]:
    return [shape.text_frame.text for _, shape in shapes(deck) if shape.name == "标题"]


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
    titles = slide_titles(deck)
    talent = next(s for s in story.sections if len(s.figures) > 6)
    assert f"{talent.heading}（续）" in titles


def chart_shapes(deck: PresentationType) -> dict[str, tuple[Slide, BaseShape]]:
    """Every chart frame and chart picture, by shape name."""
    return {shape.name: (slide, shape) for slide, shape in shapes(deck) if is_chart(shape)}


def is_chart(shape: BaseShape) -> bool:
    return shape.name.startswith("图表：")


def unit_panels(spec: ChartSpec) -> list[list[Series]]:
    """The spec's series grouped by unit: one native chart (one value axis) each."""
    panels: dict[str, list[Series]] = {}
    for series in spec.series:
        panels.setdefault(series.unit, []).append(series)
    return list(panels.values())


def frame_names(spec: ChartSpec) -> list[str]:
    """The chart shapes a spec should become, by name."""
    panels = unit_panels(spec)
    if spec.kind == "ranking" or len(panels) == 1:
        return [f"图表：{spec.title}"]
    return [f"图表：{spec.title}（{'、'.join(s.name for s in p)}）" for p in panels]


def values_in(series: Series, categories: tuple[str, ...]) -> list[float | None]:
    found = {bar.label: bar.value for bar in series.bars}
    return [found.get(c) for c in categories]


def assert_native_chart(frame: BaseShape, spec: ChartSpec, series: list[Series]) -> None:
    """The frame charts these series of the spec over its categories, labelled as printed."""
    chart = frame.chart
    assert list(chart.plots[0].categories) == list(spec.categories)
    plotted = chart.plots[0].series
    assert [s.name for s in plotted] == [s.name for s in series]
    for native, wanted in zip(plotted, series, strict=True):
        assert list(native.values) == values_in(wanted, spec.categories)
        printed = {bar.label: bar.printed for bar in wanted.bars}
        labels = [
            native.points[i].data_label.text_frame.text
            for i, c in enumerate(spec.categories)
            if c in printed
        ]
        assert labels == [printed[c] for c in spec.categories if c in printed]


def test_every_chart_of_the_story_is_in_the_deck(deck: PresentationType, story: Story) -> None:
    found = chart_shapes(deck)
    wanted = [name for spec in story.charts() for name in frame_names(spec)]
    assert list(found) == wanted  # in story order, nothing more
    assert {spec.kind for spec in story.charts()} >= {"bar", "share", "grouped", "ranking"}
    for spec in story.charts():
        for name, panel in zip(frame_names(spec), unit_panels(spec), strict=False):
            slide, shape = found[name]
            assert spec.alt in slide.notes_slide.notes_text_frame.text
            if spec.kind == "ranking":
                assert isinstance(shape, Picture)
                assert shape.image.content_type == "image/png"
                continue
            assert shape.has_chart
            chart_type = shape.chart.chart_type
            assert chart_type == XL_CHART_TYPE.BAR_CLUSTERED
            assert_native_chart(shape, spec, panel)


def test_single_unit_charts_carry_the_caption_as_title(
    deck: PresentationType, story: Story
) -> None:
    found = chart_shapes(deck)
    for spec in story.charts():
        if spec.kind != "ranking" and len(unit_panels(spec)) == 1:
            _, frame = found[f"图表：{spec.title}"]
            assert frame.chart.chart_title.text_frame.text == spec.caption


def test_a_grouped_chart_of_two_units_is_two_native_charts_side_by_side(
    deck: PresentationType, story: Story
) -> None:
    spec = next(s for s in story.charts() if s.kind == "grouped")
    assert [s.unit for s in spec.series] == ["项", "亿元"]
    found = chart_shapes(deck)
    (slide, left), (same, right) = (found[n] for n in frame_names(spec))
    assert slide == same
    assert left.left + left.width <= right.left and left.top == right.top
    for frame, series in zip((left, right), spec.series, strict=True):
        assert frame.chart.chart_title.text_frame.text == f"{series.name}（{series.unit}）"
        assert len(frame.chart.plots[0].series) == 1  # never two units on one axis
        assert_native_chart(frame, spec, [series])
    projects, funds = left.chart.plots[0].series[0], right.chart.plots[0].series[0]
    palette = story.brand.colours.chart
    assert "#" + str(projects.format.fill.fore_color.rgb) == palette[0]
    assert "#" + str(funds.format.fill.fore_color.rgb) == palette[1]
    assert left.chart.value_axis.tick_labels.number_format == "0"  # counts
    assert right.chart.value_axis.tick_labels.number_format == "0.0#"
    captions = [s.text_frame.text for s in slide.shapes if s.name == "图题"]
    assert captions == [spec.caption]
    assert "项、亿元" in slide.notes_slide.notes_text_frame.text


def test_the_ranking_chart_is_a_picture_with_alt_text(deck: PresentationType, story: Story) -> None:
    spec = next(s for s in story.charts() if s.kind == "ranking")
    slide, picture = chart_shapes(deck)[f"图表：{spec.title}"]
    assert picture._element.nvPicPr.cNvPr.get("descr") == spec.alt
    px_w, px_h = picture.image.size
    assert px_w >= 1800  # 300 dpi, not a screen grab
    assert abs(picture.width / picture.height - px_w / px_h) < 0.01  # aspect kept
    caption = next(s for s in slide.shapes if s.name == "图题")
    assert caption.text_frame.text == spec.caption
    assert caption.top + caption.height <= picture.top


def test_every_chart_shape_has_alt_text(deck: PresentationType, story: Story) -> None:
    alts = {
        name: shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
        for name, (_, shape) in chart_shapes(deck).items()
    }
    assert alts == {name: spec.alt for spec in story.charts() for name in frame_names(spec)}


LINE_FACTS = """\
briefing:
  id: trend
  title: 趋势简报
  region: 示例市
  period: "2024"
  sources:
    - id: s
      title: 示例来源
headline:
  summary: 研发投入逐年增长。
themes:
  - id: t
    title: 研发投入
    summary: 研发投入逐年增长。
    metrics:
      - id: rd
        label: 全社会研发经费
        value: 53.2
        unit: 亿元
        series: {2022: 40.1, 2023: 45.5}
      - id: gov
        label: 财政科技支出
        value: 15
        unit: 亿元
        qualifier: more_than
        series: {2023: 12.4}
    charts:
      - id: c
        kind: line
        title: 研发经费与财政科技支出
        metrics: [rd, gov]
outlook:
  summary: 继续加大投入。
"""


@pytest.fixture
def line_deck(write, tmp_path: Path) -> tuple[Story, PresentationType]:
    story = build_story(load_facts(write("trend.yml", LINE_FACTS)), load_brand())
    path = tmp_path / "trend.pptx"
    render_deck(story, path)
    return story, Presentation(str(path))


def test_a_line_chart_is_native_with_years_and_gaps(line_deck) -> None:
    story, deck = line_deck
    (spec,) = story.charts()
    assert spec.kind == "line" and spec.categories == ("2022年", "2023年", "2024年")
    (frame,) = chart_frames(deck)
    chart = frame.chart
    assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
    assert list(chart.plots[0].categories) == ["2022年", "2023年", "2024年"]
    rd, gov = chart.plots[0].series
    assert list(rd.values) == [40.1, 45.5, 53.2]
    assert list(gov.values) == [None, 12.4, 15.0]  # no 2022 value: a gap, not a zero
    assert chart._chartSpace.find(f".//{qn('c:dispBlanksAs')}").get("val") == "gap"
    assert_native_chart(frame, spec, list(spec.series))
    assert gov.points[2].data_label.text_frame.text == "超15亿元"
    assert chart.has_legend and chart.chart_title.text_frame.text == spec.caption
    palette = story.brand.colours.chart
    for series, colour in zip((rd, gov), palette, strict=False):
        assert "#" + str(series.format.line.color.rgb) == colour
        assert "#" + str(series.marker.format.fill.fore_color.rgb) == colour
    assert frame._element.nvGraphicFramePr.cNvPr.get("descr") == spec.alt
    assert_on_slide(deck)
    assert_chart_text_is_chinese(frame, story.brand)


def test_a_deck_without_ranking_charts_never_imports_matplotlib() -> None:
    code = f"""
import sys, tempfile
from dataclasses import replace
from pathlib import Path
from briefing.brand import load_brand
from briefing.deck import render_deck
from briefing.loader import load_facts
from briefing.story import build_story

story = build_story(load_facts({str(FACTS)!r}), load_brand())
sections = tuple(
    replace(s, charts=tuple(c for c in s.charts if c.kind != "ranking")) for s in story.sections
)
plain = replace(story, sections=sections)
assert plain.charts() and not any(c.kind == "ranking" for c in plain.charts())
with tempfile.TemporaryDirectory() as folder:
    render_deck(plain, Path(folder) / "deck.pptx")
    loaded = [m for m in ("matplotlib", "briefing.charts") if m in sys.modules]
    if loaded:
        sys.exit(str(loaded) + " imported for a deck without ranking charts")
    render_deck(story, Path(folder) / "full.pptx")  # control: a ranking loads the drawing
    if "briefing.charts" not in sys.modules:
        sys.exit("the ranking chart did not go through briefing.charts")
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def assert_chart_text_is_chinese(frame: BaseShape, brand: Brand) -> None:
    """Chart font, title, legend, axis ticks and data labels: sized, zh-CN, East Asian face."""
    space = frame.chart._chartSpace
    chart = frame.chart
    holders = [space.find(qn("c:txPr")), chart.chart_title._title.find(qn("c:tx"))]
    holders += [chart.category_axis._element.find(qn("c:txPr"))]
    holders += [chart.value_axis._element.find(qn("c:txPr"))]
    if chart.has_legend:
        holders.append(chart.legend._element.find(qn("c:txPr")))
    holders += list(space.iter(qn("c:dLbl")))
    assert all(h is not None for h in holders)
    for holder in holders:
        props = [*holder.iter(qn("a:defRPr")), *holder.iter(qn("a:rPr"))]
        assert props
        for prop in props:
            assert prop.get("sz"), etree.tostring(prop)
            assert prop.get("lang") == "zh-CN"
            ea = prop.find(qn("a:ea"))
            assert ea is not None and ea.get("typeface") == brand.fonts.deck_east_asian
    assert all(p.get("lang") == "zh-CN" for p in space.iter(qn("a:endParaRPr")))
    chart_default = space.find(qn("c:txPr")).find(f".//{qn('a:defRPr')}")
    assert chart_default.get("sz") != "1800"  # python-pptx's default, replaced by ours


def test_every_chart_text_element_is_chinese_in_the_brand_face(built) -> None:
    story, deck, _ = built
    frames = chart_frames(deck)
    assert frames
    for frame in frames:
        assert_chart_text_is_chinese(frame, story.brand)


def test_value_axes_are_formatted_for_their_values(deck: PresentationType) -> None:
    for frame in chart_frames(deck):
        values = [v for s in frame.chart.plots[0].series for v in s.values if v is not None]
        wanted = "0" if all(float(v).is_integer() for v in values) else "0.0#"
        axis = frame.chart.value_axis.tick_labels
        assert axis.number_format == wanted and not axis.number_format_is_linked


def test_every_run_names_the_brand_faces_and_chinese(built) -> None:
    story, deck, _ = built
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
        latin = ea.getprevious()
        assert latin is not None and latin.tag == qn("a:latin")
        assert latin.get("typeface") == story.brand.fonts.deck_latin


def test_chart_defaults_carry_sizes_and_east_asian_face(deck: PresentationType) -> None:
    for frame in chart_frames(deck):
        for defaults in frame.chart._chartSpace.iter(qn("a:defRPr")):
            assert defaults.get("sz") and defaults.find(qn("a:ea")) is not None


def test_every_shape_lies_on_the_slide(built) -> None:
    assert_on_slide(built[1])


def assert_on_slide(deck: PresentationType) -> None:
    for _, shape in shapes(deck):
        assert shape.left >= 0 and shape.top >= 0, shape.name
        assert shape.left + shape.width <= deck.slide_width, shape.name
        assert shape.top + shape.height <= deck.slide_height, shape.name


def test_body_text_is_never_below_the_floor(built) -> None:
    _, deck, _ = built
    for _, shape in shapes(deck):
        if shape.name in ("页脚", "页脚密级", "页码") or not shape.has_text_frame:
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
    titles = slide_titles(deck)
    assert f"{section.number}、{section.short_title}：工作亮点（续）" in titles
    assert all(h in deck_text(deck) for h in many)
    assert_on_slide(deck)


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


# ── The brand everywhere: theme, logo, names, classification, colours ───────

SCHEME = ["dk1", "lt1", "dk2", "lt2", *(f"accent{i}" for i in range(1, 7)), "hlink", "folHlink"]
HEX = re.compile(r'<a:srgbClr val="([0-9A-Fa-f]{6})"')


def theme(deck: PresentationType) -> etree._Element:
    """The a:theme of the first slide master, reached through the master's relationship."""
    part = deck.slide_masters[0].part.part_related_by(RT.THEME)
    return etree.fromstring(part.blob)


def scheme_colours(deck: PresentationType) -> dict[str, str]:
    scheme = theme(deck).find(f"{qn('a:themeElements')}/{qn('a:clrScheme')}")
    return {
        etree.QName(slot).localname: "#" + slot.find(qn("a:srgbClr")).get("val") for slot in scheme
    }


def brand_palette(brand: Brand) -> set[str]:
    """Every colour of a brand, upper-case #RRGGBB."""
    c = brand.colours
    named = (c.primary, c.secondary, c.tertiary, c.foreground, c.background, c.light, c.dark)
    return {x.upper() for x in (*named, c.muted, *c.chart)}


def slide_pictures(slide: Slide, name: str = "标志") -> list[BaseShape]:
    return [shape for shape in slide.shapes if shape.name == name]


def fill_of(shape: BaseShape) -> str:
    return "#" + str(shape.fill.fore_color.rgb)


def xml_parts(path: Path) -> dict[str, str]:
    """Every XML part of a .pptx (slides, charts, masters, layouts, themes), by name."""
    with zipfile.ZipFile(path) as package:
        return {
            name: package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        }


def test_theme_colour_scheme_is_the_brand(built) -> None:
    story, deck, _ = built
    colours = story.brand.colours
    scheme = scheme_colours(deck)
    assert list(scheme) == SCHEME
    assert scheme["dk1"] == colours.foreground
    assert scheme["lt1"] == colours.background
    assert scheme["dk2"] == colours.primary
    assert scheme["lt2"] == colours.light
    assert scheme["hlink"] == colours.secondary
    assert scheme["folHlink"] == colours.muted
    accents = [scheme[f"accent{i}"] for i in range(1, 7)]
    chart = list(dict.fromkeys(colours.chart))[:6]
    assert accents[: len(chart)] == chart  # the chart palette first, in order
    assert len(set(accents)) == 6
    padding = [colours.primary, colours.secondary, colours.tertiary, colours.muted]
    assert [a for a in accents if a not in chart][:1] == [p for p in padding if p not in chart][:1]
    element = theme(deck)
    assert element.find(f"{qn('a:themeElements')}/{qn('a:clrScheme')}").get("name") == (
        story.brand.short_name
    )


def test_theme_fonts_are_the_deck_fonts(built) -> None:
    story, deck, _ = built
    fonts = story.brand.fonts
    scheme = theme(deck).find(f"{qn('a:themeElements')}/{qn('a:fontScheme')}")
    for which in ("a:majorFont", "a:minorFont"):
        group = scheme.find(qn(which))
        assert group.find(qn("a:latin")).get("typeface") == fonts.deck_latin
        assert group.find(qn("a:ea")).get("typeface") == fonts.deck_east_asian
        hans = [f for f in group.findall(qn("a:font")) if f.get("script") == "Hans"]
        assert all(f.get("typeface") == fonts.deck_east_asian for f in hans)


def test_the_bundled_theme_offers_the_bundled_palette(deck: PresentationType) -> None:
    scheme = scheme_colours(deck)
    assert scheme["dk2"] == "#12355B"
    assert [scheme[f"accent{i}"] for i in range(1, 4)] == ["#1F6FB2", "#168F84", "#D9962B"]


def test_the_other_theme_offers_the_other_palette(other_deck: PresentationType) -> None:
    scheme = scheme_colours(other_deck)
    assert scheme["dk2"] == "#9B1B30"
    assert [scheme[f"accent{i}"] for i in range(1, 4)] == ["#9B1B30", "#2E6B3A", "#C7A008"]


def test_logo_with_alt_text_on_cover_closing_and_content_slides(built) -> None:
    story, deck, _ = built
    logos = story.brand.logos
    slides = list(deck.slides)
    for i, slide in enumerate(slides):
        cover = i in (0, len(slides) - 1)
        logo = logos.pick("large", on_dark=True) if cover else logos.pick("small")
        pictures = slide_pictures(slide)
        assert len(pictures) == 1, i
        picture = pictures[0]
        assert picture._element.nvPicPr.cNvPr.get("descr") == logo.alt
        assert picture.image.blob == logo.raster.read_bytes()
        px_w, px_h = picture.image.size
        assert abs(picture.width / picture.height - px_w / px_h) < 0.01  # aspect kept


def test_logo_keeps_clear_of_the_title_and_the_text(built) -> None:
    _, deck, _ = built
    for slide in list(deck.slides)[1:-1]:
        logo = slide_pictures(slide)[0]
        title = next(s for s in slide.shapes if s.name == "标题")
        assert title.left + title.width <= logo.left
        assert logo.top + logo.height <= min(
            s.top for s in slide.shapes if s.name not in ("色带", "标题", "标志", "标志底板")
        )


def test_a_logo_made_for_light_backgrounds_sits_on_a_plate_on_the_cover(
    deck: PresentationType, other_deck: PresentationType, other_brand: Brand
) -> None:
    assert not slide_pictures(deck.slides[0], "标志底板")  # the bundled kit has a dark variant
    plates = slide_pictures(other_deck.slides[0], "标志底板")  # the other kit has none
    assert [fill_of(p) for p in plates] == [other_brand.colours.background]
    logo = slide_pictures(other_deck.slides[0])[0]
    plate = plates[0]
    assert plate.left < logo.left and logo.left + logo.width < plate.left + plate.width


def test_no_logo_or_no_raster_means_no_picture(story: Story, tmp_path: Path) -> None:
    svg_only = Logo(ROOT / "assets/logo/mark.svg", None, "标志")
    for logos in (Logos(), Logos({("medium", "light"): svg_only})):
        bare = replace(story, brand=replace(story.brand, logos=logos))
        path = tmp_path / "bare.pptx"
        render_deck(bare, path)
        deck = Presentation(str(path))
        assert not [s for _, s in shapes(deck) if s.name.startswith("标志")]
        titles = [s for _, s in shapes(deck) if s.name == "标题"]
        assert all(t.left + t.width > 12 * 914400 for t in titles)  # full width without a logo


def test_the_other_kits_names_and_classification_are_shown(
    other_deck: PresentationType, other_brand: Brand
) -> None:
    marking = other_brand.classification
    slides = list(other_deck.slides)
    for cover in (slides[0], slides[-1]):
        texts = [s.text_frame.text for s in cover.shapes if s.has_text_frame]
        assert marking in texts
        assert any(other_brand.name in t for t in texts)
    for slide in slides[1:-1]:
        footer = {s.name: s.text_frame.text for s in slide.shapes if s.has_text_frame}
        assert footer["页脚"].startswith(other_brand.short_name)
        assert footer["页脚密级"] == marking
    assert "创新简报" not in deck_text(other_deck)


def test_no_classification_without_one_in_the_kit(deck: PresentationType, story: Story) -> None:
    assert story.brand.classification is None
    assert not [s for _, s in shapes(deck) if s.name in ("密级", "页脚密级")]
    footers = [s.text_frame.text for _, s in shapes(deck) if s.name == "页脚"]
    assert footers and all(f.startswith(story.brand.short_name) for f in footers)


def test_shape_fills_are_the_brand_colours(built) -> None:
    story, deck, _ = built
    colours = story.brand.colours
    slides = list(deck.slides)
    for cover in (slides[0], slides[-1]):
        assert fill_of(next(s for s in cover.shapes if s.name == "背景")) == colours.primary
    for slide in slides[1:-1]:
        named = {s.name: s for s in slide.shapes}
        assert fill_of(named["色带"]) == colours.primary
        assert fill_of(named["标题下划线"]) == colours.tertiary
        title = named["标题"].text_frame.paragraphs[0].runs[0]
        assert "#" + str(title.font.color.rgb) == colours.primary
    tiles = [s for _, s in shapes(deck) if re.fullmatch(r"(关键指标|指标|排名|举措) \d+", s.name)]
    assert tiles and all(fill_of(t) == colours.light for t in tiles)


def test_chart_bars_use_the_chart_palette(built) -> None:
    """bar and share: a colour per bar; grouped: a colour per series, across panels."""
    story, deck, _ = built
    palette = story.brand.colours.chart
    found = chart_shapes(deck)
    for spec in story.charts():
        if spec.kind in ("bar", "share"):
            (_, frame) = found[f"图表：{spec.title}"]
            points = frame.chart.plots[0].series[0].points
            count = len(spec.bars)
            colours = ["#" + str(points[i].format.fill.fore_color.rgb) for i in range(count)]
            assert colours == [palette[i % len(palette)] for i in range(count)]
        elif spec.kind == "grouped":
            plotted = [
                s for name in frame_names(spec) for s in found[name][1].chart.plots[0].series
            ]
            colours = ["#" + str(s.format.fill.fore_color.rgb) for s in plotted]
            assert colours == [palette[i % len(palette)] for i in range(len(spec.series))]


def test_every_colour_on_the_slides_is_the_brands(built) -> None:
    story, _, path = built
    allowed = brand_palette(story.brand) | {"#FFFFFF"}  # white for text on dark fills
    for name, xml in xml_parts(path).items():
        if name.startswith(("ppt/slides/", "ppt/charts/", "ppt/notesSlides/")):
            used = {"#" + v.upper() for v in HEX.findall(xml)}
            assert used <= allowed, (name, used - allowed)


def test_no_trace_of_the_bundled_brand_in_the_other_deck(
    other_deck_path: Path, story: Story, other_brand: Brand
) -> None:
    foreign = brand_palette(story.brand) - brand_palette(other_brand)
    assert "#12355B" in foreign
    for name, xml in xml_parts(other_deck_path).items():
        found = [c for c in foreign if c[1:].lower() in xml.lower()]
        assert not found, (name, found)
    for word in (story.brand.name, story.brand.short_name, "Microsoft YaHei", "微软雅黑"):
        assert not [n for n, xml in xml_parts(other_deck_path).items() if word in xml], word


def test_cover_text_reads_on_the_cover_fill(built) -> None:
    story, deck, _ = built
    slides = list(deck.slides)
    for cover in (slides[0], slides[-1]):
        for run in (
            r
            for s in cover.shapes
            if s.has_text_frame
            for p in s.text_frame.paragraphs
            for r in p.runs
        ):
            colour = "#" + str(run.font.color.rgb)
            assert contrast(colour, story.brand.colours.primary) >= 4.5, run.text


def test_a_light_primary_gets_dark_cover_text(story: Story, tmp_path: Path) -> None:
    colours = replace(story.brand.colours, primary="#F6F0E4")
    pale = replace(story, brand=replace(story.brand, colours=colours))
    path = tmp_path / "pale.pptx"
    render_deck(pale, path)
    cover = Presentation(str(path)).slides[0]
    headline = next(s for s in cover.shapes if s.name == "主标题")
    run = headline.text_frame.paragraphs[0].runs[0]
    assert "#" + str(run.font.color.rgb) == colours.foreground
    test_cover_text_reads_on_the_cover_fill((pale, Presentation(str(path)), path))
