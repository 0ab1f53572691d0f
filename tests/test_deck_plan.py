"""The deck's slide plan on its own: the story and plain boxes in, planned slides out, without
python-pptx. What each slide is, its title and continuation, what it holds and its notes."""

from __future__ import annotations

import itertools
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from briefing.brand import load_brand
from briefing.facts import load_facts
from briefing.render.pptx.fit import (
    BODY_SIZES,
    FLOOR,
    LEADING,
    LEAST_FILLED,
    SLACK,
    TILE_SCALES,
    Para,
    bullet_pages,
    flow_groups,
    line_count,
    paginate,
    text_height,
    text_width,
    tile_need,
    tile_paras,
    tile_scale,
    wrap,
)
from briefing.render.pptx.geometry import BODY, DIVIDER_COLUMN, GAP, INSET, Box
from briefing.render.pptx.plan import brand_frames, plan_deck
from briefing.render.pptx.slides import (
    Agenda,
    Beside,
    Chart,
    Cover,
    Divider,
    Frames,
    Kind,
    PlannedSlide,
    Role,
    Text,
    Tiles,
)
from briefing.story import Story, build_story
from briefing.story.model import Credit, Section
from briefing.text.linebreak import CANNOT_END, CANNOT_START, break_lines
from briefing.text.measure import em_widths
from tests.helpers import ROOT

pytestmark = pytest.mark.unit

BRAND = brand_frames("谢谢")  # what the brand's master reports
FIXTURES = sorted((Path(__file__).resolve().parent / "fixtures").glob("*.yml"))
TEMPLATE = Frames(  # a template's: its own areas, a title-and-content body narrower
    Box(40, 110, 800, 360),
    Box(40, 100, 880, 390),
    Box(60, 300, 840, 120),
    stacked=False,
)


@pytest.fixture(scope="module")
def planned(story: Story) -> tuple[PlannedSlide, ...]:
    return plan_deck(story, BRAND)


def titled(slides: tuple[PlannedSlide, ...], title: str) -> list[PlannedSlide]:
    return [s for s in slides if s.title == title]


def chapter(slides: tuple[PlannedSlide, ...], story: Story, section: Section) -> list[Kind]:
    """The kinds of the slides from a section's divider up to the next divider (or outlook)."""
    start = next(
        i for i, s in enumerate(slides) if s.kind == Kind.divider and s.title == section.title
    )
    kinds = []
    for slide in slides[start + 1 :]:
        if slide.kind == Kind.divider or slide.title == story.words.outlook:
            break
        kinds.append(slide.kind)
    return kinds


