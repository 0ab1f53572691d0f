"""The deck's slide plan on its own: the story and plain boxes in, planned slides out, without
python-pptx. What each slide is, its title and continuation, what it holds and its notes."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from briefing.render.pptx.fit import SLACK, Para, line_count, wrap
from briefing.render.pptx.geometry import BODY, DIVIDER_COLUMN, Box
from briefing.render.pptx.plan import (
    Agenda,
    Chart,
    Cover,
    Divider,
    Frames,
    Kind,
    PlannedSlide,
    Role,
    Text,
    Tiles,
    plan_deck,
)
from briefing.story import Story
from briefing.story.model import Section
from briefing.text.linebreak import CANNOT_END, CANNOT_START, break_lines
from briefing.text.measure import em_widths
from tests.helpers import ROOT

pytestmark = pytest.mark.unit

BRAND = Frames(BODY, BODY, DIVIDER_COLUMN, stacked=True)  # what the brand's master reports
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
from briefing.render.pptx.geometry import BODY, DIVIDER_COLUMN
from briefing.render.pptx.plan import Frames, plan_deck
from briefing.story import build_story

story = build_story(load_facts(DEFAULT_FACTS), load_brand())
slides = plan_deck(story, Frames(BODY, BODY, DIVIDER_COLUMN, stacked=True))
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
    sections = story.sections
    wanted = [
        (Kind.cover, story.cover.title),
        (Kind.agenda, words.contents),
        (Kind.tiles, words.overview),
        (Kind.tiles, words.key_figures),
    ]
    for section in sections:
        wanted.append((Kind.divider, section.title))
        tiles = len(section.tiles)
        pages = max(1, -(-tiles // 6))
        wanted += [
            (Kind.tiles, words.continued.format(title=section.heading) if i else section.heading)
            for i in range(pages)
        ]
        wanted += [(Kind.chart, section.heading)] * len(section.charts)
        if section.general:
            wanted.append((Kind.text, words.highlights_slide.format(heading=section.name)))
        if section.credits:
            wanted.append((Kind.text, words.profiles_slide.format(heading=section.name)))
    wanted += [
        (Kind.tiles, words.outlook),
        (Kind.text, words.sources),
        (Kind.closing, words.closing),
    ]
    assert [(s.kind, s.title) for s in planned] == wanted
    assert words.key_figures == "关键数据"
    assert len(planned) == 30  # 29 before the institutions' progress had its own slide


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
    charts = [s for s in planned if isinstance(s.content, Chart)]
    assert [s.notes for s in charts] == [c.notes for c in story.charts()]


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


def test_tiles_are_the_story_tiles_split_across_slides_by_count(
    planned: tuple[PlannedSlide, ...], story: Story
) -> None:
    (key,) = titled(planned, story.words.key_figures)
    assert isinstance(key.content, Tiles)
    assert [t.tile for t in key.content.tiles] == list(story.key_tiles)  # eight on one slide
    assert [t.name for t in key.content.tiles] == [f"关键数据 {i}" for i in range(1, 9)]
    assert key.content.tiles[0].bar == "关键数据 1 色条"
    for section in story.sections:
        pages = [s for s in planned if s.kind == Kind.tiles and s.title.startswith(section.heading)]
        shown = [t for page in pages if isinstance(page.content, Tiles) for t in page.content.tiles]
        assert [t.tile for t in shown] == list(section.tiles)
        counts = [len(p.content.tiles) for p in pages if isinstance(p.content, Tiles)]
        assert max(counts) <= 6 and max(counts) - min(counts) <= 1  # evenly split
        assert [p.page for p in pages] == list(range(len(pages)))
    talent = max(story.sections, key=lambda s: len(s.tiles))
    assert len(talent.tiles) == 15
    pages = [s for s in planned if s.kind == Kind.tiles and s.title.startswith(talent.heading)]
    assert [len(p.content.tiles) for p in pages if isinstance(p.content, Tiles)] == [5, 5, 5]
    (overview,) = titled(planned, story.words.overview)
    assert isinstance(overview.content, Tiles)
    assert [t.tile for t in overview.content.tiles] == list(story.ranking_tiles)
    assert all(t.tile.accent == "secondary" for t in overview.content.tiles)
    assert overview.content.lead and overview.content.lead_box is not None


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
