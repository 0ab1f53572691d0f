"""The brand kit: a brand.yml file (Posit's schema) resolved into what renderers draw with."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from briefing.brand.colour import WHITE, contrast, mix
from briefing.brand.contrast import contrast_findings
from briefing.brand.files import FONT, LOGO, TEMPLATE, KitFault, Limit, check_template_zip, kit_file
from briefing.brand.fonts import FontFault, inspect_font, open_as_the_build
from briefing.brand.images import decode_as_the_build, raster_size, svg_checked
from briefing.brand.model import Brand, Colours, Fonts, Logo, Logos, Page
from briefing.brand.texts import text_problems
from briefing.errors import BriefingError, InputError, Problem
from briefing.paths import BUNDLED_FONTS, DEFAULT_BRAND
from briefing.yamlfile import Document, Loc

BUNDLED_FAMILY = "Noto Sans SC"
BUNDLED_REGULAR = BUNDLED_FONTS / "NotoSansSC-Regular.ttf"
BUNDLED_BOLD = BUNDLED_FONTS / "NotoSansSC-Bold.ttf"
DECK_LATIN, DECK_EAST_ASIAN = "Microsoft YaHei", "微软雅黑"  # a brand that names no family
HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
RGB = re.compile(r"^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$")
THEME_COLOURS = (
    "foreground",
    "background",
    "primary",
    "secondary",
    "tertiary",
    "success",
    "info",
    "warning",
    "danger",
    "light",
    "dark",
)
RASTER = (".png", ".jpg", ".jpeg")
ALIAS_DEPTH = 8  # palette names that name palette names, at most this deep
CHART_ROLES = ("primary", "secondary", "tertiary")  # the charts' colours without a palette
PAGE_SIZES_MM = {
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "B5": (176.0, 250.0),
    "Letter": (215.9, 279.4),
}


# ── The file as written: brand.yml's schema, strict about unknown keys ─────


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class _Meta(_Strict):
    name: str | dict[Literal["full", "short"], str] | None = None
    link: str | dict[str, str] | None = None


class _Image(_Strict):
    path: str
    alt: str | None = None


Image = str | _Image


class _LightDark(_Strict):
    light: Image | None = None
    dark: Image | None = None


class _Logo(_Strict):
    images: dict[str, Image] = {}
    small: Image | _LightDark | None = None
    medium: Image | _LightDark | None = None
    large: Image | _LightDark | None = None


class _Color(_Strict):
    palette: dict[str, str] = {}
    foreground: str | None = None
    background: str | None = None
    primary: str | None = None
    secondary: str | None = None
    tertiary: str | None = None
    success: str | None = None
    info: str | None = None
    warning: str | None = None
    danger: str | None = None
    light: str | None = None
    dark: str | None = None


Weight = int | Literal["thin", "extra-light", "ultra-light", "light", "normal", "regular"] | str


class _FontFile(_Strict):
    path: str
    weight: Weight = 400
    style: Literal["normal", "italic"] = "normal"


class _Font(_Strict):
    family: str
    source: Literal["file", "system", "google", "bunny"] = "file"
    files: list[str | _FontFile] = []
    weight: Any = None
    style: Any = None
    display: str | None = None


class _TextStyle(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    family: str | None = None
    size: str | float | None = None
    weight: Weight | None = None
    style: str | None = None
    color: str | None = None
    background_color: str | None = Field(default=None, alias="background-color")
    line_height: str | float | None = Field(default=None, alias="line-height")
    decoration: str | None = None


class _Typography(_Strict):
    fonts: list[_Font] = []
    base: str | _TextStyle | None = None
    headings: str | _TextStyle | None = None
    monospace: str | _TextStyle | None = None
    monospace_inline: str | _TextStyle | None = Field(default=None, alias="monospace-inline")
    monospace_block: str | _TextStyle | None = Field(default=None, alias="monospace-block")
    link: str | _TextStyle | None = None


class _Margins(_Strict):
    top: float = Field(default=26, ge=5, le=80, description="mm")
    bottom: float = Field(default=24, ge=5, le=80)
    left: float = Field(default=25, ge=5, le=80)
    right: float = Field(default=25, ge=5, le=80)


class _DeckFonts(_Strict):
    latin: str | None = None  # None: the brand's typography family
    east_asian: str | None = None


class _Briefing(_Strict):
    page: Literal["A4", "A5", "B5", "Letter"] = "A4"
    margins: _Margins = _Margins()
    cover: Literal["band", "full", "plain"] = "band"
    classification: str | None = None
    deck_fonts: _DeckFonts = _DeckFonts()
    deck_template: str | None = None
    chart_palette: list[str] = []
    pdfa: bool = False  # the report as PDF/A-2b unless the build says otherwise
    embed_fonts: bool = False  # the deck carries the fonts unless the build says otherwise


class _Defaults(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)  # other tools' sections are theirs
    briefing: _Briefing = _Briefing()


class _BrandFile(_Strict):
    meta: _Meta = _Meta()
    logo: str | _Logo | None = None
    color: _Color = _Color()
    typography: _Typography = _Typography()
    defaults: _Defaults = _Defaults()


def load_brand(
    path: Path = DEFAULT_BRAND, *, allow_outside: bool = False, thorough: bool = False
) -> Brand:
    """Read, check and resolve a brand.yml; InputError lists every problem with its place
    (see read_brand for what is checked)."""
    return read_brand(path, allow_outside=allow_outside, thorough=thorough)[0]


def check_brand(path: Path = DEFAULT_BRAND, *, allow_outside: bool = False) -> Brand:
    """`briefing brand check`'s reading: load_brand, and every font, logo and template also
    opened with the readers the outputs use, so a kit that passes builds."""
    return read_brand(path, allow_outside=allow_outside, thorough=True)[0]


def read_brand(
    path: Path = DEFAULT_BRAND, *, allow_outside: bool = False, thorough: bool = False
) -> tuple[Brand, Document]:
    """The resolved Brand and the parsed file it came from.

    Logos, fonts and the deck template must lie inside the kit's folder (links followed)
    unless allow_outside. Each is checked before any renderer sees it: sizes, a raster's
    pixel count from its header and its structure to the end, an SVG's size and that it
    refers to nothing outside itself, a font's tables, a template's zip directory.
    thorough also opens each with the readers the outputs use (reportlab and FreeType for
    fonts, Pillow, python-pptx and svglib for logos, python-pptx for the template).
    """
    document = Document.load(require_brand_file(Path(path)))
    data = document.data()
    if problems := text_problems(document, data):
        raise InputError(problems)
    try:
        raw = _BrandFile.model_validate(data)
    except ValidationError as exc:
        raise InputError(document.validation_problems(exc)) from None
    resolver = _Resolver(document, raw, allow_outside=allow_outside, thorough=thorough)
    brand = resolver.brand()
    if resolver.problems:
        raise InputError(sorted(resolver.problems, key=lambda p: (p.line, p.column)))
    return brand, document


class _Resolver:
    """Turns the checked file into a Brand, collecting problems and warnings."""

    def __init__(self, document: Document, raw: _BrandFile, *, allow_outside: bool, thorough: bool):
        self.document = document
        self.raw = raw
        self.allow_outside = allow_outside
        self.thorough = thorough
        self.kit = document.path.parent
        self.problems: list[Problem] = []
        self.warnings: list[str] = []
        self.checked: dict[Path, str | None] = {}  # a logo file: what is wrong with it
        self.too_deep = False  # a palette chain past ALIAS_DEPTH was reported

    def fail(self, loc: Loc, reason: str) -> None:
        problem = self.document.problem(loc, reason)
        if problem not in self.problems:  # a logo named twice is reported once
            self.problems.append(problem)

    def warn(self, loc: Loc, reason: str) -> None:
        self.warnings.append(f"{self.document.problem(loc, reason)}")

    def file(self, relative: str, loc: Loc, limit: Limit) -> Path | None:
        """A file of the kit, relative to the brand file; a problem if it is not there, lies
        outside the kit's folder (unless allowed), or is not a regular file of a sane size."""
        try:
            return kit_file(self.kit, relative, limit, allow_outside=self.allow_outside)
        except KitFault as fault:
            self.fail(loc, str(fault))
            return None

    def template(self, written: str) -> Path | None:
        """The deck template: a zip whose members stay within bounds; opened as the deck
        opens it when thorough."""
        loc = ("defaults", "briefing", "deck_template")
        path = self.file(written, loc, TEMPLATE)
        if path is None:
            return None
        try:
            check_template_zip(path)
            if self.thorough:
                from briefing.render.pptx.package import open_template

                open_template(path)
        except (KitFault, BriefingError) as fault:
            self.fail(loc, f"{written}: {fault}")
            return None
        return path

    def brand(self) -> Brand:
        raw = self.raw
        settings = raw.defaults.briefing
        colours = self.colours()
        fonts = self.fonts()
        logos = self.logos()
        name, short = _names(raw.meta)
        template = None
        if settings.deck_template:
            template = self.template(settings.deck_template)
        width, height = PAGE_SIZES_MM[settings.page]
        margins = settings.margins
        base = raw.typography.base if isinstance(raw.typography.base, _TextStyle) else None
        brand = Brand(
            name=name,
            short_name=short,
            link=raw.meta.link if isinstance(raw.meta.link, str) else _home(raw.meta.link),
            colours=colours,
            fonts=fonts,
            logos=logos,
            page=Page(
                settings.page,
                width,
                height,
                margins.top,
                margins.bottom,
                margins.left,
                margins.right,
                settings.cover,
            ),
            base_size_pt=self.size(base.size if base else None, ("typography", "base", "size")),
            line_height=self.line_height(base),
            classification=settings.classification,
            deck_template=template,
            source=self.document.path,
            pdfa=settings.pdfa,
            embed_fonts=settings.embed_fonts,
        )
        if not self.problems:
            self.contrast(brand)
        return replace(brand, warnings=tuple(self.warnings))

    def contrast(self, brand: Brand) -> None:
        """A warning, at the colour to change, for each text the outputs print below WCAG
        AA; brand colours a renderer swaps for an ink that reads are `briefing brand check`'s
        notes, not warnings."""
        data = self.document.data()
        for finding in contrast_findings(brand):
            if not finding.note:
                self.warn(finding.loc(data), str(finding))

    # colours

    def colour(self, value: str, loc: Loc, seen: tuple[str, ...] = ()) -> str | None:
        """#RRGGBB for a hex or rgb() colour, a palette name or a theme colour name (names
        naming names at most ALIAS_DEPTH deep)."""
        colour = self.raw.color
        value = value.strip()
        if len(seen) > ALIAS_DEPTH:
            if self.too_deep:  # a long chain is reported once, where it starts
                return None
            self.too_deep = True
            chain = " → ".join((*seen[:3], "…", seen[-1]))
            self.fail(
                loc,
                f"'{seen[0]}' names a colour through more than {ALIAS_DEPTH} palette names "
                f"({chain}); name a colour in fewer steps",
            )
            return None
        if HEX.match(value):
            digits = value[1:]
            return "#" + (digits if len(digits) == 6 else "".join(c * 2 for c in digits)).upper()
        if match := RGB.match(value):
            parts = [int(x) for x in match.groups()]
            if all(p <= 255 for p in parts):
                return "#" + "".join(f"{p:02X}" for p in parts)
        if value in colour.palette and value not in seen:
            return self.colour(colour.palette[value], loc, (*seen, value))
        if value in THEME_COLOURS and value not in seen and getattr(colour, value):
            return self.colour(getattr(colour, value), loc, (*seen, value))
        self.fail(loc, f"'{value}' is not a colour: use #RRGGBB, rgb(r, g, b) or a palette name")
        return None

    def colours(self) -> Colours:
        colour = self.raw.color
        for key, value in colour.palette.items():
            self.colour(value, ("color", "palette", key))
        given: dict[str, str | None] = {}
        for key in _FALLBACK:
            written: str | None = getattr(colour, key, None)
            if written:
                given[key] = self.colour(written, ("color", key))
        picked = _derived({k: v for k, v in given.items() if v})
        order = self.raw.defaults.briefing.chart_palette
        chart = [
            self.colour(name, ("defaults", "briefing", "chart_palette", i))
            for i, name in enumerate(order)
        ]
        found = tuple(c for c in chart if c)
        roles = () if found else CHART_ROLES
        return Colours(
            chart=found or tuple(picked[r] for r in roles),
            chart_roles=roles,
            muted=mix(picked["foreground"], picked["background"], 0.72),
            **picked,
        )

    # fonts

    def fonts(self) -> Fonts:
        typography = self.raw.typography
        deck = self.raw.defaults.briefing.deck_fonts
        base = typography.base
        wanted = base if isinstance(base, str) else (base.family if base else None)
        regular, bold, family = BUNDLED_REGULAR, BUNDLED_BOLD, BUNDLED_FAMILY
        for f, font in enumerate(typography.fonts):
            if wanted and font.family != wanted:
                continue
            found = self.font_files(font, ("typography", "fonts", f))
            if found:
                regular, bold = found
                family = font.family
            break
        else:
            if wanted and wanted != BUNDLED_FAMILY:
                self.warn(
                    ("typography", "base"),
                    f"no font files for '{wanted}' in typography.fonts; "
                    f"the PDF and charts use the bundled {BUNDLED_FAMILY}",
                )
        # The deck names the brand's own family (it needs no files, only the name) unless
        # deck_fonts names others; a brand that names none gets the faces most readers have.
        latin = deck.latin or wanted or DECK_LATIN
        east_asian = deck.east_asian or wanted or DECK_EAST_ASIAN
        return Fonts(family, regular, bold, latin, east_asian)

    def font_files(self, font: _Font, loc: Loc) -> tuple[Path, Path] | None:
        """Regular and bold files of a family, or None (with a warning) to use the bundled font."""
        if font.source != "file":
            self.warn(
                (*loc, "source"),
                f"'{font.source}' fonts cannot be embedded in the PDF (no network, no system "
                f"lookup); the PDF and charts use the bundled {BUNDLED_FAMILY}",
            )
            return None
        by_weight: dict[str, Path] = {}
        for i, entry in enumerate(font.files):
            item = _FontFile(path=entry) if isinstance(entry, str) else entry
            path = self.file(item.path, (*loc, "files", i), FONT)
            if path is None or item.style != "normal":
                continue
            try:
                inspect_font(path)
                found = open_as_the_build(path) if self.thorough else font.family
            except FontFault as fault:
                self.fail((*loc, "files", i), f"{item.path}: {fault}")
                continue
            if found != font.family:
                self.fail(
                    (*loc, "files", i),
                    f"{item.path} holds the family '{found}' (as the charts read it), "
                    f"not '{font.family}'; name the family the file holds",
                )
                continue
            by_weight[_weight_name(item.weight)] = path
        if "regular" not in by_weight:
            if font.files:
                self.warn(
                    (*loc, "files"),
                    f"no usable regular (400) TrueType file for '{font.family}'; "
                    f"the PDF and charts use the bundled {BUNDLED_FAMILY}",
                )
            return None
        if "bold" not in by_weight:
            self.warn(
                (*loc, "files"),
                f"no bold (700) file for '{font.family}'; bold text uses the regular weight",
            )
        return by_weight["regular"], by_weight.get("bold", by_weight["regular"])

    # logos

    def logos(self) -> Logos:
        logo = self.raw.logo
        if logo is None:
            return Logos()
        if isinstance(logo, str):
            found = self.image(logo, ("logo",))
            return Logos({("medium", "light"): found} if found else {})
        variants: dict[tuple[str, str], Logo] = {}
        for name, image in logo.images.items():
            self.image(image, ("logo", "images", name))
        for size in ("small", "medium", "large"):
            entry = getattr(logo, size)
            if entry is None:
                continue
            if isinstance(entry, _LightDark):
                for mode in ("light", "dark"):
                    image = getattr(entry, mode)
                    found = image and self.image(image, ("logo", size, mode))
                    if found:
                        variants[(size, mode)] = found
            elif found := self.image(entry, ("logo", size)):
                variants[(size, "light")] = found
        return Logos(variants)

    def image(self, image: Image, loc: Loc) -> Logo | None:
        """A logo image by name (from logo.images) or path, with a raster for the deck."""
        images = self.raw.logo.images if isinstance(self.raw.logo, _Logo) else {}
        if isinstance(image, str) and image in images:
            return self.image(images[image], ("logo", "images", image))
        path_text, alt = (image, None) if isinstance(image, str) else (image.path, image.alt)
        path = self.file(path_text, loc, LOGO)
        if path is None:
            return None
        suffix = path.suffix.lower()
        if suffix not in (*RASTER, ".svg"):
            self.fail(loc, f"{path_text}: a logo must be SVG, PNG or JPEG")
            return None
        if fault := self.logo_fault(path):
            self.fail(loc, f"{path_text}: {fault}")
            return None
        raster = (
            path
            if suffix in RASTER
            else next((p for p in (path.with_suffix(s) for s in RASTER) if p.is_file()), None)
        )
        if raster is not None and raster != path:
            beside = kit_file(raster.parent, raster.name, LOGO, allow_outside=True)
            if fault := self.logo_fault(beside):
                self.fail(loc, f"{path_text}: the {raster.suffix} beside it for the deck: {fault}")
                return None
        if raster is None:
            self.warn(loc, f"{path_text}: no PNG beside the SVG, so the deck shows no logo")
        return Logo(path, raster, alt or (self.raw.meta and _names(self.raw.meta)[0]) or "logo")

    def logo_fault(self, path: Path) -> str | None:
        """What is wrong with a logo file (checked once a run), or None."""
        if path not in self.checked:
            try:
                data = path.read_bytes()
                if path.suffix.lower() == ".svg":
                    svg_checked(data)
                else:
                    raster_size(data)
                if self.thorough:
                    decode_as_the_build(path)
                self.checked[path] = None
            except KitFault as fault:
                self.checked[path] = str(fault)
            except OSError as exc:
                self.checked[path] = f"cannot read it ({exc.strerror})"
        return self.checked[path]

    # typography

    def size(self, value: str | float | None, loc: Loc) -> float:
        """A base font size in points: 10.5, '10.5pt', '14px' or '1rem' (16 px)."""
        if value is None:
            return 10.5
        text = str(value).strip().lower()
        units = {"pt": 1.0, "px": 0.75, "rem": 12.0, "em": 12.0, "": 1.0}
        match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(pt|px|rem|em|)", text)
        if not match:
            self.fail(loc, f"'{value}' is not a font size (e.g. 10.5pt, 14px, 1rem)")
            return 10.5
        size = float(match.group(1)) * units[match.group(2)]
        if not 7 <= size <= 16:
            self.fail(loc, f"a base size of {size:g} pt is outside 7–16 pt")
            return 10.5
        return size

    def line_height(self, base: _TextStyle | None) -> float:
        value = base.line_height if base else None
        try:
            height = float(value) if value is not None else 1.75
        except ValueError:
            self.fail(("typography", "base", "line-height"), f"'{value}' is not a number like 1.6")
            return 1.75
        if not 1.0 <= height <= 3.0:
            self.fail(("typography", "base", "line-height"), "line-height must lie in 1.0–3.0")
            return 1.75
        return height


