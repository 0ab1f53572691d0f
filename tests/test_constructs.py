"""Every construct of the facts schema, printed as a Chinese reader expects in both outputs."""

from __future__ import annotations

import pytest
from pptx import Presentation

from briefing import build
from briefing.facts import load_facts
from briefing.story import build_story
from briefing.story.model import BlockKind
from tests.helpers import deck_text, pdf_text, squash

pytestmark = pytest.mark.e2e

CONSTRUCTS = """\
briefing:
  id: county-2023
  title: 某县科技创新工作简报
  region: 某县
  period: 2023
  sources:
    - id: src
      title: 某县2023年科技工作总结
headline:
  summary: 概述。
  rankings:
    - id: rank-province
      list: 全省县域创新能力评价
      scope: 全省
      rank: 3
      out_of: 60
      change: {kind: places, value: 10, since: 上年}
  claims:
    - id: claim-both
      text: 两项指标均居全市首位
      metrics: [funds, patents]
  key_figures: [funds, firms]
themes:
  - id: enterprises
    title: 企业创新
    summary: 企业摘要。
    metrics:
      - id: funds
        label: 研发经费
        value: 4.10
        unit: 亿元
        change:
          - {kind: added, value: 0.52, unit: 亿元}
          - {kind: growth, value: 14.5}
      - id: firms
        label: 高新技术企业
        value: 120
        unit: 家
        cumulative: true
        as_of: 截至2023年底
        target: {value: 100, name: “十四五”目标, met: early}
      - id: intensity
        label: 研发投入强度
        value: 2
        unit: "%"
        qualifier: over
        first_time: true
        change: {kind: points, value: 0.35}
      - id: labs
        label: 省级重点实验室
        value: 3
        unit: 家
        numeral: chinese
      - id: patents
        label: 发明专利授权
        value: 1086
        unit: 件
        change: {kind: yoy, value: -2.0, since: 2022}
    claims:
      - id: claim-firms
        text: 高新技术企业数量首次进入全省前十
    highlights:
      - text: 新建省级重点实验室三家。
        metrics: [labs]
    entities:
      - id: lab-materials
        name: 新材料实验室
        kind: institution
        level: 省级
        role: 重点实验室
        note: 2023年获批
      - id: industry-battery
        name: 新能源电池
        kind: industry
  - id: talent
    title: 人才引育
    summary: 人才摘要。
    highlights:
      - text: 引进高层次人才团队。
"""
EXPECTED = [
    "4.10亿元",
    "新增0.52亿元，增长14.5%",
    "累计120家",
    "截至2023年底",
    "“十四五”目标100家，提前完成",
    "首次突破2%",
    "提高0.35个百分点",
    "三家",
    "较2022年下降2.0%",
    "全省第3位（共60）",
    "较上年提升10位",
    "两项指标均居全市首位",
    "高新技术企业数量首次进入全省前十",
    "新材料实验室（省级，重点实验室，2023年获批）",
    "新能源电池",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("constructs")
    facts = folder / "facts.yml"
    facts.write_text(CONSTRUCTS, encoding="utf-8")
    pdf, deck = build(facts, output=folder / "out")
    notes = "".join(
        slide.notes_slide.notes_text_frame.text
        for slide in Presentation(str(deck)).slides
        if slide.has_notes_slide
    )
    return facts, squash(pdf_text(pdf)), squash(deck_text(deck) + notes)


@pytest.mark.parametrize("printed", EXPECTED)
def test_every_construct_prints_in_the_report(built, printed):
    _, pdf, _ = built
    assert squash(printed) in pdf


@pytest.mark.parametrize("printed", EXPECTED)
def test_every_construct_prints_in_the_deck_or_its_notes(built, printed):
    _, _, deck = built
    assert squash(printed) in deck


def test_the_appendix_lists_each_figure_with_its_remarks_and_claims(built):
    _, pdf, _ = built
    appendix = pdf[pdf.rindex("指标一览") :]
    assert "研发经费" in appendix and "新增0.52亿元，增长14.5%" in appendix
    assert appendix.count("两项指标均居全市首位") == 2  # on both figures it covers
    assert "较上年提升10位" in appendix


def test_no_outlook_means_no_outlook_block_and_a_theme_may_have_no_metrics(built):
    facts, pdf, deck = built
    story = build_story(load_facts(facts), __import__("briefing.brand").brand.load_brand())
    assert story.outlook is None
    assert BlockKind.outlook not in {b.kind for b in story.blocks}
    assert "展望" not in pdf and "展望" not in deck
    assert "图目录" not in pdf  # no charts: no list of figures
    assert story.sections[1].figures == () and story.sections[1].highlights
