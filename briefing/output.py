"""Write outputs all or nothing: a failed or killed build leaves the earlier files as they were.

A build first checks every target (none may be a folder, a special file or read-only). It
writes each output to a hidden part file beside its target, `.NAME.TOKEN.part`, under a
journal, `.briefing.TOKEN.journal`, that it holds locked while it runs. Only when every part
is written does it replace the targets: it lists them in the journal, keeps each earlier
file as a hard link `.NAME.TOKEN.old`, renames each part over its target, marks the journal
done and removes the kept files. A failure on the way puts the kept files back.

A build killed at any moment leaves its journal unlocked. The next build in that folder
(`recover`) finds it: it puts back the earlier files of a build that was not done, and
removes that build's parts, kept files and journal. Part files of earlier versions of this
tool (`.NAME.xxxxxxxx.part`, no journal) are removed when a build writes NAME again.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import BriefingError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: journals of dead builds age out
    fcntl = None  # type: ignore[assignment]

JOURNAL_PREFIX, JOURNAL_SUFFIX = ".briefing.", ".journal"
JOURNAL = re.compile(r"^\.briefing\.(?P<token>[a-z0-9_]{8})\.journal$")
LEFTOVER = re.compile(r"^\.(?P<name>.+)\.(?P<token>[a-z0-9_]{8})\.(?P<kind>part|old)$")
HEADER = "briefing journal 1"
UNLOCKED_AGE = 24 * 3600  # without file locks, a journal this old (seconds) is a dead build's
PAUSE_ENV = "BRIEFING_TEST_PAUSE"  # for tests only: stop at this stage until killed
NOT_WRITTEN = "nothing was written"
WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO})


@contextlib.contextmanager
def staged(targets: list[Path]) -> Iterator[list[Path]]:
    """Part files, one for each target (all in one folder), that replace the targets only if
    the block succeeds; all or nothing, and undone if a replacement fails."""
    targets = [Path(t) for t in targets]
    if not targets:
        yield []
        return
    folder = check_targets(targets)
    journal = _Journal.start(folder)
    try:
        recover(folder, {t.name for t in targets})
        parts = [journal.part(target) for target in targets]
        pause_for_test("staged")
        try:
            yield parts
        except OSError as exc:
            if exc.errno not in WRITE_ERRORS:
                raise
            raise BriefingError(f"{folder}: cannot write ({exc.strerror}); {NOT_WRITTEN}") from exc
        pause_for_test("rendered")
        journal.replace(parts, targets)
    finally:
        journal.close()


def check_targets(targets: list[Path]) -> Path:
    """The folder of the targets, made if need be; BriefingError if any target may not be
    replaced (a folder, a special file, read-only) or the folder cannot be made."""
    folders = {t.parent for t in targets}
    if len(folders) != 1 or len(set(targets)) != len(targets):
        raise ValueError(f"targets must be distinct files of one folder, got {targets}")
    (folder,) = folders
    check_folder(folder)
    for target in targets:
        try:
            found = os.lstat(target)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise BriefingError(
                f"{target}: cannot be read ({exc.strerror}); {NOT_WRITTEN}"
            ) from None
        if stat.S_ISDIR(found.st_mode):
            raise BriefingError(f"{target}: is a folder, not a file to replace; {NOT_WRITTEN}")
        if not (stat.S_ISREG(found.st_mode) or stat.S_ISLNK(found.st_mode)):
            raise BriefingError(f"{target}: is not a regular file; {NOT_WRITTEN}")
        if stat.S_ISREG(found.st_mode) and not os.access(target, os.W_OK):
            raise BriefingError(f"{target}: is read-only; {NOT_WRITTEN}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefingError(f"{folder}: cannot be made ({exc.strerror}); {NOT_WRITTEN}") from None
    return folder


def check_folder(folder: Path) -> None:
    """BriefingError if `folder` (or a folder above it) is there but is not a folder."""
    for above in (Path(folder), *Path(folder).parents):
        if above.is_dir():
            return
        if os.path.lexists(above):
            raise BriefingError(f"{above}: is not a folder; {NOT_WRITTEN}")


def recover(folder: Path, names: Iterable[str] = ()) -> None:
    """Undo and clear what builds killed in `folder` left: their journals, parts and kept
    files (the earlier outputs put back where a build was not done); and part files of
    earlier versions of this tool for the target `names`. Live builds' files are left."""
    try:
        entries = os.listdir(folder)
    except OSError:
        return
    names = set(names)
    for entry in entries:
        found = JOURNAL.match(entry)
        if found:
            _recover_journal(Path(folder), found["token"])
    for entry in entries:
        found = LEFTOVER.match(entry)
        if not found or (Path(folder) / _journal_name(found["token"])).exists():
            continue
        if found["kind"] == "old" or found["name"] in names:
            with contextlib.suppress(OSError):
                os.unlink(Path(folder) / entry)


