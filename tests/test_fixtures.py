"""Facts files written from real articles: each validates, builds both formats, and prints every
figure of its article as the article prints it.

Each fixture under tests/fixtures/ cites its article in `briefing.sources`. PRINTED lists the
figures as the article prints them; each must be in the PDF's text and in the deck (slides or
speaker notes), and among what the facts themselves print (figures, changes, standings,
rankings, claims), so that a highlight repeating a figure cannot stand in for it. UNSAID lists
what the article says that the model cannot yet print as the article does, with why: those
checks are expected to fail, strictly, so that the list shrinks as the model learns to say more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pptx import Presentation

from briefing import build, load_story
from briefing.facts import load_facts
from tests.helpers import deck_text, pdf_text, squash

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Why the model cannot say a thing as its article does.
OVER_HUNDRED = "a completion rate over 100% is refused as a percentage"


@dataclass(frozen=True)
class Article:
    """What one article prints, for the fixture written from it."""

    printed: tuple[str, ...]
    unsaid: dict[str, str] = field(default_factory=dict)
    absent: tuple[str, ...] = ()  # what printing must not say: a misstatement of the article


ARTICLES: dict[str, Article] = {
    # hbphgs.com (杭州市科技局); hhtz.gov.cn is not in the stored corpus: of its figures only
    # 23236件 and 增长53% (no 同比), as the brief quotes them, and the talent claim as recorded.
    "binjiang-2022": Article(
        printed=(
            "23236件", "增长53%", "95.71分", "居全省首位", "80.99分", "居全省第三",
            "10%左右", "居全省第一", "658.5亿元", "1228.2亿元", "两项均列全市第一",
        ),
        unsaid={"48家": "a list's size prints （共48）, without the article's unit 家"},
        absent=("同比增长53%",),
    ),
    # 央广网, via 网易号: 2022年国家高新区综合评价排名出炉 合肥高新区升至第七
    "hefei-hitech-2022": Article(
        printed=(
            "169", "第七名", "较上一年上升一位", "连续九年稳居全国十强", "全国第五", "全国第七",
            "全国第八", "24.6%", "较上年提高近5个百分点", "4家", "15家", "3家", "近16亿元",
            "474件", "居国家高新区前列",
        ),
        unsaid={
            "排名第四": "a rank prints after its scope (第四); no word before it such as 排名",
            "全国高新区第七和第五": "two ranks in one phrase: each prints alone (全国高新区第七)",
            "较上年提高超1个百分点": "a change needs a figure to belong to: the share of GDP is "
            "not given",
        },
    ),
    # 枞阳县科学技术局: 科技创新推动新质生产力发展 (no outlook in the article, none in the file)
    "zongyang-2023": Article(
        printed=(
            "截至目前", "47户", "提前超额完成“十四五”目标任务", "86家", "3.98亿元",
            "同比增长32.25%", "一县四区增幅排名第一", "全省第二", "上升16位", "全省第四",
            "2023年荣获安徽省科技管理系统先进集体",
        ),
        unsaid={
            "近5年增长4倍多": "no change in multiples (倍), over a span of years, with 多",
            "目标任务134%": OVER_HUNDRED + "; a target needs its value",
            "完成年度目标任务215%": OVER_HUNDRED,
        },
    ),
    # 秘书文库: 寇全安同志在全市科技工作会议上的讲话 (安康市, 2021)
    "ankang-2021": Article(
        printed=(
            "9项", "多数增幅在20%以上", "4.99亿元", "较上年增长132%", "23.56%", "全省第3",
            "92家", "为历史最多", "3家", "实现零突破", "299家", "全省第4位", "陕南第一",
            "数量和增幅均实现新突破", "48项", "净增28家", "增幅达32.9%",
        ),
    ),
    # 湖北日报: 我省新增9家国家级科技企业孵化器 总数增至84家居全国第五位
    "hubei-incubators-2022": Article(
        printed=(
            "新增9家", "84家", "国家级科技企业孵化器实现了市州全覆盖", "截至目前", "538家",
            "超1.2万场次", "近2万家", "超6.6万件", "超2.6万人", "全国第五位",
        ),
    ),
    # tv0935.com: 凉州区梯次培育科技型企业 (no outlook in the article, none in the file)
    "liangzhou-2023": Article(
        printed=(
            "116家", "较上年增长56.76%", "新认定25家", "52家", "较上年增长92.59%", "认定24家",
            "45家", "较上年增长55.17%",
        ),
        unsaid={
            "累计达到52家": "cumulative prints 累计52家, without 达到",
            "累计达到45家": "cumulative prints 累计45家, without 达到",
        },
    ),
}  # fmt: skip

FORMATS = ("pdf", "pptx", "facts")


def found(figure: str, text: str) -> bool:
    """Whether a figure is in squashed text, not as the tail of a longer number (4家 ≠ 84家)."""
    return re.search(rf"(?<![0-9.]){re.escape(squash(figure))}", text) is not None


def notes_text(path: Path) -> str:
    """The speaker notes of every slide."""
    deck = Presentation(str(path))
    return "\n".join(
        slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide
    )


def facts_text(path: Path) -> str:
    """What the facts themselves print: figures with changes and standings, the claims that
    cover them, rankings with their moves, and every claim. Each part ends in a bar, so that
    squashing cannot run one into the next: 全省第3, 全省第4位 is not 全省第3全省第4位, where
    the second would read as the tail of a number."""
    story = load_story(path)
    parts = [part for f in story.figures() for part in (f.value, f.remark, *f.claims)]
    parts += [p for r, _ in story.all_rankings() for p in (r.position, r.change)]
    parts += [*story.claims, *(c for s in story.sections for c in s.claims)]
    return "".join(f"{p}|\n" for p in parts if p)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each fixture built once for the module, on first use: its texts by format."""
    cache: dict[str, dict[str, str]] = {}

    def texts(name: str) -> dict[str, str]:
        if name not in cache:
            path = FIXTURES / f"{name}.yml"
            pdf, deck = build(path, output=tmp_path_factory.mktemp(name))
            cache[name] = {
                "pdf": squash(pdf_text(pdf)),
                "pptx": squash(deck_text(deck) + "\n" + notes_text(deck)),
                "facts": squash(facts_text(path)),
            }
        return cache[name]

    return texts


