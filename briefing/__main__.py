"""Run the CLI as `python -m briefing`."""

from .launch import main

if __name__ == "__main__":  # not when a worker process of a batch build imports it
    main()
