"""The deck is what PowerPoint, WPS and Keynote expect: every XML part valid under the ECMA-376
transitional schemas (lxml) and under a port of the Open XML SDK validator (openxml-audit), for
the bundled deck and for decks on corporate templates; its docProps/app.xml tells the truth
about its slides, notes and titles; no printer settings, no print date, the size's type right
and the notes master listed."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from lxml import etree
from openxml_audit import OpenXmlValidator  # type: ignore[import-untyped]
from pptx import Presentation

from briefing import __version__
from briefing.render import REGISTRY, RenderOptions
from briefing.render.pptx.package import app_version, slide_format
from briefing.story import Story
from briefing.story.wording import ZH
from tests.helpers import SHARED, corporate_template, require_shared

pytestmark = pytest.mark.render

XSD = SHARED / "ooxml-xsd" / "local" / "all-transitional.xsd"
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
VT = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"
PML = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
NOTES_MASTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster"

# The one known erratum of the schemas: dml-main.xsd types a:buSzPct/@val as the "60%" form
# only (ST_TextBulletSizePercent), while the standard's prose, PowerPoint and the Open XML
# SDK use thousandths of a percent (60000, ST_TextBulletSizeDecimal: 25000 to 400000). That
# message, for such a value, is the schema's fault; every other message is the deck's.
BULLET_SIZE_ERRATUM = re.compile(
    r"Element '\{http://schemas\.openxmlformats\.org/drawingml/2006/main\}buSzPct', "
    r"attribute 'val': \[facet 'pattern'\] The value '(\d+)' is not accepted by the pattern"
)


def render(story: Story, target: Path, template: Path | None = None) -> Path:
    REGISTRY["pptx"].renderer()(story, target, RenderOptions(template=template))
    return target


@pytest.fixture(scope="module", params=["bundled", "template", "template-4x3"])
def deck(
    request: pytest.FixtureRequest, story: Story, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The bundled deck, and the bundled story on a 16:9 .potx and a 4:3 .pptx template (each
    with printer settings and a sample slide of its own)."""
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "bundled":
        return render(story, folder / "deck.pptx")
    wide = request.param == "template"
    template = folder / ("corporate.potx" if wide else "corporate.pptx")
    corporate_template(template, wide=wide)
    with zipfile.ZipFile(template) as source:  # the template carries what we must drop
        assert any("printerSettings" in name for name in source.namelist())
    return render(story, folder / "deck.pptx", template)


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    """ECMA-376 transitional, every part's schema imported by one file (../shared/ooxml-xsd)."""
    return etree.XMLSchema(etree.parse(str(require_shared(XSD))))


def xml_parts(package: zipfile.ZipFile, prefix: str = "") -> Iterator[tuple[str, bytes]]:
    """Every XML part of a package (relationships and content types included), and those of
    the workbooks embedded in it."""
    for name in package.namelist():
        blob = package.read(name)
        if name.endswith((".xml", ".rels")):
            yield prefix + name, blob
        elif name.endswith(".xlsx"):
            with zipfile.ZipFile(io.BytesIO(blob)) as book:
                yield from xml_parts(book, f"{prefix}{name}!/")


def schema_errors(schema: etree.XMLSchema, path: Path) -> list[str]:
    """Every message of the schemas on the package's XML parts, the bullet-size erratum left
    out."""
    errors = []
    with zipfile.ZipFile(path) as package:
        parts = list(xml_parts(package))
    assert len(parts) > 100
    for name, blob in parts:
        if schema.validate(etree.fromstring(blob)):
            continue
        for error in cast(list[Any], schema.error_log):
            erratum = BULLET_SIZE_ERRATUM.match(error.message)
            if erratum and 25000 <= int(erratum[1]) <= 400000:
                continue
            errors.append(f"{name}:{error.line}: {error.message}")
    return errors


# ── Schema-valid ────────────────────────────────────────────────────────────


def test_every_xml_part_is_valid_under_the_ecma_schemas(
    deck: Path, schema: etree.XMLSchema
) -> None:
    assert schema_errors(schema, deck) == []


def test_the_schema_check_finds_a_fault(
    deck: Path, schema: etree.XMLSchema, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(deck) as source, zipfile.ZipFile(broken, "w") as out:
        for info in source.infolist():
            blob = source.read(info)
            if info.filename == "ppt/presentation.xml":
                blob = blob.replace(b'<p:sldSz cx="', b'<p:sldSz cx="-')
            out.writestr(info, blob)
    errors = schema_errors(schema, broken)
    assert len(errors) == 1 and "sldSz" in errors[0]


def test_the_open_xml_sdk_rules_find_nothing(deck: Path, tmp_path: Path) -> None:
    validator = OpenXmlValidator()
    found = [str(error) for error in validator.validate(deck).errors]
    with zipfile.ZipFile(deck) as package:
        books = [name for name in package.namelist() if name.endswith(".xlsx")]
        assert books
        for name in books:
            book = tmp_path / Path(name).name
            book.write_bytes(package.read(name))
            found += [f"{name}: {error}" for error in validator.validate(book).errors]
    assert found == []


# ── True metadata ───────────────────────────────────────────────────────────


def app_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("docProps/app.xml"))


