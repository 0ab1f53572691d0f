"""Chinese line breaking by the shared rules: kinsoku marks, figures kept whole, no widows,
web addresses cut after their marks. reportlab's paragraphs are tested in test_kinsoku.py."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import accumulate, pairwise

import pytest

from briefing.text.linebreak import (
    CANNOT_END,
    CANNOT_START,
    URL_MARKS,
    break_lines,
    can_break,
    figure_spans,
    line_ends,
    pairs,
)

pytestmark = pytest.mark.unit

WIDTHS = range(60, 461, 7)
LATIN_RUN = re.compile(r"[A-Za-z0-9&.%]{2,}")
WEB = re.compile(r"https?://[!-~]+")
TEXTS = (
    "全市R&D经费投入达到53.2亿元，投入强度达到0.91%，对全区R&D投入增长的贡献率达到48.9%，"
    "居全区首位。",
    "开展CO2加绿氢制备绿色航煤技术攻关，建成全球首个万吨级CO2加绿氢制绿色甲醇示范项目。",
    "2024年，迭代出台“科技新政30条”2.0版，力求在重大平台建设、重大成果产出、关键技术攻关上"
    "实现“点”的突破，政策力度前所未有。",
    "印发《推进新型研发机构集群建设的若干措施》《鄂尔多斯市科技创新平台管理办法（试行）》等文件，"
    "“雨露充沛、水丰林茂”的科技创新生态初步形成。",
    "中国科学院大学（北京）、清华大学（鄂尔多斯）研究院、北京大学鄂尔多斯能源研究院（北京）"
    "等相继落地；“千帆竞发、百舸争流”！",
    "他说：“这是第一步。”随后补充：“（详见附件）。”大家都说：“好！”接着讨论了……“双碳”目标"
    "（“十四五”）。又问：“为什么？”答：“因为……”",
    "『引号』「括号」【方括号】〔六角括号〕〈单书名号〉，《书名》；‘单引号’：（括号），"
    "完成率100％，温度25℃。",
    "科技创新指标持续攀高向新,新质生产力加快形成。投入强度达到0.91%, 对全区贡献率达到48.9%;"
    "居全区首位!(数据来源:统计局)[注1]",
    "科技创新——这是第一动力……我们要坚持不懈——久久为功……鄂尔多斯·达拉特旗～准格尔旗。",
    "鄂尔多斯市委、市政府高度重视科技创新工作，不断加码政策支持。2024年，推动争取国家、"
    "自治区科技计划项目56项，各类资金2.32亿元，居各盟市首位。实施市级科技计划项目150项，"
    "支持资金1.7亿元。世界新能源新材料大会、“暖城人才周”发布重大科技成果12项。",
    "技术合同成交额突破10亿元，同比增长28%，较上年提高2.1个百分点；全年举办活动近百次、"
    "服务12.5万人次，综合评价居全省第1位（共27），1630万元专项资金支持100万平方米园区建设。",
    "来源：杭州高新区门户网站，https://www.example.gov.cn/art/2023/2/3/art_1229418260_4137561.html"
    "，题名取自页面开头。",
)


def violations(text: str, lines: list[str], widths: list[float], limits: list[float]) -> list[str]:
    """Every way these lines of `text` break the punctuation rules or overflow; [] when none."""
    found = [] if "".join(lines) == text else [f"text changed: {lines}"]
    for n, line in enumerate(lines):
        if n and line[:1] in CANNOT_START:
            found.append(f"line {n} starts with a closing mark: {line!r}")
        if line.rstrip(" ")[-1:] in CANNOT_END:
            found.append(f"line {n} ends with an opening mark: {line!r}")
        if widths[n] > limits[min(n, len(limits) - 1)] + 1e-6:
            found.append(f"line {n} is {widths[n]:.2f} pt wide: {line!r}")
    found += [f"{run.group()!r} was broken" for run in LATIN_RUN.finditer(text) if _cut(run, lines)]
    return found


def _cut(run: re.Match[str], lines: list[str]) -> bool:
    """Whether a line ends inside this run of the text, unless it is part of a web address
    (test_a_web_address_breaks_after_its_marks_and_starts_where_it_stands checks those)."""
    if any(run.start() < url.end() and url.start() < run.end() for url in WEB.finditer(run.string)):
        return False
    return any(run.start() < end < run.end() for end in accumulate(map(len, lines)))


def figure_and_widow_problems(
    text: str, lines: list[str], widths: Sequence[float], limit: float
) -> list[str]:
    """Figures split where they would have fit a line of `limit` (with the marks and words
    that cling to them), and a last line of one character the line before could have spared
    a character for. `widths`: the text's characters' widths in place; `limit`: the narrowest
    line."""
    ends = list(accumulate(map(len, lines)))
    found = []
    for start, end in figure_spans(text):
        first, last = start, end  # and what the rules keep with it: marks, Latin words
        while first and not can_break(text[first - 1], text[first]):
            first -= 1
        while last < len(text) and not can_break(text[last - 1], text[last]):
            last += 1
        if sum(widths[first:last]) <= limit and any(start < e < end for e in ends):
            found.append(f"{text[start:end]!r} was split: {lines}")
    if len(lines) > 1 and len(_core(lines[-1])) == 1:
        line_start = ends[-3] if len(lines) > 2 else 0
        if _could_spare(text, widths, line_start, ends[-2], limit):
            found.append(f"a last line of one character: {lines[-2:]}")
    return found


def _core(line: str) -> str:
    """A line without its spaces and the closing marks it ends with."""
    core = line.replace(" ", "")
    while core and core[-1] in CANNOT_START:
        core = core[:-1]
    return core


def _could_spare(text: str, widths: Sequence[float], start: int, end: int, limit: float) -> bool:
    """Whether the line text[start:end] could end earlier, where the rules allow and outside
    figures, keeping two characters and half its width, the rest still fitting one line."""
    inside = {i for a, b in figure_spans(text) for i in range(a + 1, b)}
    return any(
        can_break(text[i - 1], text[i])
        and i not in inside
        and len(_core(text[start:i])) >= 2
        and sum(widths[start:i]) >= sum(widths[start:end]) / 2
        and sum(widths[i:]) <= limit
        for i in range(start + 1, end)
    )


# --- break_lines, the renderer-neutral function ---------------------------------------------


def em(char: str) -> float:
    """A monospaced measure: Chinese characters and marks 10, Latin and ASCII 5."""
    return 5.0 if char < "\u2000" else 10.0


def measure(text: str) -> float:
    return sum(em(char) for char in text)


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("中文中文。后文", 40, ["中文中", "文。后文"]),
        ("中文中文”。后", 40, ["中文中", "文”。后"]),
        ("中文中“文”", 40, ["中文中", "“文”"]),
        ("中文中（北京）", 40, ["中文中", "（北京）"]),
        ("中文中R&D", 40, ["中文中", "R&D"]),
        ("达到0.91%，对", 50, ["达到", "0.91%，对"]),
        ("CO2加绿氢", 20, ["CO2", "加绿", "氢"]),
        ("ABCDEFGHIJ", 20, ["ABCD", "EFGH", "IJ"]),
        ("中文——中文中", 30, ["中文", "——中", "文中"]),
        ("中文中……好", 40, ["中文", "中……好"]),
        ("AB(CDEFG", 15, ["AB", "(CD", "EFG"]),
        ("ab cd", 15, ["ab ", "cd"]),
        ("中文\n中文", 40, ["中文", "中文"]),
        ("", 40, [""]),
        # A figure with its qualifier and unit stays whole where it fits.
        ("投入1630万元", 50, ["投入", "1630万元"]),
        ("资金突破10亿元，", 60, ["资金", "突破10亿元，"]),
        ("共计100万平方米", 60, ["共计", "100万平方米"]),
        ("全年近百次", 40, ["全年", "近百次"]),
        ("上升到第1位（共27）", 80, ["上升到", "第1位（共27）"]),
        # One longer than a whole line is cut between its parts, where it stands.
        ("上升到第1位（共27）", 60, ["上升到第1位", "（共27）"]),
        ("较上年提高2.1个百分点", 60, ["较上年提高", "2.1个百分点"]),
        ("较上年提高2.1个百分点", 30, ["较上年", "提高", "2.1", "个百", "分点"]),
        # A last line of one character takes one from the line before.
        ("中文中文。", 40, ["中文", "中文。"]),
        ("中文中文中。", 50, ["中文中", "文中。"]),
        ("中文中文好中文中文中", 40, ["中文中文", "好中文中", "文中"]),
        # A web address starts where it stands and is cut after its marks.
        (
            "见https://example.org/reports/2024/ordos-innovation.pdf，他说",
            100,
            ["见https://example.", "org/reports/2024/", "ordos-innovation.", "pdf，他说"],
        ),
        ("中文中文中文https://a.org/b", 90, ["中文中文中文", "https://a.org/b"]),
        ("中文中文中文中文2023-02-03，", 100, ["中文中文中文中文", "2023-02-03，"]),
    ],
)
def test_break_lines(text: str, width: float, lines: list[str]) -> None:
    assert break_lines(text, width, measure) == lines


def test_break_lines_keeps_the_rules_at_every_width() -> None:
    found = [
        f"@{width}: {problem}"
        for text in TEXTS
        for width in WIDTHS
        for problem in _check_break_lines(text, width, measure)
    ]
    assert not found, "\n".join(found[:20])


def _check_break_lines(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    lines = break_lines(text, width, measure)
    widths = [em(char) for char in text]
    return [
        *violations(text, lines, [measure(line.rstrip(" ")) for line in lines], [width]),
        *figure_and_widow_problems(text, lines, widths, width),
    ]


# --- figures ---------------------------------------------------------------------------------

FIGURES = (
    "突破10亿元", "1630万元", "100万平方米", "同比增长28%", "近百次", "第1位（共27）", "0.91%",
    "12.5万人次", "提高2.1个百分点", "提高近5个百分点", "累计达到52家", "超1.2万场次", "10%左右",
    "增长4倍多", "1—11月", "一百多家", "100家以上", "10余万元", "第五位", "第七名（共169）",
    "第一（共48）", "23236件", "95.71分", "658.5亿元", "同比增长32.25%", "47户", "上升16位",
)  # fmt: skip
NOT_FIGURES = (
    "居全区首位", "千帆竞发、百舸争流", "第一步", "R&D", "2.0版", "全国科技创新百强城市",
    "十四五", "CO2加绿氢", "实现零突破", "数量和增幅均实现新突破",
)  # fmt: skip


@pytest.mark.parametrize("figure", FIGURES)
def test_a_figure_is_one_span_with_its_qualifier_and_unit(figure: str) -> None:
    assert figure_spans(f"其中{figure}，") == [(2, 2 + len(figure))]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_words_without_a_number_and_unit_are_no_figure(text: str) -> None:
    assert figure_spans(text) == []


@pytest.mark.parametrize("figure", FIGURES)
def test_a_figure_stays_whole_where_it_fits(figure: str) -> None:
    found = []
    for lead in range(9):
        text = "中" * lead + figure + "，后文"
        (start, end), *_ = figure_spans(text)
        plain = [i for i in range(start + 1, end) if can_break(text[i - 1], text[i])]
        pieces = [text[a:b] for a, b in pairwise([start, *plain, end + 1])]  # with its ，
        for width in range(45, 151, 5):  # from where a number and its ，fit a line
            lines = break_lines(text, width, measure)
            cuts = [e for e in accumulate(map(len, lines)) if start < e < end]
            if cuts and measure(text[start : end + 1]) <= width:
                found.append(f"@{width}: split where it fits: {lines}")
            if set(cuts) - set(plain) and max(map(measure, pieces)) <= width:
                found.append(f"@{width}: cut where plain text would not break: {lines}")
            found += [f"@{width}: {p}" for p in _check_break_lines(text, width, measure)]
    assert not found, "\n".join(found[:20])


def test_an_item_of_no_width_inside_a_figure_adds_no_break() -> None:
    chars = [*"资金投入1630万", "", *"元。"]
    widths = [em(char) if char else 0.0 for char in chars]
    ends = line_ends(chars, widths, [70])
    assert ends == [4, len(chars)]  # 资金投入 | 1630万元。


# --- last lines of one character ----------------------------------------------------------


def test_a_last_line_keeps_its_character_when_the_line_before_cannot_spare_one() -> None:
    assert break_lines("ABCDEFGHI", 20, measure) == ["ABCD", "EFGH", "I"]  # one word
    assert break_lines("中文增长28%，好", 70, measure) == ["中文增长28%，", "好"]  # a figure
    assert break_lines("中“文”好", 40, measure) == ["中“文”", "好"]  # would start with ”


def test_no_last_line_of_one_character_where_the_line_before_can_spare_one() -> None:
    found = []
    for text in TEXTS:
        for width in range(40, 201, 3):
            lines = break_lines(text, width, measure)
            problems = figure_and_widow_problems(text, lines, [em(c) for c in text], width)
            found += [f"@{width}: {p}" for p in problems if "last line" in p]
    assert not found, "\n".join(found[:20])


# --- web addresses and long Latin runs -------------------------------------------------------

URL = "https://www.example.gov.cn/art/2023/2/3/art_1229418260_4137561.html"


def test_a_web_address_breaks_after_its_marks_and_starts_where_it_stands() -> None:
    pieces = re.findall(r"[^/.\-?&=_]*[/.\-?&=_]*", URL)  # up to and with each run of marks
    widest = max(measure(piece) for piece in pieces)
    for lead in range(1, 8):
        text = "中" * lead + "，见" + URL + "，后文。"
        start = text.index("h")
        for width in range(int(widest), 400, 4):
            lines = break_lines(text, width, measure)
            assert not _check_break_lines(text, width, measure)
            ends = list(accumulate(map(len, lines)))
            cuts = [e for e in ends if start < e < start + len(URL)]
            assert all(text[e - 1] in URL_MARKS and text[e] not in URL_MARKS for e in cuts), lines
            line = next(n for n, e in enumerate(ends) if e >= start)  # the line before it
            room = width - measure(text[(ends[line - 1] if line else 0) : start])
            if room >= measure(pieces[0]):  # https:// fits after what comes before
                assert start not in ends, lines


def test_a_latin_run_longer_than_a_line_is_cut_where_it_stands() -> None:
    text = "中文中文中文ABCDEFGHIJKLMNOPQRSTUVWXYZ中文"
    assert break_lines(text, 100, measure) == [
        "中文中文中文ABCDEFGH",
        "IJKLMNOPQRSTUVWXYZ",
        "中文",
    ]


def test_line_ends_pairs_cover_the_text() -> None:
    text = TEXTS[-2]
    ends = line_ends(text, [em(c) for c in text], [120, 200])
    assert "".join(text[a:b] for a, b in pairs(ends)) == text
