"""The content-keyed folder of drawn charts, so a warm rebuild imports no matplotlib.

Every drawing is kept in `cache_folder()` under
`<spec.key>-<STYLE_VERSION>-<matplotlib version>-<fmt>[-<dpi>]`. The key covers everything
the picture shows (values, printed forms, titles, panels, brand colours, font files);
STYLE_VERSION covers the drawing code of briefing.charts. What a renderer makes from a
drawing (the report's vector form of an SVG) is kept beside it as a derived entry, under
`<sha256 of the drawing>-<kind>`, where the kind names whatever else it depends on; a
derived entry carries a checksum, so a truncated or altered one is ignored and made again.
The folder only ever holds such copies: it is safe to delete at any time, and a folder that
cannot be read or written costs drawing time, never a build.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
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
KIND = re.compile(r"^[0-9A-Za-z_.+-]{1,120}$")  # a derived entry's kind, safe in a file name
DERIVED = b"briefing-derived 1\n"  # a derived entry's header, then the sha256 of its payload


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


def read_derived(source: bytes, kind: str) -> bytes | None:
    """The payload kept for `source` (a drawing's bytes) and `kind`; None where there is none,
    or it cannot be read, or it fails its checksum (a truncated or altered entry)."""
    path = _derived_path(source, kind)
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(DERIVED) + hashlib.sha256().digest_size
    if not data.startswith(DERIVED) or len(data) < head:
        return None
    payload = data[head:]
    return payload if hashlib.sha256(payload).digest() == data[len(DERIVED) : head] else None


def keep_derived(source: bytes, kind: str, payload: bytes) -> None:
    """Keep `payload`, made from `source`, as its derived entry of `kind`."""
    path = _derived_path(source, kind)
    if path is not None:
        _store(path, DERIVED + hashlib.sha256(payload).digest() + payload)


def derived_name(source: bytes, kind: str) -> str:
    """'<sha256 of source, 32 hex digits>-<kind>'."""
    if not KIND.match(kind):
        raise ValueError(f"not a kind of derived entry: {kind!r}")
    return f"{hashlib.sha256(source).hexdigest()[:32]}-{kind}"


def _derived_path(source: bytes, kind: str) -> Path | None:
    try:
        return cache_folder() / derived_name(source, kind)
    except RuntimeError:  # no home folder to be found
        return None


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
