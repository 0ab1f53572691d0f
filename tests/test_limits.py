"""Facts at the limits the model allows still build, with nothing running off a page or a
slide: the longest title, issuer and scope, a ranking whose tile headline is longer than a
line. (Each of these once ended in an internal error or overlapping text.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from briefing import build, load_story
from briefing.facts.model import MOST_THEMES
from briefing.render.pptx.fit import line_count
from briefing.render.pptx.geometry import INSET
from tests import layout_checks as checks
from tests.helpers import pdf_text, squash

pytestmark = pytest.mark.e2e

LONG = "高新技术企业研究与试验发展经费投入强度统计口径说明补充"  # 27 characters


def at_limits() -> str:
    title = (LONG * 3)[:60]
    return f"""\
briefing:
  id: limits
  title: {title}
  region: 某市
  period: "2024"
  issuer: {(LONG * 3)[:60]}
  sources:
    - id: src
      title: 某市年度报告
headline:
  summary: 概述。
themes:
  - id: t1
    title: {(LONG * 3)[:60]}
    summary: 摘要。
    rankings:
      - id: r1
        list: {(LONG * 3)[:60]}
        subject: 某市高新区
        rank: 307
        out_of: 1000
        scope: {(LONG * 3)[:20]}
    highlights:
      - text: 科技成果转化步伐加快。
"""


def test_facts_at_the_limits_build_with_nothing_off_the_page(tmp_path: Path) -> None:
    facts = tmp_path / "limits.yml"
    facts.write_text(at_limits(), encoding="utf-8")
    pdf, deck = build(facts, output=tmp_path / "out")
    story = load_story(facts)
    found = checks.overflow(checks.read_pdf(pdf), checks.body_of(story))
    found += checks.deck_defects(deck, story)
    assert [d for d in found if d.kind != checks.THIN_SLIDE] == []


def forty_themes() -> str:
    """The most themes the model allows, each with a title and one figure."""
    themes = "".join(
        f"""\
  - id: t{n}
    title: 第{n}项重点任务推进情况
    summary: 摘要。
    metrics:
      - {{id: m{n}, label: 项目, value: {n}, unit: 项}}
"""
        for n in range(1, MOST_THEMES + 1)
    )
    return f"""\
briefing:
  id: forty
  title: 某省科技创新工作进展
  region: 某省
  period: "2024"
  sources:
    - id: src
      title: 某省年度报告
headline:
  summary: 概述。
themes:
{themes}"""


def test_forty_themes_build_with_their_numerals_whole(tmp_path: Path) -> None:
    """Chapters 十一 to 四十 are numbered in full, and each numeral stands on one line of
    its agenda badge."""
    facts = tmp_path / "forty.yml"
    facts.write_text(forty_themes(), encoding="utf-8")
    pdf, deck = build(facts, output=tmp_path / "out")
    story = load_story(facts)
    assert [s.number for s in story.sections][9:12] == ["十", "十一", "十二"]
    assert story.sections[-1].number == "四十"
    found = checks.overflow(checks.read_pdf(pdf), checks.body_of(story))
    found += checks.deck_defects(deck, story)
    assert [d for d in found if d.kind != checks.THIN_SLIDE] == []
    badge = story.words.shapes["agenda_number"]
    numerals = [
        shape
        for slide in Presentation(str(deck)).slides
        for shape in slide.shapes
        if shape.name.startswith(story.words.shapes["agenda_row"]) and shape.name.endswith(badge)
    ]
    assert len(numerals) == MOST_THEMES
    for shape in numerals:
        run = shape.text_frame.paragraphs[0].runs[0]
        room = Emu(shape.width).pt - 2 * INSET
        assert line_count(run.text, room, run.font.size.pt) == 1, run.text
    assert "四十、第40项重点任务推进情况" in squash(pdf_text(pdf))
