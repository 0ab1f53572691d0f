"""Numbers with units: counts, amounts and shares as printed, with their qualifiers.

A qualifier (突破, 超, 近, 约), a number (53.2, 千, 两千一百二十四), a unit (亿元, 家, 个百分点,
%), a trailing qualifier (余, 以上, 左右). Numbers that are not facts (years, dates, 四川, 5G,
两手抓, 一是, “科技新政30条”, 第十五次) have no unit, or sit in quotes, or are numbered things,
and are passed by.
"""

from __future__ import annotations

import re

from briefing.extract.numerals import CHINESE_NUMERALS, arabic_value, chinese_value, is_liang
from briefing.extract.spans import BOUNDARY, Raw, clause_before, inside, numeral_of
from briefing.extract.units import (
    AFTER,
    BEFORE,
    BETWEEN,
    IDIOMS,
    MULTIPLIERS,
    NOT_AFTER_UNIT,
    UNITS_LONGEST_FIRST,
)

ARABIC = r"\d+(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER = re.compile(rf"(?P<arabic>{ARABIC})|(?P<chinese>[{CHINESE_NUMERALS}]+)")
LATIN = re.compile(r"[A-Za-z]")


def counts(text: str, quoted: list[tuple[int, int]]) -> list[Raw | None]:
    """Every number with a unit after it that is a figure."""
    found = []
    for match in NUMBER.finditer(text):
        if inside(match.start(), quoted) or _in_idiom(text, match.start(), match.end()):
            continue
        found.append(_count_at(text, match))
    return found


def _count_at(text: str, match: re.Match[str]) -> Raw | None:
    """The figure a number starts, or None if it is not one."""
    start, end = match.start(), match.end()
    written = match.group()
    before = text[max(0, start - 1) : start]
    if match.group("arabic"):
        if before and (LATIN.match(before) or before in ".-/－—~～" or before.isdigit()):
            return None  # CO2, 0477-8394929, 3-5年
        value, numeral = arabic_value(written), "arabic"
    else:
        if written[0] in "万亿" or written in ("一",):
            return None  # 万吨级, 一批, 一个: no figure
        written, end = _magnitude_apart(written, end)
        number = chinese_value(written)
        if number is None:
            return None
        value, numeral = float(number), "liang" if is_liang(written) else "chinese"
    if before == "第":
        return None  # a position, read by ranks
    unit, unit_end, qualifier = _unit_after(text, end, not match.group("arabic"))
    if unit is None:
        return _index_value(text, match) if numeral == "arabic" else None
    if not _unit_stands(text, match, unit, unit_end):
        return None
    if numeral != "arabic" and _names_a_list(text, unit, unit_end):
        return None  # 五个方面, 两项指标均…, 两位数: no figure
    if _counts_the_list_before(text, start, unit_end, value):
        return None  # 广东、江苏和山东三个省: the items just named, counted
    if value == 0:
        return None  # 零部件
    qualifier, qualifier_start, unit_end = _qualified(text, start, unit_end, qualifier)
    if _defines_a_class(text, start, unit, unit_end, qualifier):
        return None  # 不足两千万元的企业, 得分超过80分的企业: a threshold, no figure
    return Raw("metric", value, written, unit, qualifier, numeral, qualifier_start, unit_end, start)


def _magnitude_apart(written: str, end: int) -> tuple[str, int]:
    """Chinese numerals ending in a magnitude keep it for the unit: 两千万元 is 两千 万元."""
    for magnitude in ("万亿", "亿", "万"):
        if len(written) > len(magnitude) and written.endswith(magnitude):
            return written[: -len(magnitude)], end - len(magnitude)
    return written, end


def _unit_stands(text: str, match: re.Match[str], unit: str, unit_end: int) -> bool:
    """Whether the unit after a number makes a figure, not a code or a name (5GB, 万吨级,
    三次会议, 十四届, 名单)."""
    arabic = match.group("arabic") is not None
    if LATIN.match(text[unit_end : unit_end + 1]) and unit[-1:].isascii():
        return False  # 5GB… glued to more letters
    if unit[-1:].isascii() and unit[-1:].isalpha() and not arabic:
        return False
    if arabic and LATIN.match(text[match.end() : match.end() + 1]) and not unit[:1].isascii():
        return False
    if text.startswith(NOT_AFTER_UNIT, unit_end):
        return False  # 万吨级, 三次会议, 十四届
    return not (unit == "名" and text.startswith("单", unit_end))


