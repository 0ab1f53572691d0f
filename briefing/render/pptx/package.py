"""The .pptx package: a template opened without its slides, new parts named in constant time,
the story's core properties, and a steady save (fixed dates and zip stamps written in the one
pass, so the same story gives the same bytes)."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from pptx import Presentation as open_presentation
from pptx.opc.packuri import PackURI
from pptx.presentation import Presentation

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
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise BriefingError(f"deck template {path}: cannot read it ({exc.strerror})") from None
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
    """Core properties from the story, dated by the story's date so builds repeat."""
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
    props.created = props.modified = props.last_printed = story.date.naive
    props.revision = 1


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
