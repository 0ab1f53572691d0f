"""Time cold builds of the bundled briefing: median wall time of several fresh processes."""

from __future__ import annotations

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
}


def time_case(args: list[str], output: Path) -> list[float]:
    """Wall seconds of RUNS fresh `python -m briefing` processes."""
    extra = ["--output", str(output)] if args[0] == "build" else []
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "briefing", *args, *extra], check=True, stdout=subprocess.DEVNULL
        )
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    """Print a table of medians and the sizes of what was written."""
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder)
        print(f"{'case':<12} {'median s':>9} {'min s':>7} {'max s':>7}   ({RUNS} cold runs each)")
        for name, args in CASES.items():
            times = time_case(args, output)
            print(f"{name:<12} {statistics.median(times):9.2f} {min(times):7.2f} {max(times):7.2f}")
        for path in sorted(output.iterdir()):
            print(f"{path.name:<24} {path.stat().st_size:>10,} bytes")


if __name__ == "__main__":
    main()
