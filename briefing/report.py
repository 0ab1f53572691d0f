"""The PDF report: a story laid out on the brand's pages with reportlab."""

from __future__ import annotations

import functools
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from . import __version__, linebreak
from .brand import Brand, Page
from .charts import draw_svg
from .errors import BriefingError
from .story import ChartSpec, Figure, Outlook, Pledge, RankingLine, Section, Story

FRAME_PADDING = 6  # reportlab's default frame padding, taken out of the margins
RULE_GREY = colors.HexColor("#C9D2DC")
TILE_GAP = 6
TILE_PADDING = 8
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


@dataclass(frozen=True)
class Sheet:
    """Everything a flowable needs to look on brand: styles, fonts, page, brand."""

    styles: dict[str, ParagraphStyle]
    fonts: ReportFonts
    layout: Layout
    brand: Brand


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


def render_report(story: Story, target: Path) -> None:
    """Write the story as a complete PDF report to `target`."""
    rl_config.invariant = 1
    linebreak.install()
    fonts = _register_fonts(
        story.brand.fonts.family, story.brand.fonts.regular, story.brand.fonts.bold
    )
    layout = Layout.of(story.brand.page)
    sheet = Sheet(_styles(story.brand, fonts), fonts, layout, story.brand)
    document = _Report(
        str(target),
        pagesize=(layout.width, layout.height),
        leftMargin=layout.left - FRAME_PADDING,
        rightMargin=layout.right - FRAME_PADDING,
        topMargin=layout.top - FRAME_PADDING,
        bottomMargin=layout.bottom - FRAME_PADDING,
        title=story.cover.title,
        author=story.cover.issuer,
        subject=story.cover.subtitle or f"{story.cover.region}{story.cover.period}",
        creator=f"briefing {__version__}",
        lang=story.language,
        displayDocTitle=1,
        initialFontName=fonts.regular,
    )
    document.build(
        _flowables(story, sheet),
        onFirstPage=functools.partial(_draw_cover_page, story=story, sheet=sheet),
        onLaterPages=functools.partial(_draw_page, story=story, sheet=sheet),
    )


class _Report(SimpleDocTemplate):
    """A document that bookmarks every chapter heading in the PDF outline."""

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Paragraph) and flowable.style.name == "chapter":
            key = f"chapter-{self.page}-{flowable.getPlainText()}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.getPlainText(), key, level=0)


@functools.cache
def _register_fonts(family: str, regular: Path, bold: Path) -> ReportFonts:
    """Register the brand's TTF faces, and a family so <b> works, once a process."""
    names = []
    for path in (regular, bold):
        name = f"{path.stem}-{hashlib.sha256(str(path).encode()).hexdigest()[:8]}"
        pdfmetrics.registerFont(TTFont(name, str(path)))
        names.append(name)
    pdfmetrics.registerFontFamily(
        names[0], normal=names[0], bold=names[1], italic=names[0], boldItalic=names[1]
    )
    return ReportFonts(family, names[0], names[1])


