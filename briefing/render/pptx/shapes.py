"""Shapes and text on a slide: named boxes, filled rectangles, logos, and dressed paragraphs.

Every run carries the Latin and East Asian faces and zh-CN, at exact line spacing, with no
autofit: the text was measured to fit (briefing.render.pptx.fit).
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, cast

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.parts.image import Image
from pptx.shapes.autoshape import AutoShapeType, Shape
from pptx.shapes.base import BaseShape
from pptx.shapes.group import GroupShape
from pptx.shapes.picture import Picture
from pptx.shapes.shapetree import SlideShapeFactory
from pptx.slide import Slide, SlideLayout, SlideMaster
from pptx.text.text import Font, TextFrame
from pptx.util import Emu, Length, Pt

from briefing.brand.colour import channels
from briefing.brand.model import Brand, Colours, Logo
from briefing.errors import BriefingError
from briefing.render.pptx import ooxml, parts
from briefing.render.pptx.fit import LEADING, NOTES_SIZE, Align, Para
from briefing.render.pptx.geometry import INSET, Box

ALIGN = {Align.left: "l", Align.centre: "ctr", Align.right: "r"}  # a:pPr's algn
Owner = Slide | SlideLayout | SlideMaster


def rgb(colour: str) -> RGBColor:
    """'#RRGGBB' as a python-pptx colour."""
    return RGBColor(*channels(colour))


def emu(box: Box) -> tuple[Length, Length, Length, Length]:
    """A box's position and size as python-pptx lengths."""
    x, y, w, h = box.emu()
    return Emu(x), Emu(y), Emu(w), Emu(h)


def resolve(colour: str | None, colours: Colours) -> str | None:
    """A paragraph's colour as #RRGGBB: itself if it is one, else the Colours field it names;
    None for "" and None (the foreground, or the placeholder's own, as the caller decides)."""
    if not colour:
        return None
    if colour.startswith("#"):
        return colour
    named = getattr(colours, colour, None)
    if not isinstance(named, str):
        raise BriefingError(f"deck: no brand colour called {colour}")
    return named


# ── Text ────────────────────────────────────────────────────────────────────


def dress_font(
    font: Font,
    brand: Brand,
    size: float,
    bold: bool | None = False,
    colour: str | None = None,
    latin: bool = True,
) -> None:
    """Size, weight, colour (#RRGGBB) and typefaces on one run or default-run property set.

    latin False, bold None and colour None leave those to the placeholder's style.
    """
    if latin:
        font.name = brand.fonts.deck_latin
    font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if colour:
        font.color.rgb = rgb(colour)
    ooxml.east_asian(font, brand.fonts.deck_east_asian)


def fill_text(
    frame: TextFrame, paras: Sequence[Para], brand: Brand, inset: float = INSET, own: bool = True
) -> None:
    """Replace a text frame's content with these paragraphs; no autofit, wrap on, known insets.

    own False (a template's placeholder): the Latin face, weight and colour stay the
    template's; sizes, spacing and the East Asian face are still written, so the text fits.
    """
    fill_body(ooxml.text_body(frame), paras, brand, inset, own)


def fill_body(
    body: ooxml.Element, paras: Sequence[Para], brand: Brand, inset: float = INSET, own: bool = True
) -> None:
    """fill_text on a text body's XML (p:txBody)."""
    first = ooxml.clear_text(body)
    ooxml.fixed_frame(body, inset)
    write_body(body, first, paras, brand, own)


def write_paras(frame: TextFrame, paras: Sequence[Para], brand: Brand, own: bool = True) -> None:
    """Paragraphs with one dressed run (or field) each, at exact line spacing, broken the
    Chinese way: the first in the frame's first paragraph, the rest after it."""
    body = ooxml.text_body(frame)
    write_body(body, ooxml.child(body, "a:p"), paras, brand, own)


def write_body(
    body: ooxml.Element, first: ooxml.Element, paras: Sequence[Para], brand: Brand, own: bool
) -> None:
    """write_paras on a text body's XML, starting in its paragraph `first`."""
    colours, fonts = brand.colours, brand.fonts
    for i, para in enumerate(paras):
        p = ooxml.add_paragraph(body) if i else first
        align = ALIGN[para.align] if para.align is not None else None
        pPr = ooxml.paragraph_props(p, align, para.size * LEADING, 0.0, para.space_after)
        named = resolve(para.colour, colours)
        colour = named or (colours.foreground if own else None)
        if para.bullet:
            ooxml.bullet(pPr, para.size, named or colours.primary)
        else:  # no bullet and no indent, whatever the placeholder's list style says
            ooxml.no_bullet(pPr, para.size if para.hang else 0.0)
        if para.field:
            props = ooxml.add_field(p, para.field, para.text)
        else:
            props = ooxml.add_run(p, para.text)
        ooxml.dress_run(
            props,
            para.size,
            para.bold if own else None,
            str(rgb(colour)) if colour else None,
            fonts.deck_latin if own else None,
            fonts.deck_east_asian,
        )
        defaults = ooxml.paragraph_defaults(pPr)
        if defaults is not None:  # chart text: paragraph defaults match the run
            dress_font(defaults, brand, para.size, para.bold, colour)


