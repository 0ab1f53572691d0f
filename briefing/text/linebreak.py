"""Chinese line breaking (kinsoku): where lines may break, the rules every output applies."""

from __future__ import annotations

import re
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
# A long Latin run (a URL) is cut after these rather than anywhere.
URL_MARKS = frozenset("/.-?&=_")

# Figures that stay on one line: one or two qualifiers (突破, 同比增长, 提高近, 第), a number
# in digits or Chinese numerals, 余 or 多, a unit of magnitudes and a counted or measured
# thing, 以上 or 左右, and a total in brackets (第1位（共27）). Kept conservative: a false
# figure only loses break places.
_LEADS = (
    "同比增长|同比下降|同比提高|突破|超过|达到|累计|首次|增长|下降|提高|上升|新增|净增|增加|减少"
    "|超|近|约|达|第|前"
)
_NUMBER = r"(?:\d+(?:[.,]\d+)*|[〇零一二两三四五六七八九十百千万亿]+)"
_MAGNITUDE = "[十百千万亿]+"
_UNITS = (
    "个百分点|百分点|平方公里|平方米|立方米|千瓦时|千瓦|兆瓦|美元|人次|场次|个月|公里|公顷|小时|周年"
    "|[%％‰元家项个人名次场件台套篇户所座亩吨度位倍年月日天条批款种辆米岁届期轮例处]"
    "|分(?!之)"  # 95.71分, not 四分之一
)
_MORE = "[余多]"
_UNIT = f"(?:{_MAGNITUDE}{_MORE}?(?:{_UNITS})?|(?:{_UNITS}){_MORE}?)(?:以上|左右)?"
_TOTAL = "（共[^（）]{1,8}）"
FIGURE = re.compile(
    f"(?P<lead>(?:{_LEADS}){{0,2}})"
    f"(?P<number>{_NUMBER}(?:[-—–~～至]{_NUMBER})?{_MORE}?)"
    f"(?={_UNIT}|{_TOTAL})(?P<unit>{_UNIT})?(?P<total>{_TOTAL})?"
)
# Runs of Latin letters, digits and their punctuation, between spaces and Chinese.
_LATIN_RUN = re.compile(f"[^\\s\\u200b{CJK_START}-\\U0010ffff]{{2,}}")
# A run that is a web address: cut at its marks wherever it does not fit, not only when it is
# longer than a line.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://|www\.", re.IGNORECASE)
_WORDY = re.compile("[A-Za-z]")  # a run with letters may be cut at its marks; numbers not
# How a line may start at an item, from never to freely: after a URL mark in a long Latin run,
# inside a figure, between a figure's parts (第|1|位|（共27）), anywhere the rules allow.
NO, MARK, FIGURE_INSIDE, FIGURE_SEAM, ALLOWED = range(5)


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
    short (no hanging punctuation). A figure with its qualifier and unit (突破10亿元, 第1位（共27）)
    stays on one line where it fits, else starts the next; one longer than a whole line is
    cut between its parts (第1位|（共27）) where it stands, else where plain text could
    break. A web address that does not fit where it stands, and any Latin run longer than a
    whole line, starts there all the same and is cut after / . - ? & = _ where it can, else
    at the widest place the punctuation rules allow, so the line before it is not left
    short. A last line of one character (and its closing marks) takes a character from the
    line before when that line can spare it.
    """
    breaks = _break_opportunities(chars)
    ends: list[int] = []
    start = 0
    while start < len(chars):
        limit = _limit(max_widths, first_line + len(ends))
        start = _line_end(chars, widths, breaks, start, limit)
        ends.append(start)
    _avoid_widow(chars, widths, breaks, ends, _limit(max_widths, first_line + len(ends) - 1))
    return ends


def _limit(max_widths: Sequence[float], line: int) -> float:
    return max_widths[min(line, len(max_widths) - 1)]


def figure_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each figure in `text`: a number with its qualifier and unit."""
    return [match.span() for match in FIGURE.finditer(text)]


