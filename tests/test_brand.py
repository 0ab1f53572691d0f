"""The brand kit: the schema's keys, located errors for broken kits, fonts and logos."""

from __future__ import annotations

import re
import shutil

import pytest
from typer.testing import CliRunner

from briefing import build
from briefing.brand import check_brand, load_brand
from briefing.brand.colour import contrast
from briefing.brand.contrast import PAIRS, contrast_summary, contrast_warnings
from briefing.brand.kit import Colours
from briefing.cli import app
from briefing.errors import InputError
from briefing.paths import ASSETS, DEFAULT_BRAND, DEFAULT_FACTS
from briefing.render.pdf.blocks import cover_styles
from briefing.render.pdf.styles import Layout, ReportFonts, Sheet, paragraph_styles
from briefing.story.wording import wording_for
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
    assert brand.colours.chart[:2] == ("#1F6FB2", brand.colours.secondary)  # blue, teal
    assert brand.fonts.family == "Noto Sans SC"
    assert brand.logos.pick("large", on_dark=True).path.name == "mark-on-dark.svg"
    assert brand.logos.pick("small").raster.name == "mark.png"
    # no warnings but those on its teal's contrast (see test_bundled_kit_contrast)
    assert all(": color.secondary: " in w or "chart_palette[1]: " in w for w in brand.warnings)


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
    text = FONT_KIT.format(regular="fonts/NotoSansSC-Regular.ttf", bold="")
    path = kit(tmp_path, text.replace("Custom", "Noto Sans SC"))
    brand = load_brand(path)
    assert brand.fonts.family == "Noto Sans SC"
    assert brand.fonts.bold == brand.fonts.regular
    assert any("no bold (700) file for 'Noto Sans SC'" in w for w in brand.warnings)


def test_a_font_file_of_another_family_is_located(tmp_path):
    path = kit(tmp_path, FONT_KIT.format(regular="fonts/NotoSansSC-Regular.ttf", bold=""))
    with pytest.raises(InputError) as caught:
        check_brand(path)  # brand check reads the family as the charts will
    assert [str(p).replace(str(path), "B") for p in caught.value.problems] == [
        "B:6:11: typography.fonts[0].files[0]: fonts/NotoSansSC-Regular.ttf holds the family "
        "'Noto Sans SC' (as the charts read it), not 'Custom'; name the family the file holds"
    ]


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
    assert contrast_warnings(brand) == [] and brand.warnings == ()  # the tint reads


@pytest.mark.parametrize("primary", ["#0B5CAD", "#2E7D32", "#6A1B9A", "#12355B"])
def test_a_derived_secondary_reads_as_small_text(tmp_path, primary):
    """The secondary a kit leaves out is the palest tint of its primary (from 60 %) in which
    the report's 8 pt tile notes reach 4.5:1 on white and on the light tint."""
    colours = load_brand(kit(tmp_path, f"color:\n  primary: '{primary}'\n")).colours
    assert colours.secondary not in (primary, colours.tertiary)
    for fill in ("#FFFFFF", colours.light):
        assert 4.5 <= contrast(colours.secondary, fill) < 6.5


# ── Contrast: which colour paints which text on which fill ──────────────────

RED_COVER = """\
meta:
  name: Red Institute
logo: logo/mark.png
color:
  foreground: "#212121"
  background: "#FFFFFF"
  primary: "#C62828"
  secondary: "#1B5E20"
  tertiary: "#8B1A1A"
  light: "#FDECEA"
defaults:
  briefing:
    cover: full
    classification: 内部资料
"""


def where(found: list[str]) -> list[str]:
    """Each finding's places and colours, without the advice."""
    return [line.split(" — ")[0] for line in found]


