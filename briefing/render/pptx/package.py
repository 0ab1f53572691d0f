"""The .pptx package: a template opened without its slides, new parts named in constant time,
the story's core properties and the deck's extended ones (slide and notes counts, titles, the
format of its size), the package as PowerPoint writes it (no printer settings, no blank
thumbnail, the notes master listed, the size's type), and a steady save (fixed dates and zip
stamps written in the one pass, so the same story gives the same bytes)."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pptx import Presentation as open_presentation
from pptx.opc.packuri import PackURI
from pptx.presentation import Presentation

from briefing import __version__
from briefing.errors import BriefingError
from briefing.render.pptx import parts
from briefing.story.model import Story

TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PRESENTATION_MAIN = (
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)
Stamp = tuple[int, int, int, int, int, int]


KEYWORDS_MAX = 255  # characters python-pptx allows in a core property


def new_presentation() -> Presentation:
    """python-pptx's default presentation, to be made the brand's; its new parts named in
    constant time."""
    prs = open_presentation()
    parts.count_part_names(prs)
    return prs


def open_template(path: Path) -> Presentation:
    """A corporate template (.pptx or .potx) as a presentation without any slides; its new
    parts named in constant time."""
    from briefing.brand.files import TEMPLATE, KitFault, check_template_zip

    try:
        if Path(path).stat().st_size > TEMPLATE.max_bytes:
            raise KitFault(f"larger than {TEMPLATE.max_bytes // 2**20} MB, the most it may be")
        check_template_zip(Path(path))  # a zip bomb refused from its directory, unread
        data = Path(path).read_bytes()
    except OSError as exc:
        raise BriefingError(f"deck template {path}: cannot read it ({exc.strerror})") from None
    except KitFault as fault:
        raise BriefingError(f"deck template {path}: {fault}") from None
    try:
        prs = open_presentation(io.BytesIO(as_presentation(data)))
    except Exception as exc:  # python-pptx and zipfile raise many kinds for a foreign file
        raise BriefingError(
            f"deck template {path}: not a PowerPoint presentation or template (.pptx, .potx): {exc}"
        ) from None
    parts.drop_slides(prs)
    parts.count_part_names(prs)
    return prs


def as_presentation(data: bytes) -> bytes:
    """A .potx package relabelled as a .pptx one (python-pptx opens only those); others as is."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read("[Content_Types].xml")
        if TEMPLATE_MAIN not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
            for info in source.infolist():
                blob = source.read(info)
                if info.filename == "[Content_Types].xml":
                    blob = blob.replace(TEMPLATE_MAIN, PRESENTATION_MAIN)
                dest.writestr(info, blob)
    return out.getvalue()


def set_properties(prs: Presentation, story: Story) -> None:
    """The package's properties from the story and the deck, and its parts as PowerPoint
    writes them: core and extended properties, the size's type and format, the notes master
    listed; no printer settings and no thumbnail (python-pptx's is a blank 4:3 picture)."""
    core_properties(prs, story)
    shape = slide_format(prs.slide_width or 0, prs.slide_height or 0)
    parts.set_slide_size_type(prs, shape.kind)
    parts.list_notes_master(prs)
    parts.drop_printer_settings(prs)
    parts.drop_thumbnail(prs)
    parts.write_app_properties(prs, app_properties(prs, story, shape))


def core_properties(prs: Presentation, story: Story) -> None:
    """Core properties from the story, dated by the story's date so builds repeat; never
    printed."""
    props = prs.core_properties
    cover = story.cover
    props.title = cover.title
    props.subject = cover.subtitle or ""
    props.author = cover.issuer
    props.last_modified_by = cover.issuer
    props.language = story.language
    props.keywords = keywords(story.keywords)
    props.identifier = story.id
    props.category = props.comments = props.content_status = props.version = ""
    props.created = props.modified = story.date.naive
    props.revision = 1
    parts.drop_last_printed(prs)


# ── Extended properties (docProps/app.xml) ──────────────────────────────────


