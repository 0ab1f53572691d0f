"""The facts model: what a briefing says, validated, before any layout."""

from __future__ import annotations

import datetime as dt
import math
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
)

from briefing.facts.written import Written

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64),
    Field(description="Lower-case letters, digits and hyphens; unique within the file."),
]
# Characters no renderer is given: controls but tab and line break (they break the deck's
# XML), line and paragraph separators, noncharacters. A JSON-schema and Rust-regex pattern.
PRINTABLE = "^[^\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F\\u2028\\u2029\\uFDD0-\\uFDEF\\uFFFE\\uFFFF]*$"
UNPRINTABLE = re.compile(f"[{PRINTABLE[3:-3]}]")  # one such character, in Python
# The most characters of a text, by what it is (a table row, a tile, a chart label must fit).
WORD_CHARS = 20  # units, short labels and titles, scopes, levels, roles, verbs, the period
LABEL_CHARS = 60  # labels, names, list names, chart titles, series, theme and briefing titles
TEXT_CHARS = 200  # highlights, claims, notes, standings, pledges, sources
QUOTE_CHARS = 300  # the source's words
URL_CHARS = 500
SUMMARY_CHARS = 800  # summaries (a summary box must fit a page)
# The most items of a list, by what holds them.
MOST_THEMES = 40
MOST_METRICS = 100  # per theme (the benchmark's ten-fold facts have 75)
MOST_ENTITIES = 200  # per theme
MOST_CHARTS = 20  # per theme
MOST_ITEMS = 50  # rankings, claims and highlights per theme; sources; outlook entities
MOST_NAMED = 12  # ids a highlight, claim or chart names of one kind; key figures; groups
MOST_SERIES = 30  # years of a metric's series
MOST_FEW = 6  # changes of a metric, series names of a grouped chart, aliases
MOST_VALUE = 1e12  # a figure's size, either sign (一万亿)
LEAST_VALUE = 1e-6  # the smallest size of a figure that is not zero
MOST_RANK = 1_000_000
FIRST_YEAR, LAST_YEAR = 1900, 2100


def _text(most: int) -> Any:
    return StringConstraints(
        strip_whitespace=True, min_length=1, max_length=most, pattern=PRINTABLE
    )


Text = Annotated[str, _text(TEXT_CHARS)]
Word = Annotated[str, _text(WORD_CHARS)]
Label = Annotated[str, _text(LABEL_CHARS)]
Prose = Annotated[str, _text(SUMMARY_CHARS)]
Url = Annotated[str, _text(URL_CHARS)]
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]


GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")  # 12,345 quoted, as a source prints it


def written_text(value: object) -> str | None:
    """The digits a YAML number was written with, where they differ from Python's form."""
    if isinstance(value, Written):
        return value.text
    if type(value).__name__ == "ScalarFloat":  # ruamel's round-trip float keeps its digits
        from ruamel.yaml.representer import RoundTripRepresenter

        text = RoundTripRepresenter().represent_scalar_float(value).value
        return str(text)
    return None


def plain_text(value: float) -> str:
    """A number without its written form: 12 → '12', 53.2 → '53.2'."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _as_written(value: Any, handler: ValidatorFunctionWrapHandler) -> Written:
    if isinstance(value, str) and GROUPED.match(value.strip()):
        return _sensible(Written(float(value.replace(",", "")), value.strip()))
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MOST_VALUE:
        raise ValueError(f"a figure is at most 10¹² in size (got {value})")
    number = float(handler(value))
    text = written_text(value)
    if text is None and isinstance(value, str):
        text = value.strip()
    return _sensible(Written(number, text or plain_text(number)))


def _sensible(number: Written) -> Written:
    """A figure a briefing can print: finite, at most 10¹², not smaller than 10⁻⁶ but 0."""
    if not math.isfinite(number):
        written = {"nan": ".nan", "inf": ".inf", "-inf": "-.inf"}.get(number.text, number.text)
        raise ValueError(f"a figure must be a finite number (got {written})")
    if abs(number) > MOST_VALUE:
        raise ValueError(f"a figure is at most 10¹² in size (got {number.text})")
    if number and abs(number) < LEAST_VALUE:
        raise ValueError(f"a figure other than 0 is at least 10⁻⁶ in size (got {number.text})")
    return number


def _period(period: str) -> str:
    """The period's digits are 0–9; a period of digits only is a year."""
    odd = next((c for c in period if c.isdigit() and not "0" <= c <= "9"), None)
    if odd is not None:
        raise ValueError(f"write the period's digits as 0–9 (got {odd!r})")
    if period.isdigit() and not FIRST_YEAR <= int(period) <= LAST_YEAR:
        raise ValueError(
            f"a period of digits only is a year from {FIRST_YEAR} to {LAST_YEAR} (got {period})"
        )
    return period


