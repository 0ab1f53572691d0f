"""Reading YAML quickly: the quick reader gives exactly ruamel's data, or leaves the file to
ruamel; positions are still found for every problem."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from briefing.errors import InputError
from briefing.facts.loader import load_facts
from briefing.facts.model import Written, written_text
from briefing.paths import DEFAULT_BRAND, DEFAULT_FACTS
from briefing.yamlfile import Document, _plain
from briefing.yamlplain import Unsupported, parse
from tests.helpers import MINIMAL

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
EVERY_YAML = sorted(
    p for pattern in ("data/*.yml", "assets/*.yml", "tests/**/*.yml") for p in ROOT.glob(pattern)
)
# The files people write by hand and the bundled ones: the quick reader must take them all.
USUAL = [
    DEFAULT_FACTS,
    DEFAULT_BRAND,
    ROOT / "data/template.yml",
    *sorted((ROOT / "tests/fixtures").glob("*.yml")),
]


def round_trip(text: str) -> Any:
    """What Document.data() gave before the quick reader: ruamel's tree, made plain."""
    root = YAML(typ="rt").load(text)
    return {} if root is None else _plain(root)


def assert_same(fast: Any, slow: Any, where: tuple[Any, ...] = ()) -> None:
    """The same data, keys in the same order, numbers with the same written digits."""
    if isinstance(slow, dict):
        assert isinstance(fast, dict), where
        assert list(fast) == list(slow), where
        for (key, value), slow_key in zip(fast.items(), slow, strict=True):
            assert type(key) is type(slow_key), (*where, key)
            assert_same(value, slow[slow_key], (*where, key))
    elif isinstance(slow, list):
        assert isinstance(fast, list) and len(fast) == len(slow), where
        for i, (a, b) in enumerate(zip(fast, slow, strict=True)):
            assert_same(a, b, (*where, i))
    elif type(slow).__name__ == "ScalarFloat":
        assert isinstance(fast, Written), where
        assert (float(fast), fast.text) == (float(slow), written_text(slow)), where
    elif isinstance(slow, int) and not isinstance(slow, bool):
        assert type(fast) is int and fast == slow, where  # ruamel's ScalarInt for 0 is an int
    else:
        assert type(fast) is type(slow) and fast == slow, where


def test_there_are_files_to_compare():
    assert len(EVERY_YAML) > 30 and all(p in EVERY_YAML for p in USUAL[2:])


@pytest.mark.parametrize("path", USUAL, ids=lambda p: p.name)
def test_the_usual_files_are_read_quickly_as_ruamel_reads_them(path):
    text = path.read_text(encoding="utf-8")
    assert_same(parse(text), round_trip(text))


