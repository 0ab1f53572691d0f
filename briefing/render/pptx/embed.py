"""Fonts carried in the deck (--embed-fonts): the brand's font files, cut down to the
characters the deck uses, stored as PowerPoint stores them.

PowerPoint keeps an embedded font as an Embedded OpenType (EOT) file in a part of type
application/x-fontdata ([MS-OI29500] 2.1.32: it does not read application/x-font-ttf, and the
GUID obfuscation of ECMA-376 §17.8.1 is Word's), each listed by typeface in presentation.xml's
p:embeddedFontLst with its regular and bold parts. A font is embedded only if its OS/2 fsType
lets a document that carries it be edited (installable or editable); a font that forbids
embedding, or allows it only for preview and print, is refused by name.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from pptx.opc.package import Part, XmlPart
from pptx.presentation import Presentation

from briefing.brand.model import Brand
from briefing.errors import BriefingError
from briefing.render.pptx.ooxml import Element, element_of, qn

FONT_PART = "/ppt/fonts/font%d.fntdata"
FONTDATA = "application/x-fontdata"
RT_FONT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
# presentation.xml's children that follow p:embeddedFontLst, in schema order
AFTER_FONT_LIST = (
    "custShowLst",
    "photoAlbum",
    "custDataLst",
    "kinsoku",
    "defaultTextStyle",
    "modifyVerifier",
    "extLst",
)
ALWAYS = frozenset(range(0x20, 0x7F))  # printable ASCII: digits and Latin stay editable
# OS/2 fsType bits (OpenType spec)
RESTRICTED = 0x0002  # no embedding without the vendor's leave
PREVIEW_PRINT = 0x0004  # embedded read-only
NO_SUBSETTING = 0x0100
BITMAP_ONLY = 0x0200
EOT_VERSION = 0x00020001
EOT_SUBSET = 0x00000001  # TTEMBED_SUBSET: the font data is a subset
EOT_MAGIC = 0x504C
GB2312_CODE_PAGE = 1 << 18  # OS/2 ulCodePageRange1 bit for Simplified Chinese
GB2312_CHARSET = -122  # GB2312_CHARSET (134) as the signed byte DrawingML writes


@dataclass(frozen=True)
class Embedded:
    """One font file as stored in the deck: its style slot, the EOT bytes, and the sizes."""

    style: str  # "regular" or "bold"
    path: Path
    data: bytes
    glyphs: int
    font_bytes: int


def embed_fonts(prs: Presentation, brand: Brand, warn: Callable[[str], None]) -> list[Embedded]:
    """Embed the brand's font files (regular and bold) in the presentation, subset to the
    characters its parts hold, under the brand's family name; a BriefingError naming the
    file if its licence bits forbid it. Faces the deck names that the brand has no file
    for are left to the reader's system, with a warning. The stored fonts, in order."""
    fonts = brand.fonts
    family = fonts.family
    named = typefaces(prs)
    for face in sorted(named - {family}):
        warn(f"deck: the face '{face}' is named but not embedded (the brand has no file for it)")
    if family not in named:
        warn(f"deck: no text is set in '{family}', so no font is embedded")
        return []
    bullets_in_face(prs, family, fonts.regular)
    used = characters(prs) | ALWAYS
    files = [("regular", fonts.regular)]
    if fonts.bold != fonts.regular:
        files.append(("bold", fonts.bold))
    stored = [embedded(style, path, used) for style, path in files]
    entry = etree.Element(qn("p:embeddedFont"))
    etree.SubElement(entry, qn("p:font"), attrib=font_attributes(family, fonts.regular))
    for item in stored:
        part = Part(
            prs.part.package.next_partname(FONT_PART), FONTDATA, prs.part.package, item.data
        )
        rid = prs.part.relate_to(part, RT_FONT)
        etree.SubElement(entry, qn(f"p:{item.style}")).set(qn("r:id"), rid)
    presentation = element_of(prs)
    font_list = presentation.find(qn("p:embeddedFontLst"))
    if font_list is None:
        font_list = etree.Element(qn("p:embeddedFontLst"))
        after = [presentation.find(qn(f"p:{name}")) for name in AFTER_FONT_LIST]
        following = next((e for e in after if e is not None), None)
        if following is None:
            presentation.append(font_list)
        else:
            following.addprevious(font_list)
    font_list.append(entry)
    presentation.set("embedTrueTypeFonts", "1")
    presentation.set("saveSubsetFonts", "1")
    return stored


def typefaces(prs: Presentation) -> set[str]:
    """Every Latin and East Asian typeface the deck's parts name (theme references aside)."""
    found: set[str] = set()
    tags = (qn("a:latin"), qn("a:ea"))
    for root in xml_roots(prs):
        for element in root.iter(*tags):
            face = element.get("typeface", "")
            if face and not face.startswith("+"):
                found.add(face)
    return found


def bullets_in_face(prs: Presentation, family: str, path: Path) -> None:
    """Every bullet whose character the embedded face has is drawn from it, not from the face
    named for bullets (Arial), which a reader may lack: the deck then carries its bullets."""
    from briefing.brand.cmap import characters as mapped
    from briefing.brand.cmap import read_tables

    has = mapped(read_tables(path))
    for root in xml_roots(prs):
        for char in root.iter(qn("a:buChar")):
            face = char.getprevious()
            drawn = char.get("char", "")
            if face is None or face.tag != qn("a:buFont") or not drawn:
                continue
            if all(ord(c) in has for c in drawn):
                face.set("typeface", family)


