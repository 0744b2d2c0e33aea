"""Supports stay exact under concurrent requests (real connections, on PostgreSQL)."""

from __future__ import annotations

import pytest

from commune.contributions import services
from commune.contributions.models import Contribution, Support
from tests.concurrency import postgresql_only, run_together
from tests.factories import ContributionFactory, ResidentFactory, SpaceFactory

pytestmark = postgresql_only("supports")


@pytest.fixture
def contribution() -> Contribution:
    return ContributionFactory(space=SpaceFactory(components=["contributions"]))


def test_fifty_residents_supporting_at_once_are_all_counted(contribution) -> None:
    residents = ResidentFactory.create_batch(50)
    results = run_together(
        [
            lambda resident=resident: services.toggle_support(
                contribution=contribution, resident=resident
            )
            for resident in residents
        ]
    )
    assert results == [True] * 50
    contribution.refresh_from_db()
    assert contribution.support_count == 50
    assert Support.objects.filter(contribution=contribution).count() == 50


def test_twenty_simultaneous_supports_of_one_resident_count_once(contribution) -> None:
    resident = ResidentFactory()
    results = run_together(
        [
            lambda: services.toggle_support(
                contribution=contribution, resident=resident, supported=True
            )
        ]
        * 20
    )
    assert results == [True] * 20
    contribution.refresh_from_db()
    assert contribution.support_count == 1
    assert Support.objects.filter(contribution=contribution, resident=resident).count() == 1


def test_simultaneous_toggles_keep_the_counter_equal_to_the_rows(contribution) -> None:
    residents = ResidentFactory.create_batch(5)
    calls = [
        lambda resident=resident: services.toggle_support(
            contribution=contribution, resident=resident
        )
        for resident in residents
        for _ in range(4)
    ]
    run_together(calls)
    contribution.refresh_from_db()
    rows = Support.objects.filter(contribution=contribution).count()
    assert contribution.support_count == rows
    assert rows <= 5
