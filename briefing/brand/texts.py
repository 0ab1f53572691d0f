"""The texts of a brand kit: no control characters or non-characters, and none longer than
the line it is printed on allows."""

from __future__ import annotations

from typing import Any

from briefing.errors import Problem
from briefing.yamlfile import Document

# The longest texts a kit may give (characters): each is printed on one line somewhere.
LONGEST = {
    ("meta", "name"): 100,
    ("meta", "name", "full"): 100,
    ("meta", "name", "short"): 40,
    ("defaults", "briefing", "classification"): 40,
    ("defaults", "briefing", "deck_fonts", "latin"): 64,
    ("defaults", "briefing", "deck_fonts", "east_asian"): 64,
}
LONGEST_TEXT = 500  # any other text of the kit: alt texts, links, paths, names


def text_problems(document: Document, data: Any) -> list[Problem]:
    """A problem for each text (or key) of the kit holding a control character or a
    non-character, or longer than its field allows; found without recursion."""
    problems = []
    stack: list[tuple[tuple[int | str, ...], Any]] = [((), data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and (reason := _text_fault(key, LONGEST_TEXT)):
                    problems.append(document.problem((*where, key), reason, at_key=True))
                stack.append(((*where, key), item))
        elif isinstance(value, list):
            stack.extend(((*where, i), item) for i, item in enumerate(value))
        elif isinstance(value, str) and (reason := _text_fault(value, _longest(where))):
            problems.append(document.problem(where, reason))
    return sorted(problems, key=lambda p: (p.line, p.column))


def _longest(loc: tuple[int | str, ...]) -> int:
    return LONGEST.get(tuple(str(part) for part in loc), LONGEST_TEXT)


def _text_fault(text: str, longest: int) -> str | None:
    for char in text:
        code = ord(char)
        if (code < 0x20 and char not in "\t\n") or 0x7F <= code < 0xA0:
            return f"holds the control character U+{code:04X}; remove it"
        if 0xD800 <= code < 0xE000 or (code & 0xFFFE) == 0xFFFE or 0xFDD0 <= code <= 0xFDEF:
            return f"holds U+{code:04X}, which is not a character; remove it"
    if len(text) > longest:
        return f"is {len(text)} characters long; at most {longest} here"
    return None
