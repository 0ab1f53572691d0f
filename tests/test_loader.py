"""Loading facts: a valid file, and every kind of error with its exact location."""

from __future__ import annotations

import pytest

from briefing.errors import BriefingError, InputError
from briefing.facts.loader import inspect_facts, load_facts
from briefing.facts.model import Change, ChangeKind, ChartKind, Headline, Metric, Numeral, Qualifier
from tests.helpers import MINIMAL, ROOT

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
    assert problems_of(write, broken) == [
        "F:21:9: themes[0].metrics[0].unti: unknown key 'unti' "
        f"(allowed here: {', '.join(Metric.model_fields)})"
    ]


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
        "F:32:5: themes[1]: theme 'empty' has no metrics, highlights, claims or entities"
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
    assert str(caught.value.problems[0]).endswith(":2:10: not UTF-8 text")  # at 简报


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


# ── One run, every problem: types, references and rules together ───────────────


def test_a_wrong_type_hides_neither_references_nor_rules(write):
    broken = (
        MINIMAL.replace("value: 2.5", "value: 两亿五")
        .replace("value: 40", "value: 140")
        .replace("metrics: [funds]\n    charts", "metrics: [fund]\n    charts")
    )
    assert problems_of(write, broken) == [
        "F:19:16: themes[0].metrics[0].value: Input should be a valid number, "
        "unable to parse string as a number (got '两亿五')",
        "F:23:16: themes[0].metrics[1].value: a percentage must lie in 0–100, not 140",
        "F:27:19: themes[0].highlights[0].metrics[0]: no metric has the id 'fund'",
    ]


def test_references_to_an_item_left_out_for_its_type_error_are_not_repeated(write):
    # funds is left out (its value is no number): key_figures, the highlight and the chart
    # still name it, but only the type error is reported.
    broken = MINIMAL.replace("value: 2.5", "value: x")
    assert problems_of(write, broken) == [
        "F:19:16: themes[0].metrics[0].value: Input should be a valid number, "
        "unable to parse string as a number (got 'x')"
    ]


def test_inspect_facts_returns_what_validates_and_every_problem(write):
    path = write("facts.yml", MINIMAL.replace("value: 40", "value: y"))
    facts, document, problems = inspect_facts(path)
    assert facts is not None and list(facts.metrics()) == ["funds"]
    assert document.path == path
    assert [(p.line, p.column) for p in problems] == [(23, 16)]


def test_rule_checks_skip_the_object_of_a_key_left_out(write):
    # An unknown chart kind must not make the chart a bar chart that "takes no rankings".
    broken = MINIMAL.replace("        title: 资金\n", "        kind: pie\n        title: 资金\n")
    assert problems_of(write, broken) == [
        "F:30:15: themes[0].charts[0].kind: unknown value 'pie' "
        f"(allowed here: {', '.join(k.value for k in ChartKind)})"
    ]


def test_an_error_in_a_required_part_still_reports_every_type_error(write):
    broken = MINIMAL.replace("  - id: policy", "  - id: Policy").replace("value: 40", "value: y")
    assert problems_of(write, broken) == [
        "F:13:9: themes[0].id: 'Policy' is not an id: use lower-case letters, digits and hyphens",
        "F:23:16: themes[0].metrics[1].value: Input should be a valid number, "
        "unable to parse string as a number (got 'y')",
    ]


def test_a_file_that_is_not_a_mapping(write):
    assert problems_of(write, "- a\n- b\n") == [
        "F:1:1: Input should be a mapping (key: value) (got a list)"
    ]


# ── Messages that say what to write ──────────────────────────────────────────


QUALIFIERS = ", ".join(q.value for q in Qualifier)  # exact, over, more_than, nearly, …
NUMERALS = ", ".join(n.value for n in Numeral)  # arabic, chinese, liang
CHANGE_KINDS = ", ".join(k.value for k in ChangeKind)  # yoy, growth, added, points, places
AROUND = "around" if "around" in Qualifier._value2member_map_ else "about"


