"""The deck: a story rendered as an editable 16:9 PowerPoint presentation."""

from __future__ import annotations

import functools
import io
import itertools
import math
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from lxml import etree
from pptx import Presentation
from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.chart.datalabel import DataLabel
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.package import Part, XmlPart
from pptx.oxml.ns import qn
from pptx.parts.image import Image
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.autoshape import Shape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.picture import Picture
from pptx.slide import Slide
from pptx.text.text import Font, TextFrame
from pptx.util import Emu, Pt

from .brand import Brand, Colours, Logo
from .errors import BriefingError
from .story import ChartSpec, Figure, RankingLine, Section, Series, Story

T = TypeVar("T")

EMU_PER_PT = 12700
SLIDE_W, SLIDE_H = 12192000, 6858000  # 13.333 × 7.5 in
MARGIN = 0.6 * 72  # points
BODY_TOP, BODY_BOTTOM = 1.45 * 72, 6.85 * 72
GAP = 0.22 * 72
LEADING = 1.3  # line pitch as a multiple of the font size, written as exact spacing
INSET = 0.1 * 72
TILE_INSET = 0.16 * 72
MAX_TILE_W, MAX_TILE_H, MIN_TILE_H = 4.6 * 72, 2.3 * 72, 1.5 * 72
FLOOR = 14  # no body text below this; footers and notes excepted
BODY_SIZES = (20, 18, 16)  # bullets shrink to these, then split onto continuation slides
LEAD_SIZES = (18, 16, FLOOR)
TILE_SCALES = ((36, 18, 15), (32, 17, 14), (28, 16, 14), (24, 15, 14), (22, 14, 14), (20, 14, 14))
TILES_PER_SLIDE, KEY_TILES_PER_SLIDE = 6, 8
TICK_SIZE, LABEL_SIZE = 16, 18
CONTINUED = "（续）"
OPENERS = set("（《“‘「『【〔([{")
CLOSERS = set("，。、；：！？）》”’」』】〕…—·%,.;:!?)]}")
LATIN_UNIT = re.compile(r"[A-Za-z0-9&.+\-/]+|\s+|.", re.S)
WHITE = "#FFFFFF"  # text on the brand's dark fills; every other colour is the kit's
LOGO_NAME = "标志"


# ── Measuring: python-pptx cannot, so estimate from advance widths ──────────


def char_em(ch: str) -> float:
    """Advance of one character in ems, on the wide side of Noto Sans SC, YaHei and DejaVu."""
    if ch.isspace():
        return 0.25
    if ch.isascii():
        if ch.isdigit():
            return 0.6
        return 0.68 if ch.isupper() else 0.58 if ch.isalpha() else 0.45
    return 1.0  # CJK, full-width forms and CJK punctuation


def em_width(text: str) -> float:
    """Advance of a string in ems, with the gap some viewers put between Chinese and Latin."""
    width = sum(char_em(c) for c in text)
    switches = sum(
        1
        for a, b in itertools.pairwise(text)
        if a.isascii() != b.isascii() and not (a + b).isspace()
    )
    return width + 0.25 * switches  # LibreOffice adds a quarter em at each switch


def break_units(text: str) -> list[str]:
    """Pieces a line may not break inside: Latin words, numbers, marks glued to a neighbour."""
    units: list[str] = []
    glue_next = False
    for piece in LATIN_UNIT.findall(text):
        if units and (glue_next or piece[0] in CLOSERS):
            units[-1] += piece
        else:
            units.append(piece)
        glue_next = piece[-1] in OPENERS
    return units


def line_count(text: str, width_pt: float, size_pt: float) -> int:
    """Lines a paragraph wraps to in a box of this width, greedily, unit by unit."""
    room = width_pt / size_pt * 0.96  # slack for the viewer's own font and kinsoku
    lines, line = 1, ""
    for unit in break_units(text):
        if line and em_width(line + unit) > room:
            lines, line = lines + 1, unit.lstrip()
        else:
            line += unit
    return lines


@dataclass(frozen=True)
class Para:
    """One paragraph to set: text, size and look."""

    text: str
    size: float
    bold: bool = False
    colour: str = ""
    space_after: float = 0.0
    bullet: bool = False
    align: PP_ALIGN = PP_ALIGN.LEFT

    def height(self, width_pt: float) -> float:
        """Points this paragraph takes in a box of this width."""
        indent = self.size * 1.1 if self.bullet else 0.0
        return (
            line_count(self.text, width_pt - indent, self.size) * self.size * LEADING
            + self.space_after
        )