def _qualified(text: str, start: int, unit_end: int, qualifier: str | None) -> tuple[str, int, int]:
    """The qualifier of a figure (突破, 超过, 近, 约 before it; 余, 多 inside; 以上, 左右
    after), where its quote starts and where it ends."""
    qualifier_start = start
    for word, meaning in BEFORE.items():
        if text.endswith(word, 0, start):
            qualifier, qualifier_start = qualifier or meaning, start - len(word)
            break
    for word, meaning in AFTER.items():
        if text.startswith(word, unit_end):
            qualifier, unit_end = meaning, unit_end + len(word)
            break
    return qualifier or "exact", qualifier_start, unit_end


# An index value or a score printed with no unit: 科技创新水平指数达到53.5, 得分为87.6.
INDEX_WORDS = r"(?:指数|指数值|得分|评分|分值|效用值)"
INDEX_VERBS = r"(?:为|是|达到|达|升至|提高到|提高至|提升到|提升至|增至|上升到|上升至|跃升至|保持在)"
INDEX_LEAD = re.compile(
    rf"{INDEX_WORDS}(?:均|都|分别|力争|预计|将|要|已|首次|继续)*{INDEX_VERBS}?(?:突破|超过|超|近|约)?$"
)
# Its change, also with no unit, in the next clause: 指数为68.2，比上年提高2.3.
INDEX_CHANGE_LEAD = re.compile(r"(?:比上年|较上年|同比)?(?:提高|提升|增加|上升|下降|降低|减少)了?$")
INDEX_BEFORE = re.compile(rf"{INDEX_WORDS}\S{{0,6}}?(?:{ARABIC})(?:以上|左右)?[，,]$")


def _index_value(text: str, match: re.Match[str]) -> Raw | None:
    """An index value or score written without a unit (指数达到53.5, 指数达到160以上,
    指数均超过70), or its change in the next clause (…，比上年提高2.3), read where the
    clause names the index and the number ends it."""
    start, end = match.start(), match.end()
    lead = clause_before(text, start)
    index_lead = INDEX_LEAD.search(lead)
    if index_lead is None or index_lead.group() in ("指数", "得分", "评分", "分值", "效用值"):
        if not INDEX_CHANGE_LEAD.search(lead):
            return None
        comma = start - len(lead) - 1
        if comma < 0 or not INDEX_BEFORE.search(clause_before(text, comma) + text[comma]):
            return None
    qualifier, qualifier_start, stop = _qualified(text, start, end, None)
    if stop < len(text) and text[stop] not in BOUNDARY + "、和与及":
        return None  # 指数为2023年…: the number runs on into a word
    value = arabic_value(match.group())
    return Raw(
        "metric", value, match.group(), None, qualifier, "arabic", qualifier_start, stop, start
    )


# Words that bound a class, not a figure: 不足两千万元的企业, 超过80分的企业.
BOUND = re.compile(r"(?:不足|低于|少于|不到|不超过|不低于|高于|超过|超)$")
CLASS = r"(?:企业|单位|项目|机构|园区|城市|地区|县|市|区|高校|人员|人才|产品|主体)"
OF_A_CLASS = re.compile(rf"^的[^，,。；;\d]{{0,8}}?{CLASS}")
SHARE_OF_CLASS = re.compile(rf"\d(?:\.\d+)?[%％](?:以上|以下|左右)?的[^，,。；;\d]{{0,8}}?{CLASS}")


def _defines_a_class(text: str, start: int, unit: str, end: int, qualifier: str) -> bool:
    """A threshold that defines a class is no figure: 年销售收入不足两千万元的企业 (a bound,
    then 的), or 76%以上的企业综合评价得分超过80分 (after the share of a class, the bound
    that makes it)."""
    lead = clause_before(text, start)
    bounded = BOUND.search(lead) is not None
    of_a_class = OF_A_CLASS.match(text[end : end + 12]) is not None
    if bounded and of_a_class:
        return True  # 不足两千万元的企业; not 贡献了超过50%的产值
    if unit not in ("%", "％") and text.startswith(("以上的", "以下的"), end - 2):
        return OF_A_CLASS.match(text[end : end + 12]) is not None  # 10万元以上的企业
    bounded = bounded or qualifier in ("above", "more_than")
    share = unit in ("%", "％")  # 30%的企业贡献了超过50%的产值: a share of the whole
    return bounded and not share and SHARE_OF_CLASS.search(lead) is not None


