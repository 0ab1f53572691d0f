"""The figure reader on the general forms of Chinese statistical writing, sentence by sentence."""

from __future__ import annotations

import pytest

from briefing.extract.figures import Found, find_figures

pytestmark = pytest.mark.unit


def read(text: str) -> dict[str, Found]:
    return {f.quote: f for f in find_figures(text)}


def reading(found: Found) -> tuple[str, float, str | None, str]:
    return (found.kind, found.value, found.unit, found.qualifier)


@pytest.mark.parametrize(
    ("sentence", "quote", "value", "unit", "qualifier"),
    [
        ("全年举办培训近百场。", "近百场", 100, "场", "nearly"),
        ("服务企业约3万人次。", "约3万人次", 3, "万人次", "about"),
        ("引进各类人才300余名。", "300余名", 300, "名", "and_more"),
        ("到位资金1700多万元。", "1700多万元", 1700, "万元", "and_more"),
        ("转化科技成果40项左右。", "40项左右", 40, "项", "around"),
        ("孵化面积10万平方米以上。", "10万平方米以上", 10, "万平方米", "above"),
        ("技术交易额突破70亿元。", "突破70亿元", 70, "亿元", "over"),
        ("科技型中小企业超过1.57万家。", "超过1.57万家", 1.57, "万家", "more_than"),
        ("全县引进院士专家两千余人。", "两千余人", 2000, "人", "and_more"),
        ("设立引导基金三千万元。", "三千万元", 3000, "万元", "exact"),
    ],
)
def test_qualifiers_before_inside_and_after_the_number(sentence, quote, value, unit, qualifier):
    found = read(sentence)
    assert quote in found, sorted(found)
    assert reading(found[quote]) == ("metric", value, unit, qualifier)


def test_an_index_value_has_no_unit_and_its_changes_attach_to_it():
    text = "全市科技创新水平指数达到53.5，提高0.46个百分点。区域创新指数力争达到160以上。"
    figures = find_figures(text)
    found = {f.quote: f for f in figures}
    assert reading(found["53.5"]) == ("metric", 53.5, None, "exact")
    points = found["0.46个百分点"]
    assert points.change_kind == "points" and figures[points.of or 0].quote == "53.5"
    assert reading(found["160以上"]) == ("metric", 160, None, "above")
    plain = find_figures("全市综合指数为68.2，比上年提高2.3。")
    assert [(f.quote, f.kind) for f in plain] == [("68.2", "metric"), ("2.3", "change")]
    assert plain[1].of == 0


def test_a_count_of_new_ones_changes_the_total_a_clause_later():
    figures = find_figures("各园区新增研发机构33家，总数达到1630家。")
    assert [(f.quote, f.kind, f.change_kind) for f in figures] == [
        ("33家", "change", "added"),
        ("1630家", "metric", None),
    ]
    assert figures[0].of == 1
    listed = find_figures("新增省级工程技术研究中心1家、市级重点实验室1家。")
    assert [f.kind for f in listed] == ["metric", "metric"]  # two counts of new ones, no total


def test_a_growth_in_percent_is_of_the_count_not_of_the_share_between():
    figures = find_figures(
        "全省有40294家企业进入评价库，占全国的18.1%，入库企业数比上年增长73.8%。"
    )
    growth = next(f for f in figures if f.quote == "73.8%")
    assert growth.change_kind == "growth" and figures[growth.of or 0].quote == "40294家"


def test_both_of_two_figures_a_clause_apart_change_in_order():
    figures = find_figures(
        "全年登记技术合同23003项，成交额823.57亿元，二者分别增长117.15%和54.31%。"
    )
    changes = [(f.quote, figures[f.of or 0].quote) for f in figures if f.kind == "change"]
    assert changes == [("117.15%", "23003项"), ("54.31%", "823.57亿元")]


@pytest.mark.parametrize("verb", ["缩短", "压缩", "降低", "下降"])
def test_a_fall_in_percent_is_a_change_with_a_negative_value(verb):
    found = read(f"平均办理时限{verb}40%。")
    assert (found["40%"].kind, found["40%"].value, found["40%"].change_kind) == (
        "change",
        -40,
        "growth",
    )


def test_a_share_and_its_points_change():
    figures = find_figures("研发经费占营业收入的比重为1.85%，较上年提高0.21个百分点。")
    assert figures[1].change_kind == "points" and figures[figures[1].of or 0].quote == "1.85%"


def test_ranks_listed_one_after_another():
    text = (
        "合肥高新区排名第六。"
        "其后依次是西安高新区第七、杭州高新区第八、广州高新区第九和成都高新区第十。"
    )
    ranks = [(f.quote, f.kind, f.value) for f in find_figures(text)]
    assert ranks == [
        ("第六", "ranking", 6),
        ("第七", "ranking", 7),
        ("第八", "ranking", 8),
        ("第九", "ranking", 9),
        ("第十", "ranking", 10),
    ]


def test_standings_and_rankings_by_what_the_rank_is_of():
    found = read("全县专利授权量的增幅跃居全市第一。")
    assert found["第一"].kind == "standing"  # of a figure named, not printed
    found = read("重庆综合科技创新水平指数为74.08%，居全国第8位。")
    assert found["第8位"].kind == "ranking"  # an evaluation's index: its list
    figures = find_figures("投入强度为2.24%，在全省十三个设区市中排在第八位。")
    assert [(f.quote, f.kind, f.out_of) for f in figures] == [
        ("2.24%", "metric", None),
        ("第八位", "standing", 13),
    ]
    figures = find_figures("在全省13个设区市中，我市排名第5位。")
    assert [(f.quote, f.kind, f.out_of) for f in figures] == [("第5位", "ranking", 13)]


@pytest.mark.parametrize(
    "sentence",
    [
        "2023年11月2日，市科技局召开第十五次党组会议。",
        "落实“科技新政30条”，坚持两手抓，一是强化服务，二是优化环境。",
        "（1）加快5G基站建设，四川省1-11月推进。",
        "全省科技创新呈现五个特点。",
        "广东、江苏、北京、浙江、上海和山东六个省市的得分领先。",
        "年销售收入不足两千万元的企业占多数。",
        "首批、第一批和首届活动在第三代半导体园区举行，保持两位数增长。",
    ],
)
def test_numbers_that_are_not_figures(sentence):
    assert find_figures(sentence) == []


def test_a_threshold_after_the_share_it_defines_is_no_figure():
    found = read("76%以上的企业综合评价得分超过80分；年销售收入在1亿元以上的企业有32家。")
    assert sorted(found) == ["32家", "76%以上"]


def test_a_count_after_a_list_of_other_things_is_a_figure():
    found = read("精密制造、汽车电子领域的三家企业获批省瞪羚企业。")
    assert reading(found["三家"]) == ("metric", 3, "家", "exact")
