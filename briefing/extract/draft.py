"""Draft a facts file from an article: every figure located, no prose the article does not give.

The draft is plain data (dicts and lists) in the facts file's shape. Each metric, change,
ranking and claim carries its `quote` and `at`; titles and summaries the article does not give
are left as TODO for the editor, which `briefing validate` and `build` report as warnings.
"""

from __future__ import annotations

import re
from typing import Any

from briefing.extract.changes import CHANGE
from briefing.extract.figures import Found, find_figures
from briefing.extract.labels import entities_in, labels_for, list_name, period_of, region_of
from briefing.extract.labels import short_label as shortened
from briefing.extract.outlook import OutlookSpan, draft_outlook, outlook_span
from briefing.extract.sections import Parts, Section, first_sentences, parts_of
from briefing.extract.spans import SENTENCE_END
from briefing.facts.model import MOST_THEMES

TODO_TITLE = "TODO: 简报标题"
TODO_SUMMARY = "TODO: 概述（编者撰写）"
TODO_THEME_TITLE = "TODO: 主题标题"
TODO_THEME_SUMMARY = "TODO: 本主题摘要（编者撰写）"
TODO_LABEL = "TODO: 名称"
TODO_UNIT = "TODO: 单位"
GROUPED_THEMES = 8  # themes made of an article's paragraphs where it has no headings
KEY_FIGURES = 6
DEFAULT_VERBS = {"yoy": "同比增长", "growth": "增长", "added": "新增", "points": "提高"}
DEFAULT_VERBS |= {"places": "提升"}
FALL_VERBS = {"yoy": "同比下降", "growth": "下降", "added": "减少", "points": "下降"}
FALL_VERBS |= {"places": "下降"}
TARGET = re.compile(r"(?:提前)?(?:完成|实现)[^，,。；;]{0,18}目标")
AS_OF = re.compile(r"截至[^，,。；;]{2,14}?(?:年底|年末|月底|月末|日|年)")
SIZE = r"\d+[个家座所名位市县区]|[一二三四五六七八九十百]+[个家座所市县区]"
ALL_OF = re.compile(r"均|都|各项|二者|两者")
COUNTED = re.compile(r"(?P<count>[两二三四五六七八九十]|\d+)(?:项|个|类)(?:指标)?(?:均|都|分别)?")


def at_of(found: Found) -> str:
    """Where a figure was read: 'LINE:COLUMN'."""
    return f"{found.line}:{found.column}"


def number_of(found: Found) -> Any:
    """The value as the facts file writes it: the digits as printed (ASCII), grouped
    numbers as text ('1,086.2'), Chinese numerals as their whole value."""
    if found.numeral != "arabic":
        return int(found.value)
    digits = "".join(str(int(ch)) if ch.isdigit() else ch for ch in found.written)
    digits = digits.replace("，", ",")
    return Digits(digits)


class Digits(str):
    """A number to be written as these digits, unquoted unless grouped."""


