"""The console script: the renderers of a build set going before the command line is parsed.

Forking here, before typer and the facts' modules are imported, lets a build's renderer
processes import python-pptx and reportlab while this process parses the arguments and reads
the facts (briefing.forks). Every other command goes straight to the CLI.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point of the `briefing` command (and of `python -m briefing`)."""
    from .forks import start_early

    start_early(sys.argv[1:])
    from .cli import main as run

    run()
