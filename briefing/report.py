"""The PDF report: a story laid out on the brand's pages with reportlab."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import IndexingFlowable

from . import __version__, linebreak
from .brand import Brand, Page
from .charts import draw_svg
from .errors import BriefingError
from .story import ChartSpec, Figure, Outlook, Pledge, Profile, RankingLine, Section, Story

RULE_GREY = colors.HexColor("#C9D2DC")
TILE_GAP = 6
TILE_PADDING = 8
CELL_PADDING = 6
CELL_TOP, CELL_BOTTOM = 5, 6
SHORT_TABLE = 8  # rows, header included, that a table keeps on one page with its heading
BOLD_WEIGHTS = ("bold", "700", "800", "900")
ENTRY = "briefing-entry"  # what headings and figures notify the contents of
MAX_CHAR_SPACE = 0.3  # in ems: a line that needs more is left ragged, not stretched
APPENDIX_TITLE = "附录　数据说明与来源"
METRIC_COLUMNS = (0.08, 0.44, 0.18, 0.19, 0.11)  # 序号 指标 数值 所属主题 来源
RANKING_COLUMNS = (0.08, 0.25, 0.19, 0.18, 0.19, 0.11)  # 序号 榜单 对象 位次 所属主题 来源


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


@dataclass(frozen=True)
class Entry:
    """A place readers navigate to: in the outline, the contents and the running header."""

    kind: str  # chapter, section or figure
    level: int  # depth in the outline
    title: str
    key: str  # the PDF destination's name
    short: str = ""  # for the running header (chapters)


# ── Entry point ───────────────────────────────────────────────────────────────────────────────


def render_report(story: Story, target: Path) -> None:
    """Write the story as a complete PDF report to `target`; the same story gives the same bytes."""
    rl_config.invariant = 1
    linebreak.install()
    fonts = _register_fonts(
        story.brand.fonts.family, story.brand.fonts.regular, story.brand.fonts.bold
    )
    layout = Layout.of(story.brand.page)
    sheet = Sheet(_styles(story.brand, fonts), fonts, layout, story.brand)
    document = _Report(str(target), story, sheet)
    document.multiBuild(_flowables(story, sheet, document.count), maxPasses=6)


def document_date(story: Story) -> tuple[dt.datetime, bool]:
    """The document's date, and whether it is given rather than derived.

    Given: the facts' briefing.date, else SOURCE_DATE_EPOCH. Derived: the last day of the
    period's first year (2024 → 31 December 2024), else 1 January 2000. Never the clock.
    """
    if story.cover.issued:
        issued = story.cover.issued
        return dt.datetime(issued.year, issued.month, issued.day, tzinfo=dt.UTC), True
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC), True
    year = re.search(r"(?<!\d)(1[89]|20)\d\d(?!\d)", story.cover.period)
    if year:
        return dt.datetime(int(year.group()), 12, 31, tzinfo=dt.UTC), False
    return dt.datetime(2000, 1, 1, tzinfo=dt.UTC), False


def keywords(story: Story) -> list[str]:
    """Region, period and the chapters' short titles."""
    return [story.cover.region, _period_text(story.cover.period)] + [
        s.short_title for s in story.sections
    ]