def test_planning_imports_no_python_pptx() -> None:
    code = """
import sys
from briefing.brand import load_brand
from briefing.facts import load_facts
from briefing.paths import DEFAULT_FACTS
from briefing.render.pptx.plan import brand_frames, plan_deck
from briefing.story import build_story

story = build_story(load_facts(DEFAULT_FACTS), load_brand())
slides = plan_deck(story, brand_frames("谢谢"))
assert len(slides) > 12
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("pptx", "lxml", "matplotlib"))
sys.exit(" ".join(loaded) or 0)
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_bundled_story_plans_these_slides_in_order(
    planned: tuple[PlannedSlide, ...], story: Story
) -> None:
    words = story.words
    one, two, three, four = story.sections
    more = words.continued.format
    wanted = [
        (Kind.cover, story.cover.title),
        (Kind.agenda, words.contents),
        (Kind.tiles, words.overview),
        (Kind.tiles, words.key_figures),
        (Kind.divider, one.title),
        (Kind.tiles, one.heading),  # its eight figures on one slide
        (Kind.chart, one.heading),
        (Kind.chart, one.heading),
        (Kind.text, words.highlights_slide.format(heading=one.name)),
        (Kind.divider, two.title),
        (Kind.beside, two.heading),  # two figures beside its ranking of one place
        (Kind.text, words.highlights_slide.format(heading=two.name)),
        (Kind.text, words.profiles_slide.format(heading=two.name)),
        (Kind.divider, three.title),
        (Kind.tiles, three.heading),
        (Kind.tiles, more(title=three.heading)),
        (Kind.chart, three.heading),
        (Kind.text, words.highlights_slide.format(heading=three.name)),
        (Kind.divider, four.title),
        (Kind.tiles, four.heading),
        (Kind.tiles, more(title=four.heading)),
        (Kind.beside, four.heading),  # a bar chart beside the ring of one share
        (Kind.text, words.highlights_slide.format(heading=four.name)),
        (Kind.tiles, words.outlook),
        (Kind.closing, words.closing),  # the one source under its lines
    ]
    assert [(s.kind, s.title) for s in planned] == wanted
    assert words.key_figures == "关键数据"
    assert len(planned) == 25  # 30 before slides were filled (issue: layouts that hold)


def test_each_kind_of_slide_has_its_layout_role_and_content(
    planned: tuple[PlannedSlide, ...],
) -> None:
    kinds = {
        Kind.cover: (Role.title_slide, Cover),
        Kind.closing: (Role.title_slide, Cover),
        Kind.agenda: (Role.content, Agenda),
        Kind.divider: (Role.section, Divider),
        Kind.tiles: (Role.title_only, Tiles),
        Kind.chart: (Role.title_only, Chart),
        Kind.text: (Role.content, Text),
        Kind.beside: (Role.title_only, Beside),
    }
    for slide in planned:
        role, content = kinds[slide.kind]
        assert slide.role == role and isinstance(slide.content, content), slide.title


def test_every_slide_has_notes_and_all_but_the_covers_a_footer(
    planned: tuple[PlannedSlide, ...], story: Story
) -> None:
    assert all(slide.notes and all(slide.notes) for slide in planned)
    assert [s.kind for s in planned if not s.footer] == [Kind.cover, Kind.closing]
    words = story.words
    cover = planned[0]
    assert cover.notes[0] == words.note(
        "opening", title=story.cover.title, region=story.cover.region, period="2024年"
    )
    charts = [(s, p.spec) for s in planned for p in parts(s) if isinstance(p, Chart)]
    assert [spec for _, spec in charts] == list(story.charts())  # each once, in order
    for slide, spec in charts:  # its notes, whole, among its slide's
        start = slide.notes.index(spec.notes[0])
        assert slide.notes[start : start + len(spec.notes)] == spec.notes


def test_the_title_slide_prints_the_story_period(
    planned: tuple[PlannedSlide, ...], story: Story
) -> None:
    cover = planned[0].content
    assert isinstance(cover, Cover)
    texts = [line.text for line in cover.lines]
    assert story.cover.scope in texts
    assert story.cover.period == "2024年" and story.cover.issuer in texts


def test_figure_notes_use_the_story_remark(planned: tuple[PlannedSlide, ...], story: Story) -> None:
    (key,) = titled(planned, story.words.key_figures)
    remarked = [f for f in story.key_figures if f.remark]
    assert remarked
    for figure in remarked:
        line = story.words.note("figure", label=figure.label, value=figure.value)
        assert line + story.words.bracketed.format(figure.remark) in key.notes


def shown_tiles(slide: PlannedSlide) -> list:
    """The named tiles a slide shows, on a grid of its own or beside another part."""
    content = slide.content
    parts = content.parts if isinstance(content, Beside) else (content,)
    return [t for part in parts if isinstance(part, Tiles) for t in part.tiles]


def test_tiles_are_the_story_tiles_four_to_eight_a_slide(
    planned: tuple[PlannedSlide, ...], story: Story
) -> None:
    (key,) = titled(planned, story.words.key_figures)
    assert isinstance(key.content, Tiles)
    assert [t.tile for t in key.content.tiles] == list(story.key_tiles)  # eight on one slide
    assert [t.name for t in key.content.tiles] == [f"关键数据 {i}" for i in range(1, 9)]
    assert key.content.tiles[0].bar == "关键数据 1 色条"
    for section in story.sections:
        pages = [s for s in planned if s.title.startswith(section.heading) and shown_tiles(s)]
        shown = [t for page in pages for t in shown_tiles(page)]
        assert [t.tile for t in shown] == list(section.tiles)
        grids = [len(p.content.tiles) for p in pages if isinstance(p.content, Tiles)]
        if grids:  # evenly split, four to eight a slide
            assert min(grids) >= 4 and max(grids) <= 8 and max(grids) - min(grids) <= 1
        assert [p.page for p in pages if p.kind == Kind.tiles] == list(range(len(grids)))
    talent = max(story.sections, key=lambda s: len(s.tiles))
    assert len(talent.tiles) == 15
    pages = [s for s in planned if s.kind == Kind.tiles and s.title.startswith(talent.heading)]
    assert [len(shown_tiles(p)) for p in pages] == [8, 7]
    (overview,) = titled(planned, story.words.overview)
    assert isinstance(overview.content, Tiles)
    assert [t.tile for t in overview.content.tiles] == list(story.ranking_tiles)
    assert all(t.tile.accent == "secondary" for t in overview.content.tiles)
    assert overview.content.lead and overview.content.lead_box is not None


def test_tiles_fill_their_area_at_the_largest_scale_that_fits(
    planned: tuple[PlannedSlide, ...],
) -> None:
    """A grid covers its area (gaps and the MAX_TILE_W cap aside), its type as large as
    every tile holds: the next larger scale would break a headline or overflow a tile."""
    grids = [p for s in planned for p in parts(s) if isinstance(p, Tiles) and p.tiles]
    assert grids
    for grid in grids:
        boxes = grid.boxes
        assert all(b.x >= grid.area.x - 0.01 and b.right <= grid.area.right + 0.01 for b in boxes)
        assert min(b.y for b in boxes) == pytest.approx(grid.area.y)
        assert max(b.bottom for b in boxes) == pytest.approx(grid.area.bottom)
        tiles = [t.tile for t in grid.tiles]
        scale = tile_scale(tiles, grid.area, grid.columns)
        assert scale is not None and min(scale) >= FLOOR
        larger = TILE_SCALES[: TILE_SCALES.index(scale)]
        for bigger in larger:
            assert not all(
                line_count(t.value, b.w - 2 * 0.16 * 72, bigger[0]) == 1
                and tile_need(t, bigger, b.w) <= b.h
                for t, b in zip(tiles, boxes, strict=True)
            )
    key = next(g for g in grids if g.tiles[0].name.startswith("关键数据"))
    assert tile_scale([t.tile for t in key.tiles], key.area)[0] >= 28  # was 22 at 2.3 in high
    assert TILE_SCALES[0][0] == 60 and all(
        len(tile_paras(t.tile, TILE_SCALES[0])) for t in key.tiles
    )


def parts(slide: PlannedSlide) -> tuple:
    content = slide.content
    return content.parts if isinstance(content, Beside) else (content,)


def fixture_plans() -> list[tuple[str, Story, tuple[PlannedSlide, ...]]]:
    brand = load_brand()
    out = []
    for path in FIXTURES:
        story = build_story(load_facts(path), brand)
        out.append((path.stem, story, plan_deck(story, BRAND)))
    return out


@pytest.fixture(scope="module")
def fixtures_planned() -> list[tuple[str, Story, tuple[PlannedSlide, ...]]]:
    return fixture_plans()


def test_one_or_two_figures_stand_beside_a_chart_or_the_bullets(
    planned: tuple[PlannedSlide, ...], story: Story, fixtures_planned
) -> None:
    """No theme whose one or two figures could stand beside its chart or its highlights gives
    them a slide of their own; every figure is shown once; a grid slide holds four to eight
    (fewer only where the theme has fewer)."""
    beside = 0
    for name, told, slides in [("bundled", story, planned), *fixtures_planned]:
        for section in told.sections:
            pages = [s for s in slides if s.title.startswith(section.heading) and shown_tiles(s)]
            shown = [t.tile for page in pages for t in shown_tiles(page)]
            assert shown == list(section.tiles), (name, section.heading)
            grids = [len(p.content.tiles) for p in pages if isinstance(p.content, Tiles)]
            led = bool(section.claims)  # claims lead the figures on their own slide
            if len(section.tiles) <= 2 and (section.charts or section.general) and not led:
                assert grids == [], (name, section.heading)
                beside += 1
            if grids and len(section.tiles) >= 4:
                assert min(grids) >= 4 and max(grids) <= 8, (name, section.heading, grids)
    assert beside >= 8  # the bundled chapter two and the fixtures' small chapters


def test_a_beside_slide_puts_its_parts_side_by_side_within_the_body(fixtures_planned) -> None:
    found = [s for _, _, slides in fixtures_planned for s in slides if s.kind == Kind.beside]
    assert {len(s.content.parts) for s in found if isinstance(s.content, Beside)} >= {2, 3}
    for slide in found:
        assert isinstance(slide.content, Beside) and slide.role == Role.title_only
        boxes = [box_of_part(p) for p in slide.content.parts]
        for left, right in itertools.pairwise(boxes):
            assert left.right + GAP <= right.x + 0.01  # left to right, a gap between
        assert boxes[0].x >= BODY.x - 0.01 and boxes[-1].right <= BODY.right + 0.01
        first = slide.content.parts[0]
        assert isinstance(first, Tiles | Chart)  # figures (or a chart) on the left
        for part in slide.content.parts:
            if isinstance(part, Text):  # bullets beside at 20 pt or larger, inside their area
                assert min(p.size for p in part.paras) >= 20
                assert all(b.box.bottom <= part.area.bottom + 0.01 for b in part.blocks)


def box_of_part(part: Tiles | Chart | Text) -> Box:
    assert part.area is not None  # beside another part, a chart has its own area
    return part.area


def test_a_long_highlight_list_continues_on_further_slides(story: Story) -> None:
    section = story.sections[0]
    many = tuple(f"{h}（第{i}条）" for i in range(4) for h in section.general)
    longer = replace(story, sections=(replace(section, general=many), *story.sections[1:]))
    slides = plan_deck(longer, BRAND)
    title = story.words.highlights_slide.format(heading=section.name)
    pages = [s for s in slides if s.title.startswith(title)]
    assert len(pages) >= 2
    assert [s.title for s in pages] == [
        title,
        *[story.words.continued.format(title=title)] * (len(pages) - 1),
    ]
    assert [s.page for s in pages] == list(range(len(pages)))
    shown = [p.text for s in pages if isinstance(s.content, Text) for p in s.content.paras]
    assert shown == list(many)
    for slide in pages:
        assert isinstance(slide.content, Text)
        count = len(slide.content.paras)
        assert slide.notes[0] == story.words.note("highlights", count=len(many), shown=count)
        assert list(slide.notes[1:]) == [p.text for p in slide.content.paras]


def test_institutions_credited_with_highlights_get_their_own_slide(
    planned: tuple[PlannedSlide, ...], story: Story
) -> None:
    words = story.words
    credited = [s for s in story.sections if s.credits]
    assert [s.index for s in credited] == [2]
    section = credited[0]
    kinds = chapter(planned, story, section)
    assert kinds[-2:] == [Kind.text, Kind.text]  # its highlights, then the institutions'
    (slide,) = titled(planned, words.profiles_slide.format(heading=section.name))
    assert isinstance(slide.content, Text) and slide.content.name == "机构进展"
    lines = [words.join(c.names) + words.colon + "".join(c.highlights) for c in section.credits]
    assert [p.text for p in slide.content.paras] == lines
    assert not any("。；" in line for line in lines)  # each highlight ends its own sentence
    assert all(p.bullet for p in slide.content.paras)
    count = sum(len(c.highlights) for c in section.credits)
    assert slide.notes == (words.note("profiles", count=count), *lines)
    (general,) = titled(planned, words.highlights_slide.format(heading=section.name))
    assert isinstance(general.content, Text)
    assert [p.text for p in general.content.paras] == list(section.general)
    assert set(section.general).isdisjoint(h for c in section.credits for h in c.highlights)


def test_sections_without_credits_have_no_institutions_slide(
    planned: tuple[PlannedSlide, ...], story: Story
) -> None:
    titles = {s.title for s in planned}
    for section in story.sections:
        title = story.words.profiles_slide.format(heading=section.name)
        assert (title in titles) == bool(section.credits)


def test_the_brand_divider_stacks_label_title_rule_and_summary(
    planned: tuple[PlannedSlide, ...], story: Story
) -> None:
    dividers = [s for s in planned if isinstance(s.content, Divider)]
    assert [d.title for d in dividers] == [s.title for s in story.sections]
    for slide, section in zip(dividers, story.sections, strict=True):
        divider = slide.content
        assert isinstance(divider, Divider) and divider.stack is not None
        assert divider.label == story.words.chapter_part.format(number=section.number)
        assert divider.digits == f"{section.index:02d}"
        assert [p.text for p in divider.summary] == [section.summary]
        stack = divider.stack
        assert stack.label.bottom <= stack.title.y and stack.title.bottom <= stack.rule.y
        assert stack.rule.bottom <= stack.summary.y
        assert stack.summary.bottom <= DIVIDER_COLUMN.bottom + 0.01
        words = story.words
        assert slide.notes[:2] == (
            words.note("divider", number=section.number, title=section.title),
            section.summary,
        )
        # The chapter's named entities, with their level, role and note, in the notes.
        listed = slide.notes[2:]
        assert bool(listed) == bool(section.entities)
        for group in section.entities:
            assert all(name in listed[0] for name in group.names), group


def test_a_template_divider_takes_the_heading_as_its_title(story: Story) -> None:
    slides = plan_deck(story, TEMPLATE)
    dividers = [s for s in slides if isinstance(s.content, Divider)]
    assert [d.title for d in dividers] == [s.heading for s in story.sections]
    assert all(isinstance(d.content, Divider) and d.content.stack is None for d in dividers)
    text = [s for s in slides if isinstance(s.content, Text)]
    assert all(s.content.area == TEMPLATE.content for s in text if isinstance(s.content, Text))


def test_a_summary_without_room_on_its_divider_leads_the_figures(story: Story) -> None:
    tight = replace(TEMPLATE, divider=Box(60, 300, 200, 20))
    slides = plan_deck(story, tight)
    section = story.sections[0]
    divider = next(s for s in slides if s.title == section.heading and s.kind == Kind.divider)
    assert isinstance(divider.content, Divider) and divider.content.summary == ()
    figures = next(s for s in slides if s.title == section.heading and s.kind == Kind.tiles)
    assert isinstance(figures.content, Tiles)
    assert [p.text for p in figures.content.lead] == [section.summary]


def test_the_agenda_lists_every_theme(planned: tuple[PlannedSlide, ...], story: Story) -> None:
    (agenda,) = [s for s in planned if isinstance(s.content, Agenda)]
    assert isinstance(agenda.content, Agenda)
    rows = [(r.index, r.number, r.title) for r in agenda.content.rows]
    assert rows == [(s.index, s.number, s.title) for s in story.sections]


# ── Measuring: the shared rules with the deck's estimate ────────────────────


def test_wrapping_follows_the_shared_chinese_rules() -> None:
    text = "全市R&D经费投入53.2亿元，同比增长12.5%。推出“科技新政30条”，支持范围更广。" * 3
    for width in range(60, 400, 7):
        lines = wrap(text, width, 10)
        assert "".join(lines) == text
        assert not [line for line in lines[1:] if line[0] in CANNOT_START]
        assert not [line for line in lines[:-1] if line[-1] in CANNOT_END]
        words = ("R&D", "53.2", "12.5%")
        assert all(any(w in line for line in lines) for w in words)  # never split inside


def test_the_deck_breaks_where_the_shared_breaker_breaks() -> None:
    """Same rules as the PDF: briefing.text.linebreak with the deck's width estimate."""
    text = "科技型中小企业达到七百零一家（同比增长近三成），“三清零”行动扎实推进……新增企业。"
    for width in range(40, 300, 9):
        room = width / 10 * SLACK
        assert wrap(text, width, 10) == break_lines(text, room, lambda c: em_widths(c)[0])


