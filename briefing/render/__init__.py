"""Renderers: each draws a story in one format, behind one signature; none imports another.

A renderer is a module under briefing.render that defines `render(story, target, options)`
(and, if it imports lazily, `prepare()`, which imports ahead of time what rendering needs).
REGISTRY names each format's module, so the CLI's --format choices, api.build and the README
check all come from here, and a renderer's heavy imports happen only when it is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from briefing.story import Story


def _silent(_: str) -> None:
    """A warning sink that says nothing."""


@dataclass(frozen=True)
class RenderOptions:
    """What a build asks of every renderer; each takes what applies to it."""

    template: Path | None = None  # a corporate .pptx/.potx (the deck)
    embed_fonts: bool = False  # the deck carries the brand's fonts, subset (--embed-fonts)
    pdfa: bool = False  # the report as PDF/A-2b, for archives (the PDF)
    warn: Callable[[str], None] = field(default=_silent)


class Render(Protocol):
    """The one signature every renderer has."""

    def __call__(self, story: Story, target: Path, options: RenderOptions) -> None: ...


@dataclass(frozen=True)
class Format:
    """An output format: its name (--format), file suffix, what it is, and its module."""

    name: str
    suffix: str
    description: str
    module: str

    def renderer(self) -> Render:
        """The format's render function, its module imported on first use."""
        render: Render = importlib.import_module(self.module).render
        return render

    def prepare(self) -> Render:
        """The render function, with all it imports when it runs imported now (a renderer
        module may import lazily: it then defines `prepare()` to do it ahead of time)."""
        render = self.renderer()
        getattr(importlib.import_module(self.module), "prepare", lambda: None)()
        return render


REGISTRY: dict[str, Format] = {
    f.name: f
    for f in (
        Format("pdf", "pdf", "the PDF report", "briefing.render.pdf"),
        Format("pptx", "pptx", "the PowerPoint deck", "briefing.render.pptx"),
    )
}
FORMATS = tuple(REGISTRY)
