"""Fuzzing the facts file: thousands of mutants of the bundled facts through what `briefing
validate` calls, and a sample of those that validate built, must never reach the
internal-error path (any exception but the project's BriefingError), hang or leave a file.

Seeded and bounded: the same mutants every run, each checked under a time limit.
"""

from __future__ import annotations

import functools
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from briefing import api
from briefing.errors import BriefingError
from briefing.paths import DEFAULT_BRAND, DEFAULT_FACTS
from tests.helpers import ROOT

pytestmark = pytest.mark.e2e

SEED = 14
MOST_SECONDS = 5  # for one validation; a build gets twelve times this
# Values that have broken a reader or a renderer, put where a value was.
HOSTILE = [
    "",
    "~",
    "[]",
    "{}",
    "[a, [b, [c]]]",
    "{x: 1}",
    "true",
    "-1",
    "0",
    "1e308",
    "-1e308",
    "1e-320",
    ".nan",
    ".inf",
    "-.inf",
    "123456789012345678901234567890",
    "0x1F",
    "0o17",
    "2024-02-30",
    "2024-01-01 10:00:00",
    "!!int abc",
    "!!float 1,5",
    "!!str 12",
    "!!binary AAAA",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!!timestamp nope",
    "!custom x",
    "*nowhere",
    "&anchor 5",
    '"\\v\\f\\x1c\\x1f"',
    '"\\x00"',
    '"\\uFFFE"',
    '"\\u2028"',
    '"\\x1b[31mred"',
    "'²'",
    "'²⁰²⁴'",
    "'２０２４'",
    "'12,345'",
    "'1,2,3'",
    "$\\alpha$",
    "$",
    "'<b>bold</b> &amp; <font>'",
    "'{x}'",
    "'%s %d'",
    "'" + "长" * 400 + "'",
    "[" * 200 + "]" * 200,
    "{a: " * 60 + "1" + "}" * 60,
    "'\t'",
    "|\n  two\n  lines",
    "'   '",
]
CONTROLS = ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x1c", "\x1f", "\x7f", "\x85"]
CONTROLS += ["\u2028", "\ufeff", "\ufffe", "\uffff", "\ud7ff", "\U0001fffe"]


class Hang(Exception):
    """A check took longer than it may."""


def _hang(signum: int, frame: FrameType | None) -> None:
    raise Hang


def _limited(seconds: float, run: Callable[[], Any]) -> Any:
    """run() under a wall-clock limit (Hang past it)."""
    previous = signal.signal(signal.SIGALRM, _hang)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return run()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ── Mutations ─────────────────────────────────────────────────────────────


def _lines(text: str) -> list[str]:
    return text.split("\n")


def flip_byte(text: str, rng: random.Random) -> bytes:
    raw = bytearray(text.encode("utf-8"))
    for _ in range(rng.randint(1, 3)):
        raw[rng.randrange(len(raw))] = rng.randrange(256)
    return bytes(raw)


