"""The deck's package and its text written without python-pptx's slow layers: the XML is what
python-pptx's own setters write, every run is dressed, part names are counted not searched
for, the notes are the plan's, and the zip is stamped once and repeats byte for byte."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.package import OpcPackage
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from briefing.facts import load_facts
from briefing.render import REGISTRY, RenderOptions
from briefing.render.pptx import ooxml, parts
from briefing.render.pptx.fit import LEADING, Align, Para
from briefing.render.pptx.geometry import INSET, Box
from briefing.render.pptx.package import KEYWORDS_MAX, keywords, stamp_of
from briefing.render.pptx.plan import brand_frames, plan_deck
from briefing.render.pptx.shapes import add_rect, add_text, fill_text
from briefing.story import Story, build_story
from tests.helpers import MINIMAL, corporate_template

pytestmark = pytest.mark.render

SLIDE = re.compile(r"ppt/slides/slide(\d+)\.xml")
NOTES = re.compile(r"ppt/notesSlides/notesSlide(\d+)\.xml")


def render(story: Story, target: Path, template: Path | None = None) -> bytes:
    REGISTRY["pptx"].renderer()(story, target, RenderOptions(template=template))
    return target.read_bytes()


@pytest.fixture(scope="module")
def small(brand: Any, tmp_path_factory: pytest.TempPathFactory) -> Story:
    facts = tmp_path_factory.mktemp("small") / "town.yml"
    facts.write_text(MINIMAL, encoding="utf-8")
    return build_story(load_facts(facts), brand)


@pytest.fixture(scope="module")
def built(story: Story, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path: Path = tmp_path_factory.mktemp("package") / "deck.pptx"
    render(story, path)
    return path


def numbered(names: list[str], pattern: re.Pattern[str]) -> list[int]:
    return sorted(int(m[1]) for n in names if (m := pattern.fullmatch(n)))


# ── The package ─────────────────────────────────────────────────────────────


def test_part_names_are_unique_and_numbered_in_order(built: Path, story: Story) -> None:
    with zipfile.ZipFile(built) as deck:
        names = deck.namelist()
        count = len(plan_deck(story, brand_frames(story.words.closing)))
        assert len(names) == len(set(names))
        assert numbered(names, SLIDE) == list(range(1, count + 1))
        assert numbered(names, NOTES) == list(range(1, count + 1))
        for kind in (r"ppt/charts/chart(\d+)\.xml", r"ppt/embeddings/\w+?(\d+)\.xlsx"):
            found = numbered(names, re.compile(kind))
            assert found == list(range(1, len(found) + 1)) and found
        for n in range(1, count + 1):  # notes page n belongs to slide n
            rels = deck.read(f"ppt/notesSlides/_rels/notesSlide{n}.xml.rels").decode()
            assert f'Target="../slides/slide{n}.xml"' in rels


def test_every_entry_carries_the_story_date(built: Path, story: Story) -> None:
    stamp = stamp_of(story.date.naive)
    with zipfile.ZipFile(built) as deck:
        assert {info.date_time for info in deck.infolist()} == {stamp}
        workbooks = [n for n in deck.namelist() if n.endswith(".xlsx")]
        assert workbooks
        for name in workbooks:
            with zipfile.ZipFile(io.BytesIO(deck.read(name))) as book:
                assert {info.date_time for info in book.infolist()} == {stamp}


def test_builds_repeat_byte_for_byte(story: Story, small: Story, tmp_path: Path) -> None:
    first = render(story, tmp_path / "a.pptx")
    render(small, tmp_path / "other.pptx")  # nothing carries over from one deck to the next
    template = tmp_path / "corporate.potx"
    corporate_template(template)
    on_template = render(small, tmp_path / "t1.pptx", template)
    assert render(story, tmp_path / "b.pptx") == first
    assert render(small, tmp_path / "t2.pptx", template) == on_template


def test_a_template_deck_numbers_its_own_parts_from_one(small: Story, tmp_path: Path) -> None:
    template = tmp_path / "corporate.pptx"
    corporate_template(template)  # with a sample slide, dropped
    render(small, tmp_path / "deck.pptx", template)
    with zipfile.ZipFile(tmp_path / "deck.pptx") as deck:
        names = deck.namelist()
    count = len(numbered(names, SLIDE))
    assert numbered(names, SLIDE) == list(range(1, count + 1))
    assert numbered(names, NOTES) == list(range(1, count + 1))


def test_the_package_is_walked_a_few_times_not_once_a_part(
    story: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    walks = []
    walk = OpcPackage.iter_rels

    def counted(self: OpcPackage) -> Any:
        walks.append(1)
        return walk(self)

    monkeypatch.setattr(OpcPackage, "iter_rels", counted)
    render(story, tmp_path / "deck.pptx")
    assert len(walks) <= 8  # 25 slides, 25 notes pages, 6 charts, 25 logos


def test_notes_are_the_plans(built: Path, story: Story) -> None:
    planned = plan_deck(story, brand_frames(story.words.closing))
    deck = Presentation(str(built))
    assert len(deck.slides) == len(planned)
    for slide, plan in zip(deck.slides, planned, strict=True):
        frame = slide.notes_slide.notes_text_frame
        assert frame is not None
        assert frame.text.split("\n") == list(plan.notes)


def test_every_run_names_the_east_asian_face_in_chinese(built: Path, story: Story) -> None:
    face = story.brand.fonts.deck_east_asian
    with zipfile.ZipFile(built) as deck:
        pages = [n for n in deck.namelist() if SLIDE.fullmatch(n) or NOTES.fullmatch(n)]
        runs = 0
        for name in pages:
            root = etree.fromstring(deck.read(name))
            for run in [*root.iter(qn("a:r")), *root.iter(qn("a:fld"))]:
                props = run.find(qn("a:rPr"))
                assert props is not None and props.get("lang") == "zh-CN", name
                ea = props.find(qn("a:ea"))
                assert ea is not None and ea.get("typeface") == face, name
                runs += 1
            for p in root.iter(qn("a:p")):
                if p.find(qn("a:r")) is not None:
                    pPr = p.find(qn("a:pPr"))
                    assert pPr is not None and pPr.get("eaLnBrk") == "1", name
        assert runs > 200


def test_keywords_keep_whole_ones_within_the_limit() -> None:
    words = tuple(f"主题{n} 第{n}部分" for n in range(60))
    kept = keywords(words)
    assert len(kept) <= KEYWORDS_MAX and kept.startswith("主题0 第0部分")
    assert kept == " ".join(words[: len(kept.split(" ")) // 2])
    assert keywords(("鄂尔多斯市", "2024年")) == "鄂尔多斯市 2024年"


def test_changed_internals_are_named_not_passed_on() -> None:
    fake: Any = SimpleNamespace(part=SimpleNamespace(package=object()))
    with pytest.raises(ooxml.OoxmlError, match="next_partname"):
        parts.count_part_names(fake)
    with pytest.raises(ooxml.OoxmlError, match="package writer"):
        parts.write_package(fake, lambda name, blob: None)


# ── The XML is python-pptx's own ────────────────────────────────────────────

ALIGN = {Align.left: PP_ALIGN.LEFT, Align.centre: PP_ALIGN.CENTER, Align.right: PP_ALIGN.RIGHT}


def setters_text(frame: Any, paras: list[Para], brand: Any, inset: float = INSET) -> None:
    """The text as python-pptx's property setters write it (what the deck did before)."""
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    body = frame._txBody.find(qn("a:bodyPr"))
    sides = {"lIns": inset, "rIns": inset, "tIns": inset / 2, "bIns": inset / 2}
    for side, points in sides.items():
        body.set(side, str(round(points * 12700)))
    for i, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        if para.align is not None:
            paragraph.alignment = ALIGN[para.align]
        paragraph.line_spacing = Pt(para.size * LEADING)
        paragraph.space_before = Pt(0)
        paragraph.space_after = Pt(para.space_after)
        pPr = paragraph._p.get_or_add_pPr()
        pPr.set("eaLnBrk", "1")
        pPr.set("hangingPunct", "0")
        if para.bullet:
            ooxml.bullet(pPr, para.size, brand.colours.primary)
        else:
            ooxml.no_bullet(pPr, para.size if para.hang else 0.0)
        run = paragraph.add_run()
        run.text = para.text
        font = run.font
        font.name = brand.fonts.deck_latin
        font.size = Pt(para.size)
        font.bold = para.bold
        font.color.rgb = RGBColor.from_string(
            (para.colour or brand.colours.foreground).lstrip("#").upper()
        )
        ooxml.east_asian(font, brand.fonts.deck_east_asian)


