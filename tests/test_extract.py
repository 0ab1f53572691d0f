"""`briefing extract`: figures read from an article, located, drafted into facts that validate."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from briefing import api
from briefing.cli import app
from briefing.errors import BriefingError
from briefing.extract import read_article
from briefing.extract.figures import find_figures
from briefing.extract.numerals import chinese_value
from briefing.facts.loader import load_facts
from tests.helpers import SOURCE, require_shared

pytestmark = pytest.mark.unit
runner = CliRunner()

# Our own article, in the register of a county's yearly summary.
ARTICLE = """\
某县2024年科技创新工作综述
2024年，某县科技创新工作取得新进展，创新主体持续壮大。
一、科技投入稳步增长
全县R&D经费投入突破12亿元，同比增长15.6%，投入强度达到2.35%，较上年提高0.4个百分点，居全市第2位。
二、创新主体加快壮大
全县高新技术企业新增45家、达到320家，科技型中小企业超过1.2万家。实施“科技新政30条”，组织两手抓专项行动，一是强化服务，二是优化环境。
全年举办科技活动近百场，引进院士专家三位，5G基站建成1800个。
在全市12个县区创新能力评价中位列第一，较上年提升2位。
"""


def by_quote(text):
    return {f.quote: f for f in find_figures(text)}


def test_chinese_numerals_read_as_numbers():
    assert chinese_value("两千一百二十四") == 2124
    assert chinese_value("百") == 100
    assert chinese_value("一万二千") == 12000
    assert chinese_value("十四五") is None


def test_figures_with_units_qualifiers_and_places():
    found = by_quote(ARTICLE)
    funds = found["突破12亿元"]
    assert (funds.kind, funds.value, funds.unit, funds.qualifier) == ("metric", 12, "亿元", "over")
    assert (funds.line, funds.column) == (4, 10)
    assert ARTICLE.splitlines()[3][funds.column - 1 :].startswith("突破12亿元")
    assert found["超过1.2万家"].unit == "万家" and found["超过1.2万家"].qualifier == "more_than"
    assert found["近百场"].value == 100 and found["近百场"].numeral == "chinese"
    assert found["三位"].value == 3
    assert found["1800个"].value == 1800


def test_changes_are_attached_to_the_figure_they_change():
    figures = find_figures(ARTICLE)
    found = {f.quote: f for f in figures}
    growth = found["15.6%"]
    assert (growth.kind, growth.change_kind) == ("change", "yoy")
    assert figures[growth.of or 0].quote == "突破12亿元"
    points = found["0.4个百分点"]
    assert points.change_kind == "points" and figures[points.of or 0].quote == "2.35%"
    added = found["45家"]
    assert added.change_kind == "added" and figures[added.of or 0].quote == "320家"
    moved = found["2位"]
    assert moved.change_kind == "places" and figures[moved.of or 0].quote == "第一"


def test_rankings_and_standings():
    found = by_quote(ARTICLE)
    assert (found["第2位"].kind, found["第2位"].value) == ("standing", 2)
    first = found["第一"]
    assert (first.kind, first.value, first.out_of) == ("ranking", 1, 12)
    assert "12个" not in found  # the list's size, not a figure of its own


def test_numbers_that_are_not_facts_are_passed_by():
    quotes = set(by_quote(ARTICLE))
    for not_a_fact in ("2024", "30条", "两手", "一是", "5G", "二是"):
        assert not any(not_a_fact in q for q in quotes), not_a_fact


def test_extract_writes_a_draft_that_validates_with_todo_warnings(tmp_path):
    article = tmp_path / "county.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), "--output", str(tmp_path / "d.yml")])
    assert result.exit_code == 0, result.output
    facts = load_facts(tmp_path / "d.yml")
    assert facts.briefing.title == "某县2024年科技创新工作综述"
    assert facts.briefing.period == "2024" and facts.briefing.region == "某县"
    assert [t.title for t in facts.themes] == ["科技投入稳步增长", "创新主体加快壮大"]
    metrics = {m.quote: m for m in facts.metrics().values()}
    funds = metrics["突破12亿元"]
    assert funds.at == "4:10" and funds.qualifier.value == "over" and funds.value == 12
    assert funds.changes[0].quote == "15.6%" and funds.changes[0].kind.value == "yoy"
    assert metrics["320家"].changes[0].value == 45
    ranking = next(iter(facts.rankings().values()))
    assert (ranking.rank, ranking.out_of, ranking.quote) == (1, 12, "第一")
    assert ranking.change is not None and ranking.change.value == 2
    assert "TODO" in result.stderr and "warning:" in result.stderr
    again = runner.invoke(app, ["extract", str(article), "--output", str(tmp_path / "d.yml")])
    assert again.exit_code == 1 and "--force" in again.stderr


def test_articles_in_gbk_and_html_read_the_same(tmp_path):
    gbk = tmp_path / "a.txt"
    gbk.write_bytes(ARTICLE.encode("gb18030"))
    assert read_article(gbk) == ARTICLE
    page = tmp_path / "a.html"
    page.write_text(
        "<html><head><style>p{}</style></head><body><p>全县引进院士专家三位。</p>"
        "<script>var x = 12;</script><p>高新技术企业达到320家。</p></body></html>",
        encoding="utf-8",
    )
    assert read_article(page) == "全县引进院士专家三位。\n高新技术企业达到320家。\n"
    latin = tmp_path / "b.txt"
    latin.write_bytes("café, 12 étés".encode("latin-1"))
    with pytest.raises(BriefingError, match="UTF-8"):
        read_article(latin)
    with pytest.raises(BriefingError, match=r"\.docx"):
        read_article(tmp_path / "a.pdf")


def bundled_source():
    return require_shared(SOURCE)


def test_bundled_article_drafts_every_bundled_figure(tmp_path):
    source = bundled_source()
    target, drafted = api.extract(source, tmp_path / "ordos.yml")
    draft = load_facts(target)
    bundled = load_facts(api.DEFAULT_FACTS)
    values = {(float(m.value), m.unit) for m in draft.metrics().values()}
    missed = [m.id for m in bundled.metrics().values() if (float(m.value), m.unit) not in values]
    assert missed == []
    assert sorted(r.rank for r in draft.rankings().values()) == [1, 15, 33, 62]
    assert drafted.metrics >= 33


def test_extract_is_fast(tmp_path):
    import subprocess
    import sys
    import time

    article = tmp_path / "long.txt"
    article.write_text((ARTICLE * 8)[:3000], encoding="utf-8")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "briefing", "extract", str(article)], check=True, capture_output=True
    )
    assert time.perf_counter() - started < 2.0  # one second on a quiet machine; CI is slower
