"""The brand kit: a brand.yml file resolved into colours, fonts and names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import InputError, Problem
from .paths import BUNDLED_FONTS, DEFAULT_BRAND
from .yamlfile import Document

BUNDLED_REGULAR = BUNDLED_FONTS / "NotoSansSC-Regular.ttf"
BUNDLED_BOLD = BUNDLED_FONTS / "NotoSansSC-Bold.ttf"
HEX = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
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


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class _FontFile(_Loose):
    path: str
    weight: int | str = 400
    style: str = "normal"


class _Font(_Loose):
    family: str
    source: str = "file"
    files: list[_FontFile | str] = []


class _Typography(_Loose):
    fonts: list[_Font] = []
    base: dict[str, Any] | str | None = None
    headings: dict[str, Any] | str | None = None


class _Color(_Loose):
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


class _Meta(_Loose):
    name: str | dict[str, str] | None = None
    link: str | dict[str, str] | None = None


class _BrandFile(_Loose):
    meta: _Meta = _Meta()
    color: _Color = _Color()
    typography: _Typography = _Typography()
    defaults: dict[str, Any] = {}


@dataclass(frozen=True)
class Colours:
    """Resolved colours as #RRGGBB."""

    primary: str
    secondary: str
    tertiary: str
    foreground: str
    background: str
    light: str
    muted: str
    chart: tuple[str, ...]


@dataclass(frozen=True)
class Fonts:
    """Font files for the PDF and charts, and names for the deck."""

    family: str
    regular: Path
    bold: Path
    deck_latin: str
    deck_east_asian: str


@dataclass(frozen=True)
class Brand:
    """Everything visual a renderer needs, already resolved."""

    name: str
    short_name: str
    colours: Colours
    fonts: Fonts
    classification: str | None
    source: Path


def load_brand(path: Path = DEFAULT_BRAND) -> Brand:
    """Read and resolve a brand.yml file, or raise InputError with locations."""
    document = Document.load(Path(path))
    try:
        raw = _BrandFile.model_validate(document.data())
    except ValidationError as exc:
        raise InputError(document.validation_problems(exc)) from None
    problems: list[Problem] = []
    colours = _colours(raw.color, raw.defaults, document, problems)
    fonts = _fonts(raw.typography, raw.defaults, document, problems)
    if problems:
        raise InputError(problems)
    name, short = _names(raw.meta)
    settings = raw.defaults.get("briefing") or {}
    return Brand(
        name=name,
        short_name=short,
        colours=colours,
        fonts=fonts,
        classification=settings.get("classification"),
        source=document.path,
    )


def _names(meta: _Meta) -> tuple[str, str]:
    if isinstance(meta.name, dict):
        full = meta.name.get("full") or meta.name.get("short") or ""
        return full, meta.name.get("short") or full
    return meta.name or "", meta.name or ""


def _colours(
    color: _Color, defaults: dict[str, Any], document: Document, problems: list[Problem]
) -> Colours:
    def resolve(value: str | None, fallback: str, loc: tuple[str | int, ...]) -> str:
        if value is None:
            return fallback
        value = color.palette.get(value, value)
        if not HEX.match(value):
            problems.append(
                document.problem(loc, f"'{value}' is not a #RRGGBB colour or palette name")
            )
            return fallback
        if len(value) == 4:
            value = "#" + "".join(c * 2 for c in value[1:])
        return value.upper()

    for key, value in color.palette.items():
        resolve(value, "#000000", ("color", "palette", key))
    picked = {k: resolve(getattr(color, k, None), d, ("color", k)) for k, d in _FALLBACK.items()}
    order = (defaults.get("briefing") or {}).get("chart_palette") or []
    chart = tuple(
        resolve(name, "#000000", ("defaults", "briefing", "chart_palette", i))
        for i, name in enumerate(order)
    ) or (picked["primary"], picked["secondary"], picked["tertiary"])
    return Colours(
        primary=picked["primary"],
        secondary=picked["secondary"],
        tertiary=picked["tertiary"],
        foreground=picked["foreground"],
        background=picked["background"],
        light=picked["light"],
        muted=picked["muted"],
        chart=chart,
    )


_FALLBACK = {
    "primary": "#12355B",
    "secondary": "#168F84",
    "tertiary": "#D9962B",
    "foreground": "#1E2630",
    "background": "#FFFFFF",
    "light": "#EEF3F8",
    "muted": "#4A5868",
}


def _fonts(
    typography: _Typography, defaults: dict[str, Any], document: Document, problems: list[Problem]
) -> Fonts:
    base = typography.base
    wanted = base.get("family") if isinstance(base, dict) else base
    regular, bold, family = BUNDLED_REGULAR, BUNDLED_BOLD, "Noto Sans SC"
    for f, font in enumerate(typography.fonts):
        if wanted and font.family != wanted:
            continue
        for i, entry in enumerate(font.files):
            item = _FontFile(path=entry) if isinstance(entry, str) else entry
            path = (document.path.parent / item.path).resolve()
            loc = ("typography", "fonts", f, "files", i)
            if not path.is_file():
                problems.append(document.problem(loc, f"font file not found: {item.path}"))
                continue
            if str(item.weight) in ("700", "bold") and item.style == "normal":
                bold = path
            elif str(item.weight) in ("400", "normal") and item.style == "normal":
                regular = path
        family = font.family
        break
    deck = (defaults.get("briefing") or {}).get("deck_fonts") or {}
    return Fonts(
        family=family,
        regular=regular,
        bold=bold,
        deck_latin=deck.get("latin") or "Microsoft YaHei",
        deck_east_asian=deck.get("east_asian") or "微软雅黑",
    )
