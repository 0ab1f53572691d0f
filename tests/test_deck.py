"""The deck renderer, end to end: build the bundled story (and one of another brand kit, one
with very long texts, and several on corporate templates built here), reopen the .pptx, and
have LibreOffice draw them to check that every character stays inside its box."""

from __future__ import annotations

import functools
import io
import itertools
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.dml import MSO_FILL
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.base import BaseShape
from pptx.shapes.group import GroupShape
from pptx.shapes.picture import Picture
from pptx.slide import Slide
from pptx.util import Inches

from briefing.brand import Brand, load_brand
from briefing.brand.colour import contrast
from briefing.brand.kit import Logo, Logos
from briefing.errors import BriefingError
from briefing.facts import load_facts
from briefing.render import REGISTRY, RenderOptions
from briefing.render.pptx.fit import FLOOR, wrap
from briefing.render.pptx.geometry import BODY
from briefing.story import Story, build_story
from briefing.story.build import figure_tile
from briefing.story.dates import DocumentDate
from briefing.story.model import ChartSpec, Series, single_share
from tests.helpers import (
    DECORATION,
    PRESENTATION_TYPE,
    ROOT,
    SAMPLE,
    TEMPLATE_TYPE,
    corporate_template,
    data_label,
    libreoffice_pdfs,
    relabel,
    require_tool,
)

pytestmark = pytest.mark.render

FACTS = ROOT / "data/ordos-2024.yml"


def render_deck(story: Story, target: Path, template: Path | None = None, warn=None) -> None:
    """The deck through the registry, as api.build calls it."""
    options = RenderOptions(template=template)
    if warn is not None:
        options = RenderOptions(template=template, warn=warn)
    REGISTRY["pptx"].renderer()(story, target, options)


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
    """Every shape of every slide, those inside groups too."""
    for slide in deck.slides:
        for shape in within_groups(slide.shapes):
            yield slide, shape


def within_groups(found) -> Iterator[BaseShape]:
    for shape in found:
        yield shape
        if isinstance(shape, GroupShape):
            yield from within_groups(shape.shapes)


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
    """Every native chart with axes (a share of one value is a doughnut: see test_deck_charts)."""
    return [
        shape
        for _, shape in shapes(deck)
        if getattr(shape, "has_chart", False)
        and shape.has_chart
        and shape.chart.chart_type != XL_CHART_TYPE.DOUGHNUT
    ]


def test_deck_is_widescreen_with_a_slide_for_every_planned_one(
    deck: PresentationType, story: Story
) -> None:
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)
    # title, contents, overview, key figures, 4 × (divider, figures, charts, highlights), one
    # 重点机构进展, outlook, closing (the source on it): 25 for the bundled facts. 30 before
    # slides were filled: eight figures a slide, two beside their chart, two charts side by
    # side, the sources on the closing slide.
    assert len(deck.slides) == 25


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
    talent = next(s for s in story.sections if len(s.figures) > 8)
    assert f"{talent.heading}（续）" in titles


def chart_shapes(deck: PresentationType) -> dict[str, tuple[Slide, BaseShape]]:
    """Every chart frame and chart picture, by shape name."""
    return {shape.name: (slide, shape) for slide, shape in shapes(deck) if is_chart(shape)}


def is_chart(shape: BaseShape) -> bool:
    return shape.name.startswith("图表 ")


def unit_panels(spec: ChartSpec) -> list[list[Series]]:
    """The story's panels of a chart (one a unit): one native chart (one value axis) each."""
    return [list(spec.panel_series(panel)) for panel in spec.panels]


def frame_names(spec: ChartSpec) -> list[str]:
    """The chart shapes a spec should become, by name."""
    panels = unit_panels(spec)
    if spec.kind == "ranking" or len(panels) == 1:
        return [f"图表 {spec.title}"]
    return [f"图表 {spec.title}（{'、'.join(s.name for s in p)}）" for p in panels]


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
        labels = [data_label(native, i) for i, c in enumerate(spec.categories) if c in printed]
        assert labels == [printed[c] for c in spec.categories if c in printed]


def test_every_chart_of_the_story_is_in_the_deck(deck: PresentationType, story: Story) -> None:
    found = chart_shapes(deck)
    wanted = [name for spec in story.charts() for name in frame_names(spec)]
    assert list(found) == wanted  # in story order, nothing more
    assert {spec.kind for spec in story.charts()} >= {"bar", "share", "grouped", "ranking"}
    for spec in story.charts():
        panels = unit_panels(spec) or [list(spec.series)]  # a ranking: one group of shapes
        for name, panel in zip(frame_names(spec), panels, strict=True):
            slide, shape = found[name]
            assert spec.alt in slide.notes_slide.notes_text_frame.text
            if spec.kind == "ranking":
                assert isinstance(shape, GroupShape)  # native shapes, not a picture
                continue
            assert shape.has_chart
            chart_type = shape.chart.chart_type
            if single_share(spec):  # a ring of the value and its remainder
                assert chart_type == XL_CHART_TYPE.DOUGHNUT
                continue
            assert chart_type == XL_CHART_TYPE.BAR_CLUSTERED
            assert_native_chart(shape, spec, panel)


def test_single_unit_charts_carry_the_caption_as_title(
    deck: PresentationType, story: Story
) -> None:
    found = chart_shapes(deck)
    for spec in story.charts():
        if spec.kind != "ranking" and len(unit_panels(spec)) == 1:
            slide, frame = found[f"图表 {spec.title}"]
            if single_share(spec):  # the ring's caption stands above it, as a ranking's
                captions = [s.text_frame.text for s in slide.shapes if s.name == "图题"]
                assert spec.caption in captions
                continue
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


