"""The command line: exit codes, messages on stderr, outputs written or left alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli import app
from briefing.paths import ASSETS
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
    assert set(schema["required"]) == {"briefing", "headline", "themes"}
    assert "outlook" in schema["properties"]  # optional since schema version 2
    assert schema["$comment"].endswith("schema version 2")
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


def test_a_damaged_chart_cache_entry_is_drawn_again_with_a_warning(tmp_path, write, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(cache))
    facts = write("town.yml", MINIMAL)
    assert run("charts", "-d", str(facts), "-f", "svg", "-o", str(tmp_path / "a")).exit_code == 0
    (entry,) = cache.glob("*-svg")
    entry.write_bytes(entry.read_bytes()[:-200])  # cut short, as by a full disk
    result = run("charts", "-d", str(facts), "-f", "svg", "-o", str(tmp_path / "b"))
    assert result.exit_code == 0, result.output
    assert f"warning: {entry}: a damaged chart-cache entry" in result.stderr
    first, second = (tmp_path / f / "town-2025-charts/fig01-chart-funds.svg" for f in "ab")
    assert second.read_bytes() == first.read_bytes()


def test_a_build_into_a_target_that_is_a_folder_writes_nothing(tmp_path, write):
    out = tmp_path / "out"
    out.mkdir()
    (out / "town-2025.pdf").write_bytes(b"earlier report")
    (out / "town-2025.pptx").mkdir()
    (out / "town-2025.pptx" / "inside").write_bytes(b"the user's")
    result = run("build", "--data", str(write("town.yml", MINIMAL)), "--output", str(out))
    assert result.exit_code == 1
    assert f"error: {out}/town-2025.pptx: is a folder" in result.stderr
    assert "nothing was written" in result.stderr
    assert (out / "town-2025.pdf").read_bytes() == b"earlier report"
    assert sorted(p.name for p in out.iterdir()) == ["town-2025.pdf", "town-2025.pptx"]
    assert (out / "town-2025.pptx" / "inside").read_bytes() == b"the user's"


def test_an_output_folder_that_is_a_file_is_a_clean_error(tmp_path, write):
    (tmp_path / "out").write_bytes(b"a file")
    facts = write("town.yml", MINIMAL)
    for data in (["-d", str(facts)], ["-d", str(facts), "-d", str(facts)]):
        result = run("build", *data, "--output", str(tmp_path / "out" / "inner"))
        assert result.exit_code == 1
        assert result.stderr.splitlines()[-1].startswith(f"error: {tmp_path}/out: is not a folder")
    assert (tmp_path / "out").read_bytes() == b"a file"


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


# ── One run reports every problem ─────────────────────────────────────────────

# A wrong type (line 19), a dangling reference (line 27) and a character the bundled font
# lacks (line 15: 𠀋, U+2000B, outside the fonts' subset).
THREE_KINDS = (
    MINIMAL.replace("value: 2.5", "value: 两亿五")
    .replace("metrics: [funds]\n    charts", "metrics: [fund]\n    charts")
    .replace("summary: 政策摘要。", "summary: 政策摘要𠀋。")
)


def three_kinds_of(path: Path) -> list[str]:
    return [
        f"{path}:15:14: themes[0].summary: '𠀋' (U+2000B) is not in the font "
        "NotoSansSC-Regular.ttf, NotoSansSC-Bold.ttf",
        f"{path}:19:16: themes[0].metrics[0].value: Input should be a valid number, "
        "unable to parse string as a number (got '两亿五')",
        f"{path}:27:19: themes[0].highlights[0].metrics[0]: no metric has the id 'fund'",
        "3 problems found",
    ]


def test_validate_reports_type_reference_and_glyph_problems_in_one_run(write):
    path = write("bad.yml", THREE_KINDS)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == three_kinds_of(path)
    assert result.stdout == ""


def test_build_reports_them_all_too_and_writes_nothing(tmp_path, write):
    path = write("bad.yml", THREE_KINDS)
    result = run("build", "--data", str(path), "--output", str(tmp_path / "out"), "--quiet")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == three_kinds_of(path)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_allowed_missing_glyphs_are_warnings_beside_the_other_problems(tmp_path, write):
    path = write("bad.yml", THREE_KINDS)
    result = run("build", "-d", str(path), "-o", str(tmp_path), "-q", "--allow-missing-glyphs")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("warning: ") and "U+2000B" in lines[0]
    assert lines[1:] == [*three_kinds_of(path)[1:3], "2 problems found"]


def test_facts_and_brand_problems_come_together_facts_first(tmp_path, write):
    facts = write("bad.yml", MINIMAL.replace("value: 2.5", "value: x"))
    brand = tmp_path / "kit" / "brand.yml"
    shutil.copytree(ASSETS, brand.parent)
    brand.write_text("meta:\n  name: X\ncolor:\n  primray: '#123456'\n", encoding="utf-8")
    result = run("validate", str(facts), "--brand", str(brand))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{facts}:19:16: themes[0].metrics[0].value: Input should be a valid number, "
        "unable to parse string as a number (got 'x')",
        f"{brand}:4:3: color.primray: unknown key",
        "2 problems found",
    ]


def test_a_yaml_syntax_error_still_lets_the_brand_be_checked(tmp_path, write):
    facts = write("bad.yml", "briefing:\n  id: [x\n")
    brand = tmp_path / "kit" / "brand.yml"
    shutil.copytree(ASSETS, brand.parent)
    brand.write_text("meta:\n  name: X\ncolor:\n  primray: '#123456'\n", encoding="utf-8")
    result = run("validate", str(facts), "--brand", str(brand))
    lines = result.stderr.splitlines()
    assert result.exit_code == 1
    assert lines[0].startswith(f"{facts}:3:1: YAML:")
    assert lines[1:] == [f"{brand}:4:3: color.primray: unknown key", "2 problems found"]


# ── init: a template to fill in, or the example ───────────────────────────────


def test_init_writes_the_template_that_validates_and_builds(tmp_path):
    from briefing.paths import DATA

    project = tmp_path / "new"
    result = run("init", str(project))
    assert result.exit_code == 0, result.output
    facts, brand = project / "facts.yml", project / "brand" / "brand.yml"
    text = facts.read_text(encoding="utf-8")
    assert text == (DATA / "template.yml").read_text(encoding="utf-8")
    assert "ordos" not in text.lower() and "鄂尔多斯" not in text
    assert text.startswith("# yaml-language-server: $schema=facts.schema.json\n")
    assert (project / "facts.schema.json").is_file()
    checked = run("validate", str(facts), "--brand", str(brand))
    assert checked.exit_code == 0, checked.output
    assert "某市" in checked.stdout
    built = run(
        "build", "--data", str(facts), "--brand", str(brand), "--output", str(project / "out"),
        "--quiet",
    )  # fmt: skip
    assert built.exit_code == 0, built.output
    assert built.stderr == ""  # not even a warning
    assert sorted(p.name for p in (project / "out").iterdir()) == [
        "city-2025.pdf",
        "city-2025.pptx",
    ]


def test_the_template_comments_every_part_and_shows_the_schema_2_keys():
    from briefing.paths import DATA

    text = (DATA / "template.yml").read_text(encoding="utf-8")
    keys = [
        "briefing:", "sources:", "headline:", "rankings:", "claims:", "key_figures:",
        "themes:", "metrics:", "qualifier:", "numeral:", "change:", "first_time:",
        "cumulative:", "as_of:", "target:", "series:", "highlights:", "entities:", "charts:",
        "outlook:", "pledges:", "scope:",
    ]  # fmt: skip
    lines = text.splitlines()
    for key in keys:
        places = [i for i, line in enumerate(lines) if line.strip().startswith(key)]
        assert places, key
        commented = ("#" in lines[i] or lines[i - 1].lstrip().startswith("#") for i in places)
        assert any(commented), f"{key} has no comment"
    assert "  - {kind:" in text  # a list of changes


def test_init_example_writes_the_bundled_example(tmp_path):
    from briefing.paths import DEFAULT_FACTS

    project = tmp_path / "example"
    result = run("init", str(project), "--example")
    assert result.exit_code == 0, result.output
    written = (project / "facts.yml").read_bytes()
    assert written == DEFAULT_FACTS.read_bytes()
    assert (project / "facts.schema.json").is_file() and (project / "brand" / "brand.yml").is_file()


# What a fresh interpreter has loaded once a command has run, by its words.
RUN_COMMAND = """
import contextlib, io, json, sys
sys.argv = ["briefing", *json.loads(sys.argv[1])]
from briefing.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        main()
    except SystemExit as done:
        code = done.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""
