"""Width estimates and wrapping by the shared Chinese rules, for the deck and chart labels."""

from __future__ import annotations

import pytest

from briefing.text.linebreak import CANNOT_END, CANNOT_START
from briefing.text.measure import balanced_wrap, char_em, em_width, wrap

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