def test_the_ranking_chart_is_native_shapes_with_alt_text(
    deck: PresentationType, story: Story
) -> None:
    spec = next(s for s in story.charts() if s.kind == "ranking")
    slide, group = chart_shapes(deck)[f"图表 {spec.title}"]
    assert group._element.nvGrpSpPr.cNvPr.get("descr") == spec.alt
    parts = {shape.name: shape for shape in group.shapes}
    assert not [s for s in group.shapes if isinstance(s, Picture)]
    for i, bar in enumerate(spec.bars, 1):
        assert parts[f"名次 {i} 名称"].text_frame.text == bar.label
        assert parts[f"名次 {i} 数值"].text_frame.text == bar.printed
        assert parts[f"名次 {i} 末位"].text_frame.text == f"第{bar.out_of}位"
        places = [n for n in parts if n.startswith(f"名次 {i} 位次 ")]
        assert len(places) == bar.out_of
        dot, track = parts[f"名次 {i} 名次"], parts[f"名次 {i} 轨道"]
        step = (track.width - track.height) / (bar.out_of - 1)
        centre = dot.left + dot.width / 2 - (track.left + track.height / 2)
        assert abs(centre - (bar.value - 1) * step) < 2  # the dot at the rank's place
    caption = next(s for s in slide.shapes if s.name == "图题")
    assert caption.text_frame.text == spec.caption
    assert caption.top + caption.height <= group.top


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
    assert data_label(gov, 2) == "超15亿元"
    assert chart.has_legend and chart.chart_title.text_frame.text == spec.caption
    palette = story.brand.colours.chart
    for series, colour in zip((rd, gov), palette, strict=False):
        assert "#" + str(series.format.line.color.rgb) == colour
        assert "#" + str(series.marker.format.fill.fore_color.rgb) == colour
    assert frame._element.nvGraphicFramePr.cNvPr.get("descr") == spec.alt
    assert_on_slide(deck)
    assert_chart_text_is_chinese(frame, story.brand)


