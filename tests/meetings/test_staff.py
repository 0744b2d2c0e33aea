"""Agents announce, change and cancel meetings from the site; bad input saves nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from icalendar import Calendar

from commune.core.models import AuditEvent
from commune.meetings.models import Meeting, RegistrationStatus
from commune.meetings.services import register
from tests.factories import MeetingFactory, RegistrationFactory, ResidentFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "kind": "general_assembly",
        "title": "Assemblée de printemps",
        "description": "Bilan de l'année et projets.",
        "starts_at": "2027-03-18T18:30",
        "ends_at": "2027-03-18T21:00",
        "place_name": "Salle Bonne Garde",
        "address": "2 rue Frère Louis, 44200 Nantes",
        "online_url": "",
        "step_free_access": "on",
        "other_language_interpreting": "",
        "capacity": "",
        "agenda_cutoff": "",
    }
    return data | overrides


def test_an_agent_announces_a_meeting_in_city_time(client, agent) -> None:
    space = SpaceFactory(components=["meetings"])
    client.force_login(agent)
    response = client.post(reverse("meetings:create", kwargs={"space_slug": space.slug}), _form())
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.space == space
    assert meeting.step_free_access
    # 18:30 in Nantes in March (UTC+1) is 17:30 UTC.
    assert meeting.starts_at.isoformat() == "2027-03-18T17:30:00+00:00"
    assert AuditEvent.objects.filter(action="meetings.create").count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"ends_at": "2027-03-18T17:00"},
            "ends_at",
            "The meeting must end after it starts.",
        ),
        (
            {"address": "rue Frère Louis"},
            "address",
            "Write the address as number and street, postcode and town",
        ),
        (
            {"address": "https://maps.example.org/?q=44200"},
            "address",
            "Write the address as number and street, postcode and town",
        ),
        (
            {"place_name": "", "address": ""},
            "place_name",
            "Give a place, an online link, or both.",
        ),
        (
            {"agenda_cutoff": "2027-03-19T10:00"},
            "agenda_cutoff",
            "Agenda proposals must close before the meeting starts",
        ),
        ({"capacity": "-3"}, "capacity", "Ensure this value is greater than or equal to 0."),
        ({"starts_at": "next thursday"}, "starts_at", "Enter a valid date/time."),
    ],
)
def test_bad_input_re_renders_with_the_error_and_saves_nothing(
    client, agent, overrides, field, message
) -> None:
    space = SpaceFactory(components=["meetings"])
    client.force_login(agent)
    response = client.post(
        reverse("meetings:create", kwargs={"space_slug": space.slug}), _form(**overrides)
    )
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert message in response.content.decode()
    # What was typed is still there.
    assert "Assemblée de printemps" in response.content.decode()
    assert not Meeting.objects.exists()
    assert not AuditEvent.objects.filter(action="meetings.create").exists()


def test_an_agent_changes_a_meeting_and_its_calendar_entry_keeps_its_uid(client, agent) -> None:
    meeting = MeetingFactory(title="Atelier")
    uid = meeting.uid
    client.force_login(agent)
    response = client.post(
        reverse("meetings:edit", kwargs={"pk": meeting.pk}),
        _form(title="Atelier déplacé", place_name="Médiathèque", kind="workshop"),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.place_name, meeting.uid) == (
        "Atelier déplacé",
        "Médiathèque",
        uid,
    )
    ics = Calendar.from_ical(client.get(reverse("meetings:ics", kwargs={"pk": meeting.pk})).content)
    [event] = ics.walk("VEVENT")
    assert str(event["UID"]) == f"{uid}@commune"
    assert str(event["SUMMARY"]) == "Atelier déplacé"


def test_the_capacity_cannot_go_below_the_people_registered(client, agent) -> None:
    meeting = MeetingFactory(registration_required=True, capacity=10)
    for _ in range(3):
        RegistrationFactory(meeting=meeting)
    client.force_login(agent)
    response = client.post(
        reverse("meetings:edit", kwargs={"pk": meeting.pk}),
        _form(title="Nouveau titre", registration_required="on", capacity="2", kind="workshop"),
    )
    assert response.status_code == 200
    assert "3 people are already registered" in response.content.decode()
    meeting.refresh_from_db()
    # Nothing saved: neither the capacity nor the other fields of the same form.
    assert (meeting.capacity, meeting.title) != (2, "Nouveau titre")
    assert meeting.capacity == 10
    assert meeting.title != "Nouveau titre"


def test_raising_the_capacity_lets_the_waiting_list_in(client, agent) -> None:
    meeting = MeetingFactory(registration_required=True, capacity=1)
    register(meeting=meeting, resident=ResidentFactory())
    waiting = register(meeting=meeting, resident=ResidentFactory())
    assert waiting.status == RegistrationStatus.WAITING
    client.force_login(agent)
    client.post(
        reverse("meetings:edit", kwargs={"pk": meeting.pk}),
        _form(registration_required="on", capacity="2", kind="workshop"),
    )
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED


def test_cancelling_asks_first_then_marks_the_meeting_and_its_calendar(client, agent) -> None:
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting)
    client.force_login(agent)
    url = reverse("meetings:cancel_meeting", kwargs={"pk": meeting.pk})
    page = client.get(url).content.decode()
    assert "1 person is registered or waiting" in page
    meeting.refresh_from_db()
    assert not meeting.is_cancelled
    assert client.post(url).status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_cancelled
    ics = Calendar.from_ical(client.get(reverse("meetings:ics", kwargs={"pk": meeting.pk})).content)
    assert [str(event["STATUS"]) for event in ics.walk("VEVENT")] == ["CANCELLED"]
    # A cancelled meeting is not edited any more.
    edit = client.post(reverse("meetings:edit", kwargs={"pk": meeting.pk}), _form())
    assert edit.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title != "Assemblée de printemps"


def test_residents_cannot_announce_change_or_cancel(client, resident) -> None:
    meeting = MeetingFactory()
    client.force_login(resident)
    urls = [
        reverse("meetings:create", kwargs={"space_slug": meeting.space.slug}),
        reverse("meetings:edit", kwargs={"pk": meeting.pk}),
        reverse("meetings:cancel_meeting", kwargs={"pk": meeting.pk}),
    ]
    for url in urls:
        assert client.post(url, _form()).status_code == 403
    meeting.refresh_from_db()
    assert not meeting.is_cancelled
    assert Meeting.objects.count() == 1


def test_agents_see_the_staff_links_and_residents_do_not(client, agent, resident) -> None:
    meeting = MeetingFactory()
    edit_url = reverse("meetings:edit", kwargs={"pk": meeting.pk})
    create_url = reverse("meetings:create", kwargs={"space_slug": meeting.space.slug})
    list_url = reverse("meetings:list", kwargs={"space_slug": meeting.space.slug})
    client.force_login(resident)
    assert edit_url not in client.get(meeting.get_absolute_url()).content.decode()
    assert create_url not in client.get(list_url).content.decode()
    client.force_login(agent)
    assert edit_url in client.get(meeting.get_absolute_url()).content.decode()
    assert create_url in client.get(list_url).content.decode()
