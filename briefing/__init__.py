"""briefing: branded PDF reports and editable decks from structured innovation facts."""

__version__ = "0.1.0"
