"""The content-keyed folder of drawn charts, so a warm rebuild imports no matplotlib.

Every drawing is kept in `cache_folder()` under
`<spec.key>-<STYLE_VERSION>-<matplotlib version>-<fmt>[-<dpi>]`. The key covers everything
the picture shows (values, printed forms, titles, panels, brand colours, font files);
STYLE_VERSION covers the drawing code of briefing.charts. The folder only ever holds such
copies: it is safe to delete at any time, and a folder that cannot be read or written costs
drawing time, never a build.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.metadata
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from briefing.story.model import ChartSpec

STYLE_VERSION = 7  # bump whenever a change to briefing.charts changes how any chart looks
CACHE_ENV = "BRIEFING_CACHE_DIR"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SIGNATURES = {"svg": b"<?xml", "png": PNG_SIGNATURE}
KEY = re.compile(r"^[0-9A-Za-z_]{16,}$")  # a story's digest; a hand-made "0" is never cached


def cache_folder() -> Path:
    """$BRIEFING_CACHE_DIR, else $XDG_CACHE_HOME/briefing/charts, else ~/.cache/briefing/charts."""
    own = os.environ.get(CACHE_ENV)
    if own:
        return Path(own).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "briefing" / "charts"


def cache_name(spec: ChartSpec, fmt: str, dpi: int | None = None) -> str:
    """'<key>-<STYLE_VERSION>-<matplotlib version>-<fmt>[-<dpi>]'."""
    parts = [spec.key, str(STYLE_VERSION), matplotlib_version(), fmt]
    return "-".join(parts if dpi is None else [*parts, str(dpi)])


@functools.cache
def matplotlib_version() -> str:
    """From the installed package's metadata: importing matplotlib costs half a second."""
    try:
        return importlib.metadata.version("matplotlib")
    except importlib.metadata.PackageNotFoundError:
        return "none"


def cached(spec: ChartSpec, fmt: str, dpi: int | None, draw: Callable[[], bytes]) -> bytes:
    """The cached bytes of the chart, or draw it and keep a copy."""
    path = _cache_path(spec, fmt, dpi)
    if path is not None:
        found = _read(path, fmt)
        if found is not None:
            return found
    data = draw()
    if path is not None:
        _store(path, data)
    return data


def _cache_path(spec: ChartSpec, fmt: str, dpi: int | None) -> Path | None:
    if not KEY.match(spec.key):
        return None
    try:
        return cache_folder() / cache_name(spec, fmt, dpi)
    except RuntimeError:  # no home folder to be found
        return None


def _read(path: Path, fmt: str) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if data.startswith(SIGNATURES[fmt]) else None


def _store(path: Path, data: bytes) -> None:
    """Write through a temporary file and rename, so no reader ever sees half a chart."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