RENDERING = {"matplotlib", "reportlab", "pptx", "lxml", "fontTools", "svglib", "PIL", "numpy"}


def modules_of_command(*args: str) -> tuple[int, set[str]]:
    """The exit code of `briefing ARGS` in a fresh interpreter, and the modules it loaded."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", RUN_COMMAND, json.dumps(args)],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout)
    return found["code"], set(found["modules"])


@pytest.mark.parametrize(
    "args", [["--help"], ["--version"], ["schema"], ["validate"], ["build", "--help"]]
)
def test_commands_that_draw_nothing_load_no_drawing_library(args):
    code, loaded = modules_of_command(*args)
    assert code in (0, None), args
    assert {name.split(".")[0] for name in loaded} & RENDERING == set(), args
    assert not any(name.startswith("briefing.render.") for name in loaded), args


def test_help_and_version_load_no_facts_brand_or_story():
    for args in (["--help"], ["--version"]):
        _, loaded = modules_of_command(*args)
        assert {"pydantic", "ruamel", "briefing.brand", "briefing.story"} & loaded == set(), args


def test_pdfa_and_embed_fonts_reach_the_outputs(tmp_path: Path) -> None:
    """--pdfa gives a PDF/A-2b file (its XMP says so); --embed-fonts puts font parts in the
    deck and lists them; without them, neither (the bundled brand asks for neither)."""
    import zipfile

    import pikepdf

    plain, chosen = tmp_path / "plain", tmp_path / "chosen"
    assert run("build", "--output", str(plain), "--quiet").exit_code == 0
    done = run("build", "--pdfa", "--embed-fonts", "--output", str(chosen), "--quiet")
    assert done.exit_code == 0, done.output
    for folder, wanted in ((plain, False), (chosen, True)):
        with pikepdf.open(folder / "ordos-2024.pdf") as pdf:
            claims = pdf.open_metadata().get("pdfaid:part") == "2"
        assert claims is wanted
        with zipfile.ZipFile(folder / "ordos-2024.pptx") as deck:
            fonts = [n for n in deck.namelist() if n.startswith("ppt/fonts/")]
            listed = b"embeddedFontLst" in deck.read("ppt/presentation.xml")
        assert bool(fonts) is wanted and listed is wanted


def test_brand_check_keeps_a_kit_in_its_folder_unless_allowed() -> None:
    kit = Path(__file__).resolve().parent / "attacks" / "kits" / "outside" / "brand.yml"
    refused = run("brand", "check", str(kit))
    assert refused.exit_code == 1 and "--allow-outside-kit" in refused.output
    assert "brand.yml:" in refused.output
    allowed = run("brand", "check", str(kit), "--allow-outside-kit")
    assert "outside the brand kit" not in allowed.output