def test_a_deck_never_imports_matplotlib() -> None:
    """Every chart, rankings too, is native: the deck needs no drawing library."""
    code = f"""
import sys, tempfile
from pathlib import Path
from briefing.brand import load_brand
from briefing.facts import load_facts
from briefing.render import RenderOptions
from briefing.render.pptx import render
from briefing.story import build_story

story = build_story(load_facts({str(FACTS)!r}), load_brand())
assert any(c.kind == "ranking" for c in story.charts())
with tempfile.TemporaryDirectory() as folder:
    render(story, Path(folder) / "deck.pptx", RenderOptions())
    loaded = [m for m in ("matplotlib", "briefing.charts") if m in sys.modules]
    if loaded:
        sys.exit(str(loaded) + " imported for a deck")
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
    assert not section.credits  # its general list is all its highlights
    shown = replace(section, highlights=many, general=many)
    longer = replace(story, sections=(shown, *story.sections[1:]))
    path = tmp_path / "long.pptx"
    render_deck(longer, path)
    deck = Presentation(str(path))
    titles = slide_titles(deck)
    assert f"{section.number}、{section.short_title}：工作进展（续）" in titles
    assert all(h in deck_text(deck) for h in many)
    assert_on_slide(deck)


def test_a_figure_too_long_for_any_slide_is_reported(story: Story, tmp_path: Path) -> None:
    section = story.sections[0]
    huge = replace(section.figures[0], label="很长的指标名称" * 200)
    shown = replace(section, figures=(huge,), tiles=(figure_tile(huge),))
    broken = replace(story, sections=(shown, *story.sections[1:]))
    with pytest.raises(BriefingError, match="too long"):
        render_deck(broken, tmp_path / "broken.pptx")


def test_shapes_are_named_for_what_they_are(deck: PresentationType) -> None:
    names = [shape.name for _, shape in shapes(deck)]
    assert "标题" in names and "关键数据 1" in names
    assert all(n.startswith("图表 ") for n in (f.name for f in chart_frames(deck)))
    stock = ("TextBox", "Rectangle", "Chart", "Title", "Subtitle", "Footer", "Slide", "Text")
    assert not [n for n in names if n.split()[0] in stock]


def test_every_slide_has_speaker_notes(deck: PresentationType) -> None:
    for slide in deck.slides:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()


def test_core_properties_come_from_the_story(deck: PresentationType, story: Story) -> None:
    props = deck.core_properties
    assert props.title == story.cover.title
    assert props.author == story.cover.issuer
    assert props.language == "zh-CN"
    assert props.created == story.date.naive and props.created.year == 2024
    assert props.modified == props.created
    assert props.keywords == " ".join(story.keywords)


def test_same_story_gives_the_same_bytes(deck_path: Path, story: Story, tmp_path: Path) -> None:
    again = tmp_path / "again.pptx"
    render_deck(story, again)
    assert again.read_bytes() == deck_path.read_bytes()


def test_deck_module_imports_no_pdf_or_plotting_code() -> None:
    code = (
        "import sys, briefing.render.pptx.draw; "
        "bad = [m for m in ('reportlab', 'matplotlib', 'briefing.render.pdf')"
        " if m in sys.modules]; "
        "sys.exit(str(bad) if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


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
    assert [scheme[f"accent{i}"] for i in range(1, 4)] == ["#1F6FB2", "#137A70", "#D9962B"]


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
        logo = box_of(slide_pictures(slide)[0])
        others = [s for s in slide.shapes if s.name not in ("色带", "标志", "标志底板")]
        assert others and not [s.name for s in others if overlap(box_of(s), logo)]


def box_of(shape: BaseShape) -> tuple[int, int, int, int]:
    return shape.left, shape.top, shape.left + shape.width, shape.top + shape.height


def overlap(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


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
        assert footer["页脚"] == f"{other_brand.name}｜2024年"  # the issuer: the kit's name
        assert footer["页脚密级"] == marking
    assert "创新简报" not in deck_text(other_deck)


def test_no_classification_without_one_in_the_kit(deck: PresentationType, story: Story) -> None:
    assert story.brand.classification is None
    assert not [s for _, s in shapes(deck) if s.name in ("密级", "页脚密级")]
    footers = [s.text_frame.text for _, s in shapes(deck) if s.name == "页脚"]
    assert footers and all(f.startswith(story.cover.issuer) for f in footers)


def test_shape_fills_are_the_brand_colours(built) -> None:
    story, deck, _ = built
    colours = story.brand.colours
    slides = list(deck.slides)
    for cover in (slides[0], slides[-1]):
        assert "#" + str(cover.background.fill.fore_color.rgb) == colours.primary
    for slide in slides[1:-1]:
        named = {s.name: s for s in slide.shapes}
        band = named["章节色块"] if "章节色块" in named else named["色带"]  # divider or not
        assert fill_of(band) == colours.primary
        assert fill_of(named["标题下划线"]) == colours.tertiary
        title = named["标题"].text_frame.paragraphs[0].runs[0]
        assert "#" + str(title.font.color.rgb) == colours.primary
    tiles = [s for _, s in shapes(deck) if re.fullmatch(r"(关键数据|指标|排名|举措) \d+", s.name)]
    assert tiles and all(fill_of(t) == colours.light for t in tiles)


def test_chart_bars_use_the_chart_palette(built) -> None:
    """bar and share: a colour per bar; grouped: a colour per series, across panels."""
    story, deck, _ = built
    palette = story.brand.colours.chart
    found = chart_shapes(deck)
    for spec in story.charts():
        if spec.kind in ("bar", "share"):
            (_, frame) = found[f"图表 {spec.title}"]
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


# ── Structure: title, agenda, headline, a chapter per theme, outlook, sources, closing ──


def title_of(slide: Slide) -> str:
    return next(
        (s.text_frame.text for s in slide.shapes if s.name in ("标题", "主标题", "结束语")), ""
    )


def kind_of(slide: Slide) -> str:
    """What a slide is, by the shapes it carries."""
    names = [shape.name for shape in slide.shapes]
    for kind, test in (
        ("cover", lambda n: n in ("主标题", "结束语")),
        ("agenda", lambda n: n.startswith("议程 ")),
        ("divider", lambda n: n == "章节概要" or n == "章节色块"),
        ("chart", lambda n: n.startswith("图表 ")),
        ("figures", lambda n: re.fullmatch(r"(关键数据|指标|排名|举措) \d+", n)),
        ("highlights", lambda n: n == "亮点"),
        ("lead", lambda n: n == "导语"),
        ("profiles", lambda n: n == "机构进展"),
        ("sources", lambda n: n == "资料来源"),
    ):
        if any(test(n) for n in names):
            return kind
    return "other"


def test_the_deck_follows_the_story(deck: PresentationType, story: Story) -> None:
    slides = list(deck.slides)
    plan = [(kind_of(s), title_of(s)) for s in slides]
    assert plan[0] == ("cover", story.cover.title) and plan[-1] == ("cover", "谢谢")
    assert plan[1] == ("agenda", "目录")
    assert plan[2] == ("figures", "概览")  # the headline rankings
    assert plan[3] == ("figures", "关键数据")
    assert plan[-2] == ("figures", "展望")  # the one source is on the closing slide
    assert story.sources[0].text in deck_text_of(slides[-1])
    rest = plan[4:-2]
    for section in story.sections:
        assert rest[0] == ("divider", section.title)
        chapter = [k for k, _ in rest[1:]]
        end = chapter.index("divider") if "divider" in chapter else len(chapter)
        kinds = chapter[:end]
        # figures (alone or beside a chart: kind "chart"), charts, highlights, institutions
        order = ["figures", "chart", "highlights", "profiles"]
        assert kinds == sorted(kinds, key=order.index)
        assert kinds.count("highlights") >= 1
        assert (kinds.count("profiles") >= 1) == bool(section.credits)  # 重点机构进展
        tiles = len(section.figures) + len(section.rankings)
        grids = -(-tiles // 8) if tiles > 2 else 0  # four to eight big numbers a slide
        assert kinds.count("figures") == grids, section.heading
        rest = rest[1 + end :]
    assert rest == []


def shape_names(slide: Slide) -> list[str]:
    return [shape.name for shape in slide.shapes]


def deck_text_of(slide: Slide) -> str:
    return "\n".join(t for shape in within_groups(slide.shapes) for t in shape_text(shape))


def test_the_agenda_numbers_the_themes(deck: PresentationType, story: Story) -> None:
    agenda = deck.slides[1]
    rows = {s.name: s.text_frame.text for s in agenda.shapes if s.name.startswith("议程 ")}
    for i, section in enumerate(story.sections, 1):
        assert rows[f"议程 {i}"] == section.title
        assert rows[f"议程 {i} 序号"] == section.number
    assert (
        "、".join(s.title for s in story.sections)[:4] in agenda.notes_slide.notes_text_frame.text
    )


def test_slides_between_the_covers_carry_footer_and_number(built) -> None:
    story, deck, _ = built
    slides = list(deck.slides)
    for number, slide in enumerate(slides, 1):
        named = {s.name: s for s in slide.shapes}
        if number in (1, len(slides)):
            assert "页脚" not in named and "页码" not in named
            continue
        footer = named["页脚"]
        cover = story.cover
        words = story.words
        assert footer.text_frame.text == words.bar.join((cover.issuer, cover.date or cover.period))
        page = named["页码"]
        field = page._element.find(f".//{qn('a:fld')}")
        assert field.get("type") == "slidenum" and page.text_frame.text == str(number)
        placeholder_types = {
            s.name: s._element.find(f".//{qn('p:ph')}").get("type")
            for s in (footer, page)
            if s.is_placeholder
        }
        assert placeholder_types == {"页脚": "ftr", "页码": "sldNum"}  # PowerPoint's own


def test_speaker_notes_say_what_to_stress(deck: PresentationType, story: Story) -> None:
    notes = {title_of(s) + kind_of(s): s.notes_slide.notes_text_frame.text for s in deck.slides}
    headline = notes["关键数据figures"]
    assert all(f.value in headline for f in story.key_figures) and "请重点强调" in headline
    for section in story.sections:
        assert section.summary in notes[section.title + "divider"]
        said = [text for key, text in notes.items() if key.startswith(section.heading)]
        assert any(section.figures[0].value in text for text in said), section.heading
    assert story.overview in notes["概览figures"]


def test_headline_figures_show_four_to_eight_per_chapter_slide(
    deck: PresentationType, story: Story
) -> None:
    """Each chapter's tiles, split evenly over its figure slides: four to eight a slide (one
    or two beside a chart where the chapter has no more), every tile once, as large as the
    grid allows: tiles fill the body."""
    per_title: dict[str, list[int]] = {}
    for slide in deck.slides:
        tiles = [s for s in slide.shapes if re.fullmatch(r"(指标|排名) \d+", s.name)]
        if tiles:
            title = title_of(slide).removesuffix("（续）")
            per_title.setdefault(title, []).append(len(tiles))
            names = " ".join(shape_names(slide))
            if "图表" not in names and "导语" not in names:  # a grid of its own fills the body
                bottom = max(t.top + t.height for t in tiles) / 12700
                top = min(t.top for t in tiles) / 12700
                assert bottom - top >= 0.95 * BODY.h, title
    for section in story.sections:
        counts = per_title[section.heading]
        assert sum(counts) == len(section.tiles), section.heading
        if len(section.tiles) <= 2:
            assert counts == [len(section.tiles)]  # beside its chart
            continue
        assert all(4 <= n <= 8 for n in counts), counts
        assert max(counts) - min(counts) <= 1, counts
    assert per_title.pop(story.words.overview) == [len(story.ranking_tiles)]
    assert sorted(per_title) == sorted(s.heading for s in story.sections)


# ── Text that fits: the estimate of every text box, read back from the file ──


def needed_height(shape: BaseShape) -> float:
    """Points the shape's text needs, recomputed from what the file says: sizes, spacing,
    indents and insets, wrapped by the deck's (the shared) rules."""
    frame = shape.text_frame
    body = frame._txBody.find(qn("a:bodyPr"))
    assert body.find(qn("a:noAutofit")) is not None and body.get("wrap") == "square"
    inset = {k: int(body.get(k)) / 12700 for k in ("lIns", "rIns", "tIns", "bIns")}  # explicit
    width = shape.width / 12700 - inset["lIns"] - inset["rIns"]
    total = inset["tIns"] + inset["bIns"]
    for paragraph in frame.paragraphs:
        pPr = paragraph._p.find(qn("a:pPr"))
        sizes = [int(r.get("sz")) / 100 for r in paragraph._p.iter(qn("a:rPr"))]
        assert sizes, (shape.name, paragraph.text)
        pitch = int(pPr.find(f"{qn('a:lnSpc')}/{qn('a:spcPts')}").get("val")) / 100
        after = pPr.find(f"{qn('a:spcAft')}/{qn('a:spcPts')}")
        indent = int(pPr.get("marL")) / 12700  # explicit: no list style's indent inherited
        lines = len(wrap(paragraph.text, width - indent, max(sizes)))
        total += lines * pitch + (int(after.get("val")) / 100 if after is not None else 0)
    return total


