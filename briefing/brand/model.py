"""What renderers get of a brand kit: its colours, fonts, logos and page, all resolved.

Plain data with no reading or checking in it (that is briefing.brand.kit), so that a renderer
process imports it without the kit's validation machinery.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing.brand.colour import WHITE, ink_on, readable


@dataclass(frozen=True)
class Colours:
    """Resolved colours as #RRGGBB."""

    primary: str
    secondary: str
    tertiary: str
    foreground: str
    background: str
    light: str
    dark: str
    danger: str
    muted: str
    chart: tuple[str, ...]
    # The roles the chart colours are, where the kit gives no chart_palette; else ().
    chart_roles: tuple[str, ...] = ()

    def ink_on(self, fill: str) -> str:
        """White or the foreground, whichever reads better on this fill (WCAG contrast)."""
        return ink_on(fill, (WHITE, self.foreground))

    def readable(self, colour: str, fill: str, ratio: float = 4.5) -> str:
        """This colour on this fill if it reaches the ratio (3 for large text), else the ink."""
        return readable(colour, fill, (WHITE, self.foreground), ratio)

    def is_dark(self, fill: str) -> bool:
        """Whether white reads better than the foreground on this fill."""
        return self.ink_on(fill) == WHITE

    def palette(self, index: int) -> str:
        """The chart palette, cycled."""
        return self.chart[index % len(self.chart)]


@dataclass(frozen=True)
class Fonts:
    """Font files for the PDF and charts, and the names the deck asks for."""

    family: str
    regular: Path
    bold: Path
    deck_latin: str
    deck_east_asian: str


@dataclass(frozen=True)
class Logo:
    """One logo image: the file, a raster for the deck, and its alt text."""

    path: Path
    raster: Path | None
    alt: str


@dataclass(frozen=True)
class Logos:
    """Logos by size, each for light and dark backgrounds where given."""

    variants: dict[tuple[str, str], Logo] = field(default_factory=dict)

    def pick(self, size: str = "medium", *, on_dark: bool = False) -> Logo | None:
        """The best logo for a size and background: that size first, then the others."""
        sizes = [size, *(s for s in ("medium", "large", "small") if s != size)]
        modes = ("dark", "light") if on_dark else ("light", "dark")
        for s in sizes:
            for mode in modes:
                if (s, mode) in self.variants:
                    return self.variants[(s, mode)]
        return None


@dataclass(frozen=True)
class Page:
    """Paper size and margins, in millimetres, and the cover style."""

    size: str
    width_mm: float
    height_mm: float
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float
    cover: str


@dataclass(frozen=True)
class Brand:
    """Everything visual a renderer needs, already resolved and checked."""

    name: str
    short_name: str
    link: str | None
    colours: Colours
    fonts: Fonts
    logos: Logos
    page: Page
    base_size_pt: float
    line_height: float
    classification: str | None
    deck_template: Path | None
    source: Path
    warnings: tuple[str, ...] = ()
    pdfa: bool = False
    embed_fonts: bool = False
