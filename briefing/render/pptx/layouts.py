"""A template's layouts: found by the placeholders they carry, names only a hint; where each
kind of slide puts its title, body and footer on them.

Slides use the template's layouts for their role (title slide, title and content, section
header, title only; English or Chinese names and the layout type only break ties); a missing
one is stood in for with a warning. Titles go into the layout's title placeholder; content
goes into the area the layout leaves free below the title and clear of the master's
decoration.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pptx.presentation import Presentation
from pptx.shapes.base import BaseShape
from pptx.slide import SlideLayout

from briefing.errors import BriefingError
from briefing.render.pptx import ooxml
from briefing.render.pptx.geometry import GAP, MARGIN, Box
from briefing.render.pptx.shapes import box_of, every_placeholder, placeholders
from briefing.render.pptx.slides import Role

ROLES = (Role.title_slide, Role.section, Role.content, Role.title_only, Role.blank)
ROLE_NAMES = {  # PowerPoint's names, English and Chinese: a hint, never enough alone
    Role.title_slide: ("title slide", "标题幻灯片"),
    Role.section: ("section header", "节标题"),
    Role.content: ("title and content", "标题和内容"),
    Role.title_only: ("title only", "仅标题"),
    Role.blank: ("blank", "空白"),
}
ROLE_TYPES = {  # the layout's type attribute, when the template's author kept it
    Role.title_slide: "title",
    Role.section: "secHead",
    Role.content: "obj",
    Role.title_only: "titleOnly",
    Role.blank: "blank",
}
ROLE_LABELS = {
    Role.title_slide: "title slide",
    Role.section: "section header",
    Role.content: "title and content",
    Role.title_only: "title only",
    Role.blank: "blank",
}
FALLBACKS = {  # what stands in for a missing layout, best first
    Role.title_slide: (Role.section, Role.title_only, Role.content, Role.blank),
    Role.section: (Role.title_only, Role.content, Role.title_slide, Role.blank),
    Role.content: (Role.title_only, Role.blank),
    Role.title_only: (Role.content, Role.blank),
    Role.blank: (Role.title_only, Role.content),
}
USED_FOR = {
    Role.title_slide: "the title and closing slides",
    Role.section: "section dividers",
    Role.content: "text slides",
    Role.title_only: "figure and chart slides",
}
FOOTER_TYPES = frozenset(("dt", "ftr", "sldNum", "hdr"))
TITLE_TYPES = frozenset(("title", "ctrTitle"))
CONTENT_TYPES = frozenset(("obj", "body", "tbl", "chart", "dgm", "media", "clipArt", "pic"))
SUBTITLE_TYPES = ("subTitle", "body", "obj")


def layout_role(layout: SlideLayout, page_h: float) -> Role | None:
    """What a layout is for, judged by its placeholders (and its type for a section header)."""
    shapes = [s for s in every_placeholder(layout) if ooxml.placeholder_type(s) not in FOOTER_TYPES]
    kinds = [ooxml.placeholder_type(s) for s in shapes]
    if any(ooxml.is_vertical(s) for s in shapes):
        return None  # vertical text
    titles = [k for k in kinds if k in TITLE_TYPES]
    rest = [s for s, k in zip(shapes, kinds, strict=True) if k not in TITLE_TYPES]
    if not kinds:
        return Role.blank
    if "ctrTitle" in kinds or (
        titles and [ooxml.placeholder_type(s) for s in rest] == ["subTitle"]
    ):
        return Role.title_slide
    if not titles:
        return None
    if not rest:
        return Role.title_only
    if len(rest) != 1 or ooxml.placeholder_type(rest[0]) not in CONTENT_TYPES:
        return None  # two contents, comparison, picture with caption …
    if ooxml.layout_type(layout) == "secHead" or section_arrangement(layout, rest[0], page_h):
        return Role.section
    return Role.content


def section_arrangement(layout: SlideLayout, body: BaseShape, page_h: float) -> bool:
    """A title and a short text placeholder of type body, the title low on the slide or the
    text small: how section headers are drawn when their type attribute is lost."""
    titles = placeholders(layout, TITLE_TYPES)
    if not titles or ooxml.placeholder_type(body) != "body":
        return False
    title_box, body_box = box_of(titles[0]), box_of(body)
    if title_box is None or body_box is None:
        return False
    return title_box.y > 0.4 * page_h or body_box.h < 0.3 * page_h


def normal(name: str) -> str:
    """A layout name without case and spaces, for matching."""
    return re.sub(r"\s+", " ", name).strip().lower()


def pick_layouts(prs: Presentation, page_h: float) -> dict[Role, SlideLayout]:
    """The best layout for each role the template has, judged by structure first, then its
    type attribute, then its name; a layout of another structure is never taken by name."""
    found: dict[Role, SlideLayout] = {}
    layouts = list(prs.slide_layouts)
    roles = [layout_role(layout, page_h) for layout in layouts]
    for role in ROLES:
        scored = []
        for order, (layout, judged) in enumerate(zip(layouts, roles, strict=True)):
            if judged != role:
                continue
            score = 2 * (ooxml.layout_type(layout) == ROLE_TYPES[role])
            score += normal(layout.name) in ROLE_NAMES[role]
            scored.append((-score, order, layout))
        if scored:
            found[role] = min(scored, key=lambda s: s[:2])[2]
    return found


def resolve_layouts(
    found: dict[Role, SlideLayout], source: str, warn: Callable[[str], None]
) -> dict[Role, SlideLayout]:
    """A layout for every role the deck uses, a stand-in (with a warning) where one is missing."""
    chosen = dict(found)
    for role, purpose in USED_FOR.items():
        if role in found:
            continue
        stand_in = next((r for r in FALLBACKS[role] if r in found), None)
        if stand_in is None:
            raise BriefingError(f"deck template {source}: it has no slide layouts to use")
        chosen[role] = found[stand_in]
        hint = ROLE_NAMES[role][1]
        warn(
            f"deck template {source}: no {ROLE_LABELS[role]} layout ({hint}); "
            f"{purpose} use “{found[stand_in].name}” instead"
        )
    return chosen


def check_shape(page: Box, source: str, warn: Callable[[str], None]) -> None:
    """A warning for a template that is not 16:9; the deck keeps its size and lays out for it."""
    ratio = page.w / page.h
    if abs(ratio - 16 / 9) > 0.02:
        shape = "4:3" if abs(ratio - 4 / 3) < 0.02 else f"{ratio:.2f}:1"
        warn(
            f"deck template {source}: its slides are {shape} ({page.w / 72:.2f} × "
            f"{page.h / 72:.2f} in), not 16:9; the deck keeps the template's size and lays "
            "its slides out for it"
        )


# ── Placements: where each kind of slide puts its title, body and footer ────


@dataclass(frozen=True)
class Placement:
    """One kind of slide: its layout, title box, free body area and footer boxes."""

    layout: SlideLayout
    title: Box
    body: Box
    footer: Box
    number: Box
    title_moved: bool = False  # the title had to leave the layout's place to clear a logo


def decoration(layout: SlideLayout, page: Box) -> list[Box]:
    """Boxes of the master's and the layout's own drawings (logos, bands) that show on its
    slides; backgrounds covering much of the slide are not obstacles."""
    owners = [layout.shapes]
    if ooxml.shows_master_shapes(layout):
        owners.append(layout.slide_master.shapes)
    boxes = []
    for shapes in owners:
        for shape in shapes:
            box = None if shape.is_placeholder else box_of(shape)
            if box and box.w * box.h < 0.4 * page.w * page.h:
                boxes.append(box)
    return boxes


def clear_of(area: Box, obstacles: Sequence[Box]) -> Box:
    """The largest part of the area above, below, left or right of each obstacle in it."""
    for o in obstacles:
        if not area.overlaps(o):
            continue
        options = [
            Box(area.x, area.y, area.w, o.y - GAP / 2 - area.y),
            Box(area.x, o.bottom + GAP / 2, area.w, area.bottom - o.bottom - GAP / 2),
            Box(area.x, area.y, o.x - GAP / 2 - area.x, area.h),
            Box(o.right + GAP / 2, area.y, area.right - o.right - GAP / 2, area.h),
        ]
        area = max(options, key=lambda b: max(b.w, 0) * max(b.h, 0))
    return area


def template_placement(layout: SlideLayout, role: Role, page: Box) -> Placement:
    """Boxes from a template's layout: the title placeholder; the body placeholder's area for a
    title-and-content layout, else all between title and footer; both clear of decoration."""
    obstacles = decoration(layout, page)
    titles = placeholders(layout, TITLE_TYPES)
    own = box_of(titles[0]) if titles else None
    title = clear_of(own or Box(MARGIN, 0.35 * 72, page.w - 2 * MARGIN, 0.9 * 72), obstacles)
    footers = [
        box_of(s)
        for s in [*every_placeholder(layout), *every_placeholder(layout.slide_master)]
        if ooxml.placeholder_type(s) in FOOTER_TYPES
    ]
    footer_top = min((b.y for b in footers if b and b.y > page.h / 2), default=page.h - 0.5 * 72)
    bodies = placeholders(layout, CONTENT_TYPES | {"subTitle"})
    body = box_of(bodies[0]) if bodies and role == Role.content else None
    top = title.bottom + GAP / 2
    if body is None or body.y < top or body.bottom > footer_top:
        body = Box(title.x, top, title.w, footer_top - GAP / 2 - top)
    body = clear_of(body, obstacles)
    return Placement(
        layout,
        title,
        body,
        footer_box(layout, "ftr") or Box(MARGIN, footer_top, page.w * 0.6, page.h - footer_top),
        footer_box(layout, "sldNum")
        or Box(page.w - MARGIN - 1.2 * 72, footer_top, 1.2 * 72, page.h - footer_top),
        title_moved=own is not None and title != own,
    )


def footer_box(layout: SlideLayout, kind: str) -> Box | None:
    """Where the layout (or its master) puts a footer or slide-number placeholder."""
    for owner in (layout, layout.slide_master):
        for shape in placeholders(owner, (kind,)):
            box = box_of(shape)
            if box:
                return box
    return None


def inherited_size(layout: SlideLayout, kinds: Iterable[str]) -> int | None:
    """The text size (pt) a layout's placeholder of these kinds gives its first level, from the
    layout, its master's placeholder or the master's text styles."""
    wanted = set(kinds)
    style = "titleStyle" if wanted & TITLE_TYPES else "bodyStyle"
    for owner in (layout, layout.slide_master):
        found = placeholders(owner, wanted) or (
            placeholders(owner, ("title",)) if style == "titleStyle" else []
        )
        for shape in found:
            size = ooxml.list_style_size(shape)
            if size:
                return size
    if wanted & FOOTER_TYPES:
        return None
    return ooxml.master_text_size(layout.slide_master, style)
