"""A number as its facts file wrote it: kept apart from the model, so that a renderer process
reads a story without importing the facts' validation."""

from __future__ import annotations

from typing import Any


class Written(float):
    """A number as the facts file wrote it: the value for arithmetic, the text for printing
    (4.10 stays 4.10, 1086.20 stays 1086.20, 23236 stays 23236)."""

    text: str

    def __new__(cls, value: float, text: str) -> Written:
        number = super().__new__(cls, value)
        number.text = text
        return number

    def __reduce__(self) -> tuple[Any, ...]:
        return (Written, (float(self), self.text))
