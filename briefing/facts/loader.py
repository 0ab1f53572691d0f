"""Read a facts file: parse, validate types, then check what types cannot."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from briefing.errors import InputError, Problem
from briefing.facts.model import (
    PRINTABLE,
    UNPRINTABLE,
    ChangeKind,
    Chart,
    ChartKind,
    EntityKind,
    Facts,
    Metric,
    Numeral,
    Qualifier,
    Ranking,
    Written,
    plain_text,
)
from briefing.facts.printed import LARGEST_CHINESE
from briefing.yamlfile import (
    Document,
    Found,
    Loc,
    Step,
    Words,
    dotted,
    interpret,
    shown,
    value_at,
)
from briefing.yamlsafe import character_problem

Finding = tuple[Loc, str]
Where = tuple[int | str, ...]
SINGULAR = {"metrics": "metric", "rankings": "ranking", "entities": "entity"}

# What people write instead of the allowed values: '突破' is written over.
WORDS: Words = {
    Qualifier: {
        "突破": "over",
        "超": "more_than",
        "超过": "more_than",
        "逾": "more_than",
        "近": "nearly",
        "接近": "nearly",
        "将近": "nearly",
        "约": "about",
        "大约": "about",
        "左右": "around" if "around" in Qualifier._value2member_map_ else "about",
        "余": "and_more",
        "多": "and_more",
        "以上": "above",
        "准确": "exact",
        "精确": "exact",
    },
    Numeral: {
        "中文": "chinese",
        "汉字": "chinese",
        "中文数字": "chinese",
        "阿拉伯": "arabic",
        "阿拉伯数字": "arabic",
        "数字": "arabic",
        "两": "liang",
    },
    ChangeKind: {
        "同比": "yoy",
        "同比增长": "yoy",
        "增长": "growth",
        "增速": "growth",
        "新增": "added",
        "增加": "added",
        "百分点": "points",
        "个百分点": "points",
        "位次": "places",
        "提升": "places",
        "名次": "places",
    },
    Literal["early", "yes", "no"]: {
        "提前完成": "early",
        "提前": "early",
        "完成": "yes",
        "已完成": "yes",
        "未完成": "no",
        "尚未完成": "no",
    },
    EntityKind: {
        "机构": "institution",
        "组织": "organization",
        "企业": "enterprise",
        "公司": "enterprise",
        "人物": "person",
        "人才": "person",
        "奖项": "award",
        "项目": "project",
        "技术": "technology",
        "地点": "place",
        "政策": "policy",
        "计划": "program",
        "活动": "event",
        "平台": "platform",
        "荣誉": "recognition",
        "产业": "industry",
    },
    ChartKind: {
        "柱状图": "bar",
        "条形图": "bar",
        "分组": "grouped",
        "占比": "share",
        "排名": "ranking",
        "折线图": "line",
        "趋势": "line",
    },
}
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"  # as the model's Id
MOST_ROUNDS = 20  # validations of ever smaller data before giving up on the rule checks
# Required texts that no rule reads, so a placeholder can stand in for one in error (not unit:
# a placeholder unit would mix units).
WORDING = {"title", "summary", "label", "text", "name", "list", "region", "period", "action"}
PLACEHOLDER = "…"


def load_facts(path: Path) -> Facts:
    """A validated Facts from a YAML file, or InputError listing every problem."""
    return read_facts(path)[0]


def read_facts(path: Path) -> tuple[Facts, Document]:
    """The validated Facts and the parsed file they came from (for locating later findings)."""
    facts, document, problems = inspect_facts(path)
    if problems or facts is None:
        raise InputError(problems)
    return facts, document


def inspect_facts(path: Path) -> tuple[Facts | None, Document, list[Problem]]:
    """Every problem of a facts file at once: types, references, rules; in file order.

    Where types are wrong, the smallest list item (or optional key) holding each error is
    left out and the rest validated again, so the rule and reference checks still run on what
    is left; their findings about what was left out (an id it had, the object it was in) are
    dropped, as they would only repeat the type error in other words. The Facts are those of
    the file without what was left out, None if nothing could be validated. A YAML syntax
    error raises InputError: there is no document to check.
    """
    document = Document.load(Path(path))
    data = document.data()
    try:
        facts: Facts | None = Facts.model_validate(data)
    except ValidationError as exc:
        found = interpret(exc, data, Facts, WORDS)
        problems = [document.located(_worded(f)) for f in found]
        facts, dropped, patched = _validate_without(data, found)
    else:
        problems, dropped, patched = [], set(), set()
    if facts is not None:
        findings = _kept(check_facts(facts), data, dropped, patched)
        problems += [document.problem(loc, reason) for loc, reason in findings]
    return facts, document, sorted(problems, key=lambda p: (p.line, p.column))


def _worded(found: Found) -> Found:
    """An id that breaks the pattern, said in words."""
    pattern = (found.context or {}).get("pattern")
    if found.kind == "string_pattern_mismatch" and pattern == ID_PATTERN:
        reason = f"{shown(found.given)} is not an id: use lower-case letters, digits and hyphens"
        return dataclasses.replace(found, reason=reason)
    if found.kind == "string_pattern_mismatch" and pattern == PRINTABLE:
        odd = UNPRINTABLE.search(str(found.given))
        if odd is not None:
            reason = f"{character_problem(odd.group())} (got {shown(found.given)})"
            return dataclasses.replace(found, reason=reason)
    return found


def _validate_without(
    data: Any, errors: list[Found]
) -> tuple[Facts | None, set[Where], set[Where]]:
    """Facts of the data without the smallest parts holding errors (or with a placeholder
    for a required text), which parts were left out and which texts replaced."""
    dropped: set[Where] = set()
    patched: set[Where] = set()
    for _ in range(MOST_ROUNDS):
        drops: set[Where] = set()
        patches: set[Where] = set()
        for error in errors:
            drop, patch = _remedy(error, data, dropped)
            if not (drop or patch):
                return None, dropped, patched
            drops |= drop
            patches |= patch
        if drops <= dropped and patches <= patched:
            return None, dropped, patched
        dropped |= drops
        patched |= patches
        kept = _without(data, dropped, patched)
        try:
            return Facts.model_validate(kept), dropped, patched
        except ValidationError as exc:
            errors = interpret(exc, kept, Facts, WORDS)
    return None, dropped, patched


def _remedy(error: Found, data: Any, dropped: set[Where]) -> tuple[set[Where], set[Where]]:
    """What to leave out for an error (in the file's numbering): the smallest list item, map
    entry or optional key holding it, or the items past a list's maximum; or else, for a
    required text, what to fill with a placeholder. Nothing if only required keys hold it."""
    loc = _original(data, dropped, error.loc)
    if error.kind == "too_long" and error.context and "max_length" in error.context:
        items = value_at(data, loc)
        if isinstance(items, list):
            kept = [i for i in range(len(items)) if (*loc, i) not in dropped]
            return {(*loc, i) for i in kept[int(error.context["max_length"]) :]}, set()
    for depth in range(len(error.steps), 0, -1):
        step = error.steps[depth - 1]
        if step.via in ("item", "entry", "unknown") or (step.via == "field" and not step.required):
            return {loc[:depth]}, set()
        if depth == len(error.steps) and _free_text(step):
            return set(), {loc[:depth]}
    return set(), set()


def _free_text(step: Step) -> bool:
    """A required text of wording only, which a placeholder can stand in for."""
    return step.field is not None and step.field.annotation is str and step.part in WORDING


def _without(node: Any, dropped: set[Where], patched: set[Where], loc: Where = ()) -> Any:
    """The plain data without the parts at the dropped locations, placeholders at the patched."""
    if loc in patched:
        return PLACEHOLDER
    if isinstance(node, dict):
        kept = {
            k: _without(v, dropped, patched, (*loc, k))
            for k, v in node.items()
            if (*loc, k) not in dropped
        }
        for where in patched:
            if where[:-1] == loc and where[-1] not in kept:
                kept[where[-1]] = PLACEHOLDER
        return kept
    if isinstance(node, list):
        return [
            _without(v, dropped, patched, (*loc, i))
            for i, v in enumerate(node)
            if (*loc, i) not in dropped
        ]
    return node


def _original(data: Any, dropped: set[Where], loc: Loc) -> Where:
    """A location in the data without the dropped parts, as a location in the file's data."""
    out: list[int | str] = []
    node = data
    for part in loc:
        if isinstance(node, list) and isinstance(part, int):
            kept = [i for i in range(len(node)) if (*out, i) not in dropped]
            index = kept[part] if 0 <= part < len(kept) else part
            out.append(index)
            node = node[index] if 0 <= index < len(node) else None
        else:
            out.append(part)
            node = node.get(part) if isinstance(node, dict) else None
    return tuple(out)


def _kept(
    findings: list[Finding], data: Any, dropped: set[Where], patched: set[Where]
) -> list[Finding]:
    """Findings in the file's numbering, less those only the left-out parts explain: inside
    or around what was left out, or beside a left-out optional key (whose default stood in),
    or a reference to an id that a left-out part had; or about a placeholder text."""
    if not (dropped or patched):
        return findings
    gone_ids = {ident for loc in dropped for ident in _ids_in(value_at(data, loc))}
    around = {loc[:-1] for loc in dropped if len(loc) > 1 and isinstance(loc[-1], str)}
    kept: list[Finding] = []
    for loc, reason in findings:
        where = _original(data, dropped, loc)
        value = value_at(data, where)
        if (
            any(_within(where, gone) or _within(gone, where) for gone in dropped)
            or any(_within(where, parent) for parent in around | patched)
            or (isinstance(value, str) and value in gone_ids)
        ):
            continue
        kept.append((where, reason))
    return kept


def _within(loc: Loc, outer: Loc) -> bool:
    return tuple(loc[: len(outer)]) == tuple(outer)


def _ids_in(node: Any) -> Iterator[str]:
    """Every id in a part of the data: its own and its items'."""
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            yield node["id"]
        for value in node.values():
            yield from _ids_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from _ids_in(value)


def check_facts(facts: Facts) -> list[Finding]:
    """What the types cannot say: unique ids, references, ranges, charts."""
    return [
        *_unique_ids(facts),
        *_metric_ranges(facts),
        *_rank_ranges(facts),
        *_references(facts),
        *_charts(facts),
        *_theme_content(facts),
    ]


def _ids(facts: Facts) -> Iterator[tuple[Loc, str]]:
    yield from (
        (("briefing", "sources", i, "id"), s.id) for i, s in enumerate(facts.briefing.sources)
    )
    yield from (
        (("headline", "rankings", i, "id"), r.id) for i, r in enumerate(facts.headline.rankings)
    )
    yield from (
        (("headline", "claims", i, "id"), c.id) for i, c in enumerate(facts.headline.claims)
    )
    for t, theme in enumerate(facts.themes):
        yield ("themes", t, "id"), theme.id
        for field in ("metrics", "rankings", "claims", "entities", "charts"):
            for i, item in enumerate(getattr(theme, field)):
                yield ("themes", t, field, i, "id"), item.id
    if facts.outlook is not None:
        for field in ("pledges", "entities"):
            for i, item in enumerate(getattr(facts.outlook, field)):
                yield ("outlook", field, i, "id"), item.id


def _unique_ids(facts: Facts) -> Iterator[Finding]:
    first: dict[str, Loc] = {}
    for loc, ident in _ids(facts):
        if ident in first:
            yield loc, f"id '{ident}' is already used at {dotted(first[ident])}"
        else:
            first[ident] = loc


def _metric_ranges(facts: Facts) -> Iterator[Finding]:
    for t, theme in enumerate(facts.themes):
        for i, metric in enumerate(theme.metrics):
            loc = ("themes", t, "metrics", i)
            if metric.unit.strip() in ("%", "％") and not 0 <= metric.value <= 100:
                yield (*loc, "value"), f"a percentage must lie in 0–100, not {_echo(metric.value)}"
            yield from _series(metric, facts.briefing.period, loc)
            yield from _numeral(metric, loc)
            for c, change in enumerate(metric.changes):
                where = (*loc, "change", c) if isinstance(metric.change, list) else (*loc, "change")
                if change.kind is ChangeKind.places:
                    yield (*where, "kind"), "places (a rank moved) belongs to a ranking's change"


def _echo(value: float) -> str:
    """A number as the file wrote it, for messages: 1000000, not 1e+06."""
    return value.text if isinstance(value, Written) else plain_text(value)


def _numeral(metric: Metric, loc: Loc) -> Iterator[Finding]:
    """Chinese numerals are for whole numbers of a sensible size."""
    if metric.numeral is Numeral.arabic:
        return
    if not float(metric.value).is_integer():
        yield (
            (*loc, "numeral"),
            f"'{metric.numeral.value}' numerals are for whole numbers, not {_echo(metric.value)}",
        )
    elif abs(metric.value) > LARGEST_CHINESE:
        yield (*loc, "numeral"), f"{_echo(metric.value)} is too large for Chinese numerals"


def _series(metric: Metric, period: str, loc: Loc) -> Iterator[Finding]:
    """Years are years; the period's own year, if given, agrees with the value."""
    for year, value in metric.series.items():
        where = (*loc, "series", year)
        if not 1900 <= year <= 2100:
            yield where, f"{year} is not a year"
        elif period == str(year) and value != metric.value:
            yield (
                where,
                f"{year} is the briefing's period: its value is {_echo(metric.value)}, "
                f"not {_echo(value)}",
            )
        elif metric.unit.strip() in ("%", "％") and not 0 <= value <= 100:
            yield where, f"a percentage must lie in 0–100, not {_echo(value)}"


def _rank_ranges(facts: Facts) -> Iterator[Finding]:
    places: list[tuple[Loc, Ranking]] = [
        (("headline", "rankings", i), r) for i, r in enumerate(facts.headline.rankings)
    ]
    for t, theme in enumerate(facts.themes):
        places += [(("themes", t, "rankings", i), r) for i, r in enumerate(theme.rankings)]
    for loc, ranking in places:
        if ranking.out_of is not None and ranking.rank > ranking.out_of:
            yield (*loc, "rank"), f"rank {ranking.rank} is past the list size {ranking.out_of}"
        if ranking.change is not None and ranking.change.kind is not ChangeKind.places:
            yield (
                (*loc, "change", "kind"),
                f"a ranking changes by places, not '{ranking.change.kind.value}'",
            )


def _references(facts: Facts) -> Iterator[Finding]:
    kinds: dict[str, Mapping[str, object]] = {
        "metrics": facts.metrics(),
        "rankings": facts.rankings(),
        "entities": facts.entities(),
    }
    for i, ident in enumerate(facts.headline.key_figures):
        if ident not in kinds["metrics"]:
            yield ("headline", "key_figures", i), f"no metric has the id '{ident}'"
    for c, claim in enumerate(facts.headline.claims):
        for kind in ("metrics", "rankings"):
            for r, ident in enumerate(getattr(claim, kind)):
                if ident not in kinds[kind]:
                    yield (
                        ("headline", "claims", c, kind, r),
                        f"no {SINGULAR[kind]} has the id '{ident}'",
                    )
    for t, theme in enumerate(facts.themes):
        for field in ("claims", "highlights", "charts"):
            for h, item in enumerate(getattr(theme, field)):
                for kind, known in kinds.items():
                    for r, ident in enumerate(getattr(item, kind, [])):
                        if ident not in known:
                            yield (
                                ("themes", t, field, h, kind, r),
                                f"no {SINGULAR[kind]} has the id '{ident}'",
                            )


def _charts(facts: Facts) -> Iterator[Finding]:
    for t, theme in enumerate(facts.themes):
        for c, chart in enumerate(theme.charts):
            yield from _chart(facts, chart, ("themes", t, "charts", c))


CHART_FIELDS = {
    ChartKind.bar: {"metrics"},
    ChartKind.share: {"metrics"},
    ChartKind.line: {"metrics"},
    ChartKind.ranking: {"rankings"},
    ChartKind.grouped: {"groups", "series"},
}


def _chart(facts: Facts, chart: Chart, loc: Loc) -> Iterator[Finding]:
    """One chart: the fields its kind uses, resolvable metrics, one unit per axis."""
    needed = CHART_FIELDS[chart.kind]
    for field in ("metrics", "rankings", "groups", "series"):
        given = bool(getattr(chart, field))
        if given and field not in needed:
            yield (*loc, field), f"a {chart.kind.value} chart takes no {field}"
        elif not given and field in needed:
            yield loc, f"a {chart.kind.value} chart needs {field}"
    metrics = facts.metrics()
    if chart.kind is ChartKind.grouped:
        yield from _grouped(chart, metrics, loc)
        return
    shown = [metrics[m] for m in chart.metrics if m in metrics]
    units = sorted({m.unit for m in shown})
    if len(units) > 1:
        yield (*loc, "metrics"), f"a chart must not mix units ({'、'.join(units)})"
    if chart.kind is ChartKind.share and any(m.unit not in ("%", "％") for m in shown):
        yield (*loc, "metrics"), "a share chart shows percentages only"
    if chart.kind is ChartKind.line:
        for i, ident in enumerate(chart.metrics):
            if ident in metrics and not metrics[ident].series:
                yield (*loc, "metrics", i), f"metric '{ident}' has no series of other years"


def _grouped(chart: Chart, metrics: dict[str, Metric], loc: Loc) -> Iterator[Finding]:
    """Every group has one metric per series; a series keeps one unit across the groups."""
    if len(chart.groups) < 2:
        yield (*loc, "groups"), "a grouped chart needs at least two groups"
    units: dict[int, set[str]] = {}
    for g, group in enumerate(chart.groups):
        if chart.series and len(group.metrics) != len(chart.series):
            yield (
                (*loc, "groups", g, "metrics"),
                (f"{len(group.metrics)} metrics for {len(chart.series)} series"),
            )
        for i, ident in enumerate(group.metrics):
            if ident not in metrics:
                yield (*loc, "groups", g, "metrics", i), f"no metric has the id '{ident}'"
            else:
                units.setdefault(i, set()).add(metrics[ident].unit)
    for i, found in sorted(units.items()):
        if len(found) > 1 and i < len(chart.series):
            yield (
                (*loc, "series", i),
                (f"series '{chart.series[i]}' mixes units ({'、'.join(sorted(found))})"),
            )


def _theme_content(facts: Facts) -> Iterator[Finding]:
    for t, theme in enumerate(facts.themes):
        if not (theme.metrics or theme.highlights or theme.entities or theme.claims):
            yield (
                ("themes", t),
                f"theme '{theme.id}' has no metrics, highlights, claims or entities",
            )


TODO = "TODO"  # what `briefing extract` leaves for the editor where the article gives no words


def todo_warnings(document: Document) -> list[Problem]:
    """Every text still marked for the editor (a title or summary that starts with TODO), at
    its place in the file, in file order: valid, so a draft builds, but not yet publishable."""
    found = [
        document.problem(loc, f"still to write ({shown(value)})")
        for loc, value in _texts(document.data(), ())
        if value.lstrip().startswith(TODO)
    ]
    return sorted(found, key=lambda p: (p.line, p.column))


def _texts(node: Any, loc: Where) -> Iterator[tuple[Where, str]]:
    """Every string of the data with where it is."""
    if isinstance(node, str):
        yield loc, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _texts(value, (*loc, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, (*loc, index))
