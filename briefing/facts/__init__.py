"""Facts: the validated model of an article's figures, its located loader and printed numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.facts.loader import load_facts, read_facts
    from briefing.facts.model import Facts

__all__ = ["Facts", "load_facts", "read_facts"]
_HOMES = {
    "Facts": "briefing.facts.model",
    "load_facts": "briefing.facts.loader",
    "read_facts": "briefing.facts.loader",
}


if not TYPE_CHECKING:  # mypy then checks every name against the imports above

    def __getattr__(name: str) -> Any:
        """The model and its loader, imported when first asked for (they import pydantic)."""
        if name in _HOMES:
            import importlib

            return getattr(importlib.import_module(_HOMES[name]), name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
