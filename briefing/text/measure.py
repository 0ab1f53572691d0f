"""Width estimates in ems and wrapping by the Chinese rules, for outputs that cannot measure.

The deck (python-pptx has no text metrics) and the charts' label wrapping use these; the PDF
measures with the real font but breaks with the same rules (briefing.text.linebreak).
"""

from __future__ import annotations

import itertools
import math

from briefing.text.linebreak import line_ends, pairs, unbreakable_spans, visible_width


def char_em(ch: str) -> float:
    """Advance of one character in ems, on the wide side of Noto Sans SC, YaHei and DejaVu."""
    if ch.isspace():
        return 0.25
    if ch.isascii():
        if ch.isdigit():
            return 0.6
        return 0.68 if ch.isupper() else 0.58 if ch.isalpha() else 0.45
    return 1.0  # CJK, full-width forms and CJK punctuation


def em_widths(text: str) -> list[float]:
    """Advance of each character in ems; where Chinese meets Latin the later character also
    carries the quarter em of space LibreOffice puts between them."""
    widths = [char_em(c) for c in text]
    for i, (a, b) in enumerate(itertools.pairwise(text), 1):
        if a.isascii() != b.isascii() and not (a + b).isspace():
            widths[i] += 0.25
    return widths


def em_width(text: str) -> float:
    """Advance of a string in ems (of its widest line, if it has several)."""
    return max((sum(em_widths(line)) for line in text.split("\n")), default=0.0)


def wrap(text: str, ems: float) -> list[str]:
    """The lines a text wraps to in a line `ems` wide by briefing.text.linebreak's rules: no
    closing mark starts a line, no opening mark ends one, Latin words and figures with their
    units (突破10亿元) stay whole where they fit, a web address is cut after its marks, no last
    line of one character where the line before can spare one; a newline forces a break."""
    lines: list[str] = []
    for part in text.split("\n"):
        ends = line_ends(part, em_widths(part), [ems]) or [0]
        lines += [part[start:end] for start, end in pairs(ends)]
    return lines


def balanced_wrap(text: str, ems: float) -> list[str]:
    """The text in as few lines of at most `ems` as `wrap` needs, each about as long as the
    others (a label of 12 characters in two lines of 6, not 10 and 2), no figure or word cut
    that `wrap` keeps whole."""
    lines = wrap(text, ems)
    if len(lines) < 2:
        return lines
    low, high = max(em_width(text) / len(lines), _widest_kept(text, ems)), ems
    for _ in range(20):  # the narrowest width that still needs no more lines
        middle = (low + high) / 2
        if len(wrap(text, middle)) <= len(lines):
            high = middle
        else:
            low = middle
    return wrap(text, math.nextafter(high, math.inf))


def _widest_kept(text: str, ems: float) -> float:
    """The widest stretch that no line may break (a word, a figure with its unit, a character
    and its marks) among those that fit `ems`: balancing goes no narrower, so that what fits
    stays whole."""
    widest = 0.0
    for part in text.split("\n"):
        widths = em_widths(part)
        kept = [visible_width(part, widths, a, b) for a, b in unbreakable_spans(part)]
        widest = max([widest, *(width for width in kept if width <= ems)])
    return widest
