"""Accountability figures: answers within the delay, time to a first answer, commitments.

The arithmetic is in pure functions over plain numbers (`timeliness`, `median`,
`commitment_counts`); `contribution_figures` and `commitment_figures` read them from the
database with a constant number of queries, whatever the number of contributions.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
)
from django.utils import timezone

from commune.accountability.models import Commitment, CommitmentStatus
from commune.contributions.models import Contribution, Status

SECONDS_PER_DAY = 86_400


@dataclass(frozen=True)
class Timeliness:
    """How contributions stand against their due date.

    within + late + overdue + waiting + withdrawn == total, where `overdue` and `waiting`
    are not answered yet (past and before their due date) and `withdrawn` were withdrawn
    before any answer.
    """

    total: int
    within: int
    late: int
    overdue: int
    waiting: int
    withdrawn: int

    @property
    def answered(self) -> int:
        return self.within + self.late

    @property
    def settled(self) -> int:
        """Contributions whose timeliness is known: answered, or past their due date."""
        return self.within + self.late + self.overdue

    @property
    def share_within(self) -> int | None:
        """Percentage answered within the delay, out of the settled ones (None if none)."""
        return percentage(self.within, self.settled)


def percentage(part: int, whole: int) -> int | None:
    """`part` out of `whole` as a whole percentage, rounded half up; None for an empty whole."""
    if whole <= 0:
        return None
    return (200 * part + whole) // (2 * whole)


def timeliness(
    *, total: int, answered: int, within: int, overdue: int, withdrawn_unanswered: int
) -> Timeliness:
    """Split the counts read from the database into the parts of a Timeliness."""
    waiting = total - answered - overdue - withdrawn_unanswered
    return Timeliness(
        total=total,
        within=within,
        late=answered - within,
        overdue=overdue,
        waiting=waiting,
        withdrawn=withdrawn_unanswered,
    )


def median(values: Sequence[float]) -> float | None:
    """The median of sorted `values` (the mean of the middle two for an even count)."""
    if not values:
        return None
    middle = len(values) // 2
    if len(values) % 2:
        return float(values[middle])
    return (values[middle - 1] + values[middle]) / 2


def days(duration: datetime.timedelta) -> float:
    return duration.total_seconds() / SECONDS_PER_DAY


@dataclass(frozen=True)
class ContributionFigures:
    timeliness: Timeliness
    median_days: float | None
    by_status: list[tuple[Status, int]] = field(default_factory=list)


def contribution_figures(
    contributions: QuerySet[Contribution], today: datetime.date | None = None
) -> ContributionFigures:
    """The figures of an accountability page for `contributions`, in three queries.

    "Within the delay" compares the date of the first answer, in the city's time zone,
    with the due date; the median is of the time from submission to the first answer.
    """
    today = today or timezone.localdate()
    contributions = contributions.order_by()
    unanswered = Q(first_answered_at__isnull=True)
    counts = contributions.aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=~unanswered),
        within=Count("pk", filter=~unanswered & Q(first_answered_at__date__lte=F("due_on"))),
        overdue=Count("pk", filter=unanswered & Q(withdrawn_at__isnull=True, due_on__lt=today)),
        withdrawn_unanswered=Count("pk", filter=unanswered & Q(withdrawn_at__isnull=False)),
    )
    status_counts = dict(
        contributions.values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return ContributionFigures(
        timeliness=timeliness(**counts),
        median_days=_median_days_to_first_answer(contributions, counts["answered"]),
        by_status=[(status, status_counts.get(status, 0)) for status in Status],
    )


def _median_days_to_first_answer(
    contributions: QuerySet[Contribution], answered: int
) -> float | None:
    """Read only the middle one or two delays, sorted by the database (one query)."""
    if not answered:
        return None
    delays = (
        contributions.filter(first_answered_at__isnull=False)
        .annotate(
            delay=ExpressionWrapper(
                F("first_answered_at") - F("created_at"), output_field=DurationField()
            )
        )
        .order_by("delay", "pk")
        .values_list("delay", flat=True)
    )
    start = (answered - 1) // 2
    middle = list(delays[start : answered // 2 + 1])
    return median([days(delay) for delay in middle])


def commitment_counts(
    rows: Iterable[tuple[int, datetime.date]], today: datetime.date
) -> dict[CommitmentStatus, int]:
    """Count (progress, target date) pairs by status, the way Commitment.status() decides."""
    counts = dict.fromkeys(CommitmentStatus, 0)
    for progress, target_date in rows:
        counts[Commitment(progress=progress, target_date=target_date).status(today)] += 1
    return counts


def commitment_figures(
    commitments: QuerySet[Commitment], today: datetime.date | None = None
) -> list[tuple[CommitmentStatus, int]]:
    """Commitments by status (planned, in progress, done, late) in one query."""
    today = today or timezone.localdate()
    done = Q(progress__gte=100)
    late = ~done & Q(target_date__lt=today)
    counts = commitments.order_by().aggregate(
        done=Count("pk", filter=done),
        late=Count("pk", filter=late),
        in_progress=Count("pk", filter=~done & ~late & Q(progress__gt=0)),
        planned=Count("pk", filter=~done & ~late & Q(progress=0)),
    )
    return [(status, counts[status.value]) for status in CommitmentStatus]
