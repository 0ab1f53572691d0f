# The two set-up commands of the README, and a benchmark.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test test-fast bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Bytecode is written at install (and refreshed by `make run`): where the environment sets
# PYTHONDONTWRITEBYTECODE or the source is read-only, no run then compiles the package again.
COMPILE := $(BIN)/python -m compileall -q briefing

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable .
	$(COMPILE)
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[dev]'
	$(COMPILE)
	touch $@ $(VENV)/.installed

## make run: create .venv, install, build the bundled briefing into output/
run: $(VENV)/.installed
	$(COMPILE)
	$(BIN)/briefing build --format all --output output

## make test: install the test extras and run the whole suite
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

## make test-fast: the unit tier only (no rendering), in seconds
test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q -m "unit and not (render or e2e or visual)"

## make bench: briefing beside a matplotlib + pandoc script (targets as ratios, needs pandoc),
## the stages of a build at 1× and 10× content, batch throughput, extractor scores (~5 min)
bench: $(VENV)/.installed
	$(BIN)/python tools/bench.py

## make lint: ruff (rules and formatting) over the code, mypy over the package
lint: $(VENV)/.installed-test
	$(BIN)/ruff check briefing tests tools
	$(BIN)/ruff format --check briefing tests tools
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
	find output -mindepth 1 ! -name .gitkeep -delete