def with_metric_lines(*lines: str) -> str:
    """MINIMAL with lines added to the metric funds, after its unit (line 21 on)."""
    added = "".join(f"        {line}\n" for line in lines)
    return MINIMAL.replace("        unit: 亿元\n", f"        unit: 亿元\n{added}", 1)


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("突破", "over"),
        ("超", "more_than"),
        ("超过", "more_than"),
        ("近", "nearly"),
        ("接近", "nearly"),
        ("约", "about"),
        ("左右", AROUND),
        ("余", "and_more"),
        ("多", "and_more"),
        ("以上", "above"),
        ("More_Than", "more_than"),
    ],
)
def test_a_chinese_qualifier_says_which_value_to_write(write, word, value):
    assert problems_of(write, with_metric_lines(f"qualifier: {word}")) == [
        f"F:21:20: themes[0].metrics[0].qualifier: '{word}' is written {value} here "
        f"(allowed: {QUALIFIERS})"
    ]


@pytest.mark.parametrize(
    ("word", "value"),
    [("中文", "chinese"), ("汉字", "chinese"), ("阿拉伯", "arabic"), ("两", "liang")],
)
def test_a_chinese_numeral_word_says_which_value_to_write(write, word, value):
    assert problems_of(write, with_metric_lines(f"numeral: {word}")) == [
        f"F:21:18: themes[0].metrics[0].numeral: '{word}' is written {value} here "
        f"(allowed: {NUMERALS})"
    ]


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("同比", "yoy"),
        ("增长", "growth"),
        ("新增", "added"),
        ("百分点", "points"),
        ("位次", "places"),
        ("提升", "places"),
    ],
)
def test_a_chinese_change_kind_says_which_value_to_write(write, word, value):
    assert problems_of(write, with_metric_lines(f"change: {{kind: {word}, value: 3}}")) == [
        f"F:21:24: themes[0].metrics[0].change.kind: '{word}' is written {value} here "
        f"(allowed: {CHANGE_KINDS})"
    ]


def test_an_unknown_value_lists_the_allowed_ones(write):
    assert problems_of(write, with_metric_lines("qualifier: roughly")) == [
        "F:21:20: themes[0].metrics[0].qualifier: unknown value 'roughly' "
        f"(allowed here: {QUALIFIERS})"
    ]


def test_an_unknown_key_lists_the_keys_of_its_place(write):
    broken = MINIMAL.replace("  summary: 概述。\n", "  summary: 概述。\n  sumary: 概述。\n")
    assert problems_of(write, broken) == [
        "F:11:3: headline.sumary: unknown key 'sumary' "
        f"(allowed here: {', '.join(Headline.model_fields)})"
    ]


def test_an_unknown_key_inside_a_list_of_changes(write):
    broken = with_metric_lines("change:", "  - {kind: yoy, value: 3, unti: '%'}")
    assert problems_of(write, broken) == [
        "F:22:35: themes[0].metrics[0].change[0].unti: unknown key 'unti' "
        f"(allowed here: {', '.join(Change.model_fields)})"
    ]


def test_a_change_that_is_neither_one_nor_a_list(write):
    assert problems_of(write, with_metric_lines("change: 5")) == [
        "F:21:17: themes[0].metrics[0].change: Input should be a mapping or a list of mappings "
        "(got 5)"
    ]


def test_a_constraint_error_echoes_the_number(write):
    broken = MINIMAL.replace(
        "  key_figures: [funds]\n",
        "  key_figures: [funds]\n  rankings:\n    - {id: r, list: 榜单, rank: 0}\n",
    )
    assert problems_of(write, broken) == [
        "F:13:31: headline.rankings[0].rank: Input should be greater than or equal to 1 (got 0)"
    ]


def test_numbers_are_echoed_as_written(write):
    broken = MINIMAL.replace("value: 40", "value: 1000000")
    assert problems_of(write, broken) == [
        "F:23:16: themes[0].metrics[1].value: a percentage must lie in 0–100, not 1000000"
    ]
    big = with_metric_lines("numeral: chinese").replace("value: 2.5", "value: 100000000000000000")
    assert problems_of(write, big) == [
        "F:19:16: themes[0].metrics[0].value: a figure is at most 10¹² in size "
        "(got 100000000000000000)"
    ]


