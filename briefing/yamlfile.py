"""YAML with positions: load a file, find where any path into it was written."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from .errors import Problem
from .yamlsafe import round_trip

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

Loc = Sequence[int | str]
LONGEST_SHOWN = 60  # characters of a text echoed in a message; a longer one is cut
# Words people write for allowed values, by the type allowing them: {Qualifier: {'突破': 'over'}}.
Words = Mapping[Any, Mapping[str, str]]


class Document:
    """A parsed YAML file that knows the line and column of every node.

    The data come from a quick reader of the usual shape of a facts or brand file
    (briefing.yamlplain); ruamel's round-trip parse, which keeps every node's position, is
    made only when a position is asked for (to report a problem) or when the quick reader
    leaves the file to it (any other YAML, or a syntax error, which it then locates).
    """

    def __init__(self, path: Path, text: str, data: Any = None, root: Any = None):
        self.path = path
        self.text = text
        self._data = data
        self._root = root

    @classmethod
    def load(cls, path: Path) -> Document:
        """Parse a YAML file; syntax errors become located problems."""
        from .yamlplain import Unsupported, parse
        from .yamlsafe import read_text

        text = read_text(path)
        try:
            return cls(path, text, data=parse(text))
        except Unsupported:
            root = round_trip(path, text)
            return cls(path, text, data=_plain(root), root=root)

    @property
    def root(self) -> Any:
        """ruamel's round-trip tree of the file, every node with its line and column."""
        if self._root is None:
            self._root = round_trip(self.path, self.text)
        return self._root

    def data(self) -> Any:
        """The document as plain dicts and lists (a fresh copy: change it at will)."""
        return _copied(self._data)

    def position(self, loc: Loc) -> tuple[int, int]:
        """1-based line and column of the node at loc, or of its nearest ancestor."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        node: Any = self.root
        line, column = _start(node)
        for key in loc:
            if isinstance(node, CommentedMap) and key in node:
                line, column = _written(node, key, value=not _is_missing_or_collection(node[key]))
                node = node[key]
            elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
                line, column = node.lc.item(key)
                node = node[key]
            else:
                break
        return line + 1, column + 1

    def key_position(self, loc: Loc) -> tuple[int, int]:
        """Position of the key that ends loc (for unknown keys)."""
        from ruamel.yaml.comments import CommentedMap

        *parent_loc, last = loc
        parent: Any = self.root
        for key in parent_loc:
            try:
                parent = parent[key]
            except (KeyError, IndexError, TypeError):
                return self.position(parent_loc)
        if isinstance(parent, CommentedMap) and last in parent:
            line, column = _written(parent, last, value=False)
            return line + 1, column + 1
        return self.position(parent_loc)

    def problem(self, loc: Loc, reason: str, *, at_key: bool = False) -> Problem:
        """A problem located at loc."""
        line, column = self.key_position(loc) if at_key else self.position(loc)
        return Problem(str(self.path), line, column, dotted(loc), reason)

    def validation_problems(
        self,
        error: ValidationError,
        model: type[BaseModel] | None = None,
        words: Words | None = None,
    ) -> list[Problem]:
        """Every pydantic error as a located problem, in file order.

        With the model that was validated, unknown keys list the keys allowed at their place,
        a union reports the member the value was meant for, and wrong values of enums and
        literals list the allowed ones (and the one meant, for a word in `words`).
        """
        found = interpret(error, self.data(), model, words)
        return sorted((self.located(f) for f in found), key=lambda p: (p.line, p.column))

    def located(self, found: Found) -> Problem:
        """A problem for an interpreted validation error."""
        if found.at_parent:
            line, column = self.position(found.loc[:-1])
            return Problem(str(self.path), line, column, dotted(found.loc), found.reason)
        return self.problem(found.loc, found.reason, at_key=found.at_key)


# ── Pydantic errors read along the model ─────────────────────────────────────


@dataclass(frozen=True)
class Step:
    """One part of a location: how it was entered and the type expected there."""

    part: int | str
    via: Literal["field", "item", "entry", "unknown"]
    required: bool  # a model field without a default
    annotation: Any  # the expected type, None where the model does not say
    field: FieldInfo | None = None  # the model field entered, with its constraints


@dataclass(frozen=True)
class Found:
    """One validation error, located in the data and worded for the person who wrote it."""

    loc: tuple[int | str, ...]
    steps: tuple[Step, ...]
    reason: str
    at_key: bool = False  # located at the key (unknown keys), not the value
    at_parent: bool = False  # located at the parent (missing keys)
    kind: str = ""  # pydantic's error type
    context: Mapping[str, Any] | None = None
    given: Any = None  # the value found there


class _Union(NamedTuple):
    members: tuple[Any, ...]


@dataclass(frozen=True)
class _Walk:
    steps: tuple[Step, ...]
    owner: Any  # the type holding the last part (a model for unknown keys)
    annotation: Any  # the type expected at the end
    unions: tuple[tuple[int, Any, _Union], ...]  # (depth, member taken, union) on the way


def interpret(
    error: ValidationError,
    data: Any,
    model: type[BaseModel] | None = None,
    words: Words | None = None,
) -> list[Found]:
    """Pydantic's errors as located, worded findings; one per union that no member took."""
    walked = [(item, _walk(model, item["loc"])) for item in error.errors(include_url=False)]
    taken: dict[tuple[int | str, ...], Any] = {}  # union location → member meant, or None
    for _, walk in walked:
        for depth, _member, union in walk.unions:
            where = tuple(s.part for s in walk.steps[:depth])
            if where not in taken:
                fitting = [m for m in union.members if _fits(m, value_at(data, where))]
                taken[where] = fitting[0] if len(fitting) == 1 else None
    meant = {  # unions whose member meant has errors to show; the others say what they take
        tuple(s.part for s in walk.steps[:depth])
        for _, walk in walked
        for depth, member, _ in walk.unions
        if member is taken[tuple(s.part for s in walk.steps[:depth])]
    }
    taken = {where: member if where in meant else None for where, member in taken.items()}
    found: list[Found] = []
    collapsed: set[tuple[int | str, ...]] = set()
    for item, walk in walked:
        loc = tuple(s.part for s in walk.steps)
        outer = next(
            (
                (depth, union)
                for depth, member, union in walk.unions
                if taken[loc[:depth]] is not member
            ),
            None,
        )
        if outer is None:
            found.append(_found(item, walk, words))
            continue
        depth, union = outer
        if taken[loc[:depth]] is None and loc[:depth] not in collapsed:
            collapsed.add(loc[:depth])
            value = value_at(data, loc[:depth])
            kinds = " or ".join(dict.fromkeys(_describe(m) for m in union.members))
            found.append(
                Found(
                    loc[:depth],
                    walk.steps[:depth],
                    f"Input should be {kinds} (got {_shown(value)})",
                    kind="union",
                    given=value,
                )
            )
    return found