def test_bundled_kit_contrast(brand):
    """Teal #168F84 reads at 3.96:1 on white (3.55:1 on the tiles' mist): enough for large
    text, short of 4.5:1 for the report's 10 pt bold chapter eyebrow and 8 pt tile notes, and
    for the charts' 9 pt bold values inside a teal bar and 13.5 pt bold rank badges on teal
    (neither white nor the foreground reaches 4.5:1 on it). A teal of #137A70 clears all four
    (test_a_darker_teal_clears_the_bundled_kit): the kit warns of nothing once it has one.
    """
    if brand.colours.secondary != "#168F84":
        assert contrast_warnings(brand) == [] and brand.warnings == ()
        return
    assert len(brand.warnings) == 4
    assert where(contrast_warnings(brand)) == [
        "report chapter eyebrow: secondary #168F84 on the white page #FFFFFF is 3.96:1, "
        "below WCAG's 4.5:1 for 10 pt bold text",
        "report tile notes (change, standing): secondary #168F84 on light #EEF3F8 is 3.55:1, "
        "below WCAG's 4.5:1 for 8 pt text",
        "charts values inside bar ends: white #FFFFFF on chart colour 2 #168F84 is 3.96:1, the "
        "better of white and the foreground, below WCAG's 4.5:1 for 9 pt bold text",
        "charts ranking position without a list size (badge): white #FFFFFF on chart colour 2 "
        "#168F84 is 3.96:1, the better of white and the foreground, below WCAG's 4.5:1 for "
        "13.5 pt bold text",
    ]
    located = [w.split(": ")[0].rsplit(":", 2)[1] for w in brand.warnings]
    lines = DEFAULT_BRAND.read_text(encoding="utf-8").splitlines()
    assert lines[int(located[0]) - 1].strip() == "secondary: teal"


def test_a_darker_teal_clears_the_bundled_kit(tmp_path):
    shutil.copytree(ASSETS, tmp_path / "kit")
    path = tmp_path / "kit" / "brand.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('teal: "#168F84"', 'teal: "#137A70"'), encoding="utf-8")
    brand = load_brand(path)
    assert contrast_warnings(brand) == [] and brand.warnings == ()
    assert contrast_summary(brand)[0].endswith("text-on-fill pairs, all at WCAG AA or better")


def test_second_kit_contrast(other_brand):
    """Gold #C7A008 on crimson is 3.26:1: the full cover keeps it for the classification,
    asking 3:1 as of large text, but at 12.6 pt bold (12 pt at the 11 pt base) it is not large
    and WCAG asks 4.5:1."""
    assert contrast_warnings(other_brand) == [
        "report cover classification (full cover): tertiary #C7A008 on primary #9B1B30 is "
        "3.26:1, below WCAG's 4.5:1 for 12.6 pt bold text (the report asks only 3:1) — change "
        "color.tertiary or color.primary"
    ]
    (warning,) = other_brand.warnings
    assert ": color.tertiary: report cover classification" in warning


def test_a_dark_tertiary_on_a_red_full_cover_is_printed_white(tmp_path):
    brand = load_brand(kit(tmp_path, RED_COVER))
    (line,) = contrast_warnings(brand)
    assert line == (
        "report cover eyebrow (full cover); report cover classification (full cover): "
        "tertiary #8B1A1A on primary #C62828 is 1.65:1, under the 3:1 the report asks of it, "
        "so it is printed white #FFFFFF instead (5.62:1) — change color.tertiary or "
        "color.primary to show tertiary"
    )
    assert brand.warnings == ()  # the cover reads: a note of `brand check`, not a warning
    # … and white is what the report's cover styles print
    fonts = ReportFonts("x", "Helvetica", "Helvetica-Bold")
    sheet = Sheet(
        paragraph_styles(brand, fonts), fonts, Layout.of(brand.page), brand, wording_for("zh")
    )
    styles = cover_styles(sheet)
    for name in ("cover-kicker", "classification"):
        assert styles[name].textColor.hexval().upper() == "0XFFFFFF"