# ── Schema 2: changes, numerals, claims, optional outlook ──────────────────────


def test_a_places_change_belongs_to_rankings(write):
    assert problems_of(write, with_metric_lines("change: {kind: places, value: 3}")) == [
        "F:21:24: themes[0].metrics[0].change.kind: "
        "places (a rank moved) belongs to a ranking's change"
    ]


def test_a_places_change_in_a_list_of_changes_is_located_in_the_list(write):
    broken = with_metric_lines(
        "change:", "  - {kind: yoy, value: 3}", "  - {kind: places, value: 2}"
    )
    assert problems_of(write, broken) == [
        "F:23:20: themes[0].metrics[0].change[1].kind: "
        "places (a rank moved) belongs to a ranking's change"
    ]


def test_a_ranking_changes_by_places_only(write):
    broken = MINIMAL.replace(
        "  key_figures: [funds]\n",
        "  key_figures: [funds]\n  rankings:\n"
        "    - {id: r, list: 榜单, rank: 3, change: {kind: yoy, value: 2}}\n",
    )
    assert problems_of(write, broken) == [
        "F:13:49: headline.rankings[0].change.kind: a ranking changes by places, not 'yoy'"
    ]
    fixed = broken.replace("kind: yoy", "kind: places")
    assert load_facts(write("fixed.yml", fixed)).rankings()["r"].change.value == 2


def test_chinese_numerals_are_for_whole_numbers(write):
    assert problems_of(write, with_metric_lines("numeral: chinese")) == [
        "F:21:18: themes[0].metrics[0].numeral: 'chinese' numerals are for whole numbers, not 2.5"
    ]
    whole = with_metric_lines("numeral: chinese").replace("value: 2.5", "value: 250")
    assert load_facts(write("whole.yml", whole)).metrics()["funds"].value == 250


@pytest.mark.parametrize(
    ("where", "kind", "located"),
    [
        ("headline", "metrics", "F:13:37: headline.claims[0].metrics[0]"),
        ("headline", "rankings", "F:13:38: headline.claims[0].rankings[0]"),
        ("theme", "metrics", "F:26:39: themes[0].claims[0].metrics[0]"),
        ("theme", "rankings", "F:26:40: themes[0].claims[0].rankings[0]"),
    ],
)
def test_a_claim_about_an_unknown_figure_is_a_located_reference_error(write, where, kind, located):
    claim = f"- {{id: c, text: 连续上榜, {kind}: [nowhere]}}"
    if where == "headline":
        broken = MINIMAL.replace(
            "  key_figures: [funds]\n", f"  key_figures: [funds]\n  claims:\n    {claim}\n"
        )
    else:
        broken = MINIMAL.replace(
            "    highlights:\n", f"    claims:\n      {claim}\n    highlights:\n"
        )
    singular = kind.removesuffix("s")
    assert problems_of(write, broken) == [f"{located}: no {singular} has the id 'nowhere'"]


def test_at_most_forty_themes(write):
    theme = "  - id: t{n}\n    title: 主题\n    summary: 摘要。\n"
    theme += "    claims: [{{id: c{n}, text: 说法}}]\n"
    extra = "".join(theme.format(n=n) for n in range(40))
    broken = MINIMAL.replace("outlook:", f"{extra}outlook:")
    assert problems_of(write, broken) == [
        "F:12:1: themes: List should have at most 40 items after validation, not 41"
    ]


def test_outlook_may_be_left_out(write):
    facts = load_facts(write("facts.yml", MINIMAL.split("outlook:")[0]))
    assert facts.outlook is None


def test_a_theme_with_only_claims_is_content_enough(write):
    only_claims = "  - id: standing\n    title: 地位\n    summary: 摘要。\n"
    only_claims += "    claims:\n      - {id: c, text: 全区唯一, metrics: [funds]}\noutlook:"
    facts = load_facts(write("facts.yml", MINIMAL.replace("outlook:", only_claims)))
    assert facts.claims()["c"].metrics == ["funds"]


