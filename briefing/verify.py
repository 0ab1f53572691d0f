"""Check a facts file against its source article: every figure found there, none left out.

A figure of the facts (a metric's value, its changes and series, a ranking's rank and list
size) is in the source when the article prints it, or prints the same value another way:
1.2万人 is 12000人, 两项 is 2项, 首位 is 第1位. Each one that is not is a problem at its place
in the facts file; each figure of the article the facts say nothing of is a warning at its
place in the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import Problem
from briefing.extract.figures import Found, find_figures
from briefing.extract.reading import read_article
from briefing.extract.units import MULTIPLIERS
from briefing.facts.loader import read_facts
from briefing.facts.model import Change, ChangeKind, Facts, Metric, Ranking
from briefing.facts.printed import format_change, format_value
from briefing.yamlfile import Document, Loc

SCALE = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "亿": 10**8, "万": 10**4}
SAME_UNIT = {"％": "%", "名": "人"}
DEFAULT_CHANGE_UNITS = {
    ChangeKind.yoy: "%",
    ChangeKind.growth: "%",
    ChangeKind.points: "个百分点",
    ChangeKind.places: "位",
}


@dataclass(frozen=True)
class Verdict:
    """What verifying a facts file against its source found."""

    problems: list[Problem]  # figures of the facts not in the source, in file order
    warnings: list[Problem]  # figures of the source the facts leave out, in article order
    checked: int  # figures of the facts looked up
    in_source: int  # figures the article holds


@dataclass(frozen=True)
class _Claimed:
    """One figure the facts state, where, and how it reads."""

    loc: Loc
    what: str  # "metric 'rd-spending'"
    printed: str  # 53.2亿元
    value: float
    unit: str
    qualifier: str | None  # None: any qualifier (a list size, a series value)
    kinds: tuple[str, ...]  # the kinds of source figure that may hold it


def verify_facts(facts_path: Path, article_path: Path) -> Verdict:
    """Verify a facts file (which must validate) against the article it was drawn from."""
    facts, document = read_facts(facts_path)
    text = read_article(article_path)
    found = find_figures(text)
    problems: list[Problem] = []
    used: set[int] = set()
    claimed = list(_claimed(facts))
    for item in claimed:
        matches = [i for i, f in enumerate(found) if _same(item, f)]
        exact = [i for i in matches if item.qualifier in (None, found[i].qualifier)]
        used.update(matches)
        if exact:
            continue
        line, column = document.position(item.loc)
        if matches:
            other = found[matches[0]]
            reason = (
                f"{item.what}: {item.printed} is not in the source, which prints "
                f"{other.quote} ({article_path}:{other.line}:{other.column})"
            )
        elif item.printed and item.printed in text:
            continue  # printed as it stands, where the figure reader does not look
        else:
            reason = f"{item.what}: {item.printed} is not in the source"
        problems.append(Problem(str(facts_path), line, column, "", reason))
    texts = "\n".join(_texts(document.data()))
    warnings = [
        Problem(str(article_path), f.line, f.column, "", f"{f.quote} is not in the facts")
        for i, f in enumerate(found)
        if i not in used
        and f.kind != "standing"
        and f.quote not in texts
        and not (f.kind == "change" and f.of in used)
        and not (f.kind == "change" and f.of is None and _number_in(f, texts))
    ]
    return Verdict(
        sorted(problems, key=lambda p: (p.line, p.column)),
        warnings,
        len(claimed),
        sum(1 for f in found if f.kind != "standing"),
    )


def _claimed(facts: Facts) -> Iterator[_Claimed]:
    """Every figure the facts state, with its place in the file."""
    for loc, ranking in _rankings(facts):
        yield from _ranking(loc, ranking)
    for t, theme in enumerate(facts.themes):
        for m, metric in enumerate(theme.metrics):
            yield from _metric(("themes", t, "metrics", m), metric)


def _rankings(facts: Facts) -> Iterator[tuple[Loc, Ranking]]:
    for r, ranking in enumerate(facts.headline.rankings):
        yield ("headline", "rankings", r), ranking
    for t, theme in enumerate(facts.themes):
        for r, ranking in enumerate(theme.rankings):
            yield ("themes", t, "rankings", r), ranking


def _metric(loc: Loc, metric: Metric) -> Iterator[_Claimed]:
    what = f"metric '{metric.id}'"
    yield _Claimed(
        (*loc, "value"), what, format_value(metric), metric.value, metric.unit,
        metric.qualifier.value, ("metric", "change"),
    )  # fmt: skip
    for c, change in enumerate(metric.changes):
        where = (*loc, "change", c) if isinstance(metric.change, list) else (*loc, "change")
        yield _change(where, what, change, metric.unit)
    for year, value in metric.series.items():
        yield _Claimed(
            (*loc, "series", year), what, f"{year}: {value:g}{metric.unit}", value, metric.unit,
            None, ("metric", "change"),
        )  # fmt: skip


def _change(loc: Loc, what: str, change: Change, unit: str) -> _Claimed:
    shown = change.unit or DEFAULT_CHANGE_UNITS.get(change.kind) or unit
    return _Claimed(
        (*loc, "value"), f"{what}: change", format_change(change, unit), change.value, shown,
        change.qualifier.value, ("change", "metric"),
    )  # fmt: skip


def _ranking(loc: Loc, ranking: Ranking) -> Iterator[_Claimed]:
    what = f"ranking '{ranking.id}'"
    place = ranking.place or "位"
    yield _Claimed(
        (*loc, "rank"), what, f"第{ranking.rank}{ranking.place}", ranking.rank, place, "exact",
        ("ranking", "standing"),
    )  # fmt: skip
    if ranking.out_of is not None:
        yield _Claimed(
            (*loc, "out_of"), f"{what}: list size", f"{ranking.out_of}", ranking.out_of, "",
            None, ("out_of",),
        )  # fmt: skip
    if ranking.change is not None:
        yield _change((*loc, "change"), what, ranking.change, "位")


def _same(item: _Claimed, found: Found) -> bool:
    """Whether a source figure states the same value as a figure of the facts."""
    if "out_of" in item.kinds:
        return found.out_of == item.value or (
            found.kind == "metric" and abs(found.value - item.value) < 1e-9
        )
    if found.kind not in item.kinds:
        return False
    if found.kind in ("ranking", "standing"):
        return found.value == item.value
    value, unit = _scaled(found.value, found.unit or "")
    wanted, wanted_unit = _scaled(item.value, item.unit)
    if unit != wanted_unit:
        return False
    if found.kind == "change" and "change" in item.kinds and item.kinds[0] == "change":
        return abs(value - wanted) <= 1e-9 * max(1.0, abs(wanted))
    return abs(abs(value) - abs(wanted)) <= 1e-9 * max(1.0, abs(wanted))


def _scaled(value: float, unit: str) -> tuple[float, str]:
    """A value in its unit without a multiplier: (1.2, 万人) → (12000, 人); a unit still
    marked for the editor (TODO: 单位, %（TODO：…）) is read without its mark."""
    unit = re.sub(r"[（(]?TODO.*$", "", unit).strip()
    for word in MULTIPLIERS:
        base = unit[len(word) :]
        if unit.startswith(word) and base:
            return value * SCALE[word], SAME_UNIT.get(base, base)
    return value, SAME_UNIT.get(unit, unit)


def _number_in(found: Found, texts: str) -> bool:
    return found.written in texts


def _texts(node: Any) -> Iterator[str]:
    """Every text of the facts data: names, claims, notes, highlights carry figures too."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


def located(document: Document, loc: Loc) -> tuple[int, int]:
    """The line and column of a place in a facts file."""
    return document.position(loc)
