"""The report's look: page geometry, the brand's fonts registered with reportlab, the type scale."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from briefing.brand.model import Brand, Page
from briefing.render.pdf.standards import TaggedFont
from briefing.story.wording import Wording

RULE_GREY = colors.HexColor("#C9D2DC")
BOLD_WEIGHTS = ("bold", "700", "800", "900")


@dataclass(frozen=True)
class Layout:
    """The page and its text column, in points, from the brand's page settings."""

    width: float
    height: float
    top: float
    bottom: float
    left: float
    right: float

    @classmethod
    def of(cls, page: Page) -> Layout:
        """Points from the brand's millimetres."""
        return cls(*(value * mm for value in (
            page.width_mm, page.height_mm, page.top_mm, page.bottom_mm, page.left_mm, page.right_mm
        )))  # fmt: skip

    @property
    def column(self) -> float:
        """Width of the text column."""
        return self.width - self.left - self.right

    @property
    def depth(self) -> float:
        """Height of the text column."""
        return self.height - self.top - self.bottom


@dataclass(frozen=True)
class Sheet:
    """Everything a flowable needs to look on brand: styles, fonts, page, brand."""

    styles: dict[str, ParagraphStyle]
    fonts: ReportFonts
    layout: Layout
    brand: Brand
    words: Wording

    def colour(self, name: str) -> colors.Color:
        """A brand colour by its role: primary, muted, light …"""
        return colors.HexColor(getattr(self.brand.colours, name))


@dataclass(frozen=True)
class ReportFonts:
    """The brand's regular and bold faces as registered with reportlab."""

    family: str
    regular: str
    bold: str

    def find_font(
        self, name: str, weight: str = "normal", style: str = "normal"
    ) -> tuple[str, bool]:
        """svglib's font-map hook: the charts' font family → these faces; chart text stays text."""
        if name.lower() != self.family.lower():
            return self.regular, False
        return (self.bold if str(weight).lower() in BOLD_WEIGHTS else self.regular), True


@functools.cache
def register_fonts(family: str, regular: Path, bold: Path) -> ReportFonts:
    """Register the brand's TTF faces, and a family so <b> works, once a process."""
    names = []
    for path in (regular, bold):
        name = f"{path.stem}-{hashlib.sha256(str(path).encode()).hexdigest()[:8]}"
        pdfmetrics.registerFont(TaggedFont(name, str(path)))
        names.append(name)
    pdfmetrics.registerFontFamily(
        names[0], normal=names[0], bold=names[1], italic=names[0], boldItalic=names[1]
    )
    return ReportFonts(family, names[0], names[1])


