"""The deck: a story rendered as an editable 16:9 PowerPoint presentation.

Slides: title, agenda, headline rankings and figures; for each theme a divider, its key
figures (up to six a slide), its charts and its highlights; the outlook, the sources and a
closing slide. Every slide has speaker notes; all but the title and closing slides carry the
issuer and date and a slide-number field in the layout's footer placeholders. Every string is
measured with advance widths on the wide side of Noto Sans SC and broken by the Chinese rules
of briefing.linebreak (the PDF's own), shrunk within a floor of 14 pt and, beyond that,
continued on a further slide ("（续）"): no text box is filled past its height. Charts are
native (rankings too, as grouped shapes); every run names an East Asian face and zh-CN.

Two kinds of master:
- the brand's (no template): python-pptx's default master, widened to 16:9, with the brand's
  colours and fonts in its theme and its title style; slides draw the brand's band, rule, logo
  and footer in exact places;
- a corporate template (.pptx or .potx; its own slides are dropped): its theme, master
  decoration and layouts win. Slides use its layouts, found by the placeholders they carry
  (title slide, title and content, section header, title only; English or Chinese names and
  the layout type only break ties), a missing one is stood in for with a warning. Titles go
  into the layout's title placeholder and keep its styling; content goes into the area the
  layout leaves free below the title and clear of the master's decoration. The deck's own
  shapes take their colours and Latin face from the template's theme, not the brand's; runs
  still name an East Asian face, the theme's if it has one, else the brand's. The brand's logo
  is left to the template's master. A template that is not 16:9 (4:3, say) keeps its size:
  the slides are laid out for it and a warning says so, since stretching its master would
  distort its decoration.
"""

from __future__ import annotations

import functools
import io
import itertools
import math
import os
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
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
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part, XmlPart
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.parts.image import Image
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.autoshape import Shape
from pptx.shapes.base import BaseShape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.group import GroupShape
from pptx.shapes.picture import Picture
from pptx.slide import Slide, SlideLayout
from pptx.text.text import Font, TextFrame
from pptx.util import Emu, Pt

from .brand import Brand, Colours, Logo
from .errors import BriefingError
from .linebreak import line_ends
from .story import Bar, ChartSpec, Figure, RankingLine, Section, Series, Story

T = TypeVar("T")

EMU_PER_PT = 12700
SLIDE_W, SLIDE_H = 12192000, 6858000  # 13.333 × 7.5 in
MARGIN = 0.6 * 72  # points
BODY_TOP, BODY_BOTTOM = 1.45 * 72, 6.85 * 72
GAP = 0.22 * 72
LEADING = 1.3  # line pitch as a multiple of the font size, written as exact spacing
SLACK = 0.96  # share of a line the estimate may fill: room for the viewer's own font
INSET = 0.1 * 72
TILE_INSET = 0.16 * 72
MAX_TILE_W, MAX_TILE_H, MIN_TILE_H = 4.6 * 72, 2.3 * 72, 1.5 * 72
FLOOR = 14  # no body text below this; footers and notes excepted
BODY_SIZES = (20, 18, 16)  # bullets shrink to these, then split onto continuation slides
LEAD_SIZES = (18, 16, FLOOR)
TITLE_SIZES = (28, 26, 24, 22, 20, 18, 16)
COVER_SIZES = (44, 40, 36, 32, 28, 24)
TEMPLATE_TITLE_SIZES = (44, 40, 36, 32, 28, 26, 24, 22, 20, 18, 16)
FOOTER_SIZES = (10, 9, 8)
TILE_SCALES = ((36, 18, 15), (32, 17, 14), (28, 16, 14), (24, 15, 14), (22, 14, 14), (20, 14, 14))
TILES_PER_SLIDE, KEY_TILES_PER_SLIDE = 6, 8
TICK_SIZE, LABEL_SIZE = 16, 18
NOTES_SIZE = 12
CONTINUED = "（续）"
WHITE = "#FFFFFF"  # text on the brand's dark fills; every other colour is the kit's
LOGO_NAME = "标志"
FIELD_ID = "{5C4A1F0E-8B7D-4C2A-9E61-0D3B7A2F9C11}"  # fixed, so builds repeat


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


def em_widths(text: str) -> list[float]:
    """Advance of each character in ems; where Chinese meets Latin the later character also
    carries the quarter em of space LibreOffice puts between them."""
    widths = [char_em(c) for c in text]
    for i, (a, b) in enumerate(itertools.pairwise(text), 1):
        if a.isascii() != b.isascii() and not (a + b).isspace():
            widths[i] += 0.25
    return widths


def em_width(text: str) -> float:
    """Advance of a string in ems."""
    return sum(em_widths(text))


def wrap(text: str, width_pt: float, size_pt: float) -> list[str]:
    """The lines a paragraph wraps to in a box this wide: briefing.linebreak's rules (no
    closing mark starts a line, no opening mark ends one, Latin words and numbers stay whole),
    measured with the estimate above."""
    room = width_pt / size_pt * SLACK
    lines: list[str] = []
    for part in text.split("\n"):
        ends = line_ends(part, em_widths(part), [room]) or [0]
        lines += [part[start:end] for start, end in zip([0, *ends[:-1]], ends, strict=True)]
    return lines


def line_count(text: str, width_pt: float, size_pt: float) -> int:
    """Lines a paragraph wraps to in a box of this width."""
    return len(wrap(text, width_pt, size_pt))


@dataclass(frozen=True)
class Para:
    """One paragraph to set: text, size and look.

    bold None and colour None keep a placeholder's own (the template's) weight and colour;
    colour "" is the brand's foreground. bullet puts a '■' before the paragraph, hang only
    indents it as if it had one (the rest of a bulleted paragraph on a further slide).
    """

    text: str
    size: float
    bold: bool | None = False
    colour: str | None = ""
    space_after: float = 0.0
    bullet: bool = False
    align: PP_ALIGN | None = PP_ALIGN.LEFT
    hang: bool = False
    field: str = ""  # "slidenum": the text is a field PowerPoint keeps up to date

    @property
    def indent(self) -> float:
        """Points the text stands in from the box for a bullet."""
        return self.size * 1.1 if self.bullet or self.hang else 0.0

    def lines(self, width_pt: float) -> list[str]:
        """The lines of this paragraph in a box of this inner width."""
        return wrap(self.text, width_pt - self.indent, self.size)

    def height(self, width_pt: float) -> float:
        """Points this paragraph takes in a box of this inner width."""
        return len(self.lines(width_pt)) * self.size * LEADING + self.space_after


def text_height(paras: Sequence[Para], width_pt: float, inset: float = INSET) -> float:
    """Height a text box needs for these paragraphs, insets included."""
    return sum(p.height(width_pt - 2 * inset) for p in paras) + inset


def fits(paras: Sequence[Para], box: Box, inset: float = INSET) -> bool:
    """Whether these paragraphs fit the box."""
    return text_height(paras, box.w, inset) <= box.h


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in points."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        """Its right edge."""
        return self.x + self.w

    @property
    def bottom(self) -> float:
        """Its bottom edge."""
        return self.y + self.h

    def emu(self) -> tuple[Emu, Emu, Emu, Emu]:
        """Position and size in EMU, as python-pptx wants them."""
        return tuple(Emu(round(v * EMU_PER_PT)) for v in (self.x, self.y, self.w, self.h))  # type: ignore[return-value]

    def below(self, height: float) -> Box:
        """What is left of this box under a strip of the given height."""
        return Box(self.x, self.y + height, self.w, max(self.h - height, 0.0))

    def inset(self, by: float) -> Box:
        """This box shrunk by a margin on every side (grown if negative)."""
        return Box(self.x + by, self.y + by, self.w - 2 * by, self.h - 2 * by)

    def overlaps(self, other: Box) -> bool:
        """Whether the two share any area."""
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    @classmethod
    def of(cls, shape: BaseShape) -> Box | None:
        """A shape's (or placeholder's inherited) position and size, if it has one."""
        values = (shape.left, shape.top, shape.width, shape.height)
        if any(v is None for v in values):
            return None
        return cls(*(v / EMU_PER_PT for v in values))


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
DIVIDER_PANEL = Box(0, 0, 3.9 * 72, PAGE_H)  # the coloured block left of a section divider


def first_fitting(sizes: Sequence[T], test: Callable[[T], bool]) -> T | None:
    """The first (largest) choice that passes, or None."""
    return next((s for s in sizes if test(s)), None)


def one_line_size(text: str, width: float, sizes: Sequence[int]) -> int:
    """The largest size at which text keeps to one line, else the smallest."""
    return first_fitting(sizes, lambda s: line_count(text, width, s) == 1) or sizes[-1]


def largest_fitting(text: str, box: Box, sizes: Sequence[int]) -> int | None:
    """The largest size at which the text, wrapped, fits the box."""
    return first_fitting(sizes, lambda s: fits([Para(text, s)], box))


def heading_size(text: str, box: Box, sizes: Sequence[int], inset: float = INSET) -> int | None:
    """The largest size at which a heading keeps to one line in the box, else the largest at
    which its lines fit the box's height; None if none does."""
    width = box.w - 2 * inset
    one_line = first_fitting(
        sizes,
        lambda s: line_count(text, width, s) == 1 and fits([Para(text, s)], box, inset),
    )
    return one_line or first_fitting(sizes, lambda s: fits([Para(text, s)], box, inset))