def text_height(paras: Sequence[Para], width_pt: float, inset: float = INSET) -> float:
    """Height a text box needs for these paragraphs, insets included."""
    return sum(p.height(width_pt - 2 * inset) for p in paras) + inset


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in points."""

    x: float
    y: float
    w: float
    h: float

    def emu(self) -> tuple[Emu, Emu, Emu, Emu]:
        """Position and size in EMU, as python-pptx wants them."""
        return tuple(Emu(round(v * EMU_PER_PT)) for v in (self.x, self.y, self.w, self.h))  # type: ignore[return-value]

    def below(self, height: float) -> Box:
        """What is left of this box under a strip of the given height."""
        return Box(self.x, self.y + height, self.w, max(self.h - height, 0.0))

    def inset(self, by: float) -> Box:
        """This box shrunk by a margin on every side (grown if negative)."""
        return Box(self.x + by, self.y + by, self.w - 2 * by, self.h - 2 * by)


PAGE_W, PAGE_H = SLIDE_W / EMU_PER_PT, SLIDE_H / EMU_PER_PT
BODY = Box(MARGIN, BODY_TOP, PAGE_W - 2 * MARGIN, BODY_BOTTOM - BODY_TOP)
BAND = Box(0, 0, PAGE_W, 0.14 * 72)
TITLE = Box(MARGIN, 0.36 * 72, PAGE_W - 2 * MARGIN, 0.85 * 72)
RULE = Box(MARGIN, 1.22 * 72, 1.2 * 72, 0.05 * 72)
FOOTER = Box(MARGIN, 7.0 * 72, 8 * 72, 0.35 * 72)
PAGE_NUMBER = Box(PAGE_W - MARGIN - 1.2 * 72, 7.0 * 72, 1.2 * 72, 0.35 * 72)
HEADER_LOGO = Box(PAGE_W - MARGIN - 2.2 * 72, TITLE.y + 0.16 * 72, 2.2 * 72, 0.53 * 72)  # right
COVER_LOGO = Box(MARGIN, 0.6 * 72, 4.0 * 72, 1.1 * 72)  # left, above the accent bar
PLATE_PAD = 0.1 * 72  # a plate behind a logo drawn for the other kind of background


# ── Text: every run carries the brand's Latin and East Asian faces ───────────


def dress_font(font: Font, brand: Brand, size: float, bold: bool = False, colour: str = "") -> None:
    """Size, weight, colour and both typefaces on one run or default-run property set."""
    font.name = brand.fonts.deck_latin
    font.size = Pt(size)
    font.bold = bold
    if colour:
        font.color.rgb = rgb(colour)
    east_asian(font._rPr, brand.fonts.deck_east_asian)  # no public API for a:ea


def east_asian(rPr: etree._Element, typeface: str) -> None:
    """Write a:ea right after a:latin (schema order) and mark the text as zh-CN."""
    rPr.set("lang", "zh-CN")
    ea = rPr.find(qn("a:ea"))
    if ea is None:
        ea = etree.SubElement(rPr, qn("a:ea"))
        latin = rPr.find(qn("a:latin"))
        latin.addnext(ea)
    ea.set("typeface", typeface)


def rgb(colour: str) -> RGBColor:
    """'#RRGGBB' as a python-pptx colour."""
    return RGBColor.from_string(colour.lstrip("#"))


# ── Colour: contrast on the brand's fills, tints for the theme ──────────────


def channels(colour: str) -> tuple[int, int, int]:
    """'#RRGGBB' as three 0–255 values."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def luminance(colour: str) -> float:
    """Relative luminance of a colour (WCAG 2)."""
    linear = [
        v / 255 / 12.92 if v <= 10 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in channels(colour)
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def ink_on(fill: str, brand: Brand) -> str:
    """White or the brand's foreground, whichever reads better on this fill."""
    return max((WHITE, brand.colours.foreground), key=lambda c: contrast(c, fill))


def readable(colour: str, fill: str, brand: Brand, ratio: float = 4.5) -> str:
    """This colour on this fill if it reads (WCAG AA), else the better of white and foreground."""
    return colour if contrast(colour, fill) >= ratio else ink_on(fill, brand)


def is_dark(fill: str, brand: Brand) -> bool:
    """Whether white reads better than the foreground on this fill."""
    return ink_on(fill, brand) == WHITE


def mix(a: str, b: str, share_of_a: float) -> str:
    """A colour between a and b, as #RRGGBB."""
    return "#" + "".join(
        f"{round(x * share_of_a + y * (1 - share_of_a)):02X}"
        for x, y in zip(channels(a), channels(b), strict=True)
    )


def fill_text(frame: TextFrame, paras: Sequence[Para], brand: Brand, inset: float = INSET) -> None:
    """Replace a text box's content with these paragraphs; no autofit, wrap on, known insets."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = Pt(inset)
    frame.margin_top, frame.margin_bottom = Pt(inset / 2), Pt(inset / 2)
    write_paras(frame, paras, brand)


def write_paras(frame: TextFrame, paras: Sequence[Para], brand: Brand) -> None:
    """Paragraphs with one dressed run each, at exact line spacing."""
    for i, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = para.align
        paragraph.line_spacing = Pt(para.size * LEADING)
        paragraph.space_after = Pt(para.space_after)
        if para.bullet:
            bullet(paragraph._p.get_or_add_pPr(), para.size, para.colour or brand.colours.primary)
        run = paragraph.add_run()
        run.text = para.text
        dress_font(run.font, brand, para.size, para.bold, para.colour or brand.colours.foreground)
        defaults = paragraph._p.find(f"{qn('a:pPr')}/{qn('a:defRPr')}")
        if defaults is not None:  # chart text: paragraph defaults match the run
            dress_font(
                Font(defaults), brand, para.size, para.bold, para.colour or brand.colours.foreground
            )


def bullet(pPr: etree._Element, size: float, colour: str) -> None:
    """A hanging '■' bullet in the brand colour."""
    indent = round(size * 1.1 * EMU_PER_PT)
    pPr.set("marL", str(indent))
    pPr.set("indent", str(-indent))
    clr = etree.SubElement(pPr, qn("a:buClr"))
    etree.SubElement(clr, qn("a:srgbClr")).set("val", colour.lstrip("#"))
    etree.SubElement(pPr, qn("a:buSzPct")).set("val", "60000")
    etree.SubElement(pPr, qn("a:buFont")).set("typeface", "Arial")
    etree.SubElement(pPr, qn("a:buChar")).set("char", "■")


def add_text(
    slide: Slide,
    name: str,
    box: Box,
    paras: Sequence[Para],
    brand: Brand,
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
) -> Shape:
    """A named text box holding these paragraphs."""
    shape = slide.shapes.add_textbox(*box.emu())
    shape.name = name
    fill_text(shape.text_frame, paras, brand)
    shape.text_frame.vertical_anchor = anchor
    return shape


def add_rect(
    slide: Slide, name: str, box: Box, colour: str, kind: MSO_SHAPE = MSO_SHAPE.RECTANGLE
) -> Shape:
    """A named, borderless filled rectangle without the theme's shadow."""
    shape = slide.shapes.add_shape(kind, *box.emu())
    shape.name = name
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(colour)
    shape.line.fill.background()
    style = shape._element.find(qn("p:style"))  # theme effects: LibreOffice draws a shadow
    if style is not None:
        shape._element.remove(style)
    return shape


# ── Logos: rasters only (python-pptx cannot place SVG), aspect kept ────────


@functools.cache
def pixel_size(path: Path) -> tuple[int, int]:
    """Width and height of a raster image in pixels."""
    try:
        return Image.from_file(str(path)).size
    except Exception as exc:  # PIL raises several kinds for a broken file
        raise BriefingError(f"deck: cannot read the logo {path}: {exc}") from None


def logo_box(logo: Logo | None, slot: Box, right: bool = False) -> Box | None:
    """Where a logo sits in a slot: as large as fits, aspect kept, centred down, left or right."""
    if logo is None or logo.raster is None:
        return None
    px_w, px_h = pixel_size(logo.raster)
    scale = min(slot.w / px_w, slot.h / px_h)
    w, h = px_w * scale, px_h * scale
    return Box(slot.x + slot.w - w if right else slot.x, slot.y + (slot.h - h) / 2, w, h)


def add_logo(slide: Slide, logo: Logo, box: Box) -> Picture:
    """The logo picture, named and with its alt text."""
    assert logo.raster is not None
    picture = slide.shapes.add_picture(str(logo.raster), *box.emu())
    picture.name = LOGO_NAME
    picture._element.nvPicPr.cNvPr.set("descr", logo.alt)  # no public API for alt text
    return picture


def one_line_size(text: str, width: float, sizes: Sequence[int]) -> int:
    """The largest size at which text keeps to one line, else the smallest."""
    return first_fitting(sizes, lambda s: line_count(text, width, s) == 1) or sizes[-1]


def first_fitting(sizes: Sequence[T], fits: Callable[[T], bool]) -> T | None:
    """The first (largest) choice that fits, or None."""
    return next((s for s in sizes if fits(s)), None)


def balanced_pages(items: Sequence[T], heights: Sequence[float], room: float) -> list[list[T]]:
    """Split items in order onto the fewest pages that hold them, evening out the pages."""
    total = sum(heights)
    pages = max(1, math.ceil(total / room))
    while True:
        split = _split_evenly(items, heights, pages)
        if all(sum(h) <= room for h in split[1]) or pages >= len(items):
            return split[0]
        pages += 1


def _split_evenly(
    items: Sequence[T], heights: Sequence[float], pages: int
) -> tuple[list[list[T]], list[list[float]]]:
    target = sum(heights) / pages
    out: list[list[T]] = [[]]
    out_h: list[list[float]] = [[]]
    done = 0.0
    for item, height in zip(items, heights, strict=True):
        if out[-1] and done + height / 2 > target * len(out) and len(out) < pages:
            out.append([])
            out_h.append([])
        out[-1].append(item)
        out_h[-1].append(height)
        done += height
    return out, out_h


# ── Slide furniture ─────────────────────────────────────────────────────────


class DeckWriter:
    """Adds slides for a story to a presentation, numbering them as it goes."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.brand = story.brand
        self.prs: PresentationType = Presentation()
        self.prs.slide_width, self.prs.slide_height = Emu(SLIDE_W), Emu(SLIDE_H)
        self.blank = self.prs.slide_layouts[6]

    @property
    def colours(self) -> Colours:
        """The brand's resolved colours."""
        return self.brand.colours

    def slide(self, title: str, notes: Sequence[str] = ()) -> Slide:
        """A content slide: colour band, title, logo, footer with page number, speaker notes."""
        slide = self.prs.slides.add_slide(self.blank)
        add_rect(slide, "色带", BAND, self.colours.primary)
        mark = self.logo_layout("small", HEADER_LOGO, self.colours.background, right=True)
        title_box = TITLE
        if mark:  # the title keeps clear of the logo
            title_box = Box(TITLE.x, TITLE.y, mark.extent.x - GAP - TITLE.x, TITLE.h)
        size = one_line_size(title, title_box.w - 2 * INSET, (28, 26, 24, 22, 20))
        heading = [Para(title, size, True, self.colours.primary)]
        add_text(slide, "标题", title_box, heading, self.brand, MSO_ANCHOR.MIDDLE)
        add_rect(slide, "标题下划线", RULE, self.colours.tertiary)
        if mark:
            mark.draw(slide)
        self.footer(slide)
        self.notes(slide, notes)
        return slide

    def logo_layout(self, size: str, slot: Box, fill: str, right: bool = False) -> Mark | None:
        """The kit's logo for this size and fill, fitted to the slot; None without a raster.

        A logo made for the other kind of background (the kit has no variant for this
        one) sits on a plate of the background (or dark) colour so that it still reads.
        """
        dark = is_dark(fill, self.brand)
        logo = self.brand.logos.pick(size, on_dark=dark)
        wanted = "dark" if dark else "light"
        variants = self.brand.logos.variants.items()
        plate = None
        if logo and wanted not in {mode for (_, mode), v in variants if v == logo}:
            plate = self.colours.background if dark else self.colours.dark
            slot = slot.inset(PLATE_PAD)
        box = logo_box(logo, slot, right)
        if logo is None or box is None:
            return None
        return Mark(logo, box, plate)

    def footer(self, slide: Slide) -> None:
        """Brand, title and issuer on the left; classification and page number on the right."""
        brand, cover, muted = self.brand, self.story.cover, self.colours.muted
        names = [brand.short_name, cover.title]
        if cover.issuer not in (brand.name, brand.short_name):
            names.append(cover.issuer)
        text = "｜".join(n for n in names if n)
        credit = FOOTER
        if brand.classification:
            mark = readable(self.colours.primary, self.colours.background, brand)
            width = em_width(brand.classification) * 10 / 0.96 + 2 * INSET + 4
            box = Box(PAGE_NUMBER.x - width, FOOTER.y, width, FOOTER.h)
            line = [Para(brand.classification, 10, True, mark, align=PP_ALIGN.RIGHT)]
            add_text(slide, "页脚密级", box, line, brand)
            credit = Box(FOOTER.x, FOOTER.y, min(FOOTER.w, box.x - GAP - FOOTER.x), FOOTER.h)
        size = one_line_size(text, credit.w - 2 * INSET, (10, 9, 8))
        add_text(slide, "页脚", credit, [Para(text, size, colour=muted)], brand)
        number = [Para(str(len(self.prs.slides)), 10, colour=muted, align=PP_ALIGN.RIGHT)]
        add_text(slide, "页码", PAGE_NUMBER, number, brand)

    def notes(self, slide: Slide, lines: Sequence[str]) -> None:
        """Speaker notes, one paragraph a line."""
        if lines:
            frame = slide.notes_slide.notes_text_frame
            fill_text(frame, [Para(line, 12) for line in lines], self.brand)

    def cover(self, headline: str, lines: Sequence[Para], name: str) -> Slide:
        """A full-bleed brand slide: logo, classification, one big line and a few smaller ones."""
        slide = self.prs.slides.add_slide(self.blank)
        fill = self.colours.primary
        add_rect(slide, "背景", Box(0, 0, PAGE_W, PAGE_H), fill)
        mark = self.logo_layout("large", COVER_LOGO, fill)
        if mark:
            mark.draw(slide)
        self.cover_marking(slide, fill)
        add_rect(slide, "强调条", Box(MARGIN, 2.2 * 72, 1.6 * 72, 0.08 * 72), self.colours.tertiary)
        big = [
            Para(
                headline,
                one_line_size(headline, BODY.w - 2 * INSET, (44, 40, 36, 32)),
                True,
                ink_on(fill, self.brand),
            )
        ]
        big_box = Box(MARGIN, 2.45 * 72, BODY.w, text_height(big, BODY.w))
        add_text(slide, name, big_box, big, self.brand)
        small_box = Box(
            MARGIN, big_box.y + big_box.h + 0.2 * 72, BODY.w, text_height(lines, BODY.w)
        )
        add_text(slide, "说明", small_box, lines, self.brand)
        return slide

    def cover_marking(self, slide: Slide, fill: str) -> None:
        """The classification, framed, top right of a cover slide."""
        text = self.brand.classification
        if not text:
            return
        room = PAGE_W - 2 * MARGIN - COVER_LOGO.w - GAP  # right of the logo's slot
        size, ink = (
            one_line_size(text, room - 2 * INSET - 8, (16, FLOOR)),
            ink_on(fill, self.brand),
        )
        width = min(em_width(text) * size / 0.96 + 2 * INSET + 8, room)
        box = Box(PAGE_W - MARGIN - width, COVER_LOGO.y, width, size * LEADING + INSET * 2)
        line = [Para(text, size, True, ink, align=PP_ALIGN.CENTER)]
        shape = add_text(slide, "密级", box, line, self.brand, MSO_ANCHOR.MIDDLE)
        shape.line.color.rgb = rgb(ink)
        shape.line.width = Pt(1.25)

    def cover_colours(self) -> tuple[str, str]:
        """Strong and soft text colours on the cover fill: white or foreground, and light."""
        fill = self.colours.primary
        return ink_on(fill, self.brand), readable(self.colours.light, fill, self.brand)


@dataclass(frozen=True)
class Mark:
    """A logo placed on a slide, with the plate behind it if it needs one."""

    logo: Logo
    box: Box
    plate: str | None = None

    @property
    def extent(self) -> Box:
        """What the logo covers, plate included."""
        return self.box.inset(-PLATE_PAD) if self.plate else self.box

    def draw(self, slide: Slide) -> None:
        """The plate, then the picture, named and with its alt text."""
        if self.plate:
            shape = add_rect(
                slide, f"{LOGO_NAME}底板", self.extent, self.plate, MSO_SHAPE.ROUNDED_RECTANGLE
            )
            shape.adjustments[0] = 0.18
        add_logo(slide, self.logo, self.box)


# ── Tiles: key figures, section figures, rankings and pledges ──────────────


@dataclass(frozen=True)
class Tile:
    """A tile: a big headline (value), a label, and an optional note below."""

    name: str
    headline: str
    label: str
    note: str | None = None
    accent: str = ""

    def paras(self, scale: tuple[int, int, int], brand: Brand) -> list[Para]:
        """The tile's paragraphs at a (headline, label, note) size scale."""
        big, mid, small = scale
        out = [
            Para(self.headline, big, True, self.accent or brand.colours.primary, space_after=4),
            Para(self.label, mid, colour=brand.colours.foreground, space_after=4),
        ]
        if self.note:
            out.append(Para(self.note, small, colour=brand.colours.muted))
        return out


def figure_tile(figure: Figure, name: str) -> Tile:
    """A figure as a tile: value, label, then change and standing."""
    note = "；".join(x for x in (figure.change, figure.standing) if x) or None
    return Tile(name, figure.value, figure.label, note)


def ranking_tile(ranking: RankingLine, name: str, region: str, accent: str) -> Tile:
    """A ranking as a tile: position, list name, and the subject if not the region."""
    return Tile(
        name,
        ranking.position,
        ranking.list_name,
        None if ranking.subject == region else ranking.subject,
        accent,
    )


def grid_shape(count: int) -> tuple[int, int]:
    """Columns and rows for this many tiles."""
    columns = count if count <= 4 else 3 if count <= 6 else 4
    return columns, math.ceil(count / columns)


def tile_boxes(
    count: int, area: Box, height: float | None = None, centre: bool = False
) -> list[Box]:
    """Tiles in a grid, centred across (and down if asked), as tall as allowed or given."""
    columns, rows = grid_shape(count)
    w = min((area.w - GAP * (columns - 1)) / columns, MAX_TILE_W)
    h = min((area.h - GAP * (rows - 1)) / rows, MAX_TILE_H, height or MAX_TILE_H)
    left = area.x + (area.w - (w * columns + GAP * (columns - 1))) / 2
    top = area.y + ((area.h - (h * rows + GAP * (rows - 1))) / 2 if centre else 0.0)
    return [
        Box(left + (i % columns) * (w + GAP), top + (i // columns) * (h + GAP), w, h)
        for i in range(count)
    ]


def tile_need(tile: Tile, scale: tuple[int, int, int], width: float, brand: Brand) -> float:
    """Height a tile's text needs at this scale and width."""
    return text_height(tile.paras(scale, brand), width, TILE_INSET) + TILE_INSET


def tile_scale(tiles: Sequence[Tile], area: Box, brand: Brand) -> tuple[int, int, int] | None:
    """The largest size scale at which every headline keeps to one line and all text fits."""
    boxes = tile_boxes(len(tiles), area)

    def fits(scale: tuple[int, int, int]) -> bool:
        return all(
            line_count(t.headline, b.w - 2 * TILE_INSET, scale[0]) == 1
            and tile_need(t, scale, b.w, brand) <= b.h
            for t, b in zip(tiles, boxes, strict=True)
        )

    return first_fitting(TILE_SCALES, fits)


def tile_pages(
    tiles: Sequence[Tile], first: Box, rest: Box, per_slide: int, brand: Brand
) -> list[list[Tile]]:
    """Tiles split evenly onto slides of at most per_slide, fewer if the text needs room."""
    for limit in range(per_slide, 0, -1):
        pages = max(1, math.ceil(len(tiles) / limit))
        size = max(1, math.ceil(len(tiles) / pages))  # no tiles: one slide, lead only
        chunks = [list(tiles[i : i + size]) for i in range(0, len(tiles), size)] or [[]]
        areas = [first] + [rest] * (len(chunks) - 1)
        if all(not c or tile_scale(c, a, brand) for c, a in zip(chunks, areas, strict=True)):
            return chunks
    crowded = next(t for t in tiles if not tile_scale([t], rest, brand))
    raise BriefingError(f"deck: the text of “{crowded.label}” is too long for a slide; shorten it")


def draw_tiles(
    writer: DeckWriter, slide: Slide, tiles: Sequence[Tile], area: Box, centre: bool
) -> None:
    """Tiles as light rectangles carrying their own text, all as tall as the fullest one."""
    brand = writer.brand
    scale = tile_scale(tiles, area, brand) or TILE_SCALES[-1]
    width = tile_boxes(len(tiles), area)[0].w
    height = max(MIN_TILE_H, max(tile_need(t, scale, width, brand) for t in tiles) + TILE_INSET)
    for tile, box in zip(tiles, tile_boxes(len(tiles), area, height, centre), strict=True):
        shape = add_rect(slide, tile.name, box, brand.colours.light)
        fill_text(shape.text_frame, tile.paras(scale, brand), brand, TILE_INSET)
        shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
        add_rect(
            slide,
            f"{tile.name} 色条",
            Box(box.x, box.y, 0.07 * 72, box.h),
            tile.accent or brand.colours.primary,
        )


# ── Lead text and bullets ───────────────────────────────────────────────────


def lead_paras(
    texts: Sequence[str], size: float, brand: Brand, bullets: Sequence[str] = ()
) -> list[Para]:
    """A lead paragraph or two, then bulleted claims."""
    paras = [Para(t, size, colour=brand.colours.foreground, space_after=size * 0.5) for t in texts]
    paras += [
        Para(b, size, True, brand.colours.primary, space_after=size * 0.3, bullet=True)
        for b in bullets
    ]
    return paras


def fit_lead(
    texts: Sequence[str], bullets: Sequence[str], width: float, room: float, brand: Brand
) -> list[Para] | None:
    """Lead paragraphs at the largest size that fits the room, or None."""
    size = first_fitting(
        LEAD_SIZES, lambda s: text_height(lead_paras(texts, s, brand, bullets), width) <= room
    )
    return None if size is None else lead_paras(texts, size, brand, bullets)


def bullet_paras(items: Sequence[str], size: float, brand: Brand) -> list[Para]:
    """Bulleted items at one size."""
    return [
        Para(i, size, colour=brand.colours.foreground, space_after=size * 0.6, bullet=True)
        for i in items
    ]


def bullet_pages(items: Sequence[str], area: Box, brand: Brand) -> tuple[list[list[str]], float]:
    """Items on one slide at the largest size that fits, else split at the smallest body size."""
    size = first_fitting(
        BODY_SIZES, lambda s: text_height(bullet_paras(items, s, brand), area.w) <= area.h
    )
    if size is not None:
        return [list(items)], size
    size = BODY_SIZES[-1]
    heights = [p.height(area.w - 2 * INSET) for p in bullet_paras(items, size, brand)]
    return balanced_pages(items, heights, area.h - INSET), size


def continued(title: str, page: int) -> str:
    """'标题' for the first slide, '标题（续）' after."""
    return title if page == 0 else f"{title}{CONTINUED}"


# ── Slides ──────────────────────────────────────────────────────────────────


def title_slide(writer: DeckWriter) -> None:
    """Cover title, subtitle, region and period, issuer and date."""
    cover = writer.story.cover
    strong, soft = writer.cover_colours()
    lines = [Para(cover.subtitle, 24, colour=soft, space_after=18)] if cover.subtitle else []
    lines += [
        Para(f"{cover.region}｜{cover.period}", 20, colour=strong, space_after=6),
        Para(cover.issuer, 18, colour=soft, space_after=4),
    ]
    if cover.date:
        lines.append(Para(cover.date, 16, colour=soft))
    writer.cover(cover.title, lines, "主标题")


def tiles_and_lead(
    writer: DeckWriter,
    title: str,
    tiles: Sequence[Tile],
    lead: Sequence[str] = (),
    claims: Sequence[str] = (),
    notes: Sequence[str] = (),
    per_slide: int = TILES_PER_SLIDE,
) -> None:
    """A lead over a grid of tiles; the lead gets its own slide and tiles continue when crowded."""
    brand = writer.brand
    paras = fit_lead(lead, claims, BODY.w, BODY.h * 0.45, brand) if lead or claims else []
    page = 0
    if paras is None:  # too long to share a slide with tiles
        text_slides(writer, title, [*lead, *claims], notes)
        page, paras = 1, []
    lead_h = text_height(paras, BODY.w) if paras else 0.0
    first = BODY.below(lead_h + GAP) if paras else BODY
    for i, chunk in enumerate(tile_pages(tiles, first, BODY, per_slide, brand)):
        slide = writer.slide(continued(title, page + i), notes)
        with_lead = i == 0 and bool(paras)
        if with_lead:
            add_text(slide, "导语", Box(BODY.x, BODY.y, BODY.w, lead_h), paras, brand)
        if chunk:
            draw_tiles(writer, slide, chunk, first if with_lead else BODY, centre=not with_lead)


def text_slides(
    writer: DeckWriter,
    title: str,
    items: Sequence[str],
    notes: Sequence[str] = (),
    name: str = "要点",
) -> None:
    """Bulleted items, shrunk to fit or split onto continuation slides."""
    pages, size = bullet_pages(items, BODY, writer.brand)
    for i, page in enumerate(pages):
        slide = writer.slide(continued(title, i), notes or page)
        add_text(slide, name, BODY, bullet_paras(page, size, writer.brand), writer.brand)


def overview_slide(writer: DeckWriter) -> None:
    """概览: overview text and claims over the headline rankings."""
    story = writer.story
    tiles = [
        ranking_tile(r, f"排名 {i}", story.cover.region, writer.colours.secondary)
        for i, r in enumerate(story.rankings, 1)
    ]
    notes = [
        story.overview,
        *(f"{r.list_name}：{r.position}" for r in story.rankings),
        *story.claims,
    ]
    tiles_and_lead(writer, "概览", tiles, [story.overview], story.claims, notes)


def key_figures_slide(writer: DeckWriter) -> None:
    """关键指标: the headline figures as tiles."""
    figures = writer.story.key_figures
    if not figures:
        return
    tiles = [figure_tile(f, f"关键指标 {i}") for i, f in enumerate(figures, 1)]
    tiles_and_lead(
        writer,
        "关键指标",
        tiles,
        notes=[figure_line(f) for f in figures],
        per_slide=KEY_TILES_PER_SLIDE,
    )


def figure_line(figure: Figure) -> str:
    """'label：value（change；standing）' for notes."""
    extra = "；".join(x for x in (figure.change, figure.standing) if x)
    return f"{figure.label}：{figure.value}" + (f"（{extra}）" if extra else "")


def section_slides(writer: DeckWriter, section: Section) -> None:
    """A theme: summary with figures and rankings, highlights, then one slide per chart."""
    colours = writer.colours
    region = writer.story.cover.region
    tiles = [figure_tile(f, f"指标 {i}") for i, f in enumerate(section.figures, 1)]
    tiles += [
        ranking_tile(r, f"排名 {i}", region, colours.secondary)
        for i, r in enumerate(section.rankings, 1)
    ]
    notes = [
        section.summary,
        *(figure_line(f) for f in section.figures),
        *(f"{r.subject}在{r.list_name}中{r.position}" for r in section.rankings),
    ]
    tiles_and_lead(writer, section.heading, tiles, [section.summary], notes=notes)
    if section.highlights:
        text_slides(
            writer,
            f"{section.number}、{section.short_title}：工作亮点",
            section.highlights,
            name="亮点",
        )
    for spec in section.charts:
        chart_slide(writer, section, spec)


def outlook_slide(writer: DeckWriter) -> None:
    """展望: the outlook summary over one tile per pledge."""
    outlook = writer.story.outlook
    tiles = [
        Tile(
            f"举措 {i}",
            p.name,
            f"{p.action}：{'、'.join(p.items)}",
            accent=writer.colours.secondary,
        )
        for i, p in enumerate(outlook.pledges, 1)
    ]
    notes = [
        outlook.summary,
        *(f"{p.name}：{p.action}{'、'.join(p.items)}" for p in outlook.pledges),
    ]
    tiles_and_lead(writer, "展望", tiles, [outlook.summary], notes=notes)


def sources_slide(writer: DeckWriter) -> None:
    """资料来源: one bullet per source."""
    lines = [s.text for s in writer.story.sources] or ["（未列出资料来源）"]
    text_slides(writer, "资料来源", lines, name="资料来源")


def closing_slide(writer: DeckWriter) -> None:
    """谢谢, with the issuer, the title and the brand's web address."""
    cover, brand = writer.story.cover, writer.brand
    strong, soft = writer.cover_colours()
    lines = [
        Para(cover.issuer, 20, colour=strong, space_after=6),
        Para(cover.title, 16, colour=soft, space_after=6),
    ]
    if brand.link:
        lines.append(Para(brand.link, 14, colour=soft))
    writer.cover("谢谢", lines, "结束语")


# ── Charts: native, editable, labelled with printed values ──────────────────
#
# bar, share and grouped charts are horizontal clustered bars, line charts are lines with
# markers; a native chart has one value axis, so series of different units go on panels
# side by side. PowerPoint has nothing like "position 1 of 27": rankings are a picture.


def chart_slide(writer: DeckWriter, section: Section, spec: ChartSpec) -> None:
    """One slide per chart: native where PowerPoint has the kind, a picture otherwise."""
    brand = writer.brand
    panels = unit_panels(spec.series) if spec.kind != "ranking" else [list(spec.series)]
    slide = writer.slide(section.heading, chart_notes(spec, panels))
    if spec.kind == "ranking":
        ranking_picture(slide, spec, brand)
        return
    colour_of = {id(s): i for i, s in enumerate(spec.series)}
    if len(panels) == 1:
        add_native_chart(
            slide,
            spec,
            NativeChart(f"图表：{spec.title}", spec.caption, CHART_TITLE_SIZE, tuple(spec.series)),
            BODY,
            brand,
            [colour_of[id(s)] for s in spec.series],
        )
        return
    area = add_caption(slide, spec, brand)
    width = (area.w - GAP * (len(panels) - 1)) / len(panels)
    for i, group in enumerate(panels):
        names = "、".join(s.name for s in group)
        add_native_chart(
            slide,
            spec,
            NativeChart(
                f"图表：{spec.title}（{names}）",
                panel_title(group),
                PANEL_TITLE_SIZE,
                tuple(group),
                legend=len(group) > 1,  # one series: the panel's title names it
            ),
            Box(area.x + i * (width + GAP), area.y, width, area.h),
            brand,
            [colour_of[id(s)] for s in group],
        )


CHART_TITLE_SIZE, PANEL_TITLE_SIZE = 20, 18
CHART_TEXT_SIZE, LEGEND_SIZE, VALUE_TICK_SIZE, LINE_LABEL_SIZE = 16, 16, 14, 16
PICTURE_DPI = 300


@dataclass(frozen=True)
class NativeChart:
    """One native chart frame: its shape name, title and the series it holds."""

    name: str
    title: str
    title_size: float
    series: tuple[Series, ...]
    legend: bool = True


def unit_panels(series: Sequence[Series]) -> list[list[Series]]:
    """Series grouped by unit, in order of first appearance: one value axis each."""
    by_unit: dict[str, list[Series]] = {}
    for s in series:
        by_unit.setdefault(s.unit, []).append(s)
    return list(by_unit.values())


def panel_title(series: Sequence[Series]) -> str:
    """'项目数量（项）' for a panel of one series, '单位：项' for several."""
    unit = series[0].unit
    if len(series) == 1:
        return f"{series[0].name}（{unit}）" if unit else series[0].name
    return f"单位：{unit}" if unit else "、".join(s.name for s in series)


def chart_notes(spec: ChartSpec, panels: Sequence[Sequence[Series]]) -> list[str]:
    """Speaker notes: the caption, what the chart shows, and why it has panels if it does."""
    notes = [spec.caption, spec.alt]
    if len(panels) > 1:
        units = "、".join(p[0].unit for p in panels)
        notes.append(f"各组数值单位不同（{units}），分{len(panels)}图并列，每图一条数值轴。")
    return notes


def add_caption(slide: Slide, spec: ChartSpec, brand: Brand) -> Box:
    """The numbered caption atop the body, as a chart title would sit; the body left below."""
    paras = [
        Para(spec.caption, CHART_TITLE_SIZE, True, brand.colours.primary, align=PP_ALIGN.CENTER)
    ]
    height = text_height(paras, BODY.w)
    add_text(slide, "图题", Box(BODY.x, BODY.y, BODY.w, height), paras, brand)
    return BODY.below(height + GAP / 2)


def ranking_picture(slide: Slide, spec: ChartSpec, brand: Brand) -> Picture:
    """The ranking drawn by matplotlib at print resolution, fitted below its caption."""
    from .charts import draw_png  # matplotlib only for decks that have a ranking

    png = draw_png(spec, brand, dpi=PICTURE_DPI)
    px_w, px_h = Image.from_blob(png).size
    area = add_caption(slide, spec, brand)
    scale = min(area.w / px_w, area.h / px_h)
    w, h = px_w * scale, px_h * scale
    box = Box(area.x + (area.w - w) / 2, area.y + (area.h - h) / 2, w, h)
    picture = slide.shapes.add_picture(io.BytesIO(png), *box.emu())
    picture.name = f"图表：{spec.title}"
    picture._element.nvPicPr.cNvPr.set("descr", spec.alt)  # no public API for alt text
    return picture


def category_values(series: Series, categories: Sequence[str]) -> list[float | None]:
    """A series' values in category order; None (a gap, not a zero) where it has none."""
    values = {bar.label: bar.value for bar in series.bars}
    return [values.get(c) for c in categories]


def value_format(values: Sequence[float]) -> str:
    """'0' for whole numbers (counts), '0.0#' when any value has decimals."""
    return "0" if all(float(v).is_integer() for v in values) else "0.0#"


def add_native_chart(
    slide: Slide,
    spec: ChartSpec,
    native: NativeChart,
    box: Box,
    brand: Brand,
    colours: Sequence[int],
) -> GraphicFrame:
    """A native chart of these series over the spec's categories, styled and labelled."""
    categories = list(spec.categories)
    values = [b.value for s in native.series for b in s.bars]
    data = CategoryChartData(number_format=value_format(values))
    data.categories = categories
    for s in native.series:
        data.add_series(s.name, category_values(s, categories))
    line = spec.kind == "line"
    kind = XL_CHART_TYPE.LINE_MARKERS if line else XL_CHART_TYPE.BAR_CLUSTERED
    frame = slide.shapes.add_chart(kind, *box.emu(), data)
    frame.name = native.name
    frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.alt)  # no public API for alt text
    chart = frame.chart
    dress_font(chart.font, brand, CHART_TEXT_SIZE, colour=brand.colours.foreground)
    chart.has_title = True
    title = Para(native.title, native.title_size, True, brand.colours.primary)
    write_paras(chart.chart_title.text_frame, [title], brand)
    legend(chart, native.legend and spec.kind in ("grouped", "line"), brand)
    if line:
        style_line_chart(chart, native.series, box, brand, colours)
    else:
        style_bar_chart(chart, spec, native.series, box, brand, colours)
    chinese_everywhere(chart)
    return frame


def legend(chart: Chart, shown: bool, brand: Brand) -> None:
    """A legend below the plot, in the chart's faces, or none."""
    chart.has_legend = shown
    if shown:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        dress_font(chart.legend.font, brand, LEGEND_SIZE, colour=brand.colours.foreground)


def style_bar_chart(
    chart: Chart,
    spec: ChartSpec,
    series: Sequence[Series],
    box: Box,
    brand: Brand,
    colours: Sequence[int],
) -> None:
    """Bars in story order top to bottom, coloured by bar (one series) or by series,
    each labelled with its printed value; no value axis, the labels carry the values."""
    per_point = spec.kind in ("bar", "share")
    label_size = LABEL_SIZE if len(series) == 1 and box.w > PAGE_W / 2 else TICK_SIZE
    style_axes(chart, spec, series, box, brand, label_size)
    plot = chart.plots[0]
    plot.vary_by_categories = False
    plot.gap_width = bar_gap(len(spec.categories) * len(series))
    plot.overlap = 0 if len(series) == 1 else -8
    for s, chart_series, colour in zip(series, plot.series, colours, strict=True):
        if not per_point:
            chart_series.format.fill.solid()
            chart_series.format.fill.fore_color.rgb = rgb(palette_colour(brand, colour))
        for i, category in enumerate(spec.categories):
            bar = next((b for b in s.bars if b.label == category), None)
            if bar is None:
                continue
            point = chart_series.points[i]
            if per_point:
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = rgb(bar_colour(spec, i, brand))
            printed_label(point.data_label, bar.printed, label_size, brand)
            point.data_label.position = XL_LABEL_POSITION.OUTSIDE_END


def style_line_chart(
    chart: Chart, series: Sequence[Series], box: Box, brand: Brand, colours: Sequence[int]
) -> None:
    """Years left to right, a value axis from zero with light gridlines, a coloured line with
    round markers per series, each point labelled with its printed value; gaps stay gaps."""
    categories = chart.category_axis
    categories.has_major_gridlines = False
    categories.format.line.color.rgb = rgb(brand.colours.muted)
    dress_font(categories.tick_labels.font, brand, TICK_SIZE, colour=brand.colours.foreground)
    top = max((b.value for s in series for b in s.bars), default=0.0)
    step = nice_step(top * 1.15 if top > 0 else 1.0)
    values = chart.value_axis
    values.minimum_scale = 0
    values.maximum_scale = step * math.ceil(top * 1.15 / step) if top > 0 else step
    values.major_unit = step
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = rgb(brand.colours.light)
    values.format.line.fill.background()
    values.tick_labels.number_format = "0" if float(step).is_integer() else "0.0#"
    values.tick_labels.number_format_is_linked = False
    dress_font(values.tick_labels.font, brand, VALUE_TICK_SIZE, colour=brand.colours.muted)
    plot = chart.plots[0]
    plot.vary_by_categories = False
    years = list(plot.categories)
    for n, (s, chart_series, colour) in enumerate(zip(series, plot.series, colours, strict=True)):
        ink = rgb(palette_colour(brand, colour))
        chart_series.smooth = False
        chart_series.format.line.color.rgb = ink
        chart_series.format.line.width = Pt(2.5)
        chart_series.marker.style = XL_MARKER_STYLE.CIRCLE
        chart_series.marker.size = 9
        chart_series.marker.format.fill.solid()
        chart_series.marker.format.fill.fore_color.rgb = ink
        chart_series.marker.format.line.color.rgb = ink
        printed = {b.label: b.printed for b in s.bars}
        for i, year in enumerate(years):
            if year in printed:
                label = chart_series.points[i].data_label
                printed_label(label, printed[year], LINE_LABEL_SIZE, brand)
                label.position = XL_LABEL_POSITION.ABOVE if n % 2 == 0 else XL_LABEL_POSITION.BELOW


def nice_step(top: float, ticks: int = 5) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about `ticks` ticks."""
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def printed_label(label: DataLabel, text: str, size: float, brand: Brand) -> None:
    """A data label reading the printed value, qualifiers kept ('突破千家'), on one line."""
    write_paras(label.text_frame, [Para(text, size, True, brand.colours.foreground)], brand)
    label.text_frame.word_wrap = False  # viewers otherwise wrap '第1位（共27）'


def chinese_everywhere(chart: Chart) -> None:
    """lang="zh-CN" on the end-of-paragraph marks python-pptx writes as en-US."""
    for props in chart._chartSpace.iter(qn("a:endParaRPr")):
        props.set("lang", "zh-CN")


def style_axes(
    chart: Chart,
    spec: ChartSpec,
    series: Sequence[Series],
    box: Box,
    brand: Brand,
    label_size: float = LABEL_SIZE,
) -> None:
    """Categories top to bottom in story order; no value axis, the data labels carry values."""
    categories = chart.category_axis
    categories.reverse_order = True
    categories.has_major_gridlines = False
    categories.format.line.color.rgb = rgb(brand.colours.muted)  # not the viewer's own grey
    dress_font(categories.tick_labels.font, brand, TICK_SIZE, colour=brand.colours.foreground)
    values = chart.value_axis
    values.visible = False
    values.has_major_gridlines = False
    values.minimum_scale = 0
    values.maximum_scale = axis_maximum(spec, series, box.w, label_size)
    values.tick_labels.number_format = value_format([b.value for s in series for b in s.bars])
    values.tick_labels.number_format_is_linked = False
    dress_font(values.tick_labels.font, brand, VALUE_TICK_SIZE, colour=brand.colours.muted)


def axis_maximum(
    spec: ChartSpec, series: Sequence[Series], width: float, label_size: float = LABEL_SIZE
) -> float:
    """Room right of every bar for its printed label; shares run to 100 % when they can."""
    bars = [b for s in series for b in s.bars]
    ticks = max(em_width(c) for c in spec.categories) * TICK_SIZE
    plot = width - ticks - 60  # the plot area: less tick labels and padding
    top = max(bar.value for bar in bars)
    needed = max(
        bar.value / max(0.2, 1 - (em_width(bar.printed) * label_size + 12) / plot) for bar in bars
    )
    maximum = max(top * 1.15, needed) if top > 0 else 1.0
    return 100.0 if spec.kind == "share" and maximum <= 100 else maximum


def bar_gap(count: int) -> int:
    """Gap width (percent of a bar) that keeps few bars from turning into slabs."""
    return max(60, min(400, 380 - 60 * count))


def palette_colour(brand: Brand, index: int) -> str:
    """The brand's chart palette, cycled."""
    palette = brand.colours.chart
    return palette[index % len(palette)]


def bar_colour(spec: ChartSpec, index: int, brand: Brand) -> str:
    """Chart palette by bar; rankings in the secondary colour."""
    if spec.kind == "ranking":
        return brand.colours.secondary
    return palette_colour(brand, index)


# ── The theme: the brand in PowerPoint's colour picker and font menus ───────

SCHEME_SLOTS = (
    "dk1",
    "lt1",
    "dk2",
    "lt2",
    *(f"accent{i}" for i in range(1, 7)),
    "hlink",
    "folHlink",
)


def accent_colours(colours: Colours) -> list[str]:
    """Six accents: the chart palette in order, then primary, secondary, tertiary and muted,
    then tints of those if the brand has fewer than six distinct colours."""
    found: list[str] = []
    for colour in (*colours.chart, colours.primary, colours.secondary, colours.tertiary):
        if colour.upper() not in found:
            found.append(colour.upper())
    if colours.muted.upper() not in found:
        found.append(colours.muted.upper())
    base = list(found)
    for colour in itertools.cycle(base):
        if len(found) >= 6:
            break
        found.append(mix(colour, colours.background, 0.55))
    return found[:6]


def theme_colours(colours: Colours) -> dict[str, str]:
    """The twelve colours of a theme's colour scheme, slot by slot."""
    accents = accent_colours(colours)
    return {
        "dk1": colours.foreground,
        "lt1": colours.background,
        "dk2": colours.primary,
        "lt2": colours.light,
        **{f"accent{i}": colour for i, colour in enumerate(accents, 1)},
        "hlink": colours.secondary,
        "folHlink": colours.muted,
    }


def brand_themes(prs: PresentationType, brand: Brand) -> None:
    """Write the brand's colours and deck fonts into every theme of the presentation."""
    for part in prs.part.package.iter_parts():
        if part.content_type == CT.OFC_THEME:
            brand_theme_part(part, brand)


def brand_theme_part(part: Part, brand: Brand) -> None:
    """One theme part, whether python-pptx holds it as XML or as bytes."""
    if isinstance(part, XmlPart):
        brand_theme(part._element, brand)
        return
    theme = etree.fromstring(part.blob)
    brand_theme(theme, brand)
    part.blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def brand_theme(theme: etree._Element, brand: Brand) -> None:
    """Colour scheme and font scheme of an a:theme element, named after the brand."""
    theme.set("name", brand.short_name)
    elements = theme.find(qn("a:themeElements"))
    scheme = elements.find(qn("a:clrScheme"))
    scheme.set("name", brand.short_name)
    kept = [child for child in scheme if child.tag == qn("a:extLst")]
    for child in list(scheme):
        scheme.remove(child)
    for slot, colour in theme_colours(brand.colours).items():
        holder = etree.SubElement(scheme, qn(f"a:{slot}"))
        etree.SubElement(holder, qn("a:srgbClr")).set("val", colour.lstrip("#").upper())
    scheme.extend(kept)
    fonts = elements.find(qn("a:fontScheme"))
    fonts.set("name", brand.short_name)
    latin, ea = brand.fonts.deck_latin, brand.fonts.deck_east_asian
    for which in ("a:majorFont", "a:minorFont"):
        group = fonts.find(qn(which))
        group.find(qn("a:latin")).set("typeface", latin)
        group.find(qn("a:ea")).set("typeface", ea)
        for script in group.findall(qn("a:font")):
            if script.get("script") == "Hans":  # PowerPoint's pick for zh-CN text
                script.set("typeface", ea)


# ── The document ────────────────────────────────────────────────────────────


def story_date(story: Story) -> datetime:
    """A fixed timestamp from the story: 1 January of its period's year."""
    year = re.search(r"\d{4}", story.cover.period)
    return datetime(int(year.group()) if year else 2000, 1, 1)


def set_properties(prs: PresentationType, story: Story) -> None:
    """Core properties from the story, with fixed dates so builds repeat."""
    props = prs.core_properties
    cover = story.cover
    when = story_date(story)
    props.title = cover.title
    props.subject = cover.subtitle or ""
    props.author = cover.issuer
    props.last_modified_by = cover.issuer
    props.language = "zh-CN"
    props.keywords = f"{cover.region} {cover.period} 科技创新"
    props.created = props.modified = when
    props.revision = 1


def write_steady(prs: PresentationType, target: Path, when: datetime) -> None:
    """Save with fixed zip timestamps so the same story gives the same bytes."""
    buffer = io.BytesIO()
    prs.save(buffer)
    stamp = when.timetuple()[:6]
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            blob = source.read(info)
            if info.filename.endswith(".xlsx"):
                blob = steady_workbook(blob, stamp)
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(fixed, blob)


def steady_workbook(blob: bytes, stamp: tuple[int, ...]) -> bytes:
    """A chart's embedded workbook with its creation time and zip stamps fixed."""
    iso = datetime(*stamp).strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(blob)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + iso.encode(), data
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dest.writestr(fixed, data)
    return out.getvalue()


def render_deck(story: Story, target: Path) -> None:
    """Write the story as a complete 16:9 .pptx deck to target."""
    writer = DeckWriter(story)
    title_slide(writer)
    overview_slide(writer)
    key_figures_slide(writer)
    for section in story.sections:
        section_slides(writer, section)
    outlook_slide(writer)
    sources_slide(writer)
    closing_slide(writer)
    brand_themes(writer.prs, story.brand)
    set_properties(writer.prs, story)
    write_steady(writer.prs, Path(target), story_date(story))