def paragraph_styles(brand: Brand, fonts: ReportFonts) -> dict[str, ParagraphStyle]:
    """Every paragraph style of the report: one type scale from the brand's base size."""
    ink = colors.HexColor(brand.colours.foreground)
    primary = colors.HexColor(brand.colours.primary)
    muted = colors.HexColor(brand.colours.muted)
    secondary = colors.HexColor(brand.colours.secondary)
    size = brand.base_size_pt

    def pt(reference: float) -> float:
        """A size of the type scale, set for a 10.5 pt base, scaled to the brand's base."""
        return round(reference * size / 10.5, 2)

    base = ParagraphStyle(
        "body",
        fontName=fonts.regular,
        fontSize=size,
        leading=size * brand.line_height,
        textColor=ink,
        wordWrap="CJK",
        alignment=TA_JUSTIFY,
        bulletFontName=fonts.regular,
        allowWidows=0,
    )

    def style(name: str, **changes: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    bold = {"fontName": fonts.bold}
    cell = {"fontSize": pt(9.5), "leading": pt(15)}
    return {
        "body": style("body", firstLineIndent=2 * size, spaceAfter=6),
        "lead": style("lead", fontSize=pt(11.5), leading=pt(20), firstLineIndent=2 * pt(11.5)),
        "plain": style("plain", spaceAfter=4),
        # Noto's bullet is a full em wide: indent past it and its space, or line 1 shifts.
        "item": style(
            "item", leftIndent=1.6 * size, bulletIndent=0, spaceAfter=3, bulletColor=primary
        ),
        "kicker": style(
            "kicker",
            **bold,
            fontSize=pt(10),
            leading=pt(14),
            textColor=secondary,
            alignment=TA_LEFT,
            keepWithNext=1,
        ),
        "chapter": style(
            "chapter",
            **bold,
            fontSize=pt(18),
            leading=pt(26),
            textColor=primary,
            alignment=TA_LEFT,
            keepWithNext=1,
        ),
        "heading": style(
            "heading",
            **bold,
            fontSize=pt(12.5),
            leading=pt(18),
            textColor=primary,
            alignment=TA_LEFT,
            spaceBefore=14,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "caption": style(
            "caption", fontSize=pt(9), leading=pt(13), textColor=muted, alignment=TA_CENTER
        ),
        # Narrow cells stay flush left; only running prose in wide cells is justified.
        "cell": style("cell", **cell, alignment=TA_LEFT),
        "cell-prose": style("cell-prose", **cell),
        "cell-item": style(
            "cell-item",
            **cell,
            leftIndent=pt(9.5) * 1.6,
            bulletIndent=0,
            spaceAfter=2,
            bulletColor=primary,
        ),
        "cell-strong": style("cell-strong", **bold, **cell, textColor=primary, alignment=TA_LEFT),
        "cell-head": style("cell-head", **bold, **cell, textColor=colors.white, alignment=TA_LEFT),
        "cell-number": style("cell-number", **cell, textColor=muted, alignment=TA_LEFT),
        "tile-value": style(
            "tile-value",
            **bold,
            fontSize=pt(20),
            leading=pt(26),
            textColor=primary,
            alignment=TA_LEFT,
        ),
        # Tiles are too narrow to justify: a line cut short by the kinsoku rules would gape.
        "tile-label": style("tile-label", fontSize=pt(9), leading=pt(13.5), alignment=TA_LEFT),
        "tile-item": style(
            "tile-item",
            fontSize=pt(9),
            leading=pt(13.5),
            leftIndent=pt(9) * 1.6,
            bulletColor=primary,
            alignment=TA_LEFT,
        ),
        "tile-note": style(
            "tile-note", fontSize=pt(8), leading=pt(12), textColor=secondary, alignment=TA_LEFT
        ),
        "note": style("note", fontSize=pt(8), leading=pt(12), textColor=muted),
        "source": style("source", leftIndent=2.2 * size, spaceAfter=4),
        "toc-chapter": style("toc-chapter", **bold, fontSize=pt(12), leading=pt(30)),
        "toc-figure": style("toc-figure", fontSize=pt(10), leading=pt(21)),
        "running": style("running", fontSize=pt(8), leading=pt(10), textColor=muted),
        "cover-kicker": style(
            "cover-kicker",
            **bold,
            fontSize=pt(14),
            leading=pt(20),
            textColor=secondary,
            alignment=TA_LEFT,
        ),
        "cover-title": style(
            "cover-title",
            **bold,
            fontSize=pt(30),
            leading=pt(40),
            textColor=primary,
            alignment=TA_LEFT,
            spaceBefore=6,
            spaceAfter=8,
        ),
        "cover-subtitle": style(
            "cover-subtitle", fontSize=pt(15), leading=pt(22), textColor=muted, alignment=TA_LEFT
        ),
        "cover-meta": style("cover-meta", fontSize=pt(12), leading=pt(20), alignment=TA_LEFT),
        "classification": style(
            "classification",
            **bold,
            fontSize=pt(12),
            leading=pt(20),
            alignment=TA_LEFT,
            textColor=colors.HexColor(brand.colours.danger),
        ),
    }
