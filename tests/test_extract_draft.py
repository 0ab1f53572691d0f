"""The drafted facts: the outlook apart from the themes, claims on every figure they cover,
labels that name what they count, no theme without figures."""

from __future__ import annotations

import pytest

from briefing.extract.draft import draft_facts

pytestmark = pytest.mark.unit

# Our own article, in the register of a city's yearly review.
REVIEW = """\
某市2024年科技创新工作回顾
2024年，某市坚持创新驱动发展，科技创新工作取得新的进展，创新主体和平台持续壮大。
一、创新主体持续壮大
全市高新技术企业超过2300家，科技型中小企业突破5000家，两项指标都居全省第二。入选省级独角兽企业3家、潜在独角兽企业12家，分别居全省第四和第二。
二、创新平台加快布局
年内成功获批4家省级重点实验室。各园区新增研发机构21家，总数达到340家。
三、创新生态不断优化
全市深化科技体制改革，营造鼓励创新、宽容失败的良好氛围。
四、下一步工作
下一步，市科技局将坚持把科技创新摆在全局工作的核心位置：一是加快建设城西科创走廊；二是深入实施科技型企业培育计划，推动更多企业成长为高新技术企业；三是优化科技金融服务。
"""

# The same kind of article, its plans in a paragraph that opens with 下一步, no headings.
NEWS = """\
全市科技型企业发展势头良好
今年以来，全市新认定高新技术企业120家，技术合同成交额达到18.6亿元，同比增长21.3%。
全市建成省级以上众创空间9家，孵化科技型企业300余家。
下一步，市科技局将一是扩大科技型企业规模；二是推动孵化载体提质增效。
"""


def themes_of(text: str) -> list[dict]:
    return list(draft_facts(text, "draft", "article.txt")["themes"])


def metrics_by_quote(text: str) -> dict[str, dict]:
    return {m["quote"]: m for t in themes_of(text) for m in t.get("metrics", [])}


def test_a_next_steps_heading_is_the_outlook_not_a_theme():
    drafted = draft_facts(REVIEW, "draft", "article.txt")
    assert [t["title"] for t in drafted["themes"]] == ["创新主体持续壮大", "创新平台加快布局"]
    outlook = drafted["outlook"]
    assert outlook["summary"] == "下一步，市科技局将坚持把科技创新摆在全局工作的核心位置。"
    pledges = [(p["action"], p["name"], p.get("items", [])) for p in outlook["pledges"]]
    assert pledges == [
        ("加快建设", "城西科创走廊", []),
        ("深入实施", "科技型企业培育计划", ["推动更多企业成长为高新技术企业"]),
        ("优化", "科技金融服务", []),
    ]


def test_a_paragraph_opening_with_next_steps_is_the_outlook():
    drafted = draft_facts(NEWS, "draft", "article.txt")
    assert [p["name"] for p in drafted["outlook"]["pledges"]] == [
        "科技型企业规模",
        "孵化载体提质增效",
    ]
    quotes = [m["quote"] for t in drafted["themes"] for m in t.get("metrics", [])]
    assert quotes == ["120家", "18.6亿元", "9家", "300余家"]


def test_a_standing_claims_every_figure_it_covers():
    metrics = metrics_by_quote(REVIEW)
    claims = {c["quote"]: c for t in themes_of(REVIEW) for c in t.get("claims", [])}
    both = claims["第二"]
    assert both["text"] == "两项指标都居全省第二"
    assert both["metrics"] == [metrics["超过2300家"]["id"], metrics["突破5000家"]["id"]]
    each = claims["第四和第二"]
    assert each["metrics"] == [metrics["3家"]["id"], metrics["12家"]["id"]]


def test_labels_name_what_the_figure_counts():
    metrics = metrics_by_quote(REVIEW)
    assert metrics["4家"]["label"] == "成功获批省级重点实验室"  # the object after the verb
    assert metrics["340家"]["label"] == "研发机构总数"  # the subject carried from before
    assert metrics["340家"]["change"]["quote"] == "21家"


def test_a_heading_over_prose_alone_makes_no_theme():
    titles = [t["title"] for t in themes_of(REVIEW)]
    assert "创新生态不断优化" not in titles
    assert all(t.get("metrics") or t.get("claims") or t.get("rankings") for t in themes_of(REVIEW))
