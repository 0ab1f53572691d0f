"""Logo images checked before anything decodes them: a PNG's or JPEG's size read from its
header against a pixel budget and its structure walked to the end; an SVG parsed without
entities, with a size, and refused where it reaches outside itself."""

from __future__ import annotations

import base64
import math
import re
import struct
import zlib
from pathlib import Path
from xml.etree import ElementTree

from briefing.brand.files import KitFault

MAX_PIXELS = 16_000_000  # a logo of 4000 × 4000; decoded it stays near 64 MB
MAX_SIDE = 20_000
MAX_SVG_ELEMENTS = 20_000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8"
# Channels of each PNG colour type, and the bit depths it allows.
PNG_TYPES = {0: (1, (1, 2, 4, 8, 16)), 2: (3, (8, 16)), 3: (1, (1, 2, 4, 8)), 4: (2, (8, 16))}
PNG_TYPES[6] = (4, (8, 16))
# Adam7 interlacing: each pass's first column and row and its steps across and down.
ADAM7 = (
    (0, 0, 8, 8),
    (4, 0, 8, 8),
    (0, 4, 4, 8),
    (2, 0, 4, 4),
    (0, 2, 2, 4),
    (1, 0, 2, 2),
    (0, 1, 1, 2),
)
JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
INFLATE_STEP = 1 << 20
SVG = "{http://www.w3.org/2000/svg}"
LENGTH = re.compile(
    r"^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(px|pt|pc|mm|cm|in|em|ex|%)?\s*$"
)
UNITS = {None: 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54}
UNITS |= {"in": 96.0, "em": 16.0, "ex": 8.0}
OUTSIDE_URL = re.compile(r"url\(\s*(?!['\"]?#)", re.IGNORECASE)
DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|jpg);base64,(.*)$", re.IGNORECASE | re.DOTALL)


def raster_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG or JPEG, its whole structure checked; KitFault if it is not
    one, is damaged or truncated, or has more pixels than a logo may."""
    if not data:
        raise KitFault("the image is empty")
    if data.startswith(PNG_SIGNATURE):
        return _png(data)
    if data.startswith(JPEG_SIGNATURE):
        return _jpeg(data)
    raise KitFault("not a PNG or JPEG image")


def _budget(width: int, height: int) -> None:
    if width <= 0 or height <= 0:
        raise KitFault(f"the image says it is {width} × {height} pixels")
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise KitFault(
            f"the image is {width} × {height} pixels; a logo may have at most "
            f"{MAX_PIXELS // 1_000_000} million pixels and {MAX_SIDE} on a side"
        )


def _png(data: bytes) -> tuple[int, int]:
    at = len(PNG_SIGNATURE)
    size: tuple[int, int] | None = None
    inflater = zlib.decompressobj()
    expected = inflated = 0
    while True:
        if at + 8 > len(data):
            raise KitFault("the PNG is truncated (it ends before its IEND chunk)")
        length, kind = struct.unpack_from(">L4s", data, at)
        end = at + 8 + length + 4
        if end > len(data):
            raise KitFault(f"the PNG is truncated inside its {_tag(kind)} chunk")
        body = data[at + 8 : at + 8 + length]
        if zlib.crc32(kind + body) != struct.unpack_from(">L", data, end - 4)[0]:
            raise KitFault(f"the PNG is damaged: its {_tag(kind)} chunk fails its checksum")
        at = end
        if size is None:
            if kind != b"IHDR" or length != 13:
                raise KitFault("the PNG does not begin with its header (IHDR)")
            size, expected = _png_header(body)
        elif kind == b"IDAT":
            inflated += _inflate(inflater, body, expected - inflated)
        elif kind == b"IEND":
            break
    try:
        inflated += len(inflater.flush())
    except zlib.error as exc:
        raise KitFault(f"the PNG's image data is damaged ({exc})") from None
    if not inflater.eof or inflated != expected:
        raise KitFault("the PNG's image data is incomplete or of the wrong size")
    return size


def _png_header(body: bytes) -> tuple[tuple[int, int], int]:
    """(width, height) and the bytes the image data inflates to, from IHDR."""
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(
        ">LLBBBBB", body
    )
    _budget(width, height)
    if colour not in PNG_TYPES or depth not in PNG_TYPES[colour][1]:
        raise KitFault(f"the PNG has an unknown colour type {colour} at depth {depth}")
    if compression or filtering or interlace not in (0, 1):
        raise KitFault("the PNG names an unknown compression, filter or interlace method")
    bits = depth * PNG_TYPES[colour][0]

    def rows(w: int, h: int) -> int:
        return h * (1 + math.ceil(w * bits / 8)) if w and h else 0

    if not interlace:
        return (width, height), rows(width, height)
    passes = (
        rows(max(0, math.ceil((width - x) / dx)), max(0, math.ceil((height - y) / dy)))
        for x, y, dx, dy in ADAM7
    )
    return (width, height), sum(passes)


def _inflate(inflater: zlib._Decompress, chunk: bytes, room: int) -> int:
    """Bytes one IDAT chunk inflates to, never holding more than a step of them."""
    total = 0
    while chunk:
        try:
            out = inflater.decompress(chunk, INFLATE_STEP)
        except zlib.error as exc:
            raise KitFault(f"the PNG's image data is damaged ({exc})") from None
        total += len(out)
        if total > room:
            raise KitFault("the PNG's image data is larger than its header says")
        chunk = inflater.unconsumed_tail
        if inflater.eof:
            break
    return total


def _tag(kind: bytes) -> str:
    return kind.decode("latin-1") if kind.isalpha() else repr(kind)


def _jpeg(data: bytes) -> tuple[int, int]:
    at = 2
    size: tuple[int, int] | None = None
    while True:
        while at < len(data) and data[at] == 0xFF and at + 1 < len(data) and data[at + 1] == 0xFF:
            at += 1  # fill bytes
        if at + 4 > len(data) or data[at] != 0xFF:
            raise KitFault("the JPEG is damaged or truncated (a segment is missing its marker)")
        marker = data[at + 1]
        length = struct.unpack_from(">H", data, at + 2)[0]
        if length < 2 or at + 2 + length > len(data):
            raise KitFault("the JPEG is truncated inside a segment")
        if marker in JPEG_FRAMES:
            if length < 8:
                raise KitFault("the JPEG's frame header is too short")
            height, width = struct.unpack_from(">HH", data, at + 5)
            _budget(width, height)
            size = (width, height)
        if marker == 0xDA:  # start of scan: entropy-coded data follow, to an end marker
            if size is None:
                raise KitFault("the JPEG has image data before its frame header")
            if data.rfind(b"\xff\xd9", at + 2 + length) < 0:
                raise KitFault("the JPEG is truncated (no end-of-image marker)")
            return size
        at += 2 + length


def svg_checked(data: bytes) -> tuple[float, float]:
    """Width and height an SVG logo draws at (in px); KitFault if it declares entities, is
    not an SVG, has no positive size, or refers to anything outside itself (a file, an
    address, a stylesheet import); embedded PNG and JPEG data are checked as images."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise KitFault("the SVG is UTF-16 text; save it as UTF-8")
    if b"<!entity" in data.lower():
        raise KitFault("the SVG declares XML entities, which a logo may not")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise KitFault(f"not a readable SVG ({exc})") from None
    if root.tag not in (f"{SVG}svg", "svg"):
        raise KitFault("not an SVG: its root element is not <svg>")
    for count, element in enumerate(root.iter()):
        if count >= MAX_SVG_ELEMENTS:
            raise KitFault(f"the SVG has more than {MAX_SVG_ELEMENTS} elements")
        _inside(element)
    return _svg_size(root)


