"""From an article to a draft facts file: read it, find its figures, write them located."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefing.extract.reading import read_article

__all__ = ["Drafted", "draft_yaml", "ident_for", "read_article"]


@dataclass(frozen=True)
class Drafted:
    """A draft's YAML text and what it holds."""

    yaml: str
    metrics: int
    changes: int
    rankings: int
    claims: int
    entities: int
    todos: int


def ident_for(article: Path) -> str:
    """A briefing id from an article's file name: 'Ordos 2024.txt' → 'ordos-2024'."""
    words = re.sub(r"[^a-z0-9]+", "-", Path(article).stem.lower()).strip("-")
    return words[:64].rstrip("-") or "draft"


def draft_yaml(text: str, ident: str, article: str) -> Drafted:
    """The draft facts file of an article's text, as YAML, and counts of what it holds."""
    from briefing.extract.draft import draft_facts
    from briefing.extract.writer import to_yaml

    data = draft_facts(text, ident, article)
    header = [
        f"Drafted by `briefing extract` from {article}.",
        "Every metric, change, ranking and claim gives `quote` (the article's words) and `at`",
        "(LINE:COLUMN in the article): check each, fill in every TODO, then run",
        f"  briefing verify FACTS --source {article}",
        "  briefing validate FACTS",
        "  briefing build --data FACTS",
    ]
    yaml = to_yaml(data, header)
    themes = data["themes"]
    metrics = [m for t in themes for m in t.get("metrics", [])]
    changes = sum(
        len(c) if isinstance(c, list) else 1
        for item in metrics + [r for t in themes for r in t.get("rankings", [])]
        if (c := item.get("change"))
    )
    headline = data["headline"]
    return Drafted(
        yaml=yaml,
        metrics=len(metrics),
        changes=changes,
        rankings=len(headline.get("rankings", []))
        + sum(len(t.get("rankings", [])) for t in themes),
        claims=len(headline.get("claims", [])) + sum(len(t.get("claims", [])) for t in themes),
        entities=sum(len(t.get("entities", [])) for t in themes),
        todos=len(re.findall(r"^\s*(?:- )?\w+: \"?TODO", yaml, re.MULTILINE)),
    )
