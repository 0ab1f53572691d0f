"""An article's parts: its title line, its opening, and a section under each heading."""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADING_FORMS = (  # the kinds of heading, the more telling first
    ("markdown", re.compile(r"^#{1,3}\s*(?P<title>\S.*)$")),
    ("chinese", re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]\s*(?P<title>\S.*)$")),
    ("bracketed", re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]\s*(?P<title>\S.*)$")),
    ("numbered", re.compile(r"^\d{1,2}[、．]\s*(?P<title>\S.{1,28})$")),
)
SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
LONGEST_TITLE = 30


@dataclass(frozen=True)
class Section:
    """A heading and the text under it (offsets in the article)."""

    title: str | None  # None: a part with no heading of its own
    start: int  # where its text starts (after the heading line)
    end: int
    heading_start: int | None = None  # where the heading's line starts


@dataclass(frozen=True)
class Parts:
    """The parts of an article: title line, opening (before the first heading), sections."""

    title: str | None
    opening: tuple[int, int]
    sections: tuple[Section, ...]
    subtitle: str | None = None  # a line under the title opening with a dash: ——从…看…


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for every line of the text."""
    out = []
    offset = 0
    for line in text.split("\n"):
        out.append((offset, line))
        offset += len(line) + 1
    return out


def _short_title(line: str) -> bool:
    """A line that reads as a title: short, Chinese, no sentence marks, no figure."""
    line = line.strip()
    return (
        2 <= len(line) <= 24
        and re.search(r"[\u4e00-\u9fff]", line) is not None
        and not re.search(r"[。；;，,:：!！?？|]", line)
        and not re.search(r"\d", re.sub(r"\d{4}年", "", line))
    )


def _heading(line: str, form: str) -> str | None:
    """The title a line gives as a heading of the given form, or None."""
    stripped = line.strip()
    if form == "short":
        return stripped if _short_title(stripped) else None
    pattern = dict(HEADING_FORMS)[form]
    match = pattern.match(stripped)
    if match is None:
        return None
    title = re.split(r"[。；;]", match.group("title"))[0].strip(" *#")
    title = re.split(r"[，,]", title)[0] if len(title) > LONGEST_TITLE else title
    return title[:LONGEST_TITLE] or None


def parts_of(text: str) -> Parts:
    """The article's title line (a short first line), its opening and its sections, by the
    most telling kind of heading it uses (# …, 一、…, （一）…, 1、…, short title lines)."""
    lines = [(o, line) for o, line in _lines(text)]
    filled = [(o, line) for o, line in lines if line.strip()]
    title = None
    subtitle = None
    body = filled
    dashed = len(filled) > 1 and filled[1][1].strip().startswith(("——", "—", "--"))
    if (
        len(filled) > 1
        and _short_title(filled[0][1])
        and not _heading(filled[0][1], "chinese")
        and (dashed or not _short_title(filled[1][1]))
    ):
        title = filled[0][1].strip()
        body = filled[1:]
        if dashed:
            subtitle = body[0][1].strip().lstrip("—-　 ") or None
            body = body[1:]
    for form in [f for f, _ in HEADING_FORMS] + ["short"]:
        heads = [(o, h) for o, line in body if (h := _heading(line, form))]
        if form == "short" and len(heads) < 2:
            continue
        if heads:
            parts = _split(text, title, body, heads)
            return Parts(parts.title, parts.opening, parts.sections, subtitle)
    start = body[0][0] if body else 0
    return Parts(title, (start, start), (), subtitle)


def _split(
    text: str, title: str | None, body: list[tuple[int, str]], heads: list[tuple[int, str]]
) -> Parts:
    sections = []
    for index, (offset, head) in enumerate(heads):
        line_end = text.find("\n", offset)
        line_end = len(text) if line_end < 0 else line_end + 1
        rest = text[offset:line_end]
        cut = offset + len(rest)
        if len(rest.strip()) > len(head) + 6:  # 一、科技投入。全市…: the text goes on
            cut = offset + rest.find(head) + len(head)
        end = heads[index + 1][0] if index + 1 < len(heads) else len(text)
        sections.append(Section(head, cut, end, offset))
    opening_start = body[0][0] if body else 0
    return Parts(title, (opening_start, heads[0][0]), tuple(sections))


def first_sentences(text: str, start: int, end: int, least: int = 15, most: int = 90) -> str | None:
    """The first sentence of the part that reads as prose: a whole sentence (ending 。),
    `least` to `most` characters, no figures in it; None if there is none."""
    for match in SENTENCE.finditer(text, start, end):
        sentence = match.group().strip()
        if (
            least <= len(sentence) <= most
            and sentence.endswith(("。", "！", "!"))
            and not re.search(r"\d|第[一二三四五六七八九十]", re.sub(r"\d{4}年", "", sentence))
        ):
            return sentence
    return None