def characters(prs: Presentation) -> set[int]:
    """The code points of every text the deck's XML parts hold (slides, notes, masters,
    layouts, charts, number formats, bullets)."""
    used: set[int] = set()
    for root in xml_roots(prs):
        for text in root.itertext():
            used.update(ord(c) for c in str(text))
        for element in root.iter(qn("a:buChar")):
            used.update(map(ord, element.get("char", "")))
        for element in root.iter(qn("c:formatCode")):
            used.update(map(ord, element.text or ""))
        for element in root.iter(qn("c:numFmt")):
            used.update(map(ord, element.get("formatCode", "")))
    return {c for c in used if c >= 0x20}


def xml_roots(prs: Presentation) -> Iterable[Element]:
    """The root element of each XML part of the package (themes python-pptx holds as bytes
    parsed)."""
    for part in prs.part.package.iter_parts():
        if isinstance(part, XmlPart):
            yield element_of(part)
        elif part.content_type.endswith("+xml"):
            yield etree.fromstring(part.blob)


def embedded(style: str, path: Path, used: set[int]) -> Embedded:
    """One font file checked, subset to the characters used and wrapped as EOT."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), recalcTimestamp=False, recalcBBoxes=False)
    fs_type = check_rights(font, path)
    whole = fs_type & NO_SUBSETTING
    if not whole:
        subset(font, used)
    out = io.BytesIO()
    font.save(out)
    data = out.getvalue()
    return Embedded(
        style, path, eot(font, data, subsetted=not whole), len(font.getGlyphOrder()), len(data)
    )


def check_rights(font: Any, path: Path) -> int:
    """The font's fsType; a BriefingError naming the file if it may not be embedded in a
    deck that stays editable."""
    if "OS/2" not in font:
        raise BriefingError(
            f"--embed-fonts: {path.name} has no OS/2 table, so its embedding licence is unknown"
        )
    fs_type = int(font["OS/2"].fsType)
    if fs_type & 0x000F == RESTRICTED:
        why = "its licence bits (OS/2 fsType 0x0002) forbid embedding it in documents"
    elif fs_type & 0x000F == PREVIEW_PRINT:
        why = (
            "its licence bits (OS/2 fsType 0x0004) allow embedding only for preview and print, "
            "which opens the deck read-only"
        )
    elif fs_type & BITMAP_ONLY:
        why = "its licence bits (OS/2 fsType 0x0200) allow embedding only its bitmaps"
    else:
        return fs_type
    raise BriefingError(
        f"--embed-fonts: cannot embed {path.name}: {why}; build without --embed-fonts, or use "
        f"a font whose licence allows embedding (such as the bundled Noto Sans SC, SIL OFL)"
    )


def subset(font: Any, used: set[int]) -> None:
    """Cut the font down to these characters, keeping every name record (the names readers
    match it by) and its hinting."""
    from fontTools import subset as cut

    options = cut.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    options.glyph_names = False
    subsetter = cut.Subsetter(options)
    subsetter.populate(unicodes=sorted(used))
    subsetter.subset(font)


def eot(font: Any, data: bytes, *, subsetted: bool) -> bytes:
    """The font as an uncompressed Embedded OpenType file (version 0x00020001, the W3C EOT
    submission's layout): a header from the font's OS/2, head and name tables, then the
    TrueType data as is."""
    os2 = font["OS/2"]
    names = font["name"]

    def name(number: int) -> bytes:
        record = names.getName(number, 3, 1, 0x409) or names.getName(number, 3, 1)
        return str(record or "").encode("utf-16-le")

    header = struct.pack(
        "<LL10sBBLHH4L2LL4L",
        EOT_VERSION,
        EOT_SUBSET if subsetted else 0,
        panose(os2),
        1,  # DEFAULT_CHARSET
        1 if os2.fsSelection & 1 else 0,
        os2.usWeightClass,
        os2.fsType,
        EOT_MAGIC,
        os2.ulUnicodeRange1,
        os2.ulUnicodeRange2,
        os2.ulUnicodeRange3,
        os2.ulUnicodeRange4,
        os2.ulCodePageRange1,
        os2.ulCodePageRange2,
        font["head"].checkSumAdjustment,
        0,
        0,
        0,
        0,
    )
    for text in (name(1), name(2), name(5), name(4), b""):  # family, style, version, full, root
        header += struct.pack("<HH", 0, len(text)) + text
    size = 8 + len(header) + len(data)
    return struct.pack("<LL", size, len(data)) + header + data


def panose(os2: Any) -> bytes:
    """The ten PANOSE classification bytes of an OS/2 table."""
    p = os2.panose
    return bytes(
        [
            p.bFamilyType,
            p.bSerifStyle,
            p.bWeight,
            p.bProportion,
            p.bContrast,
            p.bStrokeVariation,
            p.bArmStyle,
            p.bLetterForm,
            p.bMidline,
            p.bXHeight,
        ]
    )


def font_attributes(family: str, path: Path) -> dict[str, str]:
    """p:font's panose, pitch and family, and character set, from the regular file."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=True)
    os2 = font["OS/2"]
    classification = panose(os2)
    fixed = classification[3] == 9  # PANOSE proportion: monospaced
    sans = classification[1] in (11, 12, 13, 14, 15)  # PANOSE serif style: sans
    pitch = (1 if fixed else 2) | (0x30 if fixed else 0x20 if sans else 0x10)
    chinese = os2.ulCodePageRange1 & GB2312_CODE_PAGE
    return {
        "typeface": family,
        "panose": classification.hex().upper(),
        "pitchFamily": str(pitch),
        "charset": str(GB2312_CHARSET if chinese else 0),
    }