def text_shapes(deck: PresentationType) -> Iterator[tuple[int, BaseShape]]:
    for number, slide in enumerate(deck.slides, 1):
        for shape in within_groups(slide.shapes):
            if shape.has_text_frame and shape.text_frame.text.strip():
                yield number, shape


def assert_text_fits(deck: PresentationType) -> None:
    """No text box whose wrapped text is taller than the box; no body text under the floor."""
    for number, shape in text_shapes(deck):
        assert needed_height(shape) <= shape.height / 12700 + 0.01, (number, shape.name)
        if shape.name not in ("页脚", "页脚密级", "页码"):
            sizes = [int(r.get("sz")) / 100 for r in shape._element.iter(qn("a:rPr"))]
            assert min(sizes) >= FLOOR, (number, shape.name)


def test_every_text_box_holds_its_text(built) -> None:
    assert_text_fits(built[1])


LONG_TITLE = "深入实施创新驱动发展战略全面塑造发展新动能新优势加快建设国家重要能源和战略资源基地"[
    :40
]
LONG_LABEL = (
    "争取国家、自治区各类科技计划项目与资金支持的数量及其对全区研发投入增长的贡献率（含重大专项）"
)
LONG_HIGHLIGHT = (
    "鄂尔多斯实验室推动CO2加绿氢制备绿色航油技术全球首次实现千吨级工业示范，"
    "北大鄂尔多斯能源研究院在煤基固废综合利用、深部煤层气高效开发等方向取得突破，"
    "“科技新政30条”2.0版落地见效，全市R&D经费投入53.2亿元，同比增长12.5%。"
) * 3