def test_line_count_treats_chinese_as_one_em() -> None:
    assert line_count("中" * 10, 200, 10) == 1
    assert line_count("中" * 30, 200, 10) == 2
    assert line_count("中" * 10, 50, 10) >= 2
    assert Para("中" * 30, 10).height(200) == 2 * 10 * 1.3


# ── Filling slides: bullets by what fits, parts that share a slide ──────────


def test_a_few_short_bullets_are_set_larger_than_20_pt() -> None:
    (page,) = bullet_pages(["高新技术企业数量创新高。", "研发投入强度稳步提升。"], BODY)
    assert {p.size for p in page} == {BODY_SIZES[0]} and BODY_SIZES[0] > 20


def test_bullets_paginate_by_what_fits_at_the_largest_size_that_needs_no_more_slides() -> None:
    items = [
        f"第{i}项：" + "科技型中小企业入库数量较上年增长一半以上，梯次培育体系成形。" * 2
        for i in range(14)
    ]
    pages = bullet_pages(items, BODY)
    fewest = len(paginate(items, BODY_SIZES[-1], BODY))
    assert len(pages) == fewest >= 2
    size = pages[0][0].size
    assert {p.size for page in pages for p in page} == {size}
    larger = [s for s in BODY_SIZES if s > size]
    assert all(len(paginate(items, s, BODY)) > fewest for s in larger)  # none larger holds
    assert all(text_height(page, BODY.w) <= BODY.h for page in pages)
    assert [p.text for page in pages for p in page] == items


