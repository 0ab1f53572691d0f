"""Score the figure extractor against the hand-labelled articles under tests/articles/.

Run `.venv/bin/python tools/score_extract.py`: per article and in total, for the tuning set and
the held-out set apart, the recall and precision of figures (value, unit, qualifier), the share of
changes attached to the right figure and the share of kinds right.

A found figure is paired with a gold one that starts where it starts, or failing that with the
gold one its span overlaps most; each is paired once. A pair is right when value, unit and
qualifier agree. A gold change is attached right when it was found, found as a change, and its
`of` points at the figure the gold `of` names (or both have none). Kinds are counted over the
pairs.
"""

from __future__ import annotations

import importlib
import math
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests" / "articles"
EXTRACTOR = "briefing.extract.figures"
TARGETS = {"recall": 0.95, "precision": 0.95, "changes": 0.90, "kinds": 0.90}


class ExtractorMissing(RuntimeError):
    """The extractor module, or its find_figures, cannot be imported."""


class FoundFigure(Protocol):
    """What the scorer reads of one figure the extractor found (see briefing.extract.figures)."""

    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> float: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def qualifier(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def of(self) -> int | None: ...


Finder = Callable[[str], Sequence[FoundFigure]]


@dataclass(frozen=True)
class Gold:
    """One hand-labelled figure: its span in the article and what it should read as."""

    quote: str
    at: str
    start: int
    kind: str
    value: float
    unit: str | None
    qualifier: str
    of: str | None = None
    change_kind: str | None = None

    @property
    def end(self) -> int:
        """End offset (exclusive) of the quote in the article."""
        return self.start + len(self.quote)


@dataclass(frozen=True)
class Article:
    """A test article, its labelled figures and where its facts came from."""

    name: str
    text: str
    source: str
    held_out: bool
    figures: tuple[Gold, ...]


@dataclass
class Tally:
    """Counts from which the four scores are read; they add up over articles."""

    gold: int = 0
    found: int = 0
    right: int = 0
    changes: int = 0
    changes_right: int = 0
    pairs: int = 0
    kinds_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        """Add another tally's counts to this one (misses are not carried)."""
        self.gold += other.gold
        self.found += other.found
        self.right += other.right
        self.changes += other.changes
        self.changes_right += other.changes_right
        self.pairs += other.pairs
        self.kinds_right += other.kinds_right

    @property
    def scores(self) -> dict[str, float]:
        """Recall, precision, changes attached right and kinds right, each 0–1."""
        return {
            "recall": _share(self.right, self.gold),
            "precision": _share(self.right, self.found),
            "changes": _share(self.changes_right, self.changes),
            "kinds": _share(self.kinds_right, self.pairs),
        }


@dataclass
class Report:
    """Tallies per article, and in total for the tuning and held-out sets."""

    articles: dict[str, Tally]
    held_out: dict[str, bool]

    def total(self, held_out: bool | None = None) -> Tally:
        """The sum over the held-out set, the tuning set, or (None) every article."""
        total = Tally()
        for name, tally in self.articles.items():
            if held_out is None or self.held_out[name] == held_out:
                total.add(tally)
        return total


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def offset_of(text: str, at: str) -> int:
    """The 0-based character offset of a 1-based `LINE:COLUMN` in text."""
    line, column = (int(part) for part in at.split(":"))
    lines = text.split("\n")
    if not 1 <= line <= len(lines) or not 1 <= column <= len(lines[line - 1]) + 1:
        raise ValueError(f"{at} is outside the article")
    return sum(len(earlier) + 1 for earlier in lines[: line - 1]) + column - 1


def load_article(gold_path: Path) -> Article:
    """Read NAME.gold.yml and the NAME.txt beside it."""
    name = gold_path.name.removesuffix(".gold.yml")
    text = gold_path.with_name(f"{name}.txt").read_text(encoding="utf-8")
    data: dict[str, Any] = YAML(typ="safe").load(gold_path.read_text(encoding="utf-8"))
    figures = tuple(_gold(text, item) for item in data["figures"])
    return Article(name, text, str(data["source"]), bool(data["held_out"]), figures)


def _gold(text: str, item: dict[str, Any]) -> Gold:
    unit = item.get("unit")
    return Gold(
        quote=str(item["quote"]),
        at=str(item["at"]),
        start=offset_of(text, str(item["at"])),
        kind=str(item["kind"]),
        value=float(item["value"]),
        unit=None if unit is None else str(unit),
        qualifier=str(item["qualifier"]),
        of=None if item.get("of") is None else str(item["of"]),
        change_kind=None if item.get("change_kind") is None else str(item["change_kind"]),
    )


def load_articles(folder: Path = ARTICLES) -> list[Article]:
    """Every labelled article of a folder, by name."""
    return [load_article(path) for path in sorted(folder.glob("*.gold.yml"))]


def load_finder() -> Finder:
    """briefing.extract.figures.find_figures, or ExtractorMissing saying what is missing."""
    try:
        module = importlib.import_module(EXTRACTOR)
    except ImportError as error:
        raise ExtractorMissing(f"the extractor {EXTRACTOR} cannot be imported: {error}") from error
    finder = getattr(module, "find_figures", None)
    if finder is None:
        raise ExtractorMissing(f"{EXTRACTOR} has no find_figures")
    found: Finder = finder
    return found


def pair(found: Sequence[FoundFigure], gold: Sequence[Gold]) -> dict[int, int]:
    """Gold index → found index: same start first, then the largest overlap, each used once."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    starts = {figure.start: index for index, figure in enumerate(found)}
    for g, figure in enumerate(gold):
        if figure.start in starts and starts[figure.start] not in used:
            pairs[g] = starts[figure.start]
            used.add(starts[figure.start])
    for g, figure in enumerate(gold):
        if g in pairs:
            continue
        overlaps = [
            (min(figure.end, f.end) - max(figure.start, f.start), index)
            for index, f in enumerate(found)
            if index not in used and f.start < figure.end and figure.start < f.end
        ]
        if overlaps:
            best = max(overlaps)[1]
            pairs[g] = best
            used.add(best)
    return pairs


def same_reading(found: FoundFigure, gold: Gold) -> bool:
    """Value, unit and qualifier agree."""
    unit = found.unit or None
    return (
        math.isclose(float(found.value), gold.value, rel_tol=1e-9, abs_tol=1e-9)
        and unit == gold.unit
        and str(found.qualifier) == gold.qualifier
    )


def score_article(article: Article, finder: Finder) -> Tally:
    """Tally one article's figures as the finder reads them."""
    found = list(finder(article.text))
    pairs = pair(found, article.figures)
    starts = {figure.at: figure.start for figure in article.figures}
    tally = Tally(gold=len(article.figures), found=len(found))
    for g, figure in enumerate(article.figures):
        match = found[pairs[g]] if g in pairs else None
        if match is not None:
            tally.pairs += 1
            tally.kinds_right += str(match.kind) == figure.kind
        if match is not None and same_reading(match, figure):
            tally.right += 1
        else:
            tally.misses.append(f"{figure.at} {figure.quote}: {_described(match)}")
        if figure.kind == "change":
            tally.changes += 1
            tally.changes_right += _attached(match, found, starts.get(figure.of or ""))
    return tally


def _attached(match: FoundFigure | None, found: list[FoundFigure], gold_of: int | None) -> bool:
    if match is None or str(match.kind) != "change":
        return False
    if match.of is None or not 0 <= match.of < len(found):
        return gold_of is None
    return gold_of is not None and found[match.of].start == gold_of


def _described(found: FoundFigure | None) -> str:
    if found is None:
        return "not found"
    return f"found {found.kind} {found.value:g} {found.unit} {found.qualifier}"


def score(articles: Iterable[Article], finder: Finder | None = None) -> Report:
    """Score every article; the finder is the extractor's unless one is given."""
    finder = finder or load_finder()
    tallies: dict[str, Tally] = {}
    held_out: dict[str, bool] = {}
    for article in articles:
        tallies[article.name] = score_article(article, finder)
        held_out[article.name] = article.held_out
    return Report(tallies, held_out)


def format_report(report: Report, misses: bool = False) -> str:
    """The scores as a table: articles by set, then the set totals and the targets.

    With misses, every gold figure of the tuning set not read right is listed under its article;
    those of the held-out set are never listed, so that no one tunes the extractor on them.
    """
    head = f"{'article':<26} {'gold':>4} {'found':>5} {'recall':>7} {'precis.':>7} "
    head += f"{'changes':>7} {'kinds':>6}"
    lines = [head]
    for held_out, title in ((False, "tuning set"), (True, "held-out set")):
        lines.append(f"-- {title}")
        for name, tally in report.articles.items():
            if report.held_out[name] == held_out:
                lines.append(_row(name, tally))
                shown = misses and not held_out  # held-out misses stay unseen while tuning
                lines.extend(f"     {miss}" for miss in (tally.misses if shown else []))
    lines.append("-- totals")
    lines.append(_row("tuning", report.total(held_out=False)))
    lines.append(_row("held out", report.total(held_out=True)))
    lines.append(_row("all", report.total()))
    targets = ", ".join(f"{name} ≥ {value:.0%}" for name, value in TARGETS.items())
    lines.append(f"targets: {targets}")
    return "\n".join(lines)


def _row(name: str, tally: Tally) -> str:
    s = tally.scores
    return (
        f"{name:<26} {tally.gold:>4} {tally.found:>5} {s['recall']:>7.1%} {s['precision']:>7.1%} "
        f"{s['changes']:>7.1%} {s['kinds']:>6.1%}"
    )


def main(argv: Sequence[str] = ()) -> int:
    """Print the scores (`--misses`: tuning figures not read right); 2 without the extractor."""
    try:
        report = score(load_articles())
    except ExtractorMissing as error:
        print(f"score_extract: {error}", file=sys.stderr)
        return 2
    print(format_report(report, misses="--misses" in argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
