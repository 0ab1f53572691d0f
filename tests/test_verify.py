"""`briefing verify`: every figure of the facts looked up in the source, each miss located."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from briefing.cli import app
from briefing.paths import DEFAULT_FACTS
from tests.helpers import MINIMAL, SOURCE, require_shared

pytestmark = pytest.mark.unit
runner = CliRunner()

# Our own article holding MINIMAL's two figures, one written another way, and one more.
ARTICLE = "某镇2025年落实科技资金2.5亿元，研发人员占比达四成。\n研发人员占比40%，新建平台3家。\n"


def verify(facts, article):
    return runner.invoke(app, ["verify", str(facts), "--source", str(article)])


def test_facts_found_in_their_source_pass_with_left_out_figures_warned(write, tmp_path):
    facts = write("facts.yml", MINIMAL)
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = verify(facts, article)
    assert result.exit_code == 0, result.output
    assert f"warning: {article}:2:15: 3家 is not in the facts" in result.stderr
    assert "2 of 2 figures found" in result.stdout


def test_a_changed_figure_is_named_at_its_place(write, tmp_path):
    facts = write("facts.yml", MINIMAL.replace("value: 2.5", "value: 5.2"))
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = verify(facts, article)
    assert result.exit_code == 1
    assert f"{facts}:19:16: metric 'funds': 5.2亿元 is not in the source" in result.stderr


def test_the_same_value_written_another_way_is_found(write, tmp_path):
    facts = write(
        "facts.yml",
        MINIMAL.replace("value: 2.5\n        unit: 亿元", "value: 25000\n        unit: 万元"),
    )
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert verify(facts, article).exit_code == 0


def test_a_qualifier_the_source_does_not_give_is_a_problem(write, tmp_path):
    facts = write("facts.yml", MINIMAL.replace("value: 2.5", "value: 2.5\n        qualifier: over"))
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = verify(facts, article)
    assert result.exit_code == 1
    assert "突破2.5亿元 is not in the source, which prints 2.5亿元" in result.stderr


def bundled_source():
    return require_shared(SOURCE)


def test_bundled_facts_verify_clean_against_their_source():
    result = verify(DEFAULT_FACTS, bundled_source())
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "40 of 40 figures found" in result.stdout


def test_a_changed_bundled_figure_is_named_with_its_location(tmp_path):
    source = bundled_source()
    text = DEFAULT_FACTS.read_text(encoding="utf-8")
    changed = tmp_path / "ordos.yml"
    changed.write_text(text.replace("value: 53.2", "value: 52.3"), encoding="utf-8")
    (tmp_path / "facts.schema.json").write_text("{}", encoding="utf-8")
    line = text[: text.index("value: 53.2")].count("\n") + 1
    result = verify(changed, source)
    assert result.exit_code == 1
    assert f"{changed}:{line}:16: metric 'rd-spending': 52.3亿元 is not in the source" in (
        result.stderr
    )