def test_highlights_and_institutions_share_a_slide_when_both_fit(story: Story) -> None:
    section = story.sections[1]
    credits = tuple(Credit(c.members, (c.highlights[0][:20] + "。",)) for c in section.credits)
    short = replace(section, credits=credits)
    slides = plan_deck(
        replace(story, sections=(story.sections[0], short, *story.sections[2:])), BRAND
    )
    words = story.words
    (joined,) = titled(slides, words.highlights_slide.format(heading=section.name))
    assert not titled(slides, words.profiles_slide.format(heading=section.name))
    assert isinstance(joined.content, Text)
    names = [b.name for b in joined.content.blocks]
    assert names == ["亮点", "机构进展"]
    profiles = joined.content.blocks[1].paras
    assert profiles[0].text == words.profiles and not profiles[0].bullet  # its heading
    assert [p.text for p in joined.content.blocks[0].paras] == list(section.general)
    assert joined.content.blocks[0].box.bottom + GAP <= joined.content.blocks[1].box.y + 0.01
    assert min(p.size for p in joined.content.paras) >= 18
    assert words.note("profiles", count=len(credits)) in joined.notes


def test_sources_that_fit_go_on_the_closing_slide(planned, story: Story) -> None:
    words = story.words
    assert not titled(planned, words.sources)
    closing = planned[-1].content
    assert isinstance(closing, Cover)
    lines = [line.text for line in closing.lines]
    assert lines[-1] == words.sources + words.colon + story.sources[0].text
    assert planned[-1].notes[-1] == story.sources[0].text
    # No room on the closing slide (or too many sources): a slide of their own.
    for frames, many in ((replace(BRAND, closing=None), 1), (BRAND, 40)):
        sources = story.sources * many
        slides = plan_deck(replace(story, sources=sources), frames)
        own = [s for s in slides if s.title.startswith(words.sources)]
        shown = [p.text for s in own if isinstance(s.content, Text) for p in s.content.paras]
        assert shown == [s.text for s in sources]
        ending = slides[-1].content
        assert isinstance(ending, Cover) and all(
            not line.text.startswith(words.sources) for line in ending.lines
        )


