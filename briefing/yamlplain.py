"""The usual shape of a facts or brand file, read straight into plain data.

Facts and brand files are block mappings and sequences of one-line scalars, folded or
literal blocks and short flow lists. This reader takes exactly that shape and gives what
ruamel's round-trip loader followed by `Document.data()` gives, ten times faster; anything
else (anchors, tags, flow mappings, scalars over several lines, a YAML error …) raises
Unsupported, and the caller parses with ruamel, which also knows where every node is.

Numbers keep the digits they were written with (4.10 → Written(4.1, '4.10')), as ruamel's
round-trip floats do; plain scalars resolve as YAML 1.2 resolves them in ruamel.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from briefing.facts.model import Written

# Characters ruamel refuses (not printable) or breaks lines at, BOM and tabs: left to ruamel.
AWKWARD = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# ruamel's implicit resolvers for YAML 1.2 (resolver.py), past bool and null.
SPECIAL = re.compile(
    r"""(?:
     [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)
    |[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
     (?:[Tt]|[ \t]+)[0-9][0-9]?
     :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?
    |<<|=)""",
    re.X,
)
INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")  # written as is: 4.10 stays 4.10
MOST_DIGITS = 15  # past this a float's digits are not what was written
DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
WORDS = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(("~", "null", "Null", "NULL"), None),
}
BLOCK_HEADER = re.compile(r"([>|])(-?)(?: +#.*| *)")
DOUBLE_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
ESCAPE = re.compile(r"\\(?:([\\\"/nt])|u([0-9a-fA-F]{4}))|\\")
ESCAPED = {"\\": "\\", '"': '"', "/": "/", "n": "\n", "t": "\t"}
MOST_DEPTH = 32  # as briefing.yamlsafe: deeper files go to ruamel, which locates the error
LONGEST_KEY = 1000  # ruamel allows implicit keys up to 1024 characters
NOT_FIRST = set("&*!|>%@`'\"[]{},#")  # cannot start a plain scalar here


class Unsupported(Exception):
    """Text outside the shape this reader takes (or not YAML at all): parse it with ruamel."""


def parse(text: str) -> Any:
    """The file's data as ruamel's round-trip loader and Document.data() give it (an empty
    file gives an empty mapping); Unsupported where the text goes beyond the usual shape."""
    if AWKWARD.search(text):
        raise Unsupported("a character left to ruamel")
    return _Reader(text).document()


class _Reader:
    """Reads block nodes line by line; each method leaves `at` on the line after its node."""

    def __init__(self, text: str):
        self.raw = text.split("\n")
        self.lines: list[tuple[int, str]] = []
        for line in self.raw:
            content = line.lstrip(" ")
            self.lines.append((len(line) - len(content), content))
        self.at = 0
        self.depth = 0

    def document(self) -> Any:
        k = self.next()
        if k is None:
            return {}
        root = self.node(self.lines[k][0])
        if self.next() is not None:
            raise Unsupported("text after the document")
        return root

    def next(self) -> int | None:
        """The next line with content (past blank and comment lines), or None at the end."""
        k = self.at
        while k < len(self.lines):
            indent, content = self.lines[k]
            if content and content[0] != "#":
                if indent == 0 and content.startswith(("---", "...", "%")):
                    raise Unsupported("a document marker or directive")
                self.at = k
                return k
            k += 1
        self.at = k
        return None

    def node(self, indent: int) -> Any:
        self.depth += 1
        if self.depth > MOST_DEPTH:
            raise Unsupported("nested deeper than ruamel is let go")
        content = self.lines[self.at][1]
        found = self.sequence(indent) if _is_entry(content) else self.mapping(indent)
        self.depth -= 1
        return found

    def mapping(self, indent: int) -> dict[int | str, Any]:
        found: dict[int | str, Any] = {}
        while (k := self.next()) is not None:
            here, content = self.lines[k]
            if here < indent:
                break
            if here > indent or _is_entry(content):
                raise Unsupported("a line out of place in a mapping")
            key, rest = _key(content)
            if key is None or key in found:
                raise Unsupported("not a key, or a key given twice")
            self.at = k + 1
            found[key] = self.value(rest, indent, in_mapping=True)
        return found

    def sequence(self, indent: int) -> list[Any]:
        found: list[Any] = []
        while (k := self.next()) is not None:
            here, content = self.lines[k]
            if here < indent or (here == indent and not _is_entry(content)):
                break
            if here > indent:
                raise Unsupported("a line out of place in a sequence")
            rest = content[1:]
            item = rest.lstrip(" ")
            if item and item[0] != "#" and _key(item)[0] is not None:
                # a mapping that starts on the entry's line: read that line again as its first
                self.lines[k] = (indent + 1 + len(rest) - len(item), item)
                found.append(self.mapping(self.lines[k][0]))
                continue
            if _is_entry(item):
                raise Unsupported("a sequence that starts on an entry's line")
            self.at = k + 1
            found.append(self.value(item, indent, in_mapping=False))
        return found

    def value(self, rest: str, indent: int, *, in_mapping: bool) -> Any:
        """The value after a key or an entry's dash; `indent` is that mapping's or sequence's."""
        if not rest or rest[0] == "#":
            k = self.next()
            if k is None:
                return None
            here, content = self.lines[k]
            if here > indent:
                return self.node(here)
            if here == indent and in_mapping and _is_entry(content):
                return self.sequence(indent)
            return None
        if rest[0] in ">|":
            return self.block(rest, indent)
        if rest[0] in "[{":
            found: Any = _flow(rest)
        elif rest[0] in "\"'":
            found, end = _quoted(rest)
            _nothing_after(rest[end:])
        else:
            found = _plain(rest)
        k = self.next()
        if k is not None and self.lines[k][0] > indent:
            raise Unsupported("a scalar that goes on over several lines")
        return found

    def block(self, header: str, indent: int) -> str:
        """A folded (>) or literal (|) scalar, clipped or stripped (-), all lines at one
        indentation; folded lines of Chinese text join without the space YAML puts there."""
        matched = BLOCK_HEADER.fullmatch(header)
        if not matched:
            raise Unsupported("a block scalar header")
        style, chomp = matched.groups()
        k = self.at
        if k >= len(self.lines) or not self.lines[k][1]:
            raise Unsupported("a block scalar without a first line")
        inner = self.lines[k][0]
        if inner <= indent:
            raise Unsupported("an empty block scalar")
        parts: list[tuple[int, str]] = []  # (blank lines before, text)
        blanks = 0
        last = k
        while k < len(self.lines):
            here, content = self.lines[k]
            if not content:
                if here > inner:
                    raise Unsupported("spaces past the indentation of a block scalar")
                blanks += 1
            elif here < inner:
                break
            elif here > inner:
                raise Unsupported("a more indented line in a block scalar")
            else:
                parts.append((blanks, content))
                blanks, last = 0, k
            k += 1
        self.at = k
        text, folds = "", []
        for number, (blanks, content) in enumerate(parts):
            if number:
                if style == "|":
                    text += "\n" * (blanks + 1)
                elif blanks:
                    text += "\n" * blanks
                else:
                    folds.append(len(text))
                    text += " "
            text += content
        if not chomp and last < len(self.raw) - 1:
            text += "\n"
        return unfold_cjk(text, folds) if folds else text


def _is_entry(content: str) -> bool:
    return content[:1] == "-" and content[1:2] in ("", " ")


def _key(content: str) -> tuple[int | str | None, str]:
    """The key of a `key: value` line and what follows its colon; None if it is no key."""
    if content[0] in "[{":  # a flow collection (as a key, it is left to ruamel by the caller)
        return None, ""
    if content[0] in "\"'":
        key, end = _quoted(content)
        after = content[end:].lstrip(" ")
        if after[:1] != ":" or after[1:2] not in ("", " "):
            return None, ""
        return key, after[1:].lstrip(" ")
    colon = content.find(": ")
    if colon < 0:
        if not content.endswith(":"):
            return None, ""
        colon = len(content) - 1
    comment = content.find(" #")
    if 0 <= comment < colon:
        return None, ""
    text = content[:colon].rstrip(" ")
    if not text or len(text) > LONGEST_KEY:
        raise Unsupported("an empty or long key")
    key = _plain(text)
    if isinstance(key, bool) or not isinstance(key, (int, str)):
        raise Unsupported("a key that is not text or a whole number")
    return key, content[colon + 1 :].lstrip(" ")


def _plain(rest: str) -> Any:
    """A plain scalar up to its comment, resolved as YAML 1.2."""
    comment = rest.find(" #")
    text = (rest if comment < 0 else rest[:comment]).rstrip(" ")
    first = text[:1]
    if (
        not text
        or first in NOT_FIRST
        or (first in "-?:" and text[1:2] in ("", " "))
        or ": " in text
        or text.endswith(":")
    ):
        raise Unsupported("not a plain scalar")
    return _resolved(text)


def _resolved(text: str) -> Any:
    if text in WORDS:
        return WORDS[text]
    if not SPECIAL.fullmatch(text):
        return text
    if INTEGER.fullmatch(text):
        return int(text)
    if DECIMAL.fullmatch(text) and len(text.lstrip("-")) - 1 <= MOST_DIGITS:
        return Written(float(text), text)
    if matched := DATE.fullmatch(text):
        try:
            return dt.date(*(int(part) for part in matched.groups()))
        except ValueError:
            raise Unsupported("not a date") from None
    raise Unsupported("a number or time in another form")


def _quoted(text: str) -> tuple[str, int]:
    """A quoted scalar that ends on its line: its value and where it ends."""
    if text[0] == "'":
        end = 0
        while True:
            end = text.find("'", end + 1)
            if end < 0:
                raise Unsupported("a single-quoted scalar over several lines")
            if text[end + 1 : end + 2] != "'":
                return text[1:end].replace("''", "'"), end + 1
            end += 1
    matched = DOUBLE_QUOTED.match(text)
    if not matched:
        raise Unsupported("a double-quoted scalar over several lines")
    inner = matched.group(1)
    if "\\" in inner:
        inner = ESCAPE.sub(_escaped, inner)
    return inner, matched.end()


def _escaped(matched: re.Match[str]) -> str:
    simple, code = matched.groups()
    if simple:
        return ESCAPED[simple]
    if code and not 0xD800 <= int(code, 16) <= 0xDFFF:
        return chr(int(code, 16))
    raise Unsupported("an escape left to ruamel")


def _nothing_after(rest: str) -> None:
    """Only spaces, or a comment after a space, may follow a quoted scalar or a flow list."""
    stripped = rest.lstrip(" ")
    if stripped and (stripped[0] != "#" or stripped == rest):
        raise Unsupported("text after a quoted scalar or a flow list")


def _flow(text: str) -> list[Any] | dict[int | str, Any]:
    """A flow sequence or mapping of scalars on one line: [a, b, "c"], {top: 26, left: 25}."""
    closing = "]" if text[0] == "[" else "}"
    items: list[Any] = []
    keys: list[int | str] = []
    at = _spaces(text, 1)
    while text[at : at + 1] != closing or items:
        if closing == "}":
            key, at = _flow_scalar(text, at, ":")
            if isinstance(key, bool) or not isinstance(key, (int, str)) or key in keys:
                raise Unsupported("a flow mapping key left to ruamel")
            if text[at : at + 2] != ": ":
                raise Unsupported("a flow mapping entry left to ruamel")
            keys.append(key)
            at = _spaces(text, at + 1)
        value, at = _flow_scalar(text, at, ",]}")
        items.append(value)
        at = _spaces(text, at)
        if text[at : at + 1] == ",":
            at = _spaces(text, at + 1)
            continue
        if text[at : at + 1] != closing:
            raise Unsupported("a flow collection over several lines")
        break
    _nothing_after(text[at + 1 :])
    return dict(zip(keys, items, strict=True)) if closing == "}" else items


def _flow_scalar(text: str, at: int, stops: str) -> tuple[Any, int]:
    """A scalar inside a flow collection, up to one of `stops`, and where it ends."""
    if text[at : at + 1] in ("'", '"'):
        value, length = _quoted(text[at:])
        return value, at + length
    end = at
    while end < len(text) and text[end] not in stops:
        end += 1
    item = text[at:end].rstrip(" ")
    if (
        not item
        or any(c in item for c in "[]{}#:,")
        or item[0] in NOT_FIRST
        or item[0] in "?:"  # a complex key in a flow collection, whatever follows
        or (item[0] == "-" and item[1:2] in ("", " "))
    ):
        raise Unsupported("a flow item left to ruamel")
    return _resolved(item), end


def _spaces(text: str, at: int) -> int:
    while text[at : at + 1] == " ":
        at += 1
    return at


def unfold_cjk(text: str, folds: list[int]) -> str:
    """Drop the space a folded scalar put at a line break next to Chinese text."""
    chars = list(text)
    for pos in sorted(folds, reverse=True):
        inside = 0 < pos < len(chars) - 1 and chars[pos] == " "
        if inside and (_is_wide(chars[pos - 1]) or _is_wide(chars[pos + 1])):
            del chars[pos]
    return "".join(chars)


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")
