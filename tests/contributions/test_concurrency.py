"""Supports stay exact under concurrent requests (real connections, on PostgreSQL)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from commune.contributions import services
from commune.contributions.models import Contribution, Support
from tests.factories import ContributionFactory, ResidentFactory, SpaceFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="SQLite serialises writers with one database lock: concurrent supports "
        "only make sense on PostgreSQL, where CI runs this test",
    ),
]


def _run_together(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls in threads released at the same instant, each on its own connection."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


@pytest.fixture
def contribution() -> Contribution:
    return ContributionFactory(space=SpaceFactory(components=["contributions"]))


def test_fifty_residents_supporting_at_once_are_all_counted(contribution) -> None:
    residents = ResidentFactory.create_batch(50)
    results = _run_together(
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
    results = _run_together(
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
    _run_together(calls)
    contribution.refresh_from_db()
    rows = Support.objects.filter(contribution=contribution).count()
    assert contribution.support_count == rows
    assert rows <= 5
