"""Page decoration: the cover's design, the running header and footer, logos."""

from __future__ import annotations

import functools
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from briefing.brand.model import Brand
from briefing.errors import BriefingError
from briefing.render.pdf.drawings import logo_drawing
from briefing.render.pdf.styles import RULE_GREY, Sheet
from briefing.story.model import Story
from briefing.story.wording import Wording


def draw_cover_page(canvas: Canvas, story: Story, sheet: Sheet) -> None:
    """The cover's decoration in the brand's cover style: band, full or plain."""
    brand, page = sheet.brand, sheet.layout
    primary = sheet.colour("primary")
    canvas.saveState()
    style = brand.page.cover
    if style == "full":
        canvas.setFillColor(primary)
        canvas.rect(0, 0, page.width, page.height, stroke=0, fill=1)
        stripe(canvas, brand, 0, page.width, page.height * 0.18)
    elif style == "band":
        band = 3.2 * cm
        canvas.setFillColor(primary)
        canvas.rect(0, page.height - band, page.width, band, stroke=0, fill=1)
        stripe(canvas, brand, 0, page.width, page.height - band - 0.25 * cm)
        canvas.setFillColor(primary)
        canvas.rect(0, 0, page.width, 1.0 * cm, stroke=0, fill=1)
    else:
        canvas.setFillColor(primary)
        canvas.rect(page.left, page.height - page.top, page.column, 2, stroke=0, fill=1)
    on_dark = style in ("band", "full")
    logo = brand.logos.pick("large", on_dark=on_dark)
    top = page.height - 1.0 * cm if style != "plain" else page.height - page.top - 0.6 * cm
    x = page.left
    if logo:
        x += draw_logo(canvas, sheet, logo.path, x, top - 1.4 * cm, 1.4 * cm) + 0.4 * cm
    ink = brand.colours.ink_on(brand.colours.primary)
    canvas.setFillColor(colors.HexColor(ink) if on_dark else primary)
    canvas.setFont(sheet.fonts.bold, 13)
    canvas.drawString(x, top - 0.9 * cm, brand.short_name)
    canvas.restoreState()


def stripe(canvas: Canvas, brand: Brand, x: float, width: float, y: float) -> None:
    canvas.setFillColor(colors.HexColor(brand.colours.tertiary))
    canvas.rect(x, y, width, 0.25 * cm, stroke=0, fill=1)


def page_label(words: Wording, number: int, total: int | None) -> str:
    """'第 3 页 / 共 14 页' (just '第 3 页' before the count is known)."""
    if total:
        return words.page_of.format(number=number, total=total)
    return words.page.format(number=number)


def draw_page(
    canvas: Canvas, story: Story, sheet: Sheet, running: str, number: int, total: int | None
) -> None:
    """Running header (logo, title; chapter) and footer (issuer, classification; page of pages)."""
    brand, page, fonts = sheet.brand, sheet.layout, sheet.fonts
    size = sheet.styles["running"].fontSize
    muted, primary = sheet.colour("muted"), sheet.colour("primary")
    right = page.width - page.right
    header_y = page.height - page.top + 0.9 * cm
    canvas.saveState()
    x = page.left
    logo = brand.logos.pick("small")
    if logo:
        x += draw_logo(canvas, sheet, logo.path, x, header_y - 0.1 * cm, 0.5 * cm) + 0.2 * cm
    gap = 0.5 * cm  # at least, between the texts that share a line
    running = cut_to(running, fonts.regular, size, page.column / 2)
    room = right - x - stringWidth(running, fonts.regular, size) - gap
    canvas.setFont(fonts.bold, size)
    canvas.setFillColor(primary)
    canvas.drawString(x, header_y, cut_to(story.cover.title, fonts.bold, size, room))
    canvas.setFont(fonts.regular, size)
    canvas.setFillColor(muted)
    canvas.drawRightString(right, header_y, running)
    canvas.setStrokeColor(RULE_GREY)
    canvas.setLineWidth(0.5)
    canvas.line(page.left, header_y - 0.25 * cm, right, header_y - 0.25 * cm)
    footer_y = page.bottom - 1.2 * cm
    canvas.setStrokeColor(primary)
    canvas.setLineWidth(0.6)
    canvas.line(page.left, footer_y + 0.5 * cm, right, footer_y + 0.5 * cm)
    label = page_label(story.words, number, total)
    room = page.column - stringWidth(label, fonts.bold, size) - gap
    if brand.classification:
        room = page.column / 2 - stringWidth(brand.classification, fonts.regular, size) / 2 - gap
    canvas.drawString(page.left, footer_y, cut_to(story.cover.issuer, fonts.regular, size, room))
    if brand.classification:
        canvas.setFillColor(sheet.colour("danger"))
        canvas.drawCentredString(page.left + page.column / 2, footer_y, brand.classification)
    canvas.setFont(fonts.bold, size)
    canvas.setFillColor(primary)
    canvas.drawRightString(right, footer_y, label)
    canvas.restoreState()


def cut_to(text: str, font: str, size: float, width: float) -> str:
    """The text as it is where it fits the width, else cut with an ellipsis so that it does
    (a running header's or footer's share of its line; the cover prints it whole)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + ELLIPSIS, font, size) > width:
        text = text[:-1]
    return text + ELLIPSIS if text else ""


ELLIPSIS = "\u2026"


def draw_logo(canvas: Canvas, sheet: Sheet, path: Path, x: float, y: float, height: float) -> float:
    """Draw a logo (SVG as vectors, else the image) `height` tall at x, y; its width."""
    if path.suffix.lower() == ".svg":
        drawing = svg_logo(path)
        drawing.initialFontName = sheet.fonts.regular  # else reportlab sets Helvetica
        scale = height / drawing.height
        canvas.saveState()
        canvas.translate(x, y)
        canvas.scale(scale, scale)
        renderPDF.draw(drawing, canvas, 0, 0)
        canvas.restoreState()
        return float(drawing.width * scale)
    image = ImageReader(str(path))
    width, tall = image.getSize()
    canvas.drawImage(image, x, y, height * width / tall, height, mask="auto")
    return float(height * width / tall)


@functools.cache
def svg_logo(path: Path) -> Drawing:
    """A logo's SVG read once a process (converted once, then from the cache)."""
    drawing = logo_drawing(path)
    if drawing is None:
        raise BriefingError(f"{path}: svglib could not read this SVG logo")
    return drawing
