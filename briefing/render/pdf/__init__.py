"""The PDF report: a story laid out on the brand's pages with reportlab."""

from __future__ import annotations

from pathlib import Path

from briefing.render import RenderOptions
from briefing.render.pdf.document import render_report
from briefing.story.model import Story

__all__ = ["render", "render_report"]


def render(story: Story, target: Path, options: RenderOptions) -> None:
    """Write the story as a PDF report to target; PDF/A-2b when the options ask for it."""
    render_report(story, target, archival=options.pdfa)