def _styles(brand: Brand, fonts: ReportFonts) -> dict[str, ParagraphStyle]:
    """Every paragraph style of the report, all wrapping as Chinese text."""
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
        alignment=TA_LEFT,
        bulletFontName=fonts.regular,
    )

    def style(name: str, **changes: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    bold = {"fontName": fonts.bold}
    return {
        "body": style("body", firstLineIndent=2 * size, spaceAfter=6),
        "plain": style("plain", spaceAfter=4),
        # Noto's bullet is a full em wide: indent past it and its space, or line 1 shifts.
        "item": style(
            "item", leftIndent=1.6 * size, bulletIndent=0, spaceAfter=3, bulletColor=primary
        ),
        "chapter": style(
            "chapter", **bold, fontSize=pt(18), leading=pt(26), textColor=primary, keepWithNext=1
        ),
        "heading": style(
            "heading",
            **bold,
            fontSize=pt(12.5),
            leading=pt(18),
            textColor=primary,
            spaceBefore=12,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "caption": style(
            "caption",
            fontSize=pt(9),
            leading=pt(13),
            textColor=muted,
            alignment=TA_CENTER,
            spaceAfter=10,
        ),
        "cell": style("cell", fontSize=pt(9.5), leading=pt(14)),
        "cell-strong": style(
            "cell-strong", **bold, fontSize=pt(9.5), leading=pt(14), textColor=primary
        ),
        "cell-head": style(
            "cell-head", **bold, fontSize=pt(9.5), leading=pt(14), textColor=colors.white
        ),
        "tile-value": style(
            "tile-value", **bold, fontSize=pt(20), leading=pt(26), textColor=primary
        ),
        "tile-label": style("tile-label", fontSize=pt(9), leading=pt(13)),
        "tile-item": style(
            "tile-item", fontSize=pt(9), leading=pt(13), leftIndent=pt(9) * 1.6, bulletColor=primary
        ),
        "source": style("source", leftIndent=20, spaceAfter=4),
        "tile-note": style("tile-note", fontSize=pt(8), leading=pt(11.5), textColor=secondary),
        "cover-kicker": style(
            "cover-kicker", **bold, fontSize=pt(14), leading=pt(20), textColor=secondary
        ),
        "cover-title": style(
            "cover-title",
            **bold,
            fontSize=pt(30),
            leading=pt(40),
            textColor=primary,
            spaceBefore=6,
            spaceAfter=8,
        ),
        "cover-subtitle": style("cover-subtitle", fontSize=pt(15), leading=pt(22), textColor=muted),
        "cover-meta": style("cover-meta", fontSize=pt(12), leading=pt(20)),
        "classification": style(
            "classification",
            **bold,
            fontSize=pt(12),
            leading=pt(20),
            textColor=colors.HexColor(brand.colours.danger),
        ),
    }


def _p(text: str, style: ParagraphStyle, **kwargs: Any) -> Paragraph:
    """A paragraph of story text, escaped so it is never read as markup."""
    return Paragraph(escape(text), style, **kwargs)


def _flowables(story: Story, sheet: Sheet) -> list[Flowable]:
    parts = [*_cover(story, sheet), PageBreak(), *_overview(story, sheet)]
    for section in story.sections:
        parts += [PageBreak(), *_section(section, sheet)]
    parts += [PageBreak(), *_outlook(story.outlook, sheet)]
    parts += [CondPageBreak(6 * cm), *_sources(story, sheet)]
    return parts


def _cover(story: Story, sheet: Sheet) -> list[Flowable]:
    """Title page: region and period, title, subtitle, issuer, date, classification."""
    cover = story.cover
    styles = _cover_styles(sheet)
    parts: list[Flowable] = [Spacer(1, 4.2 * cm)]
    parts.append(_p(f"{cover.region}　{_period_text(cover.period)}", styles["cover-kicker"]))
    parts.append(_p(cover.title, styles["cover-title"]))
    if cover.subtitle:
        parts.append(_p(cover.subtitle, styles["cover-subtitle"]))
    parts.append(Spacer(1, 10 * cm))
    rule = colors.HexColor(sheet.brand.colours.light) if _dark_cover(sheet) else RULE_GREY
    parts.append(HRFlowable(width="100%", thickness=0.8, color=rule, spaceAfter=10))
    parts += [_p(x, styles["cover-meta"]) for x in (cover.issuer, cover.date) if x]
    if sheet.brand.classification:
        parts.append(_p(sheet.brand.classification, styles["classification"]))
    return parts


def _dark_cover(sheet: Sheet) -> bool:
    return sheet.brand.page.cover == "full"


def _cover_styles(sheet: Sheet) -> dict[str, ParagraphStyle]:
    """The cover's styles; on a full-colour cover, light text on the brand colour."""
    styles = sheet.styles
    if not _dark_cover(sheet):
        return styles
    colours = sheet.brand.colours
    light = {
        "cover-kicker": colours.tertiary,
        "cover-title": "#FFFFFF",
        "cover-subtitle": colours.light,
        "cover-meta": "#FFFFFF",
        "classification": colours.tertiary,
    }
    return {
        name: ParagraphStyle(f"{name}-on-dark", parent=styles[name], textColor=colors.HexColor(c))
        for name, c in light.items()
    }


def _period_text(period: str) -> str:
    """'2024' → '2024年'; any other period as written."""
    return f"{period}年" if period.isdigit() else period


def _overview(story: Story, sheet: Sheet) -> list[Flowable]:
    """Overview, headline rankings and claims, and the key-figure tiles."""
    parts: list[Flowable] = [
        *_chapter_heading("概览", sheet),
        _p(story.overview, sheet.styles["body"]),
    ]
    if story.rankings:
        parts.append(_p("主要排名", sheet.styles["heading"]))
        columns = min(len(story.rankings), 4)
        tiles = [
            _tile(r.position, _ranking_label(r, story.cover.region), None, columns, sheet)
            for r in story.rankings
        ]
        parts.append(_grid(tiles, columns, sheet))
    if story.claims:
        parts += [Spacer(1, 6), *_bullets(story.claims, sheet)]
    if story.key_figures:
        parts.append(_p("关键数据", sheet.styles["heading"]))
        tiles = [_tile(f.value, f.label, _note(f), 4, sheet) for f in story.key_figures]
        parts.append(_grid(tiles, 4, sheet))
    return parts


def _chapter_heading(text: str, sheet: Sheet) -> list[Flowable]:
    rule = HRFlowable(
        width="100%",
        thickness=1.6,
        color=colors.HexColor(sheet.brand.colours.primary),
        spaceAfter=12,
    )
    return [_p(text, sheet.styles["chapter"]), rule]


def _ranking_label(ranking: RankingLine, region: str) -> str:
    """The list's name, and who is ranked when that is not the region itself."""
    return (
        ranking.list_name
        if ranking.subject == region
        else f"{ranking.list_name}（{ranking.subject}）"
    )


def _note(figure: Figure) -> str | None:
    """Change and standing of a figure as one line, or None."""
    return "，".join(x for x in (figure.change, figure.standing) if x) or None


def _tile(value: str, label: str, note: str | None, columns: int, sheet: Sheet) -> list[Flowable]:
    """A key-figure tile: the big printed value, its label, and its change or standing."""
    fitted = _fitted(
        sheet.styles["tile-value"], value, _tile_width(columns, sheet) - 2 * TILE_PADDING
    )
    cell = [_p(value, fitted), _p(label, sheet.styles["tile-label"])]
    if note:
        cell.append(_p(note, sheet.styles["tile-note"]))
    return cell


def _fitted(style: ParagraphStyle, text: str, width: float, smallest: float = 12) -> ParagraphStyle:
    """The style, shrunk until the text fits on one line of `width` (down to `smallest` pt)."""
    size = style.fontSize
    while size > smallest and pdfmetrics.stringWidth(text, style.fontName, size) > width:
        size -= 0.5
    if size == style.fontSize:
        return style
    return ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size, leading=size * 1.3)


def _grid(cells: list[list[Flowable]], columns: int, sheet: Sheet) -> Table:
    """Tiles in rows of `columns`, with gaps between; a row of tiles never splits across pages."""
    rows: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), sheet.fonts.regular),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), TILE_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), TILE_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), TILE_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), TILE_PADDING + 2),
    ]
    for start in range(0, len(cells), columns):
        if rows:
            rows.append([""] * (2 * columns - 1))
            commands.append(("TOPPADDING", (0, len(rows) - 1), (-1, len(rows) - 1), 0))
            commands.append(("BOTTOMPADDING", (0, len(rows) - 1), (-1, len(rows) - 1), 0))
        row: list[Any] = []
        for i, cell in enumerate(cells[start : start + columns]):
            row += [""] if i else []
            row.append(cell)
            at = (2 * i, len(rows))
            commands.append(("BACKGROUND", at, at, colors.HexColor(sheet.brand.colours.light)))
            commands.append(("LINEABOVE", at, at, 2, colors.HexColor(sheet.brand.colours.primary)))
        rows.append(row + [""] * (2 * columns - 1 - len(row)))
    widths = [
        _tile_width(columns, sheet) if i % 2 == 0 else TILE_GAP for i in range(2 * columns - 1)
    ]
    heights = [TILE_GAP if i % 2 else None for i in range(len(rows))]
    return Table(
        rows, colWidths=widths, rowHeights=heights, style=TableStyle(commands), hAlign="LEFT"
    )


