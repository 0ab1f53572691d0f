"""Every touch of the XML beneath python-pptx: what its public API does not offer.

East Asian typefaces, insets, bullets and fields on text; alt text; placeholder types and
inherited sizes; the theme's colour and font schemes; a template's slides dropped. Each helper
is typed and a missing element is an OoxmlError that names it, never a None passed on. No
other module of the deck reaches into python-pptx's private attributes or lxml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any, cast

from lxml import etree
from pptx.chart.chart import Chart
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part, XmlPart
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.presentation import Presentation
from pptx.shapes.base import BaseShape
from pptx.slide import SlideLayout, SlideMaster
from pptx.text.text import Font, TextFrame, _Paragraph

from briefing.errors import BriefingError
from briefing.render.pptx.geometry import EMU_PER_PT

Element = etree._Element

RPR_AFTER_EA = ("cs", "sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst")
PPR_AFTER_BULLET = ("tabLst", "defRPr", "extLst")
FIELD_ID = "{5C4A1F0E-8B7D-4C2A-9E61-0D3B7A2F9C11}"  # fixed, so builds repeat


class OoxmlError(BriefingError):
    """The XML lacks an element the deck relies on."""


# ── Finding elements ────────────────────────────────────────────────────────


def find(parent: Element, *path: str) -> Element | None:
    """The element at this path of prefixed tags ('a:bodyPr', …) below parent, or None."""
    return parent.find("/".join(qn(tag) for tag in path))


def child(parent: Element, *path: str) -> Element:
    """The element at this path below parent; an OoxmlError naming it if it is not there."""
    found = find(parent, *path)
    if found is None:
        where = etree.QName(parent).localname
        raise OoxmlError(f"deck: <{where}> has no <{'/'.join(path)}> in the PowerPoint XML")
    return found


def attribute(element: Element, name: str) -> str:
    """An attribute's value; an OoxmlError if it is missing."""
    value = element.get(name)
    if value is None:
        where = etree.QName(element).localname
        raise OoxmlError(f"deck: <{where}> has no {name} attribute in the PowerPoint XML")
    return value


def element_of(owner: object) -> Element:
    """The XML element behind a python-pptx object (shape, slide, layout, master, part)."""
    element = getattr(owner, "_element", None)
    if not isinstance(element, etree._Element):
        raise OoxmlError(f"deck: {type(owner).__name__} has no XML element")
    return element


def insert_before(parent: Element, new: Element, successors: Sequence[str]) -> None:
    """Insert new before the first of these (a:) children that is present, else append."""
    for name in successors:
        found = parent.find(qn(f"a:{name}"))
        if found is not None:
            found.addprevious(new)
            return
    parent.append(new)


def remove(element: Element) -> None:
    """Take an element out of its parent."""
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


# ── Text ────────────────────────────────────────────────────────────────────


def run_props(font: Font) -> Element:
    """The a:rPr (or a:defRPr) a Font dresses."""
    return cast(Element, font._rPr)


def east_asian(font: Font, typeface: str) -> None:
    """Write a:ea in schema order (after a:latin, before a:cs …) and mark the text zh-CN."""
    rPr = run_props(font)
    rPr.set("lang", "zh-CN")
    ea = rPr.find(qn("a:ea"))
    if ea is None:
        ea = etree.Element(qn("a:ea"))
        insert_before(rPr, ea, RPR_AFTER_EA)
    ea.set("typeface", typeface)


def set_insets(frame: TextFrame, inset: float) -> None:
    """Insets written even where they are PowerPoint's defaults: a placeholder would otherwise
    inherit its template's own, and the text be measured for the wrong width."""
    body = child(cast(Element, frame._txBody), "a:bodyPr")
    sides = {"lIns": inset, "rIns": inset, "tIns": inset / 2, "bIns": inset / 2}
    for side, points in sides.items():
        body.set(side, str(round(points * EMU_PER_PT)))


def paragraph_props(paragraph: _Paragraph) -> Element:
    """A paragraph's a:pPr, made if missing, set to break the Chinese way without hanging
    punctuation (the estimate never hangs any)."""
    pPr = cast(Element, paragraph._p.get_or_add_pPr())
    pPr.set("eaLnBrk", "1")
    pPr.set("hangingPunct", "0")
    return pPr


def bullet(pPr: Element, size: float, colour: str) -> None:
    """A hanging '■' bullet in this colour (#RRGGBB)."""
    hang(pPr, size)
    buClr = etree.Element(qn("a:buClr"))
    etree.SubElement(buClr, qn("a:srgbClr")).set("val", colour.lstrip("#"))
    for element in (
        buClr,
        etree.Element(qn("a:buSzPct"), val="60000"),
        etree.Element(qn("a:buFont"), typeface="Arial"),
        etree.Element(qn("a:buChar"), char="■"),
    ):
        insert_before(pPr, element, PPR_AFTER_BULLET)


