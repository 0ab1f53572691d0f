"""Which colour role paints which text on which fill, in the report, the deck and the charts,
and how well each pair reads (WCAG 2 contrast) in a resolved brand.

PAIRS mirrors the renderers (briefing/render/pdf, briefing/render/pptx, briefing/charts): keep
it in step when they change what colours a text. Each pair says how the renderer picks the
colour the reader sees:

- FIXED: the text colour as it is, however it reads;
- READABLE: the text colour if it reaches the renderer's `floor` on the fill, else the ink
  (Colours.readable);
- INK: white or the foreground, whichever reads better on the fill (Colours.ink_on).

WCAG AA asks 4.5:1 of text, 3:1 of large text (18 pt and up, or 14 pt bold and up). A pair the
reader sees below that is a warning; a pair whose brand colour the renderer replaces with an
ink that reads is a note (the output reads, but not in the colour the kit chose).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefing.brand.colour import WHITE, contrast, ink_on

if TYPE_CHECKING:
    from briefing.brand.kit import Brand, Colours

NORMAL, LARGE = 4.5, 3.0
BASE_PT = 10.5  # the report's sizes below are for this base size and scale with the brand's

# How a renderer picks the colour of a text.
FIXED, READABLE, INK = "fixed", "readable", "ink"
# Roles besides the Colours fields: the PDF's page (reportlab paints none: white paper),
# white as written in a renderer, and each colour of the chart palette.
PAPER, WHITE_TEXT, PALETTE = "paper", "white", "palette"
COVERS = frozenset({"band", "full", "plain"})
Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Pair:
    """A text colour on a fill, where an output uses it, at what size and by which rule."""

    output: str  # report, deck or charts
    where: str
    text: str  # a Colours field, WHITE_TEXT or PALETTE (INK: unused, the rule picks)
    fill: str  # a Colours field, PAPER or PALETTE
    size: float  # points (report: at the 10.5 pt base, unless fixed_size)
    bold: bool = False
    smallest: float | None = None  # points it may shrink to, where it shrinks to fit
    rule: str = FIXED
    floor: float = NORMAL  # READABLE: the ratio the renderer asks of the text colour
    covers: frozenset[str] = COVERS  # the report's cover styles it is on
    classification: bool = False  # only where the kit sets a classification line
    first_colour: bool = False  # PALETTE: only the palette's first colour (a share alone)
    fixed_size: bool = False  # a report size that does not follow the base size


def _report(where: str, text: str, fill: str, size: float, **more: Any) -> Pair:
    return Pair("report", where, text, fill, size, **more)


def _deck(where: str, text: str, fill: str, size: float, **more: Any) -> Pair:
    return Pair("deck", where, text, fill, size, **more)


def _chart(where: str, text: str, fill: str, size: float, **more: Any) -> Pair:
    return Pair("charts", where, text, fill, size, **more)


PLAIN_BAND = frozenset({"band", "plain"})
FULL = frozenset({"full"})
PAIRS: tuple[Pair, ...] = (
    # The report's cover (blocks.cover_styles, pages.draw_cover_page).
    _report("cover eyebrow (region and period)", "secondary", PAPER, 14, bold=True,
            covers=PLAIN_BAND),
    _report("cover title", "primary", PAPER, 30, bold=True, covers=PLAIN_BAND),
    _report("cover subtitle", "muted", PAPER, 15, covers=PLAIN_BAND),
    _report("cover issuer and date", "foreground", PAPER, 12, covers=PLAIN_BAND),
    _report("cover classification", "danger", PAPER, 12, bold=True, covers=PLAIN_BAND,
            classification=True),
    _report("cover short name (plain cover)", "primary", PAPER, 13, bold=True,
            covers=frozenset({"plain"}), fixed_size=True),
    _report("cover short name on the band", INK, "primary", 13, bold=True, rule=INK,
            covers=frozenset({"band"}), fixed_size=True),
    _report("cover eyebrow (full cover)", "tertiary", "primary", 14, bold=True, rule=READABLE,
            floor=LARGE, covers=FULL),
    _report("cover title (full cover)", INK, "primary", 30, bold=True, rule=INK, covers=FULL),
    _report("cover subtitle (full cover)", "light", "primary", 15, rule=READABLE, covers=FULL),
    _report("cover issuer, date and short name (full cover)", INK, "primary", 12, rule=INK,
            covers=FULL),
    _report("cover classification (full cover)", "tertiary", "primary", 12, bold=True,
            rule=READABLE, floor=LARGE, covers=FULL, classification=True),
    # The report's pages (pages.draw_page, styles.paragraph_styles, flowables).
    _report("running header title, page number", "primary", PAPER, 8, bold=True),
    _report("running header chapter, footer issuer", "muted", PAPER, 8),
    _report("footer classification", "danger", PAPER, 8, classification=True),
    _report("chapter eyebrow", "secondary", PAPER, 10, bold=True),
    _report("chapter headings", "primary", PAPER, 18, bold=True),
    _report("section headings, strong table cells", "primary", PAPER, 9.5, bold=True),
    _report("body text, contents, sources, table cells", "foreground", PAPER, 9.5),
    _report("captions, notes, row numbers", "muted", PAPER, 8),
    _report("lead text, tile labels, tinted table rows", "foreground", "light", 9),
    _report("tile values", "primary", "light", 20, bold=True, smallest=12),
    _report("pledge names, strong cells in tinted rows", "primary", "light", 9.5, bold=True),
    _report("notes and row numbers in tinted rows", "muted", "light", 8),
    _report("tile notes (change, standing)", "secondary", "light", 8),
    _report("table header", WHITE_TEXT, "primary", 9.5, bold=True),
    # The deck on the brand's master (masters, draw, charts).
    _deck("cover and closing headline", INK, "primary", 44, bold=True, smallest=24, rule=INK),
    _deck("cover and closing strong lines", INK, "primary", 20, smallest=14, rule=INK),
    _deck("cover and closing other lines", "light", "primary", 24, smallest=14, rule=READABLE),
    _deck("cover classification", INK, "primary", 16, bold=True, smallest=14, rule=INK,
          classification=True),
    _deck("slide titles, divider titles", "primary", "background", 36, bold=True, smallest=16),
    _deck("lead claims, group headings, chart captions", "primary", "background", 20,
          bold=True, smallest=14),
    _deck("body text, lead, chart labels", "foreground", "background", 20, smallest=14),
    _deck("footer, slide number", "muted", "background", 10, smallest=8),
    _deck("footer classification", "primary", "background", 10, bold=True, rule=READABLE,
          classification=True),
    _deck("agenda and divider numbers", WHITE_TEXT, "primary", 120, bold=True, smallest=16,
          rule=READABLE, floor=LARGE),
    _deck("lead alone on a card", "foreground", "light", 28, smallest=14),
    _deck("claims on a lead card", "primary", "light", 28, bold=True, smallest=14),
    _deck("agenda titles", "foreground", "light", 24, bold=True, smallest=16),
    _deck("divider eyebrow", "secondary", "background", 20, bold=True, rule=READABLE,
          floor=LARGE),
    _deck("figure tile values", "primary", "light", 36, bold=True, smallest=20, rule=READABLE,
          floor=LARGE),
    _deck("ranking tile values", "secondary", "light", 36, bold=True, smallest=20,
          rule=READABLE, floor=LARGE),
    _deck("tile labels", "foreground", "light", 18, smallest=14),
    _deck("tile notes", "muted", "light", 15, smallest=14, rule=READABLE),
    _deck("value axis of line charts", "muted", "background", 14),
    _deck("ranking ends (first, last place), on a chart card", "muted", "light", 14,
          rule=READABLE),
    _deck("caption of a ranking or ring, on a chart card", "primary", "light", 20, bold=True,
          smallest=18, rule=READABLE, floor=LARGE),
    _deck("ranked names, ring label, on a chart card", "foreground", "light", 18, smallest=14),
    _deck("ranking position without a list size (badge)", INK, PALETTE, 28, bold=True,
          smallest=18, rule=INK),
    _deck("value in a ring (a share alone)", PALETTE, "light", 54, bold=True, smallest=20,
          rule=READABLE, floor=LARGE, first_colour=True),
    # The charts (matplotlib: the report's figures and `briefing charts`).
    _chart("labels, legends and values beside bars", "foreground", "background", 9,
           smallest=7.5),
    _chart("ticks, units, ranking ends", "muted", "background", 7.5),
    _chart("values inside bar ends", INK, PALETTE, 9, bold=True, rule=INK),
    _chart("ranking position without a list size (badge)", INK, PALETTE, 13.5, bold=True,
           rule=INK),
    _chart("value in a ring (a share alone)", PALETTE, "background", 22, bold=True,
           rule=READABLE, floor=LARGE, first_colour=True),
)  # fmt: skip


@dataclass(frozen=True)
class Finding:
    """Pairs that read badly in a brand, with the same verdict: where, what, what to change."""

    where: tuple[str, ...]
    text: str
    note: bool  # the renderer prints an ink that reads instead of the brand colour
    change: tuple[Loc, ...]  # brand-file keys that would fix it, the likeliest first

    def __str__(self) -> str:
        return f"{'; '.join(self.where)}: {self.text}"

    def loc(self, data: Mapping[str, Any]) -> Loc:
        """The first key to change that the brand file writes, else its color section."""
        for loc in self.change:
            node: Any = data
            for key in loc:
                found = isinstance(node, Mapping) and key in node
                listed = isinstance(node, list) and isinstance(key, int) and key < len(node)
                if not (found or listed):
                    break
                node = node[key]
            else:
                return loc
        return ("color",)


def contrast_findings(brand: Brand) -> list[Finding]:
    """Every pair of the brand's outputs that reads below WCAG AA or is printed in a
    substitute ink, grouped by verdict, in PAIRS order."""
    grouped: dict[tuple[bool, str], tuple[list[str], tuple[Loc, ...]]] = {}
    for pair in used_pairs(brand):
        for where, verdict in _verdicts(pair, brand):
            places, _ = grouped.setdefault(verdict[:2], ([], verdict[2]))
            places.append(where)
    return [Finding(tuple(w), text, note, change) for (note, text), (w, change) in grouped.items()]


def contrast_warnings(brand: Brand) -> list[str]:
    """Every finding as a line: the texts that read below WCAG AA first, then the notes on
    brand colours a renderer replaces with an ink that reads."""
    findings = contrast_findings(brand)
    return [str(f) for f in findings if not f.note] + [str(f) for f in findings if f.note]


def contrast_summary(brand: Brand) -> list[str]:
    """How many text-on-fill pairs the kit's outputs use, how many read below WCAG AA (the
    kit's warnings), and each brand colour a renderer swaps for an ink that reads."""
    checked = sum(len(_expand(p, brand.colours)) for p in used_pairs(brand))
    findings = contrast_findings(brand)
    low = sum(len(f.where) for f in findings if not f.note)
    notes = [str(f) for f in findings if f.note]
    swapped = sum(len(f.where) for f in findings if f.note)
    if not low and not swapped:
        return [f"{checked} text-on-fill pairs, all at WCAG AA or better"]
    head = f"{checked} text-on-fill pairs, " + (
        f"{low} below WCAG AA (see the warnings)" if low else "none below WCAG AA"
    )
    if swapped:
        head += f", {swapped} printed in white or the foreground instead of the brand colour:"
    return [head, *notes]


