"""Read generated files the way a user's tools would: text of a PDF and of a deck."""

from __future__ import annotations

import re
from pathlib import Path

from pptx import Presentation
from pypdf import PdfReader

A_T = re.compile(r"<a:t>([^<]*)</a:t>")


def squash(text: str) -> str:
    """Text without any white space, so line breaks cannot split a figure."""
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    """All extracted text of a PDF, page after page."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _shape_texts(shape) -> list[str]:
    texts = []
    if shape.shape_type is not None and shape.shape_type == 6:  # group
        for inner in shape.shapes:
            texts += _shape_texts(inner)
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        texts.append(shape.text_frame.text)
    if getattr(shape, "has_table", False) and shape.has_table:
        texts += [cell.text for row in shape.table.rows for cell in row.cells]
    if getattr(shape, "has_chart", False) and shape.has_chart:
        texts += A_T.findall(shape.chart.part.blob.decode("utf-8"))
    return texts


def deck_text(path: Path) -> str:
    """All text on the slides of a deck (text boxes, tables, chart labels), not notes."""
    deck = Presentation(str(path))
    return "\n".join(
        t for slide in deck.slides for shape in slide.shapes for t in _shape_texts(shape)
    )