# ── Text: every run carries the Latin and East Asian faces and zh-CN ────────

RPR_AFTER_EA = ("cs", "sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst")
PPR_AFTER_BULLET = ("tabLst", "defRPr", "extLst")


def dress_font(
    font: Font,
    brand: Brand,
    size: float,
    bold: bool | None = False,
    colour: str | None = "",
    latin: bool = True,
) -> None:
    """Size, weight, colour and typefaces on one run or default-run property set.

    latin False, bold None and colour None leave those to the placeholder's style.
    """
    if latin:
        font.name = brand.fonts.deck_latin
    font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if colour:
        font.color.rgb = rgb(colour)
    east_asian(font._rPr, brand.fonts.deck_east_asian)  # no public API for a:ea


def east_asian(rPr: etree._Element, typeface: str) -> None:
    """Write a:ea in schema order (after a:latin, before a:cs …) and mark the text zh-CN."""
    rPr.set("lang", "zh-CN")
    ea = rPr.find(qn("a:ea"))
    if ea is None:
        ea = etree.Element(qn("a:ea"))
        insert_before(rPr, ea, RPR_AFTER_EA)
    ea.set("typeface", typeface)


def insert_before(parent: etree._Element, child: etree._Element, successors: Sequence[str]) -> None:
    """Insert child before the first of these (a:) children that is present, else append."""
    for name in successors:
        found = parent.find(qn(f"a:{name}"))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


def rgb(colour: str) -> RGBColor:
    """'#RRGGBB' as a python-pptx colour."""
    return RGBColor.from_string(colour.lstrip("#"))


def fill_text(
    frame: TextFrame, paras: Sequence[Para], brand: Brand, inset: float = INSET, own: bool = True
) -> None:
    """Replace a text frame's content with these paragraphs; no autofit, wrap on, known insets.

    own False (a template's placeholder): the Latin face, weight and colour stay the
    template's; sizes, spacing and the East Asian face are still written, so the text fits.
    """
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    # Insets written even where they are PowerPoint's defaults: a placeholder would otherwise
    # inherit its template's own, and the text be measured for the wrong width.
    body = frame._txBody.find(qn("a:bodyPr"))
    sides = {"lIns": inset, "rIns": inset, "tIns": inset / 2, "bIns": inset / 2}
    for side, points in sides.items():
        body.set(side, str(round(points * EMU_PER_PT)))
    write_paras(frame, paras, brand, own)


def write_paras(frame: TextFrame, paras: Sequence[Para], brand: Brand, own: bool = True) -> None:
    """Paragraphs with one dressed run (or field) each, at exact line spacing, broken the
    Chinese way (no hanging punctuation: the estimate never hangs any)."""
    for i, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        if para.align is not None:
            paragraph.alignment = para.align
        paragraph.line_spacing = Pt(para.size * LEADING)
        paragraph.space_before = Pt(0)
        paragraph.space_after = Pt(para.space_after)
        pPr = paragraph._p.get_or_add_pPr()
        pPr.set("eaLnBrk", "1")
        pPr.set("hangingPunct", "0")
        colour = para.colour or (brand.colours.foreground if own else None)
        if para.bullet:
            bullet(pPr, para.size, para.colour or brand.colours.primary)
        else:  # no bullet and no indent, whatever the placeholder's list style says
            hang(pPr, para.size if para.hang else 0.0)
            insert_before(pPr, etree.Element(qn("a:buNone")), PPR_AFTER_BULLET)
        if para.field:
            font = add_field(paragraph._p, para.field, para.text)
        else:
            run = paragraph.add_run()
            run.text = para.text
            font = run.font
        dress_font(font, brand, para.size, para.bold if own else None, colour, latin=own)
        defaults = pPr.find(qn("a:defRPr"))
        if defaults is not None:  # chart text: paragraph defaults match the run
            dress_font(Font(defaults), brand, para.size, para.bold, colour)


def add_field(p: etree._Element, kind: str, text: str) -> Font:
    """A field (the slide number) at the end of a paragraph, showing text until updated."""
    fld = OxmlElement("a:fld")
    fld.set("id", FIELD_ID)
    fld.set("type", kind)
    rPr = OxmlElement("a:rPr")  # python-pptx's class, so Font can dress it
    fld.append(rPr)
    etree.SubElement(fld, qn("a:t")).text = text
    end = p.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(fld)
    else:
        p.append(fld)
    return Font(rPr)


def bullet(pPr: etree._Element, size: float, colour: str) -> None:
    """A hanging '■' bullet in the brand colour."""
    hang(pPr, size)
    for element in (
        colour_element("a:buClr", colour),
        value_element("a:buSzPct", "60000"),
        etree.Element(qn("a:buFont"), typeface="Arial"),
        etree.Element(qn("a:buChar"), char="■"),
    ):
        insert_before(pPr, element, PPR_AFTER_BULLET)


def hang(pPr: etree._Element, size: float) -> None:
    """The indent of a bulleted paragraph; no bullet unless one follows."""
    indent = round(size * 1.1 * EMU_PER_PT)
    pPr.set("marL", str(indent))
    pPr.set("indent", str(-indent))


def colour_element(tag: str, colour: str) -> etree._Element:
    """<tag><a:srgbClr val=…/></tag>."""
    element = etree.Element(qn(tag))
    etree.SubElement(element, qn("a:srgbClr")).set("val", colour.lstrip("#"))
    return element


def value_element(tag: str, value: str) -> etree._Element:
    """<tag val=…/>."""
    return etree.Element(qn(tag), val=value)


