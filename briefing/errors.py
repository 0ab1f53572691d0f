"""Errors the library raises for problems in a user's files."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file."""

    file: str
    line: int
    column: int
    path: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.reason}" if self.path else f"{where}: {self.reason}"


class BriefingError(Exception):
    """A mistake in the user's input or environment, reported without a traceback."""


class InputError(BriefingError):
    """One or more located problems in an input file."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


LINE_LIMIT = 400  # characters of a printed line before its middle is cut
UNSEEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})  # controls, format, surrogates, separators


def printable(text: str, *, limit: int | None = LINE_LIMIT, lines: bool = True) -> str:
    """Text fit to print on a terminal: each control, format (such as a bidirectional
    override), surrogate or line-separator character shown escaped (`\\x1b`, `\\u202e`); each
    line over `limit` characters cut in its middle with an ellipsis. With `lines`, a newline
    starts a new line; without, it is escaped too, so the text stays one line."""
    import unicodedata

    kept = text.split("\n") if lines else [text]
    shown = []
    for line in kept:
        if limit is not None and len(line) > limit:
            head, tail = (limit - 40) * 2 // 3, (limit - 40) // 3
            cut = len(line) - head - tail
            line = f"{line[:head]} …({cut:,} characters cut)… {line[-tail:]}"
        shown.append(
            "".join(
                _escaped(c) if c != "\t" and unicodedata.category(c) in UNSEEN else c for c in line
            )
        )
    return "\n".join(shown)


def _escaped(character: str) -> str:
    code = ord(character)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


class _Problems(InputError):
    """An InputError that pickles with its problems (InputError pickles its text only)."""

    def __reduce__(self) -> tuple[type[InputError], tuple[list[Problem]]]:
        return InputError, (self.problems,)


def portable(error: Exception | None) -> Exception | None:
    """The error, or its like, fit to be sent from a worker or renderer process to its parent."""
    import pickle

    if error is None:
        return None
    if isinstance(error, InputError):
        return _Problems(error.problems)
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        if isinstance(error, BriefingError):
            return BriefingError(str(error))
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error
