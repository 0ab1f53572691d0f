"""How fast briefing is beside the script a user would write, where its time goes, and its batch
throughput; then the extractor's scores.

    python tools/bench.py            (make bench; BENCH_RUNS=n for more or fewer rounds)

Every timing is a fresh process. The peer (tools/peer/peer.py: matplotlib PNG charts, then
pandoc's pptx writer) runs before each briefing command, in rounds whose order rotates, and
each target is the median of the command over the median of the peer in the same run. The
stages are timed in one process calling the library's functions in turn (see stage_times).
Without pandoc the comparisons are skipped with a message; the rest still runs.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.story import Story

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
FACTS = ROOT / "data" / "ordos-2024.yml"
FIXTURES = ROOT / "tests" / "fixtures"
PEER = TOOLS / "peer" / "peer.py"
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
BATCH = 12  # briefings in the batch of the throughput test
BATCH_RUNS = 2
TIMES = 10  # the bigger briefing: every theme's content ten times over
STAGES = ("load", "validate", "glyphs", "story", "charts", "PDF", "deck", "save")
FASTER_THAN_CONTENT = 12.0  # a stage whose 10×/1× ratio passes this grows faster than content
NOTICED = 0.05  # seconds at 10× below which a stage's growth is not flagged
MEMORY_1X, MEMORY_10X = 150.0, 220.0  # MB
SAID = 160  # characters of a failed command's last line of errors shown
COLD_10X = "10× build all, chart cache empty"  # measured once, for its memory


# ── the maths ────────────────────────────────────────────────────────────────────────────


@dataclass
class Sample:
    """The runs of one command: wall seconds, and each process's peak memory in MB."""

    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    failure: str = ""

    def median(self) -> float:
        """The median of the runs' seconds."""
        return statistics.median(self.seconds)

    def spread(self) -> str:
        """min–max of the runs' seconds."""
        return f"{min(self.seconds):.2f}–{max(self.seconds):.2f}"


def ratio(case: Sample, peer: Sample) -> float:
    """The case's median over the peer's median."""
    return case.median() / peer.median()


def verdict(value: float, target: float) -> str:
    """PASS when value is at most the target, else MISS."""
    return "PASS" if value <= target else "MISS"


def growth(one: float, ten: float) -> float:
    """How many times longer at 10× than at 1× (infinite for a stage absent at 1×)."""
    return ten / one if one > 0 else float("inf")


def grows_faster(one: float, ten: float) -> bool:
    """A stage whose time grows faster than the content, and by enough to notice."""
    return ten >= NOTICED and growth(one, ten) > FASTER_THAN_CONTENT


# ── the facts the runs read ──────────────────────────────────────────────────────────────


def edited(text: str, mark: str) -> str:
    """A facts file's text with `mark` added to the first theme's summary (nothing else
    changes), so a build finds no cache but the charts'."""
    start = text.index("\nthemes:")
    found = re.compile(r"^\s+(?:- )?summary:[ \t]*(.*)$", re.M).search(text, start)
    if found is None:
        raise ValueError("no theme summary to edit")
    value = found.group(1).rstrip()
    if value[:1] in (">", "|"):  # a block: the mark goes on its first line
        end = text.index("\n", found.end() + 1)
    elif value[-1:] in ("'", '"'):
        end = found.start(1) + len(value) - 1
    else:
        end = found.start(1) + len(value)
    return text[:end] + mark + text[end:]


def renamed(text: str, ident: str) -> str:
    """A facts file's text with its briefing's id replaced by `ident`."""
    start = re.search(r"^briefing:", text, re.M)
    match = start and re.compile(r"^  id:[ \t]*(\S+)", re.M).search(text, start.end())
    if not match:
        raise ValueError("no briefing id to rename")
    return text[: match.start(1)] + ident + text[match.end(1) :]


def batch_folder(folder: Path, count: int = BATCH) -> Path:
    """`count` facts files from the bundled and test fixtures' facts, each with its own id."""
    sources = [FACTS, *sorted(FIXTURES.glob("*.yml"))]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        ident = re.search(r"^  id:[ \t]*(\S+)", text, re.M)
        name = f"{ident.group(1) if ident else 'briefing'}-b{i + 1}"
        (folder / f"{name}.yml").write_text(renamed(text, name), encoding="utf-8")
    return folder


