"""The briefing as a user would script it: matplotlib bar charts as PNGs, then pandoc's pptx.

This is the benchmark's peer (tools/bench.py), not part of briefing: a plain YAML load of the
facts file, one bar chart per chart the facts ask for, a markdown outline of the briefing
(title, themes, their figures as bullets, the charts as images) and `pandoc -o <id>.pptx`.

    python tools/peer/peer.py data/ordos-2024.yml out/

Exits 3 with a message when pandoc is not installed.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FONT = ROOT / "assets" / "fonts" / "NotoSansSC-Regular.ttf"
NO_PANDOC = 3


def load(path: Path) -> dict[str, Any]:
    """The facts file as plain dicts and lists (PyYAML if installed, else ruamel's safe load)."""
    text = path.read_text(encoding="utf-8")
    try:
        yaml = importlib.import_module("yaml")
    except ImportError:
        from ruamel.yaml import YAML

        data: dict[str, Any] = YAML(typ="safe", pure=True).load(text)
        return data
    data = yaml.safe_load(text)
    return data


def figures(facts: dict[str, Any]) -> dict[str, tuple[str, float]]:
    """Every metric and ranking by id: its short label and the number to draw."""
    found: dict[str, tuple[str, float]] = {}
    rankings = list(facts.get("headline", {}).get("rankings", []))
    for theme in facts.get("themes", []):
        for metric in theme.get("metrics", []):
            found[metric["id"]] = (metric.get("short_label") or metric["label"], metric["value"])
        rankings += theme.get("rankings", [])
    for ranking in rankings:
        found[ranking["id"]] = (ranking["list"], ranking["rank"])
    return found


def bars(chart: dict[str, Any], known: dict[str, tuple[str, float]]) -> list[tuple[str, float]]:
    """The labelled numbers one chart shows: its metrics, rankings, or every group's metrics."""
    ids = list(chart.get("metrics", [])) + list(chart.get("rankings", []))
    for group in chart.get("groups", []):
        ids += group["metrics"]
    return [known[i] for i in ids if i in known]


def draw_charts(facts: dict[str, Any], folder: Path) -> dict[str, Path]:
    """One PNG bar chart per chart entry, by chart id."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(FONT))
    plt.rcParams["font.family"] = font_manager.FontProperties(fname=str(FONT)).get_name()
    known = figures(facts)
    drawn = {}
    for theme in facts.get("themes", []):
        for chart in theme.get("charts", []):
            shown = bars(chart, known)
            figure, axes = plt.subplots(figsize=(8, 4.5))
            axes.bar([label for label, _ in shown], [value for _, value in shown], color="#1f5fa8")
            axes.set_title(chart["title"])
            axes.tick_params(axis="x", labelrotation=15)
            figure.tight_layout()
            path = folder / f"{chart['id']}.png"
            figure.savefig(path, dpi=150)
            plt.close(figure)
            drawn[chart["id"]] = path
    return drawn


def outline(facts: dict[str, Any], charts: dict[str, Path]) -> str:
    """The briefing as pandoc markdown: a title block, a slide of figures per theme, a slide
    per chart."""
    meta = facts["briefing"]
    known = figures(facts)
    lines = ["---", f"title: {meta['title']}", f"subtitle: {meta.get('subtitle', '')}", "---", ""]
    lines += ["# 概要", "", " ".join(facts["headline"]["summary"].split()), ""]
    for ident in facts["headline"].get("key_figures", []):
        label, value = known[ident]
        lines.append(f"- {label}：{value}")
    for theme in facts.get("themes", []):
        lines += ["", f"# {theme['title']}", "", " ".join(theme["summary"].split()), ""]
        for metric in theme.get("metrics", []):
            lines.append(f"- {metric['label']}：{metric['value']}{metric['unit']}")
        for chart in theme.get("charts", []):
            lines += ["", f"## {chart['title']}", "", f"![{chart['title']}]({charts[chart['id']]})"]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Draw the charts, write the outline, and have pandoc make <output>/<id>.pptx."""
    if len(argv) != 2:
        print("usage: peer.py FACTS.yml OUTPUT-FOLDER", file=sys.stderr)
        return 2
    facts_path, output = Path(argv[0]), Path(argv[1])
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("peer: pandoc is not installed", file=sys.stderr)
        return NO_PANDOC
    facts = load(facts_path)
    folder = output / f"{facts['briefing']['id']}-peer"
    folder.mkdir(parents=True, exist_ok=True)
    markdown = folder / "briefing.md"
    markdown.write_text(outline(facts, draw_charts(facts, folder)), encoding="utf-8")
    deck = output / f"{facts['briefing']['id']}-peer.pptx"
    subprocess.run([pandoc, str(markdown), "-o", str(deck), "--slide-level=2"], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
