"""Build the story from facts and brand: every decision the outputs share, made once."""

from __future__ import annotations

from briefing.brand import Brand
from briefing.facts.model import Entity, Facts, Metric, Ranking, Theme
from briefing.facts.printed import (
    format_as_of,
    format_change,
    format_changes,
    format_rank,
    format_target,
    format_value,
)
from briefing.story.charts import chart_specs
from briefing.story.dates import document_date
from briefing.story.model import (
    Block,
    BlockKind,
    ChartSpec,
    Cover,
    Credit,
    EntityGroup,
    Figure,
    Outlook,
    Pledge,
    Profile,
    RankingLine,
    Section,
    SourceLine,
    Story,
    Tile,
)
from briefing.story.wording import Wording, wording_for

# Entities whose achievements a chapter lists, one row each: what the highlights credit them with.
PROFILE_KINDS = ("institution", "platform", "enterprise")
# The blocks of every briefing, in order; each chapter block stands for one section.
ORDER = (
    BlockKind.cover,
    BlockKind.contents,
    BlockKind.overview,
    BlockKind.key_figures,
    BlockKind.chapter,
    BlockKind.outlook,
    BlockKind.appendix,
    BlockKind.sources,
    BlockKind.closing,
)


def build_story(facts: Facts, brand: Brand) -> Story:
    """Lay the facts out as a story, the same for every output format."""
    meta = facts.briefing
    words = wording_for(meta.language)
    period = period_text(meta.period, words)
    charts = chart_specs(facts, brand, words)
    covering = _claims_by_metric(facts)
    sections = tuple(
        _section(theme, i, facts, charts, words, covering) for i, theme in enumerate(facts.themes)
    )
    figures = {f.id: f for s in sections for f in s.figures}
    rankings = tuple(_ranking(r, meta.region, words) for r in facts.headline.rankings)
    key_figures = tuple(figures[i] for i in facts.headline.key_figures)
    date = document_date(meta.date, meta.period)
    return Story(
        id=meta.id,
        language=meta.language,
        words=words,
        cover=Cover(
            title=meta.title,
            subtitle=meta.subtitle,
            region=meta.region,
            period=period,
            scope=words.bar.join((meta.region, period)),
            issuer=meta.issuer or brand.name,
            date=date.printed(words),
        ),
        date=date,
        keywords=(meta.region, period, *(s.short_title for s in sections)),
        blocks=_blocks(sections, facts.outlook is not None),
        overview=facts.headline.summary,
        rankings=rankings,
        ranking_tiles=tuple(ranking_tile(r, words) for r in rankings),
        claims=tuple(c.text for c in facts.headline.claims),
        key_figures=key_figures,
        key_tiles=tuple(figure_tile(f) for f in key_figures),
        sections=sections,
        outlook=_outlook(facts),
        sources=tuple(
            SourceLine(
                words.clause_sep.join(
                    x for x in (s.title, s.publisher, _iso(s.date), s.url, s.note) if x
                )
            )
            for s in meta.sources
        ),
        brand=brand,
    )


def period_text(period: str, words: Wording) -> str:
    """'2024' → '2024年'; any other period as written."""
    return words.year.format(year=period) if period.isdigit() else period


def figure_tile(figure: Figure) -> Tile:
    """A figure as a tile: value, label, then change and standing."""
    return Tile(figure.value, figure.label, figure.remark)


def ranking_tile(ranking: RankingLine, words: Wording) -> Tile:
    """A ranking as a tile: position, list name, then who is ranked (unless the region
    itself) and how far it moved."""
    subject = None if ranking.of_region else ranking.subject
    note = words.clause_sep.join(x for x in (subject, ranking.change) if x) or None
    return Tile(ranking.position, ranking.list_name, note, "secondary")


def _outlook(facts: Facts) -> Outlook | None:
    if facts.outlook is None:
        return None
    pledges = tuple(Pledge(p.name, p.action, tuple(p.items)) for p in facts.outlook.pledges)
    return Outlook(summary=facts.outlook.summary, pledges=pledges)


def _claims_by_metric(facts: Facts) -> dict[str, tuple[str, ...]]:
    """For each metric, the texts of the claims that cover it, in the file's order."""
    found: dict[str, list[str]] = {}
    for claim in facts.claims().values():
        for ident in claim.metrics:
            found.setdefault(ident, []).append(claim.text)
    return {ident: tuple(texts) for ident, texts in found.items()}


def _blocks(sections: tuple[Section, ...], outlook: bool) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for kind in ORDER:
        if kind == BlockKind.outlook and not outlook:
            continue
        if kind == BlockKind.chapter:
            blocks += [Block(kind, i) for i in range(len(sections))]
        else:
            blocks.append(Block(kind))
    return tuple(blocks)


def _iso(date: object) -> str | None:
    return str(date) if date else None


def _figure(metric: Metric, section: str, words: Wording, claims: tuple[str, ...] = ()) -> Figure:
    change = format_changes(metric, words.clause_sep)
    parts = (
        format_as_of(metric.as_of),
        change,
        format_target(metric.target, metric.unit),
        metric.standing,
    )
    return Figure(
        id=metric.id,
        label=metric.label,
        value=format_value(metric),
        change=change,
        standing=metric.standing,
        section=section,
        note=metric.note,
        remark=words.clause_sep.join(x for x in parts if x) or None,
        claims=claims,
    )


