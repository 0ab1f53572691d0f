"""Charts that would say nothing are warned about, located, and never fail a build."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing import api
from briefing.cli import app
from briefing.facts.loader import inspect_facts
from briefing.facts.warnings import chart_warnings
from briefing.paths import DEFAULT_FACTS
from tests.helpers import MINIMAL, ROOT

FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("*.yml"))
TWO_BARS = MINIMAL.replace(
    "        metrics: [funds]\noutlook:", "        metrics: [funds, funds]\noutlook:"
)
# Two metrics that read alike: the same label and value, printed alike.
TWIN = MINIMAL.replace(
    '      - id: share\n        label: 占比\n        value: 40\n        unit: "%"\n',
    "      - id: share\n        label: 资金\n        value: 2.5\n        unit: 亿元\n",
).replace("        metrics: [funds]\noutlook:", "        metrics: [funds, share]\noutlook:")
RANKINGS = MINIMAL.replace(
    "    highlights:\n",
    "    rankings:\n"
    "      - id: rank-a\n        list: 甲榜\n        rank: 3\n"
    "      - id: rank-b\n        list: 甲榜\n        rank: 3\n"
    "      - id: rank-c\n        list: 乙榜\n        rank: 3\n"
    "    highlights:\n",
).replace(
    "        metrics: [funds]\noutlook:",
    "        metrics: [funds]\n"
    "      - id: chart-ranks\n        kind: ranking\n        title: 排名\n"
    "        rankings: [rank-a, rank-c, rank-b]\noutlook:",
)
GROUPS = MINIMAL.replace(
    "        metrics: [funds]\noutlook:",
    "        metrics: [funds]\n"
    "      - id: chart-groups\n        kind: grouped\n        title: 分组\n"
    "        series: [资金]\n        groups:\n"
    "          - label: 甲\n            metrics: [funds]\n"
    "          - label: 甲\n            metrics: [funds]\noutlook:",
)


def warnings_of(path: Path) -> list[str]:
    facts, document, problems = inspect_facts(path)
    assert facts is not None and problems == []
    return [str(w) for w in chart_warnings(facts, document)]


@pytest.mark.unit
def test_a_chart_of_one_bar_is_warned_about_at_its_line(write):
    path = write("facts.yml", MINIMAL)
    (warning,) = warnings_of(path)
    line = MINIMAL.splitlines().index("      - id: chart-funds") + 1
    assert warning.startswith(f"{path}:{line}:9: themes[0].charts[0]: chart 'chart-funds'")
    assert "one bar" in warning and "资金 2.5亿元" in warning


@pytest.mark.unit
def test_the_same_metric_twice_is_warned_about_at_the_second(write):
    path = write("facts.yml", TWO_BARS)
    (warning,) = warnings_of(path)
    line = TWO_BARS.splitlines().index("        metrics: [funds, funds]") + 1
    assert f":{line}:" in warning and "themes[0].charts[0].metrics[1]" in warning
    assert "rows 1 and 2" in warning and "chart-funds" in warning


@pytest.mark.unit
def test_two_metrics_that_read_alike_are_two_rows_the_same(write):
    assert ["rows 1 and 2" in w for w in warnings_of(write("facts.yml", TWIN))] == [True]


@pytest.mark.unit
def test_rankings_alike_are_warned_about_and_different_lists_are_not(write):
    path = write("facts.yml", RANKINGS)
    found = [w for w in warnings_of(path) if "chart-ranks" in w]
    assert len(found) == 1
    assert "themes[0].charts[1].rankings[2]" in found[0] and "rows 1 and 3" in found[0]


@pytest.mark.unit
def test_grouped_groups_alike_are_warned_about(write):
    found = [w for w in warnings_of(write("facts.yml", GROUPS)) if "chart-groups" in w]
    assert len(found) == 1 and "themes[0].charts[1].groups[1]" in found[0]


@pytest.mark.unit
@pytest.mark.parametrize("path", [DEFAULT_FACTS, *FIXTURES], ids=lambda p: p.stem)
def test_the_bundled_and_fixture_charts_say_something(path):
    assert warnings_of(path) == []


@pytest.mark.unit
def test_check_passes_warnings_to_its_callback_and_returns(write):
    path = write("facts.yml", TWO_BARS)
    said: list[str] = []
    facts, _ = api.check(path, warn=said.append)
    assert facts.briefing.id == "town-2025"
    assert [w for w in said if "chart-funds" in w] == warnings_of(path)


runner = CliRunner()


@pytest.mark.e2e
def test_validate_prints_the_warning_with_its_place_and_exits_0(write):
    path = write("facts.yml", MINIMAL)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    line = MINIMAL.splitlines().index("      - id: chart-funds") + 1
    wanted = f"warning: {path}:{line}:9: themes[0].charts[0]: chart 'chart-funds' has one bar"
    said = [w for w in result.stderr.splitlines() if "chart-funds" in w]
    assert said and said[0].startswith(wanted)
    assert "valid" in result.stdout


@pytest.mark.e2e
def test_build_prints_the_warning_and_still_builds(write, tmp_path):
    path = write("facts.yml", TWO_BARS)
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", "--data", str(path), "--format", "pdf", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    found = [w for w in result.stderr.splitlines() if "chart-funds" in w]
    line = TWO_BARS.splitlines().index("        metrics: [funds, funds]") + 1
    assert found and found[0].startswith(f"warning: {path}:{line}:")
    assert "themes[0].charts[0].metrics[1]" in found[0]
    assert (out / "town-2025.pdf").is_file()
