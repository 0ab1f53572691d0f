"""The brand's type in the deck: the faces it names, and the fonts it carries (--embed-fonts)."""

from __future__ import annotations

import io
import re
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest
from fontTools import subset as cut
from fontTools.ttLib import TTFont
from lxml import etree
from PIL import Image

from briefing.brand import load_brand
from briefing.errors import BriefingError
from briefing.paths import BUNDLED_FONTS, DEFAULT_BRAND
from briefing.render import RenderOptions
from briefing.render.pptx import render
from briefing.render.pptx.embed import embedded
from briefing.story import build_story
from tests.helpers import TEST_FAMILY, require_tool, system_font_pdfs

pytestmark = pytest.mark.render

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
}
WENKAI = "LXGW WenKai"
KIT = """\
meta: {{name: 文楷测试}}
typography:
  fonts:
    - family: {family}
      source: system
  base: {{family: {family}, size: 10.5pt}}
{defaults}"""
SLIDE_PARTS = re.compile(r"ppt/(slides|slideLayouts|slideMasters|notesSlides|charts)/[^/]+\.xml$")


def deck_of(facts, brand_file: Path, target: Path, **options) -> Path:
    """The deck of the bundled facts in this brand."""
    story = build_story(facts, load_brand(brand_file))
    render(story, target, RenderOptions(**options))
    return target


def kit(folder: Path, family: str, defaults: str = "") -> Path:
    """A brand.yml whose typography names `family` (a system font), with these defaults."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "brand.yml"
    path.write_text(KIT.format(family=family, defaults=defaults), encoding="utf-8")
    return path


def faces(deck: Path) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """The (Latin, East Asian) faces of the theme's major and minor fonts, and the (kind,
    face) pairs every run, paragraph default and list style of the slides names."""
    themes: set[tuple[str, str]] = set()
    runs: set[tuple[str, str]] = set()
    with zipfile.ZipFile(deck) as package:
        for name in package.namelist():
            if name.startswith("ppt/theme/"):
                root = etree.fromstring(package.read(name))
                for group in root.iterfind(".//a:fontScheme/*", NS):
                    latin = group.find("a:latin", NS).get("typeface")
                    ea = group.find("a:ea", NS).get("typeface")
                    themes.add((latin, ea))
            elif SLIDE_PARTS.match(name):
                root = etree.fromstring(package.read(name))
                for kind in ("latin", "ea"):
                    for element in root.iterfind(f".//a:{kind}", NS):
                        face = element.get("typeface")
                        if not face.startswith("+"):  # the theme's major or minor font
                            runs.add((kind, face))
    return themes, runs


def deck_characters(deck: Path) -> set[str]:
    """Every character of the slides' and notes' text and of the charts' values."""
    found: set[str] = set()
    with zipfile.ZipFile(deck) as package:
        for name in package.namelist():
            if SLIDE_PARTS.match(name):
                root = etree.fromstring(package.read(name))
                for text in root.itertext():
                    found.update(text)
                for bullet in root.iter(f"{{{NS['a']}}}buChar"):
                    found.update(bullet.get("char", ""))
    return {c for c in found if not c.isspace()}


def font_parts(deck: Path) -> dict[str, tuple[str, bytes]]:
    """Each style slot of the deck's one embedded font: (its part's content type, bytes)."""
    with zipfile.ZipFile(deck) as package:
        presentation = etree.fromstring(package.read("ppt/presentation.xml"))
        rels = etree.fromstring(package.read("ppt/_rels/presentation.xml.rels"))
        types = etree.fromstring(package.read("[Content_Types].xml"))
        targets = {r.get("Id"): r.get("Target") for r in rels.iterfind("rel:Relationship", NS)}
        defaults = {
            d.get("Extension"): d.get("ContentType") for d in types.iterfind("ct:Default", NS)
        }
        (entry,) = presentation.iterfind("p:embeddedFontLst/p:embeddedFont", NS)
        found = {}
        for slot in entry.iterfind("*", NS):
            if slot.tag.endswith("}font"):
                continue
            name = "ppt/" + targets[slot.get(f"{{{NS['r']}}}id")]
            found[etree.QName(slot).localname] = (
                defaults[name.rsplit(".", 1)[1]],
                package.read(name),
            )
        found["typeface"] = (entry.find("p:font", NS).get("typeface"), b"")
    return found


def eot_font(data: bytes) -> TTFont:
    """The TrueType font inside an uncompressed EOT file, its header checked on the way."""
    size, font_size, version, flags = struct.unpack_from("<LLLL", data)
    assert size == len(data) and version in (0x00020001, 0x00020002)
    assert flags & 0x4 == 0, "MicroType Express compression is not written"
    assert struct.unpack_from("<H", data, 34)[0] == 0x504C  # the EOT magic number
    return TTFont(io.BytesIO(data[-font_size:]))


# ── The faces the deck names ────────────────────────────────────────────────