@pytest.fixture(scope="module")
def long_deck(story: Story, tmp_path_factory: pytest.TempPathFactory):
    """The story with a 40-character title, a 60-character figure label, a 300-character
    highlight among 20 others and one highlight longer than a whole slide."""
    assert len(LONG_TITLE) == 40 and len(LONG_LABEL) >= 45 and len(LONG_HIGHLIGHT) >= 300
    label = (LONG_LABEL * 2)[:60]
    section = story.sections[0]
    figures = (replace(section.figures[0], label=label), *section.figures[1:])
    tiles = (replace(section.tiles[0], label=label), *section.tiles[1:])
    highlights = (
        LONG_HIGHLIGHT[:300],
        *(f"第{i}项：{h}" for i in range(20) for h in section.highlights[:1]),
        LONG_HIGHLIGHT * 5,
    )
    assert not section.credits  # its general list is all its highlights
    longer = replace(
        section,
        title=LONG_TITLE,
        short_title=LONG_TITLE,
        name=f"{section.number}、{LONG_TITLE}",
        figures=figures,
        tiles=tiles,
        highlights=highlights,
        general=highlights,
    )
    long_story = replace(
        story,
        cover=replace(story.cover, title=LONG_TITLE),
        sections=(longer, *story.sections[1:]),
    )
    path = tmp_path_factory.mktemp("long") / "long.pptx"
    render_deck(long_story, path)
    return longer, Presentation(str(path))


def test_long_inputs_shrink_then_continue_and_never_overflow(long_deck) -> None:
    section, deck = long_deck
    assert_text_fits(deck)
    assert_on_slide(deck)
    titles = slide_titles(deck)
    assert f"{section.number}、{LONG_TITLE}：工作进展（续）" in titles
    labels = [shape.text_frame.text for _, shape in shapes(deck) if shape.name == "指标 1"]
    assert labels and section.figures[0].label in labels[0]  # whole, in a tile that holds it
    pages = [
        shape
        for slide, shape in shapes(deck)
        if shape.name == "亮点" and title_of(slide).startswith(f"{section.number}、")
    ]
    shown = "".join(p.text for page in pages for p in page.text_frame.paragraphs)
    assert shown == "".join(section.highlights)  # all of it, in order, split at lines only
    assert len(pages) >= 4


def test_a_slide_too_small_for_one_line_of_a_title_is_reported(
    story: Story, tmp_path: Path
) -> None:
    huge = replace(story.sections[0], title="很长的章节标题" * 40)
    broken = replace(story, sections=(huge, *story.sections[1:]))
    with pytest.raises(BriefingError, match="too long"):
        render_deck(broken, tmp_path / "broken.pptx")


# ── Slides that are filled: what their content covers, measured on the saved file ──

FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("*.yml"))
FRAME = ("标题", "标题下划线", "页脚", "页脚密级", "页码", "标志", "标志底板", "色带")
MIN_COVERAGE = 0.30


def extent(shape: BaseShape) -> tuple[float, float, float, float]:
    """A shape's extent in points (left, top, right, bottom): a text box without a fill only as
    tall as its text needs, from its top (the text is top-anchored)."""
    x, y = shape.left / 12700, shape.top / 12700
    w, h = shape.width / 12700, shape.height / 12700
    if isinstance(shape, GroupShape) or not shape.has_text_frame:
        return x, y, x + w, y + h
    if shape.fill.type in (None, MSO_FILL.BACKGROUND) and shape.text_frame.text.strip():
        h = min(h, needed_height(shape))
    return x, y, x + w, y + h


def union_area(rects: list[tuple[float, float, float, float]]) -> float:
    """The area a set of rectangles covers together (overlaps once)."""
    xs = sorted({v for r in rects for v in (r[0], r[2])})
    area = 0.0
    for left, right in itertools.pairwise(xs):
        spans = sorted((r[1], r[3]) for r in rects if r[0] <= left and r[2] >= right)
        covered, top, bottom = 0.0, None, None
        for y0, y1 in spans:
            if bottom is None or y0 > bottom:
                covered += (bottom - top) if bottom is not None and top is not None else 0.0
                top, bottom = y0, y1
            else:
                bottom = max(bottom, y1)
        covered += (bottom - top) if bottom is not None and top is not None else 0.0
        area += covered * (right - left)
    return area


def coverage(deck: PresentationType) -> list[tuple[int, str, float]]:
    """Each content slide's share covered by its content: the union of its shapes' extents,
    title, footer, logo and band left out; covers and dividers are not content slides."""
    page = deck.slide_width / 12700 * deck.slide_height / 12700
    out = []
    for number, slide in enumerate(deck.slides, 1):
        if kind_of(slide) in ("cover", "divider"):
            continue
        rects = [extent(s) for s in slide.shapes if s.name not in FRAME]
        out.append((number, title_of(slide), union_area(rects) / page))
    return out


@pytest.fixture(scope="module")
def fixture_decks(tmp_path_factory: pytest.TempPathFactory, brand: Brand) -> dict:
    """The deck of every fixture under tests/fixtures, on the brand's master."""
    folder = tmp_path_factory.mktemp("fixture-decks")
    decks = {}
    for path in FIXTURES:
        target = folder / f"{path.stem}.pptx"
        render_deck(build_story(load_facts(path), brand), target)
        decks[path.stem] = Presentation(str(target))
    return decks


def test_every_content_slide_is_at_least_30_percent_content(deck, fixture_decks) -> None:
    """Content (tiles, charts, text as tall as it needs, agenda rows) covers 30% of every
    content slide of the bundled deck and of every fixture's: no near-empty slide. The
    bundled deck's least covered was 16% (its sources slide) before slides were filled."""
    assert len(FIXTURES) >= 6
    lows = {}
    for name, built in [("bundled", deck), *fixture_decks.items()]:
        found = coverage(built)
        assert found, name
        lows[name] = min(found, key=lambda f: f[2])
    assert all(low[2] >= MIN_COVERAGE for low in lows.values()), lows


