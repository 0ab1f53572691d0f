"""Every figure of an article: value, unit, qualifier, where it stands; changes and ranks.

Chinese statistical writing is regular: a qualifier (突破, 超, 近, 约), a number (53.2, 千,
两千一百二十四), a unit (亿元, 家, 个百分点, %), a trailing qualifier (余, 以上, 左右); a change
has its verb before it (同比增长28%, 新增50家, 提高2.1个百分点); a rank reads 第3位 or 首位
after 居, 位列 or 排名. This module runs the readers in order (counts, ranks, tables, then
units shared, changes attached and ranks sorted into rankings and standings) and locates what
they found.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from briefing.extract.changes import read_changes
from briefing.extract.counts import counts, shared_units
from briefing.extract.ranks import rank_kinds, ranks
from briefing.extract.spans import Raw, quoted_spans
from briefing.extract.tables import table_cells


@dataclass(frozen=True)
class Found:
    """One figure (or change, ranking, standing) read from an article."""

    kind: str  # "metric" | "change" | "ranking" | "standing"
    value: float  # a ranking: its rank; a standing: its rank if any, else 0
    written: str  # the number as printed: "1630", "1,086.2", "两千一百二十四", "首"
    unit: str | None  # as printed: "亿元", "万平方米", "个百分点", "%", "位", "家" …
    qualifier: str  # a Qualifier value
    numeral: str  # a Numeral value: arabic chinese liang
    start: int  # offset of the quote in the article text (0-based)
    end: int  # end offset (exclusive): quote == text[start:end]
    line: int  # 1-based line of `start`
    column: int  # 1-based column of `start`, in characters
    of: int | None = None  # a change: index of the figure it changes
    change_kind: str | None = None  # a change: a ChangeKind value
    out_of: int | None = None  # a ranking: the list size where printed
    text: str = field(default="", repr=False, compare=False)  # the whole article

    @property
    def quote(self) -> str:
        """The exact span of the article it was read from."""
        return self.text[self.start : self.end]

    def __repr__(self) -> str:
        return (
            f"Found({self.kind} {self.quote!r} at {self.line}:{self.column} value={self.value:g}"
            f" unit={self.unit} {self.qualifier}"
            + (f" {self.change_kind} of={self.of}" if self.kind == "change" else "")
            + (f" out_of={self.out_of}" if self.out_of else "")
            + ")"
        )


def find_figures(text: str) -> list[Found]:
    """Every figure of the article, in reading order."""
    quoted = quoted_spans(text)
    raws = [r for r in counts(text, quoted) if r is not None]
    raws += ranks(text, quoted)
    raws += table_cells(text)
    raws.sort(key=lambda r: r.start)
    raws = _drop_overlaps(raws)
    raws = shared_units(text, raws)
    raws = read_changes(text, raws)
    raws = rank_kinds(text, raws)
    return _located(text, raws)


def _drop_overlaps(raws: list[Raw]) -> list[Raw]:
    """Where two readings cover the same text, the longer (then the earlier) wins."""
    kept: list[Raw] = []
    for raw in raws:
        if kept and raw.start < kept[-1].end:
            if raw.end - raw.start > kept[-1].end - kept[-1].start:
                kept[-1] = raw
            continue
        kept.append(raw)
    return kept


def _located(text: str, raws: list[Raw]) -> list[Found]:
    """The figures with their lines and columns, changes pointing at list indexes."""
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    index_of = {id(r): i for i, r in enumerate(raws)}
    found = []
    for raw in raws:
        line = bisect.bisect_right(line_starts, raw.start)
        found.append(
            Found(
                kind=raw.kind,
                value=raw.value,
                written=raw.written,
                unit=raw.unit,
                qualifier=raw.qualifier,
                numeral=raw.numeral,
                start=raw.start,
                end=raw.end,
                line=line,
                column=raw.start - line_starts[line - 1] + 1,
                of=index_of.get(id(raw.of)) if raw.of is not None else None,
                change_kind=raw.change_kind,
                out_of=raw.out_of,
                text=text,
            )
        )
    return found
