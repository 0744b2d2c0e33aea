"""The pure arithmetic of the figures, and the layout of the new chart kinds."""

from __future__ import annotations

import datetime

import pytest

from commune.accountability import stats
from commune.accountability.models import CommitmentStatus
from commune.core.charts import PALETTE, horizontal_bars, population_pyramid, stacked_bar


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], None), ([4.0], 4.0), ([1.0, 3.0], 2.0), ([1.0, 2.0, 9.0], 2.0), ([1, 2, 4, 15], 3.0)],
)
def test_median(values: list[float], expected: float | None) -> None:
    assert stats.median(values) == expected


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(0, 0, None), (3, 5, 60), (1, 3, 33), (2, 3, 67), (1, 8, 13), (5, 5, 100)],
)
def test_percentage_rounds_half_up(part: int, whole: int, expected: int | None) -> None:
    assert stats.percentage(part, whole) == expected


def test_timeliness_splits_the_counts() -> None:
    result = stats.timeliness(total=10, answered=6, within=4, overdue=2, withdrawn_unanswered=1)
    assert result == stats.Timeliness(total=10, within=4, late=2, overdue=2, waiting=1, withdrawn=1)
    assert result.answered == 6
    assert result.settled == 8
    assert result.share_within == 50


def test_no_share_before_any_answer_is_due() -> None:
    result = stats.timeliness(total=3, answered=0, within=0, overdue=0, withdrawn_unanswered=0)
    assert result.share_within is None


def test_commitment_counts_follow_commitment_status() -> None:
    today = datetime.date(2026, 6, 1)
    rows = [
        (0, datetime.date(2026, 7, 1)),
        (10, datetime.date(2026, 7, 1)),
        (10, datetime.date(2026, 5, 1)),
        (100, datetime.date(2026, 5, 1)),
        (0, datetime.date(2026, 6, 1)),  # due today: not late yet
    ]
    assert stats.commitment_counts(rows, today) == {
        CommitmentStatus.PLANNED: 2,
        CommitmentStatus.IN_PROGRESS: 1,
        CommitmentStatus.DONE: 1,
        CommitmentStatus.LATE: 1,
    }


def test_horizontal_bars_scale_to_the_largest_value() -> None:
    chart = horizontal_bars([("A", 10), ("B", 5), ("C", 0)], width=560, label_width=190)
    room = 560 - 190 - 56
    assert [bar.width for bar in chart.rows] == [room, room / 2, 0]
    assert [bar.value for bar in chart.rows] == [10, 5, 0]
    assert chart.rows[0].y < chart.rows[1].y < chart.rows[2].y
    assert chart.fill == PALETTE[0]


def test_horizontal_bars_without_data() -> None:
    chart = horizontal_bars([("A", 0)])
    assert chart.rows[0].width == 0


def test_a_stacked_bar_fills_the_width_in_order() -> None:
    chart = stacked_bar([("A", 1), ("B", 3), ("C", 0)], width=400)
    assert [segment.width for segment in chart.segments] == [100, 300, 0]
    assert [segment.x for segment in chart.segments] == [0, 100, 400]
    assert [segment.percent for segment in chart.segments] == [25, 75, 0]
    # Neighbours differ by pattern as well as colour.
    assert len({segment.pattern for segment in chart.segments}) == 3
    assert len({segment.fill for segment in chart.segments}) == 3


def test_an_empty_stacked_bar() -> None:
    chart = stacked_bar([("A", 0), ("B", 0)])
    assert chart.total == 0
    assert all(segment.width == 0 and segment.percent == 0 for segment in chart.segments)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("colour", PALETTE)
def test_every_fill_has_enough_contrast_against_white(colour: str) -> None:
    assert 1.05 / (_luminance(colour) + 0.05) >= 4.5


def test_the_population_pyramid_is_unchanged() -> None:
    chart = population_pyramid([("0-14", 10, 20), ("15-29", 5, 5)])
    assert [row.label for row in chart.rows] == ["15-29", "0-14"]