def test_the_coverage_measure_sees_an_empty_slide() -> None:
    """The measure itself: a text box spanning the body (as bullets were drawn before) counts
    only the lines it holds: one line covers well under a tenth of the slide, not 65%."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = 12192000, 6858000
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(0.6), Inches(1.45), Inches(12.13), Inches(5.4))
    box.name = "亮点"
    box.text_frame.text = "短句一"
    body = box.text_frame._txBody.find(qn("a:bodyPr"))
    body.append(etree.SubElement(body, qn("a:noAutofit")))
    body.set("wrap", "square")
    for side in ("lIns", "rIns", "tIns", "bIns"):
        body.set(side, "45720")
    paragraph = box.text_frame.paragraphs[0]
    paragraph.runs[0].font.size = Inches(24 / 72)
    paragraph.line_spacing = Inches(24 * 1.3 / 72)
    paragraph._p.get_or_add_pPr().set("marL", "0")
    ((_, _, share),) = coverage(deck)
    assert 0.03 < share < 0.1


# ── Corporate templates: layouts by what they hold, the master's look kept ──


@dataclass
class TemplateDeck:
    template: Path
    parts: dict[str, str]
    path: Path
    deck: PresentationType
    warnings: list[str]


def build_on_template(
    story: Story, folder: Path, name: str = "corporate.pptx", **options
) -> TemplateDeck:
    folder.mkdir(parents=True, exist_ok=True)
    template = folder / name
    parts = corporate_template(template, **options)
    warnings: list[str] = []
    path = folder / f"deck-{template.stem}.pptx"
    render_deck(story, path, template=template, warn=warnings.append)
    return TemplateDeck(template, parts, path, Presentation(str(path)), warnings)


@pytest.fixture(scope="module")
def corporate(story: Story, tmp_path_factory: pytest.TempPathFactory) -> TemplateDeck:
    return build_on_template(story, tmp_path_factory.mktemp("corporate"), "corporate.potx")


def layout_part(slide: Slide) -> str:
    return str(slide.slide_layout.part.partname)


EXPECTED_LAYOUT = {  # the layout each kind of slide belongs on, by its English name
    "cover": "Title Slide",
    "divider": "Section Header",
    "agenda": "Title and Content",
    "highlights": "Title and Content",
    "profiles": "Title and Content",
    "sources": "Title and Content",
    "figures": "Title Only",
    "chart": "Title Only",
    "lead": "Title Only",
}


def assert_layouts(built: TemplateDeck, expected: dict[str, str] = EXPECTED_LAYOUT) -> None:
    """Every slide on the template's own layout for its kind: the very part, not a namesake."""
    layouts = {str(layout.part.partname) for layout in built.deck.slide_layouts}
    for number, slide in enumerate(built.deck.slides, 1):
        kind = kind_of(slide)
        assert layout_part(slide) == built.parts[expected[kind]], (number, kind)
        assert layout_part(slide) in layouts


def test_a_potx_template_gives_its_layouts_by_what_they_hold(corporate: TemplateDeck) -> None:
    assert corporate.warnings == []
    assert_layouts(corporate)
    names = {kind_of(s): s.slide_layout.name for s in corporate.deck.slides}
    assert names["cover"] == "标题幻灯片" and names["divider"] == "节标题"
    assert names["agenda"] == "标题和内容" and names["chart"] == "仅标题"


def test_layouts_are_found_by_structure_not_by_name(story: Story, tmp_path: Path) -> None:
    """Names that lie (the title-only layout called 节标题) and no layout types at all."""
    lying = {
        "Title Slide": "版式 7",
        "Title and Content": "空白",
        "Section Header": "仅标题",
        "Title Only": "节标题",
        "Blank": "标题幻灯片",
    }
    built = build_on_template(story, tmp_path, names=lying, keep_types=False)
    assert built.warnings == []
    assert_layouts(built)


def test_the_template_master_decoration_shows_on_every_slide(corporate: TemplateDeck) -> None:
    deck = corporate.deck
    (band,) = [s for s in deck.slide_master.shapes if s.name == DECORATION]
    for number, slide in enumerate(deck.slides, 1):
        assert slide.slide_layout._element.get("showMasterSp") != "0"
        assert slide.background._cSld.bg is None  # no slide background over the master's
        covering = [s.name for s in slide.shapes if overlap(box_of(s), box_of(band))]
        assert covering == [], number


def test_the_template_theme_is_kept(corporate: TemplateDeck, story: Story) -> None:
    data = relabel(corporate.template.read_bytes(), TEMPLATE_TYPE, PRESENTATION_TYPE)
    template = Presentation(io.BytesIO(data.getvalue()))
    path = f"{qn('a:themeElements')}/{qn('a:clrScheme')}"
    kept = etree.tostring(theme(corporate.deck).find(path))
    assert kept == etree.tostring(theme(template).find(path))
    assert story.brand.colours.primary[1:].encode() not in kept
    fonts = theme(corporate.deck).find(f"{qn('a:themeElements')}/{qn('a:fontScheme')}")
    assert fonts.find(f"{qn('a:minorFont')}/{qn('a:latin')}").get("typeface") == "Calibri"


def test_the_template_own_slides_are_gone(corporate: TemplateDeck, story: Story) -> None:
    assert SAMPLE not in deck_text(corporate.deck)
    assert title_of(corporate.deck.slides[0]) == story.cover.title


def test_titles_sit_in_the_layout_title_placeholders_in_its_style(
    corporate: TemplateDeck,
) -> None:
    for number, slide in enumerate(corporate.deck.slides, 1):
        (title,) = [s for s in slide.shapes if s.name in ("标题", "主标题", "结束语")]
        ph = title._element.find(f".//{qn('p:ph')}")
        assert ph is not None and ph.get("type") in ("title", "ctrTitle"), number
        assert title._element.spPr.find(qn("a:xfrm")) is None  # where the layout puts it
        for rPr in title._element.iter(qn("a:rPr")):  # the master's colour, weight and face
            assert rPr.get("b") is None and rPr.find(qn("a:solidFill")) is None
            assert rPr.find(qn("a:latin")) is None and rPr.get("sz")


