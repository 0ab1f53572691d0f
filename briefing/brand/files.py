"""The files a brand kit names: kept inside the kit's folder, regular, of a sane size; a deck
template's zip directory read before anything is inflated."""

from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    """What one kind of kit file may be: its name in messages and its largest size."""

    kind: str
    max_bytes: int


LOGO = Limit("logo", 10 * MB)
FONT = Limit("font file", 64 * MB)
TEMPLATE = Limit("deck template", 100 * MB)

# A deck template is a zip: these bound what reading it may inflate (declared sizes).
TEMPLATE_MEMBERS = 2000
TEMPLATE_MEMBER_BYTES = 64 * MB
TEMPLATE_TOTAL_BYTES = 256 * MB
SHOWN_PATH = 80  # characters of a written path echoed in a message


class KitFault(Exception):
    """A file of the kit that cannot be used, and why (the caller adds where it was named)."""


def kit_file(kit: Path, written: str, limit: Limit, *, allow_outside: bool = False) -> Path:
    """The file a brand.yml names, resolved (links followed) against the kit's folder.

    KitFault if it lies outside the folder (unless allow_outside), is missing, is not a
    regular file (a folder, FIFO or device), is empty or is larger than the limit.
    """
    shown = shown_path(written)
    if not written.strip():
        raise KitFault("no file named")
    if "\x00" in written:
        raise KitFault(f"{shown}: a path cannot hold a NUL character")
    folder = Path(os.path.abspath(kit)).resolve()
    try:
        path = (folder / written).resolve()
    except (OSError, RuntimeError) as exc:  # a loop of links
        raise KitFault(f"{shown}: cannot follow this path ({exc})") from None
    if not allow_outside and not path.is_relative_to(folder):
        raise KitFault(
            f"{shown} lies outside the brand kit's folder {folder} (as written or through a "
            "link); put the file inside the kit, or pass --allow-outside-kit to allow it"
        )
    try:
        status = path.stat()
    except FileNotFoundError:
        raise KitFault(f"file not found: {shown}") from None
    except OSError as exc:
        raise KitFault(f"{shown}: cannot read it ({exc.strerror})") from None
    if not stat.S_ISREG(status.st_mode):
        raise KitFault(f"{shown} is not a regular file (a folder, FIFO or device)")
    if status.st_size == 0:
        raise KitFault(f"{shown}: the file is empty")
    if status.st_size > limit.max_bytes:
        raise KitFault(
            f"{shown} is {status.st_size / MB:.1f} MB; a {limit.kind} may be at most "
            f"{limit.max_bytes // MB} MB"
        )
    return path


def check_template_zip(path: Path) -> None:
    """A deck template's zip directory: KitFault for a file that is not a zip, or one whose
    members would inflate past the limits (a zip bomb), before any member is read."""
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise KitFault(f"not a PowerPoint presentation or template (.pptx, .potx): {exc}") from None
    if len(members) > TEMPLATE_MEMBERS:
        raise KitFault(f"{len(members)} parts in the package; at most {TEMPLATE_MEMBERS}")
    total = 0
    for member in members:
        if member.file_size > TEMPLATE_MEMBER_BYTES:
            raise KitFault(
                f"the part {shown_path(member.filename)} inflates to "
                f"{member.file_size / MB:.0f} MB; a part may be at most "
                f"{TEMPLATE_MEMBER_BYTES // MB} MB"
            )
        total += member.file_size
    if total > TEMPLATE_TOTAL_BYTES:
        raise KitFault(
            f"the package inflates to {total / MB:.0f} MB; at most {TEMPLATE_TOTAL_BYTES // MB} MB"
        )


def shown_path(written: str) -> str:
    """A path as written, safe to print: control characters escaped, long ones cut."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in written)
    return text if len(text) <= SHOWN_PATH else text[: SHOWN_PATH - 1] + "…"
