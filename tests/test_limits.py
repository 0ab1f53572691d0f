"""Facts at the limits the model allows still build, with nothing running off a page or a
slide: the longest title, issuer and scope, a ranking whose tile headline is longer than a
line. (Each of these once ended in an internal error or overlapping text.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import build, load_story
from tests import layout_checks as checks

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