PARAS = [
    Para("标题一行", 24, True, "#12355B", align=Align.left),
    Para("要点：带项目符号的一段\x07文字", 14, bullet=True, space_after=6),
    Para("居中的小字", 10.5, colour="#5D636A", align=Align.centre, hang=True),
]


def xml(element: Any) -> bytes:
    return etree.tostring(element)


def test_text_boxes_are_python_pptx_text_boxes(brand: Any) -> None:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = Box(36, 72, 300, 120)
    ours = add_text(slide, "文本框", box, PARAS, brand, MSO_ANCHOR.MIDDLE)
    theirs = slide.shapes.add_textbox(Emu(ours.left), Emu(ours.top), ours.width, ours.height)
    theirs.name = "文本框"
    setters_text(theirs.text_frame, PARAS, brand)
    theirs.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    ooxml.child(ooxml.element_of(ours), "p:nvSpPr", "p:cNvPr").set("id", str(theirs.shape_id))
    assert xml(ours._element) == xml(theirs._element)


def test_filled_shapes_are_python_pptx_shapes(brand: Any) -> None:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    group = slide.shapes.add_group_shape()
    box = Box(10, 20, 30, 40)
    ours = add_rect(group, "圆角", box, "#D9962B", MSO_SHAPE.ROUNDED_RECTANGLE)
    fill_text(ours.text_frame, PARAS[:1], brand)
    theirs = group.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, *ours_box(ours))
    theirs.name = "圆角"
    theirs.fill.solid()
    theirs.fill.fore_color.rgb = RGBColor(0xD9, 0x96, 0x2B)
    theirs.line.fill.background()
    theirs._element.remove(theirs._element.find(qn("p:style")))
    setters_text(theirs.text_frame, PARAS[:1], brand)
    ooxml.child(ooxml.element_of(ours), "p:nvSpPr", "p:cNvPr").set("id", str(theirs.shape_id))
    assert xml(ours._element) == xml(theirs._element)
    later = add_rect(group, "点", Box(200, 300, 5, 5), "#000000")  # the group grows with it
    assert group.left + group.width == later.left + later.width
    assert group.top + group.height == later.top + later.height
    assert group.left == ours.left


def ours_box(shape: Any) -> tuple[int, int, int, int]:
    return shape.left, shape.top, shape.width, shape.height


def test_a_template_zip_bomb_given_on_the_command_line_is_refused(tmp_path: Path) -> None:
    """--template is not read through the brand kit: the deck's own reading refuses a
    package whose parts would inflate past the limit, from its directory, cleanly."""
    from briefing.errors import BriefingError
    from briefing.render.pptx.package import open_template

    bomb = Path(__file__).resolve().parent / "attacks" / "kits" / "template-bomb"
    (template,) = [p for p in bomb.rglob("*") if p.suffix in (".pptx", ".potx")]
    with pytest.raises(BriefingError, match="inflates to"):
        open_template(template)
