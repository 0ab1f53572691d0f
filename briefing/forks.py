"""Renderers in forked processes: each format drawn on a core of its own.

A build that writes a PDF and a deck spends most of its time importing the two renderers and
running them, one after the other, while the machine has a second core idle. On Linux, with
two usable cores and no other thread running, `Renderers.start` forks one child per format
before the facts are even read: the child imports its renderer (and what the story is made
of) while the parent reads, checks and lays out the story, then waits for its order. The
parent sends each child the story and the part file to write; each child renders, says what
it warned of and how it ended, and exits. The outputs are the very bytes a renderer writes
in the parent (the renderers are the same functions, given the same story).

A child dies with its parent (PR_SET_PDEATHSIG on Linux), so a build killed at any moment
leaves no renderer still writing behind it. An error in a child comes back as the same
exception where it can be pickled (else its like, `briefing.errors.portable`), with the
child's traceback attached as its cause, for a bug report.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import sys
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import portable
from .render import FORMATS, REGISTRY, RenderOptions

if TYPE_CHECKING:
    from .story import Story

JOBS_ENV = "BRIEFING_RENDER_JOBS"  # "1": render in this process, one format after another
LENGTH = struct.Struct("<Q")
# What a child imports while it waits, beside its renderer: what the story is made of, so
# that unpickling it costs nothing once it arrives.
STORY_MODULES = ("briefing.story",)


class ChildTraceback(Exception):
    """A child's traceback, shown as the cause of the error it raised."""

    def __str__(self) -> str:
        return "\n" + str(self.args[0]).rstrip("\n")


@dataclass
class _Child:
    """A forked renderer: its process id and its two ends of the pipes."""

    format: str
    pid: int
    orders: int  # the parent writes the order here
    answers: int  # and reads the answer here

    @property
    def fds(self) -> tuple[int, int]:
        return self.orders, self.answers


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def worth_forking(formats: Iterable[str]) -> bool:
    """Whether rendering `formats` in children is faster than here, and safe: Linux (fork is
    its way of making processes; macOS libraries may not survive it), no other thread running
    (one could hold a lock the child would wait on for ever), two cores free to use, nobody
    asking for one process, and either two formats or a renderer still to be imported (its
    import then overlaps the story's)."""
    formats = list(formats)
    if os.environ.get(JOBS_ENV) == "1" or not sys.platform.startswith("linux"):
        return False
    threading = sys.modules.get("threading")
    if (threading is not None and threading.active_count() > 1) or usable_cores() < 2:
        return False
    return len(formats) > 1 or REGISTRY[formats[0]].module not in sys.modules


class Renderers:
    """One forked child per format, each ready to render a story once."""

    def __init__(self, children: dict[str, _Child]):
        self._children = children
        self.formats = tuple(children)

    @classmethod
    def start(cls, formats: Iterable[str]) -> Renderers | None:
        """A child for each format, or None where rendering here is as fast (worth_forking).
        Children the command line started early (start_early) are taken if they are the
        ones wanted, else ended."""
        formats = list(formats)
        early = _take_early()
        if early is not None:
            if early.formats == tuple(formats):
                return early
            early.close()
        if not worth_forking(formats):
            return None
        sys.stdout.flush()
        sys.stderr.flush()
        children: dict[str, _Child] = {}
        try:
            for fmt in formats:
                children[fmt] = _fork(fmt, [c for child in children.values() for c in child.fds])
        except OSError:  # no process to be had: render here
            Renderers(children).close()
            return None
        return cls(children)

    def render(self, fmt: str, story: Story, target: Path, options: RenderOptions) -> None:
        """Ask the child of `fmt` to render the story into target."""
        order = (story, target, replace(options, warn=_silent))
        with contextlib.suppress(BrokenPipeError):  # it died: finish says how
            _send(self._children[fmt].orders, pickle.dumps(order, pickle.HIGHEST_PROTOCOL))

    def finish(self, fmt: str, warn: Callable[[str], None]) -> None:
        """Wait for the child of `fmt`; pass on what it warned of, in order, then raise its
        error if it had one. Interrupted, the child stays listed, for close() to end."""
        child = self._children[fmt]
        answer = _receive(child.answers)
        del self._children[fmt]
        for fd in child.fds:
            os.close(fd)
        status = _reap(child.pid)
        if answer is None:
            raise RuntimeError(f"the {fmt} renderer's process ended without an answer ({status})")
        said, error, trace = pickle.loads(answer)
        for message in said:
            warn(message)
        if error is not None:
            raise error from ChildTraceback(trace)

    def close(self) -> None:
        """End every child not yet finished, whatever it was doing, and reap it: called before
        the build's part files are removed, so no child writes one after."""
        for child in self._children.values():
            with contextlib.suppress(ProcessLookupError):
                os.kill(child.pid, signal.SIGKILL)
            for fd in child.fds:
                os.close(fd)
            _reap(child.pid)
        self._children.clear()


