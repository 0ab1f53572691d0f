"""Write a drafted facts file as YAML people edit: block style, numbers as printed, ids in lists."""

from __future__ import annotations

import json
import re
from typing import Any

from briefing.extract.draft import Digits

# A text that YAML would read as something else, or that needs quoting to survive.
PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9.+~][^#:\n]*(?<!\s)$")
READ_AS_OTHER = re.compile(r"^(?:true|false|yes|no|on|off|null|y|n)$", re.IGNORECASE)
IDS = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def to_yaml(data: dict[str, Any], header: list[str]) -> str:
    """The YAML text of the data, with the header lines as comments at the top."""
    lines = [f"# {line}" if line else "#" for line in header]
    lines.append("")
    for key, value in data.items():
        lines += _entry(key, value, 0)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _entry(key: str, value: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        return [f"{pad}{key}:", *_mapping(value, indent + 2)]
    if isinstance(value, list):
        if value and all(isinstance(v, str) and IDS.match(v) for v in value):
            return [f"{pad}{key}: [{', '.join(value)}]"]
        out = [f"{pad}{key}:"]
        for item in value:
            out += _item(item, indent + 2)
        return out
    return [f"{pad}{key}: {scalar(value)}"]


def _mapping(mapping: dict[str, Any], indent: int) -> list[str]:
    out = []
    for key, value in mapping.items():
        out += _entry(key, value, indent)
    return out


def _item(item: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(item, dict):
        inner = _mapping(item, indent + 2)
        return [f"{pad}- {inner[0].lstrip()}", *inner[1:]] if inner else [f"{pad}- {{}}"]
    return [f"{pad}- {scalar(item)}"]


def scalar(value: Any) -> str:
    """One value as YAML: digits as printed, texts plain where safe, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Digits):
        return json.dumps(str(value)) if "," in value else str(value)
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if PLAIN.match(text) and not READ_AS_OTHER.match(text):
        return text
    return json.dumps(text, ensure_ascii=False)
