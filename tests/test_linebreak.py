"""Chinese line breaking: the rules, reportlab paragraphs on both wrap paths, and a real PDF."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import accumulate
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate
from reportlab.platypus import paragraph as rl_paragraph

from briefing.render.pdf import kinsoku
from briefing.text.linebreak import CANNOT_END, CANNOT_START, break_lines

pytestmark = pytest.mark.unit

FONTS = Path(__file__).parents[1] / "assets" / "fonts"
REGULAR, BOLD = "LinebreakTestSans", "LinebreakTestSans-Bold"
WIDTHS = range(60, 461, 7)
LATIN_RUN = re.compile(r"[A-Za-z0-9&.%]{2,}")
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
)


@pytest.fixture(scope="module", autouse=True)
def installed() -> Iterator[None]:
    """Fonts registered and the rules installed for this module; reportlab as found after."""
    was_installed = kinsoku.is_installed()
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS / "NotoSansSC-Regular.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "NotoSansSC-Bold.ttf")))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    kinsoku.install()
    yield
    if not was_installed:
        kinsoku.uninstall()


def style(name: str = "body", **changes: object) -> ParagraphStyle:
    values: dict[str, object] = {"fontName": REGULAR, "fontSize": 10.5, "leading": 18}
    return ParagraphStyle(name, wordWrap="CJK", **(values | changes))


STYLES = (style(), style("indented", firstLineIndent=21), style("big", fontName=BOLD, fontSize=14))


def with_markup(text: str) -> str:
    """The text escaped, with every other run of 7 characters in <b> or a coloured <font>."""
    parts = [escape(text[i : i + 7]) for i in range(0, len(text), 7)]
    tags = ("<b>{}</b>", '<font color="#B42318">{}</font>')
    return "".join(tags[n // 2 % 2].format(part) if n % 2 else part for n, part in enumerate(parts))


def lines_of(paragraph: Paragraph) -> list[str]:
    """The text of each wrapped line, on the plain (kind 0) or the markup (kind 1) path."""
    bl_para = paragraph.blPara
    if bl_para.kind == 0:
        return ["".join(words) for _, words in bl_para.lines]
    return ["".join(word.text for word in line.words) for line in bl_para.lines]


def widths_of(paragraph: Paragraph) -> list[float]:
    """The inked width of each wrapped line: its characters, without the spaces it ends with."""
    bl_para = paragraph.blPara
    if bl_para.kind == 0:
        runs = [[(text, bl_para.fontName, bl_para.fontSize)] for _, [text] in bl_para.lines]
    else:
        runs = [[(w.text, w.fontName, w.fontSize) for w in line.words] for line in bl_para.lines]
    return [_inked_width(line) for line in runs]


def _inked_width(runs: list[tuple[str, str, float]]) -> float:
    chars = [(char, font, size) for text, font, size in runs for char in text]
    while chars and chars[-1][0] == " ":
        chars.pop()
    return sum(pdfmetrics.stringWidth(char, font, size) for char, font, size in chars)


def violations(text: str, lines: list[str], widths: list[float], limits: list[float]) -> list[str]:
    """Every way these lines of `text` break the rules; [] when they keep all of them."""
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
    """Whether a line ends inside this run of the text."""
    return any(run.start() < end < run.end() for end in accumulate(map(len, lines)))


def wrapped(markup: str, paragraph_style: ParagraphStyle, width: float) -> Paragraph:
    paragraph = Paragraph(markup, paragraph_style)
    paragraph.wrap(width, 10_000)
    return paragraph


def check(markup: str, text: str, paragraph_style: ParagraphStyle, width: float) -> list[str]:
    """The rules broken by this paragraph wrapped at this width, each prefixed with where."""
    paragraph = wrapped(markup, paragraph_style, width)
    found = violations(text, lines_of(paragraph), widths_of(paragraph), paragraph._wrapWidths)
    return [f"{paragraph_style.name} @{width}pt: {problem}" for problem in found]


@pytest.mark.parametrize("paragraph_style", STYLES, ids=lambda s: s.name)
def test_plain_paragraphs_keep_the_rules_at_every_width(paragraph_style: ParagraphStyle) -> None:
    # Text as report.py sets it: escaped. An escaped & (&amp;) takes the markup path.
    assert wrapped(escape(TEXTS[1]), paragraph_style, 200).blPara.kind == 0
    found = [
        problem
        for text in TEXTS
        for width in WIDTHS
        for problem in check(escape(text), text, paragraph_style, width)
    ]
    assert not found, "\n".join(found[:20])


@pytest.mark.parametrize("paragraph_style", STYLES, ids=lambda s: s.name)
def test_paragraphs_with_markup_keep_the_rules_at_every_width(
    paragraph_style: ParagraphStyle,
) -> None:
    assert wrapped(with_markup(TEXTS[0]), paragraph_style, 200).blPara.kind == 1  # markup path
    found = [
        problem
        for text in TEXTS
        for width in WIDTHS
        for problem in check(with_markup(text), text, paragraph_style, width)
    ]
    assert not found, "\n".join(found[:20])


def test_a_bullet_narrows_the_first_line_and_the_rules_hold() -> None:
    found = [
        problem
        for text in TEXTS
        for width in WIDTHS
        for markup in (escape(text), with_markup(text))
        for problem in _check_bulleted(markup, text, width)
    ]
    assert not found, "\n".join(found[:20])


def _check_bulleted(markup: str, text: str, width: float) -> list[str]:
    paragraph = Paragraph(markup, style("item", leftIndent=14, bulletIndent=2), bulletText="•")
    paragraph.wrap(width, 10_000)
    return violations(text, lines_of(paragraph), widths_of(paragraph), paragraph._wrapWidths)


def test_stock_reportlab_breaks_these_rules_so_the_checks_bite() -> None:
    kinsoku.uninstall()
    try:
        found = [p for text in TEXTS for w in WIDTHS for p in check(escape(text), text, style(), w)]
    finally:
        kinsoku.install()
    assert any("starts with a closing mark" in problem for problem in found)
    assert any("ends with an opening mark" in problem for problem in found)


def test_a_line_breaks_before_the_character_a_closing_mark_follows() -> None:
    lines = lines_of(wrapped(escape("中文中文中文中文中文。后文"), style(fontSize=10), 100))
    assert lines[:2] == ["中文中文中文中文中", "文。后文"]


def test_an_opening_mark_moves_to_the_next_line() -> None:
    lines = lines_of(wrapped(with_markup("中文中文中文中文中“文”"), style(fontSize=10), 100))
    assert lines == ["中文中文中文中文中", "“文”"]


def test_a_run_longer_than_a_line_is_cut_and_never_overflows() -> None:
    text = "见https://example.org/reports/2024/ordos-innovation.pdf，他说：“好！”……完"
    for width in range(20, 120, 3):
        for markup in (escape(text), with_markup(text)):
            paragraph = wrapped(markup, style(), width)
            assert "".join(lines_of(paragraph)) == text
            assert max(widths_of(paragraph)) <= width + 1e-6


def test_a_markup_paragraph_continued_on_the_next_page_gains_no_spaces() -> None:
    text = TEXTS[-1] + TEXTS[2]
    paragraph = wrapped(with_markup(text), style(), 150)
    first, rest = paragraph.split(150, 18 * 3)
    rest.wrap(150, 10_000)
    head = "".join(lines_of(first))
    assert head + "".join(lines_of(rest)) == text
    assert not violations(text[len(head) :], lines_of(rest), widths_of(rest), rest._wrapWidths)


def test_forced_breaks_and_anchors_are_kept() -> None:
    markup = '第一行文字。<br/>第二行<a name="here"/>文字，<b>加粗</b>。<br/><br/>最后'
    lines = lines_of(wrapped(markup, style(), 300))
    assert lines == ["第一行文字。", "第二行文字，加粗。", "", "最后"]


def test_install_is_idempotent_and_uninstall_restores_reportlab() -> None:
    originals = dict(kinsoku._ORIGINALS)
    kinsoku.install()
    assert originals == kinsoku._ORIGINALS
    kinsoku.uninstall()
    try:
        assert rl_paragraph.cjkFragSplit is originals["cjkFragSplit"]
        assert rl_paragraph.wordSplit is originals["wordSplit"]
    finally:
        kinsoku.install()
    assert rl_paragraph.cjkFragSplit is not originals["cjkFragSplit"]


def test_install_fails_loudly_when_reportlab_has_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    kinsoku.uninstall()
    try:
        monkeypatch.delattr(rl_paragraph, "cjkFragSplit")
        with pytest.raises(RuntimeError, match="cjkFragSplit"):
            kinsoku.install()
        assert not kinsoku.is_installed()
    finally:
        monkeypatch.undo()
        kinsoku.install()


# --- break_lines, the renderer-neutral function ---------------------------------------------


def em(char: str) -> float:
    """A monospaced measure: Chinese characters and marks 10, Latin and ASCII 5."""
    return 5.0 if char < "\u2000" else 10.0


def measure(text: str) -> float:
    return sum(em(char) for char in text)


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("中文中文。", 40, ["中文中", "文。"]),
        ("中文中文”。后", 40, ["中文中", "文”。后"]),
        ("中文中“文”", 40, ["中文中", "“文”"]),
        ("中文中（北京）", 40, ["中文中", "（北京）"]),
        ("中文中R&D", 40, ["中文中", "R&D"]),
        ("达到0.91%，对", 50, ["达到", "0.91%，对"]),
        ("CO2加绿氢", 20, ["CO2", "加绿", "氢"]),
        ("ABCDEFGHIJ", 20, ["ABCD", "EFGH", "IJ"]),
        ("中文——中文", 30, ["中文", "——中", "文"]),
        ("中文中……好", 40, ["中文", "中……好"]),
        ("AB(CDEFG", 15, ["AB", "(CD", "EFG"]),
        ("ab cd", 15, ["ab ", "cd"]),
        ("中文\n中文", 40, ["中文", "中文"]),
        ("", 40, [""]),
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
    return violations(text, lines, [measure(line.rstrip(" ")) for line in lines], [width])


# --- end to end: a PDF, read back --------------------------------------------------------------


def test_pdf_lines_read_back_keep_the_rules(tmp_path: Path) -> None:
    target = tmp_path / "lines.pdf"
    story = [
        Paragraph(markup, paragraph_style)
        for width in (9, 63, 117)
        for paragraph_style in (style(rightIndent=width), style(leftIndent=width, fontName=BOLD))
        for text in TEXTS
        for markup in (escape(text), with_markup(text))
    ]
    layout = {"pagesize": (260, 300), "leftMargin": 20, "rightMargin": 20}  # frame: 208 pt
    SimpleDocTemplate(str(target), **layout).build(story)
    reader = PdfReader(target)
    lines = [line.strip() for page in reader.pages for line in page.extract_text().splitlines()]
    expected = "".join(text * 2 for text in TEXTS) * 6
    assert len(reader.pages) > 10  # paragraphs do continue on later pages
    assert re.sub(r"\s+", "", "".join(lines)) == re.sub(r"\s+", "", expected)
    assert not [line for line in lines if line[:1] in CANNOT_START]
    assert not [line for line in lines if line[-1:] in CANNOT_END]
