"""Periods: calendar years, halves and quarters, written 2026, 2026-H1, 2026-Q3."""

from __future__ import annotations

import datetime

from commune.insights.periods import Period, choices, containing, parse, series


def test_keys_are_read_and_written_back() -> None:
    for key in ("2026", "2026-H1", "2026-H2", "2026-Q1", "2026-Q4"):
        assert parse(key).key == key


def test_nonsense_is_not_a_period() -> None:
    for key in ("", "26", "2026-H3", "2026-Q5", "2026-X1", "2026-Q1; DROP"):
        assert parse(key) is None


def test_a_period_runs_from_its_first_day_to_the_next_period_excluded() -> None:
    quarter = parse("2026-Q4")
    assert quarter.start == datetime.date(2026, 10, 1)
    assert quarter.end == datetime.date(2027, 1, 1)
    assert quarter.contains(datetime.date(2026, 12, 31))
    assert not quarter.contains(datetime.date(2027, 1, 1))
    assert parse("2026-H1").end == datetime.date(2026, 7, 1)


def test_series_goes_back_across_years() -> None:
    assert [p.key for p in series(parse("2026-Q2"), 4)] == [
        "2025-Q3",
        "2025-Q4",
        "2026-Q1",
        "2026-Q2",
    ]
    assert containing(datetime.date(2026, 8, 3), "half") == Period(2026, "half", 2)


def test_the_form_offers_years_halves_and_quarters_most_recent_first() -> None:
    groups = choices(datetime.date(2026, 5, 1))
    assert [key for key, _label in groups[0][1]] == ["2026", "2025", "2024"]
    assert groups[2][1][0][0] == "2026-Q2"
