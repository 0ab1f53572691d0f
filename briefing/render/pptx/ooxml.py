"""Every touch of the XML beneath python-pptx: what its public API does not offer, and what
its property layer does too slowly.

Paragraphs and runs written element by element (the XML python-pptx's setters write, in the
same order), with East Asian typefaces, insets, bullets and fields; shapes added, filled and
placed, groups fitted, placeholders found and cloned without python-pptx's proxies; alt text;
placeholder types and inherited sizes. Each helper is typed and a missing element is an
OoxmlError that names it, never a None passed on. With parts.py (the package's parts, masters
and themes), chartxml.py (charts' label formats and axis ids) and embed.py (embedded fonts),
the only modules of the deck that reach into python-pptx's private attributes or lxml.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any, cast

from lxml import etree
from pptx.chart.chart import Chart
from pptx.oxml.ns import qn as prefixed_name
from pptx.oxml.xmlchemy import OxmlElement
from pptx.shapes.base import BaseShape
from pptx.slide import SlideLayout, SlideMaster
from pptx.text.text import Font, TextFrame

from briefing.errors import BriefingError
from briefing.render.pptx.geometry import EMU_PER_PT

Element = etree._Element
qn = functools.cache(prefixed_name)  # 'a:p' → '{…drawingml…}p', looked up once a name

RPR_AFTER_EA = ("cs", "sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst")
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


def insert_before(parent: Element, new: Element, successors: tuple[str, ...]) -> None:
    """Insert new before the first of these (a:) children that is present (as python-pptx
    does: the first in the order given), else append."""
    if len(parent):
        present = {e.tag for e in parent}
        for name in successors:
            tag = qn(f"a:{name}")
            if tag in present:
                parent.find(tag).addprevious(new)  # type: ignore[union-attr]
                return
    parent.append(new)


def remove(element: Element) -> None:
    """Take an element out of its parent."""
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


# ── Text, written as XML ────────────────────────────────────────────────────
#
# The deck's paragraphs and runs are written here element by element: the same XML that
# python-pptx's property setters write, in the same order, without their proxies.

CONTENT = frozenset(qn(f"a:{name}") for name in ("r", "br", "fld"))
PPR_ORDER = (  # a:pPr's children, in schema order
    "lnSpc", "spcBef", "spcAft", "buClrTx", "buClr", "buSzTx", "buSzPct", "buSzPts",
    "buFontTx", "buFont", "buNone", "buAutoNum", "buChar", "buBlip", "tabLst", "defRPr", "extLst",
)  # fmt: skip
PPR_AFTER = {name: PPR_ORDER[i + 1 :] for i, name in enumerate(PPR_ORDER)}
PPR_AFTER_BULLET = PPR_ORDER[PPR_ORDER.index("tabLst") :]
AUTOFITS = tuple(qn(f"a:{name}") for name in ("noAutofit", "normAutofit", "spAutoFit"))
BODYPR_AFTER_AUTOFIT = ("scene3d", "sp3d", "flatTx", "extLst")
CONTROL = re.compile(r"[\x00-\x08\x0B-\x1F]")


def text_body(frame: TextFrame) -> Element:
    """A text frame's p:txBody (a:bodyPr, a:lstStyle, a:p …), or a chart text's c:rich."""
    return cast(Element, frame._txBody)


def centipoints(points: float) -> str:
    """A size or spacing in points as PowerPoint's hundredths (whole EMU first, as
    python-pptx's Pt does)."""
    return str(int(points * EMU_PER_PT) // 127)


def clear_text(body: Element) -> Element:
    """Every paragraph but the first removed and the first emptied of its runs, breaks and
    fields (its properties stay); that first paragraph."""
    paragraphs = body.findall(qn("a:p"))
    if not paragraphs:
        raise OoxmlError("deck: a text body has no <p> in the PowerPoint XML")
    for extra in paragraphs[1:]:
        body.remove(extra)
    first = paragraphs[0]
    for item in [e for e in first if e.tag in CONTENT]:
        first.remove(item)
    return first


def fixed_frame(body: Element, inset: float) -> None:
    """Wrap on and no autofit: the text was measured to fit."""
    props = child(body, "a:bodyPr")
    props.set("wrap", "square")
    for fit in [e for e in props if e.tag in AUTOFITS]:
        props.remove(fit)
    insert_before(props, props.makeelement(qn("a:noAutofit")), BODYPR_AFTER_AUTOFIT)
    set_insets(props, inset)


def set_insets(props: Element, inset: float) -> None:
    """Insets on a:bodyPr, written even where they are PowerPoint's defaults: a placeholder
    would otherwise inherit its template's own, and the text be measured for the wrong width."""
    sides = {"lIns": inset, "rIns": inset, "tIns": inset / 2, "bIns": inset / 2}
    for side, points in sides.items():
        props.set(side, str(round(points * EMU_PER_PT)))


def add_paragraph(body: Element) -> Element:
    """A new empty paragraph at the end of a text body."""
    p = body.makeelement(qn("a:p"))
    body.append(p)
    return p


def paragraph_props(
    p: Element, align: str | None, line: float, before: float, after: float
) -> Element:
    """A paragraph's a:pPr (made if missing): its alignment (l, ctr, r; None keeps what is
    there), exact line spacing and the space before and after it (pt), broken the Chinese
    way without hanging punctuation (the estimate never hangs any)."""
    pPr = p.find(qn("a:pPr"))
    if pPr is None:
        pPr = p.makeelement(qn("a:pPr"))
        insert_before(p, pPr, ("r", "br", "fld", "endParaRPr"))
    if align is not None:
        pPr.set("algn", align)
    for name, points in (("lnSpc", line), ("spcBef", before), ("spcAft", after)):
        for old in pPr.findall(qn(f"a:{name}")):
            pPr.remove(old)
        spacing = pPr.makeelement(qn(f"a:{name}"))
        etree.SubElement(spacing, qn("a:spcPts")).set("val", centipoints(points))
        insert_before(pPr, spacing, PPR_AFTER[name])
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


def add_run(p: Element, text: str) -> Element:
    """A run of text at the end of a paragraph (control characters escaped as python-pptx
    does); its empty a:rPr."""
    r = p.makeelement(qn("a:r"))
    props = etree.SubElement(r, qn("a:rPr"))
    etree.SubElement(r, qn("a:t")).text = CONTROL.sub(lambda m: f"_x{ord(m[0]):04X}_", text)
    insert_before(p, r, ("endParaRPr",))
    return props


def add_field(p: Element, kind: str, text: str) -> Element:
    """A field (the slide number) at the end of a paragraph, showing text until updated; its
    empty a:rPr."""
    fld = p.makeelement(qn("a:fld"))
    fld.set("id", FIELD_ID)
    fld.set("type", kind)
    props = etree.SubElement(fld, qn("a:rPr"))
    etree.SubElement(fld, qn("a:t")).text = text
    insert_before(p, fld, ("endParaRPr",))
    return props


def dress_run(
    props: Element, size: float, bold: bool | None, rgb: str | None, latin: str | None, ea: str
) -> None:
    """A new run's a:rPr: size (pt), weight, colour (RRGGBB) and Latin face where given, and
    always the East Asian face and zh-CN; None leaves that to the placeholder's style."""
    if len(props) or len(props.attrib):
        raise OoxmlError("deck: a run to dress already has properties")
    props.set("sz", centipoints(size))
    if bold is not None:
        props.set("b", "1" if bold else "0")
    props.set("lang", "zh-CN")
    if rgb is not None:
        fill = etree.SubElement(props, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr")).set("val", rgb)
    if latin is not None:
        etree.SubElement(props, qn("a:latin")).set("typeface", latin)
    etree.SubElement(props, qn("a:ea")).set("typeface", ea)


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


FILL_KINDS = ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill")
FILLS = frozenset(qn(f"a:{kind}") for kind in FILL_KINDS)
SPPR_AFTER_FILL = ("ln", "effectLst", "effectDag", "scene3d", "sp3d", "extLst")
SPPR_AFTER_LINE = SPPR_AFTER_FILL[1:]
SPPR_AFTER_XFRM = ("custGeom", "prstGeom", *FILL_KINDS, *SPPR_AFTER_FILL)
LN_AFTER_FILL = ("prstDash", "custDash", "round", "bevel", "miter", "headEnd", "tailEnd", "extLst")
PML = "http://schemas.openxmlformats.org/presentationml/2006/main"
SHAPE_KINDS = ("sp", "grpSp", "graphicFrame", "cxnSp", "pic", "contentPart")
SHAPE_TAGS = frozenset(qn(f"p:{kind}") for kind in SHAPE_KINDS)  # python-pptx's shape elements
SHAPE_XFRM = {  # where each kind of shape in a group keeps its position and size
    qn("p:sp"): (qn("p:spPr"), qn("a:xfrm")),
    qn("p:pic"): (qn("p:spPr"), qn("a:xfrm")),
    qn("p:cxnSp"): (qn("p:spPr"), qn("a:xfrm")),
    qn("p:grpSp"): (qn("p:grpSpPr"), qn("a:xfrm")),
    qn("p:graphicFrame"): (qn("p:xfrm"),),
}


def shape_tree(shapes: object) -> Element:
    """The p:spTree (or a group's p:grpSp) behind a slide's or group's shapes."""
    tree = element_of(shapes)
    if tree.tag not in (qn("p:spTree"), qn("p:grpSp")):
        raise OoxmlError(f"deck: {type(shapes).__name__} is not a shape tree")
    return tree


def add_shape_element(tree: Element, name: str, box: Sequence[int], prst: str | None) -> Element:
    """A new p:sp at the end of a shape tree, as python-pptx writes it: an autoshape of this
    preset geometry, or a text box for None; numbered after every id on the slide; named."""
    grow = getattr(tree, "add_textbox" if prst is None else "add_autoshape", None)
    if not callable(grow):
        raise OoxmlError("deck: python-pptx's shape tree cannot add shapes as expected")
    ids = next_id(tree)
    sp = cast(Element, grow(ids, "", *box) if prst is None else grow(ids, "", prst, *box))
    child(sp, "p:nvSpPr", "p:cNvPr").set("name", name)
    if tree.tag == qn("p:grpSp"):
        fit_group(tree)
    return sp


def fill_shape(sp: Element, rgb: str) -> None:
    """A solid fill of this colour (RRGGBB), no outline, and none of the theme's effects."""
    props = child(sp, "p:spPr")
    for old in [e for e in props if e.tag in FILLS]:
        props.remove(old)
    fill = props.makeelement(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", rgb)
    insert_before(props, fill, SPPR_AFTER_FILL)
    line = props.find(qn("a:ln"))
    if line is None:
        line = props.makeelement(qn("a:ln"))
        insert_before(props, line, SPPR_AFTER_LINE)
    for old in [e for e in line if e.tag in FILLS]:
        line.remove(old)
    insert_before(line, line.makeelement(qn("a:noFill")), LN_AFTER_FILL)
    style = sp.find(qn("p:style"))
    if style is not None:
        sp.remove(style)


def set_anchor(body: Element, anchor: str) -> None:
    """Where a text body's text sits: t, ctr or b."""
    child(body, "a:bodyPr").set("anchor", anchor)


def fit_group(group: Element) -> None:
    """A group's position and size (and its child frame) made those of what it holds, as
    python-pptx's recalculate_extents does after each shape it adds; and its parent group's."""
    extents = []
    for item in group:
        path = SHAPE_XFRM.get(item.tag)
        xfrm = item.find("/".join(path)) if path else None
        off = None if xfrm is None else xfrm.find(qn("a:off"))
        ext = None if xfrm is None else xfrm.find(qn("a:ext"))
        if path and (off is None or ext is None):
            raise OoxmlError("deck: a shape in a group has no position and size")
        if off is not None and ext is not None:
            x, y = int(attribute(off, "x")), int(attribute(off, "y"))
            extents.append((x, y, x + int(attribute(ext, "cx")), y + int(attribute(ext, "cy"))))
    if extents:
        x, y = min(e[0] for e in extents), min(e[1] for e in extents)
        cx, cy = max(e[2] for e in extents) - x, max(e[3] for e in extents) - y
    else:
        x = y = cx = cy = 0
    xfrm = child(group, "p:grpSpPr", "a:xfrm")
    for tag, values in (("chOff", (x, y)), ("off", (x, y)), ("chExt", (cx, cy)), ("ext", (cx, cy))):
        names = ("x", "y") if tag.endswith("Off") or tag == "off" else ("cx", "cy")
        item = child(xfrm, f"a:{tag}")
        for name, value in zip(names, values, strict=True):
            item.set(name, str(value))
    parent = group.getparent()
    if parent is not None and parent.tag == qn("p:grpSp"):
        fit_group(parent)


def place_shape(sp: Element, box: Sequence[int]) -> None:
    """A p:sp's position and size (EMU x, y, cx, cy), written where python-pptx writes them."""
    props = child(sp, "p:spPr")
    xfrm = props.find(qn("a:xfrm"))
    if xfrm is None:
        xfrm = props.makeelement(qn("a:xfrm"))
        insert_before(props, xfrm, SPPR_AFTER_XFRM)
    for tag, names, values, after in (
        ("off", ("x", "y"), box[:2], ("ext", "chOff", "chExt")),
        ("ext", ("cx", "cy"), box[2:], ("chOff", "chExt")),
    ):
        item = xfrm.find(qn(f"a:{tag}"))
        if item is None:
            item = xfrm.makeelement(qn(f"a:{tag}"))
            insert_before(xfrm, item, after)
        for name, value in zip(names, values, strict=True):
            item.set(name, str(int(value)))


def clone_placeholder(tree: Element, source: BaseShape) -> Element:
    """A copy of a layout's placeholder (its type, orientation, size and index) at the end of a
    slide's shape tree, numbered after every id on the slide; as python-pptx's
    clone_placeholder, but unnamed (the caller names it)."""
    sp, grow = element_of(source), getattr(tree, "add_placeholder", None)
    if not callable(grow):
        raise OoxmlError("deck: python-pptx's shape tree cannot add placeholders as expected")
    kind = [getattr(sp, a, None) for a in ("ph_type", "ph_orient", "ph_sz", "ph_idx")]
    return cast(Element, grow(next_id(tree), "", *kind))


ALL_IDS = etree.XPath("//@id")


def next_id(tree: Element) -> int:
    """One more than the largest numeric id anywhere in the slide, as python-pptx numbers a
    new shape."""
    ids = [int(v) for v in cast(list[str], ALL_IDS(tree)) if v.isdigit()]
    return max(ids, default=0) + 1


PLACEHOLDER = etree.XPath("./*[1]/p:nvPr/p:ph", namespaces={"p": PML})


def placeholder_elements(tree: Element) -> list[Element]:
    """A shape tree's placeholder shapes, in document order (as python-pptx finds them)."""
    return [e for e in tree if e.tag in SHAPE_TAGS and PLACEHOLDER(e)]


def placeholder_kind(element: Element) -> str | None:
    """A shape element's placeholder type ('obj' when unstated), else None."""
    ph = element.find(f".//{qn('p:nvPr')}/{qn('p:ph')}")
    return None if ph is None else ph.get("type", "obj")


def placeholder_index(element: Element) -> int:
    """A placeholder's idx (0 when unstated)."""
    ph = element.find(f"./*/{qn('p:nvPr')}/{qn('p:ph')}")
    return int(ph.get("idx", "0")) if ph is not None else 0


def drop_empty_placeholders(tree: Element) -> None:
    """Remove the placeholder text shapes (p:sp) that hold no text but white space."""
    for sp in placeholder_elements(tree):
        if sp.tag != qn("p:sp"):
            continue
        pieces = [e for p in sp.iterfind(f"{qn('p:txBody')}/{qn('a:p')}") for e in p]
        text = "".join(e.findtext(qn("a:t")) or "" for e in pieces if e.tag in CONTENT)
        if not text.strip():
            tree.remove(sp)


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


TITLE_KINDS = frozenset(("title", "ctrTitle"))
BREAK = qn("a:br")


def title_text(tree: Element) -> str | None:
    """The text of a shape tree's first title placeholder (title or centred title), its
    paragraphs and line breaks joined by a space, as PowerPoint names a slide; None if it has
    none."""
    for sp in placeholder_elements(tree):
        if sp.tag == qn("p:sp") and placeholder_kind(sp) in TITLE_KINDS:
            lines = []
            for p in sp.iterfind(f"{qn('p:txBody')}/{qn('a:p')}"):
                pieces = ["\n" if e.tag == BREAK else e.findtext(qn("a:t")) or "" for e in p]
                lines.extend("".join(pieces).split("\n"))
            return " ".join(line for line in lines if line)
    return None
