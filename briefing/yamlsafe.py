"""Reading a YAML file without letting the file decide what it costs.

A facts or brand file is read only if it is a regular file of at most MOST_BYTES; its text
may hold only the characters YAML allows; ruamel's parse stops at MOST_DEPTH levels of
nesting and at MOST_ALIASED nodes brought in by aliases and merge keys (counted as the
nodes are composed, before anything is copied), and a tag whose text is not what it tags
(`!!int abc`) is a located problem, like every other fault of the text.
"""

from __future__ import annotations

import functools
import re
import stat
from pathlib import Path
from typing import Any

from .errors import BriefingError, InputError, Problem

MOST_BYTES = 2 * 1024 * 1024  # the bundled facts are 30 KB, ten times their content 0.2 MB
MOST_DEPTH = 32  # levels of nesting; a facts file uses 8
MOST_ALIASED = 10_000  # nodes that aliases and merge keys may bring in, all together
MOST_LISTED = 10  # characters YAML refuses, reported one by one before the rest are counted
# What YAML 1.2 calls printable (ruamel's reader refuses the rest), as a character class.
NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
KINDS = {
    stat.S_ISFIFO: "a FIFO (named pipe)",
    stat.S_ISCHR: "a character device",
    stat.S_ISBLK: "a block device",
    stat.S_ISSOCK: "a socket",
}