def test_every_fixture_is_listed_here():
    assert sorted(p.stem for p in FIXTURES.glob("*.yml")) == sorted(ARTICLES)


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_the_fixture_validates_and_cites_its_article(name):
    facts = load_facts(FIXTURES / f"{name}.yml")
    assert facts.briefing.id == name
    assert all(source.url for source in facts.briefing.sources)
    assert 2 <= len(facts.themes) <= 5


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_the_fixture_builds_both_formats(built, name):
    title = squash(load_facts(FIXTURES / f"{name}.yml").briefing.title)
    texts = built(name)
    assert title in texts["pdf"] and title in texts["pptx"]


PRINTED = [(name, figure) for name, article in ARTICLES.items() for figure in article.printed]
UNSAID = [
    pytest.param(name, figure, marks=pytest.mark.xfail(strict=True, reason=why))
    for name, article in ARTICLES.items()
    for figure, why in article.unsaid.items()
]
ABSENT = [(name, figure) for name, article in ARTICLES.items() for figure in article.absent]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "figure"), PRINTED)
def test_every_figure_is_printed_as_the_article_prints_it(built, name, figure, fmt):
    assert found(figure, built(name)[fmt]), f"{name}: {figure} not in the {fmt}"


@pytest.mark.parametrize(("name", "figure"), UNSAID)
def test_what_the_model_cannot_yet_say_as_the_article_does(built, name, figure):
    assert found(figure, built(name)["facts"])  # not the outputs: a source's title may say it


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "figure"), ABSENT)
def test_nothing_is_printed_that_the_article_does_not_say(built, name, figure, fmt):
    assert not found(figure, built(name)[fmt])