def _found(item: ErrorDetails, walk: _Walk, words: Words | None) -> Found:
    loc = tuple(s.part for s in walk.steps)
    kind = item["type"]
    given = item.get("input")
    about = {"kind": kind, "context": item.get("ctx"), "given": given}
    if kind == "extra_forbidden":
        keys = _fields(walk.owner)
        reason = "unknown key"
        if keys and loc:
            reason = f"unknown key '{loc[-1]}' (allowed here: {', '.join(keys)})"
        return Found(loc, walk.steps, reason, at_key=True, **about)
    if kind == "missing":
        return Found(loc, walk.steps, f"missing required key '{loc[-1]}'", at_parent=True, **about)
    choices = _choices(walk.annotation)
    if kind in ("enum", "literal_error") and choices:
        allowed = ", ".join(choices)
        meant = _meant(given, choices, (words or {}).get(walk.annotation, {}))
        if meant is not None:
            reason = f"{_shown(given)} is written {meant} here (allowed: {allowed})"
        else:
            reason = f"unknown value {_shown(given)} (allowed here: {allowed})"
        return Found(loc, walk.steps, reason, **about)
    return Found(loc, walk.steps, _reason(item), **about)


def _walk(model: type[BaseModel] | None, raw: Iterable[int | str]) -> _Walk:
    """Follow a pydantic location through the model: the parts that are the file's, typed."""
    annotation: Any = model
    owner: Any = None
    steps: list[Step] = []
    unions: list[tuple[int, Any, _Union]] = []
    for part in raw:
        here = _strip(annotation)
        if isinstance(here, _Union):
            member = next((m for m in here.members if _tagged(m, part)), None)
            if member is not None:
                unions.append((len(steps), member, here))
                annotation = member
                continue
            here = None
        if part == "[key]":  # the key of the entry just entered
            annotation = get_args(owner)[0] if get_origin(owner) is dict else None
            continue
        if here is None:
            if not _is_tag(part):
                steps.append(Step(part, "unknown", False, None))
            annotation = None
            continue
        owner = here
        if isinstance(part, str) and part.startswith("function-"):
            continue
        if _is_model(here):
            field = here.model_fields.get(part) if isinstance(part, str) else None
            annotation = field.annotation if field is not None else None
            required = field is not None and field.is_required()
            via: Literal["field", "unknown"] = "field" if field else "unknown"
            steps.append(Step(part, via, required, annotation, field))
        elif get_origin(here) is list and isinstance(part, int):
            annotation = get_args(here)[0]
            steps.append(Step(part, "item", False, annotation))
        elif get_origin(here) is dict:
            annotation = get_args(here)[1]
            steps.append(Step(part, "entry", False, annotation))
        else:
            annotation = None
            steps.append(Step(part, "unknown", False, None))
    return _Walk(tuple(steps), owner, _strip(annotation), tuple(unions))


