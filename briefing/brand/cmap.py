"""A TrueType/OpenType font's tables read straight from the file: which characters it maps
(the `cmap` table, formats 4, 12 and 13), its family name and its weight.

This is all the build and `validate` need of a font; fontTools stays for subsetting and
inspection. Anything this reader does not know (a WOFF file, another character map format)
raises Unreadable, and the caller asks fontTools instead.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

# The Unicode character maps in the order fontTools' getBestCmap (and HarfBuzz) takes them.
PREFERRED = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))
SFNT_VERSIONS = (b"\x00\x01\x00\x00", b"OTTO", b"true")
FAMILY_NAMES = (21, 16, 1)  # WWS family, typographic family, family
WINDOWS_ENGLISH = (3, 0x409)
MAC_ENGLISH = (1, 0)
LAST_CODE_POINT = 0x10FFFF


class Unreadable(Exception):
    """A font file, or a part of it, that this reader does not read."""


READ = ("cmap", "name", "OS/2")  # the tables read; the outlines are only listed


@dataclass(frozen=True)
class FontTables:
    """The tables of one font in a file: every tag present, the bytes of those in READ."""

    tags: frozenset[str]
    read: dict[str, bytes]

    def table(self, tag: str) -> bytes:
        """The bytes of a table; Unreadable if the font has none."""
        if tag not in self.read:
            raise Unreadable(f"no '{tag}' table")
        return self.read[tag]


def read_tables(path: Path) -> FontTables:
    """The table directory of a font file (the first font of a collection) and the tables
    this reader needs, read without the rest of the file."""
    with path.open("rb") as file:
        head = file.read(12)
        offset = 0
        if head[:4] == b"ttcf":
            offset = _unpack(">L", head + file.read(4), 12)[0]
            file.seek(offset)
            head = file.read(12)
        if head[:4] not in SFNT_VERSIONS:
            raise Unreadable("not a TrueType or OpenType font")
        count = _unpack(">H", head, 4)[0]
        directory = file.read(16 * count)
        places = {}
        for i in range(count):
            tag, _checksum, start, length = _unpack(">4sLLL", directory, 16 * i)
            places[tag.decode("latin-1")] = (start, length)
        read = {}
        for tag in READ:
            if tag in places:
                start, length = places[tag]
                file.seek(start)
                read[tag] = file.read(length)
                if len(read[tag]) != length:
                    raise Unreadable(f"the '{tag}' table lies past the end of the file")
    return FontTables(frozenset(places), read)


def characters(font: FontTables) -> frozenset[int]:
    """The code points the font's best Unicode character map gives a glyph (not glyph 0),
    as fontTools' getBestCmap reads them."""
    cmap = font.table("cmap")
    count = _unpack(">H", cmap, 2)[0]
    subtables: dict[tuple[int, int], int] = {}
    for i in range(count):
        platform, encoding, offset = _unpack(">HHL", cmap, 4 + 8 * i)
        subtables.setdefault((platform, encoding), offset)
    for key in PREFERRED:
        if key in subtables:
            return _subtable(cmap, subtables[key])
    return frozenset()


def _subtable(cmap: bytes, offset: int) -> frozenset[int]:
    kind = _unpack(">H", cmap, offset)[0]
    if kind == 4:
        return _format_4(cmap, offset)
    if kind in (12, 13):
        return _format_12(cmap, offset, many_to_one=kind == 13)
    raise Unreadable(f"character map format {kind}")


def _format_4(cmap: bytes, offset: int) -> frozenset[int]:
    """Segments of 16-bit codes; the last (0xFFFF) is not read, as fontTools does not."""
    length, _language, double_count = _unpack(">HHH", cmap, offset + 2)
    count = double_count // 2
    words = (length - 14) // 2 - 1  # 16-bit words after the header and the reserved pad
    if words < 4 * count or offset + length > len(cmap):
        raise Unreadable("character map format 4 is truncated")
    ends = _unpack(f">{count}H", cmap, offset + 14)
    rest = _unpack(f">{words - count}H", cmap, offset + 16 + 2 * count)
    starts, deltas, range_offsets = rest[:count], rest[count : 2 * count], rest[2 * count :]
    glyph_ids = range_offsets[count:]
    codes: set[int] = set()
    for i in range(count - 1):
        start, end, delta, range_offset = starts[i], ends[i], deltas[i], range_offsets[i]
        if range_offset == 0:
            codes.update(c for c in range(start, end + 1) if (c + delta) & 0xFFFF)
            continue
        shift = range_offset // 2 - start + i - count
        for code in range(start, end + 1):
            index = code + shift
            if not 0 <= index < len(glyph_ids):
                raise Unreadable("character map format 4 points past its glyph array")
            glyph = glyph_ids[index]
            if glyph and (glyph + delta) & 0xFFFF:
                codes.add(code)
    return frozenset(codes)


def _format_12(cmap: bytes, offset: int, *, many_to_one: bool) -> frozenset[int]:
    """Groups of 32-bit code ranges, clamped and ordered as fontTools (after HarfBuzz) reads
    them: a group past U+10FFFF is cut there, one inverted or starting before the last one
    ends is skipped."""
    length, _language, count = _unpack(">LLL", cmap, offset + 4)
    if length != 16 + 12 * count or offset + length > len(cmap):
        raise Unreadable("character map format 12 is truncated or inconsistent")
    groups = _unpack(f">{3 * count}L", cmap, offset + 16)
    spans: list[range] = []
    last_end = 0
    for start, end, glyph in zip(*[iter(groups)] * 3, strict=True):
        end = min(end, LAST_CODE_POINT)
        if start > end or start < last_end:
            continue
        last_end = end
        if glyph == 0:  # the missing glyph maps nothing: all of a format 13 group, the
            if many_to_one:  # first code point of a format 12 one
                continue
            start += 1
        spans.append(range(start, end + 1))
    return frozenset(chain.from_iterable(spans))


def family_name(font: FontTables) -> str | None:
    """The font's family as fontTools' getBestFamilyName gives it: the WWS family, else the
    typographic family, else the family; each in Windows English if there is one."""
    if "name" not in font.read:
        return None
    name = font.table("name")
    _format, count, strings = _unpack(">HHH", name, 0)
    records = [_unpack(">6H", name, 6 + 12 * i) for i in range(count)]
    for wanted in FAMILY_NAMES:
        english = mac = some = None
        for platform, encoding, language, name_id, length, start in records:
            if name_id != wanted:
                continue
            text = _decoded(name[strings + start : strings + start + length], platform, encoding)
            if text is None:
                continue
            some = text
            if (platform, language) == WINDOWS_ENGLISH:
                english = text
                break
            if (platform, language) == MAC_ENGLISH and mac is None:
                mac = text
        found = english or mac or some
        if found is not None:
            return found
    return None


def _decoded(raw: bytes, platform: int, encoding: int) -> str | None:
    """A name record's text, for the encodings fonts use for family names."""
    if platform in (0, 3):
        codec = "utf_16_be"
    elif (platform, encoding) == (1, 0):
        codec = "mac_roman"
    else:
        raise Unreadable(f"name record of platform {platform}, encoding {encoding}")
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return None


def weight_class(font: FontTables) -> int:
    """usWeightClass of the OS/2 table; 400 without one."""
    if "OS/2" not in font.read:
        return 400
    return int(_unpack(">H", font.table("OS/2"), 4)[0])


def _unpack(layout: str, data: bytes, offset: int) -> tuple[Any, ...]:
    try:
        return struct.unpack_from(layout, data, offset)
    except struct.error:
        raise Unreadable("the file ends inside a table") from None