class _Report(BaseDocTemplate):
    """The report's pages: a cover, then pages with running header and footer.

    Built in passes (multiBuild) until the contents and the page count stop changing.
    """

    def __init__(self, filename: str, story: Story, sheet: Sheet) -> None:
        layout = sheet.layout
        cover = story.cover
        super().__init__(
            filename,
            pagesize=(layout.width, layout.height),
            title=cover.title,
            author=cover.issuer,
            subject=cover.subtitle or f"{cover.region}{_period_text(cover.period)}",
            keywords=keywords(story),
            creator=f"briefing {__version__}",
            lang=story.language,
            displayDocTitle=1,
            initialFontName=sheet.fonts.regular,
        )
        self.story, self.sheet = story, sheet
        self.count = _PageCount()
        self.stamp = document_date(story)[0].strftime("D:%Y%m%d%H%M%S+00'00'")
        self.running = ""
        frame = Frame(layout.left, layout.bottom, layout.column, layout.depth, 0, 0, 0, 0)
        self.addPageTemplates([
            PageTemplate("cover", [frame], onPage=self._cover_page, autoNextPageTemplate="body"),
            PageTemplate("body", [frame], onPageEnd=self._body_page),
        ])  # fmt: skip

    def beforeDocument(self) -> None:
        self.running = ""
        # The first pass only measures (its page count is unknown, so it is never the last):
        # charts and page decoration, which do not change the layout, are left out of it.
        self.canv.briefing_draft = self.count.total is None  # type: ignore[attr-defined]
        self.canv.showOutline()
        self.canv.setDateFormatter(lambda *_: self.stamp)

    def afterFlowable(self, flowable: Flowable) -> None:
        entry: Entry | None = getattr(flowable, "entry", None)
        if entry is None:
            return
        self.notify(ENTRY, (entry.kind, entry.title, self.page, entry.key))
        self.canv.addOutlineEntry(entry.title, entry.key, level=entry.level)
        if entry.level == 0:
            self.running = entry.short or entry.title

    def afterPage(self) -> None:
        self.count.pages = self.page

    def _cover_page(self, canvas: Canvas, _: Any) -> None:
        if not _draft(canvas):
            _draw_cover_page(canvas, self.story, self.sheet)

    def _body_page(self, canvas: Canvas, _: Any) -> None:
        if not _draft(canvas):
            _draw_page(canvas, self.story, self.sheet, self.running, self.page, self.count.total)


def _draft(canvas: Canvas) -> bool:
    """Whether this canvas belongs to the measuring pass, which is never saved."""
    return bool(getattr(canvas, "briefing_draft", False))


class _PageCount(IndexingFlowable):
    """Takes no room: the last pass's page count, for '共 Y 页'; one more pass while it changes."""

    def __init__(self) -> None:
        self.total: int | None = None  # pages of the previous pass
        self.pages = 0  # pages of this pass so far

    def beforeBuild(self) -> None:
        self.total, self.pages = (self.pages or None), 0

    def isSatisfied(self) -> bool:
        return self.total == self.pages

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        """Nothing to draw."""


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


# ── Type ──────────────────────────────────────────────────────────────────────────────────────


def _styles(brand: Brand, fonts: ReportFonts) -> dict[str, ParagraphStyle]:
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


class _Text(Paragraph):
    """A paragraph of story text; justified lines of Chinese are stretched by character spacing.

    reportlab justifies by widening spaces, and Chinese has none. Here every full line of a
    justified paragraph gets the PDF character spacing (Tc) that spreads its leftover width
    evenly over the gaps between its characters; a paragraph's last line stays flush left, as
    does a line that would need more than MAX_CHAR_SPACE em a gap. Lines are the ones
    briefing.linebreak made, so the kinsoku rules hold.
    """

    def drawPara(self, debug: int = 0) -> None:
        runs = self._justified_lines()
        if runs is None:
            return super().drawPara(debug)
        canvas, style = self.canv, self.style
        first = self.blPara.lines[0]
        size = first.fontSize if self.blPara.kind else self.blPara.fontSize
        y = self.height - (size if rl_config.paraFontSizeHeightOffset else self.blPara.ascent)
        if self.bulletText:
            _draw_bullet(canvas, self.bulletText, style, y)
        text = canvas.beginText()
        for i, (line, extra) in enumerate(runs):
            last = i == len(runs) - 1 and not getattr(self, "_JustifyLast", False)
            gaps = sum(len(t) for *_, t in line) - 1
            spacing = extra / gaps if gaps > 0 and not last else 0.0
            if spacing < 0 or spacing > MAX_CHAR_SPACE * size:
                spacing = 0.0
            text.setTextOrigin(style.leftIndent + (style.firstLineIndent if i == 0 else 0), y)
            text.setCharSpace(spacing)
            for font, font_size, colour, chars in line:
                text.setFont(font, font_size, style.leading)
                text.setFillColor(colour)
                text.textOut(chars)
            y -= style.leading
        canvas.drawText(text)
        return None

    def _justified_lines(self) -> list[tuple[list[tuple[str, float, Any, str]], float]] | None:
        """Each line as runs (font, size, colour, text) without its end spaces, and its slack;
        None where reportlab must draw (not justified, inline images, links, underlines)."""
        para, style = self.blPara, self.style
        if style.alignment != TA_JUSTIFY or not para.lines or getattr(self, "_offsets", None):
            return None
        if para.kind == 0:
            plain = (para.fontName, para.fontSize, para.textColor)
            lines = [([(*plain, "".join(words))], extra) for extra, words in para.lines]
        else:
            if any(_decorated(f) for line in para.lines for f in line.words):
                return None
            lines = [
                ([(f.fontName, f.fontSize, f.textColor, f.text) for f in line.words],
                 line.extraSpace if not line.lineBreak else -1.0)
                for line in para.lines
            ]  # fmt: skip
        return [(_without_end_spaces(runs), extra) for runs, extra in lines]


