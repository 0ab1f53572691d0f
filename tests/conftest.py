"""Shared fixtures: the bundled facts, brand and story, and system-tool checks."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefing.brand import load_brand
from briefing.loader import load_facts
from briefing.paths import DEFAULT_BRAND, DEFAULT_FACTS
from briefing.story import build_story

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "source" / "000_e3b2b85ff275e104.txt"


def require_tool(name: str) -> str:
    """Path of a system tool; a skip on a developer machine, a failure in CI."""
    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is required in CI (.ci/run installs it)")
    pytest.skip(f"{name} is not installed")


@pytest.fixture(scope="session")
def facts():
    return load_facts(DEFAULT_FACTS)


@pytest.fixture(scope="session")
def brand():
    return load_brand(DEFAULT_BRAND)


@pytest.fixture(scope="session")
def story(facts, brand):
    return build_story(facts, brand)


@pytest.fixture
def write(tmp_path):
    """Write a text file under tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write