def test_brand_check_prints_the_swap_and_exits_0(tmp_path):
    path = kit(tmp_path, RED_COVER)
    result = runner.invoke(app, ["brand", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert re.search(
        r"^contrast  \d+ text-on-fill pairs, none below WCAG AA, 2 printed in white",
        result.stdout,
        re.M,
    )
    assert "report cover eyebrow (full cover)" in result.stdout
    assert "tertiary #8B1A1A on primary #C62828 is 1.65:1" in result.stdout
    assert "change color.tertiary or color.primary" in result.stdout


def test_text_below_wcag_is_a_warning_at_the_colour_to_change(tmp_path):
    path = kit(tmp_path, RED_COVER.replace('secondary: "#1B5E20"', 'secondary: "#168F84"'))
    brand = load_brand(path)
    assert brand.warnings[0] == (
        f"{path}:8:14: color.secondary: report chapter eyebrow: secondary #168F84 on the white "
        "page #FFFFFF is 3.96:1, below WCAG's 4.5:1 for 10 pt bold text — change "
        "color.secondary"
    )
    # no chart_palette: the charts' second colour is the secondary, and named so
    assert any(
        "chart colour 2 (secondary) #168F84" in w and ": color.secondary: " in w
        for w in brand.warnings
    )
    result = runner.invoke(app, ["brand", "check", str(path)])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == f"warning: {brand.warnings[0]}"
    assert "4 below WCAG AA (see the warnings)" in result.stdout


@pytest.mark.e2e
def test_validate_and_build_print_the_contrast_warnings(tmp_path):
    path = kit(tmp_path, RED_COVER.replace('secondary: "#1B5E20"', 'secondary: "#168F84"'))
    checked = runner.invoke(app, ["validate", str(DEFAULT_FACTS), "--brand", str(path)])
    assert checked.exit_code == 0
    assert "report chapter eyebrow: secondary #168F84" in checked.stderr
    built = runner.invoke(
        app, ["build", "-f", "pdf", "-q", "-b", str(path), "-o", str(tmp_path / "out")]
    )
    assert built.exit_code == 0
    assert built.stderr.count("warning: ") == 4
    assert "printed white" not in built.stderr  # swaps are brand check's notes


def test_large_text_depends_on_the_base_size(tmp_path):
    """The band cover's eyebrow is 14 pt bold at the 10.5 pt base (large: 3:1), 12 pt bold at
    a 9 pt base (4.5:1)."""
    text = "color:\n  primary: '#12355B'\n  secondary: '#168F84'\n"
    large = contrast_warnings(load_brand(kit(tmp_path, text)))
    small = contrast_warnings(
        load_brand(kit(tmp_path, text + "typography:\n  base: {size: 9pt}\n"))
    )
    assert not any("report cover eyebrow" in w for w in large)
    assert any(
        "report cover eyebrow (region and period): secondary #168F84 on the white page #FFFFFF "
        "is 3.96:1, below WCAG's 4.5:1 for 12 pt bold text" in w
        for w in small
    )


def test_when_neither_ink_reads_the_fill_is_named(tmp_path):
    """A mid grey: white and the foreground both fall short of 4.5:1 on it."""
    brand = load_brand(
        kit(tmp_path, "color:\n  primary: '#808080'\ndefaults:\n  briefing:\n    cover: full\n")
    )
    found = contrast_warnings(brand)
    assert any(
        w.startswith("report cover issuer, date and short name (full cover): white #FFFFFF on "
                     "primary #808080 is 3.94:1, the better of white and the foreground")
        and w.endswith("change color.primary or color.foreground")
        for w in found
    )  # fmt: skip
    assert any(w.startswith("report table header: white #FFFFFF on primary #808080") for w in found)
    assert not any("cover title (full cover)" in w for w in found)  # 30 pt bold: 3:1 is enough


def test_every_pair_names_roles_the_brand_has():
    fields = set(Colours.__dataclass_fields__)
    for pair in PAIRS:
        assert pair.text in fields | {"ink", "white", "palette"}, pair
        assert pair.fill in fields | {"paper", "palette"}, pair
        assert pair.output in ("report", "deck", "charts")


def test_the_report_styles_are_as_the_pairs_say(brand):
    """The pairs mirror the renderers: the report's paragraph styles, colour and size."""
    fonts = ReportFonts("x", "Helvetica", "Helvetica-Bold")
    styles = paragraph_styles(brand, fonts)
    colours = brand.colours
    expected = {
        "kicker": ("secondary", 10),
        "tile-note": ("secondary", 8),
        "tile-value": ("primary", 20),
        "running": ("muted", 8),
        "cover-kicker": ("secondary", 14),
        "cover-subtitle": ("muted", 15),
        "classification": ("danger", 12),
    }
    for name, (role, size) in expected.items():
        assert styles[name].textColor.hexval().upper() == "0X" + getattr(colours, role)[1:]
        assert styles[name].fontSize == size
    assert styles["cell-head"].textColor.hexval().upper() == "0XFFFFFF"  # white as written
