"""Parts of the package beneath python-pptx: new parts named in constant time, notes pages
made by copy, the package written in one pass; a template's slides dropped, the default
master widened, the themes' colours and fonts. With ooxml.py (the elements), the only module
of the deck that reaches into python-pptx's private attributes; a change there is an
OoxmlError that names it.
"""

from __future__ import annotations

import copy
import re
import weakref
from collections.abc import Callable, Iterator
from typing import IO, Any, cast

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import OpcPackage, Part, XmlPart
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import PackageWriter
from pptx.parts.image import Image, ImagePart
from pptx.parts.slide import NotesSlidePart
from pptx.presentation import Presentation
from pptx.slide import Slide

from briefing.render.pptx.ooxml import (
    Element,
    OoxmlError,
    attribute,
    child,
    element_of,
    find,
    qn,
    remove,
)

# ── New parts: named by count ───────────────────────────────────────────────


class PartNames:
    """Names for a package's new parts (notes slides, charts, workbooks, themes, images)
    chosen as python-pptx chooses them, but from names counted as they are given out rather
    than by walking the whole package for each new part (quadratic in the deck's size).

    Each kind of name (its template's prefix) is counted from one walk of the package, on
    its first use; every name given out after that is added to the count. Images already in
    the package are found by their hash without a walk."""

    def __init__(self, package: OpcPackage) -> None:
        self.package = package
        self.taken: dict[str, set[str]] = {}
        self.images: dict[str, ImagePart] | None = None

    def next_partname(self, template: str) -> PackURI:
        """The next free name for this template ('/ppt/charts/chart%d.xml'): the highest
        free one up to one past the count, as python-pptx's OpcPackage.next_partname."""
        prefix = template[: (template % 42).find("42")]
        taken = self.names(prefix)
        for n in range(len(taken) + 1, 0, -1):
            name = template % n
            if name not in taken:
                return self.give(name)
        raise OoxmlError(f"deck: no free part name for {template}")

    def next_image_partname(self, ext: str) -> PackURI:
        """The first free image number, as python-pptx's Package.next_image_partname."""
        taken = self.names("/ppt/media/image")
        numbers = sorted(n for n in (PackURI(name).idx for name in taken) if n is not None)
        free = next((i for i, n in enumerate(numbers, 1) if i < n), len(numbers) + 1)
        return self.give(f"/ppt/media/image{free}.{ext}")

    def get_or_add_image_part(self, image_file: str | IO[bytes]) -> ImagePart:
        """The package's part holding this image (by its hash), made if there is none."""
        image = Image.from_file(image_file)
        if self.images is None:
            self.images = {}
            for rel in self.package.iter_rels():
                part = None if rel.is_external or rel.reltype != RT.IMAGE else rel.target_part
                if isinstance(part, ImagePart):
                    self.images.setdefault(part.sha1, part)
        found = self.images.get(image.sha1)
        if found is None:
            found = self.images[image.sha1] = ImagePart.new(cast(Any, self.package), image)
        return found

    def names(self, prefix: str) -> set[str]:
        """The part names starting with prefix, counted once from the package."""
        if prefix not in self.taken:
            parts = self.package.iter_parts()
            self.taken[prefix] = {p.partname for p in parts if p.partname.startswith(prefix)}
        return self.taken[prefix]

    def give(self, name: str) -> PackURI:
        """A name given out: counted under every prefix it falls under."""
        for prefix, taken in self.taken.items():
            if name.startswith(prefix):
                taken.add(name)
        return PackURI(name)


NAMED_BY_WALKING = ("next_partname", "next_image_partname", "get_or_add_image_part")


def count_part_names(prs: Presentation) -> PartNames:
    """Make the presentation's package name its new parts in constant time (PartNames). An
    OoxmlError if python-pptx no longer names parts through the methods this replaces."""
    package = prs.part.package
    for method in NAMED_BY_WALKING:
        if not callable(getattr(type(package), method, None)):
            raise OoxmlError(f"deck: python-pptx's package has no {method}() to replace")
    names = PartNames(package)
    for method in NAMED_BY_WALKING:
        setattr(package, method, getattr(names, method))
    return names


def write_package(prs: Presentation, write: Callable[[PackURI, bytes], None]) -> None:
    """Every item of the package, in python-pptx's order (content types, package
    relationships, then each part and its relationships), handed to write; an OoxmlError if
    python-pptx's writer has changed shape."""
    package = prs.part.package
    steps = ("_write_content_types_stream", "_write_pkg_rels", "_write_parts")
    rels = getattr(package, "_rels", None)
    if rels is None or not all(callable(getattr(PackageWriter, s, None)) for s in steps):
        raise OoxmlError("deck: python-pptx's package writer is not the one this deck knows")
    writer = PackageWriter("", rels, tuple(package.iter_parts()))
    sink = _Sink(write)
    for step in steps:
        getattr(writer, step)(sink)


class _Sink:
    """What PackageWriter writes to: each item handed on to a function."""

    def __init__(self, write: Callable[[PackURI, bytes], None]) -> None:
        self.write = write


# ── Notes pages ─────────────────────────────────────────────────────────────


_blank_notes: weakref.WeakKeyDictionary[object, Element] = weakref.WeakKeyDictionary()


