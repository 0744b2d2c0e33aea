"""The capacity is never exceeded under concurrent registrations (real connections, PostgreSQL)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from commune.meetings import services
from commune.meetings.models import Registration, RegistrationStatus
from tests.factories import MeetingFactory, ResidentFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="SQLite serialises writers with one database lock: concurrent registrations "
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


def test_thirty_residents_registering_at_once_never_exceed_ten_places() -> None:
    meeting = MeetingFactory(registration_required=True, capacity=10)
    residents = ResidentFactory.create_batch(30)
    _run_together(
        [
            lambda resident=resident: services.register(meeting=meeting, resident=resident)
            for resident in residents
        ]
    )
    registered = Registration.objects.filter(meeting=meeting, status=RegistrationStatus.REGISTERED)
    waiting = Registration.objects.filter(meeting=meeting, status=RegistrationStatus.WAITING)
    assert registered.count() == 10
    assert waiting.count() == 20


def test_cancelling_while_others_register_keeps_the_capacity() -> None:
    meeting = MeetingFactory(registration_required=True, capacity=5)
    first = [
        services.register(meeting=meeting, resident=r) for r in ResidentFactory.create_batch(8)
    ]
    newcomers = ResidentFactory.create_batch(10)
    calls: list[Callable[[], Any]] = [
        lambda registration=registration: services.cancel_registration(registration=registration)
        for registration in first[:3]
    ]
    calls += [
        lambda resident=resident: services.register(meeting=meeting, resident=resident)
        for resident in newcomers
    ]
    _run_together(calls)
    registered = Registration.objects.filter(meeting=meeting, status=RegistrationStatus.REGISTERED)
    assert registered.count() == 5
    assert Registration.objects.filter(meeting=meeting).count() == 15


def test_simultaneous_supports_are_each_counted_once() -> None:
    from commune.meetings.models import AgendaSupport
    from tests.factories import AgendaItemFactory

    item = AgendaItemFactory()
    residents = ResidentFactory.create_batch(10)
    calls: list[Callable[[], Any]] = [
        lambda resident=resident: services.toggle_item_support(
            item=item, resident=resident, supported=True
        )
        for resident in residents + residents  # each resident clicks twice at once
    ]
    _run_together(calls)
    item.refresh_from_db()
    assert item.support_count == 10
    assert AgendaSupport.objects.filter(item=item).count() == 10