def _decorated(frag: Any) -> bool:
    """A fragment only reportlab's own drawing handles: image, link, underline, rise, colour."""
    return bool(
        getattr(frag, "cbDefn", None)
        or getattr(frag, "link", None)
        or getattr(frag, "us_lines", None)
        or getattr(frag, "rise", 0)
        or getattr(frag, "backColor", None)
    )


def _without_end_spaces(
    runs: list[tuple[str, float, Any, str]],
) -> list[tuple[str, float, Any, str]]:
    """A line's runs with the spaces it ends with taken off (they take no room at a break)."""
    runs = list(runs)
    while runs:
        *style, chars = runs[-1]
        trimmed = chars.rstrip("".join(linebreak.BREAK_SPACES))
        if trimmed:
            runs[-1] = (*style, trimmed)  # type: ignore[assignment]
            break
        runs.pop()
    return runs


def _draw_bullet(canvas: Canvas, bullet: str, style: ParagraphStyle, y: float) -> None:
    canvas.saveState()
    canvas.setFont(style.bulletFontName, style.bulletFontSize)
    canvas.setFillColor(getattr(style, "bulletColor", None) or style.textColor)
    canvas.drawString(style.bulletIndent, y + getattr(style, "bulletOffsetY", 0), bullet)
    canvas.restoreState()


class _Heading(_Text):
    """A chapter or section heading: a PDF destination, an outline entry, never split."""

    def __init__(self, text: str, style: ParagraphStyle, entry: Entry) -> None:
        super().__init__(escape(text), style)
        self.entry = entry

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.entry.key, 0, self.height + 12)
        super().draw()


def _p(text: str, style: ParagraphStyle, **kwargs: Any) -> Paragraph:
    """A paragraph of story text, escaped so it is never read as markup."""
    return _Text(escape(text), style, **kwargs)


# ── Document ──────────────────────────────────────────────────────────────────────────────────


def _flowables(story: Story, sheet: Sheet, count: _PageCount) -> list[Flowable]:
    """Cover, contents, summary, one chapter per section, outlook, appendix."""
    parts: list[Flowable] = [count, *_cover(story, sheet), PageBreak()]
    parts += [*_contents(sheet), PageBreak(), *_overview(story, sheet)]
    for section in story.sections:
        parts += [PageBreak(), *_section(section, story.cover.region, sheet)]
    parts += [PageBreak(), *_outlook(story.outlook, sheet)]
    parts += [PageBreak(), *_appendix(story, sheet)]
    return parts


def _chapter(
    title: str,
    key: str,
    sheet: Sheet,
    *,
    running: str = "",
    kicker: str = "",
    kind: str = "chapter",
) -> list[Flowable]:
    """A chapter's opening heading, under a kicker where given, over a rule.

    `running` is its name in the running header; kind "front" keeps it out of the contents.
    """
    entry = Entry(kind, 0, title, key, running or title)
    parts: list[Flowable] = [_p(kicker, sheet.styles["kicker"])] if kicker else []
    rule = HRFlowable(width="100%", thickness=1.6, color=sheet.colour("primary"), spaceAfter=12)
    return [*parts, _Heading(title, sheet.styles["chapter"], entry), rule]


def _heading(title: str, key: str, sheet: Sheet) -> Flowable:
    """A section heading inside a chapter."""
    return _Heading(title, sheet.styles["heading"], Entry("section", 1, title, key))


