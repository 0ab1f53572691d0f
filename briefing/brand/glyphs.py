"""Characters of the user's text that the chosen font cannot draw, and where they are."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from briefing.brand.fonts import inspect_font
from briefing.brand.kit import Brand
from briefing.errors import Problem
from briefing.yamlfile import Document, Loc

MOST_REPORTED = 20


def missing_glyphs(documents: list[Document], brand: Brand) -> list[Problem]:
    """One problem per character the brand's PDF fonts lack, at its first use."""
    faces = [brand.fonts.regular, brand.fonts.bold]
    infos = [inspect_font(path) for path in dict.fromkeys(faces)]
    first: dict[str, tuple[Document, Loc]] = {}
    uses: dict[str, int] = {}
    for document in documents:
        for loc, text in _strings(document.data(), ()):
            for char in text:
                if char.isspace() or all(ord(char) in info.characters for info in infos):
                    continue
                first.setdefault(char, (document, loc))
                uses[char] = uses.get(char, 0) + 1
    problems = []
    for char, (document, loc) in list(first.items())[:MOST_REPORTED]:
        lacking = ", ".join(
            f"{path.name}"
            for path, info in zip(dict.fromkeys(faces), infos, strict=True)
            if ord(char) not in info.characters
        )
        more = f"; used {uses[char]} times in all" if uses[char] > 1 else ""
        reason = f"'{char}' (U+{ord(char):04X}) is not in the font {lacking}{more}"
        problems.append(document.problem(loc, reason))
    if len(first) > MOST_REPORTED:
        document, loc = list(first.values())[MOST_REPORTED]
        problems.append(
            document.problem(loc, f"and {len(first) - MOST_REPORTED} more missing characters")
        )
    return problems


def _strings(node: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(node, str):
        yield loc, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*loc, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*loc, index))