Number = Annotated[
    float,
    WrapValidator(_as_written),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": GROUPED.pattern, "description": 'e.g. "12,345"'},
            ]
        }
    ),
]


At = Annotated[
    str,
    StringConstraints(pattern=r"^[1-9][0-9]*:[1-9][0-9]*$"),
    Field(
        description='Where in the source the item was read: "LINE:COLUMN", 1-based, columns '
        "in characters (as `briefing extract` writes it and `briefing verify` checks it)."
    ),
]
Quote = Annotated[
    str,
    _text(QUOTE_CHARS),
    Field(description="The exact words of the source the item was read from: 突破10亿元, 第3位."),
]


class Model(BaseModel):
    """Base for every facts model: unknown keys are mistakes, not extras."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Qualifier(StrEnum):
    """How a reported value relates to the true one (突破, 超, 近, 约, 余 …)."""

    exact = "exact"
    over = "over"  # 突破N: has just passed N
    more_than = "more_than"  # 超N
    nearly = "nearly"  # 近N
    about = "about"  # 约N
    and_more = "and_more"  # N余
    above = "above"  # N以上
    around = "around"  # N左右


class Numeral(StrEnum):
    """How the number is written: 114 or 一百一十四 (百 for a round hundred, as in 近百次)."""

    arabic = "arabic"
    chinese = "chinese"  # 三家, 十二项, 一百一十四项; 10, 100, 1000, 10⁴, 10⁸ as 十, 百, 千, 万, 亿
    liang = "liang"  # as chinese, with 两 for a leading two: 两项, 两百人, 两万


class Source(Model):
    """Where the facts come from."""

    id: Id
    title: Text
    publisher: Text | None = None
    date: dt.date | None = None
    url: Url | None = None
    note: Text | None = None


class Meta(Model):
    """Who publishes the briefing, about what and when."""

    id: Id = Field(description="Names the output files, e.g. ordos-2024 → ordos-2024.pdf.")
    title: Label
    subtitle: Label | None = None
    region: Label
    period: Annotated[Word, AfterValidator(_period)] = Field(
        description="The period covered, e.g. 2024."
    )
    issuer: Label | None = Field(
        default=None, description="Issuing body; the brand's name when left out."
    )
    date: dt.date | None = None
    language: Literal["zh-CN"] = "zh-CN"
    sources: list[Source] = Field(min_length=1, max_length=MOST_ITEMS)


class ChangeKind(StrEnum):
    """What kind of change: how it prints."""

    yoy = "yoy"  # 同比增长28% / 同比下降3%
    growth = "growth"  # 增长28% (no 同比: as the source prints it)
    added = "added"  # 新增50家 / 减少3家
    points = "points"  # 提高2.1个百分点 / 下降0.5个百分点
    places = "places"  # 提升10位 / 下降3位 (a rank moved)


Since = Annotated[
    Year | Word,
    Field(
        description="What it is compared with: a year (2021 → 较2021年) or words (上年 → 较上年)."
    ),
]


class Change(Model):
    """A change against an earlier figure: 同比增长28%, 新增50家, 提高2个百分点, 较上年提升10位."""

    kind: ChangeKind
    value: Number = Field(description="Negative for a fall: -3 prints 同比下降3%.")
    unit: Word | None = Field(
        default=None,
        description="yoy and growth: % (default); added: the metric's unit (default); "
        "points: 个百分点; places: 位.",
    )
    since: Since | None = None
    qualifier: Qualifier = Field(
        default=Qualifier.exact, description="As on a figure: nearly → 提高近5个百分点."
    )
    numeral: Numeral = Field(default=Numeral.arabic, description="chinese → 上升一位.")
    verb: Word | None = Field(
        default=None,
        description="The source's own word where it is not the kind's: 净增, 上升, 增幅达.",
    )
    quote: Quote | None = None
    at: At | None = None


class Target(Model):
    """A goal the figure is measured against: 目标1000家, 提前完成."""

    value: Number
    unit: Word | None = Field(default=None, description="The metric's unit when left out.")
    name: Label | None = Field(default=None, description="e.g. “十四五”倍增目标; else 目标.")
    met: Literal["early", "yes", "no"] | None = Field(
        default=None, description="early: 提前完成; yes: 已完成; no: 尚未完成."
    )


class Metric(Model):
    """One reported figure with its unit and qualifier."""

    id: Id
    label: Label
    short_label: Word | None = Field(default=None, description="For tiles and chart axes.")
    value: Number = Field(description="Printed with the digits written here: 4.10 → 4.10亿元.")
    unit: Word = Field(description="亿元, 项, 家, 人, 名, %, 次, 场 …")
    qualifier: Qualifier = Qualifier.exact
    numeral: Numeral = Numeral.arabic
    change: Change | Annotated[list[Change], Field(max_length=MOST_FEW)] | None = Field(
        default=None, description="One change or several: 新增51家，增长20.8%."
    )
    standing: Text | None = Field(default=None, description="e.g. 居各盟市首位.")
    first_time: bool = Field(default=False, description="首次: 首次突破2%.")
    cumulative: bool = Field(default=False, description="累计: 累计281家.")
    as_of: dt.date | Label | None = Field(
        default=None, description="When the figure stands: a date, or words such as 截至2022年底."
    )
    target: Target | None = None
    series: dict[int, Number] = Field(
        default={},
        max_length=MOST_SERIES,
        description="Exact values of other years, by year (e.g. {2023: 41.6}), for trend charts; "
        "the period's own value is `value`.",
    )
    note: Text | None = None
    quote: Quote | None = None
    at: At | None = None

    @property
    def changes(self) -> tuple[Change, ...]:
        """Its changes, however many the file gave."""
        if self.change is None:
            return ()
        return tuple(self.change) if isinstance(self.change, list) else (self.change,)


class Ranking(Model):
    """A position in a published list; lower is better."""

    id: Id
    list: Label
    subject: Label | None = Field(
        default=None, description="Who is ranked; the region if left out."
    )
    rank: int = Field(ge=1, le=MOST_RANK)
    out_of: int | None = Field(default=None, ge=1, le=MOST_RANK)
    scope: Word | None = Field(
        default=None, description="Where the list ranks: 全国, 全省, 全区, 全市 … (全省第3位)."
    )
    numeral: Numeral = Field(default=Numeral.arabic, description="chinese → 第七位.")
    place: str = Field(
        default="位",
        max_length=2,
        pattern=PRINTABLE,
        description="The word after the rank as the source writes it: 位 (default), 名, or "
        "nothing (全国第五).",
    )
    change: Change | None = Field(default=None, description="A places change: 较上年提升10位.")
    year: Year | None = None
    note: Text | None = None
    quote: Quote | None = None
    at: At | None = None


class Claim(Model):
    """A standing that is not one number: 连续上榜…, 全区唯一…, 两项均居全区首位."""

    id: Id
    text: Text
    metrics: list[Id] = Field(
        default=[], max_length=MOST_NAMED, description="The figures it is about."
    )
    rankings: list[Id] = Field(
        default=[], max_length=MOST_NAMED, description="The rankings it is about."
    )
    quote: Quote | None = None
    at: At | None = None


EntityKind = Literal[
    "institution",
    "organization",
    "enterprise",
    "person",
    "award",
    "project",
    "technology",
    "place",
    "policy",
    "program",
    "event",
    "platform",
    "recognition",
    "industry",
]


class Entity(Model):
    """A named institution, person, award, project, place …"""

    id: Id
    name: Label
    kind: EntityKind
    aliases: list[Label] = Field(default=[], max_length=MOST_FEW)
    level: Word | None = Field(default=None, description="国家级, 省级, 市级 …")
    role: Word | None = Field(default=None, description="e.g. 院士, 新型研发机构.")
    note: Text | None = None


class Highlight(Model):
    """A short statement in the editor's words, pointing at what it is about."""

    text: Text
    metrics: list[Id] = Field(default=[], max_length=MOST_NAMED)
    rankings: list[Id] = Field(default=[], max_length=MOST_NAMED)
    entities: list[Id] = Field(default=[], max_length=MOST_NAMED)