def _lead(text: str, sheet: Sheet) -> Table:
    """A chapter's summary, set larger on a tint with the brand's bar on its left."""
    style = TableStyle([
        ("FONT", (0, 0), (-1, -1), sheet.fonts.regular),
        ("BACKGROUND", (0, 0), (-1, -1), sheet.colour("light")),
        ("LINEBEFORE", (0, 0), (0, -1), 3, sheet.colour("primary")),
        ("LEFTPADDING", (0, 0), (-1, -1), 12),
        ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 9),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 11),
    ])  # fmt: skip
    table = Table([[_p(text, sheet.styles["lead"])]], colWidths=[sheet.layout.column], style=style)
    table.spaceAfter = 4
    return table


# ── Cover ─────────────────────────────────────────────────────────────────────────────────────


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
    parts += [_p(x, styles["cover-meta"]) for x in (cover.issuer, _cover_date(story)) if x]
    if sheet.brand.classification:
        parts.append(_p(sheet.brand.classification, styles["classification"]))
    return parts


def _cover_date(story: Story) -> str | None:
    """The date printed on the cover: only a given one (facts or SOURCE_DATE_EPOCH)."""
    if story.cover.date:
        return story.cover.date
    date, given = document_date(story)
    return f"{date.year}年{date.month}月{date.day}日" if given else None


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


# ── Contents ──────────────────────────────────────────────────────────────────────────────────


def _contents(sheet: Sheet) -> list[Flowable]:
    """The contents page: chapters, then figures, each with its page, each line a link."""
    return [
        *_chapter("目录", "contents", sheet, kind="front"),
        _Contents(sheet, "chapter"),
        _heading("图目录", "contents-figures", sheet),
        _Contents(sheet, "figure"),
    ]


class _Contents(IndexingFlowable):
    """The entries of one kind (chapter or figure) of the previous pass, with their pages."""

    def __init__(self, sheet: Sheet, kind: str) -> None:
        self.sheet, self.kind = sheet, kind
        self._entries: list[tuple[str, int, str]] = []
        self._last: list[tuple[str, int, str]] = []
        self._lines: list[Flowable] = []

    def beforeBuild(self) -> None:
        self._last, self._entries = self._entries, []

    def isSatisfied(self) -> bool:
        return self._entries == self._last

    def notify(self, kind: str, stuff: Any) -> None:
        if kind == ENTRY and stuff[0] == self.kind:
            self._entries.append(tuple(stuff[1:]))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        style = self.sheet.styles["toc-chapter" if self.kind == "chapter" else "toc-figure"]
        self._lines = [
            _ContentsLine(t, page, key, style, self.sheet) for t, page, key in self._last
        ]
        self.width = availWidth
        self.height = sum(line.wrap(availWidth, availHeight)[1] for line in self._lines)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        return list(self._lines)

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        top = y + self.height
        for line in self._lines:
            top -= line.height
            line.drawOn(canvas, x, top)


class _ContentsLine(Flowable):
    """'一、厚植创新沃土 政策精准赋能 · · · · 4', the whole line linked to the page."""

    def __init__(self, title: str, page: int, key: str, style: ParagraphStyle, sheet: Sheet):
        super().__init__()
        self.title, self.page, self.key, self.style, self.sheet = title, page, key, style, sheet

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, self.style.leading
        return self.width, self.height

    def draw(self) -> None:
        canvas, style = self.canv, self.style
        number = str(self.page)
        room = self.width - pdfmetrics.stringWidth(number, style.fontName, style.fontSize) - 24
        size = _fitting_size(self.title, style.fontName, style.fontSize, room)
        baseline = (self.height - style.fontSize) / 2 + 0.15 * style.fontSize
        canvas.saveState()
        canvas.setFillColor(style.textColor)
        canvas.setFont(style.fontName, size)
        canvas.drawString(0, baseline, self.title)
        canvas.setFont(style.fontName, style.fontSize)
        canvas.drawRightString(self.width, baseline, number)
        start = pdfmetrics.stringWidth(self.title, style.fontName, size) + 8
        end = self.width - pdfmetrics.stringWidth(number, style.fontName, style.fontSize) - 8
        canvas.setStrokeColor(self.sheet.colour("muted"))
        canvas.setLineWidth(0.9)
        canvas.setLineCap(1)
        canvas.setDash(0.01, 3.5)
        if end > start:
            canvas.line(start, baseline + 1, end, baseline + 1)
        canvas.restoreState()
        canvas.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


