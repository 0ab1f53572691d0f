"""Loading facts: a valid file, and every kind of error with its exact location."""

from __future__ import annotations

import pytest

from briefing.errors import BriefingError, InputError
from briefing.facts.loader import load_facts
from tests.helpers import MINIMAL

pytestmark = pytest.mark.unit


def problems_of(write, text):
    path = write("facts.yml", text)
    with pytest.raises(InputError) as caught:
        load_facts(path)
    return [str(p).replace(str(path), "F") for p in caught.value.problems]


def test_minimal_file_loads(write):
    facts = load_facts(write("facts.yml", MINIMAL))
    assert facts.briefing.period == "2025"
    assert facts.metrics()["funds"].value == 2.5
    assert facts.themes[0].charts[0].kind.value == "bar"


def test_bundled_facts_load(facts):
    assert [t.title for t in facts.themes] == [
        "厚植创新沃土 政策精准赋能",
        "集聚创新资源 构建创新高地",
        "培育企业主体 积蓄发展动能",
        "强化人才引育 点燃智力引擎",
    ]
    assert len(facts.metrics()) == 33


def test_yaml_syntax_error_is_located(write):
    broken = MINIMAL.replace("  title: 某镇科技创新简报", "  title: [某镇科技创新简报")
    (problem,) = problems_of(write, broken)
    assert problem.startswith("F:4:")
    assert "YAML" in problem


def test_duplicate_yaml_key_is_located(write):
    broken = MINIMAL.replace("  region: 某镇\n", "  region: 某镇\n  region: 别镇\n")
    (problem,) = problems_of(write, broken)
    assert problem.startswith("F:5:3:")
    assert "duplicate" in problem


def test_wrong_type_points_at_the_value(write):
    broken = MINIMAL.replace("value: 2.5", "value: 两亿五")
    assert problems_of(write, broken) == [
        "F:19:16: themes[0].metrics[0].value: Input should be a valid number, "
        "unable to parse string as a number (got '两亿五')"
    ]


def test_unknown_key_points_at_the_key(write):
    broken = MINIMAL.replace("        unit: 亿元\n", "        unit: 亿元\n        unti: 亿元\n")
    assert problems_of(write, broken) == ["F:21:9: themes[0].metrics[0].unti: unknown key"]


def test_missing_key_points_at_its_parent(write):
    broken = MINIMAL.replace("        label: 资金\n", "")
    assert problems_of(write, broken) == [
        "F:17:9: themes[0].metrics[0].label: missing required key 'label'"
    ]


def test_every_type_error_is_reported_at_once_in_file_order(write):
    broken = MINIMAL.replace("value: 2.5", "value: x").replace("value: 40", "value: y")
    found = problems_of(write, broken)
    assert [p.split(":")[1] for p in found] == ["19", "23"]


def test_dangling_reference(write):
    broken = MINIMAL.replace("metrics: [funds]\n    charts", "metrics: [fund]\n    charts")
    assert problems_of(write, broken) == [
        "F:27:19: themes[0].highlights[0].metrics[0]: no metric has the id 'fund'"
    ]


def test_duplicate_id(write):
    broken = MINIMAL.replace("      - id: share", "      - id: funds")
    assert problems_of(write, broken) == [
        "F:21:13: themes[0].metrics[1].id: id 'funds' is already used at themes[0].metrics[0].id"
    ]


def test_percentage_out_of_range(write):
    broken = MINIMAL.replace("value: 40", "value: 140")
    assert problems_of(write, broken) == [
        "F:23:16: themes[0].metrics[1].value: a percentage must lie in 0–100, not 140"
    ]


def test_rank_past_list_size(write):
    broken = MINIMAL.replace(
        "  key_figures: [funds]\n",
        "  key_figures: [funds]\n  rankings:\n    - {id: r, list: 榜单, rank: 30, out_of: 27}\n",
    )
    (problem,) = problems_of(write, broken)
    assert problem.startswith("F:13:") and "rank 30 is past the list size 27" in problem


def test_chart_must_not_mix_units(write):
    broken = MINIMAL.replace(
        "        metrics: [funds]\noutlook", "        metrics: [funds, share]\noutlook"
    )
    assert problems_of(write, broken) == [
        "F:31:9: themes[0].charts[0].metrics: a chart must not mix units (%、亿元)"
    ]


def test_theme_without_content(write):
    empty_theme = "  - id: empty\n    title: 空\n    summary: 空。\noutlook:"
    broken = MINIMAL.replace("outlook:", empty_theme)
    assert problems_of(write, broken) == [
        "F:32:5: themes[1]: theme 'empty' has no metrics, highlights or entities"
    ]


