"""Fixed wording lives in one table per language; renderers and charts hold none of their own."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from briefing.story.wording import ZH, Wording, wording_for
from tests.helpers import ROOT

pytestmark = pytest.mark.unit

CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")
# Names PowerPoint gives its layouts in a Chinese UI: they describe templates, not our text.
ALLOWED_ASSIGNMENTS = {"ROLE_NAMES"}


def literals(path: Path) -> list[tuple[int, str]]:
    """String literals of a module that are neither docstrings nor in an allowed assignment."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            skipped.add(id(first.value))
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in ALLOWED_ASSIGNMENTS for t in targets):
                skipped |= {id(n) for n in ast.walk(node)}
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skipped
    ]


@pytest.mark.parametrize("package", ["render", "charts"])
def test_renderers_and_charts_have_no_wording_of_their_own(package):
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in sorted((ROOT / "briefing" / package).rglob("*.py"))
        for line, text in literals(path)
        if CJK.search(text)
    ]
    assert found == []


def test_the_scan_finds_wording_where_there_is_some(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        '"""文档。"""\nTITLE = "概览"\nROLE_NAMES = {"a": "空白"}\n', encoding="utf-8"
    )
    assert [text for _, text in literals(module)] == ["概览"]


def test_one_module_holds_the_sources_heading():
    holders = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "briefing").rglob("*.py")
        if any("资料来源" in text for _, text in literals(path))
    ]
    assert holders == ["briefing/story/wording.py"]


def test_every_phrase_of_the_chinese_table_is_filled():
    for field in dataclasses.fields(Wording):
        value = getattr(ZH, field.name)
        assert value, field.name


def test_note_templates_take_the_fields_the_deck_passes():
    assert (
        ZH.note("opening", title="T", region="R", period="P")
        == "开场：今天汇报T，范围为R，时期为P。"
    )
    assert ZH.shape("rank", 2, "轨道") == "名次 2 轨道"
    assert ZH.continued.format(title="议程") == "议程（续）"
    assert ZH.ordinal(0) == "一" and ZH.ordinal(9) == "十" and ZH.ordinal(10) == "十一"
    assert ZH.ordinal(19) == "二十" and ZH.ordinal(39) == "四十"


def test_a_language_falls_back_to_its_base_then_chinese():
    assert wording_for("zh-CN") is ZH
    assert wording_for("zh-Hans") is ZH
    assert wording_for("xx") is ZH


def test_sentences_run_together_with_a_separator_only_where_one_is_missing():
    assert ZH.sentences(["建成实验室。", "获一等奖。"]) == "建成实验室。获一等奖。"
    assert ZH.sentences(["建成实验室", "获一等奖"]) == "建成实验室；获一等奖"
    assert ZH.sentences(["只有一句"]) == "只有一句"
    assert ZH.note("section_figures", name="政策") == "政策的关键数字："