def notes_body(slide: Slide) -> Element | None:
    """The p:txBody of a slide's notes placeholder, its notes page made if it has none; None if
    the page has no notes placeholder.

    The first notes page of a presentation is python-pptx's own; the others are copies of it
    taken before any text went in (python-pptx would make each the same from the notes
    master), added as it adds them: named, related to the notes master and the slide."""
    part, package = slide.part, slide.part.package
    blank = _blank_notes.get(package)
    if blank is None or slide.has_notes_slide:
        page = element_of(slide.notes_slide)
        if blank is None:
            _blank_notes[package] = copy.deepcopy(page)
    else:
        page = copy.deepcopy(blank)
        master = package.presentation_part.notes_master_part
        name = package.next_partname("/ppt/notesSlides/notesSlide%d.xml")
        notes = NotesSlidePart(name, CT.PML_NOTES_SLIDE, package, cast(Any, page))
        notes.relate_to(master, RT.NOTES_MASTER)
        notes.relate_to(part, RT.SLIDE)
        part.relate_to(notes, RT.NOTES_SLIDE)
    for sp in child(page, "p:cSld", "p:spTree").iterchildren(qn("p:sp")):
        ph = find(sp, "p:nvSpPr", "p:nvPr", "p:ph")
        if ph is not None and ph.get("type") == "body":
            return sp.find(qn("p:txBody"))
    return None


# ── Masters and templates ───────────────────────────────────────────────────


def drop_slides(prs: Presentation) -> None:
    """Remove a template's own slides, and the section list and custom shows that name them."""
    ids = cast(Element, prs.slides._sldIdLst)
    for sld_id in list(ids):
        ids.remove(sld_id)
        prs.part.drop_rel(attribute(sld_id, qn("r:id")))
    for element in list(element_of(prs.part).iter()):
        if isinstance(element.tag, str) and etree.QName(element).localname in (
            "sectionLst",
            "custShowLst",
        ):
            remove(element)


def widen_master(prs: Presentation, factor: float) -> None:
    """Stretch the default master's and layouts' 4:3 placeholders across a 16:9 slide."""
    for owner in (prs.slide_master, *prs.slide_layouts):
        for xfrm in element_of(owner).iter(qn("a:xfrm")):
            off, ext = find(xfrm, "a:off"), find(xfrm, "a:ext")
            if off is not None and ext is not None:
                off.set("x", str(round(int(attribute(off, "x")) * factor)))
                ext.set("cx", str(round(int(attribute(ext, "cx")) * factor)))


def title_style(prs: Presentation) -> None:
    """The master's titles: left, bold, 28 pt, in text colour 2 (the brand's primary)."""
    level = child(element_of(prs.slide_master), "p:txStyles", "p:titleStyle", "a:lvl1pPr")
    defaults = child(level, "a:defRPr")
    level.set("algn", "l")
    defaults.set("sz", "2800")
    defaults.set("b", "1")
    fill = find(defaults, "a:solidFill")
    if fill is not None:
        for colour in list(fill):
            fill.remove(colour)
        etree.SubElement(fill, qn("a:schemeClr")).set("val", "tx2")


# ── Themes ──────────────────────────────────────────────────────────────────


def master_theme(prs: Presentation) -> Element:
    """The a:theme of the first slide master."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    return element_of(part) if isinstance(part, XmlPart) else etree.fromstring(part.blob)


def scheme_colours(theme: Element) -> dict[str, str]:
    """A theme's twelve colours as #RRGGBB, by slot (dk1 … folHlink)."""
    scheme = find(theme, "a:themeElements", "a:clrScheme")
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


def body_fonts(theme: Element) -> tuple[str, str]:
    """A theme's body Latin typeface and its East Asian one ("" where it names none)."""
    minor = find(theme, "a:themeElements", "a:fontScheme", "a:minorFont")
    if minor is None:
        return "", ""
    latin, ea = find(minor, "a:latin"), find(minor, "a:ea")
    return (
        latin.get("typeface", "") if latin is not None else "",
        ea.get("typeface", "") if ea is not None else "",
    )


def theme_parts(prs: Presentation) -> Iterator[Part]:
    """Every theme part of the presentation (masters', notes' and handouts')."""
    for part in prs.part.package.iter_parts():
        if part.content_type == CT.OFC_THEME:
            yield part


def write_theme(part: Part, name: str, colours: dict[str, str], latin: str, ea: str) -> None:
    """A theme part's colour scheme (slot by slot) and font scheme, both named; whether
    python-pptx holds it as XML or as bytes."""
    if isinstance(part, XmlPart):
        _write_theme(element_of(part), name, colours, latin, ea)
        return
    theme = etree.fromstring(part.blob)
    _write_theme(theme, name, colours, latin, ea)
    part.blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def _write_theme(theme: Element, name: str, colours: dict[str, str], latin: str, ea: str) -> None:
    theme.set("name", name)
    elements = child(theme, "a:themeElements")
    scheme = child(elements, "a:clrScheme")
    scheme.set("name", name)
    kept = [c for c in scheme if c.tag == qn("a:extLst")]
    for old in list(scheme):
        scheme.remove(old)
    for slot, colour in colours.items():
        holder = etree.SubElement(scheme, qn(f"a:{slot}"))
        etree.SubElement(holder, qn("a:srgbClr")).set("val", colour.lstrip("#").upper())
    scheme.extend(kept)
    fonts = child(elements, "a:fontScheme")
    fonts.set("name", name)
    for which in ("a:majorFont", "a:minorFont"):
        group = child(fonts, which)
        child(group, "a:latin").set("typeface", latin)
        child(group, "a:ea").set("typeface", ea)
        for script in group.findall(qn("a:font")):
            if script.get("script") == "Hans":  # PowerPoint's pick for zh-CN text
                script.set("typeface", ea)
