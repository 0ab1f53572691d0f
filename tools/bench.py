"""Time builds of the bundled briefing in fresh processes: cold (empty chart cache) and warm."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
CASES = {
    "validate": ["validate"],
    "build pdf": ["build", "--format", "pdf", "--quiet"],
    "build pptx": ["build", "--format", "pptx", "--quiet"],
    "build all": ["build", "--format", "all", "--quiet"],
    "charts svg+png": ["charts", "--quiet"],
}


def run(args: list[str], output: Path, cache: Path) -> float:
    """Wall seconds of one fresh `python -m briefing` process."""
    extra = ["--output", str(output)] if args[0] in ("build", "charts") else []
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    command = [sys.executable, "-m", "briefing", *args, *extra]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> None:
    """Print medians of RUNS runs per case, with an empty and with a filled chart cache."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        print(f"{'case':<16} {'cold s':>7} {'warm s':>7}   (median of {RUNS} fresh processes)")
        for name, args in CASES.items():
            cold = [run(args, root / "out", root / f"cold-{name}-{i}") for i in range(RUNS)]
            warm = [run(args, root / "out", root / "warm") for _ in range(RUNS + 1)][1:]
            print(f"{name:<16} {statistics.median(cold):7.2f} {statistics.median(warm):7.2f}")
        for path in sorted((root / "out").glob("*.*")):
            print(f"{path.name:<24} {path.stat().st_size:>10,} bytes")


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
    main()
    extractor_scores()