def _tile_width(columns: int, sheet: Sheet) -> float:
    return (sheet.layout.column - (columns - 1) * TILE_GAP) / columns


def _bullets(items: Iterable[str], sheet: Sheet) -> list[Flowable]:
    return [_p(item, sheet.styles["item"], bulletText="•") for item in items]


def _section(section: Section, sheet: Sheet) -> list[Flowable]:
    """A chapter: summary, every figure, rankings, highlights, charts, named entities."""
    parts: list[Flowable] = [
        *_chapter_heading(section.heading, sheet),
        _p(section.summary, sheet.styles["body"]),
    ]
    if section.figures:
        parts += [_p("主要数据", sheet.styles["heading"]), _figure_table(section.figures, sheet)]
    if section.rankings:
        parts += [_p("排名", sheet.styles["heading"]), *_ranking_lines(section.rankings, sheet)]
    if section.highlights:
        parts += [_p("工作进展", sheet.styles["heading"]), *_bullets(section.highlights, sheet)]
    if section.charts:
        first, *rest = (_chart(spec, sheet) for spec in section.charts)
        parts.append(KeepTogether([_p("图示", sheet.styles["heading"]), *first]))
        parts += [KeepTogether(chart) for chart in rest]
    if section.entities:
        parts.append(_p("相关主体", sheet.styles["heading"]))
        parts += [
            _labelled(g.label, "、".join(g.names), sheet.styles["plain"]) for g in section.entities
        ]
    return parts


