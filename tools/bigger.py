"""A bigger briefing for the benchmark: the bundled facts with every theme repeated.

    python tools/bigger.py OUTPUT.yml [--facts data/ordos-2024.yml] [--times 10]

Copy n (from 2) of a theme has every id inside it suffixed '-n', with the references among
them (a chart's metrics, a highlight's rankings …) following, and its titles (the theme's,
its charts') ending in ' n', so each copy's charts are new drawings: ten times the bundled
four themes are forty. Where the facts model allows fewer themes than copies (at most 40
today), consecutive copies of a theme are merged into one theme (their figures, rankings,
claims, highlights, entities and charts in turn, their summaries joined), so the content is
still `times` the original. The briefing's id
gets '-x<times>', so its outputs do not overwrite the bundled ones. The result validates.
"""

from __future__ import annotations

import argparse
import copy
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FACTS = ROOT / "data" / "ordos-2024.yml"
REFERENCES = ("metrics", "rankings", "entities")  # keys whose lists of strings name ids
TITLED = ("title", "short_title")
LISTS = ("metrics", "rankings", "claims", "highlights", "entities", "charts")


def multiply(data: dict[str, Any], times: int, most: int | None = None) -> dict[str, Any]:
    """The facts with their themes repeated `times` over, every copy's ids unique, in at
    most `most` themes (default: as many as the facts model allows)."""
    bigger = copy.deepcopy(data)
    copies = [theme_copy(theme, n) for theme in data["themes"] for n in range(1, times + 1)]
    limit = theme_limit() if most is None else most
    per = -(-len(copies) // limit)  # copies merged into one theme
    bigger["themes"] = [merged(copies[i : i + per]) for i in range(0, len(copies), per)]
    bigger["briefing"]["id"] = f"{data['briefing']['id']}-x{times}"
    return bigger


def theme_limit() -> int:
    """The most themes a facts file may have, from the facts model."""
    sys.path.insert(0, str(ROOT))
    from briefing.facts.model import Facts

    schema = Facts.model_json_schema()["properties"]["themes"]
    return int(schema.get("maxItems", 1_000_000))


def merged(themes: list[dict[str, Any]]) -> dict[str, Any]:
    """One theme holding the content of several: the first's id and titles, every list in turn."""
    if len(themes) == 1:
        return themes[0]
    first = dict(themes[0])
    first["summary"] = "".join(str(theme["summary"]) for theme in themes)
    for key in LISTS:
        items = [item for theme in themes for item in theme.get(key, [])]
        if items:
            first[key] = items
    return first


def theme_copy(theme: dict[str, Any], n: int) -> dict[str, Any]:
    """Copy n of a theme: itself for n = 1, else every id and title inside it renamed."""
    copied = copy.deepcopy(theme)
    if n == 1:
        return copied
    renamed = {ident: f"{ident}-{n}" for ident in ids_in(copied)}
    _rename(copied, renamed)
    for key in TITLED:
        if key in copied:
            copied[key] = f"{copied[key]} {n}"
    for chart in copied.get("charts", []):
        chart["title"] = f"{chart['title']} {n}"
    return copied


def ids_in(node: Any) -> Iterator[str]:
    """Every `id` in a part of the data, its own and its items'."""
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            yield node["id"]
        for value in node.values():
            yield from ids_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from ids_in(value)


def _rename(node: Any, renamed: dict[str, str]) -> None:
    """Ids and references to them, in place."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "id" and isinstance(value, str):
                node[key] = renamed.get(value, value)
            elif key in REFERENCES and isinstance(value, list):
                node[key] = [
                    renamed.get(item, item) if isinstance(item, str) else item for item in value
                ]
                _rename(node[key], renamed)
            else:
                _rename(value, renamed)
    elif isinstance(node, list):
        for value in node:
            _rename(value, renamed)


def write_bigger(facts: Path, target: Path, times: int = 10, most: int | None = None) -> Path:
    """Write the facts multiplied `times` over to `target` (see multiply), comments kept."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = 4096
    data = yaml.load(facts.read_text(encoding="utf-8"))
    out = io.StringIO()
    yaml.dump(multiply(data, times, most), out)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(out.getvalue(), encoding="utf-8")
    return target


def main(argv: list[str]) -> int:
    """Command line: write the bigger facts file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("output", type=Path, help="the facts file to write")
    parser.add_argument("--facts", type=Path, default=FACTS, help="the facts to multiply")
    parser.add_argument("--times", type=int, default=10, help="copies of every theme")
    parser.add_argument("--most", type=int, help="themes at most (default: the model's limit)")
    args = parser.parse_args(argv)
    print(write_bigger(args.facts, args.output, args.times, args.most))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
