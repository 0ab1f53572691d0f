"""Chinese line breaking (kinsoku): where lines may break, for reportlab and any renderer."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Sequence
from typing import Any

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
        lines += [part[start:end] for start, end in _pairs(ends)]
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


def _pairs(ends: list[int]) -> Iterator[tuple[int, int]]:
    """(start, end) of each line from the ends of the lines."""
    return zip([0, *ends[:-1]], ends, strict=True)


def _visible_width(chars: Sequence[str], widths: Sequence[float], start: int, end: int) -> float:
    """Width of a line without the spaces it ends with."""
    while end > start and chars[end - 1] in BREAK_SPACES:
        end -= 1
    return sum(widths[start:end])


# --- reportlab -----------------------------------------------------------------------------
# reportlab.platypus.paragraph (checked against reportlab 5.1.0) wraps wordWrap='CJK' paragraphs
# in Paragraph.breakLinesCJK, which calls two module-level functions by their global names:
#   wordSplit(word, maxWidths, fontName, fontSize, encoding)  - one plain run of text
#   cjkFragSplit(frags, maxWidths, calcBounds, encoding)      - text with markup (<b>, <font>)
# Both cut "like a knife" and let one closing mark hang in the margin. install() swaps both
# for the greedy breaker above, which returns the same structures; a space at a break stays at
# the end of its line's text (extraSpace leaves it out), so lines join back to the text, and no
# mark hangs: every line's ink fits its width. Paragraph.split passes the
# lines of a markup paragraph that continues on the next page through _split_blParaHard, which
# appends a space to every line for western rejoining; in Chinese that puts stray spaces into
# the continuation, so install() also swaps it, for lines made here only.

_LINE_TAG = "briefingKinsoku"
_PATCHED_BY = {  # patched global -> (the Paragraph method that calls it, its parameters)
    "wordSplit": ("breakLinesCJK", ["word", "maxWidths", "fontName", "fontSize", "encoding"]),
    "cjkFragSplit": ("breakLinesCJK", ["frags", "maxWidths", "calcBounds", "encoding"]),
    "_split_blParaHard": ("_get_split_blParaFunc", ["blPara", "start", "stop"]),
}
_HELPERS = ("cjkU", "makeCJKParaLine", "ParaLines")
_ORIGINALS: dict[str, Callable[..., Any]] = {}


def install() -> None:
    """Make reportlab wrap every wordWrap='CJK' paragraph by these rules; calling again is a no-op.

    Raises RuntimeError when the installed reportlab lacks the functions this replaces.
    """
    from reportlab.platypus import paragraph

    if _ORIGINALS:
        return
    _check(paragraph)
    replacements = {
        "wordSplit": _word_split,
        "cjkFragSplit": _cjk_frag_split,
        "_split_blParaHard": _split_bl_para_hard,
    }
    for name, replacement in replacements.items():
        _ORIGINALS[name] = getattr(paragraph, name)
        setattr(paragraph, name, replacement)


def is_installed() -> bool:
    """Whether install() is in effect."""
    return bool(_ORIGINALS)


def uninstall() -> None:
    """Give reportlab its own CJK wrapping back."""
    from reportlab.platypus import paragraph

    for name, original in _ORIGINALS.items():
        setattr(paragraph, name, original)
    _ORIGINALS.clear()


def _check(paragraph: Any) -> None:
    """Fail loudly unless reportlab still calls, by these names, what install() replaces."""
    import reportlab

    problems = [f"{name} is missing" for name in _HELPERS if not hasattr(paragraph, name)]
    for name, (caller, parameters) in _PATCHED_BY.items():
        function = getattr(paragraph, name, None)
        method = getattr(paragraph.Paragraph, caller, None)
        if function is None or list(inspect.signature(function).parameters) != parameters:
            problems.append(f"{name}({', '.join(parameters)}) is missing or has changed")
        if method is None or name not in method.__code__.co_names:
            problems.append(f"Paragraph.{caller} no longer calls {name}")
    if problems:
        raise RuntimeError(
            "briefing.linebreak patches reportlab.platypus.paragraph as of reportlab 5.1.0, "
            f"but reportlab {reportlab.Version} differs: {'; '.join(problems)}"
        )


def _word_split(
    word: str | bytes,
    maxWidths: float | Sequence[float],
    fontName: str,
    fontSize: float,
    encoding: str = "utf8",
) -> list[list[Any]]:
    """Replaces paragraph.wordSplit: [[extra space, line text], ...] of one run of text."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = word.decode(encoding) if isinstance(word, bytes) else word
    limits = maxWidths if isinstance(maxWidths, list | tuple) else [maxWidths]
    measured = {char: stringWidth(char, fontName, fontSize) for char in set(text)}
    widths = [measured[char] for char in text]
    lines = []
    for n, (start, end) in enumerate(_pairs(line_ends(text, widths, limits))):
        limit = limits[min(n, len(limits) - 1)]
        lines.append([limit - _visible_width(text, widths, start, end), text[start:end]])
    return lines


