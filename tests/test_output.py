"""All-or-nothing writes: a failed or killed build leaves earlier files byte for byte."""

from __future__ import annotations

import dataclasses
import errno
import os
import signal
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from briefing import build, output
from briefing.errors import BriefingError
from briefing.output import recover, staged
from briefing.render import REGISTRY
from tests.helpers import ROOT

EARLIER = {"a.pdf": b"earlier report", "b.pptx": b"earlier deck"}
NAMES = ["a.pdf", "b.pptx", "c.svg"]  # c.svg has no earlier file
STAGES = ["staged", "rendered", "kept", "replacing", "replaced", "done"]


def earlier(folder: Path) -> dict[str, bytes]:
    """The folder holding the earlier outputs; what it holds."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in EARLIER.items():
        (folder / name).write_bytes(content)
    return held(folder)


def held(folder: Path) -> dict[str, bytes]:
    """Every file of a folder (hidden ones too) and its bytes; a folder as b'<folder>'."""
    return {p.name: b"<folder>" if p.is_dir() else p.read_bytes() for p in sorted(folder.iterdir())}


def write_all(folder: Path) -> None:
    """Write new outputs NAMES into `folder`, all or nothing."""
    with staged([folder / name for name in NAMES]) as parts:
        for part in parts:
            part.write_bytes(b"new " + part.name.split(".")[1].encode())


NEW = {"a.pdf": b"new a", "b.pptx": b"new b", "c.svg": b"new c"}


@pytest.mark.unit
def test_a_build_replaces_every_target_and_leaves_nothing_else(tmp_path):
    earlier(tmp_path)
    write_all(tmp_path)
    assert held(tmp_path) == NEW
    assert (tmp_path / "c.svg").stat().st_mode & 0o044


@pytest.mark.unit
def test_a_target_that_is_a_folder_is_refused_before_anything_is_replaced(tmp_path):
    before = earlier(tmp_path)
    (tmp_path / "c.svg").mkdir()
    before["c.svg"] = b"<folder>"
    with pytest.raises(BriefingError, match=r"c\.svg: is a folder.*nothing was written"):
        write_all(tmp_path)
    assert held(tmp_path) == before


@pytest.mark.unit
def test_a_target_that_is_a_fifo_is_refused(tmp_path):
    before = earlier(tmp_path)
    os.mkfifo(tmp_path / "c.svg")
    with pytest.raises(BriefingError, match=r"c\.svg: is not a regular file.*nothing was written"):
        write_all(tmp_path)
    assert held_files(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "b.pptx", "c.svg"]


def held_files(folder: Path) -> dict[str, bytes]:
    """The regular files of a folder and their bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.unit
@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a read-only file")
def test_a_read_only_target_is_refused(tmp_path):
    before = earlier(tmp_path)
    (tmp_path / "b.pptx").chmod(0o444)
    with pytest.raises(BriefingError, match=r"b\.pptx: is read-only.*nothing was written"):
        write_all(tmp_path)
    assert held(tmp_path) == before


@pytest.mark.unit
def test_an_output_folder_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "out").write_bytes(b"a file")
    with pytest.raises(BriefingError, match=r"out: is not a folder.*nothing was written"):
        write_all(tmp_path / "out" / "inner")
    assert held(tmp_path) == {"out": b"a file"}


@pytest.mark.unit
def test_a_failure_while_writing_changes_nothing(tmp_path):
    before = earlier(tmp_path)
    with pytest.raises(RuntimeError), staged([tmp_path / n for n in NAMES]) as parts:
        parts[0].write_bytes(b"half a report")
        raise RuntimeError("renderer crashed")
    assert held(tmp_path) == before


@pytest.mark.unit
def test_a_full_disk_is_a_clean_error_and_changes_nothing(tmp_path):
    before = earlier(tmp_path)
    full = pytest.raises(BriefingError, match=r"No space left on device.*nothing was written")
    with full, staged([tmp_path / n for n in NAMES]) as parts:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(parts[0]))
    assert held(tmp_path) == before


@pytest.mark.unit
@pytest.mark.parametrize("links", [True, False], ids=["hard-links", "no-hard-links"])
@pytest.mark.parametrize("failing", [1, 2, 3])
def test_a_replacement_that_fails_puts_back_every_earlier_file(
    tmp_path, monkeypatch, links, failing
):
    before = earlier(tmp_path)
    real_replace, calls = os.replace, []

    def replace(source, target):
        if str(source).endswith(".part"):
            calls.append(target)
            if len(calls) == failing:
                raise PermissionError(errno.EACCES, "Permission denied", str(target))
        real_replace(source, target)

    def no_link(*_, **__):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(output.os, "replace", replace)
    if not links:
        monkeypatch.setattr(output.os, "link", no_link)
    with pytest.raises(BriefingError, match=r"cannot be replaced.*nothing was written"):
        write_all(tmp_path)
    assert held(tmp_path) == before


