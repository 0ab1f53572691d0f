"""The deck's chart labels follow the chart's data: each shows its point's value through a
number format that prints it as the briefing does ("近"0"项", 0.00"亿元"), so a user who edits
the data in PowerPoint sees the labels change; fixed text only for forms no format prints
(突破千家), and then the slide's notes say so. Axis ids are unsigned, as the schema wants.

The formats are read here by a small interpreter of the Excel format subset the deck writes
(sections, quoted literals, 0 # , .), written apart from the renderer's own arithmetic."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from briefing.brand import load_brand
from briefing.facts import load_facts
from briefing.render import REGISTRY, RenderOptions
from briefing.render.pptx.chartxml import fixed_labels, label_format
from briefing.story import Story, build_story
from briefing.story.model import single_share
from tests.helpers import (
    MINIMAL,
    ROOT,
    excel_text,
    libreoffice_pdfs,
    require_tool,
    squash,
)

pytestmark = pytest.mark.render

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"c": C, "a": A}
CHART_PART = re.compile(r"ppt/charts/chart\d+\.xml")
FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("*.yml"))
BUNDLED_LABELS = 12  # bars and points the bundled deck labels (fixed text, all, before)


def test_the_interpreter_reads_formats_as_excel_does() -> None:
    assert excel_text('"近"0"项"', 56) == "近56项"
    assert excel_text('0.00"亿元"', 4.1) == "4.10亿元"
    assert excel_text('0.0"%"', 48.9) == "48.9%"
    assert excel_text("#,##0", 12345) == "12,345"
    assert excel_text("#,##0.00", 1086.2) == "1,086.20"
    assert excel_text('"约"0"%";"约-"0"%"', -3) == "约-3%"
    assert excel_text('0"%"', -3) == "-3%"
    assert excel_text("0.00", 0.905) != "0.905"


# ── What the renderer writes ────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("printed", "value", "code"),
    [
        ("56项", 56, '0"项"'),
        ("近56项", 56, '"近"0"项";"近-"0"项"'),
        ("4.10亿元", 4.1, '0.00"亿元"'),
        ("53.2亿元", 53.2, '0.0"亿元"'),
        ("12,345人", 12345, '#,##0"人"'),
        ("首次突破2%", 2, '"首次突破"0"%";"首次突破-"0"%"'),
        ("1000余家", 1000, '0"余家"'),
        ("-3%", -3, '0"%";"-"0"%"'),
    ],
)
def test_a_label_format_prints_the_digits_as_written(printed: str, value: float, code: str) -> None:
    assert label_format(printed, value) == code
    assert excel_text(code, value) == printed


@pytest.mark.parametrize(
    ("printed", "value"),
    [("突破千家", 1000), ("两项", 2), ("近百次", 100), ("1.2万", 12000), ("007项", 7)],
)
def test_no_format_where_the_printed_form_is_not_the_number(printed: str, value: float) -> None:
    assert label_format(printed, value) is None


def test_every_story_bar_of_every_fixture_prints_through_its_format() -> None:
    brand = load_brand()
    checked = 0
    for path in [ROOT / "data" / "ordos-2024.yml", *FIXTURES]:
        story = build_story(load_facts(path), brand)
        for spec in story.charts():
            if spec.kind == "ranking" or single_share(spec):
                continue
            for bar in (b for s in spec.series for b in s.bars):
                code = label_format(bar.printed, bar.value)
                assert code is not None, (path.name, bar.printed)
                assert excel_text(code, bar.value) == bar.printed
                checked += 1
    assert checked >= 25


# ── The bundled deck ────────────────────────────────────────────────────────


def render_deck(story: Story, target: Path) -> Path:
    REGISTRY["pptx"].renderer()(story, target, RenderOptions())
    return target


@pytest.fixture(scope="module")
def deck_path(story: Story, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_deck(story, tmp_path_factory.mktemp("labels") / "deck.pptx")


@dataclass(frozen=True)
class Label:
    """A data label of a chart as the deck holds it."""

    part: str
    series: str
    category: str
    value: float
    element: etree._Element

    @property
    def code(self) -> str | None:
        found = self.element.find("c:numFmt", NS)
        return None if found is None else found.get("formatCode")

    @property
    def fixed(self) -> str | None:
        tx = self.element.find("c:tx", NS)
        return None if tx is None else "".join(tx.itertext())


def chart_parts(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as package:
        return {
            name: etree.fromstring(package.read(name))
            for name in sorted(package.namelist())
            if CHART_PART.fullmatch(name)
        }


def labels_of(name: str, space: etree._Element) -> Iterator[Label]:
    for ser in space.iter(f"{{{C}}}ser"):
        series = "".join(ser.xpath("c:tx//c:v/text()", namespaces=NS))
        categories = {
            pt.get("idx"): pt.findtext("c:v", namespaces=NS)
            for pt in ser.xpath("c:cat//c:pt", namespaces=NS)
        }
        values = {
            pt.get("idx"): float(pt.findtext("c:v", namespaces=NS))
            for pt in ser.xpath("c:val//c:pt", namespaces=NS)
        }
        for label in ser.xpath("c:dLbls/c:dLbl", namespaces=NS):
            idx = label.find("c:idx", NS).get("val")
            yield Label(name, series, categories[idx], values[idx], label)


def all_labels(path: Path) -> list[Label]:
    return [label for name, space in chart_parts(path).items() for label in labels_of(name, space)]


def test_every_label_of_the_bundled_deck_is_a_number_format(deck_path: Path) -> None:
    labels = all_labels(deck_path)
    assert len(labels) == BUNDLED_LABELS
    for label in labels:
        assert label.fixed is None, (label.part, label.fixed)
        number = label.element.find("c:numFmt", NS)
        assert number is not None and number.get("sourceLinked") == "0"
        assert label.element.find("c:showVal", NS).get("val") == "1"
        wrap = label.element.find("c:txPr/a:bodyPr", NS).get("wrap")
        assert wrap == "none"  # on one line, as the fixed labels were


def test_each_format_prints_the_story_figure_from_the_chart_value(
    deck_path: Path, story: Story
) -> None:
    printed = {
        (s.name, b.label): b.printed
        for spec in story.charts()
        for s in spec.series
        for b in s.bars
        if spec.kind != "ranking" and not single_share(spec)
    }
    shown = {(label.series, label.category): label for label in all_labels(deck_path)}
    assert shown.keys() == printed.keys()  # every bar labelled, nothing else
    for key, label in shown.items():
        assert label.code is not None
        assert excel_text(label.code, label.value) == printed[key], key


def test_axis_ids_are_unsigned_and_cross_an_axis_of_their_chart(deck_path: Path) -> None:
    axes_seen = 0
    for name, space in chart_parts(deck_path).items():
        plot = space.find("c:chart/c:plotArea", NS)
        axes = [a for a in plot if etree.QName(a).localname in ("catAx", "valAx", "dateAx")]
        own = [a.find("c:axId", NS).get("val") for a in axes]
        assert len(set(own)) == len(own), name
        for element in plot.iter(f"{{{C}}}axId", f"{{{C}}}crossAx"):
            value = element.get("val")
            assert re.fullmatch(r"\d+", value) and int(value) < 2**32, (name, value)
            assert value in own, (name, value)
        for axis in axes:
            crossed = axis.find("c:crossAx", NS).get("val")
            assert crossed != axis.find("c:axId", NS).get("val")
        axes_seen += len(axes)
    assert axes_seen >= 10


def test_a_ring_says_in_its_notes_that_its_value_is_text(deck_path: Path, story: Story) -> None:
    (ring,) = [spec for spec in story.charts() if single_share(spec)]
    line = story.words.note("ring_value", value=ring.bars[0].printed)
    deck = Presentation(str(deck_path))
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide]
    holding = [n for n in notes if ring.notes[0] in n]
    assert len(holding) == 1 and line in holding[0]
    said = story.words.notes["fixed_labels"].split("}")[-1]  # 为固定文字 …: no label is
    assert not any(said in n for n in notes)


FIXED_FACTS = MINIMAL.replace(
    """      - id: share
        label: 占比
        value: 40
        unit: "%"
