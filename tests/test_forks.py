"""Renderers in forked processes (briefing.forks): what the command line starts early, the
same bytes as rendering in one process, and errors and warnings brought back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import api
from briefing.cli import app
from briefing.errors import BriefingError
from briefing.forks import (
    FLAGS,
    JOBS_ENV,
    VALUED,
    ChildTraceback,
    early_formats,
    usable_cores,
    worth_forking,
)
from briefing.paths import DEFAULT_FACTS
from briefing.render import REGISTRY

pytestmark = pytest.mark.render

needs_two_cores = pytest.mark.skipif(
    usable_cores() < 2 or not sys.platform.startswith("linux"), reason="renders in one process here"
)


@pytest.mark.unit
@pytest.mark.parametrize(
    ("argv", "formats"),
    [
        (["build"], ("pdf", "pptx")),
        (["build", "-q", "-o", "out", "-d", "town.yml"], ("pdf", "pptx")),
        (["build", "-f", "pptx"], ("pptx",)),
        (["build", "--format=pdf", "--pdfa"], ("pdf",)),
        (["build", "-fpdf", "-dtown.yml", "--embed-fonts"], ("pdf",)),
        (["build", "--format", "all", "--jobs", "2"], ("pdf", "pptx")),
        (["build", "-d", "a.yml", "-d", "b.yml"], None),  # a batch
        (["build", "--data", "tests"], None),  # a folder: a batch
        (["build", "--help"], None),
        (["build", "-f", "docx"], None),  # the CLI will refuse it
        (["build", "-qf", "pdf"], None),  # bundled flags: not read here
        (["build", "stray"], None),
        (["build", "--quiet=yes"], None),
        (["validate", "town.yml"], None),
        ([], None),
    ],
)
def test_the_command_line_is_read_for_the_renderers_it_needs(argv, formats) -> None:
    assert early_formats(argv) == formats


@pytest.mark.unit
def test_every_option_of_build_is_known_to_the_early_reading() -> None:
    """A new option of `build` must be taught to early_formats (else a build with it would
    merely fork later, but an option taking a value could be misread as the next one)."""
    import typer

    command = typer.main.get_command(app).commands["build"]  # type: ignore[attr-defined]
    names = {name for param in command.params for name in (*param.opts, *param.secondary_opts)}
    assert names - {"--help"} <= VALUED | FLAGS
    assert names >= VALUED | FLAGS


@needs_two_cores
def test_forked_renderers_write_the_bytes_one_process_writes(tmp_path) -> None:
    forked = api.build(output=tmp_path / "forked")
    here = api.build(output=tmp_path / "here", fork=False)
    assert [p.read_bytes() for p in forked] == [p.read_bytes() for p in here]


@needs_two_cores
def test_a_renderers_error_comes_back_and_nothing_is_written(tmp_path, monkeypatch) -> None:
    def refuse(story, target, options):
        Path(target).write_bytes(b"half")
        raise BriefingError("the template has no title layout")

    monkeypatch.setattr("briefing.render.pptx.render", refuse)
    with pytest.raises(BriefingError, match="no title layout"):
        api.build(output=tmp_path)
    assert list(tmp_path.iterdir()) == []


@needs_two_cores
def test_a_renderers_bug_comes_back_with_its_traceback(tmp_path, monkeypatch) -> None:
    def broken(story, target, options):
        return 1 / 0

    monkeypatch.setattr("briefing.render.pdf.render", broken)
    with pytest.raises(ZeroDivisionError) as raised:
        api.build(output=tmp_path)
    cause = raised.value.__cause__
    assert isinstance(cause, ChildTraceback)
    assert "in broken" in str(cause) and "1 / 0" in str(cause)
    assert list(tmp_path.iterdir()) == []


@needs_two_cores
def test_a_renderers_warnings_come_back_in_order(tmp_path, monkeypatch) -> None:
    module = __import__(REGISTRY["pptx"].module, fromlist=["render"])
    drawn = module.render

    def warning(story, target, options):
        options.warn("first")
        drawn(story, target, options)
        options.warn("second")

    monkeypatch.setattr(module, "render", warning)
    heard: list[str] = []
    api.build(DEFAULT_FACTS, ["pptx"], tmp_path, warn=heard.append)
    assert heard[-2:] == ["first", "second"]


def test_one_process_renders_when_asked(tmp_path, monkeypatch) -> None:
    """BRIEFING_RENDER_JOBS=1: no fork (a patched renderer's effect is seen here)."""
    monkeypatch.setenv(JOBS_ENV, "1")
    called: list[str] = []
    drawn = __import__(REGISTRY["pdf"].module, fromlist=["render"]).render

    def counted(story, target, options):
        called.append("pdf")
        drawn(story, target, options)

    monkeypatch.setattr("briefing.render.pdf.render", counted)
    api.build(DEFAULT_FACTS, ["pdf"], tmp_path)
    assert called == ["pdf"]


@pytest.mark.unit
def test_a_renderer_process_imports_no_reading_or_checking() -> None:
    """What a forked renderer imports while it waits: its renderer and the story's model,
    none of the facts' and brand's validation (the parent has that), nor matplotlib."""
    code = (
        "import json, sys; import briefing.forks; from briefing.render import REGISTRY;"
        "[REGISTRY[f].prepare() for f in REGISTRY];"
        "[__import__(m) for m in briefing.forks.STORY_MODULES];"
        "print(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout))
    assert {"pptx", "reportlab", "briefing.story.model"} <= loaded
    heavy = {"pydantic", "ruamel.yaml", "typer", "matplotlib", "fontTools", "svglib"}
    heavy |= {"briefing.facts.model", "briefing.brand.kit", "briefing.story.build"}
    assert not heavy & loaded


@needs_two_cores
@pytest.mark.unit
def test_no_fork_while_another_thread_runs(monkeypatch) -> None:
    """A library user's thread could hold a lock a forked child would wait on for ever."""
    import threading

    monkeypatch.delenv(JOBS_ENV, raising=False)
    assert worth_forking(["pdf", "pptx"])
    release = threading.Event()
    waiting = threading.Thread(target=release.wait)
    waiting.start()
    try:
        assert not worth_forking(["pdf", "pptx"])
    finally:
        release.set()
        waiting.join()
    monkeypatch.setenv(JOBS_ENV, "1")
    assert not worth_forking(["pdf", "pptx"])


@needs_two_cores
def test_a_failing_renderers_warnings_still_come_before_its_error(tmp_path, monkeypatch) -> None:
    def warn_then_fail(story, target, options):
        options.warn("the template lacks a title layout")
        raise BriefingError("no layout to build on")

    monkeypatch.setattr("briefing.render.pptx.render", warn_then_fail)
    heard: list[str] = []
    with pytest.raises(BriefingError, match="no layout"):
        api.build(DEFAULT_FACTS, ["pptx"], tmp_path, warn=heard.append)
    assert heard == ["the template lacks a title layout"]


@needs_two_cores
def test_a_renderer_that_dies_is_reported_and_nothing_is_written(tmp_path, monkeypatch) -> None:
    import os
    import signal

    def crash(story, target, options):
        Path(target).write_bytes(b"half")
        os.kill(os.getpid(), signal.SIGKILL)  # as a crash in a C library would end it

    monkeypatch.setattr("briefing.render.pdf.render", crash)
    with pytest.raises(RuntimeError, match=r"pdf renderer's process ended .*killed by SIGKILL"):
        api.build(DEFAULT_FACTS, output=tmp_path)
    assert list(tmp_path.iterdir()) == []
