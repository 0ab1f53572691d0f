"""Figures while they are read (offsets only), and the clauses and sentences around them."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.extract.numerals import arabic_value, chinese_value, is_liang

BOUNDARY = "，,。；;：:！!？?\n（）()"  # ends a clause
SENTENCE_END = "。；;！!？?\n"
OPENING, CLOSING = '“《「『"', '”》」』"'
JOINERS = "、和与及"  # between the items of a list: 56、26家; 第四、第五位


@dataclass
class Raw:
    """A figure while it is being read: offsets only, no line or column yet."""

    kind: str
    value: float
    written: str
    unit: str | None
    qualifier: str
    numeral: str
    start: int
    end: int
    number_start: int
    change_kind: str | None = None
    out_of: int | None = None
    of: Raw | None = None


def clause_before(text: str, at: int) -> str:
    """The text of the clause before `at`: back to the last comma, stop or line break."""
    start = at
    while start > 0 and text[start - 1] not in BOUNDARY:
        start -= 1
    return text[start:at]


def clause_after(text: str, at: int) -> str:
    """The text of the clause from `at` on: up to the next comma, stop or line break."""
    end = at
    while end < len(text) and text[end] not in BOUNDARY:
        end += 1
    return text[at:end]


def sentence_of(text: str, at: int) -> tuple[int, int]:
    """The offsets of the sentence holding `at`."""
    start = at
    while start > 0 and text[start - 1] not in SENTENCE_END:
        start -= 1
    end = at
    while end < len(text) and text[end] not in SENTENCE_END:
        end += 1
    return start, end


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The spans inside quotation marks and title marks: names, not figures."""
    spans = []
    for opening, closing in zip(OPENING, CLOSING, strict=True):
        start = 0
        while (left := text.find(opening, start)) >= 0:
            right = text.find(closing, left + 1)
            line_end = text.find("\n", left)
            if right < 0 or (0 <= line_end < right):
                start = left + 1
                continue
            if right - left <= 30:  # a name; a long quotation may hold real figures
                spans.append((left, right))
            start = right + 1
    return sorted(spans)


def inside(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a position falls strictly inside one of the spans."""
    return any(left < position < right for left, right in spans)


def number_value(written: str) -> float:
    """The value of a number as printed, in digits or in Chinese numerals (0 if neither)."""
    if written[:1].isdigit():
        return arabic_value(written)
    value = chinese_value(written)
    return float(value) if value is not None else 0.0


def numeral_of(written: str) -> str:
    """The Numeral value of a number as printed: arabic, chinese or liang."""
    if written[:1].isdigit():
        return "arabic"
    return "liang" if is_liang(written) else "chinese"