def _figure_table(figures: tuple[Figure, ...], sheet: Sheet) -> Table:
    """Every figure of a section: label | printed value | change and standing."""
    head = [_p(text, sheet.styles["cell-head"]) for text in ("指标", "数值", "变化与地位")]
    rows = [
        [
            _p(f.label, sheet.styles["cell"]),
            _p(f.value, sheet.styles["cell-strong"]),
            _p(_note(f) or "—", sheet.styles["cell"]),
        ]
        for f in figures
    ]
    style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), sheet.styles["cell"].fontName),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(sheet.brand.colours.primary)),
            (
                "ROWBACKGROUNDS",
                (0, 1),
                (-1, -1),
                [colors.white, colors.HexColor(sheet.brand.colours.light)],
            ),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE_GREY),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ]
    )
    widths = [sheet.layout.column * share for share in (0.5, 0.2, 0.3)]
    return Table([head, *rows], colWidths=widths, style=style, repeatRows=1, hAlign="LEFT")


def _ranking_lines(rankings: tuple[RankingLine, ...], sheet: Sheet) -> list[Flowable]:
    """'北京大学异地科研机构考核：北大鄂尔多斯能源研究院 第1位（共27）'."""
    return [
        Paragraph(
            f"<b>{escape(r.list_name)}</b>：{escape(r.subject)}　<b>{escape(r.position)}</b>",
            sheet.styles["item"],
            bulletText="•",
        )
        for r in rankings
    ]


