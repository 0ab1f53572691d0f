"""Drawing the plan: each planned slide on its master, with what it holds and its notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide

from briefing.brand.colour import WHITE
from briefing.brand.kit import Colours
from briefing.errors import BriefingError
from briefing.render.pptx.charts import draw_chart
from briefing.render.pptx.fit import (
    TILE_SCALES,
    Align,
    Para,
    Scale,
    heading_size,
    tile_boxes,
    tile_need,
    tile_paras,
    tile_scale,
)
from briefing.render.pptx.geometry import (
    AGENDA_MAX_ROW,
    GAP,
    MIN_TILE_H,
    TILE_BAR_W,
    TILE_INSET,
    Box,
)
from briefing.render.pptx.masters import Master
from briefing.render.pptx.plan import Agenda, Chart, Cover, Divider, PlannedSlide, Text, Tiles
from briefing.render.pptx.shapes import add_rect, add_text, fill_text, resolve
from briefing.story.model import Tile

NUMBER_SIZES = (32, 28, 24, 20, 16)
ROW_TITLE_SIZES = (24, 22, 20, 18, 16)


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
    elif isinstance(content, Tiles):
        if content.lead and content.lead_box is not None:
            name = master.shape("lead")
            add_text(slide, name, content.lead_box, content.lead, master.brand)
        if content.tiles:
            draw_tiles(master, slide, content)
    elif isinstance(content, Text):
        add_text(slide, content.name, content.area, content.paras, master.brand)
    elif isinstance(content, Chart):
        draw_chart(slide, content.spec, body, master.brand, master.words)
    return slide


def agenda_rows(master: Master, slide: Slide, agenda: Agenda, area: Box) -> None:
    """One row per theme: its numeral on a brand square, its title on a light strip."""
    colours, brand, words = master.colours, master.brand, master.words
    count = len(agenda.rows)
    row = min(AGENDA_MAX_ROW, (area.h - GAP * (count - 1)) / count)
    top = area.y + (area.h - (row * count + GAP * (count - 1))) / 2
    ink = colours.readable(WHITE, colours.primary, 3.0)  # large text
    for k, item in enumerate(agenda.rows):
        y = top + k * (row + GAP)
        square = Box(area.x, y, row, row)
        strip = Box(area.x + row + GAP / 2, y, area.w - row - GAP / 2, row)
        number_size = heading_size(item.number, square, NUMBER_SIZES)
        title_size = heading_size(item.title, strip.inset(TILE_INSET / 2), ROW_TITLE_SIZES)
        if number_size is None or title_size is None:
            raise BriefingError(f"deck: the theme title “{item.title}” is too long for the agenda")
        name = words.shape("agenda_row", item.index, words.shapes["agenda_number"])
        shape = add_rect(slide, name, square, colours.primary)
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
    """Tiles as light rectangles carrying their own text, all as tall as the fullest one,
    each with a bar in its accent."""
    colours, brand = master.colours, master.brand
    tiles = [t.tile for t in content.tiles]
    area = content.area
    scale = tile_scale(tiles, area) or TILE_SCALES[-1]
    width = tile_boxes(len(tiles), area)[0].w
    height = max(MIN_TILE_H, max(tile_need(t, scale, width) for t in tiles) + TILE_INSET)
    boxes = tile_boxes(len(tiles), area, height, content.centre)
    for named, box in zip(content.tiles, boxes, strict=True):
        shape = add_rect(slide, named.name, box, colours.light)
        fill_text(shape.text_frame, tile_text(named.tile, scale, colours), brand, TILE_INSET)
        shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
        accent = resolve(named.tile.accent, colours) or colours.primary
        add_rect(slide, named.bar, Box(box.x, box.y, TILE_BAR_W, box.h), accent)
