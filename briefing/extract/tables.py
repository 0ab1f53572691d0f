"""Figures in tables: bare numbers in rows under a header, a rank column read as rankings."""

from __future__ import annotations

import re

from briefing.extract.counts import ARABIC
from briefing.extract.numerals import arabic_value
from briefing.extract.spans import Raw

CELL_SPLIT = re.compile(r"[ \t\u3000|]+")
BARE = re.compile(rf"^(?:{ARABIC})%?$")
RANK_HEADS = ("排序", "排名", "位次", "名次")


def table_cells(text: str) -> list[Raw]:
    """Bare numbers in the rows of a table (cells split by spaces, tabs or |): a rank
    column (排名, 排序, 位次) gives rankings, the others figures with no unit (in the header)."""
    found: list[Raw] = []
    offset = 0
    header: list[str] | None = None
    for line in text.split("\n"):
        cells = [c for c in CELL_SPLIT.split(line.strip()) if c]
        numeric = [c for c in cells if BARE.match(c)]
        tabular = len(cells) >= 2 and not re.search(r"[。，；]", line)
        if tabular and numeric and header is not None and len(cells) == len(header):
            position = offset
            for cell, head in zip(cells, header, strict=True):
                at = text.find(cell, position, offset + len(line))
                position = at + len(cell)
                if not BARE.match(cell) or head.startswith("序号"):
                    continue
                unit = "%" if cell.endswith("%") else None
                digits = cell.rstrip("%")
                kind = "ranking" if head.startswith(RANK_HEADS) else "metric"
                found.append(
                    Raw(
                        kind,
                        arabic_value(digits),
                        digits,
                        unit,
                        "exact",
                        "arabic",
                        at,
                        at + len(cell),
                        at,
                    )
                )
        elif tabular and not numeric:
            header = cells
        elif not tabular:
            header = None
        offset += len(line) + 1
    return found