def text(root: etree._Element, name: str) -> str:
    return root.findtext(f"{EP}{name}") or ""


def test_app_properties_count_the_slides_and_notes_and_name_the_titles(deck: Path) -> None:
    prs = Presentation(str(deck))
    app = app_xml(deck)
    slides = list(prs.slides)
    assert int(text(app, "Slides")) == len(slides) > 10
    assert int(text(app, "Notes")) == sum(s.has_notes_slide for s in slides) == len(slides)
    assert text(app, "HiddenSlides") == "0"
    pairs = [v[0].text for v in app.iterfind(f"{EP}HeadingPairs/{VT}vector/{VT}variant")]
    headings = dict(zip(pairs[::2], [int(n or 0) for n in pairs[1::2]], strict=True))
    assert list(headings) == ["主题", "幻灯片标题"]  # the story is zh-CN
    names = [e.text for e in app.iterfind(f"{EP}TitlesOfParts/{VT}vector/{VT}lpstr")]
    vector = app.find(f"{EP}TitlesOfParts/{VT}vector")
    assert vector is not None and int(vector.get("size", "")) == len(names)
    assert sum(headings.values()) == len(names)
    themes, titles = names[: headings["主题"]], names[headings["主题"] :]
    assert len(themes) == len(prs.slide_masters)
    expected = []
    for slide in slides:
        title = slide.shapes.title
        assert title is not None
        expected.append(" ".join(re.split(r"[\n\v]", title.text_frame.text)))
    assert titles == expected
    assert titles[0] == "鄂尔多斯市科技创新发展简报"


def test_app_properties_name_this_tool_and_the_format(deck: Path) -> None:
    app = app_xml(deck)
    prs = Presentation(str(deck))
    assert text(app, "Application") == "briefing"
    assert re.fullmatch(r"\d\d\.\d{4}", text(app, "AppVersion"))
    assert text(app, "AppVersion") == app_version(__version__)
    wide = (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    assert text(app, "PresentationFormat") == ("宽屏" if wide else "全屏显示(4:3)")


def test_no_printer_settings_no_print_date_no_blank_thumbnail(deck: Path) -> None:
    with zipfile.ZipFile(deck) as package:
        names = package.namelist()
        assert not [n for n in names if "printerSettings" in n or "thumbnail" in n]
        for name in [n for n in names if n.endswith(".rels")] + ["[Content_Types].xml"]:
            blob = package.read(name)
            assert b"printerSettings" not in blob and b"thumbnail" not in blob, name
        core = package.read("docProps/core.xml")
        assert b"lastPrinted" not in core and b"<dc:title>" in core


def test_the_size_has_its_type_and_the_notes_master_is_listed(deck: Path) -> None:
    with zipfile.ZipFile(deck) as package:
        presentation = etree.fromstring(package.read("ppt/presentation.xml"))
        rels = etree.fromstring(package.read("ppt/_rels/presentation.xml.rels"))
    size = presentation.find(f"{PML}sldSz")
    assert size is not None
    width, height = int(size.get("cx", "0")), int(size.get("cy", "0"))
    assert (
        size.get("type")
        == {(12192000, 6858000): None, (9144000, 6858000): "screen4x3"}[(width, height)]
    )
    listed = presentation.findall(f"{PML}notesMasterIdLst/{PML}notesMasterId")
    assert len(listed) == 1
    targets = {r.get("Id"): r for r in rels.iterfind(f"{PKG_REL}Relationship")}
    rel = targets[listed[0].get(f"{REL}id")]
    assert rel.get("Type") == NOTES_MASTER
    assert rel.get("Target") == "notesMasters/notesMaster1.xml"


def test_slide_formats_are_powerpoints() -> None:
    assert slide_format(12192000, 6858000).kind is None
    assert ZH.slide_formats[slide_format(12192000, 6858000).english] == "宽屏"
    assert slide_format(9144000, 5143500).kind == "screen16x9"
    assert slide_format(9144000, 6858000).english == "On-screen Show (4:3)"
    assert slide_format(10000000, 5000000).kind is None  # custom: no type written
    assert app_version("0.1.0") == "00.0100"
    assert app_version("1.12.3") == "01.1203"
    assert app_version("2.0") == "02.0000"
