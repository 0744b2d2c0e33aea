"""Periods the participation figures are counted over: calendar years, halves, quarters.

A participant is counted once per period, whatever they did and how often. Dates are
read in the city's time zone; a period runs from its first day included to the first
day of the next one excluded.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

KINDS = ("year", "half", "quarter")
MONTHS = {"year": 12, "half": 6, "quarter": 3}
_KEY = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[HQ])(?P<part>[1-4]))?$")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str  # "year", "half" or "quarter"
    part: int  # 1 for a year; 1–2 for a half; 1–4 for a quarter

    @property
    def key(self) -> str:
        """How the period is written in a URL: 2026, 2026-H1, 2026-Q3."""
        if self.kind == "year":
            return str(self.year)
        return f"{self.year}-{'H' if self.kind == 'half' else 'Q'}{self.part}"

    @property
    def label(self) -> str:
        if self.kind == "year":
            return str(self.year)
        if self.kind == "half":
            if self.part == 1:
                return _("First half of %(year)s") % {"year": self.year}
            return _("Second half of %(year)s") % {"year": self.year}
        return _("Quarter %(part)s of %(year)s") % {"part": self.part, "year": self.year}

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, (self.part - 1) * MONTHS[self.kind] + 1, 1)

    @property
    def end(self) -> datetime.date:
        """The first day after the period."""
        month = self.part * MONTHS[self.kind] + 1
        if month > 12:
            return datetime.date(self.year + 1, 1, 1)
        return datetime.date(self.year, month, 1)

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day < self.end

    def previous(self) -> Period:
        if self.part > 1:
            return Period(self.year, self.kind, self.part - 1)
        return Period(self.year - 1, self.kind, 12 // MONTHS[self.kind])


def parse(key: str) -> Period | None:
    """The period written `key` (2026, 2026-H2, 2026-Q1), or None if it is not one."""
    match = _KEY.match(key or "")
    if not match:
        return None
    year = int(match["year"])
    if not match["kind"]:
        return Period(year, "year", 1)
    kind = "half" if match["kind"] == "H" else "quarter"
    part = int(match["part"])
    if part > 12 // MONTHS[kind]:
        return None
    return Period(year, kind, part)


def containing(day: datetime.date, kind: str) -> Period:
    """The period of this kind that `day` falls in."""
    return Period(day.year, kind, (day.month - 1) // MONTHS[kind] + 1)


def series(last: Period, count: int) -> list[Period]:
    """`count` periods of the same kind ending with `last`, oldest first."""
    periods = [last]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return list(reversed(periods))


def choices(today: datetime.date, years: int = 3) -> list[tuple[str, list[tuple[str, str]]]]:
    """The periods offered by the form, grouped by kind, the most recent first."""
    groups = []
    for kind, title in (
        ("year", _("Calendar years")),
        ("half", _("Half-years")),
        ("quarter", _("Quarters")),
    ):
        current = containing(today, kind)
        count = years * 12 // MONTHS[kind]
        periods = list(reversed(series(current, count)))
        groups.append((title, [(period.key, period.label) for period in periods]))
    return groups