def pause_for_test(stage: str) -> None:
    """For tests only: with $BRIEFING_TEST_PAUSE set to `stage`, say so on stderr and wait to
    be killed, so a test can kill a build at a known moment."""
    if os.environ.get(PAUSE_ENV) != stage:
        return
    sys.stderr.write(f"paused at {stage}\n")
    sys.stderr.flush()
    while True:
        time.sleep(60)


class _Journal:
    """One build's record, in its output folder, of what it is replacing; locked while the
    build runs, so no other build takes it for a dead one's."""

    def __init__(self, folder: Path, token: str, handle: int):
        self.folder, self.token, self.handle = folder, token, handle
        self.parts: list[Path] = []
        self.entries: list[dict[str, object]] = []
        self.unfinished = False  # an undo failed: the journal stays for `recover`

    @classmethod
    def start(cls, folder: Path) -> _Journal:
        """A new journal in `folder`, locked (made again if a sweep removed it meanwhile)."""
        for _ in range(10):
            try:
                handle, name = tempfile.mkstemp(
                    dir=folder, prefix=JOURNAL_PREFIX, suffix=JOURNAL_SUFFIX
                )
            except OSError as exc:
                raise BriefingError(
                    f"{folder}: cannot write here ({exc.strerror}); {NOT_WRITTEN}"
                ) from None
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_EX)
            if os.fstat(handle).st_nlink:
                token = Path(name).name[len(JOURNAL_PREFIX) : -len(JOURNAL_SUFFIX)]
                os.write(handle, f"{HEADER}\n".encode())
                return cls(folder, token, handle)
            os.close(handle)
        raise BriefingError(f"{folder}: another process keeps removing files; {NOT_WRITTEN}")

    def part(self, target: Path) -> Path:
        """A new, empty part file for `target`."""
        part = self.folder / f".{target.name}.{self.token}.part"
        try:
            os.close(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except OSError as exc:
            raise BriefingError(f"{part}: cannot be made ({exc.strerror}); {NOT_WRITTEN}") from None
        self.parts.append(part)
        return part

    def replace(self, parts: list[Path], targets: list[Path]) -> None:
        """Each part renamed over its target, the earlier files kept until all are in place,
        and put back if any replacement fails."""
        mode = 0o666 & ~_umask()
        kept: list[Path | None] = []
        for part, target in zip(parts, targets, strict=True):
            os.chmod(part, mode)
            aside = self.folder / f".{target.name}.{self.token}.old"
            kept.append(aside if os.path.lexists(target) else None)
            self.entries.append({
                "target": target.name,
                "new": os.stat(part).st_ino,
                "kept": None if kept[-1] is None else aside.name,
            })  # fmt: skip
            self._note(self.entries[-1])
        try:
            for target, earlier in zip(targets, kept, strict=True):
                if earlier is not None:
                    _keep(target, earlier)
            pause_for_test("kept")
            for part, target in zip(parts, targets, strict=True):
                os.replace(part, target)
                pause_for_test("replacing")
            pause_for_test("replaced")
        except BaseException as exc:
            self._undo(kept, exc)
            raise
        self._note({"done": True})
        pause_for_test("done")
        for old in kept:
            if old is not None:
                with contextlib.suppress(OSError):
                    os.unlink(old)

    def close(self) -> None:
        """Remove what is left of the build's parts, then the journal (unless it must still
        put files back), and let it go."""
        for part in self.parts:
            with contextlib.suppress(OSError):
                os.unlink(part)
        if not self.unfinished:
            with contextlib.suppress(OSError):
                os.unlink(self.folder / _journal_name(self.token))
        os.close(self.handle)

    def _note(self, entry: dict[str, object]) -> None:
        os.write(self.handle, (json.dumps(entry) + "\n").encode())

    def _undo(self, kept: list[Path | None], cause: BaseException) -> None:
        """Every target as it was before (as `recover` would have it), the kept files
        removed; BriefingError where one cannot be put back (the journal then stays, for
        the next build to try again)."""
        for entry in reversed(self.entries):
            try:
                _put_back(self.folder, entry)
            except OSError as exc:
                self.unfinished = True
                raise BriefingError(
                    f"{self.folder / str(entry['target'])}: a failed build could not put this"
                    f" file back ({exc.strerror}); the next build in this folder tries again"
                ) from cause
        for old in kept:
            if old is not None:
                with contextlib.suppress(OSError):
                    os.unlink(old)
        if isinstance(cause, OSError):
            raise BriefingError(
                f"{cause.filename or self.folder}: cannot be replaced ({cause.strerror});"
                f" {NOT_WRITTEN}"
            ) from cause


def _keep(target: Path, old: Path) -> None:
    """The earlier file kept as `old`: a second name for it, else (no hard links here) moved."""
    try:
        os.link(target, old, follow_symlinks=False)
    except OSError as exc:
        if exc.errno == errno.ENOENT:  # removed meanwhile: nothing to keep
            return
        os.replace(target, old)


def _recover_journal(folder: Path, token: str) -> None:
    """A dead build's journal played back (its earlier files put back unless it was done)
    and cleared with its parts and kept files; a live build's is left alone."""
    path = folder / _journal_name(token)
    try:
        handle = os.open(path, os.O_RDWR)
    except OSError:
        return
    try:
        if not _dead(handle, path):
            return
        with os.fdopen(os.dup(handle), encoding="utf-8", errors="replace") as journal:
            entries = [_entry(line) for line in journal]
        if not any(entry.get("done") for entry in entries):
            for entry in reversed(entries):
                _put_back(folder, entry)
        for name in os.listdir(folder):
            found = LEFTOVER.match(name)
            if found and found["token"] == token:
                with contextlib.suppress(OSError):
                    os.unlink(folder / name)
        with contextlib.suppress(OSError):
            os.unlink(path)
    except OSError:
        return
    finally:
        os.close(handle)


def _dead(handle: int, path: Path) -> bool:
    """Whether the journal open as `handle` is a dead build's, and still at `path`."""
    if fcntl is None:
        return time.time() - os.fstat(handle).st_mtime > UNLOCKED_AGE
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    try:
        return os.stat(path).st_ino == os.fstat(handle).st_ino
    except OSError:
        return False


def _entry(line: str) -> dict[str, object]:
    try:
        found = json.loads(line)
    except ValueError:  # the header, or a line cut short by the kill
        return {}
    return found if isinstance(found, dict) else {}


def _put_back(folder: Path, entry: dict[str, object]) -> None:
    """One target of a build that was not done as it was before: its kept file put back, or,
    where it had none, the new file removed; a file another build wrote since is left."""
    name, new, old = entry.get("target"), entry.get("new"), entry.get("kept")
    if not isinstance(name, str) or "/" in name or name in ("", ".", ".."):
        return
    target = folder / name
    try:
        current: int | None = os.lstat(target).st_ino
    except OSError:
        current = None
    ours = current is None or current == new
    if isinstance(old, str) and LEFTOVER.match(old) and os.path.lexists(folder / old):
        if ours:
            os.replace(folder / old, target)
    elif old is None and current is not None and current == new:
        os.unlink(target)


def _journal_name(token: str) -> str:
    return f"{JOURNAL_PREFIX}{token}{JOURNAL_SUFFIX}"


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
