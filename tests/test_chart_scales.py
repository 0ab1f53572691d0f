"""Scales of the report's charts (briefing/charts/scales.py): room for printed text."""

from __future__ import annotations

import pytest

from briefing.charts.scales import Room, fit_limits

pytestmark = pytest.mark.unit

LENGTH = 300.0  # points along the axis


def points(value: float, limits: tuple[float, float]) -> float:
    lo, hi = limits
    return (value - lo) / (hi - lo) * LENGTH


@pytest.mark.parametrize("above", [20.0, 126.0, 200.0, 240.0])
def test_a_long_label_after_a_track_keeps_its_room_beside_a_short_one_before(above) -> None:
    """A ranking's track (0–1) with its first place named below 0 and a long printed position
    after 1 (全国高新区第六十二位（共322）): the long one gets all its room, up to 85% of the axis
    for both together; the short one keeps its own."""
    rooms = [Room(0.0, below=10.0), Room(1.0, above=above)]
    limits = fit_limits(0.0, 1.0, rooms, LENGTH)
    assert points(0.0, limits) >= 10.0 - 1e-6
    assert LENGTH - points(1.0, limits) >= min(above, 0.85 * LENGTH - 10.0) - 1e-6


def test_rooms_too_large_for_the_axis_share_85_percent_by_need() -> None:
    rooms = [Room(0.0, below=100.0), Room(1.0, above=300.0)]
    limits = fit_limits(0.0, 1.0, rooms, LENGTH)
    below, above = points(0.0, limits), LENGTH - points(1.0, limits)
    assert below + above == pytest.approx(0.85 * LENGTH)
    assert above / below == pytest.approx(3.0)


def test_values_without_rooms_fill_the_axis() -> None:
    assert fit_limits(0.0, 10.0, [], LENGTH) == (0.0, 10.0)