class ChartKind(StrEnum):
    """The chart kinds the renderers know."""

    bar = "bar"  # counts compared, one bar per metric
    grouped = "grouped"  # groups (e.g. 国家、自治区 / 市级) × series (e.g. 项目 / 资金)
    share = "share"  # percentages against 100%
    ranking = "ranking"  # positions in lists, lower is better
    line = "line"  # metrics with values by year


class ChartGroup(Model):
    """One group of a grouped chart: its label and one metric per series, in series order."""

    label: Label
    metrics: list[Id] = Field(min_length=1, max_length=MOST_FEW)


class Chart(Model):
    """A chart declared by the metrics (or rankings, or groups) it shows."""

    id: Id
    kind: ChartKind = ChartKind.bar
    title: Label
    metrics: list[Id] = Field(
        default=[], max_length=MOST_NAMED, description="bar, share and line charts"
    )
    rankings: list[Id] = Field(default=[], max_length=MOST_NAMED, description="ranking charts")
    groups: list[ChartGroup] = Field(
        default=[], max_length=MOST_NAMED, description="grouped charts"
    )
    series: list[Label] = Field(
        default=[],
        max_length=MOST_FEW,
        description="grouped charts: the name of each metric position in a group",
    )
    note: Text | None = None


class Theme(Model):
    """One of the briefing's themes (政策, 平台与资源, 企业主体, 人才 …)."""

    id: Id
    title: Label
    short_title: Word | None = None
    summary: Prose
    metrics: list[Metric] = Field(default=[], max_length=MOST_METRICS)
    rankings: list[Ranking] = Field(default=[], max_length=MOST_ITEMS)
    claims: list[Claim] = Field(default=[], max_length=MOST_ITEMS)
    highlights: list[Highlight] = Field(default=[], max_length=MOST_ITEMS)
    entities: list[Entity] = Field(default=[], max_length=MOST_ENTITIES)
    charts: list[Chart] = Field(default=[], max_length=MOST_CHARTS)


