"""Ranks: positions in published lists (排名第八, 第3位) and standings of figures among peers.

A rank reads 第3位, 第三 or 首位 after 居, 位列 or 排名; a top reads 前20名, a run 连续3年, and
前列, 前茅, 唯一 stand alone. After a figure in its sentence a rank is that figure's standing
(…56项，居各盟市首位); after a list's name it is a ranking (…指数排名第33位).
"""

from __future__ import annotations

import re

from briefing.extract.numerals import CHINESE_NUMERALS
from briefing.extract.spans import (
    BOUNDARY,
    JOINERS,
    SENTENCE_END,
    Raw,
    clause_before,
    inside,
    number_value,
    numeral_of,
    sentence_of,
)

# A rank: what comes before the list position (居全省第三位, 位列第一, 排名第15位).
RANK_TRIGGER = re.compile(r"(?:居|列|排名|排|名列|位于|跃居|升至|跃升至|稳居|保持|排在|列第|依次)")
LIST_WORDS = ("排名", "排行", "指数", "榜", "考核", "评价", "评估", "名单", "测评", "评比", "监测")
# A figure that is itself an evaluation's score: the rank after it is the evaluation's.
SCORES = re.compile(r"指数|得分|评分|效用值")
# What a standing measures when no figure is printed: 增幅居全市第一, 总数跃居首位.
MEASURES = re.compile(r"增幅|增速|增长率|总数|总量|数量|规模|占比|比重")
RANK = re.compile(rf"第(?P<number>\d+|[{CHINESE_NUMERALS}]+)(?P<place>位|名)?|(?P<first>首位|榜首)")
TOP = re.compile(
    rf"(?<![之以提目当向眼])前(?P<number>\d+|[{CHINESE_NUMERALS}]+)(?P<place>名|位|强)?"
    r"(?![季个月年天批届次])"
)
FRONT = re.compile(r"前列|前茅|唯一")
RUNNING = re.compile(rf"连续(?P<number>\d+|[{CHINESE_NUMERALS}]+)(?P<place>年|届|次)")
OUT_OF_AFTER = re.compile(rf"^[（(]?共(?P<number>\d+|[{CHINESE_NUMERALS}]+)")


def ranks(text: str, quoted: list[tuple[int, int]]) -> list[Raw]:
    """Positions in lists (第3位, 首位), tops (前20名), runs (连续3年) and 前列, 唯一."""
    found: list[Raw] = []
    previous: Raw | None = None
    for match in RANK.finditer(text):
        if inside(match.start(), quoted):
            continue
        raw = _rank_at(text, match, previous)
        if raw is not None:
            found.append(raw)
            previous = raw
    for match in (*TOP.finditer(text), *RUNNING.finditer(text)):  # 前三, 连续六年
        value = number_value(match.group("number"))
        if value and not inside(match.start(), quoted):
            found.append(
                Raw(
                    "standing",
                    value,
                    match.group("number"),
                    match.group("place"),
                    "exact",
                    numeral_of(match.group("number")),
                    match.start(),
                    match.end(),
                    match.start("number"),
                )
            )
    for match in FRONT.finditer(text):
        if inside(match.start(), quoted):
            continue
        lead = text[max(0, match.start() - 6) : match.start()]
        if match.group() == "唯一" and not re.search(r"[全国省区市州盟县]$", lead):
            continue
        if match.group() != "唯一" and not re.search(r"(居|列|处于|走在|保持|进入)", lead):
            continue
        found.append(
            Raw(
                "standing",
                0,
                match.group(),
                None,
                "exact",
                "chinese",
                match.start(),
                match.end(),
                match.start(),
            )
        )
    return found


def _rank_at(text: str, match: re.Match[str], previous: Raw | None) -> Raw | None:
    """A rank (第3位, 第三, 首位) read where its words make it one: after 居, 位列, 排名 …,
    or next in a list of ranks (西安高新区第七、杭州高新区第八)."""
    lead = clause_before(text, match.start())
    place = match.group("place")
    after = text[match.end() : match.end() + 1]
    if match.group("first"):
        if not RANK_TRIGGER.search(lead[-12:]) and match.group() != "榜首":
            return None  # 首位战略: no position
        return Raw(
            "ranking",
            1,
            "首",
            "位" if match.group() == "首位" else None,
            "exact",
            "chinese",
            match.start(),
            match.end(),
            match.start(),
        )
    written = match.group("number")
    value = number_value(written)
    if not value:
        return None
    if place is None:
        if after and after not in BOUNDARY + "、的和与，" and after not in "\u3000 ":
            return None  # 第一资源, 第十五次, 第二批
        if not RANK_TRIGGER.search(lead[-14:]) and not _next_in_list(text, match, previous):
            return None
    elif place == "名" and text.startswith("单", match.end()):
        return None
    return Raw(
        "ranking",
        value,
        written,
        place,
        "exact",
        numeral_of(written),
        match.start(),
        match.end(),
        match.start("number"),
    )


def _next_in_list(text: str, match: re.Match[str], previous: Raw | None) -> bool:
    """Whether a rank follows another in a list, a short name between: 第七、杭州高新区第八."""
    if previous is None or previous.end > match.start():
        return False
    between = text[previous.end : match.start()]
    return (
        between[:1] in JOINERS
        and len(between) <= 12
        and not any(ch in BOUNDARY for ch in between)
        and re.search(r"\d", between) is None
    )


def rank_kinds(text: str, raws: list[Raw]) -> list[Raw]:
    """A rank after a figure in its sentence is that figure's standing (…56项，居各盟市首位);
    a rank after a list's name is a ranking (…指数排名第33位), with the list's size if
    printed (在27家…中位列第一, 第3位（共27个）), that figure then not one of its own."""
    consumed: set[int] = set()
    for index, raw in enumerate(raws):
        if raw.kind != "ranking":
            continue
        sentence_start, _ = sentence_of(text, raw.start)
        before = [
            (i, r)
            for i, r in enumerate(raws[:index])
            if r.kind in ("metric", "change") and r.start >= sentence_start and i not in consumed
        ]
        out_of = _out_of_before(text, raw, before)
        if out_of is not None:
            consumed.add(out_of)
            raw.out_of = int(raws[out_of].value)
        else:
            after = OUT_OF_AFTER.match(text[raw.end : raw.end + 12])
            if after:
                raw.out_of = int(number_value(after.group("number")))
        if before:
            figure = before[-1][1]
            between = text[figure.end : raw.start]
            listed = any(word in between for word in LIST_WORDS)
            if not listed and not SCORES.search(clause_before(text, figure.start)):
                raw.kind = "standing"  # …540家，居全国第8位
        elif MEASURES.search(clause_before(text, raw.start)):
            raw.kind = "standing"  # 增幅都跃居全市第一
    return [r for i, r in enumerate(raws) if i not in consumed]


def _out_of_before(text: str, rank: Raw, before: list[tuple[int, Raw]]) -> int | None:
    """The index of the list size printed before a rank: 在27家…中位列第一, or in a clause
    of its own, 在全省13个设区市中，我市排名第5位."""
    if not before:
        return None
    index, size = before[-1]
    between = text[size.end : rank.start]
    lead = text[max(0, size.start - 8) : size.start]
    if "在" not in lead or "中" not in between or any(ch in SENTENCE_END for ch in between):
        return None
    if not any(ch in BOUNDARY for ch in between):
        return index
    own_clause = between[: next(i for i, ch in enumerate(between) if ch in BOUNDARY)]
    return index if own_clause.endswith("中") and len(own_clause) <= 10 else None
