"""The deck's charts that suit their data: a share of one value is a native doughnut with its
printed value in the hole; a rank without a list size is a badge; ranked rows break between
subject and list. Drawn on a bare slide, so these hold whatever the slide plan does."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape
from pptx.shapes.base import BaseShape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.group import GroupShape
from pptx.slide import Slide

from briefing.brand import Brand
from briefing.facts import load_facts
from briefing.render.pptx.charts import RING_HOLE, RING_PLOT, ROOMY, draw_chart
from briefing.render.pptx.fit import text_width
from briefing.render.pptx.geometry import BODY, EMU_PER_PT, INSET, Box
from briefing.story import Story, build_story
from briefing.story.model import ChartSpec, single_share
from tests.helpers import ROOT

pytestmark = pytest.mark.render

FIXTURES = ROOT / "tests" / "fixtures"


def drawn(spec: ChartSpec, story: Story, body: Box = BODY) -> Slide:
    """A blank slide holding only this chart, drawn in the body (the master's, by default)."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = 12192000, 6858000
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    draw_chart(slide, spec, body, story.brand, story.words)
    return slide


def named(slide: Slide | GroupShape) -> dict[str, BaseShape]:
    return {shape.name: shape for shape in slide.shapes}


def box(shape: BaseShape) -> Box:
    return Box(
        shape.left / EMU_PER_PT,
        shape.top / EMU_PER_PT,
        shape.width / EMU_PER_PT,
        shape.height / EMU_PER_PT,
    )


def fill(shape: Shape) -> str:
    return "#" + str(shape.fill.fore_color.rgb)


def story_of(name: str, brand: Brand) -> Story:
    return build_story(load_facts(FIXTURES / f"{name}.yml"), brand)


def only(story: Story, kind: str) -> ChartSpec:
    (spec,) = [s for s in story.charts() if s.kind == kind and (kind != "share" or single_share(s))]
    return spec


def test_a_share_of_one_value_is_a_native_doughnut_of_value_and_rest(story: Story) -> None:
    spec = only(story, "share")
    (bar,) = spec.bars
    assert (bar.label, bar.printed) == ("硕博占比", "95%")
    shapes = named(drawn(spec, story))
    frame = shapes[story.words.shape("chart", spec.title)]
    assert isinstance(frame, GraphicFrame) and frame.has_chart
    chart = frame.chart
    assert chart.chart_type == XL_CHART_TYPE.DOUGHNUT
    assert list(chart.plots[0].categories) == [bar.label, story.words.remainder]
    (series,) = chart.plots[0].series
    assert list(series.values) == [95.0, 5.0]
    colours = story.brand.colours
    points = [series.points[i].format.fill.fore_color.rgb for i in range(2)]
    assert ["#" + str(p) for p in points] == [colours.palette(0), colours.light]
    assert not chart.has_legend and not chart.has_title
    assert frame._element.nvGraphicFramePr.cNvPr.get("descr") == spec.alt
    assert frame.width == frame.height  # square: the ring is round and centred in it


def test_the_printed_value_sits_in_the_hole_and_the_label_beside(story: Story) -> None:
    spec = only(story, "share")
    shapes = named(drawn(spec, story))
    ring = box(shapes[story.words.shape("chart", spec.title)])
    value = shapes[story.words.shape("ring_value")]
    label = shapes[story.words.shape("ring_label")]
    assert value.text_frame.text == "95%"
    assert label.text_frame.text == "硕博占比"
    shown = box(value)
    middle = (shown.x + shown.w / 2, shown.y + shown.h / 2)
    assert abs(middle[0] - (ring.x + ring.w / 2)) < 1
    assert abs(middle[1] - (ring.y + ring.h / 2)) < 1
    run = value.text_frame.paragraphs[0].runs[0]
    assert run.font.bold and run.font.size.pt >= 28  # the value, large
    hole = ring.w * RING_PLOT * RING_HOLE
    assert text_width("95%", run.font.size.pt) * ROOMY + 2 * INSET <= hole  # it fits the hole
    assert box(label).x >= ring.right
    assert label.text_frame.paragraphs[0].runs[0].font.size.pt < run.font.size.pt
    caption = shapes[story.words.shape("caption")]
    assert caption.text_frame.text == spec.caption
    assert box(caption).bottom <= ring.y
    for shape in shapes.values():
        placed = box(shape)
        assert placed.x >= BODY.x - 0.5 and placed.right <= BODY.right + 0.5
        assert placed.y >= BODY.y - 0.5 and placed.bottom <= BODY.bottom + 0.5


def test_in_a_narrow_column_the_label_goes_under_the_ring(story: Story) -> None:
    spec = only(story, "share")
    column = Box(BODY.x, BODY.y, 230, BODY.h)
    shapes = named(drawn(spec, story, column))
    ring = box(shapes[story.words.shape("chart", spec.title)])
    label = box(shapes[story.words.shape("ring_label")])
    assert label.y >= ring.bottom and ring.w >= 200  # the column's width, nearly
    for shape in shapes.values():
        placed = box(shape)
        assert placed.x >= column.x - 0.5 and placed.right <= column.right + 0.5
        assert placed.y >= column.y - 0.5 and placed.bottom <= column.bottom + 0.5


def test_a_share_of_two_values_stays_a_bar_chart(story: Story) -> None:
    spec = next(s for s in story.charts() if s.kind == "share" and not single_share(s))
    frame = named(drawn(spec, story))[story.words.shape("chart", spec.title)]
    assert isinstance(frame, GraphicFrame)
    assert frame.chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED


def test_ranks_without_a_list_size_are_badges(brand: Brand) -> None:
    story = story_of("hefei-hitech-2022", brand)
    spec = only(story, "ranking")
    group = named(drawn(spec, story))[story.words.shape("chart", spec.title)]
    assert isinstance(group, GroupShape)
    parts = named(group)
    words, colours = story.words, brand.colours
    for i, bar in enumerate(spec.bars, 1):
        badge = parts[words.shape("rank", i, words.shapes["rank_badge"])]
        assert isinstance(badge, Shape)
        assert badge.auto_shape_type == MSO_SHAPE.ROUNDED_RECTANGLE
        assert badge.text_frame.text == bar.printed
        assert fill(badge) == colours.palette(i - 1)
        run = badge.text_frame.paragraphs[0].runs[0]
        assert "#" + str(run.font.color.rgb) == colours.ink_on(colours.palette(i - 1))
        assert run.font.bold and run.font.size.pt >= 18
        assert words.shape("rank", i, words.shapes["rank_track"]) not in parts
        assert parts[words.shape("rank", i, words.shapes["rank_name"])].text_frame.text == (
            bar.label
        )


def test_a_chart_of_badges_and_a_track_draws_each_row_as_it_suits(brand: Brand) -> None:
    story = story_of("binjiang-2022", brand)
    spec = only(story, "ranking")
    assert [b.out_of for b in spec.bars] == [None, 48]
    parts = named(named(drawn(spec, story))[story.words.shape("chart", spec.title)])
    words = story.words
    assert words.shape("rank", 1, words.shapes["rank_badge"]) in parts
    assert words.shape("rank", 2, words.shapes["rank_badge"]) not in parts
    assert words.shape("rank", 2, words.shapes["rank_track"]) in parts
    # Subject and list: a line each where the row cannot hold both.
    name = parts[words.shape("rank", 1, words.shapes["rank_name"])]
    lines = [p.text for p in name.text_frame.paragraphs]
    assert lines == ["杭州高新区（滨江） ·", "杭州市各区新引进人才数量"]


def test_every_fixture_single_share_is_a_doughnut(brand: Brand) -> None:
    found = 0
    for path in sorted(Path(FIXTURES).glob("*.yml")):
        story = build_story(load_facts(path), brand)
        for spec in story.charts():
            if single_share(spec):
                frame = named(drawn(spec, story))[story.words.shape("chart", spec.title)]
                assert isinstance(frame, GraphicFrame)
                assert frame.chart.chart_type == XL_CHART_TYPE.DOUGHNUT
                found += 1
    assert found == 2


def drawn_on_card(spec: ChartSpec, story: Story) -> Slide:
    deck = Presentation()
    deck.slide_width, deck.slide_height = 12192000, 6858000
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    draw_chart(slide, spec, BODY, story.brand, story.words, card=True)
    return slide


def test_a_ring_on_a_card_stands_inside_it_with_a_remainder_that_shows(story: Story) -> None:
    """A single share on a card: the card is the light fill under everything, the remainder
    turns to the background (light on light would vanish) and the chart area has no fill."""
    spec = only(story, "share")
    slide = drawn_on_card(spec, story)
    first, *rest = slide.shapes
    colours = story.brand.colours
    assert first.name == story.words.shape("chart_card")
    assert box(first).emu() == BODY.emu()
    assert fill(first) == colours.light
    for shape in rest:
        placed = box(shape)
        assert placed.x > BODY.x and placed.right < BODY.right
        assert placed.y > BODY.y and placed.bottom < BODY.bottom
    frame = named(slide)[story.words.shape("chart", spec.title)]
    assert isinstance(frame, GraphicFrame)
    (series,) = frame.chart.plots[0].series
    assert "#" + str(series.points[1].format.fill.fore_color.rgb) == colours.background
    space = frame.chart._chartSpace
    assert space.find(qn("c:spPr")).find(qn("a:noFill")) is not None
    children = [c.tag.split("}")[1] for c in space]
    assert children.index("spPr") == children.index("chart") + 1  # where the schema wants it


def test_a_ranking_on_a_card_keeps_its_tracks_visible(brand: Brand) -> None:
    story = story_of("binjiang-2022", brand)
    spec = only(story, "ranking")
    slide = drawn_on_card(spec, story)
    group = named(slide)[story.words.shape("chart", spec.title)]
    inside = box(group)
    assert BODY.x < inside.x and inside.right < BODY.right and BODY.y < inside.y
    track = named(group)[story.words.shape("rank", 2, story.words.shapes["rank_track"])]
    assert fill(track) == brand.colours.background  # not the card's own light
