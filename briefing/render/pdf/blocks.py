"""The story's blocks as report flowables, in the story's order; the report skips the closing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, PageBreak, Spacer

from briefing.render.pdf.flowables import (
    CELL_PADDING,
    Contents,
    Opening,
    PageNumbers,
    bullets,
    chapter,
    chart_figure,
    fitted,
    grid,
    heading,
    labelled,
    lead,
    para,
    room,
    section,
    table_section,
    tile,
    value_fits,
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
from briefing.text.linebreak import figure_spans

METRIC_COLUMNS = (0.07, 0.40, 0.24, 0.18, 0.11)  # 序号 指标 数值 所属主题 来源
RANKING_COLUMNS = (0.07, 0.24, 0.17, 0.24, 0.17, 0.11)  # 序号 榜单 对象 位次 所属主题 来源
PROFILE_COLUMNS = (0.3, 0.7)  # 机构 主要进展
VALUE_CELL_READABLE = 8.0  # pt: a value shrinks to this in its column before it wraps
VALUE_CELL_SMALLEST = 6.5  # pt: and its longest figure, to stay whole on its line
VALUE_SHARE_MOST = 0.34  # of the column, the metrics table's values take at most

Draw = Callable[[Story, Block, Sheet], list[Flowable]]


def flowables(story: Story, sheet: Sheet, numbers: PageNumbers) -> list[Flowable]:
    """Every block the report draws, in order, each opened as `opening` decides; the contents
    print the pages `numbers` will hold once the report is laid out."""
    parts: list[Flowable] = []
    for block in story.blocks:
        if block.kind in SKIPPED:
            continue
        if block.kind is BlockKind.contents:
            drawn = contents(story, sheet, numbers)
        else:
            drawn = BLOCKS[block.kind](story, block, sheet)
        if parts and block.kind not in CONTINUING:
            parts.append(opening(block.kind, drawn, sheet))
        parts += drawn
    return parts


def opening(kind: BlockKind, drawn: list[Flowable], sheet: Sheet) -> Flowable:
    """A new page for the contents; any later block opens one only when the page before is
    filled more than its share in FILLED, else follows on it."""
    if kind not in FILLED:
        return PageBreak()
    return Opening(room(drawn, sheet.layout.column), FILLED[kind], RULE_GREY)


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


def contents(story: Story, sheet: Sheet, numbers: PageNumbers) -> list[Flowable]:
    """The contents page: chapters, then figures, each with its page, each line a link."""
    words = story.words
    parts: list[Flowable] = [
        *chapter(words.contents, "contents", sheet, kind="front"),
        Contents(sheet, "chapter", numbers),
    ]
    if story.charts():  # a list of figures only where there are figures
        figures = Contents(sheet, "figure", numbers)
        parts += [heading(words.figures_list, "contents-figures", sheet), figures]
    return parts


def overview(story: Story, _: Block, sheet: Sheet) -> list[Flowable]:
    """Overview, headline rankings and claims."""
    words = story.words
    parts: list[Flowable] = [
        *chapter(words.overview, "summary", sheet),
        lead(story.overview, sheet),
    ]
    if story.ranking_tiles:
        parts += section(
            words.rankings, "summary-rankings", tiles(story.ranking_tiles, sheet), sheet
        )
    if story.claims:
        parts += [Spacer(1, 8), *bullets(story.claims, sheet)]
    return parts


def key_figures(story: Story, _: Block, sheet: Sheet) -> list[Flowable]:
    """The headline figures as tiles, on the overview's page."""
    if not story.key_tiles:
        return []
    return section(story.words.key_figures, "summary-figures", tiles(story.key_tiles, sheet), sheet)


def tiles(shown: tuple[Tile, ...], sheet: Sheet) -> list[Flowable]:
    """Tiles in rows of the story's column count, fewer where a value would not fit its tile
    on one line even at the smallest size (a figure is never broken inside a tile)."""
    columns = tile_columns(len(shown))
    while columns > 1 and not all(value_fits(t.value, columns, sheet) for t in shown):
        columns -= 1
    return [grid([tile(t, columns, sheet) for t in shown], columns, sheet)]