def no_bullet(pPr: Element, indent: float) -> None:
    """No bullet, whatever the placeholder's list style says; indented as if it had one of
    this size (0 for none)."""
    hang(pPr, indent)
    insert_before(pPr, etree.Element(qn("a:buNone")), PPR_AFTER_BULLET)


def hang(pPr: Element, size: float) -> None:
    """The indent of a bulleted paragraph; no bullet unless one follows."""
    indent = round(size * 1.1 * EMU_PER_PT)
    pPr.set("marL", str(indent))
    pPr.set("indent", str(-indent))


def paragraph_defaults(pPr: Element) -> Font | None:
    """The paragraph's default run properties (chart text has them), as a Font, if any."""
    defaults = pPr.find(qn("a:defRPr"))
    return None if defaults is None else Font(cast(Any, defaults))


def add_field(paragraph: _Paragraph, kind: str, text: str) -> Font:
    """A field (the slide number) at the end of a paragraph, showing text until updated."""
    p = cast(Element, paragraph._p)
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
    return Font(cast(Any, rPr))


def chinese_marks(root: Element) -> None:
    """lang="zh-CN" on the end-of-paragraph marks python-pptx writes as en-US."""
    for props in root.iter(qn("a:endParaRPr")):
        props.set("lang", "zh-CN")


def chart_space(chart: Chart) -> Element:
    """A chart's c:chartSpace."""
    return cast(Element, chart._chartSpace)


def no_fill(space: Element) -> None:
    """A chart's area without a fill of its own: it shows what it stands on."""
    props = space.find(qn("c:spPr"))
    if props is None:
        props = OxmlElement("c:spPr")
        later = [space.find(qn(f"c:{n}")) for n in ("txPr", "externalData", "printSettings")]
        following = next((e for e in later if e is not None), None)
        if following is not None:
            following.addprevious(props)
        else:
            space.append(props)
    for old in list(props):
        props.remove(old)
    props.append(OxmlElement("a:noFill"))


# ── Shapes ──────────────────────────────────────────────────────────────────


def set_alt_text(shape: BaseShape, text: str) -> None:
    """The description (alt text) of a picture, group or graphic frame."""
    element = element_of(shape)
    props = element.find(f"./*/{qn('p:cNvPr')}")
    if props is None:
        raise OoxmlError(f"deck: the shape {shape.name} has no <cNvPr> for its alt text")
    props.set("descr", text)


def drop_theme_style(shape: BaseShape) -> None:
    """Remove an autoshape's p:style: the theme's effects, which LibreOffice draws as a shadow."""
    style = element_of(shape).find(qn("p:style"))
    if style is not None:
        remove(style)


def remove_shape(shape: BaseShape) -> None:
    """Take a shape off its slide."""
    remove(element_of(shape))


def placeholder_type(shape: BaseShape) -> str | None:
    """A placeholder's type as written in its XML ('obj' when unstated), else None."""
    ph = element_of(shape).find(f".//{qn('p:nvPr')}/{qn('p:ph')}")
    return None if ph is None else ph.get("type", "obj")


def is_vertical(shape: BaseShape) -> bool:
    """Whether a placeholder holds vertical text."""
    ph = element_of(shape).find(f".//{qn('p:ph')}")
    return ph is not None and ph.get("orient") == "vert"


def layout_type(layout: SlideLayout) -> str | None:
    """The layout's type attribute (title, obj, secHead …), where its author kept it."""
    return element_of(layout).get("type")


def shows_master_shapes(layout: SlideLayout) -> bool:
    """Whether the master's own shapes show on the layout's slides."""
    return element_of(layout).get("showMasterSp") != "0"


def list_style_size(shape: BaseShape) -> int | None:
    """The first-level text size (pt) a placeholder's own list style sets, if any."""
    size = find(element_of(shape), "p:txBody", "a:lstStyle", "a:lvl1pPr", "a:defRPr")
    value = size.get("sz") if size is not None else None
    return int(value) // 100 if value else None


def master_text_size(master: SlideMaster, style: str) -> int | None:
    """The first-level size (pt) of the master's title or body text style."""
    size = find(element_of(master), "p:txStyles", f"p:{style}", "a:lvl1pPr", "a:defRPr")
    value = size.get("sz") if size is not None else None
    return int(value) // 100 if value else None


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
