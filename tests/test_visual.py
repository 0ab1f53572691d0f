"""Rendered as a reader sees them: PDF pages to pixels, the deck through LibreOffice."""

from __future__ import annotations

import subprocess

import pypdfium2 as pdfium
import pytest
from pptx import Presentation

from briefing import build
from tests.conftest import libreoffice_pdfs, require_tool
from tests.readers import pdf_text, squash


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("visual")
    pdf, deck = build(output=folder)
    return folder, pdf, deck


def ink(page) -> float:
    """Share of the page's pixels that are not white."""
    image = page.render(scale=0.5).to_pil().convert("L")
    histogram = image.histogram()
    return 1 - sum(histogram[250:]) / sum(histogram)


def test_every_pdf_page_has_content(built):
    _, pdf, _ = built
    document = pdfium.PdfDocument(str(pdf))
    assert len(document) >= 6
    assert all(ink(page) > 0.003 for page in document)


def test_libreoffice_opens_the_deck_and_draws_chinese_with_a_cjk_font(built, story):
    pdffonts = require_tool("pdffonts")
    folder, _, deck = built
    (pdf,) = libreoffice_pdfs([deck], folder, story.brand.fonts.regular.parent)
    slides = len(Presentation(str(deck)).slides)
    document = pdfium.PdfDocument(str(pdf))
    assert len(document) == slides
    assert all(ink(page) > 0.003 for page in document)
    text = squash(pdf_text(pdf))
    assert all(squash(s.title) in text for s in story.sections)
    fonts = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=True)
    assert "NotoSansSC" in fonts.stdout.replace(" ", "")
