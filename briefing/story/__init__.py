"""The story: a format-neutral document that decides what every output shows, and how."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefing.story.model import Story

if TYPE_CHECKING:
    from briefing.story.build import build_story

__all__ = ["Story", "build_story"]


if not TYPE_CHECKING:  # mypy then checks every name against the imports above

    def __getattr__(name: str) -> Any:
        """The story's builder, imported when first asked for: a renderer needs only the model."""
        if name in ("build_story",):
            import importlib

            return getattr(importlib.import_module("briefing.story.build"), name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