# ── started before the command line is parsed ────────────────────────────────────────────

_early: list[Renderers] = []
VALUED = frozenset({"-d", "--data", "-f", "--format", "-o", "--output", "-b", "--brand"})
VALUED |= {"-t", "--template", "-j", "--jobs"}
FLAGS = frozenset({"-q", "--quiet", "--allow-missing-glyphs", "--allow-outside-kit"})
FLAGS |= {"--pdfa", "--no-pdfa", "--embed-fonts", "--no-embed-fonts"}


def start_early(argv: list[str]) -> None:
    """For `briefing build` of one facts file, fork the renderers now, before the command line
    is parsed and the facts read: the children import while the parent does that work."""
    formats = early_formats(argv)
    if formats:
        started = Renderers.start(formats)
        if started is not None:
            _early.append(started)


def discard_early() -> None:
    """End the children start_early made, if the build turns out not to want them."""
    early = _take_early()
    if early is not None:
        early.close()


def _take_early() -> Renderers | None:
    return _early.pop() if _early else None


def early_formats(argv: list[str]) -> tuple[str, ...] | None:
    """The formats a `briefing build` of one facts file will render, read from its arguments
    before the CLI parses them; None for any other command, a batch (several --data or a
    folder), a help request, or anything this quick reading is not sure of."""
    if not argv or argv[0] != "build":
        return None
    wanted, data = "all", 0
    args = iter(argv[1:])
    for arg in args:
        name, equals, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name[:2] in ("-f", "-d") and len(name) > 2:  # -fpdf, -dfacts.yml
            name, equals, value = name[:2], "=", name[2:]
        if name in VALUED:
            value = value if equals else next(args, "")
            if name in ("-f", "--format"):
                wanted = value
            elif name in ("-d", "--data"):
                data += 1
                if data > 1 or _is_folder(value):
                    return None
        elif name not in FLAGS or equals:
            return None  # --help, a positional, an option this reading does not know
    return FORMATS if wanted == "all" else (wanted,) if wanted in REGISTRY else None


def _is_folder(path: str) -> bool:
    try:
        return os.path.isdir(path)
    except (OSError, ValueError):
        return False


# ── the children ─────────────────────────────────────────────────────────────────────────


def _silent(_: str) -> None:
    """The warning sink sent with an order; the child collects its own."""


def _fork(fmt: str, inherited: list[int]) -> _Child:
    """Fork the child of `fmt`; it closes the pipes of the children before it. On an OSError
    (no pipe or process to be had) nothing is left open."""
    opened: list[int] = []
    try:
        opened += os.pipe()
        opened += os.pipe()
        parent = os.getpid()
        pid = os.fork()
    except OSError:
        for fd in opened:
            os.close(fd)
        raise
    order_read, order_write, answer_read, answer_write = opened
    if pid == 0:  # the child: it never returns
        status = 1
        try:
            for fd in (*inherited, order_write, answer_read):
                os.close(fd)
            _die_with_parent(parent)
            _serve(fmt, order_read, answer_write)
            status = 0
        finally:
            os._exit(status)
    os.close(order_read)
    os.close(answer_write)
    return _Child(fmt, pid, order_write, answer_read)


def _serve(fmt: str, orders: int, answers: int) -> None:
    """The child's life: import, wait for the order, render, answer."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent hears ^C and lets us go
    try:
        render = REGISTRY[fmt].prepare()
        for module in STORY_MODULES:
            __import__(module)
    except Exception:  # rendering here will raise it again, with its traceback
        render = None
    order = _receive(orders)
    if order is None:  # the build ended before rendering (a wrong facts file, say)
        return
    said: list[str] = []
    error: Exception | None = None
    trace = ""
    try:
        story, target, options = pickle.loads(order)
        if render is None:
            render = REGISTRY[fmt].renderer()
        render(story, target, replace(options, warn=said.append))
    except Exception as exc:
        error, trace = portable(exc), traceback.format_exc()
    from .charts.cache import take_warnings

    said.extend(take_warnings())
    _send(answers, pickle.dumps((said, error, trace), pickle.HIGHEST_PROTOCOL))


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent dies (PR_SET_PDEATHSIG: children are
    forked on Linux only)."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _send(fd: int, data: bytes) -> None:
    """A length, then the bytes."""
    view = memoryview(LENGTH.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _receive(fd: int) -> bytes | None:
    """One message, or None at the end of the pipe."""
    head = _read(fd, LENGTH.size)
    if head is None:
        return None
    (length,) = LENGTH.unpack(head)
    return _read(fd, length)


def _read(fd: int, size: int) -> bytes | None:
    """Exactly `size` bytes, or None if the pipe ends first."""
    chunks: list[bytes] = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _reap(pid: int) -> str:
    """Wait for a child to end; how it ended, in words."""
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:  # already reaped
        return "reaped before"
    if os.WIFSIGNALED(status):
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
