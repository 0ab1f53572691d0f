"""`briefing build` killed (kill -9, SIGTERM) at known moments, out of disk, and run several
at once into one folder: earlier outputs stay as they were, no file is left behind."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from briefing.forks import usable_cores
from briefing.output import PAUSE_ENV
from tests.helpers import MINIMAL, ROOT

pytestmark = pytest.mark.e2e

BRIEFING = Path(sys.executable).with_name("briefing")
EARLIER = {"town-2025.pdf": b"earlier report", "town-2025.pptx": b"earlier deck"}
# Every moment of a build at which output.pause_for_test can stop it, in order.
STAGES = ["staged", "rendered-pdf", "rendered", "kept", "replacing", "replaced", "done"]


@pytest.fixture
def facts(write) -> Path:
    return write("town.yml", MINIMAL)


def start(facts: Path, out: Path, stage: str | None = None) -> subprocess.Popen[str]:
    """`briefing build` of `facts` into `out`, stopped at `stage` if one is given."""
    env = {k: v for k, v in os.environ.items() if k != PAUSE_ENV}
    if stage is not None:
        env[PAUSE_ENV] = stage
    return subprocess.Popen(
        [str(BRIEFING), "build", "--data", str(facts), "--output", str(out), "--quiet"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )


def stopped(facts: Path, out: Path, stage: str) -> subprocess.Popen[str]:
    """A build waiting at `stage`."""
    process = start(facts, out, stage)
    assert process.stderr is not None
    said = []
    for line in process.stderr:
        if line == f"paused at {stage}\n":
            return process
        said.append(line)
    process.wait()
    pytest.fail(f"the build never reached {stage}: {''.join(said)}")


def ended(process: subprocess.Popen[str], sign: signal.Signals) -> int:
    """The process sent `sign`; its exit code."""
    process.send_signal(sign)
    code = process.wait(timeout=60)
    assert process.stderr is not None
    process.stderr.close()
    return code


def children_of(pid: int) -> list[int]:
    """The processes `pid` has forked and not yet seen end (Linux)."""
    listed = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in listed.read_text().split()] if listed.exists() else []


def assert_gone(pids: list[int]) -> None:
    """Each process has ended (at most a zombie waiting for its reaper), within seconds."""
    for _ in range(100):
        alive = [pid for pid in pids if _running(pid)]
        if not alive:
            return
        time.sleep(0.05)
    pytest.fail(f"the build's renderer processes outlived it: {alive}")


def _running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return status.rsplit(")", 1)[1].split()[0] != "Z"


def files(folder: Path) -> dict[str, bytes]:
    """Every file of a folder, hidden ones too, and its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def assert_whole(folder: Path) -> None:
    """Each output is the earlier file or a whole new one: a PDF to its end, a readable deck."""
    for name, content in files(folder).items():
        assert not name.startswith("."), f"left behind: {name}"
        if content == EARLIER.get(name):
            continue
        if name.endswith(".pdf"):
            assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF"), name
        else:
            with zipfile.ZipFile(folder / name) as deck:
                assert deck.testzip() is None, name


@pytest.mark.parametrize("stage", STAGES)
def test_a_build_killed_at_any_moment_leaves_the_earlier_outputs(tmp_path, facts, write, stage):
    out = tmp_path / "out"
    out.mkdir()
    for name, content in EARLIER.items():
        (out / name).write_bytes(content)
    build = stopped(facts, out, stage)
    renderers = children_of(build.pid)
    if stage == "staged" and usable_cores() > 1:  # both renderers wait for the story
        assert len(renderers) == 2
    assert ended(build, signal.SIGKILL) == -signal.SIGKILL
    assert_gone(renderers)  # no renderer goes on writing for a build that is dead
    # The next build, even one that fails at once, first puts back what the killed one left.
    bad = write("bad.yml", MINIMAL.replace("value: 2.5", "value: x"))
    failed = subprocess.run(
        [str(BRIEFING), "build", "--data", str(bad), "--output", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert failed.returncode == 1, failed.stderr
    if stage == "done":  # the killed build had finished its work: its outputs stand
        assert set(files(out)) == set(EARLIER)
        assert files(out) != EARLIER
        assert_whole(out)
    else:
        assert files(out) == EARLIER


def test_a_terminated_build_cleans_up_before_it_exits(tmp_path, facts):
    out = tmp_path / "out"
    out.mkdir()
    for name, content in EARLIER.items():
        (out / name).write_bytes(content)
    build = stopped(facts, out, "rendered-pdf")
    renderers = children_of(build.pid)
    assert ended(build, signal.SIGTERM) == 128 + signal.SIGTERM
    assert files(out) == EARLIER  # no next build needed
    assert_gone(renderers)


def test_builds_at_once_into_one_folder_end_with_whole_files(tmp_path, facts):
    out = tmp_path / "out"
    builds = [start(facts, out) for _ in range(3)]
    assert [b.wait(timeout=180) for b in builds] == [0, 0, 0]
    for build in builds:
        assert build.stderr is not None
        build.stderr.close()
    assert set(files(out)) == set(EARLIER)
    assert_whole(out)


def test_a_full_disk_is_a_clean_error_and_keeps_the_earlier_outputs(tmp_path, facts):
    out = tmp_path / "out"
    out.mkdir()
    for name, content in EARLIER.items():
        (out / name).write_bytes(content)

    def small_files() -> None:  # files past 20 KB cannot be written, as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    done = subprocess.run(
        [str(BRIEFING), "build", "--data", str(facts), "--output", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        preexec_fn=small_files,
    )
    assert done.returncode == 1, done.stderr
    assert "File too large" in done.stderr and "nothing was written" in done.stderr
    assert "internal error" not in done.stderr
    assert files(out) == EARLIER