def test_a_list_of_changes(write):
    changes = with_metric_lines(
        "change:", "  - {kind: added, value: 51}", "  - {kind: growth, value: 20.8}"
    )
    metric = load_facts(write("facts.yml", changes)).metrics()["funds"]
    assert [(c.kind.value, c.value) for c in metric.changes] == [("added", 51), ("growth", 20.8)]


def test_a_value_keeps_the_digits_it_was_written_with(write):
    facts = load_facts(write("facts.yml", MINIMAL.replace("value: 2.5", "value: 4.10")))
    assert facts.metrics()["funds"].value.text == "4.10"
    assert facts.metrics()["funds"].value == 4.1


def test_a_required_text_in_error_does_not_hide_the_rest(write):
    # A title left empty is filled with a placeholder for the other checks, which still run.
    broken = MINIMAL.replace("  title: 某镇科技创新简报", "  title:").replace(
        "metrics: [funds]\n    charts", "metrics: [fund]\n    charts"
    )
    assert problems_of(write, broken) == [
        "F:3:3: briefing.title: Input should be a valid string (got an empty value)",
        "F:27:19: themes[0].highlights[0].metrics[0]: no metric has the id 'fund'",
    ]
    no_title = MINIMAL.replace("    title: 政策\n", "").replace("value: 40", "value: 140")
    assert problems_of(write, no_title) == [
        "F:13:5: themes[0].title: missing required key 'title'",
        "F:22:16: themes[0].metrics[1].value: a percentage must lie in 0–100, not 140",
    ]


def test_only_the_briefing_program_turns_pydantic_plugins_off(monkeypatch):
    """The command skips pydantic's scan for plugins; an application importing the library
    keeps its own."""
    import os
    import subprocess
    import sys

    import briefing

    monkeypatch.setattr(sys, "argv", ["/venv/bin/briefing", "validate"])
    assert briefing._is_the_program()
    monkeypatch.setattr(sys, "argv", ["/somewhere/__main__.py", "validate"])
    monkeypatch.setattr(sys, "orig_argv", ["python", "-X", "importtime", "-m", "briefing"])
    assert briefing._is_the_program()
    monkeypatch.setattr(sys, "argv", ["app.py"])
    monkeypatch.setattr(sys, "orig_argv", ["python", "app.py", "-m", "other"])
    assert not briefing._is_the_program()
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    script = "import os, briefing; print(os.environ.get('PYDANTIC_DISABLE_PLUGINS'))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.strip() == "None"


# ── Hostile values: non-finite and absurd numbers, controls, odd digits, lengths ──


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (".nan", "a figure must be a finite number (got .nan)"),
        ("-.inf", "a figure must be a finite number (got -.inf)"),
        ("1e308", "a figure is at most 10¹² in size (got 1e308)"),
        ("-2000000000000", "a figure is at most 10¹² in size (got -2000000000000)"),
        ("0.0000001", "a figure other than 0 is at least 10⁻⁶ in size (got 0.0000001)"),
        ('"99,999,999,999,999"', "a figure is at most 10¹² in size (got 99,999,999,999,999)"),
    ],
)
def test_absurd_figures_are_refused_where_written(write, written, said):
    broken = MINIMAL.replace("value: 2.5", f"value: {written}")
    assert problems_of(write, broken) == [f"F:19:16: themes[0].metrics[0].value: {said}"]


def test_a_trillion_and_a_millionth_are_figures(write):
    text = MINIMAL.replace("value: 2.5", "value: 1000000000000").replace(
        "value: 40", "value: 0.000001"
    )
    facts = load_facts(write("facts.yml", text))
    assert [m.value for m in facts.themes[0].metrics] == [1e12, 1e-6]


