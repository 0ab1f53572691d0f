"""The story: a format-neutral document that decides what every output shows, and how."""

from briefing.story.build import build_story
from briefing.story.model import Story

__all__ = ["Story", "build_story"]
