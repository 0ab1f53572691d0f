"""Changes: a figure's verb makes it one (同比增长28%, 新增50家, 提高2.1个百分点), attached to
the figure it changes."""

from __future__ import annotations

import itertools
import re

from briefing.extract.spans import JOINERS, Raw, clause_before, sentence_of
from briefing.extract.units import MULTIPLIERS

# A change: its verb (and what it compares with) just before the number; a count after 新增
# may follow the thing counted (新增研发机构33家).
CHANGE = re.compile(
    r"(?P<since>同比|环比|较上年同期|比上年同期|较去年同期|比去年同期|较上年|比上年|较去年|比去年|较上一年|"
    r"较\d{4}年(?:底|末)?|比\d{4}年(?:底|末)?)?"
    r"(?:年均|平均)?"
    r"(?P<verb>增长|增加|提高|提升|上升|上涨|增幅|增速|增长率|新增|净增|"
    r"下降|减少|降低|回落|下滑|降幅|缩短|压缩|前移|后退|跃升|攀升)"
    r"(?:(?<=新增|净增)[^\d，,。；;：:、“”《》的中有是]{1,16}?)?"
    r"(?:了|达到|达|为|分别为|分别达到|分别达|共|共计)?$"
)
FALLS = ("下降", "减少", "降低", "回落", "下滑", "降幅", "缩短", "压缩", "后退")
SHARES = ("%", "％", "‰")
EACH = re.compile(r"分别|二者|两者|三者|均")


def read_changes(text: str, raws: list[Raw]) -> list[Raw]:
    """Mark the figures its verb makes changes (同比增长28%), each attached to the figure
    it changes: the last figure before it in its sentence, else the next one; a count
    after 新增 with nothing to change stays a figure of its own."""
    for index, raw in enumerate(raws):
        if raw.kind != "metric":
            continue
        lead = clause_before(text, raw.start)
        match = CHANGE.search(lead)
        if match is None and raws[index - 1 : index] and raws[index - 1].kind == "change":
            previous = raws[index - 1]
            if re.fullmatch(r"[、和与及]", text[previous.end : raw.start]):
                raw.kind, raw.change_kind = "change", previous.change_kind
                raw.value = -raw.value if previous.value < 0 else raw.value
            continue
        if match is None:
            continue
        raw.change_kind = _change_kind(match, raw.unit or "")
        if raw.change_kind is None:
            continue
        raw.kind = "change"
        if match.group("verb") in FALLS:
            raw.value = -raw.value
    _attach(text, raws)
    return raws


def _change_kind(match: re.Match[str], unit: str) -> str | None:
    """The ChangeKind a verb and unit make: yoy, growth, added, points, places."""
    verb, since = match.group("verb"), match.group("since")
    if unit.endswith("百分点"):
        return "points"
    if unit in ("位", "名") and verb in ("提升", "上升", "前移", "下降", "后退", "跃升", "攀升"):
        return "places"
    if unit in ("%", "％", "倍", "‰"):
        return "yoy" if since and ("同" in since or "环比" in since) else "growth"
    if verb in ("新增", "净增", "增加", "减少", "增长", "提高", "提升", "下降"):
        return "added"
    return None


def _attach(text: str, raws: list[Raw]) -> None:
    """Each change to the figure it changes; 分别 pairs changes with figures in order."""
    for index, raw in enumerate(raws):
        if raw.kind != "change":
            continue
        start, end = sentence_of(text, raw.start)
        wanted = ("ranking",) if raw.change_kind == "places" else ("metric",)
        earlier = [r for r in raws[:index] if r.kind in wanted and r.start >= start]
        later = [r for r in raws[index + 1 :] if r.kind in wanted and r.end <= end]
        if raw.change_kind == "added":
            earlier = [r for r in earlier if _same_measure(r, raw)]
            later = [r for r in later if _same_measure(r, raw)]
        if earlier:
            raw.of = _paired(text, raws, index, earlier)
        elif later and raw.change_kind == "added" and _total_after(text, raw, later[0]):
            raw.of = later[0]  # 新增研发机构33家，总数达到1630家
        elif raw.change_kind == "added":
            raw.kind, raw.change_kind = "metric", None  # 新增50家 alone: a figure
            raw.value = abs(raw.value)


