"""The story's blocks as report flowables, in the story's order; the report skips the closing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, HRFlowable, PageBreak, Spacer

from briefing.render.pdf.flowables import (
    Contents,
    PageCount,
    bullets,
    chapter,
    chart_figure,
    grid,
    heading,
    labelled,
    lead,
    para,
    table_section,
    tile,
)
from briefing.render.pdf.styles import RULE_GREY, Sheet
from briefing.story.model import (
    Block,
    BlockKind,
    Credit,
    Pledge,
    Section,
    Story,
    Tile,
    tile_columns,
)

METRIC_COLUMNS = (0.08, 0.44, 0.18, 0.19, 0.11)  # 序号 指标 数值 所属主题 来源
RANKING_COLUMNS = (0.08, 0.25, 0.19, 0.18, 0.19, 0.11)  # 序号 榜单 对象 位次 所属主题 来源
PROFILE_COLUMNS = (0.3, 0.7)  # 机构 主要进展

Draw = Callable[[Story, Block, Sheet], list[Flowable]]


def flowables(story: Story, sheet: Sheet, count: PageCount) -> list[Flowable]:
    """Every block the report draws, each on a new page unless it continues the one before."""
    parts: list[Flowable] = [count]
    for block in story.blocks:
        if block.kind in SKIPPED:
            continue
        if parts[1:] and block.kind not in CONTINUING:
            parts.append(PageBreak())
        parts += BLOCKS[block.kind](story, block, sheet)
    return parts


def cover(story: Story, _: Block, sheet: Sheet) -> list[Flowable]:
    """Title page: region and period, title, subtitle, issuer, date, classification."""
    info = story.cover
    styles = cover_styles(sheet)
    parts: list[Flowable] = [Spacer(1, 4.2 * cm)]
    parts.append(para(info.scope, styles["cover-kicker"]))
    parts.append(para(info.title, styles["cover-title"]))
    if info.subtitle:
        parts.append(para(info.subtitle, styles["cover-subtitle"]))
    parts.append(Spacer(1, 10 * cm))
    rule = colors.HexColor(sheet.brand.colours.light) if dark_cover(sheet) else RULE_GREY
    parts.append(HRFlowable(width="100%", thickness=0.8, color=rule, spaceAfter=10))
    parts += [para(x, styles["cover-meta"]) for x in (info.issuer, info.date) if x]
    if sheet.brand.classification:
        parts.append(para(sheet.brand.classification, styles["classification"]))
    return parts


def dark_cover(sheet: Sheet) -> bool:
    """Whether the cover is the brand colour from edge to edge."""
    return sheet.brand.page.cover == "full"


def cover_styles(sheet: Sheet) -> dict[str, ParagraphStyle]:
    """The cover's styles; on a full-colour cover, each text in the ink that reads on it."""
    styles = sheet.styles
    if not dark_cover(sheet):
        return styles
    colours = sheet.brand.colours
    fill = colours.primary
    ink = colours.ink_on(fill)
    on_fill = {
        "cover-kicker": colours.readable(colours.tertiary, fill, 3.0),
        "cover-title": ink,
        "cover-subtitle": colours.readable(colours.light, fill),
        "cover-meta": ink,
        "classification": colours.readable(colours.tertiary, fill, 3.0),
    }
    return {
        name: ParagraphStyle(f"{name}-on-dark", parent=styles[name], textColor=colors.HexColor(c))
        for name, c in on_fill.items()
    }


def contents(story: Story, _: Block, sheet: Sheet) -> list[Flowable]:
    """The contents page: chapters, then figures, each with its page, each line a link."""
    words = story.words
    parts: list[Flowable] = [
        *chapter(words.contents, "contents", sheet, kind="front"),
        Contents(sheet, "chapter"),
    ]
    if story.charts():  # a list of figures only where there are figures
        parts += [heading(words.figures_list, "contents-figures", sheet), Contents(sheet, "figure")]
    return parts


