"""From an article to a briefing with no edits: extract, validate, build both outputs, verify."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from briefing.cli import app
from briefing.facts.loader import load_facts
from tests.helpers import ROOT

pytestmark = pytest.mark.e2e
runner = CliRunner()
ARTICLES = ROOT / "tests" / "articles"


@pytest.mark.parametrize(
    ("article", "outlook_words"),
    [
        ("henan-2023.txt", "省科技厅将用好评价结果"),  # plain text, 三、下一步工作
        ("suzhou-2023.html", "科技创新摆在发展全局的核心位置"),  # a web page, menu and footer
    ],
)
def test_an_article_drafts_a_briefing_that_validates_builds_and_verifies(
    tmp_path, article, outlook_words
):
    source = ARTICLES / article
    draft = tmp_path / "draft.yml"
    extracted = runner.invoke(app, ["extract", str(source), "--output", str(draft)])
    assert extracted.exit_code == 0, extracted.output

    validated = runner.invoke(app, ["validate", str(draft)])
    assert validated.exit_code == 0, validated.output
    assert "error" not in validated.stderr.lower()
    assert "TODO" in validated.stderr  # what is left for the editor is named, as a warning

    out = tmp_path / "out"
    built = runner.invoke(
        app, ["build", "--data", str(draft), "--format", "all", "--output", str(out), "-q"]
    )
    assert built.exit_code == 0, built.output
    facts = load_facts(draft)
    pdf, deck = out / f"{facts.briefing.id}.pdf", out / f"{facts.briefing.id}.pptx"
    assert pdf.stat().st_size > 10_000 and deck.stat().st_size > 10_000
    pages = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    first = next(iter(facts.metrics().values()))
    assert first.label[:4] in pages  # the drafted figures are what the report shows

    verified = runner.invoke(app, ["verify", str(draft), "--source", str(source)])
    assert verified.exit_code == 0, verified.output
    assert "is not in the source" not in verified.output
    assert "0 figures of the source left out" in verified.output

    assert facts.outlook is not None and outlook_words in facts.outlook.summary
    assert len(facts.outlook.pledges) == 3  # 一是…；二是…；三是…
    titles = [theme.title for theme in facts.themes]
    assert not any("下一步" in title for title in titles)  # the outlook is no theme