def test_chinese_numeral_needs_a_round_value(write):
    broken = MINIMAL.replace(
        "        unit: 亿元\n", "        unit: 亿元\n        numeral: chinese\n"
    )
    (problem,) = problems_of(write, broken)
    assert problem.startswith("F:21:18: themes[0].metrics[0].numeral:")


def test_missing_file_is_a_clean_error(tmp_path):
    with pytest.raises(BriefingError, match="no such file"):
        load_facts(tmp_path / "absent.yml")


def test_non_utf8_file_is_located(tmp_path):
    path = tmp_path / "gbk.yml"
    path.write_bytes("briefing:\n  title: 简报\n".encode("gbk"))
    with pytest.raises(InputError) as caught:
        load_facts(path)
    assert str(caught.value.problems[0]).endswith(":2:1: not UTF-8 text")


def test_folded_chinese_text_gets_no_spaces_at_line_breaks(write):
    folded = MINIMAL.replace(
        "  summary: 概述。\n", "  summary: >-\n    第一句，\n    第二句 with Latin\n    words。\n"
    )
    facts = load_facts(write("facts.yml", folded))
    assert facts.headline.summary == "第一句，第二句 with Latin words。"


def test_bundled_summaries_have_no_stray_spaces(facts):
    for text in [facts.headline.summary, facts.outlook.summary, *(t.summary for t in facts.themes)]:
        assert " " not in text, text


GROUPED = MINIMAL.replace(
    "      - id: share\n",
    "      - id: funds-city\n        label: 市级资金\n        value: 1.7\n        unit: 亿元\n"
    "      - id: share\n",
).replace(
    "    charts:\n      - id: chart-funds\n        title: 资金\n        metrics: [funds]\n",
    "    charts:\n      - id: chart-funds\n        kind: grouped\n        title: 资金\n"
    "        series: [资金]\n        groups:\n          - {label: 上级, metrics: [funds]}\n"
    "          - {label: 市级, metrics: [funds-city]}\n",
)


def test_grouped_chart_loads(write):
    facts = load_facts(write("facts.yml", GROUPED))
    chart = facts.themes[0].charts[0]
    assert [g.label for g in chart.groups] == ["上级", "市级"]


def test_grouped_series_must_keep_one_unit(write):
    broken = GROUPED.replace("metrics: [funds-city]", "metrics: [share]")
    (problem,) = problems_of(write, broken)
    assert "themes[0].charts[0].series[0]: series '资金' mixes units (%、亿元)" in problem


def test_grouped_group_needs_one_metric_per_series(write):
    broken = GROUPED.replace("metrics: [funds-city]", "metrics: [funds-city, funds]")
    (problem,) = problems_of(write, broken)
    assert "themes[0].charts[0].groups[1].metrics: 2 metrics for 1 series" in problem


def test_grouped_metric_must_exist(write):
    broken = GROUPED.replace("metrics: [funds-city]", "metrics: [nowhere]")
    (problem,) = problems_of(write, broken)
    assert "groups[1].metrics[0]: no metric has the id 'nowhere'" in problem


def test_chart_fields_must_fit_its_kind(write):
    broken = MINIMAL.replace(
        "        title: 资金\n", "        kind: ranking\n        title: 资金\n"
    )
    found = problems_of(write, broken)
    assert any("a ranking chart takes no metrics" in p for p in found)
    assert any("a ranking chart needs rankings" in p for p in found)


def test_line_chart_needs_values_of_other_years(write):
    broken = MINIMAL.replace("        title: 资金\n", "        kind: line\n        title: 资金\n")
    (problem,) = problems_of(write, broken)
    assert "charts[0].metrics[0]: metric 'funds' has no series of other years" in problem
    fixed = broken.replace(
        "        unit: 亿元\n", "        unit: 亿元\n        series: {2024: 2.1}\n", 1
    )
    assert load_facts(write("fixed.yml", fixed)).metrics()["funds"].series == {2024: 2.1}


def test_series_of_the_period_must_agree_with_the_value(write):
    broken = MINIMAL.replace(
        "        unit: 亿元\n", "        unit: 亿元\n        series: {2025: 3}\n", 1
    )
    (problem,) = problems_of(write, broken)
    assert problem == (
        "F:21:24: themes[0].metrics[0].series[2025]: "
        "2025 is the briefing's period: its value is 2.5, not 3"
    )


def test_series_years_are_years(write):
    broken = MINIMAL.replace(
        "        unit: 亿元\n", "        unit: 亿元\n        series: {24: 3}\n", 1
    )
    (problem,) = problems_of(write, broken)
    assert problem == "F:21:22: themes[0].metrics[0].series[24]: 24 is not a year"
