"""Font files: can the PDF embed them, what they are called, which characters they have."""

from __future__ import annotations

import functools
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.brand import cmap

HEAD_MAGIC = 0x5F0F3CF5
MAX_TABLES = 200


class FontFault(Exception):
    """A font file the PDF writer cannot use, and why."""


@dataclass(frozen=True)
class FontInfo:
    """What the renderers need to know of a font file."""

    family: str
    weight: int
    characters: frozenset[int]


@functools.cache
def inspect_font(path: Path) -> FontInfo:
    """Family, weight and character set of a TrueType font; FontFault if it is unusable.

    The tables are read straight from the file (briefing.brand.cmap); a file that reader does
    not know (a WOFF, another character map format, a damaged table) is left to fontTools,
    which says what is wrong with it. The tables the PDF writer reads (head, hhea, maxp,
    hmtx, loca, glyf) are checked to lie inside the file and agree with each other.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FontFault(f"cannot read it ({exc.strerror})") from None
    if data[:4] not in (*cmap.SFNT_VERSIONS, b"ttcf"):
        raise FontFault("not a readable font file: a TrueType .ttf is needed (not WOFF or other)")
    check_structure(data)
    try:
        font = cmap.read_tables(path)
        family = cmap.family_name(font) or path.stem
        return FontInfo(family, cmap.weight_class(font), cmap.characters(font))
    except (cmap.Unreadable, OSError):
        return _inspect_with_fonttools(path)


def _check_outlines(tables: set[str]) -> None:
    if "CFF " in tables or "CFF2" in tables:
        raise FontFault(
            "PostScript (CFF) outlines, which the PDF writer cannot embed; "
            "use a TrueType (glyf) .ttf of the same family"
        )
    if "glyf" not in tables or "cmap" not in tables:
        raise FontFault("no TrueType outlines or character map")


def check_structure(data: bytes) -> None:
    """FontFault for a TrueType file whose tables run past its end, or whose head, hhea,
    maxp, hmtx, loca and glyf tables do not agree (a truncated or damaged file)."""
    at = 0
    if data[:4] == b"ttcf":
        at = _field(">L", data, 12)
    if data[at : at + 4] not in cmap.SFNT_VERSIONS:
        raise FontFault("not a readable font file: not TrueType or OpenType")
    count = _field(">H", data, at + 4)
    if count > MAX_TABLES:
        raise FontFault(f"{count} tables; a font has far fewer (the file is damaged)")
    tables: dict[str, bytes] = {}
    for i in range(count):
        tag, _sum, start, length = _unpack(">4sLLL", data, at + 12 + 16 * i)
        if start + length > len(data):
            name = tag.decode("latin-1", "replace")
            raise FontFault(f"the '{name}' table runs past the end of the file (it is truncated)")
        tables[tag.decode("latin-1")] = data[start : start + length]
    _check_outlines(set(tables))
    for tag in ("head", "hhea", "maxp", "hmtx", "loca", "glyf"):
        if tag not in tables:
            raise FontFault(f"no '{tag}' table, which the PDF writer needs")
    head, hhea, maxp = tables["head"], tables["hhea"], tables["maxp"]
    if _field(">L", head, 0) != 0x00010000 or _field(">L", head, 12) != HEAD_MAGIC:
        raise FontFault("the 'head' table is damaged (wrong version or magic number)")
    if _field(">L", hhea, 0) != 0x00010000:
        raise FontFault("the 'hhea' table is damaged (wrong version)")
    if _field(">L", maxp, 0) != 0x00010000:
        raise FontFault("the 'maxp' table is damaged (wrong version for TrueType outlines)")
    glyphs, metrics = _field(">H", maxp, 4), _field(">H", hhea, 34)
    if not 0 < metrics <= glyphs or len(tables["hmtx"]) < 4 * metrics + 2 * (glyphs - metrics):
        raise FontFault("the 'hmtx' table is shorter than the font's glyph count says")
    _check_loca(tables["loca"], glyphs, _field(">h", head, 50), len(tables["glyf"]))


def _check_loca(loca: bytes, glyphs: int, format_: int, glyf_length: int) -> None:
    if format_ not in (0, 1):
        raise FontFault("the 'head' table names an unknown 'loca' format")
    size = 4 if format_ else 2
    if len(loca) < size * (glyphs + 1):
        raise FontFault("the 'loca' table is shorter than the font's glyph count says")
    offsets = struct.unpack_from(f">{glyphs + 1}{'L' if format_ else 'H'}", loca)
    scale = 1 if format_ else 2
    previous = 0
    for offset in offsets:
        if offset < previous or offset * scale > glyf_length:
            raise FontFault("the 'loca' table points outside the 'glyf' table (it is damaged)")
        previous = offset


def _field(layout: str, data: bytes, offset: int) -> int:
    return int(_unpack(layout, data, offset)[0])


def _unpack(layout: str, data: bytes, offset: int) -> tuple[Any, ...]:
    try:
        return struct.unpack_from(layout, data, offset)
    except struct.error:
        raise FontFault("the file ends inside a table (it is truncated)") from None


def _inspect_with_fonttools(path: Path) -> FontInfo:
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(str(path), lazy=True, fontNumber=0)
        tables = set(font.keys())
        _check_outlines(tables)
        best = font["cmap"].getBestCmap() or {}
        family = font["name"].getBestFamilyName() if "name" in tables else None
        weight = font["OS/2"].usWeightClass if "OS/2" in tables else 400
    except FontFault:
        raise
    except Exception as exc:  # fontTools raises many kinds for a damaged file
        raise FontFault(f"not a readable font file ({type(exc).__name__}: {exc})") from None
    return FontInfo(family=family or path.stem, weight=weight, characters=frozenset(best))


@functools.cache
def open_as_the_build(path: Path) -> str:
    """Open a font with the readers the outputs use: reportlab (parsed, and every glyph
    subset as the PDF embeds them) and FreeType (matplotlib's charts); the family name
    FreeType reads, which the charts look the font up by. FontFault with their complaint."""
    try:
        from matplotlib import ft2font
        from reportlab.pdfbase.ttfonts import TTFontFile

        parsed = TTFontFile(str(path))
        codes = sorted(parsed.charToGlyph)
        for start in range(0, len(codes), 255):  # the PDF embeds subsets of 255 characters
            parsed.makeSubset(codes[start : start + 255])
        face = ft2font.FT2Font(str(path))
        indices = sorted(set(face.get_charmap().values()))
        for index in indices[:: max(1, len(indices) // 500)]:
            face.load_glyph(index)
        return str(face.family_name)
    except Exception as exc:  # reportlab and FreeType raise many kinds for a damaged file
        raise FontFault(
            f"the PDF or chart writer cannot read it ({type(exc).__name__}: {exc})"
        ) from None