def test_an_overview_without_rankings_leads_the_key_figures(fixtures_planned) -> None:
    (_, story, slides) = next(f for f in fixtures_planned if not f[1].ranking_tiles)
    words = story.words
    assert not titled(slides, words.key_figures)
    (overview,) = titled(slides, words.overview)
    assert isinstance(overview.content, Tiles) and overview.content.lead
    assert [t.tile for t in overview.content.tiles] == list(story.key_tiles)
    assert words.note("key_figures") in overview.notes and story.overview in overview.notes


def test_a_lead_alone_stands_large_on_a_card(fixtures_planned) -> None:
    (_, story, slides) = next(
        f for f in fixtures_planned if f[1].outlook and not f[1].outlook.pledges
    )
    (outlook,) = titled(slides, story.words.outlook)
    assert isinstance(outlook.content, Text)
    (card,) = outlook.content.blocks
    assert card.card and card.box == BRAND.figures and card.name == "导语"
    assert card.paras[0].text == story.outlook.summary and card.paras[0].size > 20


def test_every_planned_content_slide_covers_30_percent(planned, fixtures_planned) -> None:
    """The plan's own estimate (boxes of tiles, charts, text as tall as it needs): what
    tests/test_deck.py measures on the saved files."""
    for name, _, slides in [("bundled", None, planned), *fixtures_planned]:
        for slide in slides:
            if slide.kind in (Kind.cover, Kind.closing, Kind.divider, Kind.agenda):
                continue
            covered = sum(b.w * b.h for p in parts(slide) for b in estimate(p))
            if any(isinstance(p, Chart) for p in parts(slide)):
                continue  # a chart's ink is its drawing's: measured on the file
            assert covered / (BRAND.page.w * BRAND.page.h) >= 0.30, (name, slide.title)