def add_text(
    slide: Slide | GroupShape,
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
    slide: Slide | GroupShape,
    name: str,
    box: Box,
    colour: str,
    kind: MSO_SHAPE = MSO_SHAPE.RECTANGLE,
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


def ink_on_large(fill: str, brand: Brand) -> str:
    """White on this fill if it reads as large text (WCAG 3:1), else the better ink."""
    return WHITE if contrast(WHITE, fill) >= 3 else ink_on(fill, brand)


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


# ── Templates: open a .pptx or .potx, keep its masters, drop its slides ─────

TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PRESENTATION_MAIN = (
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)


def open_template(path: Path) -> PresentationType:
    """A corporate template (.pptx or .potx) as a presentation without any slides."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise BriefingError(f"deck template {path}: cannot read it ({exc.strerror})") from None
    try:
        prs = Presentation(io.BytesIO(as_presentation(data)))
    except Exception as exc:  # python-pptx and zipfile raise many kinds for a foreign file
        raise BriefingError(
            f"deck template {path}: not a PowerPoint presentation or template (.pptx, .potx): {exc}"
        ) from None
    drop_slides(prs)
    return prs


def as_presentation(data: bytes) -> bytes:
    """A .potx package relabelled as a .pptx one (python-pptx opens only those); others as is."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read("[Content_Types].xml")
        if TEMPLATE_MAIN not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
            for info in source.infolist():
                blob = source.read(info)
                if info.filename == "[Content_Types].xml":
                    blob = blob.replace(TEMPLATE_MAIN, PRESENTATION_MAIN)
                dest.writestr(info, blob)
    return out.getvalue()


def drop_slides(prs: PresentationType) -> None:
    """Remove the template's own slides, and the section list that names them."""
    ids = prs.slides._sldIdLst
    for sld_id in list(ids):
        ids.remove(sld_id)
        prs.part.drop_rel(sld_id.rId)
    for element in list(prs.part._element.iter()):
        if etree.QName(element).localname in ("sectionLst", "custShowLst"):
            element.getparent().remove(element)


def theme_of(prs: PresentationType) -> etree._Element:
    """The a:theme of the first slide master."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    return part._element if isinstance(part, XmlPart) else etree.fromstring(part.blob)


def scheme_of(theme: etree._Element) -> dict[str, str]:
    """The theme's twelve colours as #RRGGBB, by slot (dk1 … folHlink)."""
    scheme = theme.find(f"{qn('a:themeElements')}/{qn('a:clrScheme')}")
    colours = {}
    for slot in scheme if scheme is not None else ():
        if not isinstance(slot.tag, str) or slot.tag == qn("a:extLst"):
            continue
        value = next(iter(slot), None)
        if value is None:
            continue
        hex_value = value.get("val") if value.tag == qn("a:srgbClr") else value.get("lastClr")
        if hex_value and re.fullmatch(r"[0-9A-Fa-f]{6}", hex_value):
            colours[etree.QName(slot).localname] = "#" + hex_value.upper()
    return colours


def theme_fonts(theme: etree._Element) -> tuple[str, str]:
    """The theme's body Latin typeface and its East Asian one ("" where it names none)."""
    minor = theme.find(f"{qn('a:themeElements')}/{qn('a:fontScheme')}/{qn('a:minorFont')}")
    if minor is None:
        return "", ""
    latin, ea = minor.find(qn("a:latin")), minor.find(qn("a:ea"))
    return (
        latin.get("typeface", "") if latin is not None else "",
        ea.get("typeface", "") if ea is not None else "",
    )


def template_brand(brand: Brand, prs: PresentationType) -> Brand:
    """The brand as the template's theme overrides it: its colours and its Latin face win;
    its East Asian face where it names one, else the brand's (runs always name one)."""
    theme = theme_of(prs)
    scheme = scheme_of(theme)
    latin, ea = theme_fonts(theme)
    fonts = replace(
        brand.fonts,
        deck_latin=latin if latin and not latin.startswith("+") else brand.fonts.deck_latin,
        deck_east_asian=ea if ea and not ea.startswith("+") else brand.fonts.deck_east_asian,
    )
    return replace(brand, colours=scheme_colours(scheme, brand.colours), fonts=fonts)


def scheme_colours(scheme: dict[str, str], fallback: Colours) -> Colours:
    """Colours for the deck's own shapes (tiles, bullets, charts) from a theme's scheme."""
    get = lambda slot, default: scheme.get(slot, default)  # noqa: E731
    foreground, background = get("dk1", fallback.foreground), get("lt1", fallback.background)
    accents = [scheme[f"accent{i}"] for i in range(1, 7) if f"accent{i}" in scheme]
    primary = accents[0] if accents else get("dk2", fallback.primary)
    if contrast(primary, background) < 3:  # a pale first accent: the dark text colour 2
        primary = get("dk2", foreground)
    return Colours(
        primary=primary,
        secondary=accents[1] if len(accents) > 1 else primary,
        tertiary=accents[2] if len(accents) > 2 else primary,
        foreground=foreground,
        background=background,
        light=mix(primary, background, 0.1),
        dark=get("dk2", foreground),
        danger=fallback.danger,
        muted=mix(foreground, background, 0.62),
        chart=tuple(accents) or fallback.chart,
    )


# ── Layouts: found by the placeholders they carry, names only a hint ────────

ROLES = ("title", "section", "content", "title_only", "blank")
ROLE_NAMES = {  # PowerPoint's names, English and Chinese: a hint, never enough alone
    "title": ("title slide", "标题幻灯片"),
    "section": ("section header", "节标题"),
    "content": ("title and content", "标题和内容"),
    "title_only": ("title only", "仅标题"),
    "blank": ("blank", "空白"),
}
ROLE_TYPES = {  # the layout's type attribute, when the template's author kept it
    "title": "title",
    "section": "secHead",
    "content": "obj",
    "title_only": "titleOnly",
    "blank": "blank",
}
ROLE_LABELS = {
    "title": "title slide",
    "section": "section header",
    "content": "title and content",
    "title_only": "title only",
    "blank": "blank",
}
FALLBACKS = {  # what stands in for a missing layout, best first
    "title": ("section", "title_only", "content", "blank"),
    "section": ("title_only", "content", "title", "blank"),
    "content": ("title_only", "blank"),
    "title_only": ("content", "blank"),
    "blank": ("title_only", "content"),
}
USED_FOR = {
    "title": "the title and closing slides",
    "section": "section dividers",
    "content": "text slides",
    "title_only": "figure and chart slides",
}
FOOTER_TYPES = frozenset(("dt", "ftr", "sldNum", "hdr"))
TITLE_TYPES = frozenset(("title", "ctrTitle"))
CONTENT_TYPES = frozenset(("obj", "body", "tbl", "chart", "dgm", "media", "clipArt", "pic"))


def ph_type(shape: BaseShape) -> str | None:
    """A placeholder's type as written in its XML ('obj' when unstated), else None."""
    ph = shape._element.find(f".//{qn('p:nvPr')}/{qn('p:ph')}")
    return None if ph is None else ph.get("type", "obj")


def placeholders(owner: object, kinds: frozenset[str] | Sequence[str]) -> list[BaseShape]:
    """A slide's, layout's or master's placeholders of these types, in order."""
    return [s for s in owner.placeholders if ph_type(s) in kinds]  # type: ignore[attr-defined]


def layout_role(layout: SlideLayout, page_h: float) -> str | None:
    """What a layout is for, judged by its placeholders (and its type for a section header)."""
    shapes = [s for s in layout.placeholders if ph_type(s) not in FOOTER_TYPES]
    kinds = [ph_type(s) for s in shapes]
    if any(s._element.find(f".//{qn('p:ph')}").get("orient") == "vert" for s in shapes):
        return None  # vertical text
    titles = [k for k in kinds if k in TITLE_TYPES]
    rest = [s for s, k in zip(shapes, kinds, strict=True) if k not in TITLE_TYPES]
    if not kinds:
        return "blank"
    if "ctrTitle" in kinds or (titles and [ph_type(s) for s in rest] == ["subTitle"]):
        return "title"
    if not titles:
        return None
    if not rest:
        return "title_only"
    if len(rest) != 1 or ph_type(rest[0]) not in CONTENT_TYPES:
        return None  # two contents, comparison, picture with caption …
    if layout._element.get("type") == "secHead" or section_arrangement(layout, rest[0], page_h):
        return "section"
    return "content"


def section_arrangement(layout: SlideLayout, body: BaseShape, page_h: float) -> bool:
    """A title and a short text placeholder of type body, the title low on the slide or the
    text small: how section headers are drawn when their type attribute is lost."""
    if ph_type(body) != "body":
        return False
    title = placeholders(layout, TITLE_TYPES)[0]
    title_box, body_box = Box.of(title), Box.of(body)
    if title_box is None or body_box is None:
        return False
    return title_box.y > 0.4 * page_h or body_box.h < 0.3 * page_h


def normal(name: str) -> str:
    """A layout name without case and spaces, for matching."""
    return re.sub(r"\s+", " ", name).strip().lower()


def pick_layouts(prs: PresentationType, page_h: float) -> dict[str, SlideLayout]:
    """The best layout for each role the template has, judged by structure first, then its
    type attribute, then its name; a layout of another structure is never taken by name."""
    found: dict[str, SlideLayout] = {}
    layouts = list(prs.slide_layouts)
    roles = [layout_role(layout, page_h) for layout in layouts]
    for role in ROLES:
        scored = []
        for order, (layout, judged) in enumerate(zip(layouts, roles, strict=True)):
            if judged != role:
                continue
            score = 2 * (layout._element.get("type") == ROLE_TYPES[role])
            score += normal(layout.name) in ROLE_NAMES[role]
            scored.append((-score, order, layout))
        if scored:
            found[role] = min(scored, key=lambda s: s[:2])[2]
    return found


def resolve_layouts(
    found: dict[str, SlideLayout], source: str, warn: Callable[[str], None]
) -> dict[str, SlideLayout]:
    """A layout for every role the deck uses, a stand-in (with a warning) where one is missing."""
    chosen = dict(found)
    for role, purpose in USED_FOR.items():
        if role in found:
            continue
        stand_in = next((r for r in FALLBACKS[role] if r in found), None)
        if stand_in is None:
            raise BriefingError(f"deck template {source}: it has no slide layouts to use")
        chosen[role] = found[stand_in]
        hint = ROLE_NAMES[role][1]
        warn(
            f"deck template {source}: no {ROLE_LABELS[role]} layout ({hint}); "
            f"{purpose} use “{found[stand_in].name}” instead"
        )
    return chosen


# ── Plans: where each kind of slide puts its title, body and footer ─────────


@dataclass(frozen=True)
class Plan:
    """One kind of slide: its layout, title box, free body area and footer boxes."""

    layout: SlideLayout
    title: Box
    body: Box
    footer: Box
    number: Box
    title_moved: bool = False  # the title had to leave the layout's place to clear a logo


def decoration(layout: SlideLayout, page: Box) -> list[Box]:
    """Boxes of the master's and the layout's own drawings (logos, bands) that show on its
    slides; backgrounds covering much of the slide are not obstacles."""
    owners = [layout]
    if layout._element.get("showMasterSp") != "0":
        owners.append(layout.slide_master)
    boxes = []
    for owner in owners:
        for shape in owner.shapes:
            box = None if shape.is_placeholder else Box.of(shape)
            if box and box.w * box.h < 0.4 * page.w * page.h:
                boxes.append(box)
    return boxes


def clear_of(area: Box, obstacles: Sequence[Box]) -> Box:
    """The largest part of the area above, below, left or right of each obstacle in it."""
    for o in obstacles:
        if not area.overlaps(o):
            continue
        options = [
            Box(area.x, area.y, area.w, o.y - GAP / 2 - area.y),
            Box(area.x, o.bottom + GAP / 2, area.w, area.bottom - o.bottom - GAP / 2),
            Box(area.x, area.y, o.x - GAP / 2 - area.x, area.h),
            Box(o.right + GAP / 2, area.y, area.right - o.right - GAP / 2, area.h),
        ]
        area = max(options, key=lambda b: max(b.w, 0) * max(b.h, 0))
    return area


def template_plan(layout: SlideLayout, role: str, page: Box) -> Plan:
    """Boxes from a template's layout: the title placeholder; the body placeholder's area for a
    title-and-content layout, else all between title and footer; both clear of decoration."""
    obstacles = decoration(layout, page)
    titles = placeholders(layout, TITLE_TYPES)
    own = Box.of(titles[0]) if titles else None
    title = clear_of(own or Box(MARGIN, 0.35 * 72, page.w - 2 * MARGIN, 0.9 * 72), obstacles)
    footers = [
        Box.of(s)
        for s in [*layout.placeholders, *layout.slide_master.placeholders]
        if ph_type(s) in FOOTER_TYPES
    ]
    footer_top = min((b.y for b in footers if b and b.y > page.h / 2), default=page.h - 0.5 * 72)
    bodies = [s for s in layout.placeholders if ph_type(s) in CONTENT_TYPES | {"subTitle"}]
    body = Box.of(bodies[0]) if bodies and role == "content" else None
    top = title.bottom + GAP / 2
    if body is None or body.y < top or body.bottom > footer_top:
        body = Box(title.x, top, title.w, footer_top - GAP / 2 - top)
    body = clear_of(body, obstacles)
    return Plan(
        layout,
        title,
        body,
        footer_box(layout, "ftr") or Box(MARGIN, footer_top, page.w * 0.6, page.h - footer_top),
        footer_box(layout, "sldNum")
        or Box(page.w - MARGIN - 1.2 * 72, footer_top, 1.2 * 72, page.h - footer_top),
        title_moved=own is not None and title != own,
    )


def footer_box(layout: SlideLayout, kind: str) -> Box | None:
    """Where the layout (or its master) puts a footer or slide-number placeholder."""
    for owner in (layout, layout.slide_master):
        for shape in placeholders(owner, (kind,)):
            box = Box.of(shape)
            if box:
                return box
    return None


def widen_master(prs: PresentationType, factor: float) -> None:
    """Stretch the default master's and layouts' 4:3 placeholders across a 16:9 slide."""
    for owner in (prs.slide_master, *prs.slide_layouts):
        for xfrm in owner._element.iter(qn("a:xfrm")):
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            if off is not None and ext is not None:
                off.set("x", str(round(int(off.get("x")) * factor)))
                ext.set("cx", str(round(int(ext.get("cx")) * factor)))


def brand_title_style(prs: PresentationType) -> None:
    """The master's titles: left, bold, 28 pt, in text colour 2 (the brand's primary)."""
    style = prs.slide_master._element.find(f"{qn('p:txStyles')}/{qn('p:titleStyle')}")
    level = style.find(qn("a:lvl1pPr")) if style is not None else None
    defaults = level.find(qn("a:defRPr")) if level is not None else None
    if defaults is None:
        return
    level.set("algn", "l")
    defaults.set("sz", "2800")
    defaults.set("b", "1")
    fill = defaults.find(qn("a:solidFill"))
    if fill is not None:
        for child in list(fill):
            fill.remove(child)
        etree.SubElement(fill, qn("a:schemeClr")).set("val", "tx2")


# ── The writer: slides on the right layout, with title, footer and notes ────


class DeckWriter:
    """Adds slides for a story to a presentation, numbering them as it goes."""

    def __init__(
        self,
        story: Story,
        template: Path | None = None,
        warn: Callable[[str], None] = lambda _: None,
    ) -> None:
        self.story = story
        self.branded = template is None
        if template is None:
            self.prs: PresentationType = Presentation()
            widen_master(self.prs, SLIDE_W / self.prs.slide_width)
            self.prs.slide_width, self.prs.slide_height = Emu(SLIDE_W), Emu(SLIDE_H)
            brand_title_style(self.prs)
            self.brand = story.brand
            source = "default"
        else:
            self.prs = open_template(template)
            self.brand = template_brand(story.brand, self.prs)
            source = Path(template).name
        self.page = Box(0, 0, self.prs.slide_width / EMU_PER_PT, self.prs.slide_height / EMU_PER_PT)
        if not self.branded:
            check_shape(self.page, source, warn)
        found = pick_layouts(self.prs, self.page.h)
        self.layouts = resolve_layouts(found, source, warn)
        self.plans = {role: self.plan(role) for role in USED_FOR}

    @property
    def colours(self) -> Colours:
        """The deck's colours: the brand's, or those of the template's theme."""
        return self.brand.colours

    def plan(self, role: str) -> Plan:
        """Where slides of this role put things."""
        layout = self.layouts[role]
        if self.branded:
            return Plan(layout, TITLE, BODY, FOOTER, PAGE_NUMBER)
        return template_plan(layout, role, self.page)

    def body(self, role: str = "title_only") -> Box:
        """The free area of a content slide of this role."""
        return self.plans[role].body

    def slide(
        self, title: str, notes: Sequence[str] = (), role: str = "title_only"
    ) -> tuple[Slide, Box]:
        """A content slide: title, (brand: colour band, rule, logo), footer with slide number,
        speaker notes; and the area left for its content."""
        plan = self.plans[role]
        slide = self.prs.slides.add_slide(plan.layout)
        if self.branded:
            add_rect(slide, "色带", BAND, self.colours.primary)
            mark = self.logo_layout("small", HEADER_LOGO, self.colours.background, right=True)
            box = TITLE
            if mark:  # the title keeps clear of the logo
                box = Box(TITLE.x, TITLE.y, mark.extent.x - GAP - TITLE.x, TITLE.h)
            self.put_title(slide, title, box, TITLE_SIZES, self.colours.primary)
            add_rect(slide, "标题下划线", RULE, self.colours.tertiary)
            if mark:
                mark.draw(slide)
        else:
            sizes = self.title_sizes(plan.layout)
            self.put_title(slide, title, plan.title, sizes, moved=plan.title_moved)
        tidy(slide)
        self.footer(slide, plan)
        self.notes(slide, notes)
        return slide, plan.body

    def title_sizes(self, layout: SlideLayout, kinds: frozenset[str] = TITLE_TYPES) -> list[int]:
        """Title sizes to try in a template's layout: its own size first, then smaller ones."""
        own = inherited_size(layout, kinds) or 44
        return [s for s in TEMPLATE_TITLE_SIZES if s <= own] or [TEMPLATE_TITLE_SIZES[-1]]

    def put_title(
        self,
        slide: Slide,
        text: str,
        box: Box,
        sizes: Sequence[int],
        colour: str | None = None,
        name: str = "标题",
        kinds: frozenset[str] = TITLE_TYPES,
        moved: bool = False,
    ) -> BaseShape:
        """The slide's title in its layout's title placeholder (a text box if it has none),
        at the largest size that fits: brand look, or the template's own styling."""
        size = heading_size(text, box, sizes)
        if size is None:
            raise BriefingError(f"deck: the title “{text}” is too long for a slide; shorten it")
        para = Para(text, size, True, colour) if self.branded else Para(text, size, None, None)
        if not self.branded:
            para = replace(para, align=None)
        holders = placeholders(slide, kinds)
        if not holders:
            return add_text(slide, name, box, [para], self.brand, MSO_ANCHOR.MIDDLE)
        shape = holders[0]
        self.place(shape, name, box, [para], MSO_ANCHOR.MIDDLE, moved)
        return shape

    def place(
        self,
        shape: BaseShape,
        name: str,
        box: Box,
        paras: Sequence[Para],
        anchor: MSO_ANCHOR | None = None,
        moved: bool = False,
    ) -> None:
        """Fill a placeholder: at the box and in the brand's look for the brand's master; where
        the layout has it (unless moved) and in its style for a template."""
        shape.name = name
        if self.branded or moved:
            shape.left, shape.top, shape.width, shape.height = box.emu()
        fill_text(shape.text_frame, paras, self.brand, own=self.branded)
        if anchor is not None and self.branded:
            shape.text_frame.vertical_anchor = anchor

    def text_in(
        self,
        slide: Slide,
        kinds: Sequence[str],
        name: str,
        box: Box,
        paras: Sequence[Para],
        anchor: MSO_ANCHOR | None = None,
        moved: bool = False,
    ) -> BaseShape:
        """Paragraphs in the slide's first placeholder of these kinds, else in a text box."""
        holders = placeholders(slide, kinds)
        if holders:
            self.place(holders[0], name, box, paras, anchor, moved)
            return holders[0]
        return add_text(slide, name, box, paras, self.brand, anchor or MSO_ANCHOR.TOP)

    def logo_layout(self, size: str, slot: Box, fill: str, right: bool = False) -> Mark | None:
        """The kit's logo for this size and fill, fitted to the slot; None without a raster,
        and None on a template (its master carries the organisation's marks).

        A logo made for the other kind of background (the kit has no variant for this
        one) sits on a plate of the background (or dark) colour so that it still reads.
        """
        if not self.branded:
            return None
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

    def footer_text(self) -> str:
        """The issuing body and the date (the period where the facts give no date)."""
        cover = self.story.cover
        parts = [cover.issuer, cover.date or cover.period]
        if not self.branded and self.brand.classification:
            parts.append(self.brand.classification)
        return "｜".join(p for p in parts if p)

    def footer(self, slide: Slide, plan: Plan, left: float | None = None) -> None:
        """Issuer and date, the classification (brand), and the slide number as a field, in
        the layout's footer and slide-number placeholders where it has them."""
        brand, muted = self.brand, self.colours.muted
        credit, number = plan.footer, plan.number
        if left is not None:
            credit = Box(left, credit.y, credit.right - left, credit.h)
        if self.branded and brand.classification:
            mark = readable(self.colours.primary, self.colours.background, brand)
            width = em_width(brand.classification) * 10 / SLACK + 2 * INSET + 4
            box = Box(number.x - width, credit.y, width, credit.h)
            line = [Para(brand.classification, 10, True, mark, align=PP_ALIGN.RIGHT)]
            add_text(slide, "页脚密级", box, line, brand)
            credit = Box(credit.x, credit.y, min(credit.w, box.x - GAP - credit.x), credit.h)
        text = self.footer_text()
        own = inherited_size(plan.layout, ("ftr",)) if not self.branded else None
        sizes = [s for s in FOOTER_SIZES if s <= (own or 10)] or [FOOTER_SIZES[-1]]
        size = one_line_size(text, credit.w - 2 * INSET, sizes)
        colour = muted if self.branded else None
        self.footer_part(slide, plan, "ftr", "页脚", credit, Para(text, size, colour=colour))
        count = str(len(self.prs.slides))
        own = inherited_size(plan.layout, ("sldNum",)) if not self.branded else None
        para = Para(count, min(own or 10, 12), colour=colour, field="slidenum")
        if self.branded:
            para = replace(para, align=PP_ALIGN.RIGHT)
        self.footer_part(slide, plan, "sldNum", "页码", number, para)

    def footer_part(
        self, slide: Slide, plan: Plan, kind: str, name: str, box: Box, para: Para
    ) -> None:
        """One footer line in a copy of the layout's placeholder of that kind, else a text box."""
        if not self.branded:
            para = replace(para, align=None) if para.align == PP_ALIGN.LEFT else para
        source = placeholders(plan.layout, (kind,))
        if not source:
            add_text(slide, name, box, [para], self.brand)
            return
        slide.shapes.clone_placeholder(source[0])
        self.place(slide.shapes[-1], name, box, [para])

    def notes(self, slide: Slide, lines: Sequence[str]) -> None:
        """Speaker notes, one paragraph a line."""
        if lines:
            frame = slide.notes_slide.notes_text_frame
            fill_text(frame, [Para(line, NOTES_SIZE) for line in lines], self.brand)

    def cover(
        self, headline: str, lines: Callable[[int], list[Para]], name: str, notes: Sequence[str]
    ) -> Slide:
        """The title or closing slide: one big line and a few smaller ones, on the layout's
        title and subtitle placeholders. The brand's is a full-bleed slide with its logo."""
        plan = self.plans["title"]
        slide = self.prs.slides.add_slide(plan.layout)
        if self.branded:
            self.branded_cover(slide, headline, lines, name)
        else:
            self.template_cover(slide, plan, headline, lines, name)
        tidy(slide)
        self.notes(slide, notes)
        return slide

    def branded_cover(
        self, slide: Slide, headline: str, lines: Callable[[int], list[Para]], name: str
    ) -> None:
        """Brand fill as the slide's background, logo, classification, accent bar, text."""
        fill = self.colours.primary
        background = slide.background.fill
        background.solid()
        background.fore_color.rgb = rgb(fill)
        mark = self.logo_layout("large", COVER_LOGO, fill)
        if mark:
            mark.draw(slide)
        self.cover_marking(slide, fill)
        add_rect(slide, "强调条", Box(MARGIN, 2.2 * 72, 1.6 * 72, 0.08 * 72), self.colours.tertiary)
        room = Box(MARGIN, 2.45 * 72, BODY.w, PAGE_H - MARGIN - 2.45 * 72)
        for step in range(4):
            small = lines(step)
            for size in COVER_SIZES:
                big = [Para(headline, size, True, ink_on(fill, self.brand))]
                big_h = text_height(big, room.w)
                one = line_count(headline, room.w - 2 * INSET, size) == 1
                if (one or size == COVER_SIZES[-1]) and big_h + 0.2 * 72 + text_height(
                    small, room.w
                ) <= room.h:
                    big_box = Box(room.x, room.y, room.w, big_h)
                    small_box = Box(
                        room.x, big_box.bottom + 0.2 * 72, room.w, text_height(small, room.w)
                    )
                    self.text_in(slide, ("ctrTitle", "title"), name, big_box, big)
                    self.text_in(slide, ("subTitle", "body", "obj"), "说明", small_box, small)
                    return
        raise BriefingError(f"deck: the cover text of “{headline}” is too long; shorten it")

    def template_cover(
        self,
        slide: Slide,
        plan: Plan,
        headline: str,
        lines: Callable[[int], list[Para]],
        name: str,
    ) -> None:
        """The template's title slide: its title and subtitle placeholders in its styling."""
        layout = plan.layout
        title_kinds = frozenset(("ctrTitle", "title"))
        titles = placeholders(layout, title_kinds)
        box = (Box.of(titles[0]) if titles else None) or plan.title
        self.put_title(slide, headline, box, self.title_sizes(layout, title_kinds), None, name)
        kinds = ("subTitle", "body", "obj")
        subs = placeholders(layout, kinds)
        sub = (Box.of(subs[0]) if subs else None) or plan.body
        footer_top = plan.footer.y if plan.footer.y > sub.y else self.page.h - MARGIN
        grown = Box(sub.x, sub.y, sub.w, max(sub.h, footer_top - GAP / 2 - sub.y))
        for area, moved in ((sub, False), (grown, True)):
            small = next((p for p in map(lines, range(4)) if fits(p, area)), None)
            if small is not None:
                small = [replace(p, colour=None, bold=None, align=None) for p in small]
                self.text_in(slide, kinds, "说明", area, small, moved=moved)
                return
        raise BriefingError(f"deck: the cover text of “{headline}” is too long for the template")

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
        width = min(em_width(text) * size / SLACK + 2 * INSET + 8, room)
        box = Box(PAGE_W - MARGIN - width, COVER_LOGO.y, width, size * LEADING + INSET * 2)
        line = [Para(text, size, True, ink, align=PP_ALIGN.CENTER)]
        shape = add_text(slide, "密级", box, line, self.brand, MSO_ANCHOR.MIDDLE)
        shape.line.color.rgb = rgb(ink)
        shape.line.width = Pt(1.25)

    def cover_colours(self) -> tuple[str, str]:
        """Strong and soft text colours on the cover fill: white or foreground, and light."""
        fill = self.colours.primary
        return ink_on(fill, self.brand), readable(self.colours.light, fill, self.brand)


def check_shape(page: Box, source: str, warn: Callable[[str], None]) -> None:
    """A warning for a template that is not 16:9; the deck keeps its size and lays out for it."""
    ratio = page.w / page.h
    if abs(ratio - 16 / 9) > 0.02:
        shape = "4:3" if abs(ratio - 4 / 3) < 0.02 else f"{ratio:.2f}:1"
        warn(
            f"deck template {source}: its slides are {shape} ({page.w / 72:.2f} × "
            f"{page.h / 72:.2f} in), not 16:9; the deck keeps the template's size and lays "
            "its slides out for it"
        )


def inherited_size(layout: SlideLayout, kinds: Sequence[str] | frozenset[str]) -> int | None:
    """The text size (pt) a layout's placeholder of these kinds gives its first level, from the
    layout, its master's placeholder or the master's text styles."""
    style = "titleStyle" if set(kinds) & TITLE_TYPES else "bodyStyle"
    owners = [layout, layout.slide_master]
    for owner in owners:
        for shape in placeholders(owner, kinds) or (
            placeholders(owner, ("title",)) if style == "titleStyle" else []
        ):
            size = shape._element.find(
                f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}"
            )
            if size is not None and size.get("sz"):
                return int(size.get("sz")) // 100
    if set(kinds) & FOOTER_TYPES:
        return None
    master = layout.slide_master._element
    size = master.find(f"{qn('p:txStyles')}/{qn(f'p:{style}')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
    return int(size.get("sz")) // 100 if size is not None and size.get("sz") else None


def tidy(slide: Slide) -> None:
    """Remove the placeholders the slide left empty: no 'Click to add text' in the editor."""
    for shape in list(slide.placeholders):
        if shape.has_text_frame and not shape.text_frame.text.strip():
            shape._element.getparent().remove(shape._element)


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
        fill = brand.colours.light
        accent = readable(self.accent or brand.colours.primary, fill, brand, 3.0)  # large text
        out = [
            Para(self.headline, big, True, accent, space_after=4),
            Para(self.label, mid, colour=brand.colours.foreground, space_after=4),
        ]
        if self.note:
            out.append(Para(self.note, small, colour=readable(brand.colours.muted, fill, brand)))
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

    def fit(scale: tuple[int, int, int]) -> bool:
        return all(
            line_count(t.headline, b.w - 2 * TILE_INSET, scale[0]) == 1
            and tile_need(t, scale, b.w, brand) <= b.h
            for t, b in zip(tiles, boxes, strict=True)
        )

    return first_fitting(TILE_SCALES, fit)


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


def bullet_pages(items: Sequence[str], area: Box, brand: Brand) -> list[list[Para]]:
    """Items on one slide at the largest size that fits, else at the smallest body size on
    evenly filled continuation slides; an item longer than a whole slide flows on from where
    the slide before left room, split between its lines."""
    size = first_fitting(BODY_SIZES, lambda s: fits(bullet_paras(items, s, brand), area))
    if size is not None:
        return [bullet_paras(items, size, brand)]
    paras = bullet_paras(items, BODY_SIZES[-1], brand)
    width, room = area.w - 2 * INSET, area.h - INSET
    if all(p.height(width) <= room for p in paras):
        return balanced_pages(paras, [p.height(width) for p in paras], room)
    return flow_pages(paras, width, room)


def flow_pages(paras: Sequence[Para], width: float, room: float) -> list[list[Para]]:
    """Paragraphs filled onto pages in order; one taller than a page is cut at line ends into
    the room left (two lines at least, and never a single last line alone)."""
    pages: list[list[Para]] = [[]]
    used = 0.0
    for para in paras:
        height = para.height(width)
        if used + height <= room:
            pages[-1].append(para)
            used += height
            continue
        if height <= room:
            pages.append([para])
            used = height
            continue
        pitch = para.size * LEADING
        lines = para.lines(width)
        while lines:
            fit = int((room - used - para.space_after) // pitch)
            if fit < 2 and pages[-1]:
                pages.append([])
                used, fit = 0.0, int((room - para.space_after) // pitch)
            take = len(lines) if fit >= len(lines) else max(1, min(fit, len(lines) - 2) or fit)
            piece = para_piece(
                para, "".join(lines[:take]), first=len(lines) == len(para.lines(width))
            )
            pages[-1].append(piece)
            used += piece.height(width)
            lines = lines[take:]
    return [page for page in pages if page]


def para_piece(para: Para, text: str, first: bool) -> Para:
    """Part of a paragraph cut between slides: the first keeps its bullet, the rest hang."""
    return replace(para, text=text) if first else replace(para, text=text, bullet=False, hang=True)


def continued(title: str, page: int) -> str:
    """'标题' for the first slide, '标题（续）' after."""
    return title if page == 0 else f"{title}{CONTINUED}"


def balanced_pages(items: Sequence[T], heights: Sequence[float], room: float) -> list[list[T]]:
    """Split items in order onto the fewest pages that hold them, as evenly filled as that
    allows: the tightest page height that still needs no more pages, found by bisection."""
    fewest = len(fill_pages(items, heights, room))
    low, high = max(max(heights, default=0.0), sum(heights) / fewest), room
    for _ in range(24):
        middle = (low + high) / 2
        if len(fill_pages(items, heights, middle)) <= fewest:
            high = middle
        else:
            low = middle
    return fill_pages(items, heights, high)


def fill_pages(items: Sequence[T], heights: Sequence[float], room: float) -> list[list[T]]:
    """Items in order, each page filled until the next would not fit."""
    pages: list[list[T]] = [[]]
    used = 0.0
    for item, height in zip(items, heights, strict=True):
        if pages[-1] and used + height > room:
            pages.append([])
            used = 0.0
        pages[-1].append(item)
        used += height
    return pages


# ── Slides ──────────────────────────────────────────────────────────────────


def title_slide(writer: DeckWriter) -> None:
    """Cover title, subtitle, region and period, issuer and date."""
    cover = writer.story.cover
    strong, soft = writer.cover_colours()

    def lines(step: int) -> list[Para]:
        def size(s: int) -> int:
            return max(FLOOR, s - 2 * step)

        out = (
            [Para(cover.subtitle, size(24), colour=soft, space_after=12)] if cover.subtitle else []
        )
        out += [
            Para(f"{cover.region}｜{cover.period}", size(20), colour=strong, space_after=6),
            Para(cover.issuer, size(18), colour=soft, space_after=4),
        ]
        if cover.date:
            out.append(Para(cover.date, size(16), colour=soft))
        return out

    notes = [
        f"开场：今天汇报{cover.title}，范围为{cover.region}，时期为{cover.period}。",
        *([f"副题：{cover.subtitle}。"] if cover.subtitle else []),
        f"材料由{cover.issuer}编写。",
    ]
    writer.cover(cover.title, lines, "主标题", notes)


def agenda_slides(writer: DeckWriter) -> None:
    """议程: the themes, numbered as their chapters, a row each."""
    sections = writer.story.sections
    if not sections:
        return
    area = writer.body("content")
    per = max(1, int((area.h + GAP) // (AGENDA_MIN_ROW + GAP)))
    pages = math.ceil(len(sections) / per)
    per = math.ceil(len(sections) / pages)
    said = "；".join(f"{s.number}是{s.title}" for s in sections)
    notes = [f"汇报分为{len(sections)}个部分：{said}。", "每部分先讲关键数字，再看图表和工作亮点。"]
    for page in range(pages):
        chunk = sections[page * per : (page + 1) * per]
        slide, area = writer.slide(continued("议程", page), notes, "content")
        agenda_rows(writer, slide, chunk, area, page * per)


AGENDA_MIN_ROW, AGENDA_MAX_ROW = 0.62 * 72, 1.0 * 72


def agenda_rows(
    writer: DeckWriter, slide: Slide, sections: Sequence[Section], area: Box, start: int
) -> None:
    """One row per theme: its numeral on a brand square, its title on a light strip."""
    colours, brand = writer.colours, writer.brand
    count = len(sections)
    row = min(AGENDA_MAX_ROW, (area.h - GAP * (count - 1)) / count)
    top = area.y + (area.h - (row * count + GAP * (count - 1))) / 2
    for i, section in enumerate(sections, start + 1):
        y = top + (i - start - 1) * (row + GAP)
        square = Box(area.x, y, row, row)
        strip = Box(area.x + row + GAP / 2, y, area.w - row - GAP / 2, row)
        number_size = heading_size(section.number, square, (32, 28, 24, 20, 16))
        title_size = heading_size(section.title, strip.inset(TILE_INSET / 2), (24, 22, 20, 18, 16))
        if number_size is None or title_size is None:
            raise BriefingError(
                f"deck: the theme title “{section.title}” is too long for the agenda"
            )
        ink = ink_on_large(colours.primary, brand)
        shape = add_rect(slide, f"议程 {i} 序号", square, colours.primary)
        number = Para(section.number, number_size, True, ink, align=PP_ALIGN.CENTER)
        fill_text(shape.text_frame, [number], brand)
        shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        shape = add_rect(slide, f"议程 {i}", strip, colours.light)
        fill_text(shape.text_frame, [Para(section.title, title_size, True)], brand, TILE_INSET)
        shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE


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
    body = writer.body()
    paras = fit_lead(lead, claims, body.w, body.h * 0.45, brand) if lead or claims else []
    page = 0
    if paras is None:  # too long to share a slide with tiles
        text_slides(writer, title, [*lead, *claims], lambda _: list(notes), role="title_only")
        page, paras = 1, []
    lead_h = text_height(paras, body.w) if paras else 0.0
    first = body.below(lead_h + GAP) if paras else body
    for i, chunk in enumerate(tile_pages(tiles, first, body, per_slide, brand)):
        slide, area = writer.slide(continued(title, page + i), notes)
        with_lead = i == 0 and bool(paras)
        if with_lead:
            add_text(slide, "导语", Box(area.x, area.y, area.w, lead_h), paras, brand)
        if chunk:
            draw_tiles(writer, slide, chunk, first if with_lead else area, centre=not with_lead)


def text_slides(
    writer: DeckWriter,
    title: str,
    items: Sequence[str],
    notes: Callable[[list[str]], list[str]] = lambda page: page,
    name: str = "要点",
    role: str = "content",
) -> None:
    """Bulleted items, shrunk to fit or split onto continuation slides."""
    area = writer.body(role)
    for i, page in enumerate(bullet_pages(items, area, writer.brand)):
        slide, area = writer.slide(continued(title, i), notes([p.text for p in page]), role)
        add_text(slide, name, area, page, writer.brand)


def overview_slide(writer: DeckWriter) -> None:
    """概览: overview text and claims over the headline rankings."""
    story = writer.story
    tiles = [
        ranking_tile(r, f"排名 {i}", story.cover.region, writer.colours.secondary)
        for i, r in enumerate(story.rankings, 1)
    ]
    standing = "；".join(f"{r.subject}在{r.list_name}中{r.position}" for r in story.rankings)
    notes = [story.overview]
    if standing:
        notes.append(f"先点出排名：{standing}。")
    notes += [f"要点：{c}" for c in story.claims]
    tiles_and_lead(writer, "概览", tiles, [story.overview], story.claims, notes)


def key_figures_slide(writer: DeckWriter) -> None:
    """关键指标: the headline figures as tiles."""
    figures = writer.story.key_figures
    if not figures:
        return
    tiles = [figure_tile(f, f"关键指标 {i}") for i, f in enumerate(figures, 1)]
    notes = ["用几个数字概括全年：", *(figure_line(f) for f in figures), stress(figures)]
    tiles_and_lead(writer, "关键指标", tiles, notes=notes, per_slide=KEY_TILES_PER_SLIDE)


def figure_line(figure: Figure) -> str:
    """'label：value（change；standing）' for notes."""
    extra = "；".join(x for x in (figure.change, figure.standing) if x)
    return f"{figure.label}：{figure.value}" + (f"（{extra}）" if extra else "")


def stress(figures: Sequence[Figure]) -> str:
    """The figures to stress: the first three, in the facts' own order of importance."""
    return "请重点强调：" + "；".join(f"{f.label}{f.value}" for f in figures[:3]) + "。"


def section_slides(writer: DeckWriter, section: Section) -> None:
    """A theme: its divider, its key figures and rankings, its charts, its highlights."""
    placed = divider_slide(writer, section)
    colours = writer.colours
    region = writer.story.cover.region
    tiles = [figure_tile(f, f"指标 {i}") for i, f in enumerate(section.figures, 1)]
    tiles += [
        ranking_tile(r, f"排名 {i}", region, colours.secondary)
        for i, r in enumerate(section.rankings, 1)
    ]
    notes = [
        f"{section.short_title}的关键数字：",
        *(figure_line(f) for f in section.figures),
        *(f"{r.subject}在{r.list_name}中{r.position}" for r in section.rankings),
    ]
    if section.figures:
        notes.append(stress(section.figures))
    if tiles or not placed:
        lead = [] if placed else [section.summary]
        tiles_and_lead(writer, section.heading, tiles, lead, notes=notes)
    for spec in section.charts:
        chart_slide(writer, section, spec)
    if section.highlights:
        count = len(section.highlights)
        text_slides(
            writer,
            f"{section.number}、{section.short_title}：工作亮点",
            section.highlights,
            lambda page: [f"本部分共{count}项工作亮点，本页{len(page)}项，可择要讲述：", *page],
            name="亮点",
        )


def divider_slide(writer: DeckWriter, section: Section) -> bool:
    """The theme's divider; whether its summary found room on it."""
    plan = writer.plans["section"]
    slide = writer.prs.slides.add_slide(plan.layout)
    if writer.branded:
        placed, left = branded_divider(writer, slide, section), DIVIDER_PANEL.right + MARGIN
    else:
        placed, left = template_divider(writer, slide, plan, section), None
    tidy(slide)
    writer.footer(slide, plan, left)
    writer.notes(slide, [f"下面进入第{section.number}部分：{section.title}。", section.summary])
    return placed


def branded_divider(writer: DeckWriter, slide: Slide, section: Section) -> bool:
    """A brand block with the chapter numeral on the left; label, title, rule, summary right."""
    colours, brand = writer.colours, writer.brand
    add_rect(slide, "章节色块", DIVIDER_PANEL, colours.primary)
    slot = Box(0, PAGE_H * 0.25, DIVIDER_PANEL.w, PAGE_H * 0.5)
    digits = f"{writer.story.sections.index(section) + 1:02d}"  # '一' alone reads as a dash
    size = heading_size(digits, slot, (120, 96, 72, 60, 48)) or 48
    numeral = [
        Para(digits, size, True, ink_on_large(colours.primary, brand), align=PP_ALIGN.CENTER)
    ]
    add_text(slide, "章节序号", slot, numeral, brand, MSO_ANCHOR.MIDDLE)
    x = DIVIDER_PANEL.right + MARGIN
    width = PAGE_W - x - MARGIN
    mark = writer.logo_layout("small", HEADER_LOGO, colours.background, right=True)
    if mark:
        mark.draw(slide)
    accent = readable(colours.secondary, colours.background, brand, 3.0)  # large, bold
    label = [Para(f"第{section.number}部分", 20, True, accent)]
    title_size = heading_size(section.title, Box(x, 0, width, 2.4 * 72), (36, 32, 28, 24, 20))
    if title_size is None:
        raise BriefingError(f"deck: the theme title “{section.title}” is too long for a slide")
    title_h = text_height([Para(section.title, title_size)], width)
    label_h, rule_h = text_height(label, width), 0.05 * 72
    top_limit, bottom = 1.2 * 72, BODY_BOTTOM
    room = bottom - top_limit - label_h - title_h - rule_h - 1.6 * GAP
    summary = fit_lead([section.summary], (), width, room, brand)
    summary_h = text_height(summary, width) if summary else 0.0
    total = label_h + title_h + rule_h + 1.6 * GAP + summary_h
    y = max(top_limit, (top_limit + bottom) / 2 - total / 2)
    add_text(slide, "章节标签", Box(x, y, width, label_h), label, brand)
    y += label_h
    writer.put_title(slide, section.title, Box(x, y, width, title_h), [title_size], colours.primary)
    y += title_h + 0.6 * GAP
    add_rect(slide, "标题下划线", Box(x + INSET, y, RULE.w, rule_h), colours.tertiary)
    y += rule_h + GAP
    if summary:
        writer.text_in(slide, CONTENT_TYPES, "章节概要", Box(x, y, width, summary_h), summary)
    return summary is not None


def template_divider(writer: DeckWriter, slide: Slide, plan: Plan, section: Section) -> bool:
    """The template's section header: the heading in its title, the summary in its text
    placeholder; on a stand-in layout without one, the summary centred in the free area."""
    writer.put_title(slide, section.heading, plan.title, writer.title_sizes(plan.layout))
    bodies = placeholders(plan.layout, CONTENT_TYPES)
    box = Box.of(bodies[0]) if bodies else None
    if box is None:
        summary = fit_lead([section.summary], (), plan.body.w, plan.body.h, writer.brand)
        if summary is None:
            return False
        height = text_height(summary, plan.body.w)
        middle = Box(plan.body.x, plan.body.y + (plan.body.h - height) / 2, plan.body.w, height)
        add_text(slide, "章节概要", middle, summary, writer.brand)
        return True
    summary = fit_lead([section.summary], (), box.w, box.h, writer.brand)
    if summary is None:
        return False
    summary = [replace(p, colour=None, align=None, space_after=0) for p in summary]
    writer.text_in(slide, CONTENT_TYPES, "章节概要", box, summary)
    return True


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
    text_slides(
        writer,
        "资料来源",
        lines,
        lambda page: ["本页列出数据来源，提问时可据此说明口径：", *page],
        name="资料来源",
    )


def closing_slide(writer: DeckWriter) -> None:
    """谢谢, with the issuer, the title and the brand's web address."""
    cover, brand = writer.story.cover, writer.brand
    strong, soft = writer.cover_colours()

    def lines(step: int) -> list[Para]:
        def size(s: int) -> int:
            return max(FLOOR, s - 2 * step)

        out = [
            Para(cover.issuer, size(20), colour=strong, space_after=6),
            Para(cover.title, size(16), colour=soft, space_after=6),
        ]
        if brand.link:
            out.append(Para(brand.link, size(14), colour=soft))
        return out

    notes = [
        "感谢聆听，欢迎提问与交流。",
        f"如需数据口径，可参阅资料来源页；材料由{cover.issuer}编写。",
    ]
    writer.cover("谢谢", lines, "结束语", notes)


# ── Charts: native, editable, labelled with printed values ──────────────────
#
# bar, share and grouped charts are horizontal clustered bars, line charts are lines with
# markers; a native chart has one value axis, so series of different units go on panels
# side by side. PowerPoint has nothing like "position 1 of 27": rankings are drawn with native
# shapes (a track of places and a dot), grouped, so they stay editable and searchable.


def chart_slide(writer: DeckWriter, section: Section, spec: ChartSpec) -> None:
    """One slide per chart: a native chart where PowerPoint has the kind, native shapes else."""
    brand = writer.brand
    panels = unit_panels(spec.series) if spec.kind != "ranking" else [list(spec.series)]
    slide, body = writer.slide(section.heading, chart_notes(spec, panels))
    if spec.kind == "ranking":
        ranking_shapes(slide, spec, brand, body)
        return
    colour_of = {id(s): i for i, s in enumerate(spec.series)}
    if len(panels) == 1:
        add_native_chart(
            slide,
            spec,
            NativeChart(f"图表：{spec.title}", spec.caption, CHART_TITLE_SIZE, tuple(spec.series)),
            body,
            brand,
            [colour_of[id(s)] for s in spec.series],
        )
        return
    area = add_caption(slide, spec, brand, body)
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
    notes = [f"{spec.caption}：", spec.alt]
    if spec.kind in ("bar", "share") and len(spec.bars) > 1:
        top = max(spec.bars, key=lambda b: b.value)
        notes.append(f"请强调：{top.label}最高，为{top.printed}。")
    if len(panels) > 1:
        units = "、".join(p[0].unit for p in panels)
        notes.append(f"各组数值单位不同（{units}），分{len(panels)}图并列，每图一条数值轴。")
    return notes


def add_caption(slide: Slide, spec: ChartSpec, brand: Brand, body: Box) -> Box:
    """The numbered caption atop the body, as a chart title would sit; the body left below."""
    paras = [
        Para(spec.caption, CHART_TITLE_SIZE, True, brand.colours.primary, align=PP_ALIGN.CENTER)
    ]
    height = text_height(paras, body.w)
    add_text(slide, "图题", Box(body.x, body.y, body.w, height), paras, brand)
    return body.below(height + GAP / 2)


RANK_SIZE, RANK_SMALL, RANK_BIG = 18, FLOOR, 28
RANK_TRACK, RANK_DOT, RANK_PLACE = 0.16 * 72, 0.32 * 72, 0.07 * 72
MAX_RANK_ROW = 1.4 * 72


def ranking_shapes(slide: Slide, spec: ChartSpec, brand: Brand, body: Box) -> GroupShape:
    """A ranking drawn natively, a row a ranking: the subject, a track of the list's places with
    the rank as a large dot, the first and last places named, the printed position at the
    right (a position without a list size alone, large). One group, named and described."""
    area = add_caption(slide, spec, brand, body)
    bars = spec.bars
    group = slide.shapes.add_group_shape()
    group.name = f"图表：{spec.title}"
    group._element.nvGrpSpPr.cNvPr.set("descr", spec.alt)  # no public API for alt text
    row = min(MAX_RANK_ROW, area.h / len(bars))
    top = area.y + (area.h - row * len(bars)) / 2
    label_w = min(
        max(em_width(b.label) for b in bars) * RANK_SIZE / SLACK + 2 * INSET, area.w * 0.28
    )
    value_w = max(em_width(b.printed) for b in bars) * RANK_SIZE / SLACK + 2 * INSET
    track = Box(area.x + label_w + GAP, 0, area.w - label_w - value_w - 2 * GAP, RANK_TRACK)
    for i, bar in enumerate(bars, 1):
        y = top + (i - 1) * row
        colour = palette_colour(brand, i - 1)
        name = f"名次 {i}"
        label_box = Box(area.x, y, label_w, row)
        size = largest_fitting(bar.label, label_box, (RANK_SIZE, 16, FLOOR))
        if size is None:
            raise BriefingError(f"deck: the ranked name “{bar.label}” is too long for its chart")
        label = Para(bar.label, size, align=PP_ALIGN.RIGHT)
        add_text(group, f"{name} 名称", label_box, [label], brand, MSO_ANCHOR.MIDDLE)
        middle = y + row / 2
        if not bar.out_of:
            big = [
                Para(
                    bar.printed,
                    RANK_BIG,
                    True,
                    readable(colour, brand.colours.background, brand, 3.0),
                )
            ]
            box = Box(
                track.x, middle - text_height(big, track.w) / 2, track.w, text_height(big, track.w)
            )
            add_text(group, f"{name} 名次", box, big, brand)
            continue
        rank_track(
            group,
            name,
            Box(track.x, middle - RANK_TRACK / 2, track.w, RANK_TRACK),
            bar,
            colour,
            brand,
        )
        value = [Para(bar.printed, RANK_SIZE, True)]
        box = Box(
            track.right + GAP,
            middle - text_height(value, value_w) / 2,
            value_w,
            text_height(value, value_w),
        )
        add_text(group, f"{name} 数值", box, value, brand)
    return group


def rank_track(
    group: GroupShape, name: str, track: Box, bar: Bar, colour: str, brand: Brand
) -> None:
    """A light track of the places 1 … out_of as small dots, the rank a large dot, the ends
    named."""
    out_of = bar.out_of or 1
    add_rect(
        group,
        f"{name} 轨道",
        track,
        brand.colours.light,
        MSO_SHAPE.ROUNDED_RECTANGLE,
    ).adjustments[0] = 0.5
    inner = Box(track.x + track.h / 2, track.y, track.w - track.h, track.h)
    step = inner.w / max(out_of - 1, 1)
    middle = track.y + track.h / 2
    if out_of <= 60:  # more places than that would blur into a line
        for place in range(out_of):
            x = inner.x + place * step
            dot = Box(x - RANK_PLACE / 2, middle - RANK_PLACE / 2, RANK_PLACE, RANK_PLACE)
            add_rect(group, f"{name} 位次 {place + 1}", dot, brand.colours.muted, MSO_SHAPE.OVAL)
    x = inner.x + (min(int(bar.value), out_of) - 1) * step
    dot = Box(x - RANK_DOT / 2, middle - RANK_DOT / 2, RANK_DOT, RANK_DOT)
    add_rect(group, f"{name} 名次", dot, colour, MSO_SHAPE.OVAL)
    muted = readable(brand.colours.muted, brand.colours.background, brand)
    for end, text in ((inner.x, "第1位"), (inner.right, f"第{out_of}位")):
        para = [Para(text, RANK_SMALL, colour=muted, align=PP_ALIGN.CENTER)]
        width = em_width(text) * RANK_SMALL / SLACK + 2 * INSET
        box = Box(end - width / 2, middle + RANK_DOT / 2, width, text_height(para, width))
        add_text(group, f"{name} {'首位' if text == '第1位' else '末位'}", box, para, brand)


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
    """The deck's fixed timestamp, as the report's: the facts' date, else SOURCE_DATE_EPOCH,
    else 31 December of the period's year, else 1 January 2000. Never the clock."""
    issued = story.cover.issued
    if issued is not None:
        return datetime(issued.year, issued.month, issued.day)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).replace(tzinfo=None)
    year = re.search(r"(?<!\d)(1[89]|20)\d\d(?!\d)", story.cover.period)
    return datetime(int(year.group()), 12, 31) if year else datetime(2000, 1, 1)


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
    props.identifier = story.id
    props.category = props.comments = props.content_status = props.version = ""
    props.created = props.modified = props.last_printed = when
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


def render_deck(
    story: Story,
    target: Path,
    template: Path | None = None,
    warn: Callable[[str], None] = lambda _: None,
) -> None:
    """Write the story as a complete .pptx deck to target: 16:9 on the brand's own master, or
    on a corporate template (template, else the brand's deck_template) in its size and look;
    warn says what the template lacked and what stood in for it."""
    template = template or story.brand.deck_template
    writer = DeckWriter(story, template, warn)
    title_slide(writer)
    agenda_slides(writer)
    overview_slide(writer)
    key_figures_slide(writer)
    for section in story.sections:
        section_slides(writer, section)
    outlook_slide(writer)
    sources_slide(writer)
    closing_slide(writer)
    if writer.branded:  # a template keeps its own theme
        brand_themes(writer.prs, story.brand)
    set_properties(writer.prs, story)
    write_steady(writer.prs, Path(target), story_date(story))
