"""Font files: can the PDF embed them, what they are called, which characters they have."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path


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
    """Family, weight and character set of a TrueType font; FontFault if it is unusable."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(str(path), lazy=True, fontNumber=0)
        tables = set(font.keys())
    except (TTLibError, OSError, AssertionError, ValueError) as exc:
        raise FontFault(f"not a readable font file ({exc})") from None
    if "CFF " in tables or "CFF2" in tables:
        raise FontFault(
            "PostScript (CFF) outlines, which the PDF writer cannot embed; "
            "use a TrueType (glyf) .ttf of the same family"
        )
    if "glyf" not in tables or "cmap" not in tables:
        raise FontFault("no TrueType outlines or character map")
    best = font["cmap"].getBestCmap() or {}
    names = font["name"]
    family = names.getBestFamilyName() or path.stem
    weight = font["OS/2"].usWeightClass if "OS/2" in tables else 400
    return FontInfo(family=family, weight=weight, characters=frozenset(best))
