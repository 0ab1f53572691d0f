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
OTHER_KIT = Path(__file__).resolve().parent / "kits" / "other"
TEST_FAMILY = "Briefing Test Sans"
SOURCE = ROOT.parent / "shared" / "source" / "000_e3b2b85ff275e104.txt"


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


def require_tool(name: str) -> str:
    """Path of a system tool; a skip on a developer machine, a failure in CI."""
    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is required in CI (.ci/run installs it)")
    pytest.skip(f"{name} is not installed")


FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


def libreoffice_pdfs(decks: list[Path], folder: Path, fonts: Path) -> list[Path]:
    """Each deck converted to PDF by LibreOffice headless, in one run, with `fonts` known to
    fontconfig (else every Chinese glyph is a box); the PDFs' paths, in order."""
    import subprocess

    soffice = require_tool("soffice")
    config = folder / "fonts.conf"
    config.write_text(FONTCONFIG.format(fonts=fonts, cache=folder / "fc-cache"))
    env = {"FONTCONFIG_FILE": str(config), "HOME": str(folder), "PATH": "/usr/bin:/bin"}
    out = folder / "pdf"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *(str(deck) for deck in decks),
        ],
        check=True,
        capture_output=True,
        env=env,
        timeout=180,
    )
    return [out / deck.with_suffix(".pdf").name for deck in decks]


@pytest.fixture(scope="session")
def facts():
    return load_facts(DEFAULT_FACTS)


@pytest.fixture(scope="session")
def brand():
    return load_brand(DEFAULT_BRAND)


@pytest.fixture(scope="session")
def story(facts, brand):
    return build_story(facts, brand)


def renamed_font(source: Path, target: Path, family: str, style: str) -> None:
    """A copy of a font whose family name is changed, so a test can tell it apart."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(source))
    postscript = f"{family.replace(' ', '')}-{style}"
    for record in font["name"].names:
        new = {1: family, 2: style, 4: f"{family} {style}", 6: postscript, 16: family, 17: style}
        if record.nameID in new:
            record.string = new[record.nameID]
    font.save(str(target))


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