# ── running commands ─────────────────────────────────────────────────────────────────────


def run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak memory (MB, the process's own max RSS) of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if process.returncode != 0:
        last = error.strip().splitlines()[-1:] or [f"exit {process.returncode}"]
        said = last[0] if len(last[0]) <= SAID else last[0][: SAID - 1] + "…"
        raise RuntimeError(f"{' '.join(command[1:4])}…: {said}")
    return seconds, usage.ru_maxrss / 1024


def into(sample: Sample, command: list[str], env: dict[str, str] | None = None) -> None:
    """Run the command once more into its sample; a failure is kept, not raised."""
    if sample.failure:
        return
    try:
        seconds, peak = run(command, env)
    except RuntimeError as error:
        sample.failure = str(error)
        return
    sample.seconds.append(seconds)
    sample.peak_mb.append(peak)


def briefing(*args: str) -> list[str]:
    """A `briefing` command in a fresh interpreter."""
    return [sys.executable, "-m", "briefing", *args]


# ── the comparison with the peer ─────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Target:
    """A command measured against the peer: its name, its ratio limit, its peer."""

    name: str
    limit: float
    peer: str  # "1x" or "10x"


TARGETS = (
    Target("build all, chart cache filled, facts edited", 0.6, "1x"),
    Target("build all, chart cache empty", 1.3, "1x"),
    Target("build pptx", 0.5, "1x"),
    Target("validate", 0.3, "1x"),
    Target("10× build all, chart cache filled", 4.0, "10x"),
)


def compare(root: Path, big: Path, peer: bool) -> dict[str, Sample]:
    """Every target's command, and the peer before each, over RUNS rounds."""
    samples = {name: Sample() for name in ("1x", "10x", *(t.name for t in TARGETS))}
    out = root / "out"
    warm1, warm10 = root / "cache-1x", root / "cache-10x"
    fill = Sample()
    into(fill, briefing("build", "--format", "all", "-q", "-o", str(out), "-d", str(FACTS)),
         {"BRIEFING_CACHE_DIR": str(warm1)})  # fmt: skip
    cold10 = Sample()
    into(cold10, briefing("build", "--format", "all", "-q", "-o", str(out), "-d", str(big)),
         {"BRIEFING_CACHE_DIR": str(warm10)})  # fmt: skip
    samples[COLD_10X] = cold10
    for n in range(RUNS):
        mark = f"（修订{n + 1}）"
        one, ten = root / "one.yml", root / "ten.yml"
        one.write_text(edited(FACTS.read_text(encoding="utf-8"), mark), encoding="utf-8")
        ten.write_text(edited(big.read_text(encoding="utf-8"), mark), encoding="utf-8")
        commands = {
            TARGETS[0].name: (briefing("build", "-q", "-o", str(out), "-d", str(one)), warm1),
            TARGETS[1].name: (
                briefing("build", "-q", "-o", str(out), "-d", str(FACTS)),
                root / f"cold-{n}",
            ),
            TARGETS[2].name: (
                briefing("build", "-f", "pptx", "-q", "-o", str(out), "-d", str(one)),
                warm1,
            ),
            TARGETS[3].name: (briefing("validate", str(one)), warm1),
        }
        names = list(commands)
        for name in names[n % len(names) :] + names[: n % len(names)]:
            if peer:
                into(samples["1x"], [sys.executable, str(PEER), str(FACTS), str(out)])
            command, cache = commands[name]
            into(samples[name], command, {"BRIEFING_CACHE_DIR": str(cache)})
        if peer:
            into(samples["10x"], [sys.executable, str(PEER), str(big), str(out)])
        into(
            samples[TARGETS[4].name],
            briefing("build", "-q", "-o", str(out), "-d", str(ten)),
            {"BRIEFING_CACHE_DIR": str(warm10)},
        )
        print(f"  round {n + 1}/{RUNS} done", file=sys.stderr, flush=True)
    return samples


def comparison_table(samples: dict[str, Sample], peer: bool) -> list[str]:
    """The targets as ratios to the peer, with PASS or MISS; then peak memory."""
    lines = [f"{'command':<46} {'median s':>8} {'min–max':>11} {'× peer':>7} {'target':>7}"]
    if peer:
        for key, label in (("1x", "peer (matplotlib + pandoc)"), ("10x", "peer, 10× content")):
            lines.append(_row(label, samples[key]))
    for target in TARGETS:
        sample, against = samples[target.name], samples[target.peer]
        if sample.failure or not sample.seconds:
            lines.append(f"{target.name:<46} failed: {sample.failure}")
            continue
        if not peer or against.failure or not against.seconds:
            lines.append(_row(target.name, sample) + f" {'—':>7} ≤{target.limit:g}×  no peer")
            continue
        value = ratio(sample, against)
        lines.append(
            _row(target.name, sample)
            + f" {value:6.2f}× ≤{target.limit:g}×  {verdict(value, target.limit)}"
        )
    one = [mb for t in TARGETS[:4] for mb in samples[t.name].peak_mb]
    ten = samples[TARGETS[4].name].peak_mb + samples[COLD_10X].peak_mb
    for label, values, limit in (("1×", one, MEMORY_1X), ("10×", ten, MEMORY_10X)):
        if values:
            peak = max(values)
            lines.append(
                f"{'peak memory ' + label + ' (max RSS of any run)':<46} {peak:6.0f} MB"
                f"{'':>12} ≤{limit:g} MB  {verdict(peak, limit)}"
            )
    return lines


def _row(label: str, sample: Sample) -> str:
    if sample.failure or not sample.seconds:
        return f"{label:<46} failed: {sample.failure}"
    return f"{label:<46} {sample.median():8.2f} {sample.spread():>11}"


# ── the stages, in one process ───────────────────────────────────────────────────────────


class Clock:
    """Seconds of each named stage; a stage that raised is kept as its reason."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.notes: dict[str, str] = {}

    @contextlib.contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


def stage_times(facts: Path, output: Path) -> tuple[dict[str, float], dict[str, str]]:
    """The build's stages timed in turn, by calling the library as api.build does.

    load: the facts file parsed; validate: types, rules, warnings and the brand kit; glyphs:
    every character checked against the brand's fonts; story; charts: every chart's SVG
    (drawn, or read from the chart cache); PDF: the report laid out and written; deck: the
    slides planned and drawn; save: the deck written. Imports fall in the stage that first
    needs them.
    """
    clock = Clock()
    brand_path = None

    def warn(_: str) -> None:
        """Warnings are not the bench's business."""

    with clock("load"):
        from briefing.paths import DEFAULT_BRAND
        from briefing.yamlfile import Document

        brand_path = DEFAULT_BRAND
        document = Document.load(facts)
        data = document.data()
    with clock("validate"):
        from briefing.brand import read_brand
        from briefing.facts.loader import check_facts, todo_warnings
        from briefing.facts.model import Facts
        from briefing.facts.warnings import chart_warnings

        found = Facts.model_validate(data)
        check_facts(found)
        chart_warnings(found, document)
        todo_warnings(document)
        kit, brand_document = read_brand(brand_path)
    with clock("glyphs"):
        from briefing.brand.glyphs import missing_glyphs

        missing_glyphs([document, brand_document], kit)
    with clock("story"):
        from briefing.story import build_story

        story = build_story(found, kit)
    with clock("charts"):
        from briefing.charts import draw_svg

        for spec in story.charts():
            draw_svg(spec, story.brand)
    with clock("PDF"):
        from briefing.render import REGISTRY, RenderOptions

        REGISTRY["pdf"].renderer()(story, output / f"{story.id}.pdf", RenderOptions(warn=warn))
    deck = output / f"{story.id}.pptx"
    try:
        _deck_stages(clock, story, deck, warn)
    except (ImportError, AttributeError, TypeError) as error:
        clock.seconds.pop("deck", None)
        clock.seconds.pop("save", None)
        clock.notes["save"] = f"not reachable separately ({error}); in deck"
        with clock("deck"):
            REGISTRY["pptx"].renderer()(story, deck, RenderOptions(warn=warn))
    with clock(CHECK):
        from briefing import api

        api.check(facts, brand_path, warn=warn)
    return clock.seconds, clock.notes


def _deck_stages(clock: Clock, story: Story, target: Path, warn: Callable[[str], None]) -> None:
    """The deck's render() split in two: the slides (master, plan, drawing) and the save."""
    with clock("deck"):
        from briefing.render.pptx.draw import draw_deck
        from briefing.render.pptx.masters import BrandMaster
        from briefing.render.pptx.package import set_properties, write_steady
        from briefing.render.pptx.plan import plan_deck

        master = BrandMaster(story, warn)
        draw_deck(master, plan_deck(story, master.frames()))
        master.finish()
        set_properties(master.prs, story)
    with clock("save"):
        write_steady(master.prs, target, story.date.naive)


def stages_child(arguments: list[str]) -> None:
    """In a fresh process: the stages at 1× with an empty chart cache (imports and drawing
    included), at 1× again (warm), and at 10× with its filled cache; as JSON on stdout."""
    facts1, fresh, facts10, warm10, output = map(Path, arguments)
    sys.path.insert(0, str(ROOT))
    passes: dict[str, Pass] = {}
    for name, facts, cache in (("fresh", facts1, fresh), ("1x", facts1, fresh),
                               ("10x", facts10, warm10)):  # fmt: skip
        os.environ["BRIEFING_CACHE_DIR"] = str(cache)
        seconds, notes = stage_times(facts, output)
        passes[name] = {"seconds": seconds, "notes": notes}
    print(json.dumps(passes))


Pass = dict[str, dict[str, float] | dict[str, str]]  # one pass: "seconds" and "notes"
CHECK = "check() as api.build calls it"


def stage_table(passes: dict[str, Pass]) -> list[str]:
    """Seconds and share of every stage at 1× and 10×, growth flagged."""
    fresh, one, ten = ({k: float(v) for k, v in passes[p]["seconds"].items()}
                       for p in ("fresh", "1x", "10x"))  # fmt: skip
    total = {
        name: sum(v for k, v in seconds.items() if k in STAGES)
        for name, seconds in (("fresh", fresh), ("1x", one), ("10x", ten))
    }
    lines = [
        f"{'stage':<10} {'fresh s':>8} {'1× s':>7} {'share':>6} {'10× s':>7} {'share':>6}"
        f" {'10×/1×':>7}",
    ]
    for stage in STAGES:
        if stage not in one or stage not in ten:
            lines.append(f"{stage:<10} {passes['1x']['notes'].get(stage, 'not measured')}")
            continue
        a, b = one[stage], ten[stage]
        flag = "  grows faster than the content" if grows_faster(a, b) else ""
        lines.append(
            f"{stage:<10} {fresh.get(stage, 0.0):8.3f} {a:7.3f} {a / total['1x']:6.0%}"
            f" {b:7.3f} {b / total['10x']:6.0%} {growth(a, b):6.1f}×{flag}"
        )
    lines.append(
        f"{'total':<10} {total['fresh']:8.3f} {total['1x']:7.3f} {'':>6} {total['10x']:7.3f}"
        f" {'':>6} {growth(total['1x'], total['10x']):6.1f}×"
    )
    if CHECK in one and CHECK in ten:
        lines.append(
            f"(api.check() whole, for comparison with load+validate+glyphs: "
            f"{one[CHECK]:.3f} s at 1×, {ten[CHECK]:.3f} s at 10×)"
        )
    lines.append(
        "fresh: first pass in a new process, empty chart cache (imports and drawing included);"
        " 1×, 10×: the next passes, chart cache filled"
    )
    return lines


def stages(root: Path, big: Path) -> list[str]:
    """The stage table, from a fresh process."""
    arguments = [FACTS, root / "stage-cache", big, root / "cache-10x"]
    output = root / "stages"
    output.mkdir(exist_ok=True)
    command = [sys.executable, __file__, "--stages", *map(str, arguments), str(output)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        last = done.stderr.strip().splitlines()[-3:]
        return ["stages not measured:", *last]
    return stage_table(json.loads(done.stdout.strip().splitlines()[-1]))


# ── batch builds ─────────────────────────────────────────────────────────────────────────


def batch_available() -> bool:
    """Whether `briefing build` takes --jobs."""
    done = subprocess.run(
        briefing("build", "--help"),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"},
    )
    return "--jobs" in done.stdout


def throughput(root: Path) -> list[str]:
    """Twelve briefings built with --jobs 1 and --jobs 2, chart cache filled."""
    if not batch_available():
        return ["batch builds not available (briefing build --help does not mention --jobs)"]
    folder = batch_folder(root / "batch")
    env = {"BRIEFING_CACHE_DIR": str(root / "cache-batch")}
    out = root / "batch-out"

    def command(jobs: int) -> list[str]:
        return briefing("build", "-q", "-d", str(folder), "-o", str(out), "--jobs", str(jobs))

    filled = Sample()
    into(filled, command(2), env)
    if filled.failure:
        return [f"batch build failed: {filled.failure}"]
    samples = {1: Sample(), 2: Sample()}
    for _ in range(BATCH_RUNS):
        for jobs, sample in samples.items():
            into(sample, command(jobs), env)
    lines = [f"{BATCH} briefings (bundled and test fixtures, own ids), chart cache filled:"]
    for jobs, sample in samples.items():
        if sample.failure:
            lines.append(f"  --jobs {jobs}: failed: {sample.failure}")
            continue
        median = sample.median()
        lines.append(
            f"  --jobs {jobs}: {median:6.2f} s (min–max {sample.spread()}, {BATCH_RUNS} runs)"
            f"  {BATCH / median:5.2f} briefings/s"
        )
    if all(s.seconds for s in samples.values()):
        lines.append(f"  speed-up with 2 jobs: {samples[1].median() / samples[2].median():.2f}×")
    return lines


# ── the report ───────────────────────────────────────────────────────────────────────────


def environment() -> str:
    """Python, CPUs, system, pandoc and the code's commit."""
    pandoc = shutil.which("pandoc")
    version = "absent"
    if pandoc:
        first = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout
        version = first.split("\n", 1)[0].split()[-1]
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs ({usable} usable),"
        f" {platform.system()} {platform.machine()}, pandoc {version}, code {commit or '?'}"
    )


def main() -> int:
    """Compare with the peer, time the stages, the batch; 1 if a command failed."""
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    print(environment())
    peer = shutil.which("pandoc") is not None
    if not peer:
        print("pandoc is not installed: the peer cannot run, so the comparisons are skipped")
        print("(apt-get install pandoc, or see https://pandoc.org/installing.html)")
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as folder:
        root = Path(folder)
        sys.path.insert(0, str(TOOLS))
        import bigger

        big = bigger.write_bigger(FACTS, root / "bigger.yml", TIMES)
        print(f"\nbriefing beside the peer: medians of {RUNS} interleaved runs, fresh processes")
        samples = compare(root, big, peer)
        for line in comparison_table(samples, peer):
            print(line)
        print("\nstages of a build (one process, library functions in turn)")
        for line in stages(root, big):
            print(line)
        print("\nbatch throughput")
        for line in throughput(root):
            print(line)
    return 1 if any(s.failure for s in samples.values()) else 0


def extractor_scores() -> None:
    """Print the figure extractor's scores on the hand-labelled articles under tests/."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import score_extract

    print("\nextractor accuracy on tests/articles (tools/score_extract.py)")
    try:
        report = score_extract.score(score_extract.load_articles())
    except score_extract.ExtractorMissing as error:
        print(f"extractor scores not measured: {error}")
        return
    print(score_extract.format_report(report))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--stages"]:
        stages_child(sys.argv[2:])
        sys.exit(0)
    status = main()
    extractor_scores()
    sys.exit(status)
