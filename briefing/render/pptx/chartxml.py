"""What a native chart's XML says beyond python-pptx's reach: its data labels' number formats
and its axis ids.

A data label that shows its point's value through a number format follows the data when a
user edits it in PowerPoint; fixed text would not. The format prints the value as the
briefing does: the qualifier and unit as quoted literal text ("近"0"项"), the digits as the
facts wrote them (53.2 → 0.0, 4.10 → 0.00, 12,345 → #,##0). Where no format can print the
form (Chinese numerals such as 突破千家, or a value whose printed digits are not the value),
the label stays fixed text and the slide's notes say so.

python-pptx writes negative axis ids, which the schema forbids (c:axId and c:crossAx are
unsigned): they are renumbered 1, 2 … per chart. Pure functions on the label text, and on lxml
elements handed in; no python-pptx import, so the slide plan may ask which labels are fixed.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, cast

from briefing.story.model import ChartSpec, single_share

if TYPE_CHECKING:
    from lxml import etree
    from pptx.chart.datalabel import DataLabel

    Element = etree._Element

CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")  # 12,345.6 or 53.2
MAX_FORMAT = 255  # Excel's longest number format
AXES = ("catAx", "valAx", "dateAx", "serAx")
# c:dLbl's children after c:numFmt, in schema order (c:idx, c:layout and c:tx come before).
DLBL_AFTER_NUMFMT = (
    "spPr",
    "txPr",
    "dLblPos",
    "showLegendKey",
    "showVal",
    "showCatName",
    "showSerName",
    "showPercent",
    "showBubbleSize",
    "separator",
    "extLst",
)


def chart_name(local: str) -> str:
    """A chart element's qualified name: 'axId' → '{…/chart}axId'."""
    return f"{{{CHART_NS}}}{local}"


# ── Label formats ───────────────────────────────────────────────────────────


def label_format(printed: str, value: float) -> str | None:
    """The Excel number format that prints `value` exactly as `printed` (近56项 → "近"0"项"),
    or None where none can: no digits of the value in it (近百次, 两项), or digits that are
    not the value (1.2万 for 12000). A literal before the number gets a negative section of
    its own ("约"0;"约-"0), so a value edited below zero still reads 约-3, not -约3."""
    if not math.isfinite(value):
        return None
    found = [m for m in NUMBER.finditer(printed) if _number(m.group()) == abs(value)]
    if len(found) != 1:
        return None
    (match,) = found
    before, digits, after = printed[: match.start()], match.group(), printed[match.end() :]
    if value < 0:
        if not before.endswith("-"):
            return None
        before = before[:-1]
    if '"' in before + after:
        return None
    code = digits_format(digits)
    if shown_digits(code, abs(value)) != digits:
        return None  # leading zeros, or digits a format cannot write
    positive = _literal(before) + code + _literal(after)
    negative = _literal(before + "-") + code + _literal(after)
    chosen = f"{positive};{negative}" if before or value < 0 else positive
    return chosen if len(chosen) <= MAX_FORMAT else None


def digits_format(digits: str) -> str:
    """The digit placeholders for digits as written: 56 → 0, 4.10 → 0.00, 12,345 → #,##0."""
    whole, _, decimals = digits.partition(".")
    code = "#,##0" if "," in whole else "0"
    return code + ("." + "0" * len(decimals) if decimals else "")


def shown_digits(code: str, magnitude: float) -> str:
    """How a digits format (0, 0.00, #,##0.0) prints a value of no sign."""
    _, _, decimals = code.partition(".")
    grouping = "," if "," in code else ""
    return format(magnitude, f"{grouping}.{len(decimals)}f")


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _literal(text: str) -> str:
    return f'"{text}"' if text else ""


def fixed_labels(spec: ChartSpec) -> list[str]:
    """The printed values a chart of the deck labels with fixed text, in order: those no number
    format can print. A ring has no data labels (its value is a text box in the hole) and a
    ranking is shapes, not chart data: none."""
    if single_share(spec) or spec.kind == "ranking" or not spec.panels:
        return []
    bars = [b for s in spec.series for b in s.bars]
    return [b.printed for b in bars if label_format(b.printed, b.value) is None]


# ── Data labels ─────────────────────────────────────────────────────────────


def label_element(label: DataLabel) -> Element:
    """A data label's c:dLbl, made where it has none yet."""
    return cast("Element", label._get_or_add_dLbl())


def show_number(label: Element, code: str) -> None:
    """A data label (c:dLbl) that shows its point's value in this number format, not linked to
    the data's own format: no fixed text, the value shown, on one line."""
    for tx in label.findall(chart_name("tx")):
        label.remove(tx)
    for old in label.findall(chart_name("numFmt")):
        label.remove(old)
    number = label.makeelement(chart_name("numFmt"), {"formatCode": code, "sourceLinked": "0"})
    _insert(label, number, DLBL_AFTER_NUMFMT)
    shown = label.find(chart_name("showVal"))
    if shown is None:
        shown = label.makeelement(chart_name("showVal"), {})
        _insert(label, shown, DLBL_AFTER_NUMFMT[4:])
    shown.set("val", "1")
    body = label.find(f"{chart_name('txPr')}/{{{DRAWING_NS}}}bodyPr")
    if body is not None:
        body.set("wrap", "none")  # viewers otherwise wrap a long label


def number_format(label: Element) -> str | None:
    """The number format a data label shows its value in, or None (fixed text, or linked)."""
    found = label.find(chart_name("numFmt"))
    if found is None or found.get("sourceLinked") not in ("0", "false"):
        return None
    return found.get("formatCode")


def _insert(parent: Element, new: Element, successors: tuple[str, ...]) -> None:
    """`new` before the first child that the schema puts after it, else last."""
    names = {chart_name(s) for s in successors}
    following = next((c for c in parent if c.tag in names), None)
    if following is not None:
        following.addprevious(new)
    else:
        parent.append(new)


# ── Axis ids ────────────────────────────────────────────────────────────────


def number_axes(space: Element) -> dict[str, str]:
    """Every c:axId and c:crossAx of a chart renumbered 1, 2 … in the order its axes are
    declared (unsigned, as the schema wants; the same for every build); the old id → new."""
    plot = space.find(f"{chart_name('chart')}/{chart_name('plotArea')}")
    if plot is None:
        return {}
    renamed: dict[str, str] = {}
    for axis in plot:
        if axis.tag in {chart_name(a) for a in AXES}:
            own = axis.find(chart_name("axId"))
            if own is not None:
                renamed.setdefault(own.get("val", ""), str(len(renamed) + 1))
    for element in plot.iter(chart_name("axId"), chart_name("crossAx")):
        old = element.get("val", "")
        if old in renamed:
            element.set("val", renamed[old])
    return renamed