def chapter_block(story: Story, block: Block, sheet: Sheet) -> list[Flowable]:
    """A chapter: opener, key-figure tiles, charts, highlights, institutions, named entities."""
    theme = story.section(block)
    words = story.words
    key = f"chapter-{theme.id}"
    parts = [
        *chapter(theme.heading, key, sheet, running=theme.name, kicker=theme.short_title),
        lead(theme.summary, sheet),
    ]
    if theme.tiles or theme.claims:
        figures = tiles(theme.tiles, sheet) if theme.tiles else []
        if theme.claims:
            figures += [Spacer(1, 4), *bullets(theme.claims, sheet)]
        parts += section(words.key_figures, f"{key}-figures", figures, sheet)
    if theme.charts:
        charts = [chart_figure(spec, sheet) for spec in theme.charts]
        parts += section(words.charts, f"{key}-charts", charts, sheet)
    if theme.general:
        parts += section(
            words.highlights, f"{key}-highlights", bullets(theme.general, sheet), sheet
        )
    if theme.credits:
        rows = profile_rows(theme, sheet)
        parts += table_section(words.profiles, f"{key}-profiles", rows, PROFILE_COLUMNS, sheet)
    if theme.other_entities:
        named = [
            labelled(g.label, words.colon, words.join(g.names), sheet.styles["plain"])
            for g in theme.other_entities
        ]
        parts += section(words.entities, f"{key}-entities", named, sheet)
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
        pledges = [grid(cells, min(len(cells), 3), sheet)]
        parts += section(words.pledges, "outlook-pledges", pledges, sheet)
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
    columns = metric_columns([f.value for f in story.figures()], sheet)
    notes = [
        para(words.appendix_notes_text, sheet.styles["body"]),
        para(story.source_note, sheet.styles["body"]),
    ]
    parts: list[Flowable] = [
        *chapter(words.appendix, "appendix", sheet, running=words.appendix_running),
        *section(words.appendix_notes, "appendix-notes", notes, sheet),
        *table_section(
            words.metrics_table,
            "appendix-metrics",
            metric_rows(story, sheet, columns),
            columns,
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
    listed = [
        para(s.text, sheet.styles["source"], bulletText=f"[{i}]")
        for i, s in enumerate(story.sources, 1)
    ]
    return section(story.words.sources, "appendix-sources", listed, sheet)


def metric_columns(values: list[str], sheet: Sheet) -> tuple[float, ...]:
    """METRIC_COLUMNS, the value column widened (up to VALUE_SHARE_MOST, from the label's)
    where a value's longest figure would not stay whole on one line at VALUE_CELL_READABLE."""
    style = sheet.styles["cell-strong"]
    longest = [max((v[a:b] for a, b in figure_spans(v)), key=len, default=v) for v in values]
    need = max((stringWidth(f, style.fontName, VALUE_CELL_READABLE) for f in longest), default=0.0)
    number, label, value, *rest = METRIC_COLUMNS
    share = min(max(value, (need + 2 * CELL_PADDING + 1) / sheet.layout.column), VALUE_SHARE_MOST)
    return (number, label - (share - value), share, *rest)


def metric_rows(
    story: Story, sheet: Sheet, columns: tuple[float, ...] = METRIC_COLUMNS
) -> list[list[Any]]:
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
            _value_cell(figure.value, columns[2], sheet),
            para(themes[figure.section], styles["cell"]),
            para(story.citation, styles["cell"]),
        ])  # fmt: skip
    return rows


def _value_cell(value: str, share: float, sheet: Sheet) -> Flowable:
    """A printed value in a table column: on one line, smaller where the column is narrow
    (down to VALUE_CELL_READABLE); longer than that, it wraps before its figure (累计首次达到 /
    两千一百二十四座左右) at the size that keeps its longest figure on one line, so the figure
    is never broken from its unit."""
    width = sheet.layout.column * share - 2 * CELL_PADDING
    style = sheet.styles["cell-strong"]
    whole = fitted(style, value, width, VALUE_CELL_READABLE)
    if stringWidth(value, whole.fontName, whole.fontSize) <= width:
        return para(value, whole)
    longest = max((value[a:b] for a, b in figure_spans(value)), key=len, default=value)
    return para(value, fitted(style, longest, width, VALUE_CELL_SMALLEST))


def ranking_rows(story: Story, sheet: Sheet) -> list[list[Any]]:
    """Every ranking: number, list, subject, position, theme, source."""
    styles = sheet.styles
    rows: list[list[Any]] = [[para(h, styles["cell-head"]) for h in story.words.ranking_head]]
    for i, (ranking, theme) in enumerate(story.all_rankings(), 1):
        rows.append([
            para(str(i), styles["cell-number"]),
            para(ranking.list_name, styles["cell"]),
            para(ranking.subject, styles["cell"]),
            [_value_cell(ranking.position, RANKING_COLUMNS[3], sheet)]
            + ([para(ranking.change, styles["note"])] if ranking.change else []),
            para(theme, styles["cell"]),
            para(story.citation, styles["cell"]),
        ])  # fmt: skip
    return rows


# The contents is drawn by `contents`, which takes the report's page numbers.
BLOCKS: dict[BlockKind, Draw] = {
    BlockKind.cover: cover,
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
# Blocks that open a new page only when the page before is filled more than this share of its
# body, else follow on it: the overview under a short contents, a chapter after a page the one
# before left nearly empty, and the short closing blocks (the outlook, the appendix) after any
# page with room for them. The cover and the contents always open their own pages.
CHAPTER_FILL = 0.3
CLOSING_FILL = 0.55
FILLED = {
    BlockKind.overview: CHAPTER_FILL,
    BlockKind.chapter: CHAPTER_FILL,
    BlockKind.outlook: CLOSING_FILL,
    BlockKind.appendix: CLOSING_FILL,
}