def _ranking(ranking: Ranking, region: str, words: Wording) -> RankingLine:
    subject = ranking.subject or region
    return RankingLine(
        id=ranking.id,
        list_name=ranking.list,
        subject=subject,
        position=format_rank(ranking),
        rank=ranking.rank,
        out_of=ranking.out_of,
        of_region=subject == region,
        change=format_change(ranking.change) if ranking.change else None,
    )


def _section(
    theme: Theme,
    index: int,
    facts: Facts,
    charts: dict[str, ChartSpec],
    words: Wording,
    covering: dict[str, tuple[str, ...]],
) -> Section:
    number = words.ordinal(index)
    short = theme.short_title or theme.title
    figures = tuple(_figure(m, theme.id, words, covering.get(m.id, ())) for m in theme.metrics)
    rankings = tuple(_ranking(r, facts.briefing.region, words) for r in theme.rankings)
    highlights = tuple(h.text for h in theme.highlights)
    profiles = _profiles(theme, facts, words)
    entities = _entity_groups(theme.entities, words)
    general, credits = _credits(highlights, profiles)
    shown = {name for credit in credits for name in credit.names}
    others = _entity_groups([e for e in theme.entities if e.name not in shown], words)
    return Section(
        id=theme.id,
        index=index + 1,
        number=number,
        title=theme.title,
        short_title=short,
        heading=f"{number}{words.list_sep}{theme.title}",
        name=f"{number}{words.list_sep}{short}",
        summary=theme.summary,
        figures=figures,
        rankings=rankings,
        tiles=(*(figure_tile(f) for f in figures), *(ranking_tile(r, words) for r in rankings)),
        claims=tuple(c.text for c in theme.claims),
        highlights=highlights,
        general=general,
        credits=credits,
        entities=entities,
        other_entities=others,
        charts=tuple(charts[c.id] for c in theme.charts),
        profiles=profiles,
    )


def _profiles(theme: Theme, facts: Facts, words: Wording) -> tuple[Profile, ...]:
    """Institutions, platforms and enterprises the theme's highlights name, with those highlights.

    In the theme's own order of entities, then any named from elsewhere in order of mention.
    """
    credited: dict[str, list[str]] = {}
    for highlight in theme.highlights:
        for ident in highlight.entities:
            credited.setdefault(ident, []).append(highlight.text)
    known = facts.entities()
    order = [e.id for e in theme.entities if e.id in credited] + list(credited)
    return tuple(
        Profile(entity.name, _role(entity, words), tuple(credited[ident]))
        for ident in dict.fromkeys(order)
        if (entity := known.get(ident)) and entity.kind in PROFILE_KINDS
    )


def _credits(
    highlights: tuple[str, ...], profiles: tuple[Profile, ...]
) -> tuple[tuple[str, ...], tuple[Credit, ...]]:
    """The highlights for the general list, and the institutions' rows with those they own.

    Profiles credited with the very same highlights share a row (five enclaves of one
    sentence). A highlight that credits one or two rows moves into the first of them; one that
    credits three or more is about them all and stays in the list, as do highlights crediting
    none. Rows left with nothing are dropped; with fewer than two rows there are none.
    """
    groups: dict[tuple[str, ...], list[Profile]] = {}
    for profile in profiles:
        groups.setdefault(profile.results, []).append(profile)
    rows = list(groups.items())
    owner: dict[str, int] = {}
    for highlight in highlights:
        crediting = [i for i, (results, _) in enumerate(rows) if highlight in results]
        if 1 <= len(crediting) <= 2:
            owner[highlight] = crediting[0]
    table = [
        Credit(tuple(members), tuple(h for h in highlights if owner.get(h) == i))
        for i, (_, members) in enumerate(rows)
    ]
    table = [credit for credit in table if credit.highlights]
    if len(table) < 2:
        return highlights, ()
    return tuple(h for h in highlights if h not in owner), tuple(table)


def _role(entity: Entity, words: Wording) -> str:
    """What an institution is, for the table of institutions: 省级，新型研发机构; else its kind."""
    about = words.clause_sep.join(x for x in (entity.level, entity.role) if x)
    return about or words.entity_kinds[entity.kind]


def entity_name(entity: Entity, words: Wording) -> str:
    """An entity as listed: its name, then its level, role and note in brackets where given:
    北大鄂尔多斯能源研究院（新型研发机构）, 某实验室（省级，重点实验室）."""
    about = words.clause_sep.join(x for x in (entity.level, entity.role, entity.note) if x)
    return entity.name + words.bracketed.format(about) if about else entity.name


def _entity_groups(entities: list[Entity], words: Wording) -> tuple[EntityGroup, ...]:
    groups: dict[str, list[str]] = {}
    for entity in entities:
        groups.setdefault(words.entity_kinds[entity.kind], []).append(entity_name(entity, words))
    return tuple(EntityGroup(label, tuple(names)) for label, names in groups.items())
