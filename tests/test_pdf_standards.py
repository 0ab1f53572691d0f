"""The report as ISO 32000 and PDF/A-2b readers check it: outline, fonts, links, metadata."""

from __future__ import annotations

import io
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from PIL import ImageCms

from briefing.brand import Brand
from briefing.facts import Facts
from briefing.render import REGISTRY, RenderOptions
from briefing.render.pdf.standards import subset_tag, xmp_date
from briefing.story import Story, build_story
from tests.helpers import TEST_FAMILY, require_tool

pytestmark = pytest.mark.render

TAGGED = re.compile(r"[A-Z]{6}\+.+")
PRINT_FLAG = 4
TRANSPARENCY_KEYS = ("/SMask", "/CA", "/ca")


@pytest.fixture(scope="module")
def built(story: Story, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled report written plain, as PDF/A, and as PDF/A again."""
    folder = tmp_path_factory.mktemp("standards")
    render = REGISTRY["pdf"].renderer()
    paths = {}
    for name, archival in (("plain", False), ("pdfa", True), ("pdfa-again", True)):
        paths[name] = folder / f"{name}.pdf"
        render(story, paths[name], RenderOptions(pdfa=archival))
    return paths


@pytest.fixture(scope="module", params=["plain", "pdfa"])
def report(request: pytest.FixtureRequest, built: dict[str, Path]) -> Iterator[pikepdf.Pdf]:
    """Each kind of report, opened."""
    with pikepdf.open(built[request.param]) as pdf:
        yield pdf


@pytest.fixture(scope="module")
def archival(built: dict[str, Path]) -> Iterator[pikepdf.Pdf]:
    with pikepdf.open(built["pdfa"]) as pdf:
        yield pdf


def outline_items(item: pikepdf.Object | None) -> Iterator[pikepdf.Object]:
    """Every entry of an outline from `item` on: it, its children, its next siblings."""
    while item is not None:
        yield item
        yield from outline_items(item.get("/First"))
        item = item.get("/Next")


def dictionaries(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    """Every dictionary of the file, streams' included."""
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream):
            yield obj.stream_dict
        elif isinstance(obj, pikepdf.Dictionary):
            yield obj


def fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    return [d for d in dictionaries(pdf) if d.get("/Type") == "/Font"]


def links(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    return [a for page in pdf.pages for a in page.get("/Annots", []) if a.Subtype == "/Link"]


# ISO 32000 — both reports


def test_outline_root_counts_its_entries(report: pikepdf.Pdf) -> None:
    outline = report.Root.Outlines
    entries = list(outline_items(outline.First))
    assert len(entries) > 20
    assert int(outline.Count) == len(entries)  # all open: every entry is visible


def test_each_font_subset_has_its_own_tag(report: pikepdf.Pdf) -> None:
    names = [str(font.BaseFont)[1:] for font in fonts(report)]
    assert len(names) >= 3  # regular, bold, and a second subset of the regular
    assert all(TAGGED.fullmatch(name) for name in names), names
    tags = [name[:6] for name in names]
    assert len(set(tags)) == len(tags), names
    for font in fonts(report):
        assert str(font.FontDescriptor.FontName) == str(font.BaseFont)


def test_links_print_and_say_where_they_go(report: pikepdf.Pdf) -> None:
    found = links(report)
    titles = {str(entry.Title) for entry in outline_items(report.Root.Outlines.First)}
    assert len(found) > 10
    for link in found:
        assert int(link.F) & PRINT_FLAG
        assert str(link.Contents) in titles  # the contents line's title, the place it opens


def test_language_and_title_for_the_window(report: pikepdf.Pdf, story: Story) -> None:
    assert str(report.Root.Lang) == story.language == "zh-CN"
    assert report.Root.ViewerPreferences.DisplayDocTitle is True
    assert str(report.docinfo.Title) == story.cover.title


def test_qpdf_finds_no_errors(built: dict[str, Path]) -> None:
    qpdf = require_tool("qpdf")
    for path in (built["plain"], built["pdfa"]):
        done = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "No syntax or stream encoding errors" in done.stdout


def test_plain_report_does_not_claim_pdfa(built: dict[str, Path]) -> None:
    from pikepdf import pdfa

    with pikepdf.open(built["plain"]) as pdf:
        assert "/Metadata" not in pdf.Root
        assert "/OutputIntents" not in pdf.Root
    assert pdfa.validate_written(built["plain"], "2b").violations  # the validator can say no


# PDF/A-2b


def test_pdfa_builds_are_byte_identical(built: dict[str, Path]) -> None:
    assert built["pdfa"].read_bytes() == built["pdfa-again"].read_bytes()


def test_xmp_mirrors_the_info_dictionary(archival: pikepdf.Pdf) -> None:
    packet = archival.Root.Metadata.read_bytes()
    assert "/Filter" not in archival.Root.Metadata  # readable without decoding
    ET.fromstring(packet.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])  # well-formed
    info = archival.docinfo
    meta = archival.open_metadata()
    assert meta["dc:title"] == str(info.Title)
    assert meta["dc:creator"] == [str(info.Author)]
    assert meta["dc:description"] == str(info.Subject)
    assert meta["xmp:CreatorTool"] == str(info.Creator)
    assert meta["pdf:Producer"] == str(info.Producer)
    assert meta["pdf:Keywords"] == str(info.Keywords)
    assert meta["xmp:CreateDate"] == xmp_date(str(info.CreationDate))
    assert meta["xmp:ModifyDate"] == xmp_date(str(info.ModDate))
    assert meta["pdfaid:part"] == "2"
    assert meta["pdfaid:conformance"] == "B"
    assert meta.pdfa_status == "2B"