def _cjk_frag_split(
    frags: Sequence[Any], maxWidths: Sequence[float], calcBounds: bool, encoding: str = "utf8"
) -> Any:
    """Replaces paragraph.cjkFragSplit: the lines of text with markup, one item per character."""
    from reportlab.platypus import paragraph

    units = _units(frags, encoding)
    # Percentage widths (inline images) are resolved against the later lines' width.
    widths = [_unit_width(unit, maxWidths[-1]) for unit in units]
    chars = [_unit_char(unit, width) for unit, width in zip(units, widths, strict=True)]
    lines: list[Any] = []
    for first, stop in _segments(units, chars):
        ends = line_ends(chars[first:stop], widths[first:stop], maxWidths, len(lines))
        for start, end in _pairs(ends):
            a, b = first + start, first + end
            limit = maxWidths[min(len(lines), len(maxWidths) - 1)]
            used = _visible_width(chars, widths, a, b)
            line_break = any(hasattr(unit.frag, "lineBreak") for unit in units[a:b])
            line = paragraph.makeCJKParaLine(
                units[a:b], limit, used, limit - used, line_break, calcBounds
            )
            setattr(line, _LINE_TAG, True)
            lines.append(line)
    return paragraph.ParaLines(kind=1, lines=lines)


def _units(frags: Sequence[Any], encoding: str) -> list[Any]:
    """One reportlab cjkU per character, and one empty one per frag without text (as stock)."""
    from reportlab.platypus.paragraph import cjkU

    units = []
    for frag in frags:
        text = frag.text.decode(encoding) if isinstance(frag.text, bytes) else frag.text
        units += [cjkU(char, frag, encoding) for char in text or [""]]
    return units


def _unit_width(unit: Any, limit: float) -> float:
    """A unit's width in points; a percentage width is resolved as reportlab does."""
    width = unit.width
    if hasattr(width, "normalizedValue"):
        width._normalizer = limit
        width = width.normalizedValue(limit)
    return width


def _unit_char(unit: Any, width: float) -> str:
    """A unit's character; OBJECT for an image, "" for an empty unit of no width."""
    return str(unit) or (OBJECT if width else "")


def _segments(units: Sequence[Any], chars: Sequence[str]) -> list[tuple[int, int]]:
    """Stretches of units ended by forced line breaks (<br/>), each laid out on its own lines.

    A last stretch of empty units only (an anchor after the final <br/>) joins the stretch
    before it rather than make a blank line.
    """
    ends = [i + 1 for i, unit in enumerate(units) if hasattr(unit.frag, "lineBreak")]
    if not ends or ends[-1] != len(units):
        if ends and not any(chars[ends[-1] :]):
            ends[-1] = len(units)
        else:
            ends.append(len(units))
    return list(_pairs(ends))


def _split_bl_para_hard(blPara: Any, start: int, stop: int) -> list[Any]:
    """Replaces paragraph._split_blParaHard: the frags of lines[start:stop], no spaces added."""
    lines = blPara.lines[start:stop]
    if not all(getattr(line, _LINE_TAG, False) for line in lines):
        return _ORIGINALS["_split_blParaHard"](blPara, start, stop)
    return [word for line in lines for word in line.words]
