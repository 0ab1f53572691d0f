"""All-or-nothing writes: a crash mid-build leaves earlier files byte for byte."""

from __future__ import annotations

import dataclasses
import sys
import types

import pytest

from briefing import build
from briefing.render import REGISTRY

pytestmark = pytest.mark.e2e


def test_crash_in_a_renderer_keeps_earlier_files(tmp_path, monkeypatch):
    earlier = {tmp_path / "ordos-2024.pdf": b"old pdf", tmp_path / "ordos-2024.pptx": b"old deck"}
    for path, content in earlier.items():
        path.write_bytes(content)

    def crash(story, target, options):
        target.write_bytes(b"half a deck")
        raise RuntimeError("renderer crashed")

    crashing = types.ModuleType("crashing_renderer")
    crashing.render = crash  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, crashing.__name__, crashing)
    deck = dataclasses.replace(REGISTRY["pptx"], module=crashing.__name__)
    monkeypatch.setitem(REGISTRY, "pptx", deck)
    with pytest.raises(RuntimeError):
        build(output=tmp_path)
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == earlier


def test_successful_build_replaces_files_with_readable_permissions(tmp_path):
    (tmp_path / "ordos-2024.pdf").write_bytes(b"old")
    (written,) = build(formats=["pdf"], output=tmp_path)
    assert written.read_bytes().startswith(b"%PDF-")
    assert written.stat().st_mode & 0o044
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ordos-2024.pdf"]


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="formats"):
        build(formats=["docx"], output=tmp_path)