def estimate(part) -> list[Box]:
    if isinstance(part, Tiles):
        return part.boxes + ([part.lead_box] if part.lead_box else [])
    if isinstance(part, Text):
        return [b.box for b in part.blocks]
    return []


# ── Arranging a theme's parts: what shares a slide, and how ────────────────


def with_section(story: Story, index: int, **changes) -> Story:
    """The story with one theme changed."""
    sections = list(story.sections)
    sections[index] = replace(sections[index], **changes)
    return replace(story, sections=tuple(sections))


def chapter_slides(slides: tuple[PlannedSlide, ...], section: Section) -> list[PlannedSlide]:
    """A theme's slides after its divider, up to the next divider or the outlook."""
    start = next(
        i for i, s in enumerate(slides) if s.kind == Kind.divider and s.title == section.title
    )
    out = []
    for slide in slides[start + 1 :]:
        if slide.kind in (Kind.divider, Kind.closing) or slide.title == "展望":
            break
        out.append(slide)
    return out


def shown_texts(slides: list[PlannedSlide]) -> list[str]:
    return [
        p.text
        for s in slides
        for part in parts(s)
        if isinstance(part, Text)
        for p in part.paras
        if p.bullet
    ]


def test_claims_lead_figures_that_stand_beside_a_chart(story: Story) -> None:
    section = story.sections[1]
    claimed = with_section(story, 1, claims=("两项均居全区首位",))
    (beside, *_) = chapter_slides(plan_deck(claimed, BRAND), section)
    assert isinstance(beside.content, Beside) and beside.content.lead_box is not None
    assert [p.text for p in beside.content.lead] == ["两项均居全区首位"]
    assert all(part.area.y >= beside.content.lead_box.bottom for part in beside.content.parts)
    assert story.words.note("claim", claim="两项均居全区首位") in beside.notes


def test_many_figures_leave_a_few_beside_a_chart_that_needs_little_room(story: Story) -> None:
    """Nine figures and a ranking of one place: a grid slide, then the last few figures
    beside the ranking, rather than the ranking alone on a near-empty slide."""
    section = story.sections[2]
    ranking = story.sections[1].charts[0]
    assert ranking.kind == "ranking" and len(section.tiles) == 9
    slides = chapter_slides(plan_deck(with_section(story, 2, charts=(ranking,)), BRAND), section)
    grids = [len(s.content.tiles) for s in slides if isinstance(s.content, Tiles)]
    beside = [s for s in slides if isinstance(s.content, Beside)]
    assert len(beside) == 1 and all(n >= 4 for n in grids)
    kinds = [type(p) for p in beside[0].content.parts]
    assert kinds == [Tiles, Chart] and 1 <= len(shown_tiles(beside[0])) <= 4
    assert [t.tile for s in slides for t in shown_tiles(s)] == list(section.tiles)
    assert beside[0].title == story.words.continued.format(title=section.heading)


def test_bullets_too_many_to_stand_beside_continue_on_their_own_slide(story: Story) -> None:
    section = story.sections[1]
    many = tuple(f"第{i}项：{section.general[0]}" for i in range(6))
    longer = with_section(story, 1, charts=(), credits=(), general=many, highlights=many)
    slides = chapter_slides(plan_deck(longer, BRAND), section)
    first, *rest = slides
    assert isinstance(first.content, Beside) and [type(p) for p in first.content.parts] == [
        Tiles,
        Text,
    ]
    assert rest and all(s.kind == Kind.text for s in rest)
    assert shown_texts(slides) == list(many)  # each once, in order


