"""Where the bundled facts and brand kit live, in a source tree or an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    """A bundled folder ('assets' or 'data'): inside the wheel, else beside the package."""
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


ASSETS = bundled("assets")
DATA = bundled("data")
DEFAULT_FACTS = DATA / "ordos-2024.yml"
DEFAULT_BRAND = ASSETS / "brand.yml"
BUNDLED_FONTS = ASSETS / "fonts"
