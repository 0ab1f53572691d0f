"""The report laid out once: contents and footers numbered after the layout, charts' drawings
kept in the cache so a warm build reads no SVG."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing import load_story
from briefing.charts.cache import DERIVED, cache_folder, keep_derived, read_derived
from briefing.paths import DEFAULT_FACTS
from briefing.render.pdf import render_report
from briefing.render.pdf.drawings import loaded
from briefing.story import Story
from tests.helpers import ROOT, squash
from tests.varied import generate

pytestmark = pytest.mark.render

LONG_CONTENTS_SEED = 243  # a generated briefing of 8 themes and 21 charts: contents on 2 pages
BALANCED = ROOT / "tests" / "fixtures" / "binjiang-2022.yml"  # ends on a page moved over


@pytest.fixture(scope="module")
def long_facts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("long") / f"varied-{LONG_CONTENTS_SEED}.yml"
    path.write_text(generate(LONG_CONTENTS_SEED), encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=["bundled", "long contents", "balanced"])
def built(
    request: pytest.FixtureRequest, long_facts: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Story, PdfReader]:
    facts = {"bundled": DEFAULT_FACTS, "long contents": long_facts, "balanced": BALANCED}
    story = load_story(facts[request.param])
    target = tmp_path_factory.mktemp("pages") / "report.pdf"
    render_report(story, target)
    return story, PdfReader(target)


def page_lines(reader: PdfReader) -> list[list[str]]:
    return [(page.extract_text() or "").split("\n") for page in reader.pages]


def contents_lines(story: Story, pages: list[list[str]]) -> list[tuple[str, int, int]]:
    """Each chapter and figure as the contents prints it: title, its page, the contents page
    it is printed on (0-based), read in order from the page after the cover."""
    titles = [*chapter_titles(story), *(spec.caption for spec in story.charts())]
    found, page, line = [], 1, 0
    for title in titles:
        while page < len(pages):
            lines = pages[page]
            hit = next((i for i in range(line, len(lines) - 1) if lines[i] == title), None)
            if hit is not None and lines[hit + 1].isdigit():
                found.append((title, int(lines[hit + 1]), page))
                line = hit + 2
                break
            page, line = page + 1, 0
        else:
            pytest.fail(f"the contents does not list {title}")
    return found


def chapter_titles(story: Story) -> list[str]:
    words = story.words
    themes = [section.heading for section in story.sections]
    return [words.overview, *themes, *([words.outlook] if story.outlook else []), words.appendix]


def times_on(lines: list[str], title: str, caption: bool) -> int:
    """How often a page shows a title: chapters as a line of their own, captions anywhere
    (a paragraph sets an ideographic space as a plain one)."""
    if caption:
        return squash("".join(lines)).count(squash(title))
    return [squash(line) for line in lines].count(squash(title))


def test_contents_numbers_are_the_pages_of_the_headings(built: tuple[Story, PdfReader]) -> None:
    story, reader = built
    pages = page_lines(reader)
    captions = {spec.caption for spec in story.charts()}
    listed = contents_lines(story, pages)
    assert len(listed) == len(chapter_titles(story)) + len(captions)
    for title, printed, listed_on in listed:
        caption = title in captions
        first = next(
            number
            for number, lines in enumerate(pages[1:], 2)
            if times_on(lines, title, caption) > (1 if number - 1 == listed_on else 0)
        )
        assert printed == first, f"{title}: the contents says page {printed}, it is on {first}"


def test_every_footer_counts_all_pages(built: tuple[Story, PdfReader]) -> None:
    story, reader = built
    total = len(reader.pages)
    for number, page in enumerate(reader.pages[1:], 2):
        label = story.words.page_of.format(number=number, total=total)
        assert squash(label) in squash(page.extract_text() or ""), f"page {number}"


def test_the_long_contents_runs_past_a_page(long_facts: Path, tmp_path: Path) -> None:
    """The generated briefing really is one whose contents need a second page."""
    story = load_story(long_facts)
    target = tmp_path / "long.pdf"
    render_report(story, target)
    listed = contents_lines(story, page_lines(PdfReader(target)))
    assert {on for *_, on in listed} == {1, 2}


def test_builds_are_byte_identical(story: Story, tmp_path: Path) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render_report(story, first)
    render_report(story, second)
    assert first.read_bytes() == second.read_bytes()


# ── Kept drawings ─────────────────────────────────────────────────────────────────────────────


def drawing_entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*-drawing-*"))


def fresh_build(cache: Path, target: Path) -> set[str]:
    """Build the bundled PDF in a new interpreter with `cache`; the svglib modules it loaded."""
    code = (
        "import sys; from pathlib import Path; from briefing import load_story; "
        "from briefing.render.pdf import render_report; "
        f"render_report(load_story(), Path({str(target)!r})); "
        "print(' '.join(m for m in sys.modules if m.split('.')[0] in "
        "('svglib', 'tinycss2', 'cssselect2')))"
    )
    environment = {**os.environ, "BRIEFING_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(done.stdout.split())


def test_a_warm_build_reads_no_svg_and_matches_a_cold_one(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold, warm = tmp_path / "cold.pdf", tmp_path / "warm.pdf"
    assert "svglib.svglib" in fresh_build(cache, cold)
    kept = drawing_entries(cache)
    assert len(kept) == 8  # six charts and two logos
    assert fresh_build(cache, warm) == set()
    assert warm.read_bytes() == cold.read_bytes()


def test_a_damaged_drawing_is_made_again(
    story: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(cache))
    before = tmp_path / "before.pdf"
    render_report(story, before)
    truncated, altered, *_ = drawing_entries(cache)
    truncated.write_bytes(truncated.read_bytes()[:200])
    data = bytearray(altered.read_bytes())
    data[-10] ^= 0xFF
    altered.write_bytes(bytes(data))
    after = tmp_path / "after.pdf"
    render_report(story, after)
    assert after.read_bytes() == before.read_bytes()
    for entry in (truncated, altered):  # written again whole
        assert entry.read_bytes().startswith(DERIVED)
        assert len(entry.read_bytes()) > 1000


def test_a_derived_entry_that_fails_its_checksum_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    keep_derived(b"<svg/>", "test-kind", b"payload")
    assert read_derived(b"<svg/>", "test-kind") == b"payload"
    (entry,) = cache_folder().glob("*-test-kind")
    entry.write_bytes(entry.read_bytes()[:-1])
    assert read_derived(b"<svg/>", "test-kind") is None
    assert read_derived(b"<svg other/>", "test-kind") is None


class Trap:
    """Unpickled, it would run a command: a kept drawing must never load it."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (print, ("loaded",))


def test_a_kept_drawing_holds_only_shapes(capsys: pytest.CaptureFixture[str]) -> None:
    assert loaded(pickle.dumps(Trap())) is None
    assert capsys.readouterr().out == ""
    assert loaded(b"not a pickle") is None