def test_a_few_highlights_flow_on_with_the_institutions_progress(story: Story) -> None:
    """Highlights too few to fill a slide and institutions' progress too long to share one:
    one flow over two slides, the second part under its heading, nothing lost."""
    section = story.sections[1]
    credits = tuple(replace(c, highlights=c.highlights * 3) for c in section.credits)
    few = (section.general[1],)
    changed = with_section(story, 1, general=few, credits=credits)
    slides = [s for s in chapter_slides(plan_deck(changed, BRAND), section) if s.kind == Kind.text]
    title = story.words.highlights_slide.format(heading=section.name)
    assert [s.title for s in slides] == [title, story.words.continued.format(title=title)]
    assert not any(
        s.title.startswith(story.words.profiles_slide.format(heading=section.name)) for s in slides
    )
    names = [b.name for s in slides if isinstance(s.content, Text) for b in s.content.blocks]
    assert names[0] == "亮点" and set(names[1:]) == {"机构进展"}
    words = story.words
    lines = [words.join(c.names) + words.colon + words.sentences(c.highlights) for c in credits]
    assert shown_texts(slides) == [*few, *lines]
    heading = [p for s in slides for p in s.content.paras if not p.bullet and not p.hang]
    assert [p.text for p in heading] == [words.profiles]


def test_a_ranking_that_needs_the_width_goes_under_the_other_part(story: Story) -> None:
    from briefing.render.pptx.compose import one_above
    from briefing.render.pptx.slides import Group, Piece

    ranking = story.sections[1].charts[0]
    assert ranking.kind == "ranking" and len(ranking.bars) == 1
    piece = Piece("标题", (Group("亮点", "", ("一项进展。",), lambda shown: list(shown)),))
    top, bottom = one_above([piece, ranking], BODY)
    assert top.w == bottom.w == BODY.w and top.bottom + GAP <= bottom.y + 0.01
    assert bottom.bottom == pytest.approx(BODY.bottom) and bottom.h < BODY.h * 0.56
    assert one_above([ranking, ranking], BODY) is None
    assert one_above([piece], BODY) is None


def test_tiles_split_evenly_over_slides() -> None:
    from briefing.render.pptx.fit import tile_pages

    tiles = [
        replace(t, label=f"{t.label}{i}")
        for i, t in enumerate(build_story(load_facts(FIXTURES[0]), load_brand()).key_tiles * 5)
    ][:18]
    pages = tile_pages(tiles, BODY, BODY, 4)
    assert [len(p) for p in pages] == [4, 4, 4, 3, 3]
    assert [t for p in pages for t in p] == tiles


def test_one_theme_has_no_agenda(story: Story) -> None:
    blocks = tuple(b for b in story.blocks if b.index is None or b.index == 0)
    slides = plan_deck(replace(story, sections=story.sections[:1], blocks=blocks), BRAND)
    assert not [s for s in slides if s.kind == Kind.agenda]
    assert [s.title for s in slides if s.kind == Kind.divider] == [story.sections[0].title]
    assert len([s for s in plan_deck(story, BRAND) if s.kind == Kind.agenda]) == 1


# ── Near-empty slides filled: cards, and flowed text evened out ────────────


def test_one_short_highlight_alone_stands_large_on_a_card(story: Story) -> None:
    """A theme of one short highlight and nothing else: not one line atop a bare slide, but
    the line large on a card filling the body."""
    section = story.sections[0]
    lone = with_section(
        story, 0, tiles=(), charts=(), credits=(), claims=(), general=("科技成果转化步伐加快。",)
    )
    (slide,) = chapter_slides(plan_deck(lone, BRAND), section)
    assert isinstance(slide.content, Text)
    (card,) = slide.content.blocks
    assert card.card and card.box == BRAND.figures
    assert [p.text for p in card.paras] == ["科技成果转化步伐加快。"]
    assert card.paras[0].bullet and card.paras[0].size >= BODY_SIZES[0]


def test_bullets_that_fill_their_slide_stay_off_a_card(story: Story) -> None:
    section = story.sections[0]
    many = tuple(f"第{i}项：{section.general[0]}" for i in range(5))
    full = with_section(story, 0, tiles=(), charts=(), credits=(), claims=(), general=many)
    slides = chapter_slides(plan_deck(full, BRAND), section)
    assert slides and all(
        not b.card for s in slides if isinstance(s.content, Text) for b in s.content.blocks
    )


def test_flowed_text_cuts_a_paragraph_rather_than_leave_a_slide_near_empty() -> None:
    """One long paragraph then a short one, too much for one slide: whole paragraphs would
    leave the second slide nearly bare, so the long one is cut between lines (the rest
    hanging without its bullet) and the two slides are filled alike."""
    phrase = "科技型中小企业梯次培育体系加快成形，创新平台布局持续优化。"
    room = BODY.h - 2 * INSET
    count = max(n for n in range(1, 60) if Para(phrase * n, 16, bullet=True).height(BODY.w) < room)
    long = phrase * count  # fills one slide alone, nearly
    groups = [("", (long, "新增省级重点实验室。"))]
    pages = flow_groups(groups, BODY, (16,))
    assert pages is not None and len(pages) == 2
    heights = [text_height([p for _, paras in page for p in paras], BODY.w) for page in pages]
    assert max(heights) - min(heights) <= 2 * 16 * LEADING + 10  # two lines apart at most
    assert min(heights) >= BODY.h * LEAST_FILLED * 0.9
    first, second = ([p for _, paras in page for p in paras] for page in pages)
    assert first[0].bullet and second[0].hang and not second[0].bullet
    assert first[0].text + second[0].text == long and second[-1].text == "新增省级重点实验室。"
    assert len(first[0].lines(BODY.w)) >= 2 and len(second[0].lines(BODY.w)) >= 2


