"""Where things go on a slide: boxes in points and the brand master's fixed places.

Pure Python: the slide plan lays out with these, and only the drawing turns them into EMU.
"""

from __future__ import annotations

from dataclasses import dataclass

EMU_PER_PT = 12700
SLIDE_W, SLIDE_H = 12192000, 6858000  # EMU: 13.333 × 7.5 in, 16:9
MARGIN = 0.6 * 72  # points
BODY_TOP, BODY_BOTTOM = 1.45 * 72, 6.85 * 72
GAP = 0.22 * 72
INSET = 0.1 * 72
TILE_INSET = 0.16 * 72
CARD_INSET = 0.5 * 72  # a lead alone on its slide, on a card filling the body
MAX_TILE_W = 7.0 * 72  # tiles fill their area, but a lone one does not run across the slide
TILE_BAR_W = 0.07 * 72
AGENDA_MIN_ROW, AGENDA_MAX_ROW = 0.62 * 72, 1.4 * 72
PLATE_PAD = 0.1 * 72  # a plate behind a logo drawn for the other kind of background


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in points."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        """Its right edge."""
        return self.x + self.w

    @property
    def bottom(self) -> float:
        """Its bottom edge."""
        return self.y + self.h

    def emu(self) -> tuple[int, int, int, int]:
        """Position and size in EMU, as python-pptx wants them."""
        return (
            round(self.x * EMU_PER_PT),
            round(self.y * EMU_PER_PT),
            round(self.w * EMU_PER_PT),
            round(self.h * EMU_PER_PT),
        )

    def below(self, height: float) -> Box:
        """What is left of this box under a strip of the given height."""
        return Box(self.x, self.y + height, self.w, max(self.h - height, 0.0))

    def inset(self, by: float) -> Box:
        """This box shrunk by a margin on every side (grown if negative)."""
        return Box(self.x + by, self.y + by, self.w - 2 * by, self.h - 2 * by)

    def overlaps(self, other: Box) -> bool:
        """Whether the two share any area."""
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    @classmethod
    def from_emu(cls, x: int, y: int, w: int, h: int) -> Box:
        """A box from a position and size in EMU."""
        return cls(x / EMU_PER_PT, y / EMU_PER_PT, w / EMU_PER_PT, h / EMU_PER_PT)


# The brand's master: fixed places on a 16:9 slide.
PAGE_W, PAGE_H = SLIDE_W / EMU_PER_PT, SLIDE_H / EMU_PER_PT
BODY = Box(MARGIN, BODY_TOP, PAGE_W - 2 * MARGIN, BODY_BOTTOM - BODY_TOP)
BAND = Box(0, 0, PAGE_W, 0.14 * 72)
TITLE = Box(MARGIN, 0.36 * 72, PAGE_W - 2 * MARGIN, 0.85 * 72)
RULE = Box(MARGIN, 1.22 * 72, 1.2 * 72, 0.05 * 72)
FOOTER = Box(MARGIN, 7.0 * 72, 8 * 72, 0.35 * 72)
PAGE_NUMBER = Box(PAGE_W - MARGIN - 1.2 * 72, 7.0 * 72, 1.2 * 72, 0.35 * 72)
HEADER_LOGO = Box(PAGE_W - MARGIN - 2.2 * 72, TITLE.y + 0.16 * 72, 2.2 * 72, 0.53 * 72)  # right
COVER_LOGO = Box(MARGIN, 0.6 * 72, 4.0 * 72, 1.1 * 72)  # left, above the accent bar
COVER_ACCENT = Box(MARGIN, 2.2 * 72, 1.6 * 72, 0.08 * 72)
COVER_TEXT = Box(MARGIN, 2.45 * 72, BODY.w, PAGE_H - MARGIN - 2.45 * 72)
COVER_GAP = 0.2 * 72  # between a cover's headline and its lines
DIVIDER_PANEL = Box(0, 0, 3.9 * 72, PAGE_H)  # the coloured block left of a section divider
DIVIDER_NUMERAL = Box(0, PAGE_H * 0.25, DIVIDER_PANEL.w, PAGE_H * 0.5)
# Right of the divider's block: its label, title, rule and summary, stacked and centred down.
DIVIDER_COLUMN = Box(
    DIVIDER_PANEL.right + MARGIN,
    1.2 * 72,
    PAGE_W - DIVIDER_PANEL.right - 2 * MARGIN,
    BODY_BOTTOM - 1.2 * 72,
)


# A chart slide's caption, and a ranking drawn with native shapes: the deck's charts draw with
# these and the slide composer judges from them whether a ranking fits a narrower box.
CHART_TITLE_SIZE = 20
RANK_SIZE, RANK_BIG = 18, 28  # names and printed positions; a rank without a list size
MAX_RANK_ROW = 1.4 * 72
# Of the width, the ranked names take the least of these that holds them.
RANK_NAME_SHARES = (0.28, 0.32, 0.36, 0.4, 0.45, 0.5)
CHART_CARD_PAD = TILE_INSET  # a ranking or a ring on its card stands this far in from its edges
