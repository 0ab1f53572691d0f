"""The content-keyed folder of drawn charts, so a warm rebuild imports no matplotlib.

Every drawing is kept in `cache_folder()` under
`<spec.key>-<STYLE_VERSION>-<matplotlib version>-<fmt>[-<dpi>]`. The key covers everything
the picture shows (values, printed forms, titles, panels, brand colours, font files);
STYLE_VERSION covers the drawing code of briefing.charts. Each drawing carries the sha256
of its content, where its format lets it stay a valid picture: an SVG in a comment after
the document, a PNG in a text chunk before its end. What a renderer makes from a drawing
(the report's vector form of an SVG) is kept beside it as a derived entry, under
`<sha256 of the drawing>-<kind>`, where the kind names whatever else it depends on; a
derived entry starts with a checksum of the rest. An entry that fails its check (truncated
or altered) is drawn or made again, and the next `take_warnings` says so.
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
import zlib
from collections.abc import Callable
from pathlib import Path

from briefing.story.model import ChartSpec

STYLE_VERSION = 9  # bump whenever a change to briefing.charts changes how any chart looks
CACHE_ENV = "BRIEFING_CACHE_DIR"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SIGNATURES = {"svg": b"<?xml", "png": PNG_SIGNATURE}
KEY = re.compile(r"^[0-9A-Za-z_]{16,}$")  # a story's digest; a hand-made "0" is never cached
KIND = re.compile(r"^[0-9A-Za-z_.+-]{1,120}$")  # a derived entry's kind, safe in a file name
DERIVED = b"briefing-derived 1\n"  # a derived entry's header, then the sha256 of its payload
SVG_SEAL = (b"<!-- briefing-sha256 ", b" -->\n")  # around the hex digest of what comes before
PNG_SEAL = b"briefing-sha256\x00"  # the keyword of a tEXt chunk holding the hex digest
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"
HEX_DIGITS = 2 * hashlib.sha256().digest_size
_damaged: list[str] = []  # entries that failed their check since the last take_warnings


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
    data = sealed(draw(), fmt)
    if path is not None and unsealed(data, fmt) is not None:
        _store(path, data)
    return data


def sealed(data: bytes, fmt: str) -> bytes:
    """A drawing with the sha256 of its content added (still a valid SVG or PNG); as it was
    where it is not the picture its format says."""
    digest = hashlib.sha256(data).hexdigest().encode()
    if fmt == "svg" and data.startswith(SIGNATURES["svg"]):
        return data + SVG_SEAL[0] + digest + SVG_SEAL[1]
    if fmt == "png" and data.startswith(PNG_SIGNATURE) and data.endswith(PNG_END):
        body = data[: -len(PNG_END)]
        text = b"tEXt" + PNG_SEAL + hashlib.sha256(body).hexdigest().encode()
        chunk = len(text[4:]).to_bytes(4, "big") + text + zlib.crc32(text).to_bytes(4, "big")
        return body + chunk + PNG_END
    return data


def unsealed(data: bytes, fmt: str) -> bytes | None:
    """The content of a sealed drawing if it passes its check, else None."""
    if fmt == "svg":
        size = len(SVG_SEAL[0]) + HEX_DIGITS + len(SVG_SEAL[1])
        body, seal = data[:-size], data[-size:]
        digest = seal[len(SVG_SEAL[0]) : -len(SVG_SEAL[1])]
        if not (seal.startswith(SVG_SEAL[0]) and seal.endswith(SVG_SEAL[1])):
            return None
    elif fmt == "png":
        size = 4 + len(b"tEXt") + len(PNG_SEAL) + HEX_DIGITS + 4 + len(PNG_END)
        body, seal = data[:-size], data[-size:]
        digest = seal[8 + len(PNG_SEAL) : 8 + len(PNG_SEAL) + HEX_DIGITS]
        if not (seal[4:8] == b"tEXt" and seal[8:].startswith(PNG_SEAL)):
            return None
        if not seal.endswith(PNG_END):
            return None
    else:
        return None
    if not body.startswith(SIGNATURES[fmt]) or len(data) < size:
        return None
    return body if hashlib.sha256(body).hexdigest().encode() == digest else None


def take_warnings() -> list[str]:
    """One warning for each entry that failed its check (and was made again) since the last
    call."""
    said = list(dict.fromkeys(_damaged))
    _damaged.clear()
    return said


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
    payload = data[head:]
    if data.startswith(DERIVED) and hashlib.sha256(payload).digest() == data[len(DERIVED) : head]:
        return payload
    _damaged.append(f"{path}: a damaged cache entry (truncated or altered); made again")
    return None


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
    """The entry at `path` if it passes its check; a damaged one is noted for a warning."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if unsealed(data, fmt) is not None:
        return data
    _damaged.append(f"{path}: a damaged chart-cache entry (truncated or altered); drawn again")
    return None


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