def test_flowed_text_keeps_paragraphs_whole_where_the_slides_fill_alike() -> None:
    item = "科技型中小企业梯次培育体系加快成形，创新平台布局持续优化。" * 3
    groups = [("", tuple(f"第{i}项：{item}" for i in range(8)))]
    pages = flow_groups(groups, BODY, (16,))
    assert pages is not None and len(pages) >= 2
    shown = [p for page in pages for _, paras in page for p in paras]
    assert all(p.bullet for p in shown) and len(shown) == 8


def test_a_short_highlight_beside_figures_stands_on_a_card(story: Story) -> None:
    """Two figures and one short line: side by side, the line on a card filling its column
    (bare, the two would cover under 30% of the slide); more lines stand bare beside them."""
    section = story.sections[1]
    short = ("科技成果转化步伐加快。",)
    one = with_section(story, 1, charts=(), credits=(), claims=(), general=short)
    (slide,) = chapter_slides(plan_deck(one, BRAND), section)
    assert isinstance(slide.content, Beside)
    tiles, text = slide.content.parts
    assert isinstance(tiles, Tiles) and isinstance(text, Text)
    (card,) = text.blocks
    assert card.card and card.box == text.area and card.box.h == pytest.approx(BRAND.figures.h)
    assert [p.text for p in card.paras] == list(short)
    many = tuple(f"第{i}项：{section.general[0]}" for i in range(3))
    more = with_section(story, 1, charts=(), credits=(), claims=(), general=many)
    blocks = [
        b
        for s in chapter_slides(plan_deck(more, BRAND), section)
        for p in parts(s)
        if isinstance(p, Text)
        for b in p.blocks
    ]
    assert blocks and not any(b.card for b in blocks)


def test_ranked_names_widen_their_column_only_as_far_as_the_badges_allow() -> None:
    from briefing.render.pptx.fit import RankRow, rank_columns

    long = RankRow(
        "中国科学院自动化研究所东湖稀土功能材料联合实验室 · 生物医药产业链评价", "第3位", False
    )
    short = RankRow("东湖 · 百强区", "全市第33位", False)
    names, values = rank_columns([short], BODY.w, 58)
    assert values == 0.0 and names < BODY.w * 0.28  # as wide as the name, no wider
    names, _ = rank_columns([short, long], BODY.w, 58)
    assert BODY.w * 0.28 < names <= BODY.w * 0.5  # wider, so the long name keeps to its row
    wide = RankRow("东湖高新区 · 中国百强区", "长三角第六十二位" * 3, False)
    names, _ = rank_columns([wide, long], BODY.w, 58)
    badge = text_width(wide.printed, 18) * 1.3
    assert BODY.w - names - 2 * GAP >= badge  # never so wide that a badge has no room


def test_long_theme_titles_spread_the_agenda_over_slides_that_hold_them(story: Story) -> None:
    """Eight themes whose titles are at the length limit do not fit eight rows of one slide:
    the agenda takes as many slides as it needs, and every row holds its title."""
    from briefing.render.pptx.fit import agenda_fits

    long = "高新技术企业研究与试验发展经费投入强度统计口径说明补充" * 3
    sections = tuple(
        replace(story.sections[i % len(story.sections)], title=f"{i}{long}"[:60]) for i in range(8)
    )
    slides = [
        s for s in plan_deck(replace(story, sections=sections), BRAND) if s.kind == Kind.agenda
    ]
    assert len(slides) >= 2
    shown = [row for s in slides for row in s.content.rows]
    assert [r.title for r in shown] == [s.title for s in sections]
    assert all(
        agenda_fits([(r.number, r.title) for r in s.content.rows], BRAND.content) for s in slides
    )


def test_a_ranking_whose_names_need_more_rows_than_a_slide_continues(story: Story) -> None:
    from briefing.render.pptx.compose import ranking_fits, ranking_pages

    ranking = next(s for s in story.charts() if s.kind == "ranking")
    (bar,) = ranking.bars[:1]
    long = "高新技术企业研究与试验发展经费投入强度统计口径说明补充"
    bars = tuple(replace(bar, label=f"{long}{i} · {long}") for i in range(12))
    first, *rest = ranking.series
    tall = replace(ranking, series=(replace(first, bars=bars), *rest))
    assert not ranking_fits(tall, BRAND.figures)
    pages = ranking_pages(tall, BRAND.figures)
    assert len(pages) > 1 and all(ranking_fits(p, BRAND.figures) for p in pages)
    assert [b for p in pages for b in p.bars] == list(bars)  # every row once, in order