@pytest.mark.parametrize("path", EVERY_YAML, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_of_the_project_reads_as_ruamel_reads_it(path):
    text = path.read_text(encoding="utf-8")
    try:
        fast = parse(text)
    except Unsupported:
        return
    assert_same(fast, round_trip(text))


# Each is read quickly, with ruamel's data.
TAKEN = {
    "empty": "",
    "comments only": "# nothing here\n\n# yet\n",
    "folded Chinese": "s: >-\n  第一句，\n  第二句 with Latin\n  words。\n",
    "folded, kept newline": "s: >\n  one\n  two\n\n  three\n",
    "folded at the end of the file": "s: >\n  one\n  二",
    "literal": "s: |\n  one\n  # not a comment\n  two\n\n\nt: |-\n  x\n",
    "literal in a sequence": "- |\n   a\n   b\n- x\n",
    "numbers": "a: 4.10\nb: -0.50\nc: 0\nd: 23236\ne: 1086.20\nf: 100.000\ng: -3\n",
    "words": "a: true\nb: False\nc: null\nd: ~\ne: yes\nf: on\ng: NO\nh:\n",
    "dates and not": "a: 2024-05-01\nb: 2024年\nc: 2024-report\nd: 12%\ne: 0.5亿\nf: 2024 H1\n",
    "quoted": "a: \"2024\"\nb: '它''s'\nd: \"# no comment\"\n",
    "escapes": 'c: "tab\\tand \\u4e2d \\\\ \\"q\\" \\/"\n',
    "quoted keys": "\"2023\": a\n'b c': d\n",
    "year keys": "series:\n  2022: 1.5\n  2023: 2\n",
    "comments": 'a: b # note: here\nc: d#e\nf: "x"   # after\ng: [1, 2]  # list\n',
    "flow": "a: [x, 'y z', \"w\", -5, 1.50]\nb: []\nc: {}\nd: {top: 26, left: 2.50, 'k': v}\n",
    "urls and colons": "a: https://example.org/x?y=1\nb: 10:30\nc: a:b\n",
    "same-indent sequence": "a:\n- x\n- y: 1\n  z:\n  - 2\nb: c\n",
    "compact mappings": "-   id: a\n    v: 1\n- id: b\n  list:\n    - c\n-\n  - d\n",
    "empty values": "a:\nb:   # none\nc:\n  -\n  - x\n",
    "indented root": "  a: 1\n  b:\n    c: 2\n",
    "spaces before the colon": "a : 1\n",
}

# Each is left to ruamel, which reads it or says where it is wrong.
LEFT = {
    "anchor": "a: &x 1\nb: *x\n",
    "tag": "a: !!str 5\n",
    "multi-line plain": "a: one\n  two\n",
    "multi-line quoted": 'a: "one\n  two"\n',
    "flow over lines": "a: [1,\n  2]\n",
    "nested flow": "a: [[1], 2]\n",
    "document marker": "---\na: 1\n",
    "directive": "%YAML 1.1\n---\na: yes\n",
    "tab": "a:\t1\n",
    "CRLF": "a: 1\r\nb: 2\r\n",
    "duplicate key": "a: 1\na: 2\n",
    "bad indentation": "a:\n    b: 1\n  c: 2\n",
    "mapping in a value": "a: b: c\n",
    "octal-looking": "a: 012\n",
    "exponent": "a: 1e3\n",
    "hex": "a: 0x1F\n",
    "plus sign": "a: +1\n",
    "underscore": "a: 1_000\n",
    "time": "a: 2024-05-01 10:30:00\n",
    "not a date": "a: 2024-02-30\n",
    "bool key": "true: 1\n",
    "keep chomping": "a: >+\n  x\n\n",
    "indentation indicator": "a: |2\n   x\n",
    "unknown escape": 'a: "\\q"\n',
    "complex key in flow": "a: {b: ?x}\n",
    "scalar root": "just text\n",
    "folded, more indented": "a: >\n  x\n    y\n  z\n",
    "trailing comma": "a: [1, 2,]\n",
    "text after quotes": 'a: "x" y\n',
    "a long float": "a: 0.1234567890123456789\n",
}


@pytest.mark.parametrize("name", list(TAKEN))
def test_the_usual_shapes_are_read_quickly_as_ruamel_reads_them(name):
    text = TAKEN[name]
    assert_same(parse(text), round_trip(text))


@pytest.mark.parametrize("name", list(LEFT))
def test_anything_else_is_left_to_ruamel(name):
    with pytest.raises(Unsupported):
        parse(LEFT[name])


def test_a_decimal_keeps_the_digits_ruamel_keeps():
    rng = random.Random(13)
    for _ in range(300):
        whole = rng.choice(["0", "-0", str(rng.randrange(1, 10 ** rng.randrange(1, 9)))])
        text = f"{whole}.{rng.randrange(10 ** rng.randrange(1, 6)):0{rng.randrange(1, 7)}d}"
        fast = parse(f"a: {text}\n")["a"]
        assert isinstance(fast, Written) and fast.text == text
        assert_same(fast, round_trip(f"a: {text}\n")["a"])


TOKENS = [" ", "  ", "\n", ":", ": ", "#", " #", "-", "- ", '"', "'", "[", "]", "{", "}", ","]
TOKENS += [">", "|", ">-", "0", "1.50", ".", "~", "null", "\\", "中", "&a ", "*a", "!", "?"]
TOKENS += ["%", "---\n", "\n  ", "\n    ", "\n- ", "a: ", "2024-01-01", "00", "1e3", "''", "<<"]


def test_a_damaged_file_is_read_as_ruamel_reads_it_or_left_to_ruamel():
    """Pieces of the bundled files, damaged at random: the quick reader never reads one that
    ruamel refuses, and never reads one differently."""
    rng = random.Random(2024)
    sources = [p.read_text(encoding="utf-8").split("\n") for p in USUAL[:3]]
    read = 0
    for _ in range(600):
        lines = rng.choice(sources)
        start = rng.randrange(len(lines))
        text = "\n".join(lines[start : start + rng.randrange(3, 30)])
        for _ in range(rng.randrange(1, 4)):
            at = rng.randrange(len(text) + 1)
            if rng.random() < 0.7:
                text = text[:at] + rng.choice(TOKENS) + text[at:]
            else:
                text = text[:at] + text[at + rng.randrange(1, 4) :]
        try:
            fast = parse(text)
        except Unsupported:
            continue
        try:
            slow = round_trip(text)
        except YAMLError:
            pytest.fail(f"read what ruamel refuses: {text!r}")
        assert_same(fast, slow, (text,))
        read += 1
    assert read > 50  # the damage left many pieces readable, so the comparison means something


def test_a_problem_is_located_whichever_reader_read_the_file(tmp_path):
    lines = MINIMAL.split("\n")
    row = next(i for i, line in enumerate(lines) if "value: 2.5" in line)
    expected = (row + 1, lines[row].index("2.5") + 1)
    quick = tmp_path / "quick.yml"
    quick.write_text(MINIMAL.replace("value: 2.5", "value: 多少"), encoding="utf-8")
    left = tmp_path / "left.yml"  # the same, with an anchor that only ruamel reads
    left.write_text(MINIMAL.replace("value: 2.5", "value: &x 多少"), encoding="utf-8")
    with pytest.raises(Unsupported):
        parse(left.read_text(encoding="utf-8"))
    for path in (quick, left):
        with pytest.raises(InputError) as caught:
            load_facts(path)
        (problem,) = caught.value.problems
        assert (problem.line, problem.column) == expected
        assert "多少" in problem.reason


def test_a_documents_data_is_a_fresh_copy(tmp_path):
    path = tmp_path / "facts.yml"
    path.write_text(MINIMAL, encoding="utf-8")
    document = Document.load(path)
    first = document.data()
    first["briefing"]["id"] = "changed"
    first["themes"].clear()
    assert document.data()["briefing"]["id"] != "changed"
    assert document.data()["themes"]


def test_validate_of_valid_files_loads_neither_ruamel_nor_fonttools():
    """Positions are needed only for problems, and the fonts' character maps are read
    without fontTools: a clean `validate` imports neither."""
    script = (
        "import sys\n"
        "from briefing import api\n"
        "api.check()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'ruamel', 'fontTools'}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "[]"


def test_a_syntax_error_is_still_located(tmp_path):
    path = tmp_path / "facts.yml"
    path.write_text("briefing:\n  id: x\n  title: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        Document.load(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (4, 1)
    assert problem.reason.startswith("YAML: ")


# ── Hostile files: refused up front, located, within a budget ────────────────


def problem_lines(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        Document.load(path)
    return [str(p).replace(str(path), "F") for p in caught.value.problems]


@pytest.mark.parametrize(
    ("char", "said"),
    [
        ("\x00", "null U+0000 may not stand in text"),
        ("\x1b", "control character U+001B may not stand in text"),
        ("\x7f", "delete U+007F may not stand in text"),
        ("\ufffe", "U+FFFE is a noncharacter: it may not stand in text"),
        ("\uffff", "U+FFFF is a noncharacter: it may not stand in text"),
    ],
)
def test_characters_yaml_refuses_are_located(tmp_path, char, said):
    path = tmp_path / "f.yml"
    path.write_text(f"a: 1\nb: x{char}y\n", encoding="utf-8")
    assert problem_lines(path) == [f"F:2:5: {said}"]


def test_many_such_characters_are_listed_ten_then_counted(tmp_path):
    path = tmp_path / "f.yml"
    path.write_text("a: " + "\x01" * 25 + "\n", encoding="utf-8")
    found = problem_lines(path)
    assert len(found) == 11 and found[-1] == "F:1:13: and 15 more such characters after this one"


def test_an_alias_bomb_is_refused_before_it_grows(tmp_path):
    import resource

    rows = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    rows += [
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)
    ]
    path = tmp_path / "bomb.yml"
    path.write_text("\n".join(rows) + "\n")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert problem_lines(path) == [
        "F:5:8: YAML: aliases bring in more than 10000 nodes; write the content out, "
        "or use fewer aliases"
    ]
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000  # KB


def test_aliases_within_the_budget_are_read(tmp_path):
    path = tmp_path / "f.yml"
    path.write_text("a: &a {x: 1, y: [1, 2]}\nb: *a\nc:\n  <<: *a\n  z: 3\n")
    assert Document.load(path).data() == {
        "a": {"x": 1, "y": [1, 2]},
        "b": {"x": 1, "y": [1, 2]},
        "c": {"z": 3, "x": 1, "y": [1, 2]},
    }


def test_a_merged_key_is_located_where_the_merged_mapping_wrote_it(tmp_path):
    path = tmp_path / "f.yml"
    path.write_text("base: &base\n  x: 1\n  y: 2\nc:\n  <<: *base\n  z: 3\n")
    document = Document.load(path)
    assert document.position(("c", "y")) == (3, 6)
    assert document.key_position(("c", "y")) == (3, 3)
    assert document.position(("c", "z")) == (6, 6)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "a: !!int x1\n",
            "1:4: YAML: 'x1' is not a whole number (tagged !!int)",
        ),
        ("a: !!float one\n", "1:4: YAML: 'one' is not a number (tagged !!float)"),
        ("a: &a\n  <<: *a\n", "2:7: YAML: alias *a inside its own anchor"),
        ("a: &a [1, *a]\n", "1:11: YAML: alias *a inside its own anchor"),
        ("a: " + "[" * 40 + "]" * 40 + "\n", "1:35: YAML: nested more than 32 levels deep"),
    ],
)
def test_tags_recursion_and_depth_are_located(tmp_path, text, said):
    path = tmp_path / "f.yml"
    path.write_text(text)
    assert problem_lines(path) == [f"F:{said}"]


def test_the_quick_reader_leaves_deep_files_to_ruamel():
    deep = "".join(" " * i + "k:\n" for i in range(40))
    with pytest.raises(Unsupported):
        parse(deep)
    assert parse("".join(" " * i + "k:\n" for i in range(10)))  # shallow ones it reads


def test_special_and_large_files_are_refused_before_reading(tmp_path, monkeypatch):
    import os

    from briefing import yamlsafe
    from briefing.errors import BriefingError

    fifo = tmp_path / "fifo.yml"
    os.mkfifo(fifo)
    with pytest.raises(BriefingError, match="is a FIFO"):
        Document.load(fifo)  # would block forever if opened
    with pytest.raises(BriefingError, match="is a character device"):
        Document.load(Path("/dev/zero"))
    monkeypatch.setattr(yamlsafe, "MOST_BYTES", 100)
    large = tmp_path / "large.yml"
    large.write_text("a: " + "x" * 200 + "\n")
    assert problem_lines(large) == ["F:1:1: the file is 0.0 MB; a YAML file may be 0 MB at most"]