@dataclass(frozen=True)
class SlideFormat:
    """A slide size as PowerPoint names it: p:sldSz's type (None: a custom size, no type
    written) and the format its Design ▸ Slide Size menu shows in its English edition (the
    story's wording gives other editions' names)."""

    kind: str | None
    english: str


# The sizes PowerPoint offers that have a type of their own or a name (EMU); the names are
# those PowerPoint writes to PresentationFormat in its English edition.
# PowerPoint's own 16:9 (13.333 × 7.5 in, the deck's) is typeless: PowerPoint 2013 and later
# write no type for it, and call it "Widescreen"; "screen16x9" is the older 10 × 5.625 in.
SLIDE_FORMATS = {
    (12192000, 6858000): SlideFormat(None, "Widescreen"),
    (9144000, 6858000): SlideFormat("screen4x3", "On-screen Show (4:3)"),
    (9144000, 5143500): SlideFormat("screen16x9", "On-screen Show (16:9)"),
    (9144000, 5715000): SlideFormat("screen16x10", "On-screen Show (16:10)"),
    (9906000, 6858000): SlideFormat("A4", "A4 Paper (210x297 mm)"),
}
CUSTOM = SlideFormat(None, "Custom")
APPLICATION = "briefing"


def slide_format(width: int, height: int) -> SlideFormat:
    """The format PowerPoint gives a slide of this size (EMU), Custom for any other."""
    return SLIDE_FORMATS.get((width, height), CUSTOM)


def app_version(version: str = __version__) -> str:
    """This tool's version in PowerPoint's AppVersion form NN.NNNN: the major version, then
    the minor and patch two digits each ('0.1.0' → '00.0100', '1.12.3' → '01.1203')."""
    numbers = [int(n) for n in re.findall(r"\d+", version)[:3]]
    major, minor, patch = (*numbers, 0, 0, 0)[:3]
    return f"{min(major, 99):02d}.{min(minor, 99):02d}{min(patch, 99):02d}"


def app_properties(prs: Presentation, story: Story, shape: SlideFormat) -> parts.AppProperties:
    """The extended properties PowerPoint would write for the deck: this tool and its
    version, the format of the slide size, the slide, notes and hidden-slide counts, and the
    parts' titles (each master's theme, each slide's title) under their headings, in the
    story's wording."""
    words = story.words
    theme_heading, titles_heading, untitled = words.part_headings
    titles = tuple(title or untitled for title in parts.slide_titles(prs))
    return parts.AppProperties(
        application=APPLICATION,
        version=app_version(),
        format=words.slide_formats.get(shape.english, shape.english),
        slides=len(titles),
        notes=parts.notes_pages(prs),
        hidden=parts.hidden_slides(prs),
        parts=(
            (theme_heading, tuple(parts.master_theme_names(prs))),
            (titles_heading, titles),
        ),
    )


def keywords(words: tuple[str, ...]) -> str:
    """The story's keywords, space-separated, as many whole ones as fit in a core property."""
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) > KEYWORDS_MAX:
            break
        kept.append(word)
    return " ".join(kept)


def write_steady(prs: Presentation, target: Path, when: datetime) -> None:
    """Save with every zip entry stamped `when` (and each chart's workbook steadied), in one
    pass: the same story gives the same bytes."""
    stamp = stamp_of(when)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:

        def write(name: PackURI, blob: bytes) -> None:
            member = name.membername
            if member.endswith(".xlsx"):
                blob = steady_workbook(blob, when)
            fixed = zipfile.ZipInfo(member, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(fixed, blob)

        parts.write_package(prs, write)


def stamp_of(when: datetime) -> Stamp:
    """A zip entry's date and time (zip cannot go before 1980)."""
    when = max(when, datetime(1980, 1, 1))
    return when.year, when.month, when.day, when.hour, when.minute, when.second


def steady_workbook(blob: bytes, when: datetime) -> bytes:
    """A chart's embedded workbook with its creation time and zip stamps fixed."""
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    stamp = stamp_of(when)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(blob)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + iso, data)
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dest.writestr(fixed, data)
    return out.getvalue()