def test_a_template_deck_is_chinese_fits_and_stays_on_the_slides(
    corporate: TemplateDeck, story: Story
) -> None:
    deck = corporate.deck
    parts = [slide.shapes._spTree for slide in deck.slides]
    parts += [frame.chart._chartSpace for frame in chart_frames(deck)]
    runs = [r for part in parts for r in part.iter(qn("a:rPr"))]
    assert runs
    for rPr in runs:  # the theme names no East Asian face, so the brand's
        assert rPr.get("lang") == "zh-CN"
        assert rPr.find(qn("a:ea")).get("typeface") == story.brand.fonts.deck_east_asian
    assert_text_fits(deck)
    assert_on_slide(deck)
    assert len(deck.slides) >= 12
    assert all(s.notes_slide.notes_text_frame.text.strip() for s in deck.slides)


def test_a_template_deck_repeats_byte_for_byte(corporate: TemplateDeck, story: Story) -> None:
    again = corporate.path.with_name("again.pptx")
    render_deck(story, again, template=corporate.template)
    assert again.read_bytes() == corporate.path.read_bytes()
    same = corporate.path.with_name("from-pptx.pptx")
    pptx = corporate.template.with_suffix(".pptx")
    pptx.write_bytes(
        relabel(corporate.template.read_bytes(), TEMPLATE_TYPE, PRESENTATION_TYPE).getvalue()
    )
    render_deck(story, same, template=pptx)
    assert xml_parts(same) == xml_parts(corporate.path)  # .pptx or .potx: the same deck


def test_a_template_without_a_section_header_warns_and_falls_back(
    story: Story, tmp_path: Path
) -> None:
    built = build_on_template(story, tmp_path, drop=("Section Header",))
    (warning,) = built.warnings
    assert "section header" in warning and "节标题" in warning and "仅标题" in warning
    assert_layouts(built, {**EXPECTED_LAYOUT, "divider": "Title Only", "other": "Title Only"})
    summaries = [s.text_frame.text for _, s in shapes(built.deck) if s.name == "章节概要"]
    assert summaries == [section.summary for section in story.sections]  # in the free area


def test_a_4_3_template_warns_and_is_laid_out_for_its_size(story: Story, tmp_path: Path) -> None:
    built = build_on_template(story, tmp_path, wide=False)
    (warning,) = built.warnings
    assert "4:3" in warning
    assert (built.deck.slide_width, built.deck.slide_height) == (9144000, 6858000)
    assert_on_slide(built.deck)
    assert_text_fits(built.deck)


def test_the_brand_names_the_template(story: Story, tmp_path: Path) -> None:
    template = tmp_path / "kit.pptx"
    corporate_template(template)
    kit = replace(story, brand=replace(story.brand, deck_template=template))
    render_deck(kit, tmp_path / "deck.pptx")
    deck = Presentation(str(tmp_path / "deck.pptx"))
    assert [s for s in deck.slide_master.shapes if s.name == DECORATION]


def test_a_file_that_is_no_presentation_is_reported(story: Story, tmp_path: Path) -> None:
    bogus = tmp_path / "template.potx"
    bogus.write_text("not a template")
    with pytest.raises(BriefingError, match="deck template"):
        render_deck(story, tmp_path / "deck.pptx", template=bogus)


# ── The real reader: LibreOffice draws the decks; text stays in its boxes ───


def overflowing_deck(path: Path) -> None:
    """A control: one text box far too small for its text, which LibreOffice draws outside."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(2), Inches(0.4))
    box.name = "太小的文本框"
    box.text_frame.word_wrap = True
    box.text_frame.text = "放不下的文字" * 30
    prs.save(str(path))


@pytest.fixture(scope="module")
def drawn(
    deck_path: Path, corporate: TemplateDeck, story: Story, tmp_path_factory
) -> dict[str, tuple[Path, Path]]:
    """The bundled deck, the corporate one and the control, converted by LibreOffice in one go:
    each name's (.pptx, .pdf)."""
    folder = tmp_path_factory.mktemp("libreoffice")
    decks = {"bundled": deck_path, "corporate": corporate.path, "control": folder / "control.pptx"}
    overflowing_deck(decks["control"])
    pdfs = libreoffice_pdfs(list(decks.values()), folder, story.brand.fonts.regular.parent)
    return {name: (p, pdf) for (name, p), pdf in zip(decks.items(), pdfs, strict=True)}


@dataclass(frozen=True)
class Drawn:
    """One character LibreOffice drew: itself, its font and its box (points, top-left origin)."""

    char: str
    font: str
    box: tuple[float, float, float, float]


@functools.cache
def pdf_chars(pdf: Path) -> list[list[Drawn]]:
    """The characters drawn on each page of a PDF."""
    import pypdfium2 as pdfium

    return [drawn_chars(page) for page in pdfium.PdfDocument(str(pdf))]


def drawn_chars(page) -> list[Drawn]:
    import ctypes

    import pypdfium2.raw as pdfium_c

    text = page.get_textpage()
    height = page.get_size()[1]
    name = ctypes.create_string_buffer(128)
    found = []
    for i in range(text.count_chars()):
        char = text.get_text_range(i, 1)
        if not char.strip():
            continue
        pdfium_c.FPDFText_GetFontInfo(text.raw, i, name, 128, None)
        left, bottom, right, top = text.get_charbox(i)
        found.append(Drawn(char, name.value.decode(), (left, height - top, right, height - bottom)))
    return found


