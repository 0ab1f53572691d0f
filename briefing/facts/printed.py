"""The printed form of every figure: one place, used by every renderer."""

from __future__ import annotations

from briefing.facts.model import Change, Metric, Numeral, Qualifier, Ranking

CHINESE_ROUND = {10: "十", 100: "百", 1000: "千", 10000: "万", 100000000: "亿"}

# Qualifier → (text before the number, text after the number, text after the unit).
QUALIFIER_FORMS: dict[Qualifier, tuple[str, str, str]] = {
    Qualifier.exact: ("", "", ""),
    Qualifier.over: ("突破", "", ""),
    Qualifier.more_than: ("超", "", ""),
    Qualifier.nearly: ("近", "", ""),
    Qualifier.about: ("约", "", ""),
    Qualifier.and_more: ("", "余", ""),
    Qualifier.above: ("", "", "以上"),
}


def format_number(value: float, numeral: Numeral = Numeral.arabic) -> str:
    """100 → '100' (or '百'), 53.2 → '53.2', 12345 → '12,345'."""
    if numeral is Numeral.chinese:
        if value not in CHINESE_ROUND:
            raise ValueError(f"{value:g} has no one-character Chinese form")
        return CHINESE_ROUND[int(value)]
    if float(value).is_integer():
        whole = int(value)
        return f"{whole:,}" if abs(whole) >= 10000 else str(whole)
    return repr(float(value))


def format_value(metric: Metric) -> str:
    """The printed form of a metric: '突破10亿元', '近百次', '53.2亿元', '0.91%'."""
    before, after_number, after_unit = QUALIFIER_FORMS[metric.qualifier]
    number = format_number(metric.value, metric.numeral)
    return f"{before}{number}{after_number}{metric.unit}{after_unit}"


def format_change(change: Change) -> str:
    """'同比增长28%', '同比下降3%', '新增50家'."""
    number = format_number(abs(change.value))
    if change.kind == "yoy":
        verb = "同比增长" if change.value >= 0 else "同比下降"
        return f"{verb}{number}{change.unit}"
    verb = "新增" if change.value >= 0 else "减少"
    return f"{verb}{number}{change.unit}"


def format_rank(ranking: Ranking) -> str:
    """'第33位', or '第1位（共27）' where the list size is known."""
    text = f"第{ranking.rank}位"
    return f"{text}（共{ranking.out_of}）" if ranking.out_of else text
