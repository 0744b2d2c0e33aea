"""Helpers for the participation figures: dated acts of every kind in one space."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from commune.budgets.models import RollEntry
from commune.meetings.models import AgendaSupport, Attendance
from commune.territory.models import PopulationFigure
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    BudgetFactory,
    CommentFactory,
    ContributionFactory,
    DemographicsFactory,
    MeetingFactory,
    NeighbourhoodFactory,
    ResidentFactory,
    SpaceFactory,
)


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def neighbourhood(db):
    place = NeighbourhoodFactory(name="Bottière", slug="bottiere")
    for sex in ("female", "male"):
        for band, count in (("0-14", 500), ("15-29", 400), ("30-44", 300), ("45-59", 300)):
            PopulationFigure.objects.create(
                neighbourhood=place, sex=sex, age_band=band, count=count
            )
        for band in ("60-74", "75+"):
            PopulationFigure.objects.create(neighbourhood=place, sex=sex, age_band=band, count=0)
    return place


@pytest.fixture
def council(neighbourhood):
    return SpaceFactory(
        kind="neighbourhood_council",
        neighbourhood=neighbourhood,
        title="Conseil Bottière",
        slug="conseil-bottiere",
        components=["contributions", "meetings", "budget"],
    )


def every_kind_of_act(resident, space, day: datetime.date) -> None:
    """The resident contributes, supports, comments, attends, sets an agenda and votes."""
    contribution = ContributionFactory(space=space, author=resident, created_at=at(day))
    other = ContributionFactory(space=space, created_at=at(day))
    other.supports.create(resident=resident, created_at=at(day))
    CommentFactory(contribution=other, author=resident, created_at=at(day))
    meeting = MeetingFactory(space=space, starts_at=at(day, 18), ends_at=at(day, 20))
    Attendance.objects.create(meeting=meeting, resident=resident, channel="walk_in")
    item = AgendaItemFactory(meeting=meeting, proposed_by=resident, created_at=at(day))
    AgendaSupport.objects.create(item=item, resident=resident, created_at=at(day))
    days = datetime.timedelta
    budget = BudgetFactory(
        space=space,
        submission_opens_on=day - days(50),
        submission_closes_on=day - days(40),
        review_closes_on=day - days(21),
        vote_opens_on=day - days(20),
        vote_closes_on=day,
        results_on=day + days(5),
    )
    RollEntry.objects.create(budget=budget, resident=resident, channel="online")
    assert contribution.pk


__all__ = [
    "AttendanceFactory",
    "DemographicsFactory",
    "ResidentFactory",
    "at",
    "every_kind_of_act",
]