def _derived(given: dict[str, str]) -> dict[str, str]:
    """Theme colours a kit leaves out, derived from those it gives (its primary first)."""
    if "primary" not in given:
        return {**_FALLBACK, **given}
    ink = given.get("foreground", _FALLBACK["foreground"])
    paper = given.get("background", _FALLBACK["background"])
    primary = given["primary"]
    light = given.get("light", mix(primary, paper, 0.08))
    derived = {
        "foreground": ink,
        "background": paper,
        "primary": primary,
        "secondary": _readable_tint(primary, paper, ink, (paper, WHITE, light)),
        "tertiary": mix(primary, ink, 0.55),
        "light": light,
        "dark": primary,
        "danger": _FALLBACK["danger"],
    }
    return {**derived, **given}


def _readable_tint(
    colour: str, paper: str, ink: str, fills: tuple[str, ...], share: float = 0.6
) -> str:
    """The palest mix of the colour over paper, from `share` of the colour up, in which small
    text reads on every fill (WCAG's 4.5:1): the secondary colour prints chapter eyebrows and
    tile notes. Where no tint short of the colour itself does, a shade towards the ink (the
    charts need it to differ from the primary)."""
    tints = [mix(colour, paper, step / 20) for step in range(round(share * 20), 20)]
    for tint in (*tints, mix(colour, ink, 0.8)):
        if all(contrast(tint, fill) >= 4.5 for fill in fills):
            return tint
    return colour


