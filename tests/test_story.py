"""The story: the document every renderer draws, built once from facts and brand."""

from __future__ import annotations

import dataclasses

import pytest

from briefing.story import build_story
from briefing.story.model import BlockKind, tile_columns
from tests.helpers import modules_after

pytestmark = pytest.mark.unit


def test_sections_follow_the_themes_in_order(story, facts):
    assert [s.title for s in story.sections] == [t.title for t in facts.themes]
    assert [s.heading[:2] for s in story.sections] == ["一、", "二、", "三、", "四、"]


def test_every_metric_becomes_a_figure_once(story, facts):
    assert [f.id for f in story.figures()] == list(facts.metrics())
    values = {f.id: f.value for f in story.figures()}
    assert values["tech-enterprises-total"] == "突破千家"
    assert values["academician-visits"] == "近百次"
    assert values["handshake-events"] == "百余次"
    assert values["cooperation-investment"] == "超9亿元"
    assert values["tech-contract-turnover"] == "突破10亿元"


def test_changes_and_standings_are_kept(story):
    figures = {f.id: f for f in story.figures()}
    assert figures["tech-contract-turnover"].change == "同比增长28%"
    assert figures["zero-clearance-enterprises"].change == "新增50家"
    assert figures["rd-growth-contribution"].standing == "居全区首位"


def test_key_figures_are_the_declared_metrics(story, facts):
    assert [f.id for f in story.key_figures] == facts.headline.key_figures


def test_headline_rankings_print_positions(story):
    assert [r.position for r in story.rankings] == ["第33位", "第62位", "第15位"]
    assert story.claims[0] == "连续上榜全国科技创新百强城市"


def test_every_theme_has_a_numbered_chart_with_alt_text(story):
    assert all(section.charts for section in story.sections)
    charts = story.charts()
    assert [c.number for c in charts] == list(range(1, len(charts) + 1))
    for chart in charts:
        for bar in chart.bars:
            assert bar.printed in chart.alt
    assert charts[0].caption.startswith("图1")


def test_chart_values_come_from_the_facts(story, facts):
    from briefing.facts.printed import format_rank, format_value

    known = {(m.value, format_value(m)) for m in facts.metrics().values()}
    known |= {(float(r.rank), format_rank(r)) for r in facts.rankings().values()}
    shown = [(b.value, b.printed) for c in story.charts() for s in c.series for b in s.bars]
    assert len(shown) == 14  # every bar of the six bundled charts
    assert [pair for pair in shown if pair not in known] == []


def test_chart_key_follows_brand_colours(facts, brand):
    first = build_story(facts, brand).charts()[0].key
    colours = dataclasses.replace(brand.colours, chart=("#000000",))
    other = build_story(facts, dataclasses.replace(brand, colours=colours)).charts()[0].key
    assert first != other
    assert build_story(facts, brand).charts()[0].key == first


def test_issuer_falls_back_to_the_brand_name(story, brand):
    assert story.cover.issuer == brand.name


def test_the_story_imports_no_renderer():
    loaded = modules_after("briefing.story", "briefing.facts")
    assert "briefing.story" in loaded
    assert {"reportlab", "pptx", "matplotlib"} & loaded == set()


def test_grouped_chart_has_one_series_per_measure(story):
    grouped = next(c for c in story.charts() if c.kind == "grouped")
    assert grouped.categories == ("国家、自治区", "市级")
    assert [(s.name, s.unit) for s in grouped.series] == [("项目数量", "项"), ("资金", "亿元")]
    assert [b.printed for b in grouped.series[1].bars] == ["2.32亿元", "1.7亿元"]
    assert grouped.alt.endswith(
        "国家、自治区：项目数量56项，资金2.32亿元；市级：项目数量150项，资金1.7亿元"
    )


