"""Width estimates and wrapping by the shared Chinese rules, for the deck and chart labels."""

from __future__ import annotations

import functools
from itertools import accumulate
from pathlib import Path

import pytest

from briefing import load_story
from briefing.paths import DEFAULT_FACTS
from briefing.text.linebreak import CANNOT_END, CANNOT_START, figure_spans
from briefing.text.measure import balanced_wrap, char_em, em_width, em_widths, wrap
from tests.helpers import ROOT
from tests.test_linebreak import figure_and_widow_problems, violations

pytestmark = pytest.mark.unit


def test_widths_in_ems():
    assert char_em("中") == 1.0
    assert char_em("8") == 0.6
    assert em_width("中文") == 2.0
    # A quarter em where Chinese meets Latin, as LibreOffice sets it.
    assert em_width("R&D投入") == pytest.approx(0.68 + 0.45 + 0.68 + 0.25 + 2)
    assert em_width("第一行\n第二行更长") == 5.0


def test_wrap_keeps_the_rules_and_the_text():
    text = "全市R&D经费投入53.2亿元，投入强度0.91%，对全区R&D投入增长的贡献率48.9%，居全区首位。"
    for ems in (3, 5, 7, 9, 12, 20):
        lines = wrap(text, ems)
        assert "".join(lines) == text
        assert not any(line[0] in CANNOT_START for line in lines[1:]), lines
        assert not any(line[-1] in CANNOT_END for line in lines[:-1]), lines
        assert all(em_width(line) <= ems + 1e-6 for line in lines if " " not in line), lines
        assert "53.2" in "".join(line for line in lines if "53" in line)


@pytest.mark.parametrize("mark", sorted(CANNOT_START))
def test_no_line_starts_with_any_closing_mark(mark):
    text = f"科技型企业数量{mark}高新技术企业{mark}研发机构{mark}"
    for ems in range(2, 12):
        assert not any(line[0] == mark for line in wrap(text, ems)[1:])
        assert not any(line[0] == mark for line in balanced_wrap(text, ems)[1:])


def test_balanced_wrap_evens_out_the_lines():
    label = "新型研发机构引进科研人员"  # 12 characters
    assert wrap(label, 10) == ["新型研发机构引进科研", "人员"]
    assert balanced_wrap(label, 10) == ["新型研发机构", "引进科研人员"]
    assert balanced_wrap("短标签", 10) == ["短标签"]


# --- the briefings' own sentences ------------------------------------------------------------

FACTS = (DEFAULT_FACTS, *sorted((ROOT / "tests" / "fixtures").glob("*.yml")))


@functools.cache
def story_texts(facts: Path) -> tuple[str, ...]:
    """What a briefing prints as running text: overview, summaries, highlights, claims, tiles,
    outlook and sources."""
    story = load_story(facts)
    texts = {story.overview, *story.claims, *(source.text for source in story.sources)}
    for section in story.sections:
        texts |= {section.summary, *section.highlights, *section.claims}
        texts |= {text for tile in section.tiles for text in (tile.value, tile.label, tile.note)}
        texts |= {text for credit in section.credits for text in credit.highlights}
    if story.outlook:
        texts |= {story.outlook.summary}
        texts |= {item for pledge in story.outlook.pledges for item in pledge.items}
    return tuple(sorted(text for text in texts if text))


@pytest.mark.parametrize("facts", FACTS, ids=lambda path: path.stem)
def test_the_briefings_sentences_wrap_by_every_rule(facts: Path) -> None:
    texts = story_texts(facts)
    assert any(figure_spans(text) for text in texts)
    found = [
        f"{ems} em: {problem}"
        for text in texts
        for ems in range(8, 41)
        for problem in _problems(text, wrap(text, ems), ems)
    ]
    assert not found, "\n".join(found[:20])


def _problems(text: str, lines: list[str], ems: float) -> list[str]:
    widths = em_widths(text)
    ends = list(accumulate(map(len, lines)))
    over = [
        f"{line!r} is too wide"
        for line, start in zip(lines, [0, *ends], strict=False)
        if sum(widths[start : start + len(line.rstrip(" "))]) > ems + 1e-6
    ]
    return [
        *violations(text, lines, [0.0] * len(lines), [ems]),
        *over,
        *figure_and_widow_problems(text, lines, widths, ems),
    ]


@pytest.mark.parametrize("facts", FACTS, ids=lambda path: path.stem)
def test_labels_balance_and_keep_their_figures(facts: Path) -> None:
    labels = [text for text in story_texts(facts) if len(text) <= 24]
    found = [
        f"{ems} em: {problem}"
        for text in labels
        for ems in (6, 8, 10, 12)
        for problem in _problems(text, balanced_wrap(text, ems), ems)
    ]
    assert not found, "\n".join(found[:20])


def test_a_figure_is_not_split_in_a_deck_line() -> None:
    text = "全年技术合同成交额突破10亿元，同比增长28%。"
    assert wrap(text, 12) == ["全年技术合同成交额", "突破10亿元，", "同比增长28%。"]
    assert all("1630万元" in line for line in wrap("安排专项资金1630万元。", 6)[1:])