TOTAL = re.compile(r"达到|达|总数|总量|累计|增至|增加到|共有|共计|总计|合计")


def _total_after(text: str, change: Raw, figure: Raw) -> bool:
    """Whether the figure after a count of new ones is the total it adds to (新增50家、达到
    281家), not the next count of a list (新增A 1家、B 1家)."""
    between = text[change.end : figure.start]
    return TOTAL.search(between) is not None and not re.search("新增|净增", between)


def _same_measure(figure: Raw, change: Raw) -> bool:
    """Whether a count or amount can change a figure: the same unit but for 万, 亿 …"""
    return _base_unit(figure.unit) == _base_unit(change.unit)


def _base_unit(unit: str | None) -> str:
    unit = unit or ""
    for multiplier in MULTIPLIERS:
        if unit.startswith(multiplier) and len(unit) > len(multiplier):
            return unit[len(multiplier) :]
    return unit


def _paired(text: str, raws: list[Raw], index: int, earlier: list[Raw]) -> Raw:
    """The figure a change belongs to: the one at its place for a run of changes after as
    many figures (330家、701家，分别增长12%、15%; 23003项，成交额823.57亿元，二者分别增长…);
    a growth rate's change for 增速提高…个百分点; a share or index for other points; the
    figure before a share for a growth in %; else the last figure before it."""
    change = raws[index]
    in_run = _in_paired_run(text, raws, index, earlier)
    if in_run is not None:
        return in_run
    lead = clause_before(text, change.start)
    if change.change_kind == "points" and re.search(r"增速|增幅", lead):
        changes = [r for r in raws[:index] if r.kind == "change" and r.start >= earlier[0].start]
        if changes:
            return changes[-1]
    if change.change_kind == "points":
        shares = [r for r in earlier if r.unit in SHARES or r.unit is None]
        return (shares or earlier)[-1]
    if change.change_kind in ("yoy", "growth"):
        wholes = [r for r in earlier if not _is_share_of_whole(text, r)]
        return (wholes or earlier)[-1]
    return earlier[-1]


def _in_paired_run(text: str, raws: list[Raw], index: int, earlier: list[Raw]) -> Raw | None:
    """For a change in a run of changes (增长12%、15%), the figure at its place among as
    many figures before: figures listed together, or any where the run says 分别 or 二者."""

    def joined(left: Raw, right: Raw) -> bool:
        between = text[left.end : right.start]
        return len(between) == 1 and between in JOINERS

    first = index
    while first > 0 and raws[first - 1].kind == "change" and joined(raws[first - 1], raws[first]):
        first -= 1
    last = index
    while (
        last + 1 < len(raws)
        and raws[last + 1].kind == "change"
        and joined(raws[last], raws[last + 1])
    ):
        last += 1
    count = last - first + 1
    if count < 2:
        return None
    figures = raws[max(0, first - count) : first]
    if (
        len(figures) == count
        and all(f in earlier and f.kind == "metric" for f in figures)
        and all(joined(a, b) for a, b in itertools.pairwise(figures))
    ):
        return figures[index - first]
    said_each = EACH.search(clause_before(text, raws[first].start))
    metrics = [f for f in earlier if f.kind == "metric" and f.start < raws[first].start]
    if said_each and len(metrics) >= count:
        return metrics[len(metrics) - count + index - first]
    return None


def _is_share_of_whole(text: str, figure: Raw) -> bool:
    """A share printed as part of a whole (占全国的18.1%, 比重为2.4%): a growth in % after it
    is of the figure before, since a share's own change is written in 个百分点."""
    if figure.unit not in SHARES:
        return False
    return re.search(r"占|比重|占比", clause_before(text, figure.start)) is not None
