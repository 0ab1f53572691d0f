"""The printed form of every qualifier, numeral style, change and ranking."""

from __future__ import annotations

import pytest

from briefing.facts.model import Change, Metric, Ranking
from briefing.facts.printed import format_change, format_number, format_rank, format_value

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
        (12345, "人", "exact", "arabic", "12,345人"),
        (10000, "人", "nearly", "chinese", "近万人"),
        (0, "项", "exact", "arabic", "0项"),
    ],
)
def test_every_qualifier_prints_as_the_source_writes_it(value, unit, qualifier, numeral, printed):
    assert format_value(metric(value, unit, qualifier, numeral)) == printed


def test_integral_floats_print_without_decimals():
    assert format_number(150.0) == "150"
    assert format_number(1.7) == "1.7"


def test_chinese_numerals_exist_only_for_round_values():
    with pytest.raises(ValueError, match="no one-character Chinese form"):
        format_number(250, numeral=metric(1, "x", numeral="chinese").numeral)


@pytest.mark.parametrize(
    ("change", "printed"),
    [
        (Change(kind="yoy", value=28, unit="%"), "同比增长28%"),
        (Change(kind="yoy", value=-3.5, unit="%"), "同比下降3.5%"),
        (Change(kind="added", value=50, unit="家"), "新增50家"),
        (Change(kind="added", value=-2, unit="家"), "减少2家"),
    ],
)
def test_changes(change, printed):
    assert format_change(change) == printed


def test_rank_with_and_without_list_size():
    assert format_rank(Ranking(id="r", list="L", rank=33)) == "第33位"
    assert format_rank(Ranking(id="r", list="L", rank=1, out_of=27)) == "第1位（共27）"
