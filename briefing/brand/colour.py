"""Colour arithmetic shared by every output: parse, mix, WCAG contrast, ink on a fill."""

from __future__ import annotations

from collections.abc import Sequence

WHITE = "#FFFFFF"


def channels(colour: str) -> tuple[int, int, int]:
    """'#RRGGBB' (or '#RGB') as three 0–255 values."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def mix(a: str, b: str, share_of_a: float) -> str:
    """A colour between a and b, as #RRGGBB: share_of_a 1 is a, 0 is b."""
    return "#" + "".join(
        f"{round(x * share_of_a + y * (1 - share_of_a)):02X}"
        for x, y in zip(channels(a), channels(b), strict=True)
    )


def luminance(colour: str) -> float:
    """Relative luminance of a colour (WCAG 2)."""
    linear = [
        v / 255 / 12.92 if v <= 10 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in channels(colour)
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def ink_on(fill: str, inks: Sequence[str]) -> str:
    """Of these text colours, the one that reads best on the fill (highest WCAG contrast);
    the first wins a tie. The one rule every output uses to put text on a coloured fill."""
    return max(inks, key=lambda ink: (contrast(ink, fill), -inks.index(ink)))


def readable(colour: str, fill: str, inks: Sequence[str], ratio: float = 4.5) -> str:
    """This colour on this fill if it reaches the ratio (4.5 body text, 3 large text), else
    the best of the inks."""
    return colour if contrast(colour, fill) >= ratio else ink_on(fill, inks)