""",
    """      - id: share
        label: 占比
        value: 40
        unit: "%"
      - id: firms
        label: 入驻企业
        value: 1000
        unit: 家
        qualifier: over
        numeral: chinese
      - id: teams
        label: 团队
        value: 56
        unit: 家
        qualifier: nearly
""",
).replace(
    """      - id: chart-funds
        title: 资金
        metrics: [funds]
""",
    """      - id: chart-funds
        title: 资金
        metrics: [funds]
      - id: chart-firms
        title: 企业与团队
        metrics: [firms, teams]
""",
)


def test_a_form_no_format_prints_stays_text_and_the_notes_say_so(write, tmp_path: Path) -> None:
    story = build_story(load_facts(write("fixed.yml", FIXED_FACTS)), load_brand())
    spec = next(s for s in story.charts() if s.id == "chart-firms")
    assert fixed_labels(spec) == ["突破千家"]
    path = render_deck(story, tmp_path / "fixed.pptx")
    labels = {label.category: label for label in all_labels(path)}
    assert labels["入驻企业"].fixed == "突破千家" and labels["入驻企业"].code is None
    assert labels["团队"].fixed is None
    assert excel_text(labels["团队"].code or "", labels["团队"].value) == "近56家"
    line = story.words.note("fixed_labels", values="突破千家")
    deck = Presentation(str(path))
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide]
    (holding,) = [n for n in notes if spec.notes[0] in n]
    assert line in holding.splitlines()
    assert sum(line in n for n in notes) == 1


# ── Editing the data: what LibreOffice shows ────────────────────────────────


def edited_values(space: etree._Element) -> dict[str, str]:
    """Every labelled value of the chart set to three quarters of itself (to the digits its
    format shows, so the bars stay inside the axis); the texts the labels should now show,
    by label."""
    wanted = {}
    for label in labels_of("", space):
        ser = label.element.getparent().getparent()
        idx = label.element.find("c:idx", NS).get("val")
        code = label.code
        assert code, f"{label.series}/{label.category} is fixed text: it cannot follow the data"
        decimals = len(re.search(r"0\.?(0*)", code.split(";")[0]).group(1))
        value = round(label.value * 0.75, decimals)
        (cached,) = ser.xpath(f"c:val//c:pt[@idx='{idx}']/c:v", namespaces=NS)
        cached.text = repr(value)
        wanted[f"{label.series}/{label.category}"] = excel_text(code, value)
    return wanted


def slide_of_chart(path: Path) -> dict[str, int]:
    """Each chart part's slide number (1-based), from the slides' relationships."""
    deck = Presentation(str(path))
    found = {}
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            if getattr(shape, "has_chart", False) and shape.has_chart:
                found[str(shape.chart.part.partname).lstrip("/")] = number
    return found


@pytest.mark.visual
def test_labels_show_edited_values_in_libreoffice(
    deck_path: Path, story: Story, tmp_path: Path
) -> None:
    """The issue's check: the chart XML's values rewritten, LibreOffice draws the new ones."""
    pdftotext = require_tool("pdftotext")
    edited = tmp_path / "edited.pptx"
    original = tmp_path / "original.pptx"
    shutil.copy(deck_path, original)
    expected: dict[str, dict[str, str]] = {}
    with zipfile.ZipFile(deck_path) as source, zipfile.ZipFile(edited, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if CHART_PART.fullmatch(item.filename):
                space = etree.fromstring(data)
                wanted = edited_values(space)
                if wanted:
                    expected[item.filename] = wanted
                    data = etree.tostring(space, xml_declaration=True, standalone=True)
            target.writestr(item, data)
    assert sum(len(w) for w in expected.values()) == BUNDLED_LABELS
    fonts = story.brand.fonts.regular.parent
    before, after = libreoffice_pdfs([original, edited], tmp_path, fonts)
    pages = slide_of_chart(deck_path)

    def page_text(pdf: Path, page: int) -> str:
        args = [pdftotext, "-f", str(page), "-l", str(page), str(pdf), "-"]
        return squash(subprocess.run(args, capture_output=True, text=True, check=True).stdout)

    for part, wanted in expected.items():
        old, new = page_text(before, pages[part]), page_text(after, pages[part])
        for where, text in wanted.items():
            assert text in new, (part, where, text)
            assert text not in old, (part, where, text)  # it was not there before the edit
