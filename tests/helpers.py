"""What many tests share: the files a test writes and reads, system tools, small fixtures' data."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.util import Inches
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
OTHER_KIT = Path(__file__).resolve().parent / "kits" / "other"
TEST_FAMILY = "Briefing Test Sans"
# The project's shared folder beside the repository (a clone elsewhere finds the workplace's).
SHARED = next(
    (d for d in (ROOT.parent / "shared", Path("/work/shared")) if d.is_dir()),
    ROOT.parent / "shared",
)
SOURCE = SHARED / "source" / "000_e3b2b85ff275e104.txt"

# The smallest facts file that builds: one theme, two metrics, one chart.
MINIMAL = """\
briefing:
  id: town-2025
  title: 某镇科技创新简报
  region: 某镇
  period: 2025
  sources:
    - id: src
      title: 某镇年度报告
headline:
  summary: 概述。
  key_figures: [funds]
themes:
  - id: policy
    title: 政策
    summary: 政策摘要。
    metrics:
      - id: funds
        label: 资金
        value: 2.5
        unit: 亿元
      - id: share
        label: 占比
        value: 40
        unit: "%"
    highlights:
      - text: 资金2.5亿元。
        metrics: [funds]
    charts:
      - id: chart-funds
        title: 资金
        metrics: [funds]
outlook:
  summary: 展望。
"""


A_T = re.compile(r"<a:t>([^<]*)</a:t>")


def squash(text: str) -> str:
    """Text without any white space, so line breaks cannot split a figure."""
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    """All extracted text of a PDF, page after page."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _shape_texts(shape) -> list[str]:
    texts = []
    if shape.shape_type is not None and shape.shape_type == 6:  # group
        for inner in shape.shapes:
            texts += _shape_texts(inner)
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        texts.append(shape.text_frame.text)
    if getattr(shape, "has_table", False) and shape.has_table:
        texts += [cell.text for row in shape.table.rows for cell in row.cells]
    if getattr(shape, "has_chart", False) and shape.has_chart:
        texts += A_T.findall(shape.chart.part.blob.decode("utf-8"))
        for plot in shape.chart.plots:  # labels printed through their number formats
            for series in plot.series:
                shown = (data_label(series, i) for i in range(len(series.values)))
                texts += [t for t in shown if t]
    return texts


def deck_text(path: Path) -> str:
    """All text on the slides of a deck (text boxes, tables, chart labels), not notes."""
    deck = Presentation(str(path))
    return "\n".join(
        t for slide in deck.slides for shape in slide.shapes for t in _shape_texts(shape)
    )


def modules_after(*modules: str) -> set[str]:
    """The modules a fresh interpreter has loaded once it has imported these."""
    code = f"import json, sys, {', '.join(modules)}; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout))


def require_shared(path: Path) -> Path:
    """A file of the shared folder (the bundled source article, the schemas); a skip on a
    developer machine without it, a failure in CI."""
    if path.exists():
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"{path} is required in CI")
    pytest.skip(f"{path} is not on this machine")


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


# A LibreOffice that reads the fonts a .pptx embeds (p:embeddedFontLst): 25.8 and newer. Where
# the system's is older (Debian 12 has 7.4), .ci/run sets up a Debian 13 root with backports'
# LibreOffice in it, which has no Chinese font of its own; running it needs chroot, so root.
READS_PPTX_FONTS = (25, 8)
LIBREOFFICE_ROOT = Path(os.environ.get("BRIEFING_LO_ROOT", "/opt/lo-trixie"))
ROOTED_SOFFICE = "/usr/lib/libreoffice/program/soffice.bin"
RESTART = 81  # soffice.bin's first start on a new profile asks to be started again


def libreoffice_version(command: list[str]) -> tuple[int, int] | None:
    """The major and minor version a LibreOffice command says it is."""
    said = subprocess.run([*command, "--version"], capture_output=True, text=True).stdout
    found = re.search(r"LibreOffice (\d+)\.(\d+)", said)
    return (int(found.group(1)), int(found.group(2))) if found else None


def _rooted(*command: str) -> list[str]:
    """A command run inside the LibreOffice root."""
    return [
        "chroot",
        str(LIBREOFFICE_ROOT),
        "env",
        "HOME=/tmp",
        "LD_LIBRARY_PATH=/usr/lib/libreoffice/program",
        *command,
    ]