@pytest.mark.unit
def test_without_hard_links_a_build_still_replaces_every_target(tmp_path, monkeypatch):
    def no_link(*_, **__):
        raise OSError(errno.EPERM, "Operation not permitted")

    earlier(tmp_path)
    monkeypatch.setattr(output.os, "link", no_link)
    write_all(tmp_path)
    assert held(tmp_path) == NEW


@pytest.mark.unit
def test_part_files_of_earlier_versions_are_removed_and_others_left(tmp_path):
    earlier(tmp_path)
    stale = [".a.pdf.k2j_x9q0.part", ".c.svg.abcdefgh.part"]  # this tool's, for these targets
    others = {
        ".other.pdf.abcdefgh.part": b"another briefing's, no journal: left",
        ".a.pdf.part": b"not this tool's pattern",
        ".a.pdf.abc.part": b"not this tool's pattern",
        "a.pdf.abcdefgh.part": b"not hidden",
        "notes.txt": b"the user's",
    }
    for name in stale:
        (tmp_path / name).write_bytes(b"half a file from a killed build")
    for name, content in others.items():
        (tmp_path / name).write_bytes(content)
    write_all(tmp_path)
    assert held(tmp_path) == {**NEW, **others}


PAUSED = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from briefing.output import staged

    folder = Path(sys.argv[1])
    with staged([folder / name for name in sys.argv[2:]]) as parts:
        for part in parts:
            part.write_bytes(b"new " + part.name.split(".")[1].encode())
    """
)


def paused(folder: Path, stage: str, names: list[str] = NAMES) -> subprocess.Popen[str]:
    """A process writing `names` into `folder`, stopped at `stage` (see output.pause_for_test)."""
    env = {**os.environ, output.PAUSE_ENV: stage}
    process = subprocess.Popen(
        [sys.executable, "-c", PAUSED, str(folder), *names],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    line = process.stderr.readline()
    assert line == f"paused at {stage}\n", line + process.stderr.read()
    return process


def killed(process: subprocess.Popen[str]) -> None:
    """The process killed with SIGKILL, as kill -9 would."""
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.stderr is not None
    process.stderr.close()


def whole(folder: Path) -> dict[str, bytes]:
    """The outputs NAMES of the folder that are there, each either earlier or new."""
    found = {n: (folder / n).read_bytes() for n in NAMES if (folder / n).exists()}
    for name, content in found.items():
        assert content in (EARLIER.get(name), NEW[name]), (name, content)
    return found


@pytest.mark.unit
@pytest.mark.parametrize("stage", STAGES)
def test_a_build_killed_at_any_stage_is_undone_by_the_next_one(tmp_path, stage):
    before = earlier(tmp_path)
    killed(paused(tmp_path, stage, NAMES))
    whole(tmp_path)  # even before the next build, every file is whole
    recover(tmp_path)
    assert held(tmp_path) == (NEW if stage == "done" else before)


@pytest.mark.unit
def test_a_live_build_keeps_its_files_while_another_one_writes(tmp_path):
    earlier(tmp_path)
    process = paused(tmp_path, "kept", ["a.pdf"])
    theirs = {p.name for p in tmp_path.iterdir()} - set(EARLIER)
    assert len(theirs) == 3  # the part, the kept earlier file and the journal
    try:
        with staged([tmp_path / "other.pdf"]) as (part,):
            part.write_bytes(b"other")
        recover(tmp_path)
        assert theirs <= {p.name for p in tmp_path.iterdir()}
    finally:
        killed(process)
    recover(tmp_path)
    assert held(tmp_path) == {**EARLIER, "other.pdf": b"other"}


@pytest.mark.e2e
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


@pytest.mark.e2e
def test_successful_build_replaces_files_with_readable_permissions(tmp_path):
    (tmp_path / "ordos-2024.pdf").write_bytes(b"old")
    (written,) = build(formats=["pdf"], output=tmp_path)
    assert written.read_bytes().startswith(b"%PDF-")
    assert written.stat().st_mode & 0o044
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ordos-2024.pdf"]


@pytest.mark.unit
def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="formats"):
        build(formats=["docx"], output=tmp_path)
