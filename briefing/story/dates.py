"""The document's date: the one place that reads SOURCE_DATE_EPOCH, never the clock."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

from briefing.story.wording import Wording

EPOCH_ENV = "SOURCE_DATE_EPOCH"
YEAR = re.compile(r"(?<!\d)(1[89]|20)\d\d(?!\d)")


@dataclass(frozen=True)
class DocumentDate:
    """When the document is dated (UTC), whether that date was given, and how it prints."""

    when: dt.datetime
    given: bool
    source: str  # "facts", "SOURCE_DATE_EPOCH" or "period"

    def printed(self, words: Wording) -> str | None:
        """The date as a reader sees it; None for a date derived from the period."""
        if not self.given:
            return None
        when = self.when
        return words.date.format(year=when.year, month=when.month, day=when.day)

    @property
    def naive(self) -> dt.datetime:
        """The same moment without a time zone (OOXML's core properties want that)."""
        return self.when.replace(tzinfo=None)


def document_date(issued: dt.date | None, period: str) -> DocumentDate:
    """The facts' date, else SOURCE_DATE_EPOCH, else 31 December of the period's first year,
    else 1 January 2000."""
    if issued is not None:
        when = dt.datetime(issued.year, issued.month, issued.day, tzinfo=dt.UTC)
        return DocumentDate(when, True, "facts")
    epoch = os.environ.get(EPOCH_ENV, "").strip()
    if epoch.isdigit():
        return DocumentDate(dt.datetime.fromtimestamp(int(epoch), dt.UTC), True, EPOCH_ENV)
    year = YEAR.search(period)
    if year:
        return DocumentDate(dt.datetime(int(year.group()), 12, 31, tzinfo=dt.UTC), False, "period")
    return DocumentDate(dt.datetime(2000, 1, 1, tzinfo=dt.UTC), False, "period")