def _fitting_size(text: str, font: str, size: float, width: float, smallest: float = 7) -> float:
    """The largest size up to `size` at which `text` fits `width`, in half points."""
    while size > smallest and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 0.5
    return size


# ── Summary ───────────────────────────────────────────────────────────────────────────────────


def _overview(story: Story, sheet: Sheet) -> list[Flowable]:
    """Overview, headline rankings and claims, and the key-figure tiles: one page."""
    parts: list[Flowable] = [*_chapter("概览", "summary", sheet), _lead(story.overview, sheet)]
    if story.rankings:
        parts.append(_heading("主要排名", "summary-rankings", sheet))
        columns = min(len(story.rankings), 4)
        tiles = [_ranking_tile(r, story.cover.region, sheet, columns) for r in story.rankings]
        parts.append(_grid(tiles, columns, sheet))
    if story.claims:
        parts += [Spacer(1, 8), *_bullets(story.claims, sheet)]
    if story.key_figures:
        parts.append(_heading("关键数据", "summary-figures", sheet))
        columns = _columns(len(story.key_figures))
        tiles = [_figure_tile(f, columns, sheet) for f in story.key_figures]
        parts.append(_grid(tiles, columns, sheet))
    return parts


def _columns(count: int) -> int:
    """Tiles a row: up to four, three where that leaves no gap that four would."""
    return count if count <= 4 else (3 if count in (5, 6, 9) else 4)


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


def _ranking_tile(ranking: RankingLine, region: str, sheet: Sheet, columns: int) -> list[Flowable]:
    return _tile(ranking.position, _ranking_label(ranking, region), None, columns, sheet)


def _figure_tile(figure: Figure, columns: int, sheet: Sheet) -> list[Flowable]:
    return _tile(figure.value, figure.label, _note(figure), columns, sheet)


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
    size = _fitting_size(text, style.fontName, style.fontSize, width, smallest)
    if size == style.fontSize:
        return style
    return ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size, leading=size * 1.3)


def _grid(cells: Sequence[list[Flowable]], columns: int, sheet: Sheet) -> Table:
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
            commands.append(("BACKGROUND", at, at, sheet.colour("light")))
            commands.append(("LINEABOVE", at, at, 2, sheet.colour("primary")))
        rows.append(row + [""] * (2 * columns - 1 - len(row)))
    widths = [
        _tile_width(columns, sheet) if i % 2 == 0 else TILE_GAP for i in range(2 * columns - 1)
    ]
    heights = [TILE_GAP if i % 2 else None for i in range(len(rows))]
    table = Table(
        rows, colWidths=widths, rowHeights=heights, style=TableStyle(commands), hAlign="LEFT"
    )
    table.spaceAfter = 4
    return table


def _tile_width(columns: int, sheet: Sheet) -> float:
    return (sheet.layout.column - (columns - 1) * TILE_GAP) / columns


def _bullets(items: Iterable[str], sheet: Sheet, style: str = "item") -> list[Flowable]:
    return [_p(item, sheet.styles[style], bulletText="•") for item in items]


# ── Chapters ──────────────────────────────────────────────────────────────────────────────────


def _section(section: Section, region: str, sheet: Sheet) -> list[Flowable]:
    """A chapter: opener, key-figure tiles, charts, highlights, institutions, named entities."""
    key = f"chapter-{section.id}"
    parts = [
        *_chapter(
            section.heading, key, sheet, running=_theme_name(section), kicker=section.short_title
        ),
        _lead(section.summary, sheet),
    ]
    columns = _columns(len(section.figures) + len(section.rankings))
    tiles = [_figure_tile(f, columns, sheet) for f in section.figures]
    tiles += [_ranking_tile(r, region, sheet, columns) for r in section.rankings]
    if tiles:
        parts += [_heading("关键数据", f"{key}-figures", sheet), _grid(tiles, columns, sheet)]
    if section.charts:
        parts.append(_heading("图表", f"{key}-charts", sheet))
        parts += [_figure(spec, sheet) for spec in section.charts]
    general, credited = _credits(section)
    if general:
        parts += [_heading("工作进展", f"{key}-highlights", sheet), *_bullets(general, sheet)]
    if credited:
        rows = _profile_rows(credited, sheet)
        parts += _table_section("重点机构进展", f"{key}-profiles", rows, (0.3, 0.7), sheet)
    others = _other_entities(section, credited)
    if others:
        parts.append(_heading("相关主体", f"{key}-entities", sheet))
        parts += [
            _labelled(label, "、".join(names), sheet.styles["plain"]) for label, names in others
        ]
    return parts


