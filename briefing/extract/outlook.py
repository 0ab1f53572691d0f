"""The outlook of an article: its 下一步 part, summed up in its own words, pledges from its items.

Work summaries and news close on what comes next, under a heading (三、下一步工作, 四、2025年工作
打算, “十四五”工作思路) or in a paragraph that opens with 下一步， or 今后，. That part is the
draft's outlook, not a theme: its summary is its opening words, its pledges its enumerated items
(一是…；二是…, or （一）加快创建国家高新区。…), each split into what is done (action) and to what
(name), the rest of the item as its points.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from briefing.extract.sections import Parts, first_sentences

HEADING = re.compile(
    r"下一步|下一阶段|下步|展望|今后|^未来|工作计划|工作打算|工作安排|工作思路|工作设想|下半年工作"
)
OPENING = re.compile(r"(?:下一步|下一阶段|下步|今后|展望未来|未来一个时期|新的一年)[，,：:]")
INLINE_ITEM = re.compile(r"(?:^|(?<=[，,；;：:。\n将要]))[一二三四五六七八九十]是")
LINE_ITEM = re.compile(r"^[（(][一二三四五六七八九十]{1,2}[）)]|^\d{1,2}[、.．]", re.MULTILINE)
ADVERBS = "持续|加快|深入|全面|大力|积极|进一步|着力|切实|继续|不断|重点|统筹|扎实|稳步|努力"
VERBS = (
    "推进|推动|实施|建设|落实|加强|完善|优化|深化|培育|引导|支持|扩大|提升|强化|打造|构建|健全|"
    "创建|争创|发挥|用好|补齐|抓好|狠抓|组织|开展|加大|促进|引进|建立|设立|聚焦|围绕|坚持|做好|"
    "提高|壮大|加快|服务|布局|谋划|探索|鼓励|帮助|出台|制定|召开|举办|筹建|组建|拓展|拓宽"
)
ACTION = re.compile(rf"(?:{ADVERBS})?(?:{VERBS})")
MOST_POINTS = 4
TODO_OUTLOOK = "TODO: 展望（编者撰写）"


@dataclass(frozen=True)
class OutlookSpan:
    """Where an article's outlook is: from the start of its heading or paragraph to its end;
    its text starts at `body` (after the heading line)."""

    start: int
    body: int
    end: int


def outlook_span(text: str, parts: Parts) -> OutlookSpan | None:
    """The article's outlook: a section under a heading such as 下一步工作 or 工作打算 (not the
    only section), else a paragraph opening with 下一步， and the rest of its section."""
    sections = list(parts.sections)
    for index, section in enumerate(sections):
        if index and section.title and HEADING.search(section.title):
            start = section.heading_start if section.heading_start is not None else section.start
            return OutlookSpan(
                start, section.start, sections[-1].end if _closing(sections, index) else section.end
            )
    offset = 0
    for line in text.split("\n"):
        if OPENING.match(line.strip()) and offset > len(text) // 3:
            end = next((s.end for s in sections if s.start <= offset < s.end), len(text))
            return OutlookSpan(offset, offset, end)
        offset += len(line) + 1
    return None


def _closing(sections: list[Any], index: int) -> bool:
    """Whether the outlook section is followed only by more of the same (a plan's items)."""
    return all(HEADING.search(s.title or "") for s in sections[index + 1 :])


def draft_outlook(text: str, span: OutlookSpan) -> dict[str, Any]:
    """The outlook of the draft: its summary (the outlook's opening words, else its first
    sentence, else a TODO) and a pledge for each enumerated item."""
    body = text[span.body : span.end]
    items = _items(body)
    before_items = span.body + items[0][0] if items else span.end
    summary = _summary(text[span.body : before_items]) or first_sentences(
        text, span.body, before_items, least=10, most=150
    )
    outlook: dict[str, Any] = {"summary": summary or TODO_OUTLOOK}
    pledges = [_pledge(words, number) for number, (_, words) in enumerate(items, 1)]
    pledges = [p for p in pledges if p is not None]
    if pledges:
        outlook["pledges"] = pledges
    return outlook


def _items(body: str) -> list[tuple[int, str]]:
    """The enumerated items of the outlook, with where each starts: 一是… or （一）… lines."""
    marks = list(LINE_ITEM.finditer(body))
    if len(marks) < 2:
        marks = list(INLINE_ITEM.finditer(body))
    if len(marks) < 2:
        return []
    items = []
    for mark, following in zip(marks, [*marks[1:], None], strict=True):
        end = following.start() if following else len(body)
        words = body[mark.end() : end]
        if following is None:
            words = words.split("\n")[0]
        items.append((mark.start(), words.strip(" \u3000\n；;，,。")))
    return items


def _summary(opening: str) -> str | None:
    """The words before the items, as a sentence: 下一步，市科技局将坚持…两手抓。; the whole
    sentence before them where they open too briefly (下一步，我们将一是…)."""
    sentences = [s.strip(" \u3000\n") for s in re.split(r"[。！!]", opening)]
    sentences = [s for s in sentences if s]
    if not sentences:
        return None
    last = sentences[-1].strip("，,：:；;")
    if len(re.sub(r"^(?:下一步|下一阶段|今后)[，,]|[将要]$", "", last)) >= 6:
        return last + "。"
    if len(sentences) > 1:
        return sentences[-2].strip("，,：:；;") + "。"
    return None


def _pledge(words: str, number: int) -> dict[str, Any] | None:
    """A pledge from one item: its first clause split into action (加快建设) and name (太湖
    科学城等重大创新载体); its other clauses are its points."""
    clauses = [c.strip() for c in re.split(r"[，,；;。！!]", words) if c.strip()]
    if not clauses:
        return None
    head, points = clauses[0], clauses[1:]
    leading = ACTION.match(head)
    if leading:
        action, name = leading.group(), head[leading.end() :]
    else:
        inner = ACTION.search(head)
        action, name = (inner.group() if inner else "TODO: 举措"), head
    if len(name) < 2:
        name = head
    pledge: dict[str, Any] = {"id": f"pledge-{number}", "name": name, "action": action}
    if points:
        pledge["items"] = points[:MOST_POINTS]
    return pledge
