"""The brand kit: brand.yml resolved into colours, fonts, logos and page settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefing.brand.model import Brand

if TYPE_CHECKING:
    from briefing.brand.kit import check_brand, load_brand, read_brand

__all__ = ["Brand", "check_brand", "load_brand", "read_brand"]


if not TYPE_CHECKING:  # mypy then checks every name against the imports above

    def __getattr__(name: str) -> Any:
        """The kit's readers, imported when first asked for: a renderer needs only the model."""
        if name in ("check_brand", "load_brand", "read_brand"):
            import importlib

            return getattr(importlib.import_module("briefing.brand.kit"), name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
