"""Drawing the plan: each planned slide on its master, with what it holds and its notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide
from pptx.util import Pt

from briefing.brand.colour import WHITE
from briefing.brand.model import Colours
from briefing.errors import BriefingError
from briefing.render.pptx.charts import draw_chart
from briefing.render.pptx.fit import (
    ROW_TITLE_SIZES,
    TILE_SCALES,
    Align,
    Para,
    Scale,
    agenda_badge,
    agenda_row,
    agenda_strip,
    heading_size,
    tile_need,
    tile_paras,
    tile_scale,
)
from briefing.render.pptx.geometry import (
    CARD_INSET,
    GAP,
    TILE_BAR_W,
    TILE_INSET,
    Box,
)
from briefing.render.pptx.masters import Master
from briefing.render.pptx.shapes import add_rect, add_text, fill_text, resolve
from briefing.render.pptx.slides import (
    Agenda,
    Beside,
    Chart,
    Cover,
    Divider,
    PlannedSlide,
    Text,
    TextBlock,
    Tiles,
)
from briefing.story.model import Tile


def draw_deck(master: Master, slides: Sequence[PlannedSlide]) -> None:
    """Every planned slide, in order, with its speaker notes."""
    for planned in slides:
        master.notes(draw_slide(master, planned), planned.notes)


def draw_slide(master: Master, planned: PlannedSlide) -> Slide:
    """One planned slide: covers and dividers as the master draws them, the rest as a content
    slide with its title, footer and what it holds."""
    content = planned.content
    if isinstance(content, Cover):
        return master.cover(content)
    if isinstance(content, Divider):
        return master.divider(planned.title, content)
    slide, body = master.content_slide(planned.title, planned.role)
    if isinstance(content, Agenda):
        agenda_rows(master, slide, content, body)
    elif isinstance(content, Beside):
        if content.lead and content.lead_box is not None:
            add_text(slide, master.shape("lead"), content.lead_box, content.lead, master.brand)
        for part in content.parts:
            draw_part(master, slide, part, body)
    elif isinstance(content, Tiles | Text | Chart):
        draw_part(master, slide, content, body)
    return slide


def draw_part(master: Master, slide: Slide, part: Tiles | Text | Chart, body: Box) -> None:
    """Tiles under their lead, blocks of text, or a chart in its area (else the body)."""
    if isinstance(part, Tiles):
        if part.lead and part.lead_box is not None:
            name = part.lead_name or master.shape("lead")
            add_text(slide, name, part.lead_box, part.lead, master.brand)
        if part.tiles:
            draw_tiles(master, slide, part)
    elif isinstance(part, Text):
        for block in part.blocks:
            if block.card:
                draw_card(master, slide, block)
            else:
                add_text(slide, block.name, block.box, block.paras, master.brand)
    else:
        draw_chart(slide, part.spec, part.area or body, master.brand, master.words, part.card)


def draw_card(master: Master, slide: Slide, block: TextBlock) -> None:
    """Paragraphs on a light card, centred down, with a bar in the primary colour."""
    colours = master.colours
    shape = add_rect(slide, block.name, block.box, colours.light)
    fill_text(shape.text_frame, block.paras, master.brand, CARD_INSET)
    shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    bar = Box(block.box.x, block.box.y, TILE_BAR_W, block.box.h)
    add_rect(slide, master.shape("lead", master.words.shapes["tile_bar"]), bar, colours.primary)


def agenda_rows(master: Master, slide: Slide, agenda: Agenda, area: Box) -> None:
    """One row per theme: its numeral on a brand square, its title on a light strip."""
    colours, brand, words = master.colours, master.brand, master.words
    count = len(agenda.rows)
    row = agenda_row(count, area)
    badge, number_size = agenda_badge([item.number for item in agenda.rows], row)
    top = area.y + (area.h - (row * count + GAP * (count - 1))) / 2
    ink = colours.readable(WHITE, colours.primary, 3.0)  # large text
    for k, item in enumerate(agenda.rows):
        y = top + k * (row + GAP)
        strip = agenda_strip(area.x, y, row, area, badge)
        title_size = heading_size(item.title, strip.inset(TILE_INSET / 2), ROW_TITLE_SIZES)
        if title_size is None:
            raise BriefingError(f"deck: the theme title “{item.title}” is too long for the agenda")
        name = words.shape("agenda_row", item.index, words.shapes["agenda_number"])
        shape = add_rect(slide, name, Box(area.x, y, badge, row), colours.primary)
        number = Para(item.number, number_size, True, ink, align=Align.centre)
        fill_text(shape.text_frame, [number], brand)
        shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        shape = add_rect(slide, words.shape("agenda_row", item.index), strip, colours.light)
        fill_text(shape.text_frame, [Para(item.title, title_size, True)], brand, TILE_INSET)
        shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE


def tile_text(tile: Tile, scale: Scale, colours: Colours) -> list[Para]:
    """A tile's paragraphs in colours that read on the tile's light fill: the value in its
    accent (as large text), the note muted."""
    fill = colours.light
    paras = tile_paras(tile, scale)
    accent = resolve(paras[0].colour, colours) or colours.primary
    out = [replace(paras[0], colour=colours.readable(accent, fill, 3.0)), paras[1]]
    out += [replace(p, colour=colours.readable(colours.muted, fill)) for p in paras[2:]]
    return out


def draw_tiles(master: Master, slide: Slide, content: Tiles) -> None:
    """Tiles as light rectangles filling their grid, their text as large as every tile of
    the grid holds, the fullest tile's centred down and the others' tops level with it;
    each with a bar in its accent."""
    colours, brand = master.colours, master.brand
    tiles = [t.tile for t in content.tiles]
    boxes = content.boxes
    scale = tile_scale(tiles, content.area, content.columns) or TILE_SCALES[-1]
    fullest = max(tile_need(t, scale, b.w) for t, b in zip(tiles, boxes, strict=True))
    for named, box in zip(content.tiles, boxes, strict=True):
        shape = add_rect(slide, named.name, box, colours.light)
        frame = shape.text_frame
        fill_text(frame, tile_text(named.tile, scale, colours), brand, TILE_INSET)
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.margin_top = Pt(TILE_INSET / 2 + max(0.0, box.h - fullest) / 2)
        accent = resolve(named.tile.accent, colours) or colours.primary
        add_rect(slide, named.bar, Box(box.x, box.y, TILE_BAR_W, box.h), accent)
