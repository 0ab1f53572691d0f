"""The brand kit: the schema's keys, located errors for broken kits, fonts and logos."""

from __future__ import annotations

import re
import shutil

import pytest
from typer.testing import CliRunner

from briefing import build
from briefing.brand import load_brand
from briefing.cli import app
from briefing.errors import InputError
from briefing.paths import ASSETS, DEFAULT_FACTS
from tests.helpers import TEST_FAMILY, deck_text, pdf_text, squash

pytestmark = pytest.mark.unit

runner = CliRunner()


def kit(tmp_path, text: str):
    """A brand kit in tmp_path: the bundled fonts and logos beside the given brand.yml."""
    for folder in ("fonts", "logo"):
        shutil.copytree(ASSETS / folder, tmp_path / folder, dirs_exist_ok=True)
    path = tmp_path / "brand.yml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_brand(path)
    return [str(p).replace(str(path), "B") for p in caught.value.problems]


def cff_font(path) -> None:
    """A tiny font with PostScript (CFF) outlines, which the PDF writer refuses."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    pen = T2CharStringPen(500, None)
    pen.moveTo((0, 0))
    pen.lineTo((0, 500))
    pen.lineTo((500, 0))
    pen.closePath()
    glyph = pen.getCharString()
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder([".notdef", "A"])
    builder.setupCharacterMap({65: "A"})
    builder.setupCFF(
        "TestCFF-Regular", {"FullName": "Test CFF"}, {".notdef": glyph, "A": glyph}, {}
    )
    builder.setupHorizontalMetrics({".notdef": (500, 0), "A": (500, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Test CFF", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))


def test_bundled_brand_resolves(brand):
    assert brand.name == "鄂尔多斯科技创新简报编写组"
    assert brand.short_name == "创新简报"
    assert brand.colours.primary == "#12355B"
    assert brand.colours.chart[:2] == ("#1F6FB2", "#168F84")
    assert brand.fonts.family == "Noto Sans SC"
    assert brand.logos.pick("large", on_dark=True).path.name == "mark-on-dark.svg"
    assert brand.logos.pick("small").raster.name == "mark.png"
    assert brand.warnings == ()


def test_second_kit_changes_everything(other_brand):
    assert other_brand.name == "测试科创研究院"
    assert other_brand.colours.primary == "#9B1B30"
    assert other_brand.fonts.family == TEST_FAMILY
    assert other_brand.fonts.deck_east_asian == "黑体"
    assert other_brand.logos.pick("medium").alt == "测试研究院徽标"
    assert other_brand.page.cover == "full"
    assert other_brand.base_size_pt == 11


@pytest.mark.e2e
def test_a_quarto_brand_with_only_schema_keys_works(tmp_path):
    path = kit(
        tmp_path,
        """\
meta:
  name: Example Institute
  link:
    home: https://example.org
logo: logo/mark.png
color:
  palette:
    blue: "#0B5CAD"
  primary: blue
  secondary: "#F28E2B"
  foreground: "#222"
typography:
  fonts:
    - family: Open Sans
      source: google
      weight: [400, 700]
  base: Open Sans
  headings:
    family: Open Sans
    weight: bold
  monospace: Fira Code
  link:
    color: primary
defaults:
  bootstrap:
    defaults:
      enable-rounded: false