def used_pairs(brand: Brand) -> list[Pair]:
    """The pairs this kit's outputs draw: its cover style, its classification line or not."""
    return [
        p
        for p in PAIRS
        if brand.page.cover in p.covers and (brand.classification or not p.classification)
    ]


# ── One pair in one brand ──────────────────────────────────────────────────


def _expand(pair: Pair, colours: Colours) -> list[tuple[str, str, str, str, tuple[Loc, ...]]]:
    """The pair's (where, text colour, fill colour, name, fixes) for each palette colour."""
    if PALETTE not in (pair.text, pair.fill):
        text = WHITE if pair.text in (WHITE_TEXT, INK) else _hex(pair.text, colours)
        return [(pair.where, text, _hex(pair.fill, colours), "", ())]
    out = []
    for i, colour in enumerate(colours.chart[:1] if pair.first_colour else colours.chart):
        text = colour if pair.text == PALETTE else WHITE
        fill = colour if pair.fill == PALETTE else _hex(pair.fill, colours)
        number = f"{i + 1}"
        change: tuple[Loc, ...] = (("defaults", "briefing", "chart_palette", i),)
        if i < len(colours.chart_roles):  # no chart_palette: the charts use these roles
            role = colours.chart_roles[i]
            number += f" ({role})"
            change = (("color", role), ("defaults", "briefing", "chart_palette"))
        out.append((pair.where, text, fill, number, change))
    return out


