"""Masters: what slides are drawn on. Two kinds, one interface.

- BrandMaster: python-pptx's default master, widened to 16:9, with the brand's colours and
  fonts in its theme and its title style; slides draw the brand's band, rule, logo and footer
  in exact places, and the covers and dividers as full brand designs.
- TemplateMaster: a corporate template (.pptx or .potx; its own slides are dropped): its
  theme, master decoration and layouts win. Titles keep the layout's styling; content goes
  into the area the layout leaves free; the deck's own shapes take the theme's colours and
  Latin face; runs still name an East Asian face, the theme's if it has one, else the
  brand's. The brand's logo is left to the template's master. A template that is not 16:9
  keeps its size: the slides are laid out for it and a warning says so.

Each reports its free areas as plain boxes (Frames) for the slide plan, and draws the parts
of a slide that depend on the master: heads, footers, covers and dividers.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.presentation import Presentation
from pptx.shapes.autoshape import Shape
from pptx.shapes.base import BaseShape
from pptx.slide import Slide, SlideLayout
from pptx.util import Emu, Pt

from briefing.brand.colour import WHITE
from briefing.brand.model import Brand, Colours, Logo
from briefing.errors import BriefingError
from briefing.render.pptx import ooxml, parts
from briefing.render.pptx.fit import (
    COVER_SIZES,
    FLOOR,
    FOOTER_SIZES,
    LEADING,
    TEMPLATE_TITLE_SIZES,
    TITLE_SIZES,
    Align,
    Para,
    fits,
    heading_size,
    line_count,
    one_line_size,
    text_height,
    text_width,
)
from briefing.render.pptx.geometry import (
    BAND,
    BODY,
    COVER_ACCENT,
    COVER_GAP,
    COVER_LOGO,
    COVER_TEXT,
    DIVIDER_NUMERAL,
    DIVIDER_PANEL,
    FOOTER,
    GAP,
    HEADER_LOGO,
    INSET,
    MARGIN,
    PAGE_NUMBER,
    PAGE_W,
    PLATE_PAD,
    RULE,
    SLIDE_H,
    SLIDE_W,
    TITLE,
    Box,
)
from briefing.render.pptx.layouts import (
    CONTENT_TYPES,
    SUBTITLE_TYPES,
    TITLE_TYPES,
    USED_FOR,
    Placement,
    check_shape,
    inherited_size,
    pick_layouts,
    resolve_layouts,
    template_placement,
)
from briefing.render.pptx.package import new_presentation, open_template
from briefing.render.pptx.plan import DIVIDER_LABEL_SIZE, brand_frames
from briefing.render.pptx.shapes import (
    add_logo,
    add_rect,
    add_text,
    box_of,
    fill_text,
    logo_box,
    notes_text,
    placeholders,
    rgb,
    text_frame,
    tidy,
)
from briefing.render.pptx.shapes import place as move
from briefing.render.pptx.slides import Cover, Divider, Frames, Role
from briefing.render.pptx.theme import brand_themes, template_brand
from briefing.story.model import Story

NUMERAL_SIZES = (120, 96, 72, 60, 48)
COVER_TITLE_TYPES = ("ctrTitle", "title")


class Master(ABC):
    """Adds slides to a presentation on the right layout and draws what the master decides:
    the title and its surroundings, the footer with issuer, date and slide number, covers and
    dividers, speaker notes."""

    def __init__(
        self,
        story: Story,
        prs: Presentation,
        brand: Brand,
        source: str,
        warn: Callable[[str], None],
    ) -> None:
        self.story = story
        self.words = story.words
        self.prs = prs
        self.brand = brand
        self.page = Box.from_emu(0, 0, prs.slide_width or SLIDE_W, prs.slide_height or SLIDE_H)
        found = pick_layouts(prs, self.page.h)
        self.layouts = resolve_layouts(found, source, warn)
        self.placements = {role: self.placement(role) for role in USED_FOR}

    @property
    def colours(self) -> Colours:
        """The deck's colours: the brand's, or those of the template's theme."""
        return self.brand.colours

    def shape(self, name: str, *suffix: object) -> str:
        """A shape's name from the story's words."""
        return self.words.shape(name, *suffix)

    @abstractmethod
    def placement(self, role: Role) -> Placement:
        """Where slides of this role put things."""

    @abstractmethod
    def frames(self) -> Frames:
        """The free areas the slide plan lays out in."""

    def add_slide(self, role: Role) -> tuple[Slide, Placement]:
        """A new slide on the layout for this role."""
        placement = self.placements[role]
        return self.prs.slides.add_slide(placement.layout), placement

    def content_slide(self, title: str, role: Role) -> tuple[Slide, Box]:
        """A content slide: its title and what surrounds it, footer with slide number; and the
        area left for its content."""
        slide, placement = self.add_slide(role)
        self.head(slide, title, placement)
        tidy(slide)
        self.footer(slide, placement)
        return slide, placement.body

    @abstractmethod
    def head(self, slide: Slide, title: str, placement: Placement) -> None:
        """The slide's title and the master's drawings around it."""

    @abstractmethod
    def title_para(self, text: str, size: int, colour: str | None) -> Para:
        """A title at this size in this master's look."""

    @abstractmethod
    def place(
        self,
        shape: BaseShape,
        name: str,
        box: Box,
        paras: Sequence[Para],
        anchor: MSO_ANCHOR | None = None,
        moved: bool = False,
    ) -> None:
        """Fill a placeholder with paragraphs."""

    def put_title(
        self,
        slide: Slide,
        text: str,
        box: Box,
        sizes: Sequence[int],
        colour: str | None = None,
        name: str = "",
        moved: bool = False,
    ) -> BaseShape:
        """The slide's title in its layout's title placeholder (a text box if it has none),
        at the largest size that fits."""
        size = heading_size(text, box, sizes)
        if size is None:
            raise BriefingError(f"deck: the title “{text}” is too long for a slide; shorten it")
        para = self.title_para(text, size, colour)
        name = name or self.shape("title")
        holders = placeholders(slide, TITLE_TYPES)
        if not holders:
            return add_text(slide, name, box, [para], self.brand, MSO_ANCHOR.MIDDLE)
        self.place(holders[0], name, box, [para], MSO_ANCHOR.MIDDLE, moved)
        return holders[0]

    def text_in(
        self,
        slide: Slide,
        kinds: Iterable[str],
        name: str,
        box: Box,
        paras: Sequence[Para],
        anchor: MSO_ANCHOR | None = None,
        moved: bool = False,
    ) -> BaseShape:
        """Paragraphs in the slide's first placeholder of these kinds, else in a text box."""
        holders = placeholders(slide, kinds)
        if holders:
            self.place(holders[0], name, box, paras, anchor, moved)
            return holders[0]
        return add_text(slide, name, box, paras, self.brand, anchor or MSO_ANCHOR.TOP)

    def footer_parts(self) -> list[str]:
        """What the footer line says: the issuer and the date (the period where the facts
        give no date)."""
        cover = self.story.cover
        return [cover.issuer, cover.date or cover.period]

    def footer_text(self) -> str:
        """The footer line, its parts joined by the story's wide space."""
        return self.words.bar.join(p for p in self.footer_parts() if p)

    @abstractmethod
    def footer(self, slide: Slide, placement: Placement, left: float | None = None) -> None:
        """The footer line and the slide number."""

    def footer_part(
        self, slide: Slide, placement: Placement, kind: str, name: str, box: Box, para: Para
    ) -> None:
        """One footer line in a copy of the layout's placeholder of that kind, else a text box."""
        source = placeholders(placement.layout, (kind,))
        if not source:
            add_text(slide, name, box, [para], self.brand)
            return
        shapes = slide.shapes
        copy = ooxml.clone_placeholder(ooxml.shape_tree(shapes), source[0])
        self.place(Shape(cast(Any, copy), shapes), name, box, [para])

    def notes(self, slide: Slide, lines: Sequence[str]) -> None:
        """Speaker notes, one paragraph a line."""
        notes_text(slide, lines, self.brand)

    def cover_paras(
        self, content: Cover, step: int, strong: str | None, soft: str | None
    ) -> list[Para]:
        """The lines under a cover's headline, each 2 pt smaller a step, none under the floor."""
        return [
            Para(
                line.text,
                max(FLOOR, line.size - 2 * step),
                colour=strong if line.strong else soft,
                space_after=line.space_after,
            )
            for line in content.lines
        ]

    @abstractmethod
    def cover(self, content: Cover) -> Slide:
        """The title or closing slide."""

    @abstractmethod
    def divider(self, title: str, content: Divider) -> Slide:
        """A theme's divider."""

    @abstractmethod
    def finish(self) -> None:
        """Anything the master writes once every slide is in."""


