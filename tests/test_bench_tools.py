"""The benchmark's tools: the 10× facts generator, the edits between runs, the peer's outline,
and the arithmetic of the targets (tools/bench.py, tools/bigger.py, tools/peer/peer.py)."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from ruamel.yaml import YAML

from briefing.facts.loader import inspect_facts
from briefing.paths import DEFAULT_FACTS

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str, relative: str) -> ModuleType:
    """A script under tools/, imported by path (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / relative)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


bigger = _tool("bigger", "tools/bigger.py")
bench = _tool("bench", "tools/bench.py")
peer = _tool("peer", "tools/peer/peer.py")


def _plain(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def ten_times(tmp_path_factory: pytest.TempPathFactory) -> Path:
    written: Path = bigger.write_bigger(DEFAULT_FACTS, tmp_path_factory.mktemp("big") / "b.yml", 10)
    return written


def test_ten_times_the_facts_validate_with_every_id_once(ten_times: Path) -> None:
    facts, _, problems = inspect_facts(ten_times)
    assert problems == []
    assert facts is not None
    counts = Counter(bigger.ids_in(_plain(ten_times)))
    assert [ident for ident, n in counts.items() if n > 1] == []
    assert facts.briefing.id == "ordos-2024-x10"


def test_ten_times_the_facts_hold_ten_times_the_content(ten_times: Path) -> None:
    one, ten = _plain(DEFAULT_FACTS), _plain(ten_times)
    for key in bigger.LISTS:
        before = sum(len(theme.get(key, [])) for theme in one["themes"])
        after = sum(len(theme.get(key, [])) for theme in ten["themes"])
        assert after == 10 * before, key
    assert len(ten["themes"]) == min(bigger.theme_limit(), 10 * len(one["themes"]))
    titles = [chart["title"] for theme in ten["themes"] for chart in theme.get("charts", [])]
    assert len(set(titles)) == len(titles)  # every copy's charts are drawings of their own


def test_forty_themes_when_the_model_allows_them() -> None:
    data = _plain(DEFAULT_FACTS)
    forty = bigger.multiply(data, 10, most=40)
    assert len(forty["themes"]) == 40
    ids = [i for theme in forty["themes"] for i in bigger.ids_in(theme)]
    assert (
        len(ids) == len(set(ids)) == 10 * len([i for t in data["themes"] for i in bigger.ids_in(t)])
    )


def test_a_copy_refers_to_its_own_figures() -> None:
    data = _plain(DEFAULT_FACTS)
    theme = data["themes"][0]
    copy = bigger.theme_copy(theme, 3)
    own = set(bigger.ids_in(copy))
    assert copy["id"] == f"{theme['id']}-3"
    assert copy["title"] == f"{theme['title']} 3"
    grouped = copy["charts"][0]["groups"][0]["metrics"]
    assert grouped == [f"{m}-3" for m in theme["charts"][0]["groups"][0]["metrics"]]
    assert set(grouped) <= own
    assert bigger.theme_copy(theme, 1) == theme


def test_an_edit_between_runs_touches_the_first_theme_summary_only(tmp_path: Path) -> None:
    text = DEFAULT_FACTS.read_text(encoding="utf-8")
    changed = tmp_path / "edited.yml"
    changed.write_text(bench.edited(text, "（修订2）"), encoding="utf-8")
    before, after = _plain(DEFAULT_FACTS), _plain(changed)
    assert after["themes"][0]["summary"] != before["themes"][0]["summary"]
    assert "（修订2）" in after["themes"][0]["summary"]
    after["themes"][0]["summary"] = before["themes"][0]["summary"]
    assert after == before
    assert inspect_facts(changed)[2] == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("    summary: 一句话\n", "    summary: 一句话（改）\n"),
        ('    summary: "一句话"\n', '    summary: "一句话（改）"\n'),
        ("  - summary: 一句话\n", "  - summary: 一句话（改）\n"),
    ],
)
def test_an_edit_keeps_a_plain_or_quoted_summary_whole(line: str, expected: str) -> None:
    head = "headline:\n  summary: 不动\nthemes:\n  - id: a\n"
    assert bench.edited(head + line, "（改）") == head + expected