PLACES = re.compile(r"[^，,。；;]{0,2}?(?:省市|城市|地市|区县|省|市|县|区|方面|领域|行业|园区)")


def _counts_the_list_before(text: str, start: int, end: int, value: float) -> bool:
    """Whether a count only counts the items listed just before it, joined by 、 and 和:
    广东、江苏、北京、浙江、上海和山东六个省市."""
    lead = clause_before(text, start)
    if "、" not in lead:
        return False
    items = [item for item in re.split(r"[、和与及]", lead) if item]
    if not items or re.search("的|等", items[-1]) or len(items[-1]) > 8:
        return False  # 汽车电子领域的三家企业, 院士、博士等2人: the count is of more
    if numeral_of(text[start : start + 1]) == "arabic" and not PLACES.match(text, end):
        return False  # 引进院士、长江学者2人: a figure
    return len(items) >= 2 and len(items) == value


LISTED = re.compile(
    r"^(?:方面|领域|维度|环节|层面|板块|方向|指标|均|都|分别|数|大|特点|特征|亮点|趋势|变化|"
    r"优势|短板|阶段|部分|层次|原则|任务|重点)"
)


def _names_a_list(text: str, unit: str, unit_end: int) -> bool:
    """A count in words that counts the items just named, not a figure: 五个方面, 两项均."""
    return (
        unit in ("个", "项", "位", "类", "种")
        and LISTED.match(text[unit_end : unit_end + 4]) is not None
    )


def _unit_after(
    text: str, at: int, numeral_chinese: bool = False
) -> tuple[str | None, int, str | None]:
    """The unit printed from `at` (after 余/多 if any), where it ends, and the qualifier
    the 余/多 gives: ('万人', 12, 'and_more') for 万余人."""
    qualifier = None
    multiplier = ""
    position = at
    if text[position : position + 1] in BETWEEN:
        qualifier = BETWEEN[text[position]]
        position += 1
    for word in MULTIPLIERS:
        if text.startswith(word, position):
            multiplier, position = word, position + len(word)
            break
    if multiplier and text[position : position + 1] in BETWEEN:
        qualifier = BETWEEN[text[position]]
        position += 1
    for unit in UNITS_LONGEST_FIRST:
        if text.startswith(unit, position):
            if unit == "分" and (
                numeral_chinese or text.startswith(("钟", "之", "别", "析"), position + 1)
            ):
                return None, at, None  # 十分重要, 3分钟: no score
            if unit in ("度",) and not multiplier:
                return None, at, None  # 年度, 力度: only 万度 is a unit
            return multiplier + unit, position + len(unit), qualifier
    return None, at, None


def _in_idiom(text: str, start: int, end: int) -> bool:
    """Whether the number is part of an idiom or slogan (千家万户, 两手抓)."""
    window = text[max(0, start - 6) : end + 6]
    for idiom in IDIOMS:
        at = window.find(idiom)
        while at >= 0:
            left = max(0, start - 6) + at
            if (left <= start and end <= left + len(idiom)) or left < end <= left + len(idiom):
                return True
            at = window.find(idiom, at + 1)
    return False


def shared_units(text: str, raws: list[Raw]) -> list[Raw]:
    """Bare numbers listed before a figure share its unit: 56、26家 → 56家 and 26家."""
    extra: list[Raw] = []
    for raw in raws:
        if raw.kind != "metric" or raw.numeral != "arabic":
            continue
        position = raw.number_start
        while True:
            lead = text[max(0, position - 24) : position]
            match = re.search(rf"(?<![\d.A-Za-z\-])({ARABIC})[、和与及]$", lead)
            if not match:
                break
            start = position - len(lead) + match.start(1)
            written = match.group(1)
            extra.append(
                Raw(
                    "metric",
                    arabic_value(written),
                    written,
                    raw.unit,
                    "exact",
                    "arabic",
                    start,
                    start + len(written),
                    start,
                )
            )
            position = start
    return sorted(raws + extra, key=lambda r: r.start)