Verdict = tuple[bool, str, tuple[Loc, ...]]  # note?, what it says, the keys that fix it


def _verdicts(pair: Pair, brand: Brand) -> list[tuple[str, Verdict]]:
    """(where, verdict) for each way this pair reads badly in the brand."""
    need, size = _need(pair, brand)
    out = []
    for where, text, fill, number, palette_fix in _expand(pair, brand.colours):
        found = _judge(pair, brand.colours, (need, size), (text, fill, number), palette_fix)
        if found:
            out.append((f"{pair.output} {where}", found))
    return out


def _need(pair: Pair, brand: Brand) -> tuple[float, str]:
    """WCAG AA's ratio for the pair's text at the brand's sizes, and those sizes in words."""
    scale = 1.0 if pair.output != "report" or pair.fixed_size else brand.base_size_pt / BASE_PT
    high = pair.size * scale
    low = min(high, pair.smallest or high)
    large = low >= 18 or (pair.bold and low >= 14)
    sizes = f"{_pt(low)}–{_pt(high)} pt" if high - low > 0.05 else f"{_pt(high)} pt"
    sizes += " bold" if pair.bold else ""
    return (LARGE, f"large text ({sizes})") if large else (NORMAL, f"{sizes} text")


def _judge(
    pair: Pair,
    colours: Colours,
    wanted: tuple[float, str],
    seen: tuple[str, str, str],
    palette_fix: tuple[Loc, ...],
) -> Verdict | None:
    """What the reader sees of one text colour on one fill, if it falls short or is swapped."""
    (need, size), (text, fill, number) = wanted, seen
    wcag = f"below WCAG's {need:g}:1 for {size}"
    fill_name = _name(pair.fill, fill, number)
    ink = ink_on(fill, (WHITE, colours.foreground))
    by_ink = palette_fix + _fixes(pair.fill) + _fixes("foreground")
    if pair.rule == INK:
        ratio = contrast(ink, fill)
        if ratio >= need:
            return None
        said = f"{_ink_name(ink, colours)} on {fill_name} is {_ratio(ratio)}"
        better = f"{said}, the better of white and the foreground, {wcag}"
        return False, f"{better} — change {_keys(by_ink)}", by_ink
    fixes = palette_fix + _fixes(pair.text) + _fixes(pair.fill)
    ratio = contrast(text, fill)
    said = f"{_name(pair.text, text, number)} on {fill_name} is {_ratio(ratio)}"
    if pair.rule == FIXED or ratio >= pair.floor:
        if ratio >= need:
            return None
        kept = "" if pair.rule == FIXED else f" ({_asks(pair)} only {pair.floor:g}:1)"
        return False, f"{said}, {wcag}{kept} — change {_keys(fixes)}", fixes
    swapped = (
        f"{said}, under the {pair.floor:g}:1 {_asks(pair)} of it, so it is printed "
        f"{_ink_name(ink, colours, printed=True)} instead"
    )
    ratio = contrast(ink, fill)
    if ratio < need:
        return False, f"{swapped}, {_ratio(ratio)}, {wcag} — change {_keys(by_ink)}", by_ink
    role = _name(pair.text, text, number).split(" #")[0]
    return True, f"{swapped} ({_ratio(ratio)}) — change {_keys(fixes)} to show {role}", fixes


