"""One colour rule for every output: WCAG contrast decides the ink on a fill."""

from __future__ import annotations

import itertools

import pytest

from briefing.brand.colour import WHITE, channels, contrast, ink_on, mix, readable

pytestmark = pytest.mark.unit


def test_channels_read_long_and_short_hex():
    assert channels("#12355B") == (0x12, 0x35, 0x5B)
    assert channels("#fff") == (255, 255, 255)


def test_mix_runs_from_one_colour_to_the_other():
    assert mix("#000000", "#FFFFFF", 1) == "#000000"
    assert mix("#000000", "#FFFFFF", 0) == "#FFFFFF"
    assert mix("#000000", "#FFFFFF", 0.5) == "#808080"


def test_contrast_is_wcags():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#777777", "#777777") == pytest.approx(1)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


def test_ink_on_a_grid_of_fills_is_the_more_legible_and_never_below_the_other():
    ink = "#1E2630"
    steps = range(0, 256, 17)
    for r, g, b in itertools.product(steps, steps, steps):
        fill = f"#{r:02X}{g:02X}{b:02X}"
        chosen = ink_on(fill, (WHITE, ink))
        other = ink if chosen == WHITE else WHITE
        assert contrast(chosen, fill) >= contrast(other, fill), fill


def test_readable_keeps_a_colour_that_reaches_the_ratio_else_takes_the_ink():
    assert readable("#12355B", "#FFFFFF", (WHITE, "#000000")) == "#12355B"
    assert readable("#FFEE88", "#FFFFFF", (WHITE, "#000000")) == "#000000"
    # Large text needs only 3:1.
    assert readable("#8A8A8A", "#FFFFFF", (WHITE, "#000000"), 3.0) == "#8A8A8A"


def test_brand_colours_use_the_same_rule(brand):
    colours = brand.colours
    for fill in (colours.primary, colours.light, colours.secondary, "#FFD400"):
        assert colours.ink_on(fill) == ink_on(fill, (WHITE, colours.foreground))
        assert colours.is_dark(fill) == (colours.ink_on(fill) == WHITE)
    assert [colours.palette(i) for i in range(len(colours.chart) + 1)][-1] == colours.chart[0]
