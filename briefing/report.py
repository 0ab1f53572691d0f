"""The PDF report: a story laid out on A4 pages with reportlab."""

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
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
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

from . import __version__
from .brand import Brand
from .charts import draw_svg
from .story import ChartSpec, Figure, Outlook, Pledge, RankingLine, Section, Story

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 2.5 * cm
FRAME_PADDING = 6  # reportlab's default frame padding, taken out of the margins
MARGIN_TOP = 2.6 * cm
MARGIN_BOTTOM = 2.4 * cm
COLUMN = PAGE_WIDTH - 2 * MARGIN_X
BASE_PT = 10.5
RULE_GREY = colors.HexColor("#C9D2DC")
CLASSIFICATION_RED = colors.HexColor("#B42318")
TILE_GAP = 6
TILE_PADDING = 8
# Chinese marks that must not start a line; reportlab's CJK wrap lets them hang instead.
CLOSING_MARKS = "，。、；：！？）」』》”’…％"
BOLD_WEIGHTS = ("bold", "700", "800", "900")


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
    _keep_closing_marks_off_line_starts()
    fonts = _register_fonts(
        story.brand.fonts.family, story.brand.fonts.regular, story.brand.fonts.bold
    )
    styles = _styles(story.brand, fonts)
    document = _Report(
        str(target),
        pagesize=A4,
        leftMargin=MARGIN_X - FRAME_PADDING,
        rightMargin=MARGIN_X - FRAME_PADDING,
        topMargin=MARGIN_TOP - FRAME_PADDING,
        bottomMargin=MARGIN_BOTTOM - FRAME_PADDING,
        title=story.cover.title,
        author=story.cover.issuer,
        subject=story.cover.subtitle or f"{story.cover.region}{story.cover.period}",
        creator=f"briefing {__version__}",
        lang=story.language,
        displayDocTitle=1,
        initialFontName=fonts.regular,
    )
    document.build(
        _flowables(story, styles, fonts),
        onFirstPage=functools.partial(_draw_cover_page, story=story, fonts=fonts),
        onLaterPages=functools.partial(_draw_page, story=story, fonts=fonts),
    )


class _Report(SimpleDocTemplate):
    """A4 document that bookmarks every chapter heading in the PDF outline."""

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


@functools.cache
def _keep_closing_marks_off_line_starts() -> None:
    """Add Chinese closing marks to reportlab's cannot-start-a-line set, on both wrap paths."""
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    for module in (textsplit, paragraph):
        missing = "".join(c for c in CLOSING_MARKS if c not in module.ALL_CANNOT_START)
        module.ALL_CANNOT_START += missing