def _strip(annotation: Any) -> Any:
    """The type without Annotated and None: X | None → X; a union of several → _Union."""
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        elif get_origin(annotation) in (Union, types.UnionType):
            members = tuple(m for m in get_args(annotation) if m is not type(None))
            if len(members) != 1:
                return _Union(members)
            annotation = members[0]
        else:
            return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _tagged(member: Any, tag: int | str) -> bool:
    """Is `tag` pydantic's name for this union member (Change, list[Change], constrained-str …)?"""
    if not isinstance(tag, str):
        return False
    base = _strip(member)
    origin = get_origin(base)
    if origin is not None:
        name = "literal" if origin is Literal else getattr(origin, "__name__", str(origin))
        return tag.startswith(f"{name}[")
    if isinstance(base, type):
        name = base.__name__
        return tag in (name, f"constrained-{name}") or tag.startswith(f"{name}[")
    return False


def _fits(member: Any, value: Any) -> bool:
    """Does the value have the shape of this union member (whatever is wrong inside it)?"""
    base = _strip(member)
    origin = get_origin(base)
    if _is_model(base) or origin is dict:
        return isinstance(value, dict)
    if origin is list:
        return isinstance(value, list)
    if origin is Literal or base is str or (isinstance(base, type) and issubclass(base, Enum)):
        return isinstance(value, str)
    if base is bool:
        return isinstance(value, bool)
    if base in (int, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if base is dt.date:
        return isinstance(value, (dt.date, str))
    return False


def _describe(member: Any) -> str:
    """A union member in words: a mapping, a list, text, a whole number …"""
    base = _strip(member)
    origin = get_origin(base)
    if _is_model(base) or origin is dict:
        return "a mapping"
    if origin is list:
        return "a list of mappings" if _is_model(_strip(get_args(base)[0])) else "a list"
    described = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}
    if base in described:
        return described[base]
    if base is dt.date:
        return "a date (YYYY-MM-DD)"
    choices = _choices(base)
    return f"one of {', '.join(choices)}" if choices else getattr(base, "__name__", str(base))


def _fields(owner: Any) -> list[str]:
    """The keys a model allows, in the model's order."""
    return list(owner.model_fields) if _is_model(owner) else []