def _labelled(label: str, text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(f"<b>{escape(label)}</b>：{escape(text)}", style)


def _chart(spec: ChartSpec, sheet: Sheet) -> list[Flowable]:
    """The chart as a vector drawing scaled to the column, its caption below."""
    from svglib.svglib import svg2rlg

    drawing = svg2rlg(io.BytesIO(draw_svg(spec, sheet.brand)), font_map=sheet.fonts)
    if drawing is None:
        raise RuntimeError(f"svglib could not read the SVG of chart {spec.id}")
    scale = min(1.0, sheet.layout.column / drawing.width)
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    drawing.hAlign = "CENTER"
    drawing.initialFontName = sheet.fonts.regular
    return [drawing, _p(spec.caption, sheet.styles["caption"])]


def _outlook(outlook: Outlook, sheet: Sheet) -> list[Flowable]:
    """The outlook and each pledge as a tile."""
    parts: list[Flowable] = [
        *_chapter_heading("展望", sheet),
        _p(outlook.summary, sheet.styles["body"]),
    ]
    if outlook.pledges:
        tiles = [_pledge(p, sheet) for p in outlook.pledges]
        parts += [Spacer(1, 8), _grid(tiles, min(len(tiles), 3), sheet)]
    return parts


def _pledge(pledge: Pledge, sheet: Sheet) -> list[Flowable]:
    cell: list[Flowable] = [
        _p(pledge.name, sheet.styles["cell-strong"]),
        _p(pledge.action, sheet.styles["tile-label"]),
    ]
    return cell + [_p(item, sheet.styles["tile-item"], bulletText="•") for item in pledge.items]


def _sources(story: Story, sheet: Sheet) -> list[Flowable]:
    parts: list[Flowable] = [Spacer(1, 18), _p("资料来源", sheet.styles["heading"])]
    return parts + [
        _p(s.text, sheet.styles["source"], bulletText=f"[{i}]")
        for i, s in enumerate(story.sources, 1)
    ]


def _draw_cover_page(canvas: Canvas, document: Any, *, story: Story, sheet: Sheet) -> None:
    """The cover's decoration in the brand's cover style: band, full or plain."""
    brand, page = sheet.brand, sheet.layout
    primary = colors.HexColor(brand.colours.primary)
    canvas.saveState()
    style = brand.page.cover
    if style == "full":
        canvas.setFillColor(primary)
        canvas.rect(0, 0, page.width, page.height, stroke=0, fill=1)
        _stripe(canvas, brand, 0, page.width, page.height * 0.18)
    elif style == "band":
        band = 3.2 * cm
        canvas.setFillColor(primary)
        canvas.rect(0, page.height - band, page.width, band, stroke=0, fill=1)
        _stripe(canvas, brand, 0, page.width, page.height - band - 0.25 * cm)
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
        x += _draw_logo(canvas, sheet, logo.path, x, top - 1.4 * cm, 1.4 * cm) + 0.4 * cm
    canvas.setFillColor(colors.white if on_dark else primary)
    canvas.setFont(sheet.fonts.bold, 13)
    canvas.drawString(x, top - 0.9 * cm, brand.short_name)
    canvas.restoreState()


def _stripe(canvas: Canvas, brand: Brand, x: float, width: float, y: float) -> None:
    canvas.setFillColor(colors.HexColor(brand.colours.tertiary))
    canvas.rect(x, y, width, 0.25 * cm, stroke=0, fill=1)


def _draw_page(canvas: Canvas, document: Any, *, story: Story, sheet: Sheet) -> None:
    """Running header (logo, brand, title) and footer (issuer, classification, page number)."""
    brand, page, fonts = sheet.brand, sheet.layout, sheet.fonts
    muted = colors.HexColor(brand.colours.muted)
    primary = colors.HexColor(brand.colours.primary)
    header_y = page.height - page.top + 0.9 * cm
    canvas.saveState()
    x = page.left
    logo = brand.logos.pick("small")
    if logo:
        x += _draw_logo(canvas, sheet, logo.path, x, header_y - 0.1 * cm, 0.5 * cm) + 0.2 * cm
    canvas.setFont(fonts.bold, 8)
    canvas.setFillColor(primary)
    canvas.drawString(x, header_y, brand.short_name)
    canvas.setFont(fonts.regular, 8)
    canvas.setFillColor(muted)
    canvas.drawRightString(page.width - page.right, header_y, story.cover.title)
    footer_y = page.bottom - 1.2 * cm
    canvas.setStrokeColor(primary)
    canvas.setLineWidth(0.6)
    canvas.line(page.left, footer_y + 0.5 * cm, page.width - page.right, footer_y + 0.5 * cm)
    canvas.drawString(page.left, footer_y, story.cover.issuer)
    if brand.classification:
        canvas.setFillColor(colors.HexColor(brand.colours.danger))
        canvas.drawCentredString(page.left + page.column / 2, footer_y, brand.classification)
    canvas.setFont(fonts.bold, 9)
    canvas.setFillColor(primary)
    canvas.drawRightString(page.width - page.right, footer_y, str(document.page))
    canvas.restoreState()


def _draw_logo(
    canvas: Canvas, sheet: Sheet, path: Path, x: float, y: float, height: float
) -> float:
    """Draw a logo (SVG as vectors, else the image) `height` tall at x, y; its width."""
    if path.suffix.lower() == ".svg":
        drawing = _svg_logo(path)
        drawing.initialFontName = sheet.fonts.regular  # else reportlab sets Helvetica
        scale = height / drawing.height
        canvas.saveState()
        canvas.translate(x, y)
        canvas.scale(scale, scale)
        renderPDF.draw(drawing, canvas, 0, 0)
        canvas.restoreState()
        return drawing.width * scale
    image = ImageReader(str(path))
    width, tall = image.getSize()
    canvas.drawImage(image, x, y, height * width / tall, height, mask="auto")
    return height * width / tall


@functools.cache
def _svg_logo(path: Path) -> Drawing:
    """A logo's SVG read once a process."""
    from svglib.svglib import svg2rlg

    drawing = svg2rlg(str(path))
    if drawing is None:
        raise BriefingError(f"{path}: svglib could not read this SVG logo")
    return drawing