def read_text(path: Path) -> str:
    """The text of a YAML file, refused up front if it is no regular file or too large,
    and then if it is not UTF-8 or holds characters YAML does not allow."""
    try:
        found = path.stat()
    except FileNotFoundError:
        raise BriefingError(f"{path}: no such file") from None
    except OSError as exc:
        raise BriefingError(f"{path}: cannot read ({exc.strerror})") from None
    if stat.S_ISDIR(found.st_mode):
        raise BriefingError(f"{path}: is a folder, not a file")
    if not stat.S_ISREG(found.st_mode):
        kind = next((name for test, name in KINDS.items() if test(found.st_mode)), "special")
        raise BriefingError(f"{path}: is {kind}, not a regular file")
    if found.st_size > MOST_BYTES:
        raise _too_large(path, found.st_size)
    try:
        with path.open("rb") as stream:
            raw = stream.read(MOST_BYTES + 1)  # the size may have changed since
    except OSError as exc:
        raise BriefingError(f"{path}: cannot read ({exc.strerror})") from None
    if len(raw) > MOST_BYTES:
        raise _too_large(path, len(raw))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = len(raw[: exc.start].rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise InputError([Problem(str(path), line, column, "", "not UTF-8 text")]) from None
    problems = unprintable(path, text)
    if problems:
        raise InputError(problems)
    return text


def _too_large(path: Path, size: int) -> InputError:
    megabytes = MOST_BYTES // (1024 * 1024)
    reason = f"the file is {size / (1024 * 1024):.1f} MB; a YAML file may be {megabytes} MB at most"
    return InputError([Problem(str(path), 1, 1, "", reason)])


def unprintable(path: Path, text: str) -> list[Problem]:
    """A located problem for each character YAML does not allow in a file (the first
    MOST_LISTED, then how many more)."""
    problems: list[Problem] = []
    count = 0
    for found in NOT_PRINTABLE.finditer(text):
        count += 1
        if count > MOST_LISTED:
            continue
        at = found.start()
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        problems.append(Problem(str(path), line, column, "", character_problem(found.group())))
    if count > MOST_LISTED:
        last = problems[-1]
        more = f"and {count - MOST_LISTED} more such characters after this one"
        problems.append(Problem(last.file, last.line, last.column, "", more))
    return problems


def character_problem(char: str) -> str:
    """Why a character may not stand in a file or a text, in words."""
    code = ord(char)
    if code in (0xFFFE, 0xFFFF) or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return f"U+{code:04X} is a noncharacter: it may not stand in text"
    if 0xD800 <= code <= 0xDFFF:
        return f"U+{code:04X} is half of a surrogate pair: it may not stand alone in text"
    names = {0x0B: "vertical tab", 0x0C: "form feed", 0x7F: "delete", 0x00: "null"}
    name = names.get(code, "control character")
    return f"{name} U+{code:04X} may not stand in text"


def round_trip(path: Path, text: str) -> Any:
    """ruamel's round-trip tree of a file's text (an empty mapping for an empty file), with
    nesting and aliases limited; every fault of the text a located InputError."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.composer import MaxDepthExceededError
    from ruamel.yaml.error import MarkedYAMLError

    yaml = _yaml()
    try:
        root = yaml.load(text)
    except MaxDepthExceededError as exc:
        line, column = _mark(exc)
        reason = f"YAML: nested more than {MOST_DEPTH} levels deep"
        raise InputError([Problem(str(path), line, column, "", reason)]) from None
    except MarkedYAMLError as exc:
        line, column = _mark(exc)
        reason = " ".join(str(exc.problem or exc.context or "YAML syntax error").split())
        raise InputError([Problem(str(path), line, column, "", f"YAML: {reason}")]) from None
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError) as exc:
        # ruamel's constructors fail so for some tags and merge keys; the node being built
        mark = getattr(yaml.constructor, "building", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = f"YAML: this node cannot be read ({type(exc).__name__}: {exc})"
        raise InputError([Problem(str(path), line, column, "", reason)]) from None
    return CommentedMap() if root is None else root


def _mark(exc: Any) -> tuple[int, int]:
    mark = exc.problem_mark or exc.context_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _yaml() -> Any:
    """A round-trip YAML loader with our composer and constructor."""
    from ruamel.yaml import YAML

    composer, constructor = _classes()
    yaml = YAML(typ="rt")
    yaml.Composer = composer
    yaml.Constructor = constructor
    yaml.max_depth = MOST_DEPTH
    return yaml


@functools.cache
def _classes() -> tuple[Any, Any]:
    """The composer that counts aliased nodes and the constructor that locates bad tags
    (made on first use, so that importing this module does not import ruamel)."""
    from ruamel.yaml.composer import Composer, ComposerError
    from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
    from ruamel.yaml.events import AliasEvent
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    class CountingComposer(Composer):
        """Refuses an alias to a node it is inside, and aliases past MOST_ALIASED nodes."""

        aliased = 0
        weights: dict[int, int]
        open_anchors: set[str | None]

        def compose_node(self, parent: Any, index: Any) -> Any:
            if not hasattr(self, "weights"):
                self.weights, self.open_anchors = {}, set()
                self.warn_double_anchors = False  # YAML lets a later anchor take the name
            event = self.parser.peek_event()
            if isinstance(event, AliasEvent):
                if event.anchor in self.open_anchors:
                    raise ComposerError(
                        None, None, f"alias *{event.anchor} inside its own anchor", event.start_mark
                    )
                node = super().compose_node(parent, index)
                self.aliased += self.weight(node)
                if self.aliased > MOST_ALIASED:
                    raise ComposerError(
                        None,
                        None,
                        f"aliases bring in more than {MOST_ALIASED} nodes; write the "
                        "content out, or use fewer aliases",
                        event.start_mark,
                    )
                return node
            anchor = getattr(event, "anchor", None)
            self.open_anchors.add(anchor)
            node = super().compose_node(parent, index)
            self.open_anchors.discard(anchor)
            return node

        def weight(self, node: Any) -> int:
            """How many nodes the node stands for when expanded (itself and all inside)."""
            pending = [(node, False)]
            while pending:
                here, counted = pending.pop()
                if id(here) in self.weights:
                    continue
                inside = _children(here)
                if counted or not inside:
                    total = 1 + sum(self.weights.get(id(c), 1) for c in inside)
                    self.weights[id(here)] = total
                    continue
                pending.append((here, True))
                pending.extend((c, False) for c in inside if id(c) not in self.weights)
            return self.weights[id(node)]

    def _children(node: Any) -> list[Any]:
        if isinstance(node, SequenceNode):
            return list(node.value)
        if isinstance(node, MappingNode):
            return [part for pair in node.value for part in pair]
        return []

    class LocatingConstructor(RoundTripConstructor):
        """Remembers the node it builds; a tagged number that is none is a located error."""

        building: Any = None

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            self.building = node.start_mark
            return super().construct_object(node, deep=deep)

        def construct_yaml_int(self, node: Any) -> Any:
            try:
                return super().construct_yaml_int(node)
            except (ValueError, IndexError):
                raise ConstructorError(
                    None,
                    None,
                    f"{node.value!r} is not a whole number (tagged !!int)",
                    node.start_mark,
                ) from None

        def construct_yaml_float(self, node: Any) -> Any:
            try:
                return super().construct_yaml_float(node)
            except (ValueError, IndexError):
                raise ConstructorError(
                    None, None, f"{node.value!r} is not a number (tagged !!float)", node.start_mark
                ) from None

    for tag, method in (
        ("tag:yaml.org,2002:int", LocatingConstructor.construct_yaml_int),
        ("tag:yaml.org,2002:float", LocatingConstructor.construct_yaml_float),
    ):
        LocatingConstructor.add_constructor(tag, method)
    return CountingComposer, LocatingConstructor