def unbreakable_spans(chars: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of the stretches between the places a line may freely start: words,
    figures with their units, characters with the marks that cling to them."""
    breaks = _break_opportunities(chars)
    starts = [i for i, rank in enumerate(breaks.rank) if rank == ALLOWED]
    return list(pairs([*starts, len(chars)])) if chars else []


class _Breaks:
    """Per item, how a line may start there (NO, MARK, FIGURE_INSIDE, FIGURE_SEAM, ALLOWED),
    the Latin run it belongs to (start, end, whether it is a web address) and the figure."""

    def __init__(self, size: int) -> None:
        self.rank = [NO] * size
        self.run_of: list[tuple[int, int, bool] | None] = [None] * size  # start, end, URL
        self.figure_of: list[tuple[int, int] | None] = [None] * size  # start, end


def _break_opportunities(chars: Sequence[str]) -> _Breaks:
    """Where a line may start; empty items never start one, nor, freely, does the inside of
    a figure; after a URL mark, a Latin run may be cut."""
    breaks = _Breaks(len(chars))
    items = [i for i, char in enumerate(chars) if char]  # the items that are characters
    text = "".join(chars[i] for i in items)
    for n in range(1, len(items)):
        if can_break(text[n - 1], text[n]):
            breaks.rank[items[n]] = ALLOWED
        elif _in_word(text[n - 1]) and _in_word(text[n]) and _url_break(text, n):
            breaks.rank[items[n]] = MARK
    for match in FIGURE.finditer(text):
        seams = {match.start(part) for part in ("number", "unit", "total")}
        figure = (items[match.start()], items[match.end() - 1] + 1)
        for n in range(match.start(), match.end()):
            breaks.figure_of[items[n]] = figure
            if n > match.start() and breaks.rank[items[n]] == ALLOWED:
                breaks.rank[items[n]] = FIGURE_SEAM if n in seams else FIGURE_INSIDE
    for match in _LATIN_RUN.finditer(text):
        run = (items[match.start()], items[match.end() - 1] + 1, bool(_URL.search(match[0])))
        for i in range(run[0], run[1]):
            breaks.run_of[i] = run
            if breaks.rank[i] == MARK and not _WORDY.search(match[0]):
                breaks.rank[i] = NO  # a number (53.2, 2023-02-03) is not cut at its marks
    return breaks


def _url_break(text: str, n: int) -> bool:
    """Whether a long Latin run may be cut before text[n]: after a mark, not between marks."""
    return text[n - 1] in URL_MARKS and text[n] not in URL_MARKS and text[n] not in CANNOT_START


def _line_end(
    chars: Sequence[str], widths: Sequence[float], breaks: _Breaks, start: int, limit: float
) -> int:
    """End of the line that starts at `start`: the last allowed break before it overflows,
    unless a long Latin run is cut there, or a run longer than the line is forced."""
    used = 0.0
    fit: int | None = None
    for i in range(start, len(chars)):
        if breaks.rank[i] == ALLOWED and i > start:
            fit = i
        used += widths[i]
        if chars[i] not in BREAK_SPACES and used > limit + FUZZ:
            cut = _cut_long_run(chars, widths, breaks, start, i, limit)
            cut = _cut_long_figure(widths, breaks, start, i, limit) if cut is None else cut
            if cut is not None:
                return cut
            return fit if fit is not None else _forced_end(chars, widths, breaks, start, i, limit)
    return len(chars)


def _cut_long_run(
    chars: Sequence[str],
    widths: Sequence[float],
    breaks: _Breaks,
    start: int,
    overflow: int,
    limit: float,
) -> int | None:
    """Where to cut a web address, or a Latin run longer than a whole line, that begins on
    this line after its start, so the line before it is not left short: after the last URL
    mark that fits, or, in a run without marks, where it overflows (three items in at least);
    None to break before it as usual."""
    last = overflow  # the run overflows, or the closing marks that cling to it do
    while last > start and (not chars[last] or chars[last] in CANNOT_START):
        last -= 1
    run = breaks.run_of[last]
    if run is None or run[0] <= start:
        return None
    if not run[2] and sum(widths[run[0] : run[1]]) <= limit + FUZZ:
        return None
    marks = [i for i in range(run[0] + 1, run[1]) if breaks.rank[i] == MARK]
    if marks:  # after the last mark that fits, else before the run
        return max((i for i in marks if i <= overflow), default=None)
    cuts = [i for i in range(run[0] + 3, overflow + 1) if _may_cut(chars, start, i)]
    return cuts[-1] if cuts else None


def _cut_long_figure(
    widths: Sequence[float], breaks: _Breaks, start: int, overflow: int, limit: float
) -> int | None:
    """Where to cut a figure longer than a whole line that begins on this line after its
    start: between its parts (全省第一|（共48）), at the last place that fits; None to break
    before it as usual."""
    figure = breaks.figure_of[overflow]
    if figure is None or figure[0] <= start or sum(widths[figure[0] : figure[1]]) <= limit + FUZZ:
        return None
    seams = [i for i in range(figure[0] + 1, overflow + 1) if breaks.rank[i] == FIGURE_SEAM]
    return seams[-1] if seams else None


def _forced_end(
    chars: Sequence[str],
    widths: Sequence[float],
    breaks: _Breaks,
    start: int,
    overflow: int,
    limit: float,
) -> int:
    """Cut a run too long for a whole line: before `overflow` at the latest, one item at least.

    Inside a figure, between its parts (第七名|（共169）, 提高|2.1|个百分点) or else where plain
    text could break; in a Latin run, after its last URL mark that fits; else at the widest
    place the punctuation rules allow, else at the widest place at all.
    """
    places = range(overflow, start, -1)
    for rank in (FIGURE_SEAM, FIGURE_INSIDE):
        figure = next((i for i in places if breaks.rank[i] == rank), None)
        if figure is not None:
            return figure
    for i in places:
        if breaks.rank[i] == MARK:
            return i
    for i in places:
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


def _avoid_widow(
    chars: Sequence[str], widths: Sequence[float], breaks: _Breaks, ends: list[int], limit: float
) -> None:
    """Move the last break earlier when the last line holds a single character (and closing
    marks), if the new last line fits `limit` and the line before keeps half its width and
    two characters."""
    if len(ends) < 2:
        return
    first, last = (ends[-3] if len(ends) > 2 else 0), ends[-2]
    if len(_core(chars[last:])) != 1:
        return
    # As good a break as the one there is: where the rules allow, or in a figure already cut.
    least = ALLOWED if breaks.rank[last] < FIGURE_INSIDE else breaks.rank[last]
    for i in range(last - 1, first, -1):
        if visible_width(chars, widths, i, len(chars)) > limit + FUZZ:
            return
        if breaks.rank[i] < least:
            continue
        kept = visible_width(chars, widths, first, i)
        if len(_core(chars[first:i])) < 2 or kept < visible_width(chars, widths, first, last) / 2:
            return
        ends[-2] = i
        return


def _core(chars: Sequence[str]) -> list[str]:
    """The characters of a line without its spaces and the closing marks it ends with."""
    core = [char for char in chars if char and char not in BREAK_SPACES]
    while core and core[-1] in CANNOT_START:
        core.pop()
    return core


def pairs(ends: list[int]) -> Iterator[tuple[int, int]]:
    """(start, end) of each line from the ends of the lines."""
    return zip([0, *ends[:-1]], ends, strict=True)


def visible_width(chars: Sequence[str], widths: Sequence[float], start: int, end: int) -> float:
    """Width of a line without the spaces it ends with."""
    while end > start and chars[end - 1] in BREAK_SPACES:
        end -= 1
    return sum(widths[start:end])
