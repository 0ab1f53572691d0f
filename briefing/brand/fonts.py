"""Font files: can the PDF embed them, what they are called, which characters they have."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from briefing.brand import cmap


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
    which says what is wrong with it.
    """
    try:
        font = cmap.read_tables(path)
        _check_outlines(set(font.tags))
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


def _inspect_with_fonttools(path: Path) -> FontInfo:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(str(path), lazy=True, fontNumber=0)
        tables = set(font.keys())
    except (TTLibError, OSError, AssertionError, ValueError) as exc:
        raise FontFault(f"not a readable font file ({exc})") from None
    _check_outlines(tables)
    best = font["cmap"].getBestCmap() or {}
    names = font["name"]
    family = names.getBestFamilyName() or path.stem
    weight = font["OS/2"].usWeightClass if "OS/2" in tables else 400
    return FontInfo(family=family, weight=weight, characters=frozenset(best))