class Headline(Model):
    """The headline block: rankings, standings and the key figures to lead with."""

    summary: Prose
    rankings: list[Ranking] = Field(default=[], max_length=MOST_NAMED)
    claims: list[Claim] = Field(default=[], max_length=MOST_NAMED)
    key_figures: list[Id] = Field(
        default=[], max_length=MOST_NAMED, description="Metric ids for the summary tiles."
    )


class Pledge(Model):
    """A commitment of the outlook: 双城共建, 双区共创 …"""

    id: Id
    name: Label
    action: Text
    items: list[Text] = Field(default=[], max_length=MOST_NAMED)


class Outlook(Model):
    """The closing outlook."""

    summary: Prose
    pledges: list[Pledge] = Field(default=[], max_length=MOST_NAMED)
    entities: list[Entity] = Field(default=[], max_length=MOST_ITEMS)


SCHEMA_VERSION = 2  # 2: digits as written, Chinese numerals, changes, scopes, claims, flags


class Facts(Model):
    """A whole briefing's facts."""

    model_config = ConfigDict(
        json_schema_extra={
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$comment": f"briefing facts, schema version {SCHEMA_VERSION}",
        }
    )

    briefing: Meta
    headline: Headline
    themes: list[Theme] = Field(min_length=1, max_length=MOST_THEMES)
    outlook: Outlook | None = None

    def metrics(self) -> dict[str, Metric]:
        """Every metric of every theme, by id."""
        return {m.id: m for t in self.themes for m in t.metrics}

    def rankings(self) -> dict[str, Ranking]:
        """Every ranking, headline and themes, by id."""
        found = {r.id: r for r in self.headline.rankings}
        found.update({r.id: r for t in self.themes for r in t.rankings})
        return found

    def entities(self) -> dict[str, Entity]:
        """Every named entity, themes and outlook, by id."""
        found = {e.id: e for t in self.themes for e in t.entities}
        found.update({e.id: e for e in self.outlook.entities} if self.outlook else {})
        return found

    def claims(self) -> dict[str, Claim]:
        """Every claim, headline and themes, by id."""
        found = {c.id: c for c in self.headline.claims}
        found.update({c.id: c for t in self.themes for c in t.claims})
        return found
