"""The printed form of every figure: one place, used by every renderer.

A number prints with the digits the facts file wrote (4.10 stays 4.10); Chinese numerals are
written out for any whole number (三家, 一百一十四项, 两项) where the facts ask for them.
"""

from __future__ import annotations

import datetime as dt

from briefing.facts.model import (
    Change,
    ChangeKind,
    Metric,
    Numeral,
    Qualifier,
    Ranking,
    Target,
    Written,
    plain_text,
)

# The round numbers that print as one character where the facts ask for Chinese: 近百次, 突破千家.
CHINESE_ROUND = {10: "十", 100: "百", 1000: "千", 10000: "万", 100000000: "亿"}
DIGITS = "零一二三四五六七八九"
SMALL_UNITS = ("", "十", "百", "千")  # within a group of four digits
LARGE_UNITS = ("", "万", "亿", "万亿")  # between groups of four digits
LARGEST_CHINESE = 10**16 - 1

# Qualifier → (text before the number, text after the number, text after the unit).
QUALIFIER_FORMS: dict[Qualifier, tuple[str, str, str]] = {
    Qualifier.exact: ("", "", ""),
    Qualifier.over: ("突破", "", ""),
    Qualifier.more_than: ("超", "", ""),
    Qualifier.nearly: ("近", "", ""),
    Qualifier.about: ("约", "", ""),
    Qualifier.and_more: ("", "余", ""),
    Qualifier.above: ("", "", "以上"),
    Qualifier.around: ("", "", "左右"),
}
FIRST_TIME, REACHED, CUMULATIVE = "首次", "达到", "累计"
# Change kind → (word for a rise, word for a fall, default unit; None: the metric's).
CHANGE_WORDS: dict[ChangeKind, tuple[str, str, str | None]] = {
    ChangeKind.yoy: ("同比增长", "同比下降", "%"),
    ChangeKind.growth: ("增长", "下降", "%"),
    ChangeKind.added: ("新增", "减少", None),
    ChangeKind.points: ("提高", "下降", "个百分点"),
    ChangeKind.places: ("提升", "下降", "位"),
}
SINCE = "较{since}"
TARGET_MET = {"early": "提前完成", "yes": "已完成", "no": "尚未完成"}
TARGET = "目标"
AS_OF_DATE = "截至{year}年{month}月{day}日"


def whole_chinese(value: int, liang: bool = False) -> str:
    """A whole number in Chinese numerals: 3 → 三, 12 → 十二, 114 → 一百一十四, 1005 → 一千零五;
    with liang, a leading two is 两: 2 → 两, 200 → 两百, 20000 → 两万."""
    if value < 0:
        return "负" + whole_chinese(-value, liang)
    if value == 0:
        return DIGITS[0]
    if value > LARGEST_CHINESE:
        raise ValueError(f"{value} is too large to write in Chinese numerals")
    groups: list[int] = []
    while value:
        groups.append(value % 10000)
        value //= 10000
    out = ""
    zero = False  # a 零 is owed before the next digit written
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero = bool(out)
            continue
        if out and (zero or group < 1000):
            out += DIGITS[0]
        out += _group(group, leading=not out) + LARGE_UNITS[index]
        zero = False
    if liang and out.startswith("二") and out != "二" and not out.startswith("二十"):
        out = "两" + out[1:]
    elif liang and out == "二":
        out = "两"
    return out


def _group(group: int, leading: bool) -> str:
    """Four digits or fewer: 1005 → 一千零五; 十 alone for 10–19 at the very start."""
    digits = [int(d) for d in f"{group:04d}"]
    out, zero = "", False
    for position, digit in enumerate(digits):
        unit = SMALL_UNITS[3 - position]
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += DIGITS[0]
            zero = False
        if digit == 1 and unit == "十" and leading and not out:
            out += unit  # 十二, not 一十二
        else:
            out += DIGITS[digit] + unit
    return out


def format_number(value: float, numeral: Numeral = Numeral.arabic) -> str:
    """As written: 4.10 → '4.10', 23236 → '23236'; in Chinese where asked: 3 → '三',
    100 → '百', 114 → '一百一十四'."""
    if numeral is Numeral.arabic:
        return value.text if isinstance(value, Written) else plain_text(value)
    if not float(value).is_integer():
        raise ValueError(f"{plain_text(value)} is not a whole number: no Chinese numerals for it")
    whole = int(value)
    if whole in CHINESE_ROUND:
        return CHINESE_ROUND[whole]
    return whole_chinese(whole, liang=numeral is Numeral.liang)


def format_value(metric: Metric) -> str:
    """The printed form of a metric: '突破10亿元', '近百次', '首次突破2%', '累计281家'."""
    before, after_number, after_unit = QUALIFIER_FORMS[metric.qualifier]
    if metric.first_time:
        before = FIRST_TIME + (before or REACHED)
    if metric.cumulative:
        before = CUMULATIVE + before
    number = format_number(metric.value, metric.numeral)
    return f"{before}{number}{after_number}{metric.unit}{after_unit}"


def _magnitude(value: float) -> str:
    """The digits of a change without its sign, as written."""
    text = value.text if isinstance(value, Written) else plain_text(value)
    return text.lstrip("+-")


def format_change(change: Change, unit: str = "") -> str:
    """'同比增长28%', '同比下降3%', '新增50家', '提高2.1个百分点', '较2021年提升10位'.

    `unit` is the metric's, for a change of kind added that gives none of its own.
    """
    rise, fall, default = CHANGE_WORDS[change.kind]
    verb = rise if change.value >= 0 else fall
    since = ""
    if change.since is not None:
        compared = f"{change.since}年" if isinstance(change.since, int) else change.since
        since = SINCE.format(since=compared)
        verb = verb.removeprefix("同比")
    verb = change.verb or verb
    before, after_number, after_unit = QUALIFIER_FORMS[change.qualifier]
    if change.numeral is Numeral.arabic:
        number = _magnitude(change.value)
    else:
        number = format_number(abs(change.value), change.numeral)
    shown_unit = change.unit or default or unit
    return f"{since}{verb}{before}{number}{after_number}{shown_unit}{after_unit}"


def format_changes(metric: Metric, separator: str) -> str | None:
    """All of a metric's changes, in the order given: '新增51家，增长20.8%'."""
    printed = [format_change(c, metric.unit) for c in metric.changes]
    return separator.join(printed) or None


def format_rank(ranking: Ranking) -> str:
    """'第33位', '全省第3位', '第七名', or '第1位（共27）' where the list size is known."""
    text = f"{ranking.scope or ''}第{format_number(ranking.rank, ranking.numeral)}{ranking.place}"
    return f"{text}（共{ranking.out_of}）" if ranking.out_of else text


def format_as_of(as_of: dt.date | str | None) -> str | None:
    """'截至2022年12月31日' for a date; words as written ('截至2022年底')."""
    if isinstance(as_of, dt.date):
        return AS_OF_DATE.format(year=as_of.year, month=as_of.month, day=as_of.day)
    return as_of


def format_target(target: Target | None, unit: str) -> str | None:
    """'目标1000家，提前完成'; '“十四五”倍增目标2000家，已完成'."""
    if target is None:
        return None
    text = f"{target.name or TARGET}{format_number(target.value)}{target.unit or unit}"
    return f"{text}，{TARGET_MET[target.met]}" if target.met else text