def within(inner: tuple[float, ...], outer: tuple[float, ...], slack: float = 1.5) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


FOOTER_NAMES = ("页脚", "页码", "页脚密级")


def misplaced_text(pptx: Path, pdf: Path) -> list[tuple]:
    """Every character LibreOffice drew outside the shape holding it, off the page, or (if not
    the footer's own) into the footer band; chart text must lie inside its chart."""
    import pypdfium2 as pdfium

    deck = Presentation(str(pptx))
    document = pdfium.PdfDocument(str(pdf))
    assert len(document) == len(deck.slides)
    problems = []
    pages = zip(deck.slides, document, pdf_chars(pdf), strict=True)
    for number, (slide, page, chars) in enumerate(pages, 1):
        width, height = page.get_size()
        scale = width / (deck.slide_width / 12700)
        every = list(within_groups(slide.shapes))  # a group's shapes are placed on the slide
        boxes = {s.shape_id: tuple(v / 12700 * scale for v in box_of(s)) for s in every}
        stream = "".join(c.char for c in chars)
        owner: list[BaseShape | None] = [None] * len(chars)
        pieces = [
            (squash(p.text), shape)
            for shape in every
            if shape.has_text_frame
            for p in shape.text_frame.paragraphs
            if squash(p.text)
        ]
        for text, shape in sorted(pieces, key=lambda piece: -len(piece[0])):
            start = stream.find(text)
            while start >= 0 and any(owner[start : start + len(text)]):
                start = stream.find(text, start + 1)
            if start < 0:
                problems.append((number, shape.name, "not drawn", text[:12]))
                continue
            owner[start : start + len(text)] = [shape] * len(text)
        footer_top = min(
            (boxes[s.shape_id][1] for s in every if s.name in FOOTER_NAMES), default=height
        )
        for char, shape in zip(chars, owner, strict=True):
            if not within(char.box, (0, 0, width, height), 0):
                problems.append((number, char.char, "off the page"))
            elif shape is not None and not within(char.box, boxes[shape.shape_id]):
                problems.append((number, shape.name, "outside its box", char.char))
            elif shape is None and not any(within(char.box, b) for b in boxes.values()):
                problems.append((number, char.char, "outside every shape"))
            elif (shape is None or shape.name not in FOOTER_NAMES) and char.box[3] > footer_top:
                problems.append((number, char.char, "in the footer band"))
    return problems


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.visual
def test_libreoffice_draws_every_slide_and_keeps_text_in_its_boxes(drawn) -> None:
    for name in ("bundled", "corporate"):
        assert misplaced_text(*drawn[name]) == [], name


@pytest.mark.visual
def test_the_overflow_check_catches_overflow(drawn) -> None:
    problems = misplaced_text(*drawn["control"])
    assert any(p[2] in ("outside its box", "off the page") for p in problems)


@pytest.mark.visual
def test_libreoffice_draws_chinese_in_the_cjk_font_without_tofu(drawn, story: Story) -> None:
    from fontTools.ttLib import TTFont

    cmap = TTFont(str(story.brand.fonts.regular)).getBestCmap()
    for name in ("bundled", "corporate"):
        chars = [c for page in pdf_chars(drawn[name][1]) for c in page]
        noto = [c for c in chars if c.font.split("+")[-1].startswith("NotoSansSC")]
        assert {c.char for c in chars if c.char >= "\u2e80"} <= {c.char for c in noto}
        assert not {c.char for c in noto if ord(c.char) not in cmap}  # no empty boxes
        others = {c.char for c in chars if not c.char.isascii()} - {c.char for c in noto}
        assert others <= {"■"}  # the bullet, in Arial's stand-in
        pdffonts = subprocess.run(
            [require_tool("pdffonts"), str(drawn[name][1])], capture_output=True, text=True
        )
        assert "NotoSansSC" in pdffonts.stdout


def test_every_picture_and_chart_has_alt_text(deck: PresentationType, corporate) -> None:
    for built in (deck, corporate.deck):
        for slide in built.slides:
            tree = slide.shapes._spTree
            framed = [*tree.iter(qn("p:pic")), *tree.iter(qn("p:graphicFrame"))]
            framed += [g for g in tree.iter(qn("p:grpSp")) if g is not tree]
            for element in framed:
                props = element.find(f"./*/{qn('p:cNvPr')}")
                assert props.get("descr", "").strip(), props.get("name")


def test_template_shapes_are_named_for_what_they_are(corporate) -> None:
    names = [shape.name for _, shape in shapes(corporate.deck)]
    stock = ("TextBox", "Rectangle", "Chart", "Title", "Subtitle", "Footer", "Slide", "Text")
    assert not [n for n in names if n.split()[0] in stock]
    assert {"标题", "主标题", "页脚", "页码", "关键数据 1", "章节概要"} <= set(names)


def test_the_deck_is_dated_as_the_report(story: Story, monkeypatch, tmp_path: Path) -> None:
    """The story's date (the facts', else SOURCE_DATE_EPOCH, else the period's last day, as
    the story decided it) in the core properties and every zip stamp: never the clock, and
    the deck reads no environment of its own."""
    when = DocumentDate(datetime(2025, 3, 1, 9, 30, tzinfo=UTC), True, "facts")
    dated = replace(story, date=when)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01: not the story's date
    path = tmp_path / "dated.pptx"
    render_deck(dated, path)
    props = Presentation(str(path)).core_properties
    assert props.created == props.modified == datetime(2025, 3, 1, 9, 30)
    with zipfile.ZipFile(path) as package:
        assert {info.date_time for info in package.infolist()} == {(2025, 3, 1, 9, 30, 0)}
