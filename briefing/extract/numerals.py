"""Numbers as articles write them: 1,086.2 and 两千一百二十四 and 百, read to their values."""

from __future__ import annotations

DIGIT_VALUES = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
DIGIT_VALUES |= {"六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000}
LARGE_UNIT_VALUES = {"万": 10**4, "亿": 10**8}
CHINESE_NUMERALS = "".join([*DIGIT_VALUES, *SMALL_UNIT_VALUES, *LARGE_UNIT_VALUES])


def arabic_value(written: str) -> float:
    """The value of digits as printed: '1,086.2' → 1086.2, '１２' → 12."""
    return float(written.replace(",", "").replace("，", ""))


def chinese_value(written: str) -> int | None:
    """The value of Chinese numerals: '三' → 3, '十二' → 12, '两千一百二十四' → 2124,
    '百' → 100, '一万二千' → 12000; None if the characters do not make a number."""
    if not written or any(ch not in CHINESE_NUMERALS for ch in written):
        return None
    total = 0  # the groups above 万 and 亿, done
    group = 0  # the current group below 万
    digit: int | None = None
    for ch in written:
        if ch in DIGIT_VALUES:
            if digit is not None and digit != 0 and DIGIT_VALUES[ch] != 0:
                return None  # two digits in a row: 二三 is not a number
            digit = DIGIT_VALUES[ch]
        elif ch in SMALL_UNIT_VALUES:
            group += (1 if digit is None else digit) * SMALL_UNIT_VALUES[ch]
            digit = None
        else:
            large = LARGE_UNIT_VALUES[ch]
            value = (group + (digit or 0)) or 1
            total = (total + value) * large if large == 10**8 else total + value * large
            group, digit = 0, None
    return total + group + (digit or 0)


def is_liang(written: str) -> bool:
    """Whether Chinese numerals lead with 两 (两项, 两百人), not 二."""
    return written.startswith("两")