""",
    )
    brand = load_brand(path)
    assert brand.name == "Example Institute"
    assert brand.link == "https://example.org"
    assert brand.colours.primary == "#0B5CAD"
    assert brand.colours.foreground == "#222222"
    assert brand.fonts.family == "Noto Sans SC"  # google fonts cannot be fetched: bundled font
    assert any("'google' fonts cannot be embedded" in w for w in brand.warnings)
    assert brand.logos.pick("medium").raster.name == "mark.png"
    pdf, deck = build(output=tmp_path / "out", brand=path)
    assert "ExampleInstitute" in squash(pdf_text(pdf)).replace(" ", "")
    assert "Example Institute" in deck_text(deck)


def test_unknown_key_is_located(tmp_path):
    path = kit(tmp_path, "meta:\n  name: X\ncolor:\n  primray: '#123456'\n")
    assert problems(path) == ["B:4:3: color.primray: unknown key"]


def test_bad_colour_is_located(tmp_path):
    path = kit(tmp_path, "color:\n  palette:\n    blue: '#12345'\n  primary: bleu\n")
    assert problems(path) == [
        "B:3:11: color.palette.blue: '#12345' is not a colour: "
        "use #RRGGBB, rgb(r, g, b) or a palette name",
        "B:4:12: color.primary: 'bleu' is not a colour: "
        "use #RRGGBB, rgb(r, g, b) or a palette name",
    ]


def test_rgb_and_theme_references_resolve(tmp_path):
    path = kit(tmp_path, "color:\n  primary: rgb(18, 53, 91)\n  dark: primary\n")
    brand = load_brand(path)
    assert brand.colours.primary == brand.colours.dark == "#12355B"


def test_missing_logo_file_is_located(tmp_path):
    path = kit(tmp_path, "logo:\n  images:\n    mark: logo/absent.svg\n  small: mark\n")
    assert "B:3:11: logo.images.mark: file not found: logo/absent.svg" in problems(path)


def test_svg_logo_without_png_warns_for_the_deck(tmp_path):
    path = kit(tmp_path, "logo: logo/lonely.svg\n")
    shutil.copyfile(tmp_path / "logo/mark.svg", tmp_path / "logo/lonely.svg")
    brand = load_brand(path)
    assert brand.logos.pick("small").raster is None
    assert any("no PNG beside the SVG" in w for w in brand.warnings)


FONT_KIT = """\
typography:
  fonts:
    - family: Custom
      source: file
      files:
        - {{path: {regular}, weight: 400}}
{bold}  base: Custom
"""


def test_missing_font_file_is_located(tmp_path):
    path = kit(tmp_path, FONT_KIT.format(regular="fonts/absent.ttf", bold=""))
    assert (
        problems(path)[0]
        == "B:6:11: typography.fonts[0].files[0]: file not found: fonts/absent.ttf"
    )


def test_cff_font_is_refused_with_a_reason(tmp_path):
    path = kit(tmp_path, FONT_KIT.format(regular="custom.otf", bold=""))
    cff_font(tmp_path / "custom.otf")
    (problem,) = problems(path)
    assert problem.startswith("B:6:11: typography.fonts[0].files[0]: custom.otf: PostScript (CFF)")
    assert "TrueType" in problem


def test_unreadable_font_is_refused(tmp_path):
    path = kit(tmp_path, FONT_KIT.format(regular="broken.ttf", bold=""))
    (tmp_path / "broken.ttf").write_bytes(b"not a font at all")
    (problem,) = problems(path)
    assert "broken.ttf: not a readable font file" in problem


def test_missing_bold_falls_back_to_regular_with_a_warning(tmp_path):
    path = kit(tmp_path, FONT_KIT.format(regular="fonts/NotoSansSC-Regular.ttf", bold=""))
    brand = load_brand(path)
    assert brand.fonts.family == "Custom"
    assert brand.fonts.bold == brand.fonts.regular
    assert any("no bold (700) file for 'Custom'" in w for w in brand.warnings)


def test_brand_check_command(tmp_path, other_kit):
    good = runner.invoke(app, ["brand", "check", str(other_kit)])
    assert good.exit_code == 0, good.output
    assert "测试科创研究院" in good.stdout and "#9B1B30" in good.stdout
    bad = kit(tmp_path, "color:\n  primary: nope\n")
    result = runner.invoke(app, ["brand", "check", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{bad}:2:12: color.primary: 'nope' is not a colour")
    assert "Traceback" not in result.output


def test_brand_check_accepts_a_folder(tmp_path):
    kit(tmp_path, "meta:\n  name: 文件夹品牌\n")
    result = runner.invoke(app, ["brand", "check", str(tmp_path)])
    assert result.exit_code == 0
    assert "文件夹品牌" in result.stdout


@pytest.mark.e2e
def test_characters_missing_from_the_font_stop_the_build(tmp_path):
    facts = tmp_path / "facts.yml"
    text = DEFAULT_FACTS.read_text(encoding="utf-8")
    facts.write_text(text.replace("title: 鄂尔多斯市科技创新发展简报", "title: 㐀鄂尔多斯😀简报"))
    result = runner.invoke(app, ["build", "--data", str(facts), "--output", str(tmp_path / "o")])
    assert result.exit_code == 1
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "title: 鄂尔多斯市科技创新" in t)
    assert re.search(
        rf"^{re.escape(str(facts))}:{line}:10: briefing\.title: "
        r"'㐀' \(U\+3400\) is not in the font",
        result.stderr,
        re.M,
    )
    assert "'😀' (U+1F600)" in result.stderr
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())
    allowed = runner.invoke(
        app,
        [
            "build",
            "-f",
            "pdf",
            "--data",
            str(facts),
            "-o",
            str(tmp_path / "o"),
            "--allow-missing-glyphs",
        ],
    )
    assert allowed.exit_code == 0
    assert "warning:" in allowed.stderr and "U+3400" in allowed.stderr


@pytest.mark.e2e
def test_init_scaffolds_a_project_that_builds(tmp_path):
    project = tmp_path / "my-city"
    result = runner.invoke(app, ["init", str(project)])
    assert result.exit_code == 0, result.output
    assert (project / "facts.yml").is_file() and (project / "brand" / "brand.yml").is_file()
    assert (project / "brand" / "fonts" / "OFL.txt").is_file()
    build = runner.invoke(
        app,
        [
            "build", "-f", "pdf", "--data", str(project / "facts.yml"),
            "--brand", str(project / "brand" / "brand.yml"), "--output", str(project / "output"),
        ],
    )  # fmt: skip
    assert build.exit_code == 0, build.output
    assert (project / "output" / "city-2025.pdf").is_file()  # the template's id
    again = runner.invoke(app, ["init", str(project)])
    assert again.exit_code == 1
    assert "not an empty folder" in again.stderr


def test_colours_a_kit_leaves_out_derive_from_its_primary(tmp_path):
    brand = load_brand(kit(tmp_path, "color:\n  primary: '#9B1B30'\n"))
    colours = brand.colours
    assert colours.primary == colours.dark == "#9B1B30"
    assert colours.light.startswith("#F") and colours.light != "#EEF3F8"
    assert "#12355B" not in (colours.secondary, colours.tertiary, colours.light, colours.dark)
    assert colours.chart == (colours.primary, colours.secondary, colours.tertiary)
