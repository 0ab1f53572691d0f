"""Chinese line breaking (kinsoku): where lines may break, the rules every output applies."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

# A line may not start with these: Chinese closing punctuation, and the ASCII ones after Chinese.
CANNOT_START = frozenset(
    "，。、；：！？）」』》〉】〕〗〙〛］｝”’…‥⋯％‰℃°・·～〜ー々〞〟"
    "﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞．｡､｣"
    ",.;:!?)]}%"
)
# A line may not end with these: opening brackets and quotes.
CANNOT_END = frozenset("（《“「『【〔〈〖〘〚［｛‘﹙﹛﹝｢([{")
# Marks that are one sign when doubled (——, ……): never split between two of them.
INSEPARABLE = frozenset("—…⋯")
# Spaces a line may break after; they stay at the line's end and take no room there.
BREAK_SPACES = frozenset(" \t\u200b")
# What a non-text item of width (an inline image) counts as: a Chinese character.
OBJECT = "\ufffc"
# Widths may exceed a line by this much (reportlab's rl_config._FUZZ).
FUZZ = 1e-6
# First code point of the CJK blocks; below it, non-space characters form unbreakable words.
CJK_START = "\u2e80"


def can_break(before: str, after: str) -> bool:
    """Whether a line may end with the character `before` and the next begin with `after`."""
    if after in CANNOT_START or before in CANNOT_END or after in BREAK_SPACES:
        return False
    if before in BREAK_SPACES:
        return True
    if before == after and before in INSEPARABLE:
        return False
    return not (_in_word(before) and _in_word(after))


def _in_word(char: str) -> bool:
    """Latin letters, digits and their punctuation (R&D, CO2, 53.2, 0.91%) break only at spaces."""
    return char < CJK_START and char not in BREAK_SPACES


def break_lines(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Lines of `text` no wider than `width` by `measure`, broken by the Chinese rules.

    Character widths are measured one by one and added up (no kerning). A newline forces a
    break and belongs to no line; a space at a break stays at the end of its line and is not
    counted. Joining the lines of each newline-separated part gives that part back.
    """
    measured = {char: measure(char) for char in set(text)}
    lines: list[str] = []
    for part in text.split("\n"):
        ends = line_ends(part, [measured[c] for c in part], [width]) or [0]
        lines += [part[start:end] for start, end in pairs(ends)]
    return lines


def line_ends(
    chars: Sequence[str],
    widths: Sequence[float],
    max_widths: Sequence[float],
    first_line: int = 0,
) -> list[int]:
    """Where each line ends (an exclusive index), filling lines greedily under the rules.

    `chars` holds one character per item, or "" for an item of no width that sticks to its
    neighbours (an anchor, a line-break tag), or OBJECT for an inline image. Line n may be
    `max_widths[first_line + n]` wide, the last width standing for all later lines. A line
    never starts with a closing mark, never ends with an opening mark and never overflows:
    when the last break that fits is not allowed, the break moves earlier and the line stays
    short (no hanging punctuation). Only an unbreakable run longer than a whole line is cut
    inside, at the widest place the punctuation rules allow, else at the widest place at all.
    """
    allowed = _break_opportunities(chars)
    ends: list[int] = []
    start = 0
    while start < len(chars):
        limit = max_widths[min(first_line + len(ends), len(max_widths) - 1)]
        start = _line_end(chars, widths, allowed, start, limit)
        ends.append(start)
    return ends


def _break_opportunities(chars: Sequence[str]) -> list[bool]:
    """For each item, whether a line may start there; empty items never start one."""
    allowed = [False] * len(chars)
    before = ""
    for i, char in enumerate(chars):
        if char:
            allowed[i] = bool(before) and can_break(before, char)
            before = char
    return allowed


def _line_end(
    chars: Sequence[str], widths: Sequence[float], allowed: list[bool], start: int, limit: float
) -> int:
    """End of the line that starts at `start`: the last allowed break before it overflows."""
    used = 0.0
    fit: int | None = None
    for i in range(start, len(chars)):
        if allowed[i] and i > start:
            fit = i
        used += widths[i]
        if chars[i] not in BREAK_SPACES and used > limit + FUZZ:
            return fit if fit is not None else _forced_end(chars, start, i)
    return len(chars)


def _forced_end(chars: Sequence[str], start: int, overflow: int) -> int:
    """Cut a run too long for a whole line: before `overflow` at the latest, one item at least."""
    for i in range(overflow, start, -1):
        if _may_cut(chars, start, i):
            return i
    return max(overflow, start + 1)


def _may_cut(chars: Sequence[str], start: int, i: int) -> bool:
    """Whether cutting before `i` keeps the punctuation rules, ignoring unbreakable words."""
    char = chars[i]
    if not char or char in CANNOT_START or char in BREAK_SPACES:
        return False
    before = next((chars[j] for j in range(i - 1, start - 1, -1) if chars[j]), "")
    return before not in CANNOT_END


def pairs(ends: list[int]) -> Iterator[tuple[int, int]]:
    """(start, end) of each line from the ends of the lines."""
    return zip([0, *ends[:-1]], ends, strict=True)


def visible_width(chars: Sequence[str], widths: Sequence[float], start: int, end: int) -> float:
    """Width of a line without the spaces it ends with."""
    while end > start and chars[end - 1] in BREAK_SPACES:
        end -= 1
    return sum(widths[start:end])