def test_a_brand_that_names_its_typeface_gets_it_in_the_deck(facts, tmp_path) -> None:
    deck = deck_of(facts, kit(tmp_path / "kit", WENKAI), tmp_path / "wenkai.pptx")
    themes, runs = faces(deck)
    assert themes == {(WENKAI, WENKAI)}
    assert runs == {("latin", WENKAI), ("ea", WENKAI)}


def test_deck_fonts_still_override_the_typography(facts, tmp_path) -> None:
    both = "defaults: {briefing: {deck_fonts: {latin: Arial, east_asian: 黑体}}}\n"
    deck = deck_of(facts, kit(tmp_path / "both", WENKAI, both), tmp_path / "both.pptx")
    assert faces(deck) == ({("Arial", "黑体")}, {("latin", "Arial"), ("ea", "黑体")})
    one = "defaults: {briefing: {deck_fonts: {east_asian: 黑体}}}\n"
    deck = deck_of(facts, kit(tmp_path / "one", WENKAI, one), tmp_path / "one.pptx")
    assert faces(deck) == ({(WENKAI, "黑体")}, {("latin", WENKAI), ("ea", "黑体")})


def test_a_brand_that_names_no_typeface_keeps_the_common_faces(facts, tmp_path) -> None:
    (tmp_path / "kit").mkdir()
    brand_file = tmp_path / "kit" / "brand.yml"
    brand_file.write_text("meta: {name: 无字体品牌}\n", encoding="utf-8")
    deck = deck_of(facts, brand_file, tmp_path / "plain.pptx")
    assert faces(deck)[0] == {("Microsoft YaHei", "微软雅黑")}


# ── Fonts carried in the deck ───────────────────────────────────────────────


@pytest.fixture(scope="module")
def embedded_deck(facts, tmp_path_factory) -> Path:
    """The bundled briefing as a deck that carries its fonts."""
    folder = tmp_path_factory.mktemp("embedded")
    return deck_of(facts, DEFAULT_BRAND, folder / "embedded.pptx", embed_fonts=True)


def test_the_deck_carries_the_brand_font_as_powerpoint_stores_it(embedded_deck) -> None:
    parts = font_parts(embedded_deck)
    assert parts.pop("typeface")[0] == "Noto Sans SC"
    assert sorted(parts) == ["bold", "regular"]
    for style, (content_type, data) in parts.items():
        assert content_type == "application/x-fontdata"
        font = eot_font(data)
        assert font["name"].getBestFamilyName() == "Noto Sans SC"
        assert str(font["name"].getName(2, 3, 1)) == style.title()
        assert font["OS/2"].fsType & 0xF in (0, 8)  # installable or editable


def test_the_embedded_fonts_hold_every_character_of_the_deck_and_little_else(
    embedded_deck,
) -> None:
    used = deck_characters(embedded_deck)
    whole = len(TTFont(BUNDLED_FONTS / "NotoSansSC-Regular.ttf", lazy=True).getGlyphOrder())
    for _, data in font_parts(embedded_deck).values():
        if not data:
            continue
        font = eot_font(data)
        cmap = font.getBestCmap()
        assert not [c for c in used if ord(c) not in cmap]
        assert all(ord(c) in cmap for c in "0Az~")  # ASCII too, for edits
        assert len(font.getGlyphOrder()) < whole / 10


def test_an_embedding_deck_draws_its_bullets_from_the_face_it_carries(embedded_deck) -> None:
    with zipfile.ZipFile(embedded_deck) as package:
        faces = [
            bullet.getprevious().get("typeface")
            for name in package.namelist()
            if SLIDE_PARTS.match(name)
            for bullet in etree.fromstring(package.read(name)).iter(f"{{{NS['a']}}}buChar")
        ]
    assert faces and set(faces) == {"Noto Sans SC"}
    assert "■" in deck_characters(embedded_deck)


def test_an_embedding_deck_names_the_face_it_carries_and_says_so(embedded_deck) -> None:
    themes, runs = faces(embedded_deck)
    assert themes == {("Noto Sans SC", "Noto Sans SC")}
    assert runs == {("latin", "Noto Sans SC"), ("ea", "Noto Sans SC")}
    presentation = zipfile.ZipFile(embedded_deck).read("ppt/presentation.xml")
    assert b'embedTrueTypeFonts="1"' in presentation


def test_an_embedding_deck_is_the_same_every_build(facts, embedded_deck, tmp_path) -> None:
    again = deck_of(facts, DEFAULT_BRAND, tmp_path / "again.pptx", embed_fonts=True)
    assert again.read_bytes() == embedded_deck.read_bytes()


def test_a_kit_font_is_embedded_under_its_own_family(facts, other_kit, tmp_path) -> None:
    warnings: list[str] = []
    deck = deck_of(
        facts, other_kit, tmp_path / "other.pptx", embed_fonts=True, warn=warnings.append
    )
    parts = font_parts(deck)
    assert parts.pop("typeface")[0] == TEST_FAMILY
    assert {eot_font(data)["name"].getBestFamilyName() for _, data in parts.values()} == {
        TEST_FAMILY
    }
    assert faces(deck)[0] == {(TEST_FAMILY, TEST_FAMILY)}  # not the kit's deck_fonts
    assert warnings == []