def overview(story: Story, _: Block, sheet: Sheet) -> list[Flowable]:
    """Overview, headline rankings and claims."""
    words = story.words
    parts: list[Flowable] = [
        *chapter(words.overview, "summary", sheet),
        lead(story.overview, sheet),
    ]
    if story.ranking_tiles:
        parts += [
            heading(words.rankings, "summary-rankings", sheet),
            *tiles(story.ranking_tiles, sheet),
        ]
    if story.claims:
        parts += [Spacer(1, 8), *bullets(story.claims, sheet)]
    return parts


def key_figures(story: Story, _: Block, sheet: Sheet) -> list[Flowable]:
    """The headline figures as tiles, on the overview's page."""
    if not story.key_tiles:
        return []
    return [
        heading(story.words.key_figures, "summary-figures", sheet),
        *tiles(story.key_tiles, sheet),
    ]


def tiles(shown: tuple[Tile, ...], sheet: Sheet) -> list[Flowable]:
    """Tiles in rows of the story's column count."""
    columns = tile_columns(len(shown))
    return [grid([tile(t, columns, sheet) for t in shown], columns, sheet)]


def chapter_block(story: Story, block: Block, sheet: Sheet) -> list[Flowable]:
    """A chapter: opener, key-figure tiles, charts, highlights, institutions, named entities."""
    section = story.section(block)
    words = story.words
    key = f"chapter-{section.id}"
    parts = [
        *chapter(section.heading, key, sheet, running=section.name, kicker=section.short_title),
        lead(section.summary, sheet),
    ]
    if section.tiles or section.claims:
        parts.append(heading(words.key_figures, f"{key}-figures", sheet))
    if section.tiles:
        parts += tiles(section.tiles, sheet)
    if section.claims:
        parts += [Spacer(1, 4), *bullets(section.claims, sheet)]
    if section.charts:
        parts.append(heading(words.charts, f"{key}-charts", sheet))
        parts += [chart_figure(spec, sheet) for spec in section.charts]
    if section.general:
        parts += [heading(words.highlights, f"{key}-highlights", sheet)]
        parts += bullets(section.general, sheet)
    if section.credits:
        rows = profile_rows(section, sheet)
        parts += table_section(words.profiles, f"{key}-profiles", rows, PROFILE_COLUMNS, sheet)
    if section.other_entities:
        parts.append(heading(words.entities, f"{key}-entities", sheet))
        parts += [
            labelled(g.label, words.colon, words.join(g.names), sheet.styles["plain"])
            for g in section.other_entities
        ]
    return parts


def profile_rows(section: Section, sheet: Sheet) -> list[list[Any]]:
    """'机构 | 主要进展': names and role, and what the highlights credit them with."""
    styles, words = sheet.styles, sheet.words
    rows: list[list[Any]] = [[para(h, styles["cell-head"]) for h in words.profile_head]]
    for credit in section.credits:
        rows.append([_members(credit, sheet), _results(credit, sheet)])
    return rows


def _members(credit: Credit, sheet: Sheet) -> list[Flowable]:
    styles = sheet.styles
    names: list[Flowable] = [para(p.name, styles["cell-strong"]) for p in credit.members]
    return [*names, para(sheet.words.join(credit.roles), styles["note"])]


def _results(credit: Credit, sheet: Sheet) -> list[Flowable]:
    if len(credit.highlights) > 1:
        return bullets(credit.highlights, sheet, "cell-item")
    return [para(credit.highlights[0], sheet.styles["cell-prose"])]


def outlook(story: Story, _: Block, sheet: Sheet) -> list[Flowable]:
    """The outlook and each pledge as a tile."""
    words, view = story.words, story.outlook
    if view is None:
        return []
    parts: list[Flowable] = [*chapter(words.outlook, "outlook", sheet), lead(view.summary, sheet)]
    if view.pledges:
        cells = [_pledge(p, sheet) for p in view.pledges]
        parts += [
            heading(words.pledges, "outlook-pledges", sheet),
            grid(cells, min(len(cells), 3), sheet),
        ]
    return parts