def test_line_chart_runs_over_the_years_with_the_period_value_last(write, brand):
    from briefing.facts import load_facts
    from tests.helpers import MINIMAL

    text = MINIMAL.replace(
        "        unit: 亿元\n", "        unit: 亿元\n        series: {2023: 1.8, 2024: 2.1}\n", 1
    ).replace("        title: 资金\n", "        kind: line\n        title: 资金走势\n")
    chart = build_story(load_facts(write("facts.yml", text)), brand).charts()[0]
    assert chart.kind == "line"
    assert chart.categories == ("2023年", "2024年", "2025年")
    assert [b.value for b in chart.bars] == [1.8, 2.1, 2.5]
    assert [b.printed for b in chart.bars] == ["1.8亿元", "2.1亿元", "2.5亿元"]
    assert chart.alt == "折线图：资金走势。资金：2023年1.8亿元，2024年2.1亿元，2025年2.5亿元"


def test_profiles_credit_institutions_and_platforms_with_their_highlights(story):
    platforms = next(s for s in story.sections if s.id == "platforms")
    profiles = {p.name: p for p in platforms.profiles}
    assert list(profiles)[:2] == ["鄂尔多斯实验室", "北京大学鄂尔多斯能源研究院"]
    lab = profiles["鄂尔多斯实验室"]
    assert lab.role == "新型研发机构"
    assert len(lab.results) == 4 and all(r in platforms.highlights for r in lab.results)
    assert profiles["深部煤制气和碳封存联合实验室"].role == "平台"
    assert profiles["全国首家地下氢气氦气资源勘探开发企业"].role == "企业"


def test_profiles_are_institutions_platforms_and_enterprises_only(story, facts):
    allowed = {
        e.name
        for e in facts.entities().values()
        if e.kind in ("institution", "platform", "enterprise")
    }
    for section in story.sections:
        assert {p.name for p in section.profiles} <= allowed
    policy = next(s for s in story.sections if s.id == "policy")
    assert policy.profiles == ()


def test_cover_keeps_the_facts_date_as_a_date(facts, brand):
    import datetime as dt

    meta = facts.briefing.model_copy(update={"date": dt.date(2025, 1, 20)})
    dated = build_story(facts.model_copy(update={"briefing": meta}), brand)
    assert dated.date.when == dt.datetime(2025, 1, 20, tzinfo=dt.UTC)
    assert (dated.date.given, dated.date.source) == (True, "facts")
    assert dated.cover.date == "2025年1月20日"


# ── What the story decides for every output ──────────────────────────────────────────────────


def test_blocks_come_in_one_order_with_a_chapter_per_theme(story):
    kinds = [b.kind for b in story.blocks]
    assert kinds == [
        BlockKind.cover,
        BlockKind.contents,
        BlockKind.overview,
        BlockKind.key_figures,
        *[BlockKind.chapter] * 4,
        BlockKind.outlook,
        BlockKind.appendix,
        BlockKind.sources,
        BlockKind.closing,
    ]
    chapters = [story.section(b) for b in story.blocks if b.kind == BlockKind.chapter]
    assert chapters == list(story.sections)
    with pytest.raises(ValueError, match="cover"):
        story.section(story.blocks[0])


def test_period_keywords_and_date_are_decided_once(story):
    assert story.cover.period == "2024年"
    assert story.keywords == (
        "鄂尔多斯市",
        "2024年",
        "政策赋能",
        "平台与资源",
        "企业主体",
        "人才引育",
    )
    # No date in the facts, no SOURCE_DATE_EPOCH: dated by the period, and nothing printed.
    assert (story.date.when.date().isoformat(), story.date.given) == ("2024-12-31", False)
    assert story.cover.date is None


def test_a_period_that_is_not_a_year_prints_as_written(facts, brand):
    meta = facts.briefing.model_copy(update={"period": "2024年上半年"})
    half = build_story(facts.model_copy(update={"briefing": meta}), brand)
    assert half.cover.period == "2024年上半年"
    assert half.date.when.date().isoformat() == "2024-12-31"


def test_figure_remark_joins_change_and_standing_with_one_separator(story):
    remarks = {f.id: f.remark for f in story.figures()}
    with_both = [f for f in story.figures() if f.change and f.standing]
    for figure in with_both:
        assert remarks[figure.id] == f"{figure.change}，{figure.standing}"
    only = [f for f in story.figures() if bool(f.change) != bool(f.standing)]
    assert only and all(remarks[f.id] in (f.change, f.standing) for f in only)
    assert all(remarks[f.id] is None for f in story.figures() if not f.change and not f.standing)


