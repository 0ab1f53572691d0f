"""What the report's PDF owes the standards: ISO 32000's outline and subset tags, and PDF/A-2b.

reportlab writes a sound PDF but for two slips, mended here where they are made rather than
by rewriting the file: the outline root's /Count also counts the entries that have children
(51 for 39 entries), and every font's first subset is tagged AAAAAA+ (ISO 32000-1, 9.6.4,
asks for a tag per subset). It also gives every page an empty /Trans, left out here.

An archival report (PDF/A-2b, ISO 19005-2) adds XMP metadata that mirrors the info dictionary,
and an sRGB output intent; the rest PDF/A asks for (fonts embedded, no encryption, no
JavaScript, no transparency) the report already is.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence
from typing import ClassVar
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfdoc, ttfonts
from reportlab.pdfgen.canvas import Canvas

from briefing.paths import ASSETS

PRINTABLE = 4  # an annotation's Print flag (ISO 32000-1, table 165); PDF/A wants it on links
SRGB_PROFILE = ASSETS / "icc" / "sRGB.icc"
SRGB = "sRGB IEC61966-2.1"  # the output condition, as the ICC registry names it
TAG_LETTERS = 6


def subset_tag(face: bytes, subset: Sequence[int]) -> bytes:
    """Six capitals naming a subset by its font and characters: distinct subsets, distinct tags."""
    digest = hashlib.sha256(face + b"|" + ",".join(map(str, subset)).encode()).digest()
    number = int.from_bytes(digest[:8])
    letters = []
    for _ in range(TAG_LETTERS):
        number, letter = divmod(number, 26)
        letters.append(65 + letter)
    return bytes(letters)


class TaggedFont(ttfonts.TTFont):
    """A TrueType font whose subsets are tagged by what they hold, not by their number.

    reportlab names a font's nth subset by n alone (AAAAAA+, AAAAAB+ …), in every font alike;
    its one function for the tag is swapped for this font's while its subsets are written.
    """

    def addObjects(self, doc: pdfdoc.PDFDocument) -> None:
        subsets: list[list[int]] = self.state[doc].subsets
        face: bytes = self.face.name

        def tag(n: int) -> bytes:
            return subset_tag(face, subsets[n])

        numbered, ttfonts.SUBSETN = ttfonts.SUBSETN, tag
        try:
            super().addObjects(doc)
        finally:
            ttfonts.SUBSETN = numbered


class CountedOutlines(pdfdoc.PDFOutlines):
    """reportlab's outline, its root's /Count the number of open entries (ISO 32000-1, 12.3.3).

    reportlab counts them right, then uses the same field to number the entries' objects.
    """

    def prepare(self, document: pdfdoc.PDFDocument, canvas: Canvas) -> None:
        super().prepare(document, canvas)
        if self.ready == 1:
            self.count = pdfdoc.count(self.mydestinations, self.closedict)


class ArchivalCatalog(pdfdoc.PDFCatalog):
    """The document catalog, also writing /OutputIntents (reportlab's writes only keys it knows)."""

    __NoDefault__: ClassVar[list[str]] = [*pdfdoc.PDFCatalog.__NoDefault__, "OutputIntents"]
    __Refs__: ClassVar[list[str]] = pdfdoc.PDFCatalog.__Refs__


def prepare(canvas: Canvas, *, archival: bool) -> None:
    """Set a fresh canvas up to write a sound PDF, and PDF/A-2b when `archival`.

    Call before anything is drawn: the outline is replaced while still empty.
    """
    document = canvas._doc
    outline = CountedOutlines()
    document.outline = document.Outlines = document.Catalog.Outlines = outline
    if archival:
        archive(document)


def finish(canvas: Canvas) -> None:
    """Once every page is drawn: leave out the empty /Trans reportlab gives each page.

    An empty transition is the default one, so saying nothing says the same; PDF/A
    validators that check by allow-list would otherwise report every page as unchecked.
    """
    for page in canvas._doc.Pages.pages:
        if page.Trans is not None and not page.Trans.dict:
            page.Trans = None


def archive(document: pdfdoc.PDFDocument) -> None:
    """Make the document PDF/A-2b: XMP metadata mirroring its info, and an sRGB output intent."""
    catalog = document.Catalog
    catalog.__class__ = ArchivalCatalog
    catalog.Metadata = pdfdoc.XMP(creator=xmp_packet)  # written when the document is saved
    catalog.OutputIntents = pdfdoc.PDFArray([output_intent(document)])


def output_intent(document: pdfdoc.PDFDocument) -> pdfdoc.PDFDictionary:
    """The PDF/A output intent: the report's colours are meant for an sRGB screen."""
    profile = pdfdoc.PDFStream(
        pdfdoc.PDFDictionary({"N": 3}), content=srgb_profile(), filters=[pdfdoc.PDFZCompress]
    )
    return pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("OutputIntent"),
        "S": pdfdoc.PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": pdfdoc.PDFString(SRGB),
        "Info": pdfdoc.PDFString(SRGB),
        "RegistryName": pdfdoc.PDFString("http://www.color.org"),
        "DestOutputProfile": document.Reference(profile, "sRGBProfile"),
    })  # fmt: skip


@functools.cache
def srgb_profile() -> bytes:
    """The bundled sRGB ICC profile (see assets/icc/README.md)."""
    return SRGB_PROFILE.read_bytes()


def xmp_packet(document: pdfdoc.PDFDocument) -> bytes:
    """XMP metadata saying what the info dictionary says, and that the file is PDF/A-2b."""
    info = document.info
    date = xmp_date(info_date(document))
    fields = {
        "dc:format": "application/pdf",
        "dc:title": alternative(info.title),
        "dc:creator": f"<rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq>",
        "dc:description": alternative(info.subject),
        "xmp:CreateDate": date,
        "xmp:ModifyDate": date,
        "xmp:MetadataDate": date,
        "xmp:CreatorTool": escape(info.creator),
        "pdf:Producer": escape(info.producer),
        "pdf:Keywords": escape(info.keywords),
        "pdfaid:part": "2",
        "pdfaid:conformance": "B",
    }
    language = document.Catalog.Lang  # a PDFString, or None
    if language is not None:
        fields["dc:language"] = f"<rdf:Bag><rdf:li>{escape(str(language.s))}</rdf:li></rdf:Bag>"
    properties = "\n".join(f"   <{name}>{value}</{name}>" for name, value in fields.items())
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n'
        '    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">\n'
        f"{properties}\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    ).encode()


def alternative(text: str) -> str:
    """An XMP language alternative holding one text, the default."""
    return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'


def info_date(document: pdfdoc.PDFDocument) -> str:
    """The info dictionary's CreationDate as reportlab writes it: "D:20241231000000+00'00'"."""
    info = document.info
    date = pdfdoc.PDFDate(ts=document._timeStamp, dateFormatter=info._dateFormatter)
    written: bytes = date.format(document)
    return written.decode("latin-1").strip("()")


PDF_DATE = re.compile(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:([+-])(\d\d)'(\d\d)'?|Z)?")


def xmp_date(pdf_date: str) -> str:
    """A PDF date as XMP writes it: "D:20241231000000+00'00'" → "2024-12-31T00:00:00+00:00"."""
    match = PDF_DATE.fullmatch(pdf_date)
    if match is None:
        raise ValueError(f"not a PDF date: {pdf_date!r}")
    year, month, day, hour, minute, second, sign, zone_hour, zone_minute = match.groups()
    zone = f"{sign}{zone_hour}:{zone_minute}" if sign else "Z"
    return f"{year}-{month}-{day}T{hour}:{minute}:{second}{zone}"
