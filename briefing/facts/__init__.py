"""Facts: the validated model of an article's figures, its located loader and printed numbers."""

from briefing.facts.loader import load_facts, read_facts
from briefing.facts.model import Facts

__all__ = ["Facts", "load_facts", "read_facts"]