def test_a_renamed_briefing_changes_its_id_and_nothing_else() -> None:
    text = DEFAULT_FACTS.read_text(encoding="utf-8")
    data = YAML(typ="safe", pure=True).load(bench.renamed(text, "other-2024"))
    assert data["briefing"]["id"] == "other-2024"
    data["briefing"]["id"] = "ordos-2024"
    assert data == _plain(DEFAULT_FACTS)


def test_the_batch_gives_every_briefing_its_own_id(tmp_path: Path) -> None:
    folder = bench.batch_folder(tmp_path / "batch", 12)
    files = sorted(folder.glob("*.yml"))
    ids = [_plain(path)["briefing"]["id"] for path in files]
    assert len(files) == 12
    assert len(set(ids)) == 12
    assert {path.stem for path in files} == set(ids)


def test_the_peer_outline_has_every_theme_figure_and_chart() -> None:
    data = _plain(DEFAULT_FACTS)
    charts = {c["id"]: Path(f"{c['id']}.png") for t in data["themes"] for c in t["charts"]}
    outline = peer.outline(data, charts)
    assert outline.startswith(f"---\ntitle: {data['briefing']['title']}\n")
    for theme in data["themes"]:
        assert f"\n# {theme['title']}\n" in outline
        for metric in theme["metrics"]:
            assert f"- {metric['label']}：{metric['value']}{metric['unit']}\n" in outline
    for ident, path in charts.items():
        assert f"]({path})" in outline, ident


def test_the_peer_draws_every_figure_a_chart_names() -> None:
    data = _plain(DEFAULT_FACTS)
    known = peer.figures(data)
    grouped = next(c for t in data["themes"] for c in t["charts"] if c["kind"] == "grouped")
    ranking = next(c for t in data["themes"] for c in t["charts"] if c["kind"] == "ranking")
    assert len(peer.bars(grouped, known)) == sum(len(g["metrics"]) for g in grouped["groups"])
    assert len(peer.bars(ranking, known)) == len(ranking["rankings"])


def test_ratios_are_of_medians_and_targets_are_upper_limits() -> None:
    case = bench.Sample(seconds=[0.5, 0.9, 0.6])
    against = bench.Sample(seconds=[1.0, 1.2, 3.0])
    assert case.median() == 0.6
    assert case.spread() == "0.50–0.90"
    assert bench.ratio(case, against) == pytest.approx(0.5)
    assert bench.verdict(0.5, 0.6) == "PASS"
    assert bench.verdict(0.6, 0.6) == "PASS"
    assert bench.verdict(0.61, 0.6) == "MISS"


def test_a_stage_grows_faster_than_the_content_only_beyond_the_limit_and_noticeably() -> None:
    assert bench.growth(0.1, 1.0) == pytest.approx(10)
    assert not bench.grows_faster(0.1, 1.0)
    assert bench.grows_faster(0.1, 1.3)
    assert not bench.grows_faster(0.001, 0.02)  # too small to matter, whatever the ratio
    assert bench.grows_faster(0.0, 0.2)


def test_the_stage_table_flags_a_stage_that_grows_too_fast() -> None:
    one = dict.fromkeys(bench.STAGES, 0.1)
    ten = dict.fromkeys(bench.STAGES, 1.0)
    ten["deck"] = 2.0
    passes = {
        k: {"seconds": s, "notes": {}} for k, s in (("fresh", one), ("1x", one), ("10x", ten))
    }
    table = bench.stage_table(passes)
    flagged = [line.split()[0] for line in table if "grows faster" in line]
    assert flagged == ["deck"]
