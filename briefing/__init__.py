"""briefing: branded PDF reports and editable decks from structured innovation facts."""

import os
import sys
from itertools import pairwise


def _is_the_program() -> bool:
    """Is this process the `briefing` command itself (the console script or `python -m
    briefing`), rather than an application that imports the library?"""
    argv = getattr(sys, "orig_argv", sys.argv)
    command = os.path.basename(sys.argv[0]).removesuffix(".exe")
    return command == "briefing" or any(
        flag == "-m" and module == "briefing" for flag, module in pairwise(argv)
    )


# The program uses no pydantic plugins: pydantic's documented switch spares it the scan of
# every installed package's entry points (and its workers inherit it). An application that
# imports the library keeps its own plugins; anyone may still set the variable themselves.
if _is_the_program():
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

__version__ = "0.1.0"

from .api import build, load_story  # noqa: E402 (after the switch, before pydantic loads)

__all__ = ["__version__", "build", "load_story"]
