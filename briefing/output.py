"""Write outputs all-or-nothing: a failed build leaves earlier files untouched."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import BriefingError


@contextlib.contextmanager
def staged(targets: list[Path]) -> Iterator[list[Path]]:
    """Temporary paths beside each target, moved into place only if the block succeeds."""
    parts: list[Path] = []
    try:
        for target in targets:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                handle, name = tempfile.mkstemp(
                    dir=target.parent, prefix=f".{target.name}.", suffix=".part"
                )
            except OSError as exc:
                raise BriefingError(
                    f"{target.parent}: cannot write here ({exc.strerror})"
                ) from None
            os.close(handle)
            parts.append(Path(name))
        yield parts
        mode = 0o666 & ~_umask()
        for part, target in zip(parts, targets, strict=True):
            os.chmod(part, mode)
            os.replace(part, target)
    finally:
        for part in parts:
            part.unlink(missing_ok=True)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