def delete_line(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    del lines[rng.randrange(len(lines))]
    return "\n".join(lines)


def duplicate_lines(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    at = rng.randrange(len(lines))
    span = lines[at : at + rng.randint(1, 8)]
    return "\n".join(lines[:at] + span * rng.randint(2, 4) + lines[at + len(span) :])


def swap_lines(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines)


def delete_characters(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text))
    return text[:at] + text[at + rng.randint(1, 30) :]


def reindent(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    at = rng.randrange(len(lines))
    lines[at] = " " * rng.randint(0, 9) + lines[at].lstrip(" ")
    return "\n".join(lines)


def swap_value(text: str, rng: random.Random) -> str:
    """A value after `key:` or an entry's dash, replaced by a hostile one."""
    lines = _lines(text)
    places = [i for i, line in enumerate(lines) if ": " in line or line.lstrip().startswith("- ")]
    at = rng.choice(places)
    line = lines[at]
    cut = line.index(": ") + 2 if ": " in line else line.index("- ") + 2
    value = rng.choice(HOSTILE)
    if value.startswith("|"):  # a block scalar's lines indented under the key
        indent = " " * (len(line) - len(line.lstrip(" ")) + 2)
        value = value.replace("\n  ", "\n" + indent)
    lines[at] = line[:cut] + value
    return "\n".join(lines)


def swap_type(text: str, rng: random.Random) -> str:
    """A mapping's value made a list of it, or a list item made a mapping."""
    lines = _lines(text)
    at = rng.randrange(len(lines))
    line = lines[at]
    if ": " in line:
        key, value = line.split(": ", 1)
        lines[at] = f"{key}: [{value}]" if rng.random() < 0.5 else f"{key}: {{v: {value}}}"
    elif line.lstrip().startswith("- "):
        lines[at] = line.replace("- ", "- k: ", 1)
    return "\n".join(lines)


def insert_control(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text))
    return text[:at] + rng.choice(CONTROLS) + text[at:]


def nest_deep(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    at = rng.randrange(len(lines))
    depth = rng.choice([20, 40, 300, 1500])
    if rng.random() < 0.5:
        lines[at] = lines[at] + " " + "[" * depth + "]" * depth
        return "\n".join(lines)
    block = "".join(" " * (2 * i) + "k:\n" for i in range(depth))
    return "\n".join(lines[:at]) + "\n" + block + "\n".join(lines[at:])


def add_aliases(text: str, rng: random.Random) -> str:
    """An anchor and aliases to it: a bomb, a merge of the wrong thing, an alias in itself."""
    choice = rng.randrange(4)
    if choice == 0:  # billion laughs
        rows = ['  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        rows += [
            f"  {chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 9)}]"
            for i in range(8)
        ]
        return text + "\nbomb:\n" + "\n".join(rows) + "\n"
    lines = _lines(text)
    keyed = [i for i, line in enumerate(lines) if line.rstrip().endswith(":")]
    at = rng.choice(keyed)
    if choice == 1:  # a mapping merged into another, maybe into itself
        lines[at] = lines[at] + " &m"
        other = rng.choice(keyed)
        indent = " " * (len(lines[other]) - len(lines[other].lstrip(" ")) + 2)
        lines.insert(other + 1, f"{indent}<<: {rng.choice(['*m', '[*m, 5]', '5', '[1]'])}")
    elif choice == 2:  # an alias used as a value elsewhere
        lines[at] = lines[at] + " &m"
        values = [i for i, line in enumerate(lines) if ": " in line]
        other = rng.choice(values)
        lines[other] = lines[other].split(": ", 1)[0] + ": *m"
    else:  # an anchored scalar aliased as a key
        values = [i for i, line in enumerate(lines) if ": " in line and "&" not in line]
        first = rng.choice(values)
        key, value = lines[first].split(": ", 1)
        lines[first] = f"{key}: &k {value}"
        lines.insert(rng.randrange(len(lines)), "*k : 1")
    return "\n".join(lines)


def grow(text: str, rng: random.Random) -> str:
    """A text value repeated until it is long, or a list item repeated many times."""
    lines = _lines(text)
    values = [i for i, line in enumerate(lines) if ": " in line]
    at = rng.choice(values)
    key, value = lines[at].split(": ", 1)
    lines[at] = f"{key}: {value * rng.choice([5, 40, 200])}"
    return "\n".join(lines)


MUTATIONS: list[Callable[[str, random.Random], str | bytes]] = [
    flip_byte,
    delete_line,
    duplicate_lines,
    swap_lines,
    delete_characters,
    reindent,
    swap_value,
    swap_value,
    swap_value,
    swap_type,
    insert_control,
    nest_deep,
    add_aliases,
    grow,
]


def mutants(text: str, count: int, seed: int) -> Iterator[tuple[str, bytes]]:
    """`count` mutants of the text: what was done to each, and its bytes."""
    rng = random.Random(seed)
    for _ in range(count):
        done: list[str] = []
        current: str | bytes = text
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            mutation = rng.choice(MUTATIONS)
            if isinstance(current, bytes):  # after a byte flip, only more flips
                mutation = flip_byte
                current = current.decode("utf-8", "replace")
            current = mutation(current, rng)
            done.append(mutation.__name__)
        raw = current if isinstance(current, bytes) else current.encode("utf-8", "surrogatepass")
        yield "+".join(done), raw


# ── The fuzz tests ────────────────────────────────────────────────────────

SMALL = ROOT / "tests" / "fixtures" / "liangzhou-2023.yml"  # facts of a real article, 92 lines
# (file, mutants, how many that validate are built): the bundled facts take 50 ms a check
# (ruamel parses most mutants), the small file a fifth of that, and builds in a second.
BASES = {"bundled": (DEFAULT_FACTS, 500, 0), "small": (SMALL, 2000, 6)}


@pytest.fixture
def brand_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The brand kit read once for all the checks (each still checks the facts against it)."""
    import briefing.brand

    read = functools.cache(briefing.brand.read_brand)
    monkeypatch.setattr(briefing.brand, "read_brand", read)


@pytest.mark.parametrize("base", list(BASES))
def test_no_mutant_of_facts_reaches_the_internal_error_path(
    base: str, tmp_path: Path, brand_read_once: None
) -> None:
    started = time.monotonic()
    facts, count, built = BASES[base]
    failures: list[str] = []
    valid: list[tuple[int, str, bytes]] = []
    refused = 0
    for number, (done, raw) in enumerate(mutants(facts.read_text(encoding="utf-8"), count, SEED)):
        path = tmp_path / f"mutant-{number}.yml"
        path.write_bytes(raw)
        try:
            _limited(MOST_SECONDS, functools.partial(api.check, path, DEFAULT_BRAND))
        except BriefingError:
            refused += 1
        except Exception as error:  # every other exception is the defect sought
            failures.append(f"mutant {number} ({done}): {type(error).__name__}: {error}")
        else:
            valid.append((number, done, raw))
        path.unlink()
    for number, done, raw in random.Random(SEED).sample(valid, min(built, len(valid))):
        failures += _built(tmp_path / f"built-{number}", f"mutant {number} ({done})", raw)
    seconds = time.monotonic() - started
    print(f"{base}: {count} mutants, {refused} refused, {len(valid)} valid, {seconds:.1f} s")
    assert failures == [], "\n".join(failures[:20])
    assert refused > count // 2  # the mutations do break the file
    assert len(valid) >= built  # and some leave it valid, so that builds are tried


def _built(folder: Path, name: str, raw: bytes) -> list[str]:
    """Build a mutant to PDF and PPTX: what went wrong (an internal error, a file left)."""
    folder.mkdir()
    path = folder / "facts.yml"
    path.write_bytes(raw)
    output = folder / "out"
    made: list[Path] = []
    try:
        made = _limited(12 * MOST_SECONDS, functools.partial(api.build, path, output=output))
    except BriefingError:
        pass
    except Exception as error:
        return [f"built {name}: {type(error).__name__}: {error}"]
    left = sorted(p.name for p in output.iterdir()) if output.exists() else []
    if left != sorted(p.name for p in made):
        return [f"built {name}: left {left}, made {sorted(p.name for p in made)}"]
    return []


# ── Attack files through the real command ─────────────────────────────────

ATTACKS = ROOT / "tests" / "attacks" / "facts"
BRIEFING = [sys.executable, "-m", "briefing"]
# file → (line:column, what the message says)
REFUSED = {
    "control-character.yml": ("14:13", "control character U+0001 may not stand in text"),
    "noncharacter-fffe.yml": ("14:13", "U+FFFE is a noncharacter"),
    "noncharacter-ffff.yml": ("10:13", "U+FFFF is a noncharacter"),
    "merge-scalar.yml": ("4:11", "expected a mapping or list of mappings for merging"),
    "merge-list-of-scalars.yml": ("10:8", "expected a mapping for merging"),
    "merge-bad-value.yml": ("24:16", "metrics[1].value: Input should be a valid number"),
    "merge-unknown-key.yml": ("25:14", "unknown key 'colour'"),
    "merge-itself.yml": ("10:7", "alias *headline inside its own anchor"),
    "tag-int.yml": ("19:16", "'两点五' is not a whole number (tagged !!int)"),
    "tag-float.yml": ("19:16", "'2,5' is not a number (tagged !!float)"),
    "deep-flow.yml": ("10:42", "nested more than 32 levels deep"),
    "alias-bomb.yml": ("39:10", "aliases bring in more than 10000 nodes"),
    "nan.yml": ("19:16", "a figure must be a finite number (got .nan)"),
    "inf.yml": ("23:16", "a figure must be a finite number (got -.inf)"),
    "huge-float.yml": ("19:16", "a figure is at most 10¹² in size (got 1e308)"),
    "huge-integer.yml": ("19:16", "at most 10¹² in size (got 1000000000000000000000000000000)"),
    "vertical-tab.yml": ("14:12", "vertical tab U+000B may not stand in text"),
    "form-feed.yml": ("18:16", "form feed U+000C may not stand in text"),
    "unit-separator.yml": ("26:15", "control character U+001C may not stand in text"),
    "escape-sequence.yml": ("3:10", "control character U+001B may not stand in text"),
    "period-superscript.yml": ("5:11", "write the period's digits as 0–9 (got '²')"),
    "period-year-zero.yml": ("5:11", "a period of digits only is a year from 1900 to 2100"),
    "long-chart-label.yml": ("18:16", "String should have at most 60 characters"),
    "highlight-60-institutions.yml": ("209:9", "List should have at most 12 items"),
}


def _briefing(*args: str, timeout: int = 60) -> subprocess.CompletedProcess[str]:
    """The command run in a fresh process, on this checkout."""
    return subprocess.run(
        [*BRIEFING, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    return _briefing("validate", str(path))


def _build(path: Path, output: Path) -> subprocess.CompletedProcess[str]:
    return _briefing("build", "--data", str(path), "--output", str(output), timeout=120)


def test_every_attack_file_is_listed() -> None:
    built = ["mathtext.yml", "chart-taller-than-a-page.yml"]
    assert sorted(p.name for p in ATTACKS.glob("*.yml")) == sorted([*REFUSED, *built])


@pytest.mark.parametrize("name", list(REFUSED))
def test_an_attack_file_gets_a_located_message(name: str) -> None:
    where, said = REFUSED[name]
    result = _validate(ATTACKS / name)
    assert result.returncode == 1, result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{ATTACKS / name}:{where}: ") and said in first, first
    assert "internal error" not in result.stderr
    assert "\x1b" not in result.stderr and "\x0b" not in result.stderr  # shown escaped


def test_deep_nesting_a_fifo_a_device_and_a_large_file_are_refused(tmp_path: Path) -> None:
    deep = tmp_path / "deep-block.yml"
    deep.write_text("note:\n" + "".join(" " * (i + 1) + "k:\n" for i in range(1000)))
    large = tmp_path / "large.yml"
    large.write_text("# " + "长" * 1_000_000 + "\n")  # 3 MB of comment
    fifo = tmp_path / "fifo.yml"
    os.mkfifo(fifo)
    expected = {
        deep: f"{deep}:32:32: YAML: nested more than 32 levels deep",
        large: f"{large}:1:1: the file is 2.9 MB; a YAML file may be 2 MB at most",
        fifo: f"error: {fifo}: is a FIFO (named pipe), not a regular file",
        Path("/dev/zero"): "error: /dev/zero: is a character device, not a regular file",
    }
    for path, message in expected.items():
        result = _validate(path)
        assert result.returncode == 1, result.stderr
        assert result.stderr.splitlines()[0] == message


def test_dollars_in_chart_text_are_printed_as_written(tmp_path: Path) -> None:
    result = _build(ATTACKS / "mathtext.yml", tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["town-2025.pdf", "town-2025.pptx"]
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "town-2025.pdf").pages)
    assert "资金$\\alpha$与$收入" in text and "资金$x^2$" in text


def test_a_chart_taller_than_a_page_is_scaled_to_fit_one(tmp_path: Path) -> None:
    """Twelve bars with labels at the length limit made a figure taller than a page (an
    internal LayoutError): the figure is scaled to the page, and both outputs are written."""
    name = "chart-taller-than-a-page"
    result = _build(ATTACKS / f"{name}.yml", tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{name}.pdf", f"{name}.pptx"]