def test_tiles_are_decided_once_for_every_output(story):
    assert [t.value for t in story.key_tiles] == [f.value for f in story.key_figures]
    assert [t.note for t in story.key_tiles] == [f.remark for f in story.key_figures]
    assert {t.accent for t in story.key_tiles} == {"primary"}
    assert [t.value for t in story.ranking_tiles] == [r.position for r in story.rankings]
    assert {t.accent for t in story.ranking_tiles} == {"secondary"}
    for section in story.sections:
        expected = [f.value for f in section.figures] + [r.position for r in section.rankings]
        assert [t.value for t in section.tiles] == expected


def test_a_ranking_tile_names_its_subject_only_when_it_is_not_the_region(story):
    for tile, ranking in zip(story.ranking_tiles, story.rankings, strict=True):
        assert tile.note == (None if ranking.subject == story.cover.region else ranking.subject)
    pku = next(r for s in story.sections for r in s.rankings if not r.of_region)
    section = next(s for s in story.sections if pku in s.rankings)
    assert any(t.note == pku.subject for t in section.tiles)


@pytest.mark.parametrize(
    ("count", "columns"),
    [(1, 1), (3, 3), (4, 4), (5, 3), (6, 3), (7, 4), (8, 4), (9, 3), (10, 4), (12, 4)],
)
def test_tiles_per_row_leave_no_gap_four_would(count, columns):
    assert tile_columns(count) == columns


def test_highlights_are_credited_to_institutions_once(story):
    platforms = next(s for s in story.sections if s.id == "platforms")
    assert len(platforms.credits) >= 2
    credited = [h for c in platforms.credits for h in c.highlights]
    assert len(credited) == len(set(credited))
    # Every highlight is either in the general list or owned by exactly one row, in order.
    assert sorted(credited + list(platforms.general)) == sorted(platforms.highlights)
    assert [h for h in platforms.highlights if h in platforms.general] == list(platforms.general)
    shown = {n for c in platforms.credits for n in c.names}
    assert not shown & {n for g in platforms.other_entities for n in g.names}
    policy = next(s for s in story.sections if s.id == "policy")
    assert policy.credits == () and policy.general == policy.highlights


def test_section_names_and_ordinals(story):
    first = story.sections[0]
    assert (first.index, first.number) == (1, "一")
    assert first.heading == f"一、{first.title}"
    assert first.name == f"一、{first.short_title}"


def test_chart_panels_are_one_per_unit(story):
    grouped = next(c for c in story.charts() if c.kind == "grouped")
    assert [(p.title, p.series, p.unit_label) for p in grouped.panels] == [
        ("项目数量（项）", (0,), "单位：项"),
        ("资金（亿元）", (1,), "单位：亿元"),
    ]
    assert grouped.colour_by == "series"
    assert {c.colour_by for c in story.charts() if c.kind in ("bar", "share", "ranking")} == {"bar"}
    assert any("分2图并列" in note for note in grouped.notes)


def test_ranking_bars_carry_the_ends_of_their_track(story):
    ranking = next(c for c in story.charts() if c.kind == "ranking")
    for bar in ranking.bars:
        if bar.out_of:
            assert bar.ends == ("第1位", f"第{bar.out_of}位")
        else:
            assert bar.ends is None


def test_a_ranking_chart_of_one_subject_in_several_lists_labels_rows_by_list(write, brand):
    from briefing.facts import load_facts
    from tests.helpers import MINIMAL

    text = MINIMAL.replace(
        "    charts:\n",
        "    rankings:\n"
        "      - {id: r1, list: 创新指数, scope: 全省, rank: 3, out_of: 11}\n"
        "      - {id: r2, list: 营商环境, scope: 全市, rank: 1}\n"
        "    charts:\n"
        "      - {id: ranks, kind: ranking, title: 排名, rankings: [r1, r2]}\n",
    )
    chart = next(
        c
        for c in build_story(load_facts(write("f.yml", text)), brand).charts()
        if c.kind == "ranking"
    )
    assert [(b.label, b.printed) for b in chart.bars] == [
        ("创新指数", "全省第3位（共11）"),
        ("营商环境", "全市第1位"),
    ]