@pytest.fixture(scope="module")
def small_font(tmp_path_factory) -> Path:
    """A few characters of the bundled font, as a file a test may change."""
    font = TTFont(BUNDLED_FONTS / "NotoSansSC-Regular.ttf")
    options = cut.Options()
    options.name_IDs = ["*"]
    subsetter = cut.Subsetter(options)
    subsetter.populate(text="简报ABC")
    subsetter.subset(font)
    path = tmp_path_factory.mktemp("small") / "Small-Regular.ttf"
    font.save(path)
    return path


@pytest.mark.parametrize(
    ("fs_type", "words"),
    [(0x0002, "forbid embedding"), (0x0004, "preview and print"), (0x0200, "only its bitmaps")],
)
def test_a_font_whose_licence_forbids_embedding_is_refused_by_name(
    small_font, tmp_path, fs_type, words
) -> None:
    font = TTFont(small_font)
    font["OS/2"].fsType = fs_type
    path = tmp_path / "Locked-Regular.ttf"
    font.save(path)
    with pytest.raises(BriefingError, match=rf"cannot embed Locked-Regular\.ttf: .*{words}"):
        embedded("regular", path, {ord("A")})


@pytest.mark.parametrize("fs_type", [0x0000, 0x0008, 0x0108])
def test_an_installable_or_editable_font_is_embedded(small_font, tmp_path, fs_type) -> None:
    font = TTFont(small_font)
    font["OS/2"].fsType = fs_type
    path = tmp_path / "Open-Regular.ttf"
    font.save(path)
    stored = embedded("regular", path, {ord("A")})
    inner = eot_font(stored.data)
    assert ord("A") in inner.getBestCmap()
    assert (ord("简") in inner.getBestCmap()) == bool(fs_type & 0x0100)  # no-subsetting kept whole


# ── What readers do with it ─────────────────────────────────────────────────


@pytest.mark.visual
def test_libeot_unpacks_each_embedded_font(embedded_deck, tmp_path) -> None:
    """libeot (what LibreOffice unpacks EOT with) reads each part as the Noto face."""
    eot2ttf = require_tool("eot2ttf")
    used = deck_characters(embedded_deck)
    for style, (_, data) in font_parts(embedded_deck).items():
        if not data:
            continue
        (tmp_path / f"{style}.fntdata").write_bytes(data)
        subprocess.run(
            [eot2ttf, str(tmp_path / f"{style}.fntdata"), str(tmp_path / f"{style}.ttf")],
            check=True,
            capture_output=True,
        )
        font = TTFont(tmp_path / f"{style}.ttf")
        assert font["name"].getBestFamilyName() == "Noto Sans SC"
        assert not [c for c in used if ord(c) not in font.getBestCmap()]


@pytest.mark.visual
def test_libreoffice_draws_the_embedded_face_without_a_system_copy(
    facts, embedded_deck, tmp_path
) -> None:
    """A LibreOffice that knows no Noto Sans SC sets the embedding deck in it, the plain
    deck in some other face (.ci/run provides LibreOffice 26.8 where the system's is older)."""
    pdffonts = require_tool("pdffonts")
    plain = deck_of(facts, DEFAULT_BRAND, tmp_path / "plain.pptx")
    embedding = tmp_path / "embedded.pptx"
    embedding.write_bytes(embedded_deck.read_bytes())
    pdfs, listed = system_font_pdfs([embedding, plain], tmp_path / "out")
    assert "Noto Sans SC" not in listed, "that system has Noto Sans SC: the test proves nothing"
    used = [
        subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True).stdout for pdf in pdfs
    ]
    assert "NotoSansSC-Regular" in used[0] and "NotoSansSC-Bold" in used[0]
    assert "DejaVu" not in used[0]  # bullets too are drawn from the deck's own face
    assert "NotoSansSC" not in used[1]  # without the parts, a fallback face
    ink = [titles_ink(pdf, tmp_path / f"page-{n}") for n, pdf in enumerate(pdfs)]
    assert ink[0] > 1000 and ink[1] < ink[0] / 10  # the contents' titles drawn, not blanks


def titles_ink(pdf: Path, stem: Path) -> int:
    """Dark pixels where the contents slide (the second) sets its chapter titles."""
    page = ["-r", "50", "-png", "-f", "2", "-l", "2", "-singlefile", "-q"]
    subprocess.run([require_tool("pdftoppm"), *page, str(pdf), str(stem)], check=True)
    with Image.open(stem.with_suffix(".png")) as image:
        gray = image.convert("L")
        width, height = gray.size
        titles = gray.crop(
            (int(width * 0.15), int(height * 0.2), int(width * 0.9), int(height * 0.9))
        )
        return sum(1 for value in titles.tobytes() if value < 100)
