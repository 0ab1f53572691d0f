"""The document's date: the facts', else SOURCE_DATE_EPOCH, else the period's; never the clock."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.story.dates import document_date
from briefing.story.wording import ZH

pytestmark = pytest.mark.unit


def test_the_facts_date_wins(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1740787200")
    date = document_date(dt.date(2025, 1, 20), "2024")
    assert (date.when, date.given, date.source) == (
        dt.datetime(2025, 1, 20, tzinfo=dt.UTC),
        True,
        "facts",
    )
    assert date.printed(ZH) == "2025年1月20日"


def test_source_date_epoch_comes_next(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1740787200")  # 2025-03-01 00:00 UTC
    date = document_date(None, "2024")
    assert date.when == dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    assert date.printed(ZH) == "2025年3月1日"
    assert date.naive == dt.datetime(2025, 3, 1)


@pytest.mark.parametrize(
    ("period", "day"),
    [("2024", "2024-12-31"), ("2023—2024年", "2023-12-31"), ("十四五时期", "2000-01-01")],
)
def test_without_either_the_period_dates_it_and_nothing_prints(monkeypatch, period, day):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    date = document_date(None, period)
    assert date.when.date().isoformat() == day
    assert not date.given
    assert date.printed(ZH) is None


def test_a_malformed_epoch_is_ignored(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert document_date(None, "2024").source == "period"


def test_only_the_dates_module_reads_source_date_epoch():
    from tests.helpers import ROOT

    readers = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "briefing").rglob("*.py")
        if '"SOURCE_DATE_EPOCH"' in path.read_text(encoding="utf-8")
    ]
    assert readers == ["briefing/story/dates.py"]