def _inside(element: ElementTree.Element) -> None:
    """KitFault for an element that refers outside the SVG."""
    name = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
    for key, value in element.attrib.items():
        if key == "href" or key.endswith("}href"):
            target = value.strip()
            if target.startswith("#"):
                continue
            embedded = DATA_IMAGE.match(target)
            if embedded and name == "image":
                try:
                    raster_size(base64.b64decode(embedded.group(2), validate=False))
                except (ValueError, KitFault) as exc:
                    raise KitFault(f"the SVG's embedded image: {exc}") from None
                continue
            raise KitFault(
                f"the SVG's <{name}> refers to {_cut(target)}; a logo may not use files or "
                "addresses outside itself"
            )
        if OUTSIDE_URL.search(value):
            raise KitFault(f"the SVG's <{name}> {key} uses a url() outside the file")
    text = element.text or ""
    if name == "style" and ("@import" in text.lower() or OUTSIDE_URL.search(text)):
        raise KitFault("the SVG's stylesheet imports or refers to something outside the file")


def _svg_size(root: ElementTree.Element) -> tuple[float, float]:
    """The size svglib gives the drawing: width and height, else the viewBox's."""
    box: list[float] | None = None
    if written := root.get("viewBox"):
        try:
            numbers = [float(v) for v in written.replace(",", " ").split()]
        except ValueError:
            numbers = []
        box = numbers if len(numbers) == 4 else None
    sides = []
    for index, key in ((2, "width"), (3, "height")):
        value = _length(root.get(key), box[index] if box else None)
        if value is None or not math.isfinite(value) or value <= 0:
            raise KitFault(
                "the SVG has no size: give its <svg> a positive width and height or a viewBox"
            )
        sides.append(value)
    return sides[0], sides[1]


def _length(written: str | None, whole: float | None) -> float | None:
    if written is None or not written.strip():
        return whole
    match = LENGTH.match(written)
    if not match:
        raise KitFault(f"the SVG's size {_cut(written)} is not a length")
    number, unit = float(match.group(1)), match.group(2)
    if unit == "%":
        return None if whole is None else number * whole / 100
    return number * UNITS[unit]


def _cut(text: str, most: int = 60) -> str:
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return repr(shown if len(shown) <= most else shown[: most - 1] + "…")


def decode_as_the_build(path: Path) -> None:
    """Open a checked logo with the readers the outputs use (Pillow for the PDF and
    python-pptx's for the deck; svglib for an SVG); KitFault with their complaint."""
    try:
        if path.suffix.lower() == ".svg":
            from svglib.svglib import svg2rlg

            drawing = svg2rlg(str(path))
            if drawing is None or not drawing.width > 0 or not drawing.height > 0:
                raise KitFault("svglib draws nothing of this SVG (no size or no content)")
            return
        from PIL import Image
        from pptx.parts.image import Image as DeckImage

        with Image.open(path) as image:
            image.load()
        DeckImage.from_file(str(path)).size  # noqa: B018 - the deck reads the size so
    except KitFault:
        raise
    except Exception as exc:  # the readers raise many kinds for a damaged file
        raise KitFault(f"cannot be drawn: {type(exc).__name__}: {_cut(str(exc), 120)}") from None
