"""Shared fixtures: the bundled facts, brand and story, a second kit, a chart cache."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefing.brand import load_brand
from briefing.facts import load_facts
from briefing.paths import DEFAULT_BRAND, DEFAULT_FACTS
from briefing.story import build_story
from tests.helpers import OTHER_KIT, ROOT, TEST_FAMILY, renamed_font


@pytest.fixture(scope="session", autouse=True)
def chart_cache(tmp_path_factory):
    """Charts drawn by the tests are cached in a temporary folder, never the user's."""
    folder = tmp_path_factory.mktemp("chart-cache")
    previous = os.environ.get("BRIEFING_CACHE_DIR")
    os.environ["BRIEFING_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        del os.environ["BRIEFING_CACHE_DIR"]
    else:
        os.environ["BRIEFING_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def facts():
    return load_facts(DEFAULT_FACTS)


@pytest.fixture(scope="session")
def brand():
    return load_brand(DEFAULT_BRAND)


@pytest.fixture(scope="session")
def story(facts, brand):
    return build_story(facts, brand)


@pytest.fixture(scope="session")
def other_kit(tmp_path_factory) -> Path:
    """The second brand kit of tests/kits/other, with its renamed font files; its brand.yml."""
    folder = tmp_path_factory.mktemp("other-kit")
    shutil.copytree(OTHER_KIT, folder, dirs_exist_ok=True)
    (folder / "fonts").mkdir()
    fonts = ROOT / "assets" / "fonts"
    renamed_font(
        fonts / "NotoSansSC-Regular.ttf",
        folder / "fonts/TestSans-Regular.ttf",
        TEST_FAMILY,
        "Regular",
    )
    renamed_font(
        fonts / "NotoSansSC-Bold.ttf", folder / "fonts/TestSans-Bold.ttf", TEST_FAMILY, "Bold"
    )
    return folder / "brand.yml"


@pytest.fixture(scope="session")
def other_brand(other_kit):
    return load_brand(other_kit)


@pytest.fixture
def write(tmp_path):
    """Write a text file under tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write
