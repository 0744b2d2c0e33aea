"""The capacity is never exceeded under concurrent registrations (real connections, PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from commune.meetings import services
from commune.meetings.models import Registration, RegistrationStatus
from tests.concurrency import postgresql_only, run_together
from tests.factories import AgendaItemFactory, MeetingFactory, ResidentFactory

pytestmark = postgresql_only("registrations")


def test_thirty_residents_registering_at_once_never_exceed_ten_places() -> None:
    meeting = MeetingFactory(registration_required=True, capacity=10)
    residents = ResidentFactory.create_batch(30)
    run_together(
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
    run_together(calls)
    registered = Registration.objects.filter(meeting=meeting, status=RegistrationStatus.REGISTERED)
    assert registered.count() == 5
    assert Registration.objects.filter(meeting=meeting).count() == 15


def test_simultaneous_supports_are_each_counted_once() -> None:
    from commune.meetings.models import AgendaSupport

    item = AgendaItemFactory()
    residents = ResidentFactory.create_batch(10)
    calls: list[Callable[[], Any]] = [
        lambda resident=resident: services.toggle_item_support(
            item=item, resident=resident, supported=True
        )
        for resident in residents + residents  # each resident clicks twice at once
    ]
    run_together(calls)
    item.refresh_from_db()
    assert item.support_count == 10
    assert AgendaSupport.objects.filter(item=item).count() == 10