def _asks(pair: Pair) -> str:
    return f"the {pair.output} {'ask' if pair.output == 'charts' else 'asks'}"


def _hex(role: str, colours: Colours) -> str:
    return WHITE if role == PAPER else str(getattr(colours, role))


def _name(role: str, colour: str, number: str) -> str:
    """'tertiary #8B1A1A', 'the white page #FFFFFF', 'chart colour 3 #D9962B'."""
    if role == PAPER:
        return f"the white page {WHITE}"
    if role == PALETTE:
        return f"chart colour {number} {colour}"
    return f"{role} {colour}"


def _ink_name(ink: str, colours: Colours, printed: bool = False) -> str:
    """'white #FFFFFF', 'the foreground #1E2630' ('in the foreground …' as printed)."""
    if ink == WHITE:
        return f"white {WHITE}"
    return f"{'in ' if printed else ''}the foreground {colours.foreground}"


def _fixes(role: str) -> tuple[Loc, ...]:
    """Brand-file keys that change a role's colour (muted mixes foreground and background)."""
    if role == "muted":
        return (("color", "foreground"), ("color", "background"))
    if role in (PAPER, WHITE_TEXT, INK, PALETTE):
        return ()
    return (("color", role),)


def _keys(locs: tuple[Loc, ...]) -> str:
    names = list(dict.fromkeys(_dotted(loc) for loc in locs))
    return " or ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " or " + names[-1]


def _dotted(loc: Loc) -> str:
    return "".join(f"[{k}]" if isinstance(k, int) else ("." if i else "") + k
                   for i, k in enumerate(loc))  # fmt: skip


def _ratio(value: float) -> str:
    """A ratio rounded down, so a pair just under a threshold never prints as reaching it."""
    return f"{math.floor(value * 100) / 100:.2f}:1"


def _pt(value: float) -> str:
    return f"{round(value, 1):g}"
