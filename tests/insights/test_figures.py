"""Counting participants: once per period, every kind of participation, every channel."""

from __future__ import annotations

import datetime

import pytest

from commune.contributions.models import Channel
from commune.insights import figures
from commune.insights.periods import parse
from commune.meetings.models import Attendance
from tests.factories import (
    ContributionFactory,
    DemographicsFactory,
    MeetingFactory,
    ResidentFactory,
    SpaceFactory,
)
from tests.insights.conftest import at, every_kind_of_act

pytestmark = pytest.mark.django_db

WINTER = datetime.date(2025, 2, 10)
SPRING = datetime.date(2025, 5, 10)


def _make_up(space, period_key=None, population=None):
    acts = figures.acts_of_spaces([space])
    period = parse(period_key) if period_key else None
    return figures.make_up(
        acts,
        period,
        population or figures.reference_population(space.neighbourhood),
        figures.consented_demographics(),
    )


def test_one_resident_doing_everything_twice_is_one_participant_a_year(council) -> None:
    resident = ResidentFactory()
    every_kind_of_act(resident, council, WINTER)
    every_kind_of_act(resident, council, SPRING)
    year = _make_up(council, "2025")
    # Seven kinds of acts, twice; two other residents wrote the supported contributions.
    assert year.acts == 2 * 7 + 2
    assert year.participants == 1 + 2
    assert _make_up(council, "2025-Q1").participants == 2
    assert _make_up(council, "2025-Q2").participants == 2
    assert _make_up(council, "2025-Q3").participants == 0
    assert _make_up(council, "2024").participants == 0


def test_people_without_an_account_count_and_have_no_demographics(council) -> None:
    ContributionFactory(
        space=council, author=None, author_name="Mme Bernard", channel=Channel.PAPER,
        created_at=at(WINTER),
    )  # fmt: skip
    meeting = MeetingFactory(space=council, starts_at=at(WINTER, 18), ends_at=at(WINTER, 20))
    Attendance.objects.create(meeting=meeting, name="M. Traoré", channel="paper")
    Attendance.objects.create(meeting=meeting, channel="paper")
    profiled = ResidentFactory()
    DemographicsFactory(resident=profiled, gender="woman", age_band="30-44")
    Attendance.objects.create(meeting=meeting, resident=profiled, channel="walk_in")
    make_up = _make_up(council, "2025")
    assert make_up.participants == 4
    assert make_up.without_demographics == 3
    assert make_up.with_demographics == 1
    assert make_up.without_demographics_share == 75


def test_cancelled_meetings_count_nobody(council) -> None:
    meeting = MeetingFactory(
        space=council, starts_at=at(WINTER, 18), ends_at=at(WINTER, 20), cancelled_at=at(WINTER)
    )
    Attendance.objects.create(meeting=meeting, resident=ResidentFactory(), channel="walk_in")
    assert _make_up(council, "2025").participants == 0


def test_channels_and_assisted_entries(council) -> None:
    agent = ResidentFactory(role="agent")
    ContributionFactory(space=council, created_at=at(WINTER))
    ContributionFactory(
        space=council, channel=Channel.PHONE, entered_by=agent, created_at=at(WINTER)
    )
    ContributionFactory(
        space=council, channel=Channel.PAPER, entered_by=agent, created_at=at(WINTER)
    )
    meeting = MeetingFactory(space=council, starts_at=at(WINTER, 18), ends_at=at(WINTER, 20))
    Attendance.objects.create(meeting=meeting, resident=ResidentFactory(), channel="walk_in")
    make_up = _make_up(council, "2025")
    assert make_up.channels == [
        ("En ligne", 1, 25),
        ("Sur papier", 1, 25),
        ("Par téléphone", 1, 25),
        ("Lors d'une rencontre", 1, 25),
    ] or [count for _label, count, _share in make_up.channels] == [1, 1, 1, 1]
    assert make_up.assisted == 2
    assert make_up.assisted_share == 50


def test_scopes_neighbourhood_city_and_drafts(council, neighbourhood) -> None:
    elsewhere = SpaceFactory()
    draft = SpaceFactory(is_published=False)
    for space in (council, elsewhere, draft):
        ContributionFactory(space=space, created_at=at(WINTER))
    from commune.spaces.models import Space

    assert len({a.who for a in figures.acts_of_spaces(Space.objects.published())}) == 2
    local = Space.objects.published().filter(neighbourhood=neighbourhood)
    assert len({a.who for a in figures.acts_of_spaces(local)}) == 1


def test_the_make_up_shows_men_of_30_to_44_and_hides_small_groups(council) -> None:
    crowd = (
        ("man", "30-44", 30),
        ("man", "45-59", 12),
        ("man", "15-29", 2),
        ("woman", "15-29", 10),
        ("woman", "30-44", 12),
        ("woman", "60-74", 3),
    )
    for gender, band, count in crowd:
        for _n in range(count):
            resident = ResidentFactory()
            DemographicsFactory(resident=resident, gender=gender, age_band=band)
            ContributionFactory(space=council, author=resident, created_at=at(WINTER))
    make_up = _make_up(council, "2025")
    man, woman = make_up.cross_rows[1], make_up.cross_rows[0]
    assert man.cells[1] == 30
    assert woman.cells[1] == 12
    assert woman.cells[3] is None  # three women of 60–74: hidden
    assert make_up.participants == 69
    assert (woman.total, man.total) == (25, 44)
    # Hand check of the gender index: the population aged 15 and over is 1,000 women and
    # 1,000 men; participants are 25 women and 44 men: TVD = 44/69 − 1/2.
    assert make_up.gender_index == pytest.approx(1 - (44 / 69 - 1 / 2))
    assert make_up.combined_index is not None
    assert make_up.combined_index <= make_up.gender_index + 1e-9
    assert make_up.combined_index <= make_up.age_index + 1e-9


def test_too_few_people_give_no_index(council) -> None:
    resident = ResidentFactory()
    DemographicsFactory(resident=resident, gender="man", age_band="30-44")
    ContributionFactory(space=council, author=resident, created_at=at(WINTER))
    make_up = _make_up(council, "2025")
    assert make_up.gender_index is None
    assert make_up.combined_index is None
    assert all(cell is None for row in make_up.cross_rows for cell in row.cells)


def test_one_meeting_counts_its_room_and_its_agenda(council) -> None:
    meeting = MeetingFactory(space=council, starts_at=at(WINTER, 18), ends_at=at(WINTER, 20))
    Attendance.objects.create(meeting=meeting, resident=ResidentFactory(), channel="walk_in")
    Attendance.objects.create(meeting=meeting, channel="paper")
    ContributionFactory(space=council, created_at=at(WINTER))  # not the meeting's
    acts = figures.acts_of_meeting(meeting)
    assert len({act.who for act in acts}) == 2