@pytest.mark.parametrize(
    ("escape", "said"),
    [
        ("\\v", "vertical tab U+000B"),
        ("\\f", "form feed U+000C"),
        ("\\x1c", "control character U+001C"),
        ("\\x1f", "control character U+001F"),
        ("\\e", "control character U+001B"),
        ("\\r", "control character U+000D"),
        ("\\x85", "control character U+0085"),
        ("\\u2028", "control character U+2028"),
        ("\\uFFFE", "U+FFFE is a noncharacter"),
    ],
)
def test_controls_in_a_text_are_refused_at_it(write, escape, said):
    broken = MINIMAL.replace("label: 资金\n", f'label: "资{escape}金"\n')
    (problem,) = problems_of(write, broken)
    assert problem.startswith("F:18:16: themes[0].metrics[0].label: ") and said in problem
    assert "\\x" in problem or "\\u" in problem or "\\r" in problem  # echoed escaped


def test_tabs_and_line_breaks_stay_allowed_in_a_text(write):
    text = MINIMAL.replace("summary: 概述。", 'summary: "概述：\\t一、\\n二。"')
    assert load_facts(write("facts.yml", text)).headline.summary == "概述：\t一、\n二。"


@pytest.mark.parametrize(
    ("period", "said"),
    [
        ('"²"', "write the period's digits as 0–9 (got '²')"),
        ('"２０２４"', "write the period's digits as 0–9 (got '２')"),
        ('"2024年①"', "write the period's digits as 0–9 (got '①')"),
        ('"0000"', "a period of digits only is a year from 1900 to 2100 (got 0000)"),
        ("99999", "a period of digits only is a year from 1900 to 2100 (got 99999)"),
    ],
)
def test_a_period_has_ordinary_digits_and_a_sensible_year(write, period, said):
    broken = MINIMAL.replace("period: 2025", f"period: {period}")
    assert problems_of(write, broken) == [f"F:5:11: briefing.period: {said}"]


def test_periods_in_words_still_validate(write):
    for period in ("2024年上半年", "2021—2023", "“十四五”前三年"):
        text = MINIMAL.replace("period: 2025", f"period: {period}")
        assert load_facts(write("facts.yml", text)).briefing.period == period


def test_a_long_label_is_refused_and_echoed_cut(write):
    broken = MINIMAL.replace("label: 资金\n", "label: " + "研发资金" * 75 + "\n")
    (problem,) = problems_of(write, broken)
    assert problem.startswith(
        "F:18:16: themes[0].metrics[0].label: String should have at most 60 characters (got '"
    )
    assert problem.endswith("…' (300 characters))") and len(problem) < 200


def test_too_many_items_are_refused_and_the_rest_still_checked(write):
    entities = "".join(
        f"      - id: lab-{i}\n        name: 实验室{i}\n        kind: institution\n"
        for i in range(20)
    )
    credited = ", ".join(f"lab-{i}" for i in range(20))
    broken = MINIMAL.replace(
        "    highlights:\n      - text: 资金2.5亿元。\n        metrics: [funds]\n",
        f"    entities:\n{entities}    highlights:\n      - text: 资金。\n"
        f"        metrics: [funds, nothing]\n        entities: [{credited}]\n",
    )
    assert problems_of(write, broken) == [
        "F:88:26: themes[0].highlights[0].metrics[1]: no metric has the id 'nothing'",
        "F:89:9: themes[0].highlights[0].entities: "
        "List should have at most 12 items after validation, not 20",
    ]


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("rank: 0", "Input should be greater than or equal to 1"),
        ("rank: 10000000", "Input should be less than or equal to 1000000"),
        ("year: 20240", "Input should be less than or equal to 2100"),
    ],
)
def test_ranks_and_years_are_bounded(write, line, said):
    fields = line if line.startswith("rank") else f"rank: 3\n      {line}"
    ranking = f"  rankings:\n    - id: r\n      list: 榜单\n      {fields}\n"
    broken = MINIMAL.replace("  key_figures:", f"{ranking}  key_figures:")
    (problem,) = problems_of(write, broken)
    assert said in problem and "headline.rankings[0]." in problem


def test_the_bundled_files_are_within_every_limit():
    from briefing.paths import DEFAULT_FACTS

    for path in (
        DEFAULT_FACTS,
        ROOT / "data" / "template.yml",
        *(ROOT / "tests" / "fixtures").glob("*.yml"),
    ):
        load_facts(path)