_FALLBACK = {
    "primary": "#12355B",
    "secondary": "#137A70",  # teal dark enough for small text on white (5.19:1)
    "tertiary": "#D9962B",
    "foreground": "#1E2630",
    "background": "#FFFFFF",
    "light": "#EEF3F8",
    "dark": "#12355B",
    "danger": "#B42318",
}


def _names(meta: _Meta) -> tuple[str, str]:
    if isinstance(meta.name, dict):
        full = meta.name.get("full") or meta.name.get("short") or ""
        return full, meta.name.get("short") or full
    return meta.name or "", meta.name or ""


def _home(link: dict[str, str] | None) -> str | None:
    return (link or {}).get("home")


def _weight_name(weight: Weight) -> str:
    text = str(weight).strip().lower()
    if text in ("700", "bold", "600", "semi-bold", "800", "extra-bold"):
        return "bold"
    if text in ("400", "normal", "regular", "500", "medium"):
        return "regular"
    return text


def require_brand_file(path: Path) -> Path:
    """The path itself; a clean error if it is a folder without brand.yml."""
    if path.is_dir():
        inside = path / "_brand.yml" if (path / "_brand.yml").is_file() else path / "brand.yml"
        if not inside.is_file():
            raise BriefingError(f"{path}: no brand.yml or _brand.yml in this folder")
        return inside
    return path
