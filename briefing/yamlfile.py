"""YAML with positions: load a file, find where any path into it was written."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.scalarstring import FoldedScalarString

from .errors import BriefingError, InputError, Problem

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

Loc = Sequence[int | str]


class Document:
    """A parsed YAML file that remembers the line and column of every node."""

    def __init__(self, path: Path, root: Any):
        self.path = path
        self.root = root

    @classmethod
    def load(cls, path: Path) -> Document:
        """Parse a YAML file; syntax errors become located problems."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise BriefingError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise BriefingError(f"{path}: is a folder, not a file") from None
        except UnicodeDecodeError as exc:
            line = path.read_bytes()[: exc.start].count(b"\n") + 1
            raise InputError([Problem(str(path), line, 1, "", "not UTF-8 text")]) from None
        except OSError as exc:
            raise BriefingError(f"{path}: cannot read ({exc.strerror})") from None
        yaml = YAML(typ="rt")
        try:
            root = yaml.load(text)
        except MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            reason = " ".join(str(exc.problem or exc.context or "YAML syntax error").split())
            raise InputError([Problem(str(path), line, column, "", f"YAML: {reason}")]) from None
        if root is None:
            root = CommentedMap()
        return cls(path, root)

    def data(self) -> Any:
        """The document as plain dicts and lists."""
        return _plain(self.root)

    def position(self, loc: Loc) -> tuple[int, int]:
        """1-based line and column of the node at loc, or of its nearest ancestor."""
        node: Any = self.root
        line, column = _start(node)
        for key in loc:
            if isinstance(node, CommentedMap) and key in node:
                line, column = node.lc.value(key)
                if _is_missing_or_collection(node[key]):
                    line, column = node.lc.key(key)
                node = node[key]
            elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
                line, column = node.lc.item(key)
                node = node[key]
            else:
                break
        return line + 1, column + 1

    def key_position(self, loc: Loc) -> tuple[int, int]:
        """Position of the key that ends loc (for unknown keys)."""
        *parent_loc, last = loc
        parent: Any = self.root
        for key in parent_loc:
            try:
                parent = parent[key]
            except (KeyError, IndexError, TypeError):
                return self.position(parent_loc)
        if isinstance(parent, CommentedMap) and last in parent:
            line, column = parent.lc.key(last)
            return line + 1, column + 1
        return self.position(parent_loc)

    def problem(self, loc: Loc, reason: str, *, at_key: bool = False) -> Problem:
        """A problem located at loc."""
        line, column = self.key_position(loc) if at_key else self.position(loc)
        return Problem(str(self.path), line, column, dotted(loc), reason)

    def validation_problems(self, error: ValidationError) -> list[Problem]:
        """Every pydantic error as a located problem, in file order."""
        problems: list[Problem] = []
        for item in error.errors(include_url=False):
            loc = [part for part in item["loc"] if not _is_tag(part)]
            kind = item["type"]
            if kind == "extra_forbidden":
                problems.append(self.problem(loc, "unknown key", at_key=True))
            elif kind == "missing":
                line, column = self.position(loc[:-1])
                reason = f"missing required key '{loc[-1]}'"
                problems.append(Problem(str(self.path), line, column, dotted(loc), reason))
            else:
                problems.append(self.problem(loc, _reason(item)))
        return sorted(problems, key=lambda p: (p.line, p.column))


def dotted(loc: Loc) -> str:
    """('themes', 0, 'metrics', 2) → 'themes[0].metrics[2]'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _reason(item: ErrorDetails) -> str:
    message = str(item["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if "input" in item and item["type"].endswith(("_type", "_parsing", "enum", "literal_error")):
        message += f" (got {item['input']!r})"
    return message


def _is_tag(part: int | str) -> bool:
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


def _is_missing_or_collection(value: Any) -> bool:
    return value is None or isinstance(value, (CommentedMap, CommentedSeq))


def _start(node: Any) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    return (lc.line or 0, lc.col or 0) if lc is not None else (0, 0)


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {k if isinstance(k, int) else str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, FoldedScalarString):
        return _unfold_cjk(str(node), getattr(node, "fold_pos", []))
    if isinstance(node, str):
        return str(node)
    return node


def _unfold_cjk(text: str, folds: list[int]) -> str:
    """Drop the space a folded scalar put at a line break next to Chinese text."""
    chars = list(text)
    for pos in sorted(folds, reverse=True):
        inside = 0 < pos < len(chars) - 1 and chars[pos] == " "
        if inside and (_is_wide(chars[pos - 1]) or _is_wide(chars[pos + 1])):
            del chars[pos]
    return "".join(chars)


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")
