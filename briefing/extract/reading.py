"""Read an article as plain text: .txt and .md as they are, .html stripped, .docx by paragraph.

Plain text is UTF-8 (with or without a byte-order mark), else GB18030 (which covers GBK and
GB2312); anything else is refused with a clear message. Lines and columns of every figure are
counted in the text returned here, so line endings are made \\n and nothing else is changed.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from briefing.errors import BriefingError

SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm", ".docx")
BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article"}
BLOCKS |= {"table", "ul", "ol", "header", "blockquote", "pre", "title", "td", "th"}
SKIPPED = {"script", "style", "noscript", "template", "svg", "head", "nav", "footer"}


def read_article(path: Path) -> str:
    """The article's text, lines ending in \\n; BriefingError if it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise BriefingError(
            f"{path}: cannot read '{suffix or 'no suffix'}' files; "
            "give an article as .txt, .md, .html or .docx"
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BriefingError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise BriefingError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise BriefingError(f"{path}: cannot read ({exc.strerror})") from None
    if suffix == ".docx":
        return _docx_text(path)
    text = decoded(data, path)
    if suffix in (".html", ".htm"):
        text = html_text(text)
    return text


def decoded(data: bytes, path: Path) -> str:
    """Bytes as text: UTF-8, else GB18030/GBK; a located error for anything else."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            line = data[: utf8_error.start].count(b"\n") + 1
            raise BriefingError(
                f"{path}:{line}: neither UTF-8 nor GB18030/GBK text; "
                "save the article as UTF-8 and try again"
            ) from None
        if not _looks_chinese(text):
            raise BriefingError(
                f"{path}: not UTF-8, and as GB18030/GBK it reads as no Chinese text; "
                "save the article as UTF-8 and try again"
            ) from None
    if "\x00" in text:
        raise BriefingError(f"{path}: holds NUL characters (UTF-16?); save it as UTF-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_chinese(text: str) -> bool:
    """Whether most letters of a decoded text are common Chinese characters."""
    letters = [ch for ch in text if ch.isalpha() and not ch.isascii()]
    common = [ch for ch in letters if "\u4e00" <= ch <= "\u9fff"]
    return bool(letters) and len(common) >= 0.8 * len(letters)


class _TextOf(HTMLParser):
    """The text of an HTML page, a line for each block; a line of links alone (a menu, a
    breadcrumb) is left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.linked = True  # whether every word of the current line is a link's
        self.skipping = 0
        self.links = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skipping += 1
        elif tag in BLOCKS:
            self._break()
        elif tag == "a":
            self.links += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS:
            self._break()
        elif tag == "a":
            self.links = max(0, self.links - 1)

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        words = re.sub(r"\s+", " ", data)
        self.line.append(words)
        if words.strip() and not self.links:
            self.linked = False

    def _break(self) -> None:
        if not self.linked:
            self.lines.append("".join(self.line))
        self.line, self.linked = [], True

    def text(self) -> str:
        """The lines read so far, the last one ended."""
        self._break()
        return "\n".join(self.lines)


def html_text(page: str) -> str:
    """An HTML page's text: scripts, styles, menus and lines of links dropped, one line per
    paragraph."""
    parser = _TextOf()
    parser.feed(page)
    parser.close()
    lines = (html.unescape(line).strip() for line in parser.text().split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


def _docx_text(path: Path) -> str:
    """A Word document's paragraphs and table cells, one line each (needs python-docx)."""
    try:
        import docx  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError:
        raise BriefingError(
            f"{path}: reading .docx needs python-docx (pip install python-docx); "
            "or save the article as .txt"
        ) from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # a broken or mislabelled file: say so, no traceback
        raise BriefingError(f"{path}: not a readable .docx ({exc})") from None
    lines = [p.text.strip() for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text.strip() for cell in row.cells))
    return "\n".join(line for line in lines if line) + "\n"
