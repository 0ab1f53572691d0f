"""Rendered as a reader sees them: PDF pages to pixels, the deck through LibreOffice."""

from __future__ import annotations

import subprocess

import pypdfium2 as pdfium
import pytest
from pptx import Presentation
from pypdf import PdfReader

from briefing import build
from briefing.render.pdf.styles import Layout
from tests.helpers import libreoffice_pdfs, pdf_text, require_tool, squash

pytestmark = pytest.mark.visual

BODY_INK = 0.01  # share of the body frame's pixels that carry ink on a page with content
SCALE = 0.5


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("visual")
    pdf, deck = build(output=folder)
    return folder, pdf, deck


def ink(page) -> float:
    """Share of the page's pixels that are not white."""
    image = page.render(scale=SCALE).to_pil().convert("L")
    histogram = image.histogram()
    return 1 - sum(histogram[250:]) / sum(histogram)


def body_ink(page, layout: Layout) -> float:
    """Share of the pixels inside the body frame (between running header and footer, within
    the margins) that are not white: a page with only its header and footer has none."""
    image = page.render(scale=SCALE).to_pil().convert("L")
    box = (
        round(layout.left * SCALE),
        round(layout.top * SCALE),
        round((layout.width - layout.right) * SCALE),
        round((layout.height - layout.bottom) * SCALE),
    )
    histogram = image.crop(box).histogram()
    return 1 - sum(histogram[250:]) / sum(histogram)


def test_every_pdf_page_after_the_cover_has_content_in_its_body(built, story):
    _, pdf, _ = built
    document = pdfium.PdfDocument(str(pdf))
    assert len(document) == len(PdfReader(pdf).pages)
    layout = Layout.of(story.brand.page)
    assert ink(document[0]) > 0.05  # the cover's band and title
    thin = {i + 1: round(body_ink(document[i], layout), 4) for i in range(1, len(document))}
    assert {page: share for page, share in thin.items() if share < BODY_INK} == {}


def test_a_page_with_only_its_header_and_footer_fails_the_body_check(story, tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    from briefing.render.pdf.pages import draw_page
    from briefing.render.pdf.styles import Sheet, paragraph_styles, register_fonts

    layout = Layout.of(story.brand.page)
    fonts = register_fonts(
        story.brand.fonts.family, story.brand.fonts.regular, story.brand.fonts.bold
    )
    sheet = Sheet(paragraph_styles(story.brand, fonts), fonts, layout, story.brand, story.words)
    target = tmp_path / "empty-body.pdf"
    canvas = Canvas(str(target), pagesize=(layout.width, layout.height))
    draw_page(canvas, story, sheet, story.sections[0].name, 2, 3)
    canvas.showPage()
    canvas.save()
    page = pdfium.PdfDocument(str(target))[0]
    assert ink(page) > 0.003  # the header and footer are there …
    assert body_ink(page, layout) < BODY_INK / 10  # … and the body check sees nothing


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