def _styles(brand: Brand, fonts: ReportFonts) -> dict[str, ParagraphStyle]:
    """Every paragraph style of the report, all wrapping as Chinese text."""
    ink = colors.HexColor(brand.colours.foreground)
    primary = colors.HexColor(brand.colours.primary)
    muted = colors.HexColor(brand.colours.muted)
    secondary = colors.HexColor(brand.colours.secondary)
    base = ParagraphStyle(
        "body",
        fontName=fonts.regular,
        fontSize=BASE_PT,
        leading=BASE_PT * 1.75,
        textColor=ink,
        wordWrap="CJK",
        alignment=TA_LEFT,
        bulletFontName=fonts.regular,
    )

    def style(name: str, **changes: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    bold = {"fontName": fonts.bold}
    return {
        "body": style("body", firstLineIndent=2 * BASE_PT, spaceAfter=6),
        "plain": style("plain", spaceAfter=4),
        "item": style("item", leftIndent=14, bulletIndent=2, spaceAfter=3, bulletColor=primary),
        "chapter": style(
            "chapter", **bold, fontSize=18, leading=26, textColor=primary, keepWithNext=1
        ),
        "heading": style(
            "heading",
            **bold,
            fontSize=12.5,
            leading=18,
            textColor=primary,
            spaceBefore=12,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "caption": style(
            "caption", fontSize=9, leading=13, textColor=muted, alignment=TA_CENTER, spaceAfter=10
        ),
        "cell": style("cell", fontSize=9.5, leading=14),
        "cell-strong": style("cell-strong", **bold, fontSize=9.5, leading=14, textColor=primary),
        "cell-head": style("cell-head", **bold, fontSize=9.5, leading=14, textColor=colors.white),
        "tile-value": style("tile-value", **bold, fontSize=20, leading=26, textColor=primary),
        "tile-label": style("tile-label", fontSize=9, leading=13),
        "tile-item": style("tile-item", fontSize=9, leading=13, leftIndent=10, bulletColor=primary),
        "source": style("source", leftIndent=20, spaceAfter=4),
        "tile-note": style("tile-note", fontSize=8, leading=11.5, textColor=secondary),
        "cover-kicker": style("cover-kicker", **bold, fontSize=14, leading=20, textColor=secondary),
        "cover-title": style(
            "cover-title",
            **bold,
            fontSize=30,
            leading=40,
            textColor=primary,
            spaceBefore=6,
            spaceAfter=8,
        ),
        "cover-subtitle": style("cover-subtitle", fontSize=15, leading=22, textColor=muted),
        "cover-meta": style("cover-meta", fontSize=12, leading=20),
        "classification": style(
            "classification", **bold, fontSize=12, leading=20, textColor=CLASSIFICATION_RED
        ),
    }


def _p(text: str, style: ParagraphStyle, **kwargs: Any) -> Paragraph:
    """A paragraph of story text, escaped so it is never read as markup."""
    return Paragraph(escape(text), style, **kwargs)


def _flowables(
    story: Story, styles: dict[str, ParagraphStyle], fonts: ReportFonts
) -> list[Flowable]:
    parts = [*_cover(story, styles), PageBreak(), *_overview(story, styles)]
    for section in story.sections:
        parts += [PageBreak(), *_section(section, story.brand, styles, fonts)]
    parts += [PageBreak(), *_outlook(story.outlook, story.brand, styles)]
    parts += [CondPageBreak(6 * cm), *_sources(story, styles)]
    return parts


def _cover(story: Story, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Title page: region and period, title, subtitle, issuer, date, classification."""
    cover = story.cover
    parts: list[Flowable] = [Spacer(1, 4.2 * cm)]
    parts.append(_p(f"{cover.region}　{_period_text(cover.period)}", styles["cover-kicker"]))
    parts.append(_p(cover.title, styles["cover-title"]))
    if cover.subtitle:
        parts.append(_p(cover.subtitle, styles["cover-subtitle"]))
    parts.append(Spacer(1, 10 * cm))
    parts.append(HRFlowable(width="100%", thickness=0.8, color=RULE_GREY, spaceAfter=10))
    parts += [_p(x, styles["cover-meta"]) for x in (cover.issuer, cover.date) if x]
    if story.brand.classification:
        parts.append(_p(story.brand.classification, styles["classification"]))
    return parts


def _period_text(period: str) -> str:
    """'2024' → '2024年'; any other period as written."""
    return f"{period}年" if period.isdigit() else period


def _overview(story: Story, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Overview, headline rankings and claims, and the key-figure tiles."""
    parts: list[Flowable] = [
        *_chapter_heading("概览", story.brand, styles),
        _p(story.overview, styles["body"]),
    ]
    if story.rankings:
        parts.append(_p("主要排名", styles["heading"]))
        columns = min(len(story.rankings), 4)
        tiles = [
            _tile(r.position, _ranking_label(r, story.cover.region), None, columns, styles)
            for r in story.rankings
        ]
        parts.append(_grid(tiles, columns, story.brand, styles["plain"].fontName))
    if story.claims:
        parts += [Spacer(1, 6), *_bullets(story.claims, styles)]
    if story.key_figures:
        parts.append(_p("关键数据", styles["heading"]))
        tiles = [_tile(f.value, f.label, _note(f), 4, styles) for f in story.key_figures]
        parts.append(_grid(tiles, 4, story.brand, styles["plain"].fontName))
    return parts


def _chapter_heading(text: str, brand: Brand, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    rule = HRFlowable(
        width="100%", thickness=1.6, color=colors.HexColor(brand.colours.primary), spaceAfter=12
    )
    return [_p(text, styles["chapter"]), rule]


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


def _tile(
    value: str, label: str, note: str | None, columns: int, styles: dict[str, ParagraphStyle]
) -> list[Flowable]:
    """A key-figure tile: the big printed value, its label, and its change or standing."""
    fitted = _fitted(styles["tile-value"], value, _tile_width(columns) - 2 * TILE_PADDING)
    cell = [_p(value, fitted), _p(label, styles["tile-label"])]
    if note:
        cell.append(_p(note, styles["tile-note"]))
    return cell


def _fitted(style: ParagraphStyle, text: str, width: float, smallest: float = 12) -> ParagraphStyle:
    """The style, shrunk until the text fits on one line of `width` (down to `smallest` pt)."""
    size = style.fontSize
    while size > smallest and pdfmetrics.stringWidth(text, style.fontName, size) > width:
        size -= 0.5
    if size == style.fontSize:
        return style
    return ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size, leading=size * 1.3)


def _grid(cells: list[list[Flowable]], columns: int, brand: Brand, font: str) -> Table:
    """Tiles in rows of `columns`, with gaps between; a row of tiles never splits across pages."""
    rows: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font),
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
            commands.append(("BACKGROUND", at, at, colors.HexColor(brand.colours.light)))
            commands.append(("LINEABOVE", at, at, 2, colors.HexColor(brand.colours.primary)))
        rows.append(row + [""] * (2 * columns - 1 - len(row)))
    widths = [_tile_width(columns) if i % 2 == 0 else TILE_GAP for i in range(2 * columns - 1)]
    heights = [TILE_GAP if i % 2 else None for i in range(len(rows))]
    return Table(
        rows, colWidths=widths, rowHeights=heights, style=TableStyle(commands), hAlign="LEFT"
    )


def _tile_width(columns: int) -> float:
    return (COLUMN - (columns - 1) * TILE_GAP) / columns


def _bullets(items: Iterable[str], styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    return [_p(item, styles["item"], bulletText="•") for item in items]


def _section(
    section: Section, brand: Brand, styles: dict[str, ParagraphStyle], fonts: ReportFonts
) -> list[Flowable]:
    """A chapter: summary, every figure, rankings, highlights, charts, named entities."""
    parts: list[Flowable] = [
        *_chapter_heading(section.heading, brand, styles),
        _p(section.summary, styles["body"]),
    ]
    if section.figures:
        parts += [_p("主要数据", styles["heading"]), _figure_table(section.figures, brand, styles)]
    if section.rankings:
        parts += [_p("排名", styles["heading"]), *_ranking_lines(section.rankings, styles)]
    if section.highlights:
        parts += [_p("工作进展", styles["heading"]), *_bullets(section.highlights, styles)]
    if section.charts:
        first, *rest = (_chart(spec, brand, fonts, styles) for spec in section.charts)
        parts.append(KeepTogether([_p("图示", styles["heading"]), *first]))
        parts += [KeepTogether(chart) for chart in rest]
    if section.entities:
        parts.append(_p("相关主体", styles["heading"]))
        parts += [_labelled(g.label, "、".join(g.names), styles["plain"]) for g in section.entities]
    return parts


def _figure_table(
    figures: tuple[Figure, ...], brand: Brand, styles: dict[str, ParagraphStyle]
) -> Table:
    """Every figure of a section: label | printed value | change and standing."""
    head = [_p(text, styles["cell-head"]) for text in ("指标", "数值", "变化与地位")]
    rows = [
        [
            _p(f.label, styles["cell"]),
            _p(f.value, styles["cell-strong"]),
            _p(_note(f) or "—", styles["cell"]),
        ]
        for f in figures
    ]
    style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), styles["cell"].fontName),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(brand.colours.primary)),
            (
                "ROWBACKGROUNDS",
                (0, 1),
                (-1, -1),
                [colors.white, colors.HexColor(brand.colours.light)],
            ),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE_GREY),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ]
    )
    widths = [COLUMN * 0.5, COLUMN * 0.2, COLUMN * 0.3]
    return Table([head, *rows], colWidths=widths, style=style, repeatRows=1, hAlign="LEFT")