def draft_facts(text: str, ident: str, source_title: str) -> dict[str, Any]:
    """The facts file drafted from an article's text, as plain data."""
    found = find_figures(text)
    parts = parts_of(text)
    drafter = _Drafter(text, found)
    opening_end = parts.sections[0].heading_start if parts.sections else 0
    headline: dict[str, Any] = {
        "summary": _opening_summary(text, parts) or TODO_SUMMARY,
        "rankings": [],
        "claims": [],
        "key_figures": [],
    }
    opening_metrics: list[dict[str, Any]] = []
    if parts.sections and opening_end:
        opening_metrics = drafter.opening(headline, 0, opening_end)
    outlook = outlook_span(text, parts)
    themes: list[dict[str, Any]] = []
    for section, (start, end) in _theme_spans(text, parts, outlook):
        theme = drafter.theme(section, start, end, len(themes) + 1)
        themes.append(theme)
    if not themes:
        themes.append(drafter.theme(None, 0, 0, 1))
    themes[0]["metrics"][:0] = opening_metrics
    if outlook is not None:  # its figures (targets, plans) stay in the draft, in the last theme
        drafter.fill(themes[-1], outlook.start, outlook.end)
    themes = _with_content(themes)
    headline["key_figures"] = _key_figures(themes)
    meta = {
        "id": ident,
        "title": parts.title or TODO_TITLE,
        **({"subtitle": parts.subtitle} if parts.subtitle else {}),
        "region": region_of(text) or "TODO: 地区",
        "period": period_of(text) or "TODO: 年份",
        "sources": [
            {
                "id": "source-article",
                "title": parts.title or source_title,
                "note": "TODO: 发布单位、日期与网址",
            }
        ],
    }
    for key in ("rankings", "claims", "key_figures"):
        if not headline[key]:
            del headline[key]
    drafted: dict[str, Any] = {
        "briefing": meta,
        "headline": headline,
        "themes": [_tidy(t) for t in themes],
    }
    if outlook is not None:
        drafted["outlook"] = draft_outlook(text, outlook)
        entities = drafter.entities(outlook.start, outlook.end)
        if entities:
            drafted["outlook"]["entities"] = entities
    return drafted