# ── The brand's own master ──────────────────────────────────────────────────


@dataclass(frozen=True)
class Mark:
    """A logo placed on a slide, with the plate behind it if it needs one."""

    logo: Logo
    box: Box
    plate: str | None = None

    @property
    def extent(self) -> Box:
        """What the logo covers, plate included."""
        return self.box.inset(-PLATE_PAD) if self.plate else self.box


class BrandMaster(Master):
    """python-pptx's default master in the brand's theme, slides drawn in the brand's look."""

    def __init__(self, story: Story, warn: Callable[[str], None]) -> None:
        prs = new_presentation()
        parts.widen_master(prs, SLIDE_W / (prs.slide_width or SLIDE_W))
        prs.slide_width, prs.slide_height = Emu(SLIDE_W), Emu(SLIDE_H)
        parts.title_style(prs)
        super().__init__(story, prs, story.brand, "default", warn)

    def placement(self, role: Role) -> Placement:
        return Placement(self.layouts[role], TITLE, BODY, FOOTER, PAGE_NUMBER)

    def frames(self) -> Frames:
        return brand_frames(self.words.closing)

    def head(self, slide: Slide, title: str, placement: Placement) -> None:
        """Colour band, title (clear of the logo), rule and logo."""
        colours = self.colours
        add_rect(slide, self.shape("band"), BAND, colours.primary)
        mark = self.logo_layout("small", HEADER_LOGO, colours.background, right=True)
        box = TITLE
        if mark:  # the title keeps clear of the logo
            box = Box(TITLE.x, TITLE.y, mark.extent.x - GAP - TITLE.x, TITLE.h)
        self.put_title(slide, title, box, TITLE_SIZES, "primary")
        add_rect(slide, self.shape("title_rule"), RULE, colours.tertiary)
        if mark:
            self.draw_mark(slide, mark)

    def title_para(self, text: str, size: int, colour: str | None) -> Para:
        return Para(text, size, True, colour)

    def place(
        self,
        shape: BaseShape,
        name: str,
        box: Box,
        paras: Sequence[Para],
        anchor: MSO_ANCHOR | None = None,
        moved: bool = False,
    ) -> None:
        """At the box, in the brand's look."""
        shape.name = name
        move(shape, box)
        frame = text_frame(shape)
        fill_text(frame, paras, self.brand)
        if anchor is not None:
            frame.vertical_anchor = anchor

    def footer(self, slide: Slide, placement: Placement, left: float | None = None) -> None:
        """Issuer and date, the classification, and the slide number as a field."""
        brand, colours = self.brand, self.colours
        credit, number = placement.footer, placement.number
        if left is not None:
            credit = Box(left, credit.y, credit.right - left, credit.h)
        if brand.classification:
            mark = colours.readable(colours.primary, colours.background)
            width = text_width(brand.classification, 10) + 2 * INSET + 4
            box = Box(number.x - width, credit.y, width, credit.h)
            line = [Para(brand.classification, 10, True, mark, align=Align.right)]
            add_text(slide, self.shape("footer_marking"), box, line, brand)
            credit = Box(credit.x, credit.y, min(credit.w, box.x - GAP - credit.x), credit.h)
        text = self.footer_text()
        size = one_line_size(text, credit.w - 2 * INSET, FOOTER_SIZES)
        para = Para(text, size, colour="muted")
        self.footer_part(slide, placement, "ftr", self.shape("footer"), credit, para)
        count = str(len(self.prs.slides))
        para = Para(count, 10, colour="muted", field="slidenum", align=Align.right)
        self.footer_part(slide, placement, "sldNum", self.shape("slide_number"), number, para)

    def logo_layout(self, size: str, slot: Box, fill: str, right: bool = False) -> Mark | None:
        """The kit's logo for this size and fill, fitted to the slot; None without a raster.

        A logo made for the other kind of background (the kit has no variant for this
        one) sits on a plate of the background (or dark) colour so that it still reads.
        """
        dark = self.colours.is_dark(fill)
        logos = self.brand.logos
        logo = logos.pick(size, on_dark=dark)
        wanted = "dark" if dark else "light"
        plate = None
        if logo and wanted not in {mode for (_, mode), v in logos.variants.items() if v == logo}:
            plate = self.colours.background if dark else self.colours.dark
            slot = slot.inset(PLATE_PAD)
        box = logo_box(logo, slot, right)
        if logo is None or box is None:
            return None
        return Mark(logo, box, plate)

    def draw_mark(self, slide: Slide, mark: Mark) -> None:
        """The plate, then the picture, named and with its alt text."""
        if mark.plate:
            name = self.shape("logo_plate")
            plate = add_rect(slide, name, mark.extent, mark.plate, MSO_SHAPE.ROUNDED_RECTANGLE)
            plate.adjustments[0] = 0.18
        add_logo(slide, mark.logo, mark.box, self.shape("logo"))

    def cover(self, content: Cover) -> Slide:
        """Brand fill as the slide's background, logo, classification, accent bar, headline
        and lines as large as fit, on the layout's title and subtitle placeholders."""
        slide, _ = self.add_slide(Role.title_slide)
        colours = self.colours
        fill = colours.primary
        background = slide.background.fill
        background.solid()
        background.fore_color.rgb = rgb(fill)
        mark = self.logo_layout("large", COVER_LOGO, fill)
        if mark:
            self.draw_mark(slide, mark)
        self.cover_marking(slide, fill)
        add_rect(slide, self.shape("accent"), COVER_ACCENT, colours.tertiary)
        strong, soft = colours.ink_on(fill), colours.readable(colours.light, fill)
        room = COVER_TEXT
        for step in range(4):
            small = self.cover_paras(content, step, strong, soft)
            for size in COVER_SIZES:
                big = [Para(content.headline, size, True, strong)]
                big_h = text_height(big, room.w)
                one = line_count(content.headline, room.w - 2 * INSET, size) == 1
                small_h = text_height(small, room.w)
                if (one or size == COVER_SIZES[-1]) and big_h + COVER_GAP + small_h <= room.h:
                    big_box = Box(room.x, room.y, room.w, big_h)
                    small_box = Box(room.x, big_box.bottom + COVER_GAP, room.w, small_h)
                    self.text_in(slide, COVER_TITLE_TYPES, content.name, big_box, big)
                    self.text_in(slide, SUBTITLE_TYPES, self.shape("cover_lines"), small_box, small)
                    tidy(slide)
                    return slide
        raise BriefingError(f"deck: the cover text of “{content.headline}” is too long; shorten it")

    def cover_marking(self, slide: Slide, fill: str) -> None:
        """The classification, framed, top right of a cover slide."""
        text = self.brand.classification
        if not text:
            return
        room = PAGE_W - 2 * MARGIN - COVER_LOGO.w - GAP  # right of the logo's slot
        size = one_line_size(text, room - 2 * INSET - 8, (16, FLOOR))
        ink = self.colours.ink_on(fill)
        width = min(text_width(text, size) + 2 * INSET + 8, room)
        box = Box(PAGE_W - MARGIN - width, COVER_LOGO.y, width, size * LEADING + INSET * 2)
        line = [Para(text, size, True, ink, align=Align.centre)]
        shape = add_text(slide, self.shape("marking"), box, line, self.brand, MSO_ANCHOR.MIDDLE)
        shape.line.color.rgb = rgb(ink)
        shape.line.width = Pt(1.25)

    def divider(self, title: str, content: Divider) -> Slide:
        """A brand block with the chapter numeral on the left; label, title, rule, summary
        stacked right as the plan placed them."""
        slide, placement = self.add_slide(Role.section)
        colours, brand = self.colours, self.brand
        stack = content.stack
        if stack is None:
            raise BriefingError("deck: the brand's divider needs its stacked layout")
        add_rect(slide, self.shape("divider_panel"), DIVIDER_PANEL, colours.primary)
        size = heading_size(content.digits, DIVIDER_NUMERAL, NUMERAL_SIZES) or NUMERAL_SIZES[-1]
        ink = colours.readable(WHITE, colours.primary, 3.0)  # large text
        numeral = [Para(content.digits, size, True, ink, align=Align.centre)]
        name = self.shape("divider_number")
        add_text(slide, name, DIVIDER_NUMERAL, numeral, brand, MSO_ANCHOR.MIDDLE)
        mark = self.logo_layout("small", HEADER_LOGO, colours.background, right=True)
        if mark:
            self.draw_mark(slide, mark)
        accent = colours.readable(colours.secondary, colours.background, 3.0)  # large, bold
        label = [Para(content.label, DIVIDER_LABEL_SIZE, True, accent)]
        add_text(slide, self.shape("divider_label"), stack.label, label, brand)
        self.put_title(slide, title, stack.title, [stack.title_size], "primary")
        add_rect(slide, self.shape("title_rule"), stack.rule, colours.tertiary)
        if content.summary:
            name = self.shape("divider_summary")
            self.text_in(slide, CONTENT_TYPES, name, stack.summary, content.summary)
        tidy(slide)
        self.footer(slide, placement, DIVIDER_PANEL.right + MARGIN)
        return slide

    def finish(self) -> None:
        """The brand's colours and fonts in every theme (PowerPoint's pickers offer them)."""
        brand_themes(self.prs, self.story.brand)


