"""The facts model: what a briefing says, validated, before any layout."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64),
    Field(description="Lower-case letters, digits and hyphens; unique within the file."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


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


class Numeral(StrEnum):
    """How the number is written: 100 or 百."""

    arabic = "arabic"
    chinese = "chinese"


class Source(Model):
    """Where the facts come from."""

    id: Id
    title: Text
    publisher: Text | None = None
    date: dt.date | None = None
    url: Text | None = None
    note: Text | None = None


class Meta(Model):
    """Who publishes the briefing, about what and when."""

    id: Id = Field(description="Names the output files, e.g. ordos-2024 → ordos-2024.pdf.")
    title: Text
    subtitle: Text | None = None
    region: Text
    period: Text = Field(description="The period covered, e.g. 2024.")
    issuer: Text | None = Field(
        default=None, description="Issuing body; the brand's name when left out."
    )
    date: dt.date | None = None
    language: Literal["zh-CN"] = "zh-CN"
    sources: list[Source] = Field(min_length=1)


class Change(Model):
    """A change against an earlier figure: 同比增长28%, 新增50家."""

    kind: Literal["yoy", "added"]
    value: float
    unit: Text


class Metric(Model):
    """One reported figure with its unit and qualifier."""

    id: Id
    label: Text
    short_label: Text | None = Field(default=None, description="For tiles and chart axes.")
    value: float
    unit: Text = Field(description="亿元, 项, 家, 人, 名, %, 次, 场 …")
    qualifier: Qualifier = Qualifier.exact
    numeral: Numeral = Numeral.arabic
    change: Change | None = None
    standing: Text | None = Field(default=None, description="e.g. 居各盟市首位.")
    series: dict[int, float] = Field(
        default={},
        description="Exact values of other years, by year (e.g. {2023: 41.6}), for trend charts; "
        "the period's own value is `value`.",
    )
    note: Text | None = None


class Ranking(Model):
    """A position in a published list; lower is better."""

    id: Id
    list: Text
    subject: Text | None = Field(default=None, description="Who is ranked; the region if left out.")
    rank: int = Field(ge=1)
    out_of: int | None = Field(default=None, ge=1)
    year: int | None = None
    note: Text | None = None


class Claim(Model):
    """A standing that is not a number: 连续上榜…, 全区唯一…."""

    id: Id
    text: Text


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
]


class Entity(Model):
    """A named institution, person, award, project, place …"""

    id: Id
    name: Text
    kind: EntityKind
    aliases: list[Text] = []
    role: Text | None = Field(default=None, description="e.g. 院士, 新型研发机构.")
    note: Text | None = None


class Highlight(Model):
    """A short statement in the editor's words, pointing at what it is about."""

    text: Text
    metrics: list[Id] = []
    rankings: list[Id] = []
    entities: list[Id] = []


class ChartKind(StrEnum):
    """The chart kinds the renderers know."""

    bar = "bar"  # counts compared, one bar per metric
    grouped = "grouped"  # groups (e.g. 国家、自治区 / 市级) × series (e.g. 项目 / 资金)
    share = "share"  # percentages against 100%
    ranking = "ranking"  # positions in lists, lower is better
    line = "line"  # metrics with values by year


class ChartGroup(Model):
    """One group of a grouped chart: its label and one metric per series, in series order."""

    label: Text
    metrics: list[Id] = Field(min_length=1)


class Chart(Model):
    """A chart declared by the metrics (or rankings, or groups) it shows."""

    id: Id
    kind: ChartKind = ChartKind.bar
    title: Text
    metrics: list[Id] = Field(default=[], description="bar, share and line charts")
    rankings: list[Id] = Field(default=[], description="ranking charts")
    groups: list[ChartGroup] = Field(default=[], description="grouped charts")
    series: list[Text] = Field(
        default=[], description="grouped charts: the name of each metric position in a group"
    )
    note: Text | None = None


class Theme(Model):
    """One of the briefing's themes (政策, 平台与资源, 企业主体, 人才 …)."""

    id: Id
    title: Text
    short_title: Text | None = None
    summary: Text
    metrics: list[Metric] = []
    rankings: list[Ranking] = []
    highlights: list[Highlight] = []
    entities: list[Entity] = []
    charts: list[Chart] = []


class Headline(Model):
    """The headline block: rankings, standings and the key figures to lead with."""

    summary: Text
    rankings: list[Ranking] = []
    claims: list[Claim] = []
    key_figures: list[Id] = Field(default=[], description="Metric ids for the summary tiles.")


class Pledge(Model):
    """A commitment of the outlook: 双城共建, 双区共创 …"""

    id: Id
    name: Text
    action: Text
    items: list[Text] = []


class Outlook(Model):
    """The closing outlook."""

    summary: Text
    pledges: list[Pledge] = []
    entities: list[Entity] = []


class Facts(Model):
    """A whole briefing's facts."""

    briefing: Meta
    headline: Headline
    themes: list[Theme] = Field(min_length=1)
    outlook: Outlook

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
        found.update({e.id: e for e in self.outlook.entities})
        return found
