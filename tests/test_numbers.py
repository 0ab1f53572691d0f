"""The printed form of every qualifier, numeral style, change and ranking."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.facts.model import Change, Metric, Numeral, Ranking, Target
from briefing.facts.printed import (
    format_as_of,
    format_change,
    format_changes,
    format_number,
    format_rank,
    format_target,
    format_value,
)

pytestmark = pytest.mark.unit


def metric(value, unit, qualifier="exact", numeral="arabic"):
    return Metric(id="m", label="x", value=value, unit=unit, qualifier=qualifier, numeral=numeral)


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "numeral", "printed"),
    [
        (53.2, "亿元", "exact", "arabic", "53.2亿元"),
        (2.32, "亿元", "exact", "arabic", "2.32亿元"),
        (0.91, "%", "exact", "arabic", "0.91%"),
        (330, "家", "exact", "arabic", "330家"),
        (10, "亿元", "over", "arabic", "突破10亿元"),
        (1000, "家", "over", "chinese", "突破千家"),
        (9, "亿元", "more_than", "arabic", "超9亿元"),
        (100, "次", "nearly", "chinese", "近百次"),
        (100, "次", "nearly", "arabic", "近100次"),
        (5, "亿元", "about", "arabic", "约5亿元"),
        (100, "次", "and_more", "chinese", "百余次"),
        (100, "人", "and_more", "arabic", "100余人"),
        (100, "人", "above", "arabic", "100人以上"),
        (10, "%", "around", "arabic", "10%左右"),
        (12345, "人", "exact", "arabic", "12345人"),  # as written: no separator added
        ("12,345", "人", "exact", "arabic", "12,345人"),  # a separator where the file has one
        (10000, "人", "nearly", "chinese", "近万人"),
        (0, "项", "exact", "arabic", "0项"),
    ],
)
def test_every_qualifier_prints_as_the_source_writes_it(value, unit, qualifier, numeral, printed):
    assert format_value(metric(value, unit, qualifier, numeral)) == printed


def test_integral_floats_print_without_decimals():
    assert format_number(150.0) == "150"
    assert format_number(1.7) == "1.7"


def test_chinese_numerals_are_for_whole_numbers():
    with pytest.raises(ValueError, match="not a whole number"):
        format_number(2.5, numeral=Numeral.chinese)


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (1, "一"), (2, "二"), (3, "三"), (5, "五"), (10, "十"), (11, "十一"), (12, "十二"),
        (20, "二十"), (25, "二十五"), (100, "百"), (101, "一百零一"), (110, "一百一十"),
        (114, "一百一十四"), (250, "二百五十"), (1000, "千"), (1005, "一千零五"),
        (1010, "一千零一十"), (10000, "万"), (10010, "一万零一十"), (12000, "一万二千"),
        (100000, "十万"), (110000, "十一万"), (1000000, "一百万"), (100000000, "亿"),
        (120000000, "一亿二千万"), (100010000, "一亿零一万"),
    ],
)  # fmt: skip
def test_chinese_numerals_for_any_whole_number(value, printed):
    assert format_number(value, Numeral.chinese) == printed


@pytest.mark.parametrize(
    ("value", "printed"),
    [(2, "两"), (200, "两百"), (2000, "两千"), (20000, "两万"), (22, "二十二"), (12, "十二")],
)
def test_liang_writes_a_leading_two_as_two_of_a_kind(value, printed):
    assert format_number(value, Numeral.liang) == printed


@pytest.mark.parametrize(
    ("written", "printed"),
    [("value: 4.10", "4.10亿元"), ("value: 1086.20", "1086.20亿元"), ("value: 0.910", "0.910亿元")],
)
def test_digits_print_as_the_file_wrote_them(write, written, printed):
    from briefing.facts import load_facts
    from tests.helpers import MINIMAL

    facts = load_facts(write("facts.yml", MINIMAL.replace("value: 2.5", written)))
    funds = facts.metrics()["funds"]
    assert format_value(funds) == printed
    assert funds.value == float(written.split()[1])  # arithmetic uses the number


def test_flags_print_once_and_in_order():
    def flagged(**flags):
        return Metric(id="m", label="x", value=2, unit="%", qualifier="over", **flags)

    assert format_value(flagged(first_time=True)) == "首次突破2%"
    assert format_value(flagged(cumulative=True)) == "累计突破2%"
    exact = Metric(id="m", label="x", value=50, unit="家", first_time=True)
    assert format_value(exact) == "首次达到50家"
    assert format_as_of("截至2022年底") == "截至2022年底"
    assert format_as_of(dt.date(2022, 12, 31)) == "截至2022年12月31日"
    assert format_target(Target(value=1000, met="early"), "家") == "目标1000家，提前完成"
    named = Target(value=2000, unit="家", name="“十四五”倍增目标", met="yes")
    assert format_target(named, "个") == "“十四五”倍增目标2000家，已完成"
    assert format_target(None, "家") is None


@pytest.mark.parametrize(
    ("change", "printed"),
    [
        (Change(kind="yoy", value=28, unit="%"), "同比增长28%"),
        (Change(kind="yoy", value=-3.5, unit="%"), "同比下降3.5%"),
        (Change(kind="added", value=50, unit="家"), "新增50家"),
        (Change(kind="added", value=-2, unit="家"), "减少2家"),
        (Change(kind="added", value=3), "新增3家"),  # the metric's unit
        (Change(kind="growth", value=20.8), "增长20.8%"),
        (Change(kind="yoy", value=28, since=2021), "较2021年增长28%"),
        (Change(kind="points", value="2.10"), "提高2.10个百分点"),  # as written
        (Change(kind="points", value=-0.5, since="上年"), "较上年下降0.5个百分点"),
        (Change(kind="places", value=10, since="去年"), "较去年提升10位"),
        (Change(kind="places", value=-3), "下降3位"),
        (
            Change(kind="places", value=1, since="上一年", verb="上升", numeral="chinese"),
            "较上一年上升一位",
        ),
        (Change(kind="points", value=5, qualifier="nearly", since="上年"), "较上年提高近5个百分点"),
        (Change(kind="added", value=28, verb="净增"), "净增28家"),
        (Change(kind="growth", value="32.9", verb="增幅达"), "增幅达32.9%"),
    ],
)
def test_changes(change, printed):
    assert format_change(change, "家") == printed


def test_a_figure_with_two_changes_prints_both_in_order():
    both = Metric(
        id="m",
        label="x",
        value=281,
        unit="家",
        change=[{"kind": "added", "value": 51}, {"kind": "growth", "value": 20.8}],
    )
    assert format_changes(both, "，") == "新增51家，增长20.8%"
    assert format_changes(metric(1, "家"), "，") is None


def test_rank_with_and_without_list_size():
    assert format_rank(Ranking(id="r", list="L", rank=33)) == "第33位"
    assert format_rank(Ranking(id="r", list="L", rank=1, out_of=27)) == "第1位（共27）"
    assert format_rank(Ranking(id="r", list="L", rank=3, scope="全省")) == "全省第3位"
    chinese = Ranking(id="r", list="L", rank=7, numeral="chinese", place="名")
    assert format_rank(chinese) == "第七名"
    bare = Ranking(id="r", list="L", rank=5, scope="全国", numeral="chinese", place="")
    assert format_rank(bare) == "全国第五"
