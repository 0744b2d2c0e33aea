"""Registration through the pages: capacity, waiting list in order, one-click cancel, phone."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from commune.core.models import AuditEvent
from commune.meetings import services
from commune.meetings.models import Meeting, Registration, RegistrationStatus
from tests.factories import MeetingFactory, RegistrationFactory, ResidentFactory

pytestmark = pytest.mark.django_db


def _register(client, resident, meeting: Meeting):
    client.force_login(resident)
    return client.post(reverse("meetings:register", kwargs={"pk": meeting.pk}))


def test_full_meeting_puts_people_on_the_waiting_list_in_order(client) -> None:
    meeting = MeetingFactory(registration_required=True, capacity=2)
    people = ResidentFactory.create_batch(5)
    for person in people:
        assert _register(client, person, meeting).status_code == 302
    statuses = [Registration.objects.get(resident=person).status for person in people]
    assert statuses == ["registered"] * 2 + ["waiting"] * 3

    client.force_login(people[3])
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "You are on the waiting list, at position 2." in page


def test_cancelling_promotes_the_first_on_the_waiting_list(client) -> None:
    meeting = MeetingFactory(registration_required=True, capacity=1)
    first, second, third = ResidentFactory.create_batch(3)
    for person in (first, second, third):
        _register(client, person, meeting)

    client.force_login(first)
    response = client.post(reverse("meetings:cancel", kwargs={"pk": meeting.pk}))
    assert response.status_code == 302
    assert not Registration.objects.filter(resident=first).exists()
    assert Registration.objects.get(resident=second).status == RegistrationStatus.REGISTERED
    assert Registration.objects.get(resident=third).status == RegistrationStatus.WAITING
    client.force_login(third)
    assert "at position 1." in client.get(meeting.get_absolute_url()).content.decode()


def test_leaving_the_waiting_list_promotes_nobody_over_capacity(client) -> None:
    meeting = MeetingFactory(registration_required=True, capacity=1)
    first, second, third = ResidentFactory.create_batch(3)
    for person in (first, second, third):
        _register(client, person, meeting)
    client.force_login(second)
    client.post(reverse("meetings:cancel", kwargs={"pk": meeting.pk}))
    assert Registration.objects.get(resident=first).status == RegistrationStatus.REGISTERED
    assert Registration.objects.get(resident=third).status == RegistrationStatus.WAITING


def test_registering_twice_keeps_one_registration(client, resident) -> None:
    meeting = MeetingFactory(registration_required=True)
    _register(client, resident, meeting)
    _register(client, resident, meeting)
    assert Registration.objects.filter(meeting=meeting).count() == 1
    assert "You are registered." in client.get(meeting.get_absolute_url()).content.decode()


def test_no_registration_on_a_cancelled_meeting(client, resident) -> None:
    meeting = MeetingFactory(registration_required=True, cancelled_at=timezone.now())
    assert _register(client, resident, meeting).status_code == 403
    assert not Registration.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client) -> None:
    meeting = MeetingFactory(registration_required=True)
    response = client.post(reverse("meetings:register", kwargs={"pk": meeting.pk}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not Registration.objects.exists()
    assert "Log in to register" in client.get(meeting.get_absolute_url()).content.decode()


def test_residents_may_not_register_people_by_phone(client, resident) -> None:
    meeting = MeetingFactory(registration_required=True)
    client.force_login(resident)
    url = reverse("meetings:phone_registration", kwargs={"pk": meeting.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "Paul", "phone": "0102030405"}).status_code == 403
    assert not Registration.objects.exists()


def test_an_agent_registers_a_caller_and_it_is_audited(client, agent) -> None:
    meeting = MeetingFactory(registration_required=True, capacity=1)
    RegistrationFactory(meeting=meeting)
    client.force_login(agent)
    url = reverse("meetings:phone_registration", kwargs={"pk": meeting.pk})
    response = client.post(url, {"name": "Paulette Martin", "phone": "02 40 00 00 00"})
    assert response.status_code == 302
    registration = Registration.objects.get(name="Paulette Martin")
    assert registration.status == RegistrationStatus.WAITING  # the meeting was full
    assert registration.registered_by == agent
    assert AuditEvent.objects.filter(
        action="meetings.register_by_phone", actor=agent, target_id=str(registration.pk)
    ).exists()
    assert "Paulette Martin" in client.get(url).content.decode()


def test_an_agent_must_give_a_name(client, agent) -> None:
    meeting = MeetingFactory(registration_required=True)
    client.force_login(agent)
    url = reverse("meetings:phone_registration", kwargs={"pk": meeting.pk})
    response = client.post(url, {"name": "  ", "phone": ""})
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_capacity_below_the_registrations_is_refused_and_nothing_saved(resident) -> None:
    meeting = MeetingFactory(registration_required=True, capacity=3)
    RegistrationFactory.create_batch(2, meeting=meeting)
    with pytest.raises(ValidationError) as error:
        services.set_capacity(meeting=meeting, capacity=1, actor=resident)
    assert "2 people are already registered" in str(error.value)
    meeting.refresh_from_db()
    assert meeting.capacity == 3


def test_raising_the_capacity_promotes_the_waiting_list(agent) -> None:
    meeting = MeetingFactory(registration_required=True, capacity=1)
    RegistrationFactory.create_batch(2, meeting=meeting, status="waiting")
    services.set_capacity(meeting=meeting, capacity=2, actor=agent)
    assert set(meeting.registrations.values_list("status", flat=True)) == {"registered"}


def _admin_change_data(meeting: Meeting, **changes: str) -> dict[str, str]:
    starts = timezone.localtime(meeting.starts_at)
    ends = timezone.localtime(meeting.ends_at)
    data = {
        "space": str(meeting.space_id),
        "kind": meeting.kind,
        "title": meeting.title,
        "description": meeting.description,
        "starts_at_0": starts.strftime("%Y-%m-%d"),
        "starts_at_1": starts.strftime("%H:%M:%S"),
        "ends_at_0": ends.strftime("%Y-%m-%d"),
        "ends_at_1": ends.strftime("%H:%M:%S"),
        "place_name": meeting.place_name,
        "address": meeting.address,
        "online_url": meeting.online_url,
        "registration_required": "on",
        "capacity": str(meeting.capacity or ""),
        "other_language_interpreting": "",
        "registrations-TOTAL_FORMS": "0",
        "registrations-INITIAL_FORMS": "0",
        "registrations-MIN_NUM_FORMS": "0",
        "registrations-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_the_back_office_refuses_a_capacity_below_the_registrations(admin_client) -> None:
    meeting = MeetingFactory(registration_required=True, capacity=3, title="Avant")
    RegistrationFactory.create_batch(2, meeting=meeting)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    response = admin_client.post(url, _admin_change_data(meeting, capacity="1", title="Après"))
    assert response.status_code == 200
    assert "2 people are already registered" in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.capacity, meeting.title) == (3, "Avant")

    response = admin_client.post(url, _admin_change_data(meeting, capacity="2", title="Après"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.capacity, meeting.title) == (2, "Après")


def test_the_back_office_refuses_a_meeting_ending_before_it_starts(admin_client) -> None:
    meeting = MeetingFactory(title="Avant")
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = _admin_change_data(meeting, title="Après")
    data["ends_at_0"], data["ends_at_1"] = data["starts_at_0"], "08:00:00"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "The meeting must end after it starts." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.title == "Avant"
