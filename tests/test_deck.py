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
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.base import BaseShape
from pptx.slide import Slide

from briefing.brand import Brand, Logo, Logos, load_brand
from briefing.deck import FLOOR, break_units, contrast, line_count, render_deck
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
    story, deck, _ = built
    palette = story.brand.colours.chart
    for frame in chart_frames(deck):
        points = frame.chart.plots[0].series[0].points
        count = len(frame.chart.plots[0].categories)
        colours = ["#" + str(points[i].format.fill.fore_color.rgb) for i in range(count)]
        assert colours == [palette[i % len(palette)] for i in range(count)]


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
