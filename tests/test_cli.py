"""The command line: exit codes, messages on stderr, outputs written or left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli import app
from tests.helpers import MINIMAL

pytestmark = pytest.mark.e2e

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_no_arguments_shows_help():
    result = run()
    assert result.exit_code in (0, 2)
    assert "build" in result.output and "validate" in result.output


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("briefing ")


def test_validate_bundled_facts_prints_a_summary():
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "valid" in result.stdout
    assert "themes    4" in result.stdout
    assert "33 metrics" in result.stdout


def test_validate_reports_every_problem_with_location(write):
    broken = MINIMAL.replace("value: 2.5", "value: x").replace("value: 40", "value: y")
    path = write("bad.yml", broken)
    result = run("validate", str(path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{path}:19:16: themes[0].metrics[0].value:")
    assert lines[1].startswith(f"{path}:23:16: themes[0].metrics[1].value:")
    assert lines[-1] == "2 problems found"
    assert "Traceback" not in result.output


def test_validate_yaml_syntax_error(write):
    path = write("bad.yml", "briefing:\n  id: [x\n")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:3:1: YAML:")


def test_validate_dangling_reference(write):
    path = write("bad.yml", MINIMAL.replace("key_figures: [funds]", "key_figures: [fundz]"))
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert f"{path}:11:17: headline.key_figures[0]: no metric has the id 'fundz'" in result.stderr


def test_validate_missing_file(tmp_path):
    result = run("validate", str(tmp_path / "nope.yml"))
    assert result.exit_code == 1
    assert "no such file" in result.stderr


def test_bad_usage_exits_2():
    assert run("build", "--format", "docx").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_schema_is_json_schema_of_the_facts():
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert set(schema["required"]) >= {"briefing", "headline", "themes", "outlook"}
    assert "Metric" in schema["$defs"]


@pytest.mark.parametrize(
    ("fmt", "names"), [("pdf", ["ordos-2024.pdf"]), ("pptx", ["ordos-2024.pptx"])]
)
def test_build_one_format(tmp_path, fmt, names):
    result = run("build", "--format", fmt, "--output", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == names
    assert "wrote" in result.stderr


def test_build_quiet_says_nothing(tmp_path):
    result = run("build", "--format", "pdf", "--output", str(tmp_path), "--quiet")
    assert result.exit_code == 0
    assert result.output == ""


def test_failed_build_keeps_earlier_outputs_and_leaves_no_part_files(tmp_path, write):
    out = tmp_path / "out"
    out.mkdir()
    earlier = {out / "town-2025.pdf": b"earlier pdf", out / "town-2025.pptx": b"earlier deck"}
    for path, content in earlier.items():
        path.write_bytes(content)
    bad = write("bad.yml", MINIMAL.replace("value: 2.5", "value: x"))
    result = run("build", "--data", str(bad), "--output", str(out))
    assert result.exit_code == 1
    assert {p: p.read_bytes() for p in out.iterdir()} == earlier


def test_shipped_schema_is_current():
    from briefing.paths import DATA

    shipped = json.loads((DATA / "facts.schema.json").read_text(encoding="utf-8"))
    assert shipped == json.loads(run("schema").stdout), (
        "run: briefing schema > data/facts.schema.json"
    )


def test_every_command_and_option_is_documented_in_the_readme():
    import typer.main

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)

    def walk(command, prefix):
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                yield from walk(sub, f"{prefix} {name}")
        else:
            yield prefix, command

    for name, command in walk(group, "briefing"):
        assert f"`{name}" in readme, name
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert opt in readme, f"{name} {opt}"


def test_every_output_format_is_documented_in_the_readme():
    from briefing.render import FORMATS

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    choices = "\\|".join([*FORMATS, "all"])
    assert f"`--format`, `-f {choices}`" in readme, choices


def test_charts_exports_every_chart_as_svg_and_png(tmp_path, story, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    result = run("charts", "--output", str(tmp_path), "--dpi", "100")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "ordos-2024-charts"
    names = sorted(p.name for p in folder.iterdir())
    expected = sorted(
        f"fig{c.number:02d}-{c.id}.{fmt}" for c in story.charts() for fmt in ("svg", "png")
    )
    assert names == expected
    assert all((folder / n).read_bytes().startswith(b"\x89PNG") for n in names if n.endswith("png"))
    assert all(b"<svg" in (folder / n).read_bytes()[:500] for n in names if n.endswith("svg"))


def test_charts_one_format(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    result = run("charts", "-f", "svg", "-o", str(tmp_path), "-q")
    assert result.exit_code == 0 and result.output == ""
    assert {p.suffix for p in (tmp_path / "ordos-2024-charts").iterdir()} == {".svg"}


def test_build_with_a_template_uses_it_and_passes_on_its_warnings(tmp_path):
    from pptx import Presentation

    from tests.helpers import corporate_template

    template = tmp_path / "corporate.potx"
    corporate_template(template, drop=("Section Header",))
    result = run("build", "-f", "pptx", "-o", str(tmp_path / "out"), "--template", str(template))
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "节标题" in result.stderr
    deck = Presentation(str(tmp_path / "out" / "ordos-2024.pptx"))
    names = {shape.name for shape in deck.slide_masters[0].shapes}
    assert "公司标识条" in names


def test_build_with_a_missing_template_is_a_clean_error(tmp_path):
    result = run("build", "-f", "pptx", "-o", str(tmp_path), "--template", str(tmp_path / "x.pptx"))
    assert result.exit_code == 1
    assert "no such template file" in result.stderr
    assert list(tmp_path.iterdir()) == []