def _choices(annotation: Any) -> list[str]:
    """The values an enum or a literal allows."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(m.value) for m in annotation]
    if get_origin(annotation) is Literal:
        return [str(v) for v in get_args(annotation)]
    return []


def _meant(given: Any, choices: list[str], words: Mapping[str, str]) -> str | None:
    """The allowed value a wrong one stands for: 突破 → over, More_Than → more_than."""
    if not isinstance(given, str):
        return None
    text = given.strip()
    words = {word: value for word, value in words.items() if word and value in choices}
    if text in words:
        return words[text]
    latin = {c.lower().replace("-", "_").replace(" ", "_"): c for c in choices}
    normal = text.lower().replace("-", "_").replace(" ", "_")
    if normal in latin:
        return latin[normal]
    return next((words[w] for w in sorted(words, key=len, reverse=True) if w in text), None)


def value_at(data: Any, loc: Loc) -> Any:
    """The plain value at loc, or None."""
    node = data
    for part in loc:
        inside_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (inside_list or (isinstance(node, dict) and part in node)):
            return None
        node = node[part]
    return node


def dotted(loc: Loc) -> str:
    """('themes', 0, 'metrics', 2) → 'themes[0].metrics[2]'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _reason(item: ErrorDetails) -> str:
    message = str(item["msg"])
    if item["type"] in ("model_type", "dict_type"):
        message = "Input should be a mapping (key: value)"
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if "input" not in item:
        return message
    given = item["input"]
    if isinstance(given, (dict, list)):
        if item["type"].endswith("_type"):
            message += f" (got {_shown(given)})"
    elif "(got " not in message:
        message += f" (got {_shown(given)})"
    return message


def shown(value: Any) -> str:
    """A value for a message, numbers as the file wrote them: 1000000, not 1e+06."""
    return _shown(value)


def _shown(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        if len(value) > LONGEST_SHOWN:  # cut, the quotes kept
            cut = repr(value[: LONGEST_SHOWN - 10])
            return f"{cut[:-1]}…{cut[-1]} ({len(value)} characters)"
        return repr(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        written = getattr(value, "text", None)
        if isinstance(written, str):
            return written
        if type(value).__name__ == "ScalarFloat":
            from ruamel.yaml.representer import RoundTripRepresenter

            return str(RoundTripRepresenter().represent_scalar_float(value).value)
        if isinstance(value, int):
            return str(int(value))
        return str(int(value)) if value.is_integer() else repr(float(value))
    return str(value)


def _is_tag(part: int | str) -> bool:
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


def _written(node: Any, key: Any, *, value: bool) -> tuple[int, int]:
    """0-based line and column of a mapping's key, or of its value: where the mapping wrote
    it, else where the mapping it merged (`<<: *anchor`) wrote it, else the mapping's own."""
    if key in node.lc.data:
        return node.lc.value(key) if value else node.lc.key(key)  # type: ignore[no-any-return]
    for item in getattr(node, "merge", []):
        merged = item[1] if isinstance(item, tuple) else item  # (index, map) before 0.18
        if isinstance(merged, dict) and key in merged and hasattr(merged, "lc"):
            return _written(merged, key, value=value)
    return _start(node)


def _is_missing_or_collection(value: Any) -> bool:
    return value is None or isinstance(value, (dict, list))  # in ruamel's tree, a
    # CommentedMap or CommentedSeq


def _start(node: Any) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    return (lc.line or 0, lc.col or 0) if lc is not None else (0, 0)


def _plain(node: Any) -> Any:
    """ruamel's tree as plain dicts, lists and scalars; folded Chinese lines joined."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    from .yamlplain import unfold_cjk

    if isinstance(node, dict):
        return {k if isinstance(k, int) else str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, FoldedScalarString):
        return unfold_cjk(str(node), getattr(node, "fold_pos", []))
    if isinstance(node, str):
        return str(node)
    return node


def _copied(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _copied(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_copied(v) for v in node]
    return node