def _pledge(pledge: Pledge, sheet: Sheet) -> list[Flowable]:
    cell: list[Flowable] = [
        para(pledge.name, sheet.styles["cell-strong"]),
        para(pledge.action, sheet.styles["tile-label"]),
    ]
    return cell + bullets(pledge.items, sheet, "tile-item")


def appendix(story: Story, _: Block, sheet: Sheet) -> list[Flowable]:
    """数据说明: how figures are printed, then every metric and every ranking in a table."""
    words = story.words
    parts: list[Flowable] = [
        *chapter(words.appendix, "appendix", sheet, running=words.appendix_running),
        heading(words.appendix_notes, "appendix-notes", sheet),
        para(words.appendix_notes_text, sheet.styles["body"]),
        para(story.source_note, sheet.styles["body"]),
        *table_section(
            words.metrics_table,
            "appendix-metrics",
            metric_rows(story, sheet),
            METRIC_COLUMNS,
            sheet,
        ),
    ]
    if story.all_rankings():
        rows = ranking_rows(story, sheet)
        parts += table_section(
            words.rankings_table, "appendix-rankings", rows, RANKING_COLUMNS, sheet
        )
    return parts


def sources(story: Story, _: Block, sheet: Sheet) -> list[Flowable]:
    """资料来源: the sources, numbered as the appendix cites them."""
    parts: list[Flowable] = [heading(story.words.sources, "appendix-sources", sheet)]
    parts += [
        para(s.text, sheet.styles["source"], bulletText=f"[{i}]")
        for i, s in enumerate(story.sources, 1)
    ]
    return parts


def metric_rows(story: Story, sheet: Sheet) -> list[list[Any]]:
    """Every metric: number, label (with change, standing, note), printed value, theme, source."""
    styles, words = sheet.styles, story.words
    rows: list[list[Any]] = [[para(h, styles["cell-head"]) for h in words.metric_head]]
    themes = {s.id: s.name for s in story.sections}
    for i, figure in enumerate(story.figures(), 1):
        about = words.item_sep.join(x for x in (figure.remark, *figure.claims, figure.note) if x)
        label = [para(figure.label, styles["cell"])]
        label += [para(about, styles["note"])] if about else []
        rows.append([
            para(str(i), styles["cell-number"]),
            label,
            para(figure.value, styles["cell-strong"]),
            para(themes[figure.section], styles["cell"]),
            para(story.citation, styles["cell"]),
        ])  # fmt: skip
    return rows


def ranking_rows(story: Story, sheet: Sheet) -> list[list[Any]]:
    """Every ranking: number, list, subject, position, theme, source."""
    styles = sheet.styles
    rows: list[list[Any]] = [[para(h, styles["cell-head"]) for h in story.words.ranking_head]]
    for i, (ranking, theme) in enumerate(story.all_rankings(), 1):
        rows.append([
            para(str(i), styles["cell-number"]),
            para(ranking.list_name, styles["cell"]),
            para(ranking.subject, styles["cell"]),
            [para(ranking.position, styles["cell-strong"])]
            + ([para(ranking.change, styles["note"])] if ranking.change else []),
            para(theme, styles["cell"]),
            para(story.citation, styles["cell"]),
        ])  # fmt: skip
    return rows


BLOCKS: dict[BlockKind, Draw] = {
    BlockKind.cover: cover,
    BlockKind.contents: contents,
    BlockKind.overview: overview,
    BlockKind.key_figures: key_figures,
    BlockKind.chapter: chapter_block,
    BlockKind.outlook: outlook,
    BlockKind.appendix: appendix,
    BlockKind.sources: sources,
}
# The closing is the deck's thank-you slide; a report ends with its sources.
SKIPPED = frozenset({BlockKind.closing})
# Blocks that continue the page of the block before: the key figures under the overview, the
# sources under the appendix's tables.
CONTINUING = frozenset({BlockKind.key_figures, BlockKind.sources})
