"""The chart cache checks every entry it reads: a truncated or altered one is drawn again,
with a warning, and written again whole."""

from __future__ import annotations

import io
import types
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from briefing.charts import cache
from briefing.charts.cache import (
    cache_name,
    cached,
    keep_derived,
    read_derived,
    sealed,
    take_warnings,
    unsealed,
)

pytestmark = pytest.mark.unit

SPEC = types.SimpleNamespace(key="k" * 24)  # all the cache reads of a chart's spec
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>\n'


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), "#9b1b30").save(out, "PNG")
    return out.getvalue()


PICTURES = {"svg": SVG, "png": png()}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    take_warnings()
    return tmp_path


def draw_counted(fmt: str, drawn: list[str]):
    def draw() -> bytes:
        drawn.append(fmt)
        return PICTURES[fmt]

    return draw


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_a_sealed_drawing_is_still_the_same_picture(fmt):
    data = sealed(PICTURES[fmt], fmt)
    assert unsealed(data, fmt) is not None
    if fmt == "svg":
        assert ET.fromstring(data).get("width") == "4"
    else:
        picture = Image.open(io.BytesIO(data))
        picture.load()
        assert picture.size == (4, 3) and picture.getpixel((0, 0)) == (0x9B, 0x1B, 0x30)


@pytest.mark.parametrize("fmt", ["svg", "png"])
@pytest.mark.parametrize("damage", ["truncated", "altered", "emptied", "unsealed"])
def test_a_damaged_entry_is_drawn_again_with_a_warning(folder, fmt, damage):
    drawn: list[str] = []
    dpi = 72 if fmt == "png" else None
    good = cached(SPEC, fmt, dpi, draw_counted(fmt, drawn))
    entry = folder / cache_name(SPEC, fmt, dpi)
    assert entry.read_bytes() == good and take_warnings() == []
    data = bytearray(good)
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "altered":
        data[len(data) // 2] ^= 0x20
    elif damage == "emptied":
        data = bytearray()
    else:  # the picture as drawn, its seal taken off
        data = bytearray(PICTURES[fmt])
    entry.write_bytes(bytes(data))
    assert cached(SPEC, fmt, dpi, draw_counted(fmt, drawn)) == good
    assert drawn == [fmt, fmt]
    assert take_warnings() == [f"{entry}: a damaged chart-cache entry (truncated or altered);"
                               " drawn again"]  # fmt: skip
    assert entry.read_bytes() == good  # written again whole
    assert cached(SPEC, fmt, dpi, draw_counted(fmt, drawn)) == good
    assert drawn == [fmt, fmt] and take_warnings() == []


def test_a_missing_entry_is_drawn_without_a_warning(folder):
    drawn: list[str] = []
    cached(SPEC, "svg", None, draw_counted("svg", drawn))
    (folder / cache_name(SPEC, "svg")).unlink()
    cached(SPEC, "svg", None, draw_counted("svg", drawn))
    assert drawn == ["svg", "svg"]
    assert take_warnings() == []


def test_a_damaged_derived_entry_is_made_again_with_a_warning(folder):
    keep_derived(SVG, "test-kind", b"payload")
    (entry,) = folder.glob("*-test-kind")
    entry.write_bytes(entry.read_bytes()[:-3])
    assert read_derived(SVG, "test-kind") is None
    assert take_warnings() == [f"{entry}: a damaged cache entry (truncated or altered); made again"]
    assert read_derived(b"<svg other/>", "test-kind") is None
    assert take_warnings() == []  # no entry is not a damaged one
