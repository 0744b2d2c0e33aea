"""Recording who came to a meeting, and the attendance figures on its page."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from commune.core.models import AuditEvent
from commune.meetings import services
from commune.meetings.models import Attendance, AttendanceChannel
from commune.territory.models import PopulationFigure
from tests.factories import (
    AttendanceFactory,
    DemographicsFactory,
    MeetingFactory,
    NeighbourhoodFactory,
    RegistrationFactory,
    ResidentFactory,
    SpaceFactory,
)

pytestmark = pytest.mark.django_db


def _past_meeting(**extra):
    starts_at = timezone.now() - datetime.timedelta(days=2)
    return MeetingFactory(
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2), **extra
    )


def _registered_then_past(resident):
    """A meeting someone registered to (online), then held."""
    registration = RegistrationFactory(resident=resident)
    meeting = registration.meeting
    starts_at = timezone.now() - datetime.timedelta(days=2)
    type(meeting).objects.filter(pk=meeting.pk).update(
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2)
    )
    meeting.refresh_from_db()
    return meeting


def test_an_agent_records_each_channel_once_audited(agent, resident) -> None:
    meeting = _registered_then_past(resident)
    walk_in = ResidentFactory()
    created = services.record_attendance(
        meeting=meeting,
        agent=agent,
        residents=[resident, walk_in],
        paper_count=3,
        paper_names=["Josiane Martin"],
    )
    assert len(created) == 5
    channels = sorted(Attendance.objects.values_list("channel", flat=True))
    assert channels == ["paper", "paper", "paper", "registered_online", "walk_in"]
    assert Attendance.objects.filter(name="Josiane Martin").exists()
    assert AuditEvent.objects.filter(action="meetings.record_attendance").count() == 1
    # Recording the same resident again adds nobody.
    assert services.record_attendance(meeting=meeting, agent=agent, residents=[resident]) == []


def test_more_names_than_the_count_count_as_many_signatures(agent) -> None:
    meeting = _past_meeting()
    services.record_attendance(meeting=meeting, agent=agent, paper_names=["A", "B"])
    assert meeting.attendances.count() == 2


def test_only_agents_and_only_once_the_meeting_has_started(agent, resident) -> None:
    meeting = _past_meeting()
    with pytest.raises(PermissionDenied):
        services.record_attendance(meeting=meeting, agent=resident, paper_count=1)
    with pytest.raises(services.AttendanceRefusedError):
        services.record_attendance(meeting=MeetingFactory(), agent=agent, paper_count=1)
    assert not Attendance.objects.exists()


def test_the_attendance_page_ticks_walk_ins_and_paper(client, agent, resident) -> None:
    meeting = _registered_then_past(resident)
    walk_in = ResidentFactory(email="marcel@example.org")
    client.force_login(agent)
    url = reverse("meetings:attendance", kwargs={"pk": meeting.pk})
    page = client.get(url).content.decode()
    assert resident.public_name in page
    response = client.post(
        url,
        {
            "residents": [resident.pk],
            "walk_in_emails": "Marcel@example.org\n",
            "paper_count": "4",
            "paper_names": "",
        },
    )
    assert response.status_code == 302
    assert meeting.attendances.count() == 6
    assert meeting.attendances.get(resident=walk_in).channel == AttendanceChannel.WALK_IN


def test_an_unknown_email_is_refused_and_nothing_is_recorded(client, agent) -> None:
    meeting = _past_meeting()
    client.force_login(agent)
    url = reverse("meetings:attendance", kwargs={"pk": meeting.pk})
    response = client.post(url, {"walk_in_emails": "nobody@example.org", "paper_count": "2"})
    assert response.status_code == 200
    assert "nobody@example.org" in response.content.decode()
    assert not Attendance.objects.exists()


def test_before_the_meeting_the_page_says_to_wait(client, agent) -> None:
    meeting = MeetingFactory()
    client.force_login(agent)
    url = reverse("meetings:attendance", kwargs={"pk": meeting.pk})
    assert "once the meeting has started" in client.get(url).content.decode()
    client.post(url, {"paper_count": "3"})
    assert not Attendance.objects.exists()


def test_the_meeting_page_shows_the_room_with_small_groups_suppressed(client) -> None:
    neighbourhood = NeighbourhoodFactory(name="Nantes Nord")
    PopulationFigure.objects.create(
        neighbourhood=neighbourhood, sex="female", age_band="30-44", count=600
    )
    PopulationFigure.objects.create(
        neighbourhood=neighbourhood, sex="male", age_band="30-44", count=400
    )
    space = SpaceFactory(
        components=["meetings"], kind="neighbourhood_council", neighbourhood=neighbourhood
    )
    meeting = _past_meeting(space=space)
    for index in range(27):
        gender = "woman" if index < 20 else ("man" if index < 25 else "other")
        attendance = AttendanceFactory(meeting=meeting)
        DemographicsFactory(resident=attendance.resident, gender=gender, age_band="30-44")
    for _index in range(3):
        AttendanceFactory(meeting=meeting, resident=None, channel="paper")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "30 people came." in page
    assert "10% of the attendees did not share their demographics" in page
    # 20 women shown (74% of the room, 60% of the neighbourhood); 5 men and 2 others hidden.
    assert "<td>20</td><td>74%</td>" in page
    assert "60%" in page
    assert page.count(">not shown<") == 2 + 6  # 2 genders, and all 6 age bands:
    assert "<td>5</td>" not in page
    # showing 27 people of 30 to 44 next to hidden groups adding up to 0 would tell that
    # everyone in the room is 30 to 44, so that group is hidden too.
    assert "<td>27</td><td>100%</td>" not in page


def test_an_upcoming_meeting_shows_no_figures(client) -> None:
    meeting = MeetingFactory()
    assert "people came" not in client.get(meeting.get_absolute_url()).content.decode()
