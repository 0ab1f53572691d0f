"""Themes: the brand in PowerPoint's colour picker and font menus, or a template's theme as
the colours and faces of the deck's own shapes."""

from __future__ import annotations

import itertools
from dataclasses import replace

from pptx.presentation import Presentation

from briefing.brand.colour import contrast, mix
from briefing.brand.model import Brand, Colours
from briefing.render.pptx import parts


def accent_colours(colours: Colours) -> list[str]:
    """Six accents: the chart palette in order, then primary, secondary, tertiary and muted,
    then tints of those if the brand has fewer than six distinct colours."""
    found: list[str] = []
    for colour in (*colours.chart, colours.primary, colours.secondary, colours.tertiary):
        if colour.upper() not in found:
            found.append(colour.upper())
    if colours.muted.upper() not in found:
        found.append(colours.muted.upper())
    base = list(found)
    for colour in itertools.cycle(base):
        if len(found) >= 6:
            break
        found.append(mix(colour, colours.background, 0.55))
    return found[:6]


def theme_colours(colours: Colours) -> dict[str, str]:
    """The twelve colours of a theme's colour scheme, slot by slot."""
    accents = accent_colours(colours)
    return {
        "dk1": colours.foreground,
        "lt1": colours.background,
        "dk2": colours.primary,
        "lt2": colours.light,
        **{f"accent{i}": colour for i, colour in enumerate(accents, 1)},
        "hlink": colours.secondary,
        "folHlink": colours.muted,
    }


def brand_themes(prs: Presentation, brand: Brand) -> None:
    """Write the brand's colours and deck fonts into every theme of the presentation."""
    colours = theme_colours(brand.colours)
    fonts = brand.fonts
    for part in parts.theme_parts(prs):
        parts.write_theme(part, brand.short_name, colours, fonts.deck_latin, fonts.deck_east_asian)


def embedding_brand(brand: Brand) -> Brand:
    """The brand as a deck that carries its fonts names them: the family of the brand's
    font files for Latin and East Asian text alike, whatever deck_fonts names for readers
    who must have the face installed."""
    family = brand.fonts.family
    fonts = replace(brand.fonts, deck_latin=family, deck_east_asian=family)
    return replace(brand, fonts=fonts)


def template_brand(brand: Brand, prs: Presentation) -> Brand:
    """The brand as the template's theme overrides it: its colours and its Latin face win;
    its East Asian face where it names one, else the brand's (runs always name one)."""
    theme = parts.master_theme(prs)
    latin, ea = parts.body_fonts(theme)
    fonts = replace(
        brand.fonts,
        deck_latin=latin if latin and not latin.startswith("+") else brand.fonts.deck_latin,
        deck_east_asian=ea if ea and not ea.startswith("+") else brand.fonts.deck_east_asian,
    )
    colours = scheme_colours(parts.scheme_colours(theme), brand.colours)
    return replace(brand, colours=colours, fonts=fonts)


def scheme_colours(scheme: dict[str, str], fallback: Colours) -> Colours:
    """Colours for the deck's own shapes (tiles, bullets, charts) from a theme's scheme."""
    foreground = scheme.get("dk1", fallback.foreground)
    background = scheme.get("lt1", fallback.background)
    accents = [scheme[f"accent{i}"] for i in range(1, 7) if f"accent{i}" in scheme]
    primary = accents[0] if accents else scheme.get("dk2", fallback.primary)
    if contrast(primary, background) < 3:  # a pale first accent: the dark text colour 2
        primary = scheme.get("dk2", foreground)
    return Colours(
        primary=primary,
        secondary=accents[1] if len(accents) > 1 else primary,
        tertiary=accents[2] if len(accents) > 2 else primary,
        foreground=foreground,
        background=background,
        light=mix(primary, background, 0.1),
        dark=scheme.get("dk2", foreground),
        danger=fallback.danger,
        muted=mix(foreground, background, 0.62),
        chart=tuple(accents) or fallback.chart,
    )