Credited = list[tuple[list[Profile], tuple[str, ...]]]


def _credits(section: Section) -> tuple[tuple[str, ...], Credited]:
    """The highlights for the list, and the institutions' rows with the highlights they own.

    Profiles credited with the very same highlights share a row (five enclaves of one
    sentence). A highlight that credits one or two rows moves into the first of them; one that
    credits three or more is about them all and stays in the list, as do highlights crediting
    none. Rows left with nothing are dropped; with fewer than two rows there is no table.
    """
    groups: dict[tuple[str, ...], list[Profile]] = {}
    for profile in section.profiles:
        groups.setdefault(profile.results, []).append(profile)
    rows = list(groups.items())
    owner: dict[str, int] = {}
    for highlight in section.highlights:
        crediting = [i for i, (results, _) in enumerate(rows) if highlight in results]
        if 1 <= len(crediting) <= 2:
            owner[highlight] = crediting[0]
    table = [
        (members, tuple(h for h in section.highlights if owner.get(h) == i))
        for i, (_, members) in enumerate(rows)
    ]
    table = [(members, owned) for members, owned in table if owned]
    if len(table) < 2:
        return section.highlights, []
    return tuple(h for h in section.highlights if h not in owner), table


def _profile_rows(credited: Credited, sheet: Sheet) -> list[list[Any]]:
    """'机构 | 主要进展': names and role, and what the highlights credit them with."""
    styles = sheet.styles
    rows: list[list[Any]] = [[_p("机构", styles["cell-head"]), _p("主要进展", styles["cell-head"])]]
    for members, results in credited:
        names = [_p(p.name, styles["cell-strong"]) for p in members]
        roles = "、".join(dict.fromkeys(p.role for p in members))
        done = (
            _bullets(results, sheet, "cell-item")
            if len(results) > 1
            else [_p(results[0], styles["cell-prose"])]
        )
        rows.append([[*names, _p(roles, styles["note"])], done])
    return rows


def _other_entities(section: Section, credited: Credited) -> list[tuple[str, tuple[str, ...]]]:
    """Entity groups of the section without the names the institutions' table shows."""
    shown = {p.name for members, _ in credited for p in members}
    groups = [(g.label, tuple(n for n in g.names if n not in shown)) for g in section.entities]
    return [(label, names) for label, names in groups if names]


def _table_section(
    title: str, key: str, rows: list[list[Any]], shares: Sequence[float], sheet: Sheet
) -> list[Flowable]:
    """A heading and its table, which may run over pages; the heading never ends a page alone.

    A short table (up to SHORT_TABLE rows) moves whole with its heading. keepWithNext would
    move a long one whole too, leaving a page empty; instead its heading starts a new page
    unless it fits with the header row and the first two rows below it.
    """
    widths = [sheet.layout.column * share for share in shares]
    style = sheet.styles["heading"]
    if len(rows) <= SHORT_TABLE:
        return [_heading(title, key, sheet), _data_table(rows, widths, sheet)]
    need = style.spaceBefore + style.leading + style.spaceAfter
    need += sum(_row_height(row, widths) for row in rows[:3])
    loose = ParagraphStyle(f"{style.name}-loose", parent=style, keepWithNext=0)
    heading = _Heading(title, loose, Entry("section", 1, title, key))
    return [CondPageBreak(need), heading, _data_table(rows, widths, sheet)]


def _row_height(row: list[Any], widths: Sequence[float]) -> float:
    """Height of a table row as _data_table pads it."""
    tallest = 0.0
    for cell, width in zip(row, widths, strict=True):
        flowables = cell if isinstance(cell, list) else [cell]
        inner = width - 2 * CELL_PADDING
        tallest = max(tallest, sum(f.wrap(inner, 1e6)[1] + f.getSpaceAfter() for f in flowables))
    return tallest + CELL_TOP + CELL_BOTTOM


