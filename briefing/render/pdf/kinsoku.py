"""reportlab's Chinese line breaking replaced by briefing.text.linebreak's rules."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from typing import Any

from briefing.text.linebreak import OBJECT, line_ends, pairs, visible_width

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
    limits = [maxWidths] if isinstance(maxWidths, int | float) else [float(w) for w in maxWidths]
    measured = {char: stringWidth(char, fontName, fontSize) for char in set(text)}
    widths = [measured[char] for char in text]
    lines = []
    for n, (start, end) in enumerate(pairs(line_ends(text, widths, limits))):
        limit = limits[min(n, len(limits) - 1)]
        lines.append([limit - visible_width(text, widths, start, end), text[start:end]])
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
        for start, end in pairs(ends):
            a, b = first + start, first + end
            limit = maxWidths[min(len(lines), len(maxWidths) - 1)]
            used = visible_width(chars, widths, a, b)
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
    return float(width)


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
    return list(pairs(ends))


def _split_bl_para_hard(blPara: Any, start: int, stop: int) -> list[Any]:
    """Replaces paragraph._split_blParaHard: the frags of lines[start:stop], no spaces added."""
    lines = blPara.lines[start:stop]
    if not all(getattr(line, _LINE_TAG, False) for line in lines):
        return list(_ORIGINALS["_split_blParaHard"](blPara, start, stop))
    return [word for line in lines for word in line.words]
