"""The deck: a story rendered as an editable 16:9 PowerPoint presentation.

The slide plan (plan.py, pure Python) decides every slide from the story and the boxes its
master reports; the master (the brand's, or a corporate template's) and draw.py draw it with
python-pptx, every touch beneath python-pptx's API in ooxml.py (XML) and parts.py (parts and
the package: constant-time part names, one-pass saving). Charts are native (rankings
too, as grouped shapes); every run names an East Asian face and zh-CN; every slide has
speaker notes; the same story gives the same bytes.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.render import RenderOptions
    from briefing.story.model import Story


def prepare() -> None:
    """Import what drawing a deck needs (python-pptx and the modules below), ahead of time."""
    import briefing.render.pptx.draw
    import briefing.render.pptx.masters
    import briefing.render.pptx.package
    import briefing.render.pptx.plan
    import briefing.render.pptx.theme  # noqa: F401


def render(story: Story, target: Path, options: RenderOptions) -> None:
    """Write the story as a complete .pptx deck to target: 16:9 on the brand's own master, or
    on a corporate template (options.template, else the brand's deck_template) in its size and
    look; options.warn says what the template lacked and what stood in for it."""
    # python-pptx is imported only when a deck is drawn: the plan and the registry need none.
    from briefing.render.pptx.draw import draw_deck
    from briefing.render.pptx.embed import embed_fonts
    from briefing.render.pptx.masters import BrandMaster, Master, TemplateMaster
    from briefing.render.pptx.package import set_properties, write_steady
    from briefing.render.pptx.plan import plan_deck
    from briefing.render.pptx.theme import embedding_brand

    template = options.template or story.brand.deck_template
    if options.embed_fonts:  # the deck names the face it carries
        story = replace(story, brand=embedding_brand(story.brand))
    master: Master = (
        TemplateMaster(story, template, options.warn)
        if template is not None
        else BrandMaster(story, options.warn)
    )
    draw_deck(master, plan_deck(story, master.frames()))
    master.finish()
    if options.embed_fonts:
        embed_fonts(master.prs, story.brand, options.warn)
    set_properties(master.prs, story)
    write_steady(master.prs, Path(target), story.date.naive)