def _labelled(label: str, text: str, style: ParagraphStyle) -> Paragraph:
    return _Text(f"<b>{escape(label)}</b>：{escape(text)}", style)


def _figure(spec: ChartSpec, sheet: Sheet) -> Flowable:
    """The chart as a vector drawing scaled to the column, its numbered caption below."""
    from svglib.svglib import svg2rlg

    drawing = svg2rlg(io.BytesIO(draw_svg(spec, sheet.brand)), font_map=sheet.fonts)
    if drawing is None:
        raise RuntimeError(f"svglib could not read the SVG of chart {spec.id}")
    scale = min(1.0, sheet.layout.column / drawing.width)
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    drawing.initialFontName = sheet.fonts.regular
    entry = Entry("figure", 2, spec.caption, f"figure-{spec.number}")
    return _Figure(drawing, _p(spec.caption, sheet.styles["caption"]), entry)


class _Figure(Flowable):
    """A chart over its caption: never split, a PDF destination, listed among the figures."""

    def __init__(self, drawing: Drawing, caption: Paragraph, entry: Entry) -> None:
        super().__init__()
        self.drawing, self.caption, self.entry = drawing, caption, entry
        self.spaceBefore, self.spaceAfter = 6, 14

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.drawing.height + 4 + self.caption.wrap(availWidth, availHeight)[1]
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        canvas = self.canv
        canvas.bookmarkHorizontal(self.entry.key, 0, self.height + 12)
        if _draft(canvas):
            return
        x = (self.width - self.drawing.width) / 2
        self.drawing.drawOn(canvas, x, self.height - self.drawing.height)
        self.caption.drawOn(canvas, 0, 0)


def _data_table(rows: list[list[Any]], widths: Sequence[float], sheet: Sheet) -> Table:
    """A table of the column's width: header row in the brand colour, repeated on every page."""
    style = TableStyle([
        ("FONT", (0, 0), (-1, -1), sheet.fonts.regular),
        ("BACKGROUND", (0, 0), (-1, 0), sheet.colour("primary")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, sheet.colour("light")]),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE_GREY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_BOTTOM),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ])  # fmt: skip
    table = Table(rows, colWidths=list(widths), style=style, repeatRows=1, hAlign="LEFT")
    table.spaceAfter = 6
    return table


# ── Outlook ───────────────────────────────────────────────────────────────────────────────────


def _outlook(outlook: Outlook, sheet: Sheet) -> list[Flowable]:
    """The outlook and each pledge as a tile."""
    parts: list[Flowable] = [*_chapter("展望", "outlook", sheet), _lead(outlook.summary, sheet)]
    if outlook.pledges:
        tiles = [_pledge(p, sheet) for p in outlook.pledges]
        parts += [
            _heading("重点方向", "outlook-pledges", sheet),
            _grid(tiles, min(len(tiles), 3), sheet),
        ]
    return parts


def _pledge(pledge: Pledge, sheet: Sheet) -> list[Flowable]:
    cell: list[Flowable] = [
        _p(pledge.name, sheet.styles["cell-strong"]),
        _p(pledge.action, sheet.styles["tile-label"]),
    ]
    return cell + _bullets(pledge.items, sheet, "tile-item")


# ── Appendix ──────────────────────────────────────────────────────────────────────────────────


def _appendix(story: Story, sheet: Sheet) -> list[Flowable]:
    """数据说明与来源: how figures are printed, every metric and ranking, the sources."""
    cited = _citation(story)
    parts: list[Flowable] = [
        *_chapter(APPENDIX_TITLE, "appendix", sheet, running="附录"),
        _heading("数据说明", "appendix-notes", sheet),
        _p(
            "表中数值连同其限定词（如“突破”“超”“近”“余”）一并列出，与正文及图表所印一致；"
            "排名为在所列名单中的位次。",
            sheet.styles["body"],
        ),
        _p(_source_note(story), sheet.styles["body"]),
        *_table_section(
            "指标一览", "appendix-metrics", _metric_rows(story, cited, sheet), METRIC_COLUMNS, sheet
        ),
    ]
    rankings = _all_rankings(story)
    if rankings:
        rows = _ranking_rows(rankings, cited, sheet)
        parts += _table_section("排名一览", "appendix-rankings", rows, RANKING_COLUMNS, sheet)
    parts.append(_heading("资料来源", "appendix-sources", sheet))
    parts += [
        _p(s.text, sheet.styles["source"], bulletText=f"[{i}]")
        for i, s in enumerate(story.sources, 1)
    ]
    return parts