def _ranking_lines(
    rankings: tuple[RankingLine, ...], styles: dict[str, ParagraphStyle]
) -> list[Flowable]:
    """'北京大学异地科研机构考核：北大鄂尔多斯能源研究院 第1位（共27）'."""
    return [
        Paragraph(
            f"<b>{escape(r.list_name)}</b>：{escape(r.subject)}　<b>{escape(r.position)}</b>",
            styles["item"],
            bulletText="•",
        )
        for r in rankings
    ]


def _labelled(label: str, text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(f"<b>{escape(label)}</b>：{escape(text)}", style)


def _chart(
    spec: ChartSpec, brand: Brand, fonts: ReportFonts, styles: dict[str, ParagraphStyle]
) -> list[Flowable]:
    """The chart as a vector drawing scaled to the column, its caption below."""
    from svglib.svglib import svg2rlg

    drawing = svg2rlg(io.BytesIO(draw_svg(spec, brand)), font_map=fonts)
    if drawing is None:
        raise RuntimeError(f"svglib could not read the SVG of chart {spec.id}")
    scale = min(1.0, COLUMN / drawing.width)
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    drawing.hAlign = "CENTER"
    drawing.initialFontName = fonts.regular
    return [drawing, _p(spec.caption, styles["caption"])]


def _outlook(outlook: Outlook, brand: Brand, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """The outlook and each pledge as a tile."""
    parts: list[Flowable] = [
        *_chapter_heading("展望", brand, styles),
        _p(outlook.summary, styles["body"]),
    ]
    if outlook.pledges:
        tiles = [_pledge(p, styles) for p in outlook.pledges]
        parts += [Spacer(1, 8), _grid(tiles, min(len(tiles), 3), brand, styles["plain"].fontName)]
    return parts


def _pledge(pledge: Pledge, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    cell: list[Flowable] = [
        _p(pledge.name, styles["cell-strong"]),
        _p(pledge.action, styles["tile-label"]),
    ]
    return cell + [_p(item, styles["tile-item"], bulletText="•") for item in pledge.items]


def _sources(story: Story, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    parts: list[Flowable] = [Spacer(1, 18), _p("资料来源", styles["heading"])]
    return parts + [
        _p(s.text, styles["source"], bulletText=f"[{i}]") for i, s in enumerate(story.sources, 1)
    ]


def _draw_cover_page(canvas: Canvas, document: Any, *, story: Story, fonts: ReportFonts) -> None:
    """The cover's brand band at the top and rule at the foot."""
    brand = story.brand
    canvas.saveState()
    canvas.setFillColor(colors.HexColor(brand.colours.primary))
    canvas.rect(0, PAGE_HEIGHT - 3.2 * cm, PAGE_WIDTH, 3.2 * cm, stroke=0, fill=1)
    canvas.setFillColor(colors.HexColor(brand.colours.tertiary))
    canvas.rect(0, PAGE_HEIGHT - 3.45 * cm, PAGE_WIDTH, 0.25 * cm, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    canvas.setFont(fonts.bold, 13)
    canvas.drawString(MARGIN_X, PAGE_HEIGHT - 1.9 * cm, brand.short_name)
    canvas.setFillColor(colors.HexColor(brand.colours.primary))
    canvas.rect(0, 0, PAGE_WIDTH, 1.0 * cm, stroke=0, fill=1)
    canvas.restoreState()


def _draw_page(canvas: Canvas, document: Any, *, story: Story, fonts: ReportFonts) -> None:
    """Running header (title) and footer (brand, issuer, page number) of every later page."""
    brand = story.brand
    muted = colors.HexColor(brand.colours.muted)
    canvas.saveState()
    canvas.setFont(fonts.regular, 8)
    canvas.setFillColor(muted)
    canvas.drawRightString(PAGE_WIDTH - MARGIN_X, PAGE_HEIGHT - 1.5 * cm, story.cover.title)
    canvas.setStrokeColor(colors.HexColor(brand.colours.primary))
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN_X, 1.7 * cm, PAGE_WIDTH - MARGIN_X, 1.7 * cm)
    footer = "｜".join(
        dict.fromkeys(x for x in (brand.short_name, story.cover.issuer, brand.classification) if x)
    )
    canvas.drawString(MARGIN_X, 1.2 * cm, footer)
    canvas.setFont(fonts.bold, 9)
    canvas.setFillColor(colors.HexColor(brand.colours.primary))
    canvas.drawRightString(PAGE_WIDTH - MARGIN_X, 1.2 * cm, str(document.page))
    canvas.restoreState()
