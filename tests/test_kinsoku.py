"""reportlab paragraphs wrapped by the shared rules (briefing.render.pdf.kinsoku), on the plain
and the markup path, and what a real PDF reads back: kinsoku marks, figures whole, no widows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate
from reportlab.platypus import paragraph as rl_paragraph

from briefing import build
from briefing.render.pdf import kinsoku
from briefing.text.linebreak import CANNOT_END, CANNOT_START, figure_spans
from tests.helpers import ROOT
from tests.test_linebreak import TEXTS, WIDTHS, figure_and_widow_problems, violations
from tests.test_measure import story_texts

pytestmark = pytest.mark.unit

FONTS = Path(__file__).parents[1] / "assets" / "fonts"
REGULAR, BOLD = "LinebreakTestSans", "LinebreakTestSans-Bold"
FIXTURES = ROOT / "tests" / "fixtures"


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


def wrapped(markup: str, paragraph_style: ParagraphStyle, width: float) -> Paragraph:
    paragraph = Paragraph(markup, paragraph_style)
    paragraph.wrap(width, 10_000)
    return paragraph


def check(markup: str, text: str, paragraph_style: ParagraphStyle, width: float) -> list[str]:
    """The rules broken by this paragraph wrapped at this width, each prefixed with where."""
    paragraph = wrapped(markup, paragraph_style, width)
    return [f"{paragraph_style.name} @{width}pt: {problem}" for problem in _problems(paragraph)]


def _problems(paragraph: Paragraph) -> list[str]:
    """Punctuation, overflow, figures split where they fit, avoidable last lines of one
    character; the text is the paragraph's, markup is measured in its wider (bold) font."""
    lines, limits = lines_of(paragraph), paragraph._wrapWidths
    text = "".join(lines)
    size, fonts = paragraph.style.fontSize, {paragraph.style.fontName}
    if paragraph.blPara.kind:
        fonts |= {REGULAR, BOLD}
    measured = {c: max(pdfmetrics.stringWidth(c, f, size) for f in fonts) for c in set(text)}
    return [
        *violations(text, lines, widths_of(paragraph), limits),
        *figure_and_widow_problems(text, lines, [measured[c] for c in text], min(limits)),
    ]


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
    found = [] if "".join(lines_of(paragraph)) == text else ["text changed"]
    return found + _problems(paragraph)


def test_stock_reportlab_breaks_these_rules_so_the_checks_bite() -> None:
    kinsoku.uninstall()
    try:
        found = [p for text in TEXTS for w in WIDTHS for p in check(escape(text), text, style(), w)]
    finally:
        kinsoku.install()
    assert any("starts with a closing mark" in problem for problem in found)
    assert any("ends with an opening mark" in problem for problem in found)
    assert any("was split" in problem for problem in found)  # 达到|48.9%
    assert any("a last line of one character" in problem for problem in found)


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


# --- end to end: a briefing built from a fixture, read back -----------------------------------

CLOSING = "".join(sorted(CANNOT_START))
WIDOW = re.compile(f"[\u4e00-\u9fff][{re.escape(CLOSING)}]*")


@pytest.mark.e2e
def test_a_built_briefing_splits_no_figure_and_leaves_no_widow(tmp_path: Path) -> None:
    facts = FIXTURES / "hefei-hitech-2022.yml"
    (pdf,) = build(facts, formats=["pdf"], output=tmp_path)
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    figures = {text[a:b] for text in story_texts(facts) for a, b in figure_spans(text)}
    assert {"近16亿元", "提高近5个百分点", "17日"} <= figures
    split = [
        match.group()
        for figure in figures
        for page in pages
        for match in re.finditer(r"\s*".join(map(re.escape, figure)), page)
        if "\n" in match.group()
    ]
    assert not split  # e.g. a line ending 合肥2 and the next starting 月17日
    lines = [line.strip() for page in pages for line in page.splitlines()]
    widows = [(a, b) for a, b in pairwise(lines) if WIDOW.fullmatch(b) and len(a) >= 4]
    assert not widows  # e.g. 开放创新和国际竞争 over 力
