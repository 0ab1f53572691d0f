"""Batch builds: several --data or a folder, built in worker processes, failures reported."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing import api
from briefing.cli import app
from briefing.errors import BriefingError, InputError, Problem, portable
from tests.helpers import MINIMAL, ROOT

FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("*.yml"))
BROKEN = MINIMAL.replace("value: 2.5", "value: x").replace("value: 40", "value: y")

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def briefing_id(text: str) -> str:
    """The id of a facts file's briefing (the first `id:` of the file)."""
    return next(line.split(":", 1)[1].strip() for line in text.splitlines() if "id:" in line)


def copy_as(source: Path, target: Path, ident: str) -> Path:
    """A copy of a facts file whose briefing has another id."""
    text = source.read_text(encoding="utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text.replace(f"id: {briefing_id(text)}", f"id: {ident}", 1), "utf-8")
    return target


def twelve(folder: Path) -> tuple[list[str], Path]:
    """Eleven good facts files (the six fixtures and five renamed copies) and a broken one,
    in one folder; the eleven ids, and the broken file."""
    ids = []
    for source in FIXTURES:
        ident = briefing_id(source.read_text(encoding="utf-8"))
        copy_as(source, folder / source.name, ident)
        ids.append(ident)
    for source in FIXTURES[:5]:
        ident = f"{briefing_id(source.read_text(encoding='utf-8'))}-again"
        copy_as(source, folder / f"{source.stem}-again.yml", ident)
        ids.append(ident)
    broken = folder / "broken.yml"
    broken.write_text(BROKEN, encoding="utf-8")
    return ids, broken


@pytest.mark.e2e
def test_twelve_with_one_broken_builds_the_eleven_and_names_the_twelfth(tmp_path):
    ids, broken = twelve(tmp_path / "facts")
    out = tmp_path / "out"
    result = run("build", "--data", str(tmp_path / "facts"), "--output", str(out), "--jobs", "2")
    assert result.exit_code == 1
    names = {f"{ident}.{suffix}" for ident in ids for suffix in ("pdf", "pptx")}
    assert {p.name for p in out.iterdir()} == names
    assert all(p.stat().st_size > 10_000 for p in out.iterdir())
    alone = run("build", "--data", str(broken), "--output", str(tmp_path / "alone"))
    assert alone.exit_code == 1
    assert alone.stderr.splitlines()[1:] == [  # after "reading …": what a single build says
        f"{broken}:19:16: themes[0].metrics[0].value: Input should be a valid number, unable "
        "to parse string as a number (got 'x')",
        f"{broken}:23:16: themes[0].metrics[1].value: Input should be a valid number, unable "
        "to parse string as a number (got 'y')",
        "2 problems found",
    ]
    assert alone.stderr in result.stderr  # the same lines, together, in the batch's report
    assert result.stderr.splitlines()[-1] == f"1 of 12 briefings failed: {broken}"
    assert "Traceback" not in result.output


@pytest.mark.e2e
def test_one_and_two_jobs_write_the_same_bytes_as_single_builds(tmp_path):
    inputs = [*FIXTURES, ROOT / "data" / "ordos-2024.yml"]
    data = [arg for path in inputs for arg in ("--data", str(path))]
    for jobs in ("1", "2"):
        result = run("build", *data, "--output", str(tmp_path / jobs), "--jobs", jobs, "-q")
        assert result.exit_code == 0, result.output
        assert result.output == ""
    one, two = (sorted((tmp_path / jobs).iterdir()) for jobs in ("1", "2"))
    assert [p.name for p in one] == [p.name for p in two]
    assert len(one) == 2 * len(inputs)
    for first, second in zip(one, two, strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name
    alone = run("build", "--data", str(inputs[-1]), "--output", str(tmp_path / "alone"), "-q")
    assert alone.exit_code == 0, alone.output
    for path in (tmp_path / "alone").iterdir():
        assert path.read_bytes() == (tmp_path / "2" / path.name).read_bytes(), path.name


@pytest.mark.unit
@pytest.mark.parametrize("jobs", ["1", pytest.param("2", marks=pytest.mark.e2e)])
def test_two_files_with_one_id_are_refused_before_anything_is_written(tmp_path, jobs):
    first = copy_as(FIXTURES[0], tmp_path / "a.yml", "same-2024")
    other = copy_as(FIXTURES[1], tmp_path / "b.yml", "other-2024")
    second = copy_as(FIXTURES[2], tmp_path / "c.yml", "same-2024")
    out = tmp_path / "out"
    result = run(
        "build", "-d", str(first), "-d", str(other), "-d", str(second), "-o", str(out), "-j", jobs
    )
    assert result.exit_code == 1
    assert not out.exists()
    line = next(n for n, text in enumerate(second.read_text().splitlines(), 1) if "id:" in text)
    assert result.stderr.splitlines() == [
        f"{second}:{line}:7: briefing.id: 'same-2024' is also the id of {first}: both would "
        f"write {out / 'same-2024'}.*; give each briefing its own id",
        "1 problem found",
    ]


@pytest.mark.e2e
def test_a_folder_stands_for_its_facts_files_in_order_of_name(tmp_path):
    folder = tmp_path / "facts"
    copy_as(FIXTURES[0], folder / "b.yaml", "second-2024")
    copy_as(FIXTURES[1], folder / "a.yml", "first-2024")
    copy_as(FIXTURES[2], folder / ".draft.yml", "hidden-2024")  # an editor's file
    copy_as(FIXTURES[3], folder / "older" / "c.yml", "nested-2024")  # folders inside: not read
    (folder / "notes.txt").write_text("not facts", encoding="utf-8")
    extra = copy_as(FIXTURES[4], tmp_path / "extra.yml", "extra-2024")
    out = tmp_path / "out"
    result = run(
        "build", "-d", str(folder), "-d", str(extra), "-d", str(folder / "a.yml"),
        "-f", "pptx", "-o", str(out), "-j", "1",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "extra-2024.pptx",
        "first-2024.pptx",
        "second-2024.pptx",
    ]
    reading = [line for line in result.stderr.splitlines() if line.startswith("reading ")]
    assert reading == [f"reading {folder / 'a.yml'}", f"reading {folder / 'b.yaml'}",
                       f"reading {extra}"]  # fmt: skip
    assert result.stderr.splitlines()[-1] == f"built 3 briefings into {out}"


@pytest.mark.unit
def test_a_folder_without_facts_files_is_a_clean_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("build", "--data", str(tmp_path / "empty"), "--output", str(tmp_path / "out"))
    assert result.exit_code == 1
    empty = tmp_path / "empty"
    assert result.stderr == f"error: {empty}: no facts files (*.yml, *.yaml) in this folder\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.unit
def test_jobs_must_be_at_least_one(tmp_path):
    result = run("build", "-d", str(FIXTURES[0]), "-d", str(FIXTURES[1]), "--jobs", "0")
    assert result.exit_code == 2


@pytest.mark.unit
def test_the_library_reports_each_briefing_in_order_of_the_files(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN, encoding="utf-8")
    heard: list[api.Built] = []
    said: list[str] = []
    results = api.build_many(
        [broken, tmp_path / "missing.yml"],
        ["pptx"],
        tmp_path / "out",
        progress=said.append,
        jobs=1,
        done=heard.append,
    )
    assert results == heard
    assert [built.facts for built in results] == [broken, tmp_path / "missing.yml"]
    assert isinstance(results[0].error, InputError)
    assert [(p.line, p.column) for p in results[0].error.problems] == [(19, 16), (23, 16)]
    assert isinstance(results[1].error, BriefingError)
    assert "no such file" in str(results[1].error)
    assert said == [f"reading {broken}", f"reading {tmp_path / 'missing.yml'}"]
    assert not (tmp_path / "out").exists()


@pytest.mark.unit
def test_located_problems_cross_from_a_worker_process_whole():
    problems = [Problem("a.yml", 3, 5, "briefing.id", "wrong"), Problem("a.yml", 9, 1, "", "x")]
    carried = pickle.loads(pickle.dumps(portable(InputError(problems))))
    assert type(carried) is InputError
    assert carried.problems == problems
    assert str(carried) == str(InputError(problems))

    class Odd(Exception):
        def __init__(self, a: int, b: int):
            super().__init__(f"{a} and {b}")

    odd = pickle.loads(pickle.dumps(portable(Odd(1, 2))))
    assert str(odd) == "Odd: 1 and 2"


@pytest.mark.unit
def test_a_bug_met_in_one_briefing_is_reported_and_the_others_go_on(tmp_path, monkeypatch):
    def build(facts: Path, *args, **kwargs) -> list[Path]:
        if facts.name == "b.yml":
            raise KeyError("boom")
        target = tmp_path / "out" / f"{facts.stem}.pptx"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(b"deck")
        return [target]

    monkeypatch.setattr(api, "build", build)
    monkeypatch.setenv("BRIEFING_DEBUG", "1")
    files = [copy_as(FIXTURES[i], tmp_path / f"{name}.yml", name) for i, name in enumerate("abc")]
    result = run("build", *(f"--data={path}" for path in files), "-o", str(tmp_path / "out"), "-j1")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"wrote {tmp_path / 'out' / 'a.pptx'} (4 bytes)" in lines
    assert f"wrote {tmp_path / 'out' / 'c.pptx'} (4 bytes)" in lines
    bug = lines.index("internal error: KeyError: 'boom'")
    assert lines[1] == "Traceback (most recent call last):" and bug > 1  # BRIEFING_DEBUG
    assert lines[-1] == f"1 of 3 briefings failed: {files[1]}"