# ── A corporate template ────────────────────────────────────────────────────


class TemplateMaster(Master):
    """A corporate template's masters and layouts, slides drawn in its styling."""

    def __init__(self, story: Story, template: Path, warn: Callable[[str], None]) -> None:
        prs = open_template(template)
        page = Box.from_emu(0, 0, prs.slide_width or SLIDE_W, prs.slide_height or SLIDE_H)
        source = Path(template).name
        check_shape(page, source, warn)
        super().__init__(story, prs, template_brand(story.brand, prs), source, warn)

    def placement(self, role: Role) -> Placement:
        return template_placement(self.layouts[role], role, self.page)

    def frames(self) -> Frames:
        section = self.placements[Role.section]
        bodies = placeholders(section.layout, CONTENT_TYPES)
        summary = (box_of(bodies[0]) if bodies else None) or section.body
        return Frames(
            self.placements[Role.content].body,
            self.placements[Role.title_only].body,
            summary,
            False,
            self.page,
            self.cover_room()[1],
        )

    def cover_room(self) -> tuple[Box, Box]:
        """Where the title slide's lines go: its subtitle placeholder, and that grown down to
        the footer."""
        placement = self.placements[Role.title_slide]
        subs = placeholders(placement.layout, SUBTITLE_TYPES)
        sub = (box_of(subs[0]) if subs else None) or placement.body
        footer_top = placement.footer.y if placement.footer.y > sub.y else self.page.h - MARGIN
        return sub, Box(sub.x, sub.y, sub.w, max(sub.h, footer_top - GAP / 2 - sub.y))

    def title_sizes(self, layout: SlideLayout, kinds: Iterable[str] = TITLE_TYPES) -> list[int]:
        """Title sizes to try in a layout: its own size first, then smaller ones."""
        own = inherited_size(layout, kinds) or 44
        return [s for s in TEMPLATE_TITLE_SIZES if s <= own] or [TEMPLATE_TITLE_SIZES[-1]]

    def head(self, slide: Slide, title: str, placement: Placement) -> None:
        """The title in the layout's place, at its size or smaller."""
        sizes = self.title_sizes(placement.layout)
        self.put_title(slide, title, placement.title, sizes, moved=placement.title_moved)

    def title_para(self, text: str, size: int, colour: str | None) -> Para:
        return Para(text, size, None, None, align=None)

    def place(
        self,
        shape: BaseShape,
        name: str,
        box: Box,
        paras: Sequence[Para],
        anchor: MSO_ANCHOR | None = None,
        moved: bool = False,
    ) -> None:
        """Where the layout has it (unless moved), in its style."""
        shape.name = name
        if moved:
            move(shape, box)
        fill_text(text_frame(shape), paras, self.brand, own=False)

    def footer_parts(self) -> list[str]:
        """Issuer, date and the classification (the template has no place of its own for it)."""
        return [*super().footer_parts(), self.brand.classification or ""]

    def footer(self, slide: Slide, placement: Placement, left: float | None = None) -> None:
        """Issuer and date, and the slide number as a field, at the template's sizes."""
        layout = placement.layout
        text = self.footer_text()
        own = inherited_size(layout, ("ftr",))
        sizes = [s for s in FOOTER_SIZES if s <= (own or 10)] or [FOOTER_SIZES[-1]]
        size = one_line_size(text, placement.footer.w - 2 * INSET, sizes)
        para = Para(text, size, colour=None, align=None)
        self.footer_part(slide, placement, "ftr", self.shape("footer"), placement.footer, para)
        own = inherited_size(layout, ("sldNum",))
        count = str(len(self.prs.slides))
        para = Para(count, min(own or 10, 12), colour=None, field="slidenum", align=None)
        name = self.shape("slide_number")
        self.footer_part(slide, placement, "sldNum", name, placement.number, para)

    def cover(self, content: Cover) -> Slide:
        """The template's title slide: its title and subtitle placeholders in its styling,
        the subtitle's box grown down to the footer if the lines need it."""
        slide, placement = self.add_slide(Role.title_slide)
        layout = placement.layout
        titles = placeholders(layout, COVER_TITLE_TYPES)
        box = (box_of(titles[0]) if titles else None) or placement.title
        sizes = self.title_sizes(layout, COVER_TITLE_TYPES)
        self.put_title(slide, content.headline, box, sizes, None, content.name)
        sub, grown = self.cover_room()
        for area, moved in ((sub, False), (grown, True)):
            pages = (self.cover_paras(content, step, None, None) for step in range(4))
            small = next((p for p in pages if fits(p, area)), None)
            if small is not None:
                small = [replace(p, bold=None, align=None) for p in small]
                name = self.shape("cover_lines")
                self.text_in(slide, SUBTITLE_TYPES, name, area, small, moved=moved)
                tidy(slide)
                return slide
        raise BriefingError(
            f"deck: the cover text of “{content.headline}” is too long for the template"
        )

    def finish(self) -> None:
        """Nothing: a template keeps its own theme."""

    def divider(self, title: str, content: Divider) -> Slide:
        """The template's section header: the heading in its title, the summary in its text
        placeholder; on a stand-in layout without one, the summary centred in the free area."""
        slide, placement = self.add_slide(Role.section)
        self.put_title(slide, title, placement.title, self.title_sizes(placement.layout))
        name = self.shape("divider_summary")
        bodies = placeholders(placement.layout, CONTENT_TYPES)
        box = box_of(bodies[0]) if bodies else None
        if content.summary and box is None:
            area = self.frames().divider
            height = text_height(content.summary, area.w)
            middle = Box(area.x, area.y + (area.h - height) / 2, area.w, height)
            add_text(slide, name, middle, content.summary, self.brand)
        elif content.summary and box is not None:
            summary = [replace(p, colour=None, align=None, space_after=0) for p in content.summary]
            self.text_in(slide, CONTENT_TYPES, name, box, summary)
        tidy(slide)
        self.footer(slide, placement)
        return slide
