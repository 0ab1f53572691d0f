"""briefing: branded PDF reports and editable decks from structured innovation facts."""

__version__ = "0.1.0"

from .api import build, load_story

__all__ = ["__version__", "build", "load_story"]
