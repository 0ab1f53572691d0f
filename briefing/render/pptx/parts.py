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
from dataclasses import dataclass
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
    title_text,
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


# ── The package as PowerPoint writes it ─────────────────────────────────────

APP_PROPERTIES = PackURI("/docProps/app.xml")


def drop_printer_settings(prs: Presentation) -> None:
    """Remove the presentation's printer-settings parts (a template's, or python-pptx's
    default one) with their relationships (PresentationML relates them from the
    presentation part only); their content types go with them, as the package's are written
    from the parts that remain."""
    rels = prs.part.rels
    for rId in [rId for rId, rel in rels.items() if rel.reltype == RT.PRINTER_SETTINGS]:
        rels.pop(rId)


def drop_thumbnail(prs: Presentation) -> None:
    """Remove the package's thumbnail (python-pptx's is a blank 4:3 picture, not the deck) and
    its relationship."""
    package = prs.part.package
    rels = getattr(package, "_rels", None)
    if rels is None:
        raise OoxmlError("deck: python-pptx's package has no relationships to tidy")
    for rId in [rId for rId, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        package.drop_rel(rId)


@dataclass(frozen=True)
class AppProperties:
    """What docProps/app.xml says of a deck: the application that wrote it and its version
    (NN.NNNN), the format of the slide size, the slide, notes and hidden-slide counts, and
    the titles of its parts in groups (heading, titles)."""

    application: str
    version: str
    format: str
    slides: int
    notes: int
    hidden: int
    parts: tuple[tuple[str, tuple[str, ...]], ...]


EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


def write_app_properties(prs: Presentation, props: AppProperties) -> None:
    """The package's extended properties (docProps/app.xml) written from props, the part
    made if the package has none."""
    blob = app_properties_xml(props)
    package = prs.part.package
    try:
        part = package.part_related_by(RT.EXTENDED_PROPERTIES)
    except KeyError:
        part = Part(APP_PROPERTIES, CT.OFC_EXTENDED_PROPERTIES, cast(Any, package), blob)
        package.relate_to(part, RT.EXTENDED_PROPERTIES)
    if isinstance(part, XmlPart):
        raise OoxmlError("deck: python-pptx now reads docProps/app.xml as XML")
    part.blob = blob


def app_properties_xml(props: AppProperties) -> bytes:
    """docProps/app.xml as PowerPoint writes it, its elements in PowerPoint's order; the
    HeadingPairs name each group of TitlesOfParts and count it."""
    nsmap: Any = {None: EP, "vt": VT}  # lxml's default namespace is keyed by None
    root = etree.Element(f"{{{EP}}}Properties", nsmap=nsmap)

    def add(parent: Element, name: str, text: str | None = None, ns: str = EP) -> Element:
        element = etree.SubElement(parent, f"{{{ns}}}{name}")
        element.text = text
        return element

    def vector(name: str, kind: str, size: int) -> Element:
        holder = add(root, name)
        return etree.SubElement(holder, f"{{{VT}}}vector", size=str(size), baseType=kind)

    add(root, "TotalTime", "0")
    add(root, "Application", props.application)
    add(root, "PresentationFormat", props.format)
    add(root, "Slides", str(props.slides))
    add(root, "Notes", str(props.notes))
    add(root, "HiddenSlides", str(props.hidden))
    add(root, "MMClips", "0")
    add(root, "ScaleCrop", "false")
    headings = vector("HeadingPairs", "variant", 2 * len(props.parts))
    for heading, titles in props.parts:
        add(add(headings, "variant", ns=VT), "lpstr", heading, VT)
        add(add(headings, "variant", ns=VT), "i4", str(len(titles)), VT)
    names = vector("TitlesOfParts", "lpstr", sum(len(titles) for _, titles in props.parts))
    for _, titles in props.parts:
        for title in titles:
            add(names, "lpstr", title, VT)
    for flag in ("LinksUpToDate", "SharedDoc", "HyperlinksChanged"):
        add(root, flag, "false")
    add(root, "AppVersion", props.version)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def drop_last_printed(prs: Presentation) -> None:
    """No cp:lastPrinted in the core properties: the deck has never been printed."""
    for printed in element_of(prs.core_properties).findall(qn("cp:lastPrinted")):
        remove(printed)


def set_slide_size_type(prs: Presentation, kind: str | None) -> None:
    """p:sldSz's type attribute: this one, or none (PowerPoint's reading: a custom size)."""
    size = child(element_of(prs.part), "p:sldSz")
    if kind is None and "type" in size.attrib:
        del size.attrib["type"]
    elif kind is not None:
        size.set("type", kind)


def list_notes_master(prs: Presentation) -> None:
    """p:notesMasterIdLst naming the notes master the presentation is related to (python-pptx
    relates one when it makes the first notes page, but does not list it); none if there is
    no notes master."""
    presentation = element_of(prs.part)
    for old in presentation.findall(qn("p:notesMasterIdLst")):
        remove(old)
    rIds = [rId for rId, rel in prs.part.rels.items() if rel.reltype == RT.NOTES_MASTER]
    if not rIds:
        return
    listing = presentation.makeelement(qn("p:notesMasterIdLst"))
    etree.SubElement(listing, qn("p:notesMasterId")).set(qn("r:id"), min(rIds, key=rel_number))
    child(presentation, "p:sldMasterIdLst").addnext(listing)


def rel_number(rId: str) -> int:
    """The number of a relationship id ('rId12' → 12; 0 for another form)."""
    digits = rId.removeprefix("rId")
    return int(digits) if digits.isdigit() else 0


def slide_titles(prs: Presentation) -> list[str | None]:
    """Each slide's title as PowerPoint reads it (the text of its title placeholder, its
    paragraphs joined by a space), None for a slide without one."""
    return [title_text(child(element_of(slide), "p:cSld", "p:spTree")) for slide in prs.slides]


def hidden_slides(prs: Presentation) -> int:
    """How many slides are hidden from the show."""
    return sum(element_of(slide).get("show") in ("0", "false") for slide in prs.slides)


def notes_pages(prs: Presentation) -> int:
    """How many slides have a notes page."""
    return sum(slide.has_notes_slide for slide in prs.slides)


def master_theme_names(prs: Presentation) -> list[str]:
    """The name of each slide master's theme, in the masters' order."""
    names = []
    for master in prs.slide_masters:
        part = master.part.part_related_by(RT.THEME)
        theme = element_of(part) if isinstance(part, XmlPart) else etree.fromstring(part.blob)
        names.append(theme.get("name", ""))
    return names