def font_reading_libreoffice() -> tuple[list[str], Path | None]:
    """A LibreOffice that draws a deck's embedded fonts, and the root it runs in (None: this
    system); a skip on a developer machine with none, a failure in CI."""
    system = shutil.which("soffice")
    if system and (libreoffice_version([system]) or (0, 0)) >= READS_PPTX_FONTS:
        return [system], None
    rooted = LIBREOFFICE_ROOT / ROOTED_SOFFICE.lstrip("/")
    if rooted.is_file() and os.geteuid() == 0 and shutil.which("chroot"):
        command = _rooted(ROOTED_SOFFICE)
        if (libreoffice_version(command) or (0, 0)) >= READS_PPTX_FONTS:
            return command, LIBREOFFICE_ROOT
    why = f"no LibreOffice {READS_PPTX_FONTS[0]}.{READS_PPTX_FONTS[1]}+ here, nor in {rooted}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{why} (.ci/run sets it up, as root)")
    pytest.skip(why)


def fonts_known(root: Path | None, env: dict[str, str]) -> str:
    """What fc-list lists on this system, or inside the LibreOffice root."""
    command = _rooted("fc-list") if root else ["fc-list"]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout


def system_font_pdfs(decks: list[Path], folder: Path) -> tuple[list[Path], str]:
    """Each deck converted to PDF by a LibreOffice that reads embedded fonts, knowing only the
    fonts of its system (never assets/fonts); the PDFs, and what fc-list lists there."""
    command, root = font_reading_libreoffice()
    folder.mkdir(parents=True, exist_ok=True)
    if root is None:
        config = folder / "fonts.conf"
        config.write_text(FONTCONFIG.format(fonts=folder / "none", cache=folder / "fc-cache"))
        env = {"FONTCONFIG_FILE": str(config), "HOME": str(folder), "PATH": "/usr/bin:/bin"}
        work = inside = folder
    else:
        env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
        work = Path(tempfile.mkdtemp(prefix="briefing-", dir=root / "tmp"))
        inside = Path("/tmp") / work.name
    try:
        for deck in decks:
            shutil.copyfile(deck, work / deck.name)
        convert = [
            *command,
            f"-env:UserInstallation=file://{inside}/lo-profile",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(inside / "pdf"),
            *(str(inside / deck.name) for deck in decks),
        ]
        for _ in range(2):
            done = subprocess.run(convert, capture_output=True, env=env, timeout=300)
            if done.returncode != RESTART:
                break
        assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
        pdfs = []
        for deck in decks:
            pdf = folder / deck.with_suffix(".pdf").name
            if root is not None:
                shutil.copyfile(work / "pdf" / pdf.name, pdf)
            else:
                pdf = work / "pdf" / pdf.name
            pdfs.append(pdf)
        return pdfs, fonts_known(root, env)
    finally:
        if root is not None:
            shutil.rmtree(work, ignore_errors=True)


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


# A corporate template for the deck's template tests: python-pptx's default, made Chinese.
CHINESE_NAMES = {
    "Title Slide": "标题幻灯片",
    "Title and Content": "标题和内容",
    "Section Header": "节标题",
    "Title Only": "仅标题",
    "Blank": "空白",
}
SHUFFLE = [4, 9, 2, 0, 7, 5, 10, 1, 3, 6, 8]
DECORATION = "公司标识条"
SAMPLE = "模板自带的示例页"
PRESENTATION_TYPE = b"presentationml.presentation.main+xml"
TEMPLATE_TYPE = b"presentationml.template.main+xml"