def test_output_intent_is_srgb(archival: pikepdf.Pdf) -> None:
    [intent] = archival.Root.OutputIntents
    assert intent.S == "/GTS_PDFA1"
    assert "sRGB" in str(intent.OutputConditionIdentifier)
    profile = intent.DestOutputProfile
    assert int(profile.N) == 3
    icc = profile.read_bytes()
    assert int.from_bytes(icc[:4]) == len(icc)
    assert icc[36:40] == b"acsp"  # the ICC signature
    assert (icc[12:16], icc[16:20]) == (b"mntr", b"RGB ")
    assert icc[8] in (2, 4)  # a version PDF/A-2 reads
    described = ImageCms.getOpenProfile(io.BytesIO(icc)).profile
    assert "sRGB" in (described.profile_description or "")
    assert described.red_colorant is not None
    assert described.red_colorant[0][1] == pytest.approx(0.2225, abs=1e-3)  # sRGB red's Y (D50)


def test_nothing_is_transparent(archival: pikepdf.Pdf) -> None:
    for found in dictionaries(archival):
        for key in TRANSPARENCY_KEYS:
            value = found.get(key)
            assert value is None or value == "/None" or value == 1, (key, found)
        group = found.get("/Group")
        assert group is None or group.get("/S") != "/Transparency"
        assert found.get("/BM", "/Normal") in ("/Normal", "/Compatible")


def test_every_font_is_embedded(archival: pikepdf.Pdf) -> None:
    for font in fonts(archival):
        for face in font.get("/DescendantFonts", [font]):
            descriptor = face.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font


def test_no_encryption_and_no_javascript(built: dict[str, Path], archival: pikepdf.Pdf) -> None:
    assert not archival.is_encrypted
    assert "/Encrypt" not in archival.trailer
    assert "/AA" not in archival.Root and "/OpenAction" not in archival.Root
    assert "/JavaScript" not in archival.Root.get("/Names", {})
    for found in dictionaries(archival):
        assert "/JS" not in found and found.get("/S") != "/JavaScript"
    assert b"JavaScript" not in built["pdfa"].read_bytes()


def test_pikepdf_validator_finds_no_violation(built: dict[str, Path]) -> None:
    from pikepdf import pdfa

    verdict = pdfa.validate_written(built["pdfa"], "2b")
    assert verdict.passed, verdict.summary()  # no violation, and nothing it could not check


def test_another_brand_is_archival_too(facts: Facts, other_brand: Brand, tmp_path: Path) -> None:
    """Another font family, colours and logo: still PDF/A-2b."""
    from pikepdf import pdfa

    target = tmp_path / "other.pdf"
    REGISTRY["pdf"].renderer()(build_story(facts, other_brand), target, RenderOptions(pdfa=True))
    verdict = pdfa.validate_written(target, "2b")
    assert verdict.passed, verdict.summary()
    with pikepdf.open(target) as pdf:
        assert all(TEST_FAMILY.replace(" ", "") in str(font.BaseFont) for font in fonts(pdf))


# the pieces


def test_subset_tags_are_stable_and_tell_subsets_apart() -> None:
    tag = subset_tag(b"NotoSansSC-Regular", [0x4E00, 0x4E8C])
    assert re.fullmatch(rb"[A-Z]{6}", tag)
    assert tag == subset_tag(b"NotoSansSC-Regular", [0x4E00, 0x4E8C])
    assert tag != subset_tag(b"NotoSansSC-Bold", [0x4E00, 0x4E8C])
    assert tag != subset_tag(b"NotoSansSC-Regular", [0x4E00, 0x4E09])


def test_pdf_dates_in_xmp_form() -> None:
    assert xmp_date("D:20241231000000+00'00'") == "2024-12-31T00:00:00+00:00"
    assert xmp_date("D:20240102030405+08'00'") == "2024-01-02T03:04:05+08:00"
    assert xmp_date("D:20240102030405Z") == "2024-01-02T03:04:05Z"
    with pytest.raises(ValueError):
        xmp_date("2024-12-31")
