"""The font reader of the build path: the same characters, family and weight as fontTools."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

from briefing.brand import cmap
from briefing.brand.fonts import FontFault, inspect_font
from briefing.paths import BUNDLED_FONTS

pytestmark = pytest.mark.unit

BUNDLED = sorted(Path(BUNDLED_FONTS).glob("*.ttf"))


def test_the_bundled_fonts_are_there_to_compare():
    assert len(BUNDLED) >= 2


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_fonts_read_as_fonttools_reads_them(path):
    font = TTFont(str(path), lazy=True)
    tables = cmap.read_tables(path)
    assert cmap.characters(tables) == set(font["cmap"].getBestCmap())
    assert cmap.family_name(tables) == font["name"].getBestFamilyName()
    assert cmap.weight_class(tables) == font["OS/2"].usWeightClass
    info = inspect_font(path)
    assert info.characters == frozenset(font["cmap"].getBestCmap())
    assert (info.family, info.weight) == ("Noto Sans SC", font["OS/2"].usWeightClass)


def tiny_font(path: Path, mapping: dict[int, str], *, family: str = "Tiny Test") -> None:
    """A TrueType font of a few square glyphs, mapped as given (fontTools writes format 4
    for the BMP and format 12 beside it when a code point lies past it)."""
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((0, 500))
    pen.lineTo((500, 0))
    pen.closePath()
    names = [".notdef", *dict.fromkeys(mapping.values())]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap(mapping)
    builder.setupGlyf({name: pen.glyph() for name in names})
    builder.setupHorizontalMetrics({name: (500, 0) for name in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": family, "styleName": "Bold"})
    builder.setupOS2(usWeightClass=700)
    builder.setupPost()
    builder.save(str(path))


def fonttools_set(path: Path) -> set[int]:
    return set(TTFont(str(path))["cmap"].getBestCmap())


def test_a_bmp_font_reads_its_format_4_map(tmp_path):
    path = tmp_path / "bmp.ttf"
    # runs of consecutive glyphs (delta segments) and scattered ones (glyph array segments)
    mapping = {0x41 + i: f"g{i}" for i in range(26)}
    mapping |= {0x4E00 + 7 * i: f"h{i}" for i in range(40)}
    mapping |= {0x3002: "g3", 0xFF0C: "g4", 0xFFFD: "h1"}  # shared glyphs, the BMP's end
    tiny_font(path, mapping)
    tables = cmap.read_tables(path)
    assert cmap.characters(tables) == fonttools_set(path) == set(mapping)
    assert cmap.family_name(tables) == "Tiny Test"
    assert cmap.weight_class(tables) == 700


def test_a_font_past_the_bmp_reads_its_format_12_map(tmp_path):
    path = tmp_path / "wide.ttf"
    mapping = {0x41: "a", 0x42: "b", 0x20000: "c", 0x20001: "d", 0x2A6D6: "a", 0x1F600: "e"}
    tiny_font(path, mapping)
    formats = {t.format for t in TTFont(str(path))["cmap"].tables}
    assert 12 in formats
    assert cmap.characters(cmap.read_tables(path)) == fonttools_set(path) == set(mapping)


def test_format_13_and_missing_glyph_groups_read_as_fonttools(tmp_path):
    path = tmp_path / "last-resort.ttf"
    tiny_font(path, {0x41: "a", 0x42: "b"})
    font = TTFont(str(path))
    table = newTable("cmap")
    table.tableVersion = 0
    many = CmapSubtable.newSubtable(13)
    many.platformID, many.platEncID, many.language = 3, 10, 0
    many.cmap = {0x3000 + i: "a" for i in range(300)} | {0x20000 + i: "b" for i in range(5)}
    table.tables = [many]
    font["cmap"] = table
    font.save(str(path))
    read = cmap.characters(cmap.read_tables(path))
    assert read == fonttools_set(path)
    assert 0x3000 in read and 0x20004 in read and 0x41 not in read


def test_a_font_without_a_unicode_map_has_no_characters(tmp_path):
    path = tmp_path / "symbols.ttf"
    tiny_font(path, {0x41: "a"})
    font = TTFont(str(path))
    subtables = font["cmap"].tables
    del subtables[1:]
    subtables[0].platformID, subtables[0].platEncID = 3, 0  # Windows symbol
    font.save(str(path))
    assert cmap.characters(cmap.read_tables(path)) == frozenset()
    assert TTFont(str(path))["cmap"].getBestCmap() is None


def test_what_the_reader_does_not_know_is_left_to_fonttools(tmp_path):
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font at all")
    with pytest.raises(cmap.Unreadable):
        cmap.read_tables(broken)
    with pytest.raises(FontFault, match="not a readable font file"):
        inspect_font(broken)
    cut = tmp_path / "cut.ttf"
    cut.write_bytes(BUNDLED[0].read_bytes()[:20])
    with pytest.raises(cmap.Unreadable):
        cmap.read_tables(cut)


def test_a_font_without_outlines_is_refused(tmp_path):
    path = tmp_path / "no-glyf.ttf"
    tiny_font(path, {0x41: "a"})
    font = TTFont(str(path))
    del font["glyf"]
    del font["loca"]
    font.save(str(path))
    with pytest.raises(FontFault, match="no TrueType outlines"):
        inspect_font(path)