def _theme_spans(
    text: str, parts: Parts, outlook: OutlookSpan | None
) -> list[tuple[Section | None, tuple[int, int]]]:
    """The spans the themes cover, the outlook left out: one per section (the last the
    model allows takes any after it), or, with no headings, one per paragraph with figures
    (grouped to eight at most)."""
    stop = outlook.start if outlook is not None else len(text)
    if parts.sections:
        spans: list[tuple[Section | None, tuple[int, int]]] = [
            (s, (s.start, min(s.end, stop))) for s in parts.sections if s.start < stop
        ]
        if len(spans) > MOST_THEMES:
            last = spans[MOST_THEMES - 1]
            spans = [*spans[: MOST_THEMES - 1], (last[0], (last[1][0], spans[-1][1][1]))]
        return spans
    paragraphs = []
    offset = 0
    for line in text.split("\n"):
        if line.strip() and offset < stop:
            paragraphs.append((offset, min(offset + len(line), stop)))
        offset += len(line) + 1
    if not paragraphs:
        return [(None, (0, stop))]
    size = -(-len(paragraphs) // GROUPED_THEMES)
    groups = [paragraphs[i : i + size] for i in range(0, len(paragraphs), size)]
    return [(None, (g[0][0], g[-1][1])) for g in groups]


def _with_content(themes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The themes with figures, rankings or claims; a theme with none (a heading over prose)
    hands its entities to the theme before it (or after, for the first)."""
    kept = [t for t in themes if t["metrics"] or t["rankings"] or t["claims"]]
    if not kept:
        merged = themes[0]
        merged["entities"] = [e for t in themes for e in t["entities"]]
        return [merged if _has_content(merged) else _empty_theme()]
    for index, theme in enumerate(themes):
        if theme in kept:
            continue
        earlier = [t for t in themes[:index] if t in kept]
        host = earlier[-1] if earlier else kept[0]
        host["entities"] = host["entities"] + theme["entities"]
    for number, theme in enumerate(kept, 1):
        theme["id"] = f"theme-{number}"
    return kept


def _opening_summary(text: str, parts: Parts) -> str | None:
    start, end = parts.opening
    if not parts.sections:
        end = len(text)
    return first_sentences(text, start, end, least=20)


def _has_content(theme: dict[str, Any]) -> bool:
    return any(theme.get(k) for k in ("metrics", "claims", "entities", "highlights"))


def _empty_theme() -> dict[str, Any]:
    return {
        "id": "theme-1",
        "title": TODO_THEME_TITLE,
        "summary": TODO_THEME_SUMMARY,
        "highlights": [{"text": "TODO: 要点（编者撰写）"}],
    }


def _key_figures(themes: list[dict[str, Any]]) -> list[str]:
    """The first figure of each theme, then the next ones, up to six."""
    ids: list[str] = []
    for depth in range(KEY_FIGURES):
        for theme in themes:
            metrics = theme.get("metrics", [])
            if depth < len(metrics) and len(ids) < KEY_FIGURES:
                ids.append(metrics[depth]["id"])
    return ids


def _tidy(theme: dict[str, Any]) -> dict[str, Any]:
    """A theme without its empty lists; one of rankings alone gets a highlight to hold."""
    tidy = {k: v for k, v in theme.items() if v not in ([], None)}
    if not _has_content(tidy):
        tidy["highlights"] = [
            {"text": "TODO: 要点（编者撰写）", "rankings": [r["id"] for r in tidy["rankings"]]}
        ]
    return tidy


class _Drafter:
    """Turns the article's figures into metrics, rankings and claims, numbered as it goes."""

    def __init__(self, text: str, found: list[Found]):
        self.text = text
        self.found = found
        self.counts: dict[str, int] = {}
        self.ids: dict[int, str] = {}  # index of a figure → id of its metric or ranking
        self.items: dict[int, dict[str, Any]] = {}
        self.labels = labels_for(text, found)
        self.entity_names: set[str] = set()

    def _next(self, prefix: str) -> str:
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        return f"{prefix}-{self.counts[prefix]}"

    def _clause(self, found: Found) -> str:
        left = found.start
        while left > 0 and self.text[left - 1] not in "，,。；;\n":
            left -= 1
        return self.text[left : found.start]

    def theme(self, section: Section | None, start: int, end: int, number: int) -> dict[str, Any]:
        """The theme of one section: its figures, rankings, standings and entities."""
        summary = first_sentences(self.text, start, end) if section else None
        if summary and any(start <= f.start < end and f.start < start + 400 for f in self.found):
            first_figure = min(f.start for f in self.found if start <= f.start < end)
            if self.text.find(summary, start) + len(summary) > first_figure:
                summary = None
        theme: dict[str, Any] = {
            "id": f"theme-{number}",
            "title": (section.title if section and section.title else TODO_THEME_TITLE),
            "summary": summary or TODO_THEME_SUMMARY,
            "metrics": [],
            "rankings": [],
            "claims": [],
            "entities": [],
        }
        self.fill(theme, start, end)
        theme["entities"] = self.entities(start, end)
        return theme

    def opening(self, headline: dict[str, Any], start: int, end: int) -> list[dict[str, Any]]:
        """The opening's rankings and standings lead the headline; its figures, returned,
        go to the first theme."""
        holder: dict[str, Any] = {"metrics": [], "rankings": [], "claims": []}
        self.fill(holder, start, end)
        headline["rankings"] = holder["rankings"]
        headline["claims"] = holder["claims"]
        return list(holder["metrics"])

    def fill(self, holder: dict[str, Any], start: int, end: int) -> None:
        """Add the figures read between `start` and `end` to a theme (or the headline's
        holder): metrics with their changes, rankings, and standings as claims."""
        indexes = [i for i, f in enumerate(self.found) if start <= f.start < end]
        for i in indexes:
            found = self.found[i]
            if found.kind == "metric" or (found.kind == "change" and found.of is None):
                holder["metrics"].append(self._metric(i))
            elif found.kind == "ranking":
                holder["rankings"].append(self._ranking(i))
        for i in indexes:
            found = self.found[i]
            if found.kind == "change" and found.of is not None and found.of in self.items:
                self._attach_change(i)
        claimed: set[int] = set()
        for i in indexes:
            if self.found[i].kind == "standing" and i not in claimed:
                claim, used = self._claim(i)
                claimed |= used
                holder["claims"].append(claim)

    def _metric(self, index: int) -> dict[str, Any]:
        found = self.found[index]
        ident = self._next("fig")
        label = self.labels[index] or TODO_LABEL
        verb = self._verb(index)
        if found.kind == "change" and not label.endswith(verb):
            label = label + verb  # a change with nothing to change: a figure of its own
        metric: dict[str, Any] = {"id": ident, "label": label}
        short = shortened(label)
        if short:
            metric["short_label"] = short
        metric["value"] = number_of(found)  # a fall without a figure: its verb is in the label
        metric["unit"] = found.unit or TODO_UNIT
        if found.qualifier != "exact":
            metric["qualifier"] = found.qualifier
        if found.numeral != "arabic":
            metric["numeral"] = found.numeral
        clause = self._clause(found)
        if "首次" in clause:
            metric["first_time"] = True
        if "累计" in clause:
            metric["cumulative"] = True
        as_of = AS_OF.search(self._sentence_before(found))
        if as_of:
            metric["as_of"] = as_of.group()
        target = self._target_after(index)
        if target:
            metric["standing"] = target
        metric["quote"] = found.quote
        metric["at"] = at_of(found)
        if found.unit in ("%", "％") and abs(found.value) > 100:
            metric["unit"] = "%（TODO：超过100%，请改写）"
        self.ids[index] = ident
        self.items[index] = metric
        return metric

    def _verb(self, index: int) -> str:
        match = CHANGE.search(self._clause(self.found[index]))
        return match.group("verb") if match else ""

    def _sentence_before(self, found: Found) -> str:
        left = found.start
        while left > 0 and self.text[left - 1] not in SENTENCE_END:
            left -= 1
        return self.text[left : found.start]

    def _target_after(self, index: int) -> str | None:
        """提前完成“十四五”目标 after a figure's clause, before the next figure."""
        found = self.found[index]
        stop = len(self.text)
        for later in self.found[index + 1 :]:
            if later.kind == "metric":
                stop = later.start
                break
        sentence_end = min(
            (p for p in (self.text.find(ch, found.end) for ch in "。；;\n") if p >= 0),
            default=len(self.text),
        )
        match = TARGET.search(self.text, found.end, min(stop, sentence_end))
        return match.group() if match else None

    def _attach_change(self, index: int) -> None:
        found = self.found[index]
        assert found.of is not None
        host = self.items[found.of]
        match = CHANGE.search(self._clause(found))
        change: dict[str, Any] = {"kind": found.change_kind, "value": number_of(found)}
        if found.value < 0 and found.numeral == "arabic":
            change["value"] = Digits("-" + str(change["value"]))
        elif found.value < 0:
            change["value"] = -int(abs(found.value))
        if found.unit and not (found.change_kind in ("yoy", "growth") and found.unit == "%"):
            change["unit"] = found.unit
        if match and match.group("since") and match.group("since") not in ("同比", "环比"):
            since = re.sub(r"^[较比]", "", match.group("since"))
            year = re.fullmatch(r"(\d{4})年", since)
            change["since"] = int(year.group(1)) if year else since
        if found.qualifier != "exact":
            change["qualifier"] = found.qualifier
        if found.numeral != "arabic":
            change["numeral"] = found.numeral
        verb = match.group("verb") if match else None
        kind = found.change_kind or ""
        expected = FALL_VERBS if found.value < 0 else DEFAULT_VERBS
        if verb and verb not in expected.get(kind, "") and "since" not in change:
            change["verb"] = ("同比" if kind == "yoy" else "") + verb
        change["quote"] = found.quote
        change["at"] = at_of(found)
        if "rank" in host:
            if found.change_kind == "places":
                host["change"] = change
            return
        if found.change_kind == "places":
            return
        existing = host.get("change")
        host["change"] = change if existing is None else [*_listed(existing), change]

    def _ranking(self, index: int) -> dict[str, Any]:
        found = self.found[index]
        cut = ""
        if found.out_of:
            sizes = re.finditer(SIZE, self._clause(found))
            cut = next((m.group() for m in sizes if _number(m.group()) == found.out_of), "")
        name, subject, scope = list_name(self.text, found, cut)
        ident = self._next("rank")
        ranking: dict[str, Any] = {"id": ident, "list": name or "TODO: 榜单名称"}
        if subject:
            ranking["subject"] = subject
        ranking["rank"] = int(found.value)
        if found.out_of and found.out_of >= found.value:
            ranking["out_of"] = found.out_of
        if scope:
            ranking["scope"] = scope
        if found.numeral != "arabic" and found.written != "首":
            ranking["numeral"] = found.numeral
        if found.unit != "位":
            ranking["place"] = found.unit or ""
        ranking["quote"] = found.quote
        ranking["at"] = at_of(found)
        self.ids[index] = ident
        self.items[index] = ranking
        return ranking

    def _claim(self, index: int) -> tuple[dict[str, Any], set[int]]:
        """A standing as a claim: the figures it stands for (the one before it, or all of its
        sentence's where it says 均, 分别 …), its words, its quote and place."""
        found = self.found[index]
        used = {index}
        clause_start = found.start
        while clause_start > 0 and self.text[clause_start - 1] not in "，,。；;\n":
            clause_start -= 1
        clause_end = found.end
        while clause_end < len(self.text) and self.text[clause_end] not in "，,。；;\n":
            clause_end += 1
        last = found
        for j in range(index + 1, len(self.found)):
            other = self.found[j]
            if other.kind == "standing" and other.start < clause_end:
                used.add(j)
                last = other
        clause = self.text[clause_start:clause_end].strip()
        words = clause
        trigger = re.search(r"(?:位居|稳居|居于|居|位列|名列|排名|保持|进入)", words)
        if trigger and re.search(r"\d", words[: trigger.start()]):
            words = words[trigger.start() :]  # 专利1.2万件居全省第一 → 居全省第一
        claim: dict[str, Any] = {"id": self._next("claim"), "text": words or found.quote}
        sentence_start = clause_start
        while sentence_start > 0 and self.text[sentence_start - 1] not in SENTENCE_END:
            sentence_start -= 1
        for j in range(index - 1, -1, -1):  # figures after the standing before, if any
            if self.found[j].kind == "standing" and self.found[j].start >= sentence_start:
                sentence_start = self.found[j].end
                break
        before = [
            j
            for j, f in enumerate(self.found[:index])
            if f.start >= sentence_start and j in self.ids
        ]
        metrics = [self.ids[j] for j in before if self.found[j].kind != "ranking"]
        rankings = [self.ids[j] for j in before if self.found[j].kind == "ranking"]
        claim_metrics = metrics[-_covered(clause, len(used)) :] if metrics else []
        if claim_metrics:
            claim["metrics"] = claim_metrics
        elif rankings:
            claim["rankings"] = rankings[-1:]
        claim["quote"] = self.text[found.start : last.end]
        claim["at"] = at_of(found)
        return claim, used

    def entities(self, start: int, end: int) -> list[dict[str, Any]]:
        """The entities named between `start` and `end` not drafted before, with ids."""
        entities = []
        for named in entities_in(self.text, start, end):
            if named.name in self.entity_names:
                continue
            self.entity_names.add(named.name)
            entities.append({"id": self._next("entity"), "name": named.name, "kind": named.kind})
        return entities


def _covered(clause: str, standings: int) -> int:
    """How many of the figures before it a standing covers: as many as it counts (两项指标
    都居全国第四, 三项均排在全国第一), one each for 分别居全国第六和第三, all for 均; else one."""
    counted = COUNTED.search(clause)
    if counted:
        return max(1, _number(counted.group("count") + "项"))
    if "分别" in clause and standings > 1:
        return standings
    if ALL_OF.search(clause):
        return 99
    return 1


def _listed(change: Any) -> list[Any]:
    return change if isinstance(change, list) else [change]


def _number(written: str) -> int:
    digits = re.match(r"\d+", written)
    if digits:
        return int(digits.group())
    from briefing.extract.numerals import chinese_value

    return chinese_value(written[:-1]) or 0