def notes_text(slide: Slide, lines: Sequence[str], brand: Brand) -> None:
    """Speaker notes, one paragraph a line."""
    if lines:
        body = parts.notes_body(slide)
        if body is None:
            raise BriefingError("deck: the notes page has no text placeholder")
        fill_body(body, [Para(line, NOTES_SIZE) for line in lines], brand)


def text_frame(shape: BaseShape) -> TextFrame:
    """The text frame of a shape that has one."""
    if not isinstance(shape, Shape):
        raise BriefingError(f"deck: the shape {shape.name} holds no text")
    frame: TextFrame = shape.text_frame
    return frame


# ── Shapes ──────────────────────────────────────────────────────────────────


def add_text(
    parent: Slide | GroupShape,
    name: str,
    box: Box,
    paras: Sequence[Para],
    brand: Brand,
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
) -> Shape:
    """A named text box holding these paragraphs."""
    shapes = parent.shapes
    sp = ooxml.add_shape_element(ooxml.shape_tree(shapes), name, emu(box), None)
    shape = Shape(cast(Any, sp), shapes)
    fill_text(shape.text_frame, paras, brand)
    ooxml.set_anchor(child_body(sp), MSO_ANCHOR.to_xml(anchor))
    return shape


def add_rect(
    parent: Slide | GroupShape,
    name: str,
    box: Box,
    colour: str,
    kind: MSO_SHAPE = MSO_SHAPE.RECTANGLE,
) -> Shape:
    """A named, borderless filled rectangle (or other preset shape) without the theme's
    shadow."""
    shapes = parent.shapes
    prst = AutoShapeType(kind).prst
    sp = ooxml.add_shape_element(ooxml.shape_tree(shapes), name, emu(box), prst)
    ooxml.fill_shape(sp, str(rgb(colour)))
    return Shape(cast(Any, sp), shapes)


def child_body(sp: ooxml.Element) -> ooxml.Element:
    """A shape's p:txBody."""
    return ooxml.child(sp, "p:txBody")


def box_of(shape: BaseShape) -> Box | None:
    """A shape's (or placeholder's inherited) position and size, if it has one."""
    x, y, w, h = shape.left, shape.top, shape.width, shape.height
    if x is None or y is None or w is None or h is None:
        return None
    return Box.from_emu(x, y, w, h)


def place(shape: BaseShape, box: Box) -> None:
    """Move and size a shape to a box."""
    ooxml.place_shape(ooxml.element_of(shape), emu(box))


def every_placeholder(owner: Owner) -> list[BaseShape]:
    """A slide's (by index), layout's or master's (in order) placeholders."""
    return placeholders(owner, None)


def placeholders(owner: Owner, kinds: Iterable[str] | None) -> list[BaseShape]:
    """A slide's (by index), layout's or master's (in order) placeholders of these types (all
    for None). A layout's and a master's are read once: drawing never changes them."""
    wanted = None if kinds is None else set(kinds)
    if not isinstance(owner, Slide):
        found = _fixed_placeholders.get(owner.part)
        if found is None:
            found = list(cast(Iterable[BaseShape], owner.placeholders))
            _fixed_placeholders[owner.part] = found
        return [s for s in found if wanted is None or ooxml.placeholder_type(s) in wanted]
    holders = [
        e
        for e in ooxml.placeholder_elements(ooxml.shape_tree(owner.shapes))
        if wanted is None or ooxml.placeholder_kind(e) in wanted
    ]
    holders.sort(key=ooxml.placeholder_index)
    return [SlideShapeFactory(cast(Any, e), owner.placeholders) for e in holders]


_fixed_placeholders: weakref.WeakKeyDictionary[object, list[BaseShape]] = (
    weakref.WeakKeyDictionary()
)  # by the layout's or master's part


def tidy(slide: Slide) -> None:
    """Remove the placeholders the slide left empty: no 'Click to add text' in the editor."""
    ooxml.drop_empty_placeholders(ooxml.shape_tree(slide.shapes))


# ── Logos: rasters only (python-pptx cannot place SVG), aspect kept ────────


@functools.cache
def pixel_size(path: Path) -> tuple[int, int]:
    """Width and height of a raster image in pixels."""
    try:
        width, height = Image.from_file(str(path)).size
    except Exception as exc:  # PIL raises several kinds for a broken file
        raise BriefingError(f"deck: cannot read the logo {path}: {exc}") from None
    return width, height


def logo_box(logo: Logo | None, slot: Box, right: bool = False) -> Box | None:
    """Where a logo sits in a slot: as large as fits, aspect kept, centred down, left or right."""
    if logo is None or logo.raster is None:
        return None
    px_w, px_h = pixel_size(logo.raster)
    scale = min(slot.w / px_w, slot.h / px_h)
    w, h = px_w * scale, px_h * scale
    return Box(slot.x + slot.w - w if right else slot.x, slot.y + (slot.h - h) / 2, w, h)


def add_logo(slide: Slide, logo: Logo, box: Box, name: str) -> Picture:
    """The logo picture, named and with its alt text."""
    if logo.raster is None:
        raise BriefingError(f"deck: the logo {logo.path} has no PNG or JPEG to place")
    picture = slide.shapes.add_picture(str(logo.raster), *emu(box))
    picture.name = name
    ooxml.set_alt_text(picture, logo.alt)
    return picture