def corporate_template(
    path: Path,
    names: dict[str, str] = CHINESE_NAMES,
    drop: tuple[str, ...] = (),
    wide: bool = True,
    keep_types: bool = True,
) -> dict[str, str]:
    """python-pptx's default template made into a Chinese corporate one: layouts renamed and
    shuffled, a red band on the master, one sample slide; 16:9 unless wide is False; saved as
    .pptx or (by its suffix) .potx. Returns each layout's part name by its English name."""
    prs = Presentation()
    if wide:  # stretch the 4:3 placeholders across 16:9, as a designer would
        for owner in (prs.slide_master, *prs.slide_layouts):
            for xfrm in owner._element.iter(qn("a:xfrm")):
                off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
                off.set("x", str(int(off.get("x")) * 4 // 3))
                ext.set("cx", str(int(ext.get("cx")) * 4 // 3))
        prs.slide_width = 12192000
    parts = {layout.name: str(layout.part.partname) for layout in prs.slide_layouts}
    for layout in list(prs.slide_layouts):
        english = layout.name
        if english in drop:
            prs.slide_layouts.remove(layout)
            continue
        layout.name = names.get(english, english)
        if not keep_types:
            layout._element.attrib.pop("type", None)
    ids = prs.slide_master._element.find(qn("p:sldLayoutIdLst"))
    entries = list(ids)
    for entry in entries:
        ids.remove(entry)
    ids.extend(entries[i] for i in SHUFFLE if i < len(entries))
    sample = prs.slides.add_slide(prs.slide_layouts[0])
    if sample.shapes.title is not None:
        sample.shapes.title.text = SAMPLE
    band = sample.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, prs.slide_width, Inches(0.2))
    band.name = DECORATION
    band.fill.solid()
    band.fill.fore_color.rgb = RGBColor(0xC0, 0x39, 0x2B)
    band._element.nvSpPr.cNvPr.set("id", "99")
    prs.slide_master.shapes._spTree.append(band._element)  # moved onto the master
    buffer = io.BytesIO()
    prs.save(buffer)
    if path.suffix == ".potx":
        buffer = relabel(buffer.getvalue(), PRESENTATION_TYPE, TEMPLATE_TYPE)
    path.write_bytes(buffer.getvalue())
    return {english: part for english, part in parts.items() if english not in drop}


def relabel(data: bytes, old: bytes, new: bytes) -> io.BytesIO:
    """A package with its main part's content type changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as dest:
        for info in source.infolist():
            blob = source.read(info)
            dest.writestr(
                info, blob.replace(old, new) if info.filename == "[Content_Types].xml" else blob
            )
    return out


# ── Excel number formats, the subset the deck writes ───────────────────────


def excel_text(code: str, value: float) -> str:
    """What Excel (and PowerPoint, LibreOffice) prints for a value in a number format of
    quoted literals and digit placeholders: '"近"0"项";"近-"0"项"', '#,##0.00'. A negative
    value takes the second section without a sign where there is one, else the first with
    a leading minus."""
    sections = split_sections(code)
    if value < 0 and len(sections) > 1:
        return render_section(sections[1], -value)
    text = render_section(sections[0], abs(value))
    return "-" + text if value < 0 else text


def split_sections(code: str) -> list[str]:
    """A format's sections, split on the semicolons outside quotes."""
    sections, current, quoted = [], "", False
    for char in code:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            sections.append(current)
            current = ""
        else:
            current += char
    return [*sections, current]


def render_section(section: str, magnitude: float) -> str:
    """One section: literals as they are, the run of placeholders as the number."""
    pieces = re.findall(r'"[^"]*"|[0#,.]+|\\.|.', section)
    digits = [p for p in pieces if re.fullmatch(r"[0#,.]+", p)]
    assert len(digits) == 1, f"one run of digit placeholders in {section!r}"
    (placeholders,) = digits
    whole, _, decimals = placeholders.partition(".")
    assert set(decimals) <= {"0"} and set(whole) <= {"0", "#", ","}, placeholders
    number = f"{magnitude:.{len(decimals)}f}"
    integer, _, fraction = number.partition(".")
    integer = integer.zfill(whole.count("0"))
    if "," in whole:
        integer = f"{int(integer):,}"
    shown = integer + ("." + fraction if decimals else "")
    out = ""
    for piece in pieces:
        if piece is placeholders:
            out += shown
        elif piece.startswith('"'):
            out += piece[1:-1]
        elif piece.startswith("\\"):
            out += piece[1:]
        else:
            out += piece
    return out


C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


def data_label(series: Any, index: int) -> str | None:
    """What a native chart's series shows as the data label of its point `index`, read from
    the XML without touching it: the label's fixed text, else the point's value through the
    label's number format (else the series labels' format); None where it shows no label."""
    element = series._element
    value = series.values[index]
    labels = element.find(f"{{{C_NS}}}dLbls")
    if labels is None:
        return None
    for label in labels.findall(f"{{{C_NS}}}dLbl"):
        if label.find(f"{{{C_NS}}}idx").get("val") != str(index):
            continue
        if label.find(f"{{{C_NS}}}tx") is not None:
            return "".join(t.text or "" for t in label.iter(f"{{{A_NS}}}t"))
        number = label.find(f"{{{C_NS}}}numFmt")
        if number is not None and value is not None:
            return excel_text(number.get("formatCode"), value)
        return None
    number = labels.find(f"{{{C_NS}}}numFmt")
    if number is not None and value is not None:
        return excel_text(number.get("formatCode"), value)
    return None
