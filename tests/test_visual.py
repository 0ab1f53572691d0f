"""Rendered as a reader sees them: PDF pages to pixels, the deck through LibreOffice."""

from __future__ import annotations

import subprocess

import pypdfium2 as pdfium
import pytest
from pptx import Presentation

from briefing import build
from tests.conftest import require_tool
from tests.readers import pdf_text, squash

FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


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
    soffice = require_tool("soffice")
    pdffonts = require_tool("pdffonts")
    folder, _, deck = built
    config = folder / "fonts.conf"
    config.write_text(
        FONTCONFIG.format(fonts=story.brand.fonts.regular.parent, cache=folder / "fc-cache")
    )
    env = {
        "FONTCONFIG_FILE": str(config),
        "HOME": str(folder),
        "PATH": "/usr/bin:/bin",
    }
    converted = folder / "lo"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(converted),
            str(deck),
        ],
        check=True,
        capture_output=True,
        env=env,
        timeout=180,
    )
    pdf = converted / deck.with_suffix(".pdf").name
    slides = len(Presentation(str(deck)).slides)
    document = pdfium.PdfDocument(str(pdf))
    assert len(document) == slides
    assert all(ink(page) > 0.003 for page in document)
    text = squash(pdf_text(pdf))
    assert all(squash(s.title) in text for s in story.sections)
    fonts = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=True)
    assert "NotoSansSC" in fonts.stdout.replace(" ", "")