def _citation(story: Story) -> str:
    """What a metric's source cell says: '[1]' when there is one source, else '见下'."""
    return "[1]" if len(story.sources) == 1 else "见下"


def _source_note(story: Story) -> str:
    """Where the figures come from; the facts give sources for the briefing, not each figure."""
    if len(story.sources) == 1:
        return "各项指标与排名均出自资料来源[1]。"
    return f"各项指标与排名未逐项标注出处，均出自下列资料来源[1]至[{len(story.sources)}]。"


def _theme_name(section: Section) -> str:
    """'一、政策赋能'."""
    return f"{section.number}、{section.short_title}"


def _metric_rows(story: Story, cited: str, sheet: Sheet) -> list[list[Any]]:
    """Every metric: number, label (with change, standing, note), printed value, theme, source."""
    styles = sheet.styles
    head = ["序号", "指标", "数值", "所属主题", "来源"]
    rows: list[list[Any]] = [[_p(h, styles["cell-head"]) for h in head]]
    themes = {s.id: _theme_name(s) for s in story.sections}
    for i, figure in enumerate(story.figures(), 1):
        about = "；".join(x for x in (_note(figure), figure.note) if x)
        label = [_p(figure.label, styles["cell"])]
        label += [_p(about, styles["note"])] if about else []
        rows.append([
            _p(str(i), styles["cell-number"]),
            label,
            _p(figure.value, styles["cell-strong"]),
            _p(themes[figure.section], styles["cell"]),
            _p(cited, styles["cell"]),
        ])  # fmt: skip
    return rows


def _all_rankings(story: Story) -> list[tuple[RankingLine, str]]:
    """Headline rankings (theme 概览) and each chapter's, with the theme's name."""
    found = [(r, "概览") for r in story.rankings]
    return found + [(r, _theme_name(s)) for s in story.sections for r in s.rankings]


def _ranking_rows(
    rankings: list[tuple[RankingLine, str]], cited: str, sheet: Sheet
) -> list[list[Any]]:
    styles = sheet.styles
    head = ["序号", "榜单", "对象", "位次", "所属主题", "来源"]
    rows: list[list[Any]] = [[_p(h, styles["cell-head"]) for h in head]]
    for i, (ranking, theme) in enumerate(rankings, 1):
        rows.append([
            _p(str(i), styles["cell-number"]),
            _p(ranking.list_name, styles["cell"]),
            _p(ranking.subject, styles["cell"]),
            _p(ranking.position, styles["cell-strong"]),
            _p(theme, styles["cell"]),
            _p(cited, styles["cell"]),
        ])  # fmt: skip
    return rows


# ── Page decoration ───────────────────────────────────────────────────────────────────────────


def _draw_cover_page(canvas: Canvas, story: Story, sheet: Sheet) -> None:
    """The cover's decoration in the brand's cover style: band, full or plain."""
    brand, page = sheet.brand, sheet.layout
    primary = sheet.colour("primary")
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


def page_label(number: int, total: int | None) -> str:
    """'第 3 页 / 共 14 页' (just '第 3 页' before the count is known)."""
    return f"第 {number} 页 / 共 {total} 页" if total else f"第 {number} 页"


def _draw_page(
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
        x += _draw_logo(canvas, sheet, logo.path, x, header_y - 0.1 * cm, 0.5 * cm) + 0.2 * cm
    canvas.setFont(fonts.bold, size)
    canvas.setFillColor(primary)
    canvas.drawString(x, header_y, story.cover.title)
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
    canvas.drawString(page.left, footer_y, story.cover.issuer)
    if brand.classification:
        canvas.setFillColor(sheet.colour("danger"))
        canvas.drawCentredString(page.left + page.column / 2, footer_y, brand.classification)
    canvas.setFont(fonts.bold, size)
    canvas.setFillColor(primary)
    canvas.drawRightString(right, footer_y, page_label(number, total))
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
