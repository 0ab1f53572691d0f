"""SVG (charts, logos) as reportlab drawings: converted by svglib once, then kept in the cache.

svglib parses an SVG in tens of milliseconds and brings lxml, tinycss2 and cssselect2 with it.
A converted drawing is kept pickled as a derived entry of the chart cache, under its SVG's
content hash (briefing.charts.cache), so a build whose every SVG was converted before imports
none of them. Loading takes only reportlab's shape, colour and validator classes and the
path classes below (svglib's own two, rewritten here): an entry that holds anything else, or
fails to load, is converted again.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import io
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import reportlab
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.graphics.shapes import Path as PathShape
from reportlab.pdfbase import pdfmetrics

from briefing.charts.cache import keep_derived, read_derived
from briefing.render.pdf.styles import ReportFonts

DRAWING_VERSION = 1  # bump when a change here changes what a kept drawing holds
LOADABLE = frozenset({
    "reportlab.graphics.shapes",
    "reportlab.lib.attrmap",
    "reportlab.lib.colors",
    "reportlab.lib.validators",
    __name__,
})  # fmt: skip


class UnstrokedPath(PathShape):
    """A path drawn filled and never stroked (what svglib makes of an open path's fill)."""

    def getProperties(self, recur: int = 1) -> dict[str, Any]:
        """The path's properties, without a stroke."""
        found: dict[str, Any] = super().getProperties(recur)
        if "strokeWidth" in found:
            found["strokeWidth"] = 0
        if "strokeColor" in found:
            found["strokeColor"] = None
        return found


class ClipPath(PathShape):
    """A path that only clips what follows it: neither filled nor stroked."""

    def getProperties(self, recur: int = 1) -> dict[str, Any]:
        """The path's properties, without fill or stroke."""
        found: dict[str, Any] = super().getProperties(recur)
        if "fillColor" in found:
            found["fillColor"] = None
        if "strokeColor" in found:
            found["strokeColor"] = None
        return found


PLAIN = {"NoStrokePath": UnstrokedPath, "ClippingPath": ClipPath}  # svglib's, by name


def chart_drawing(svg: bytes, fonts: ReportFonts) -> Drawing | None:
    """A chart's SVG as a drawing whose text is set in `fonts`; None where svglib reads none."""

    def convert() -> Drawing | None:
        from svglib.svglib import svg2rlg

        return svg2rlg(io.BytesIO(svg), font_map=fonts)

    faces = f"{fonts.family}|{fonts.regular}|{fonts.bold}"
    return kept_drawing(svg, f"chart-{_digest(faces)}", convert)


def logo_drawing(path: Path) -> Drawing | None:
    """A logo's SVG file as a drawing; None where svglib reads none."""

    def convert() -> Drawing | None:
        from svglib.svglib import svg2rlg

        return svg2rlg(str(path))

    # Keyed by where the file is too: an SVG may name files beside it.
    return kept_drawing(path.read_bytes(), f"logo-{_digest(str(path.resolve()))}", convert)


def kept_drawing(svg: bytes, kind: str, convert: Callable[[], Drawing | None]) -> Drawing | None:
    """The drawing kept for `svg` and `kind`, else `convert()`'s, kept for the next build."""
    name = f"drawing-{DRAWING_VERSION}-{kind}-{converter_version()}"
    data = read_derived(svg, name)
    drawing = loaded(data) if data is not None else None
    if drawing is not None:
        return drawing
    drawing = convert()
    if drawing is None:
        return None
    for node in nodes(drawing):
        plain = PLAIN.get(type(node).__name__)
        if plain is not None and type(node).__module__.startswith("svglib"):
            object.__setattr__(node, "__class__", plain)  # shapes check their setattr
    data = pickle.dumps(drawing, protocol=pickle.HIGHEST_PROTOCOL)
    if loaded(data) is not None:  # keep only what a later build can load
        keep_derived(svg, name, data)
    return drawing


@functools.cache
def converter_version() -> str:
    """'svglib<version>-rl<version>': what a kept drawing was converted with."""
    try:
        svglib = importlib.metadata.version("svglib")
    except importlib.metadata.PackageNotFoundError:
        svglib = "none"
    return f"svglib{svglib}-rl{reportlab.Version}"


def loaded(data: bytes) -> Drawing | None:
    """A kept drawing; None where it holds anything but shapes, or a font not registered."""
    try:
        drawing = _Loader(io.BytesIO(data)).load()
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, LookupError):
        return None
    except (TypeError, ValueError):  # a class given state it does not take
        return None
    if not isinstance(drawing, Drawing):
        return None
    for node in nodes(drawing):
        if isinstance(node, String) and not _registered(node.fontName):
            return None
    return drawing


def nodes(group: Group) -> Iterator[Any]:
    """Every shape in a drawing or group, groups included, depth first."""
    for node in group.contents:
        yield node
        if isinstance(node, Group):
            yield from nodes(node)


def _registered(font: str) -> bool:
    try:
        pdfmetrics.getFont(font)
    except (KeyError, ValueError):
        return False
    return True


class _Loader(pickle.Unpickler):
    """Unpickles reportlab shapes only."""

    def find_class(self, module: str, name: str) -> Any:
        if module not in LOADABLE:
            raise pickle.UnpicklingError(f"a kept drawing may not hold {module}.{name}")
        return super().find_class(module, name)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]
