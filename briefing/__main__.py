"""Run the CLI as `python -m briefing`."""

from .cli import main

main()
