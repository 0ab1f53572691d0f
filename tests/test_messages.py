"""Messages are safe to print: user text in them with its control characters shown escaped,
long values cut with an ellipsis, on every path a message takes to the terminal."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from briefing import api
from briefing.cli import app
from briefing.errors import LINE_LIMIT, BriefingError, InputError, Problem, printable
from tests.helpers import MINIMAL

pytestmark = pytest.mark.unit

runner = CliRunner()
# Raw bytes a terminal would act on: colour, clear screen, a window title, a bell, an 8-bit
# CSI, a right-to-left override, a line separator.
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2028")


def run(*args: str):
    """The command run as on a colour terminal (click strips no escape sequence)."""
    return runner.invoke(app, list(args), color=True)


def assert_safe(text: str) -> None:
    for character in RAW:
        assert character not in text, f"{character!r} printed raw"


def test_control_and_format_characters_are_shown_escaped():
    text = "a\x1b[31mb\x07c\x7fd\x9be\u202ef\u2028g\udcff\U000e0001h"
    assert printable(text) == r"a\x1b[31mb\x07c\x7fd\x9be\u202ef\u2028g\udcff\U000e0001h"


def test_chinese_text_tabs_and_message_lines_are_kept():
    assert printable("某镇\t2025年\n第二行") == "某镇\t2025年\n第二行"
    assert printable("one\ntwo", lines=False) == r"one\x0atwo"


def test_a_long_line_is_cut_in_its_middle_keeping_where_and_what():
    line = f"facts.yml:2:7: briefing.id: {'a' * 5000} is too long"
    shown = printable(line)
    assert len(shown) <= LINE_LIMIT
    assert shown.startswith("facts.yml:2:7: briefing.id: aaa")
    assert shown.endswith("aaa is too long")
    assert "…(4," in shown and "characters cut)…" in shown
    assert printable(shown) == shown  # printing twice changes nothing


def test_a_title_holding_an_escape_sequence_is_reported_escaped(write):
    path = write("red.yml", MINIMAL.replace("title: 某镇科技创新简报", 'title: "\\e[31m红\\a"', 1))
    result = run("validate", str(path))
    assert_safe(result.output)
    assert r"\x1b[31m" in result.output
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert all(line.startswith(f"{path}:3:") for line in lines[:-1]), lines
    assert lines[-1].endswith("found")


def test_a_5000_character_value_is_cut_in_its_message(write):
    path = write("long.yml", MINIMAL.replace("id: town-2025", f"id: {'a' * 5000}", 1))
    result = run("validate", str(path))
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}:2:7: briefing.id:")
    assert "…" in first
    assert len(first) <= LINE_LIMIT


@pytest.mark.parametrize("command", ["validate", "build", "brand"])
def test_a_5000_character_file_name_is_cut_in_its_message(tmp_path, command):
    path = tmp_path / ("长" * 5000 + ".yml")
    args = {
        "validate": ["validate", str(path)],
        "build": ["build", "--data", str(path), "--output", str(tmp_path / "out")],
        "brand": ["brand", "check", str(path)],
    }[command]
    result = run(*args)
    assert result.exit_code == 1
    assert "internal error" not in result.output
    (last,) = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert last.startswith(f"error: {tmp_path}/长长")
    assert "characters cut)…" in last
    assert len(last) <= LINE_LIMIT


def test_a_file_name_with_escapes_is_echoed_escaped(tmp_path):
    path = tmp_path / "x\x1b]0;owned\x07\u202e.yml"
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert_safe(result.output)
    assert r"x\x1b]0;owned\x07\u202e.yml: no such file" in result.stderr


def test_a_newline_in_a_problem_cannot_forge_another_location(monkeypatch):
    forged = Problem("facts.yml", 3, 5, "briefing.title", "bad\nother.yml:1:1: all is well")

    def check(*_, **__):
        raise InputError([forged])

    monkeypatch.setattr(api, "check", check)
    result = run("validate")
    assert result.stderr.splitlines() == [
        r"facts.yml:3:5: briefing.title: bad\x0aother.yml:1:1: all is well",
        "1 problem found",
    ]


@pytest.mark.parametrize(
    "error", [BriefingError("\x1b[2Jcleared"), RuntimeError("\x1b[2Jcleared")], ids=type
)
def test_errors_and_internal_errors_are_escaped(monkeypatch, error):
    def check(*_, **__):
        raise error

    monkeypatch.setattr(api, "check", check)
    monkeypatch.setenv("BRIEFING_DEBUG", "1")
    result = run("validate")
    assert result.exit_code == 1
    assert_safe(result.output)
    assert r"\x1b[2Jcleared" in result.stderr


def test_warnings_and_the_summary_are_escaped(monkeypatch, facts):
    def check(*_, warn, **__):
        warn("a warning \x1b[5mblinks\x07")
        return facts, None

    monkeypatch.setattr(api, "check", check)
    monkeypatch.setattr(api, "summary", lambda _: ["briefing  x: \u202e简报", "x" * 5000])
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert_safe(result.output)
    assert r"warning: a warning \x1b[5mblinks\x07" in result.stderr
    assert r"briefing  x: \u202e简报" in result.stdout
    assert all(len(line) <= LINE_LIMIT for line in result.stdout.splitlines())


def test_the_batch_summary_is_escaped(tmp_path):
    broken = MINIMAL.replace("value: 2.5", "value: x")
    first, second = tmp_path / "a\x1b[31m.yml", tmp_path / "b\x07.yml"
    for path in (first, second):
        path.write_text(broken.replace("town-2025", path.name[0]), encoding="utf-8")
    result = run("build", "-d", str(first), "-d", str(second), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert_safe(result.output)
    assert result.stderr.splitlines()[-1] == (
        f"2 of 2 briefings failed: {tmp_path}/a\\x1b[31m.yml, {tmp_path}/b\\x07.yml"
    )
