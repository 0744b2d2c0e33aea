"""The demo's meetings: every neighbourhood council met, meets again, and works on an issue."""

from __future__ import annotations

import pytest
from django.utils import timezone

from commune.meetings.models import AttendanceChannel, Meeting, MeetingKind, RegistrationStatus
from commune.meetings.stats import attendance_figures
from commune.spaces.models import Space, SpaceKind

pytestmark = pytest.mark.usefixtures("demo_output")


def test_every_council_has_a_past_assembly_with_attendance_and_an_upcoming_one() -> None:
    now = timezone.now()
    councils = Space.objects.filter(kind=SpaceKind.NEIGHBOURHOOD_COUNCIL)
    assert councils.count() == 11
    for council in councils:
        assemblies = Meeting.objects.filter(space=council, kind=MeetingKind.GENERAL_ASSEMBLY)
        past = assemblies.filter(ends_at__lt=now).get()
        assert 50 <= (now - past.starts_at).days <= 75
        channels = set(past.attendances.values_list("channel", flat=True))
        assert channels == set(AttendanceChannel.values), council
        upcoming = assemblies.filter(starts_at__gt=now).get()
        assert 21 <= (upcoming.starts_at - now).days <= 42
        assert upcoming.registration_required
        assert Meeting.objects.filter(space=council, kind=MeetingKind.WORKING_GROUP).exists()


def test_one_assembly_is_nearly_full_with_a_waiting_list() -> None:
    waiting = Meeting.objects.filter(
        registrations__status=RegistrationStatus.WAITING, starts_at__gt=timezone.now()
    ).distinct()
    assert waiting.exists()


def test_one_past_assembly_shows_some_groups_of_the_room_and_hides_others() -> None:
    past = Meeting.objects.filter(ends_at__lt=timezone.now(), attendances__isnull=False)
    mixed = []
    for meeting in past.distinct():
        cells = attendance_figures(meeting).age_bands
        counts = [cell.count for cell in cells]
        if any(count is None for count in counts) and any(count for count in counts):
            mixed.append(meeting)
    assert mixed


def test_the_meetings_vary_their_access_information() -> None:
    meetings = Meeting.objects.all()
    assert meetings.filter(step_free_access=True).exists()
    assert meetings.filter(childcare=True).exists()
    assert meetings.filter(sign_language=True).exists()
    assert meetings.exclude(other_language_interpreting="").exists()
    assert meetings.filter(step_free_access=False).exists()


def test_the_past_assembly_page_shows_its_attendance(client) -> None:
    meeting = Meeting.objects.filter(
        ends_at__lt=timezone.now(), space__neighbourhood__slug="nantes-nord"
    ).get()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "personnes sont venues" in page
    assert "non affiché" in page


def test_loading_shows_the_meetings_progress(demo_output: str) -> None:
    assert "11/11" in demo_output
    assert "Rencontres" in demo_output or "Meetings" in demo_output


def test_upcoming_assemblies_have_an_agenda_set_by_residents() -> None:
    from commune.meetings.services import ranked_agenda

    now = timezone.now()
    upcoming = Meeting.objects.filter(kind=MeetingKind.GENERAL_ASSEMBLY, starts_at__gt=now)
    assert upcoming.exists()
    for meeting in upcoming:
        assert meeting.agenda_cutoff is not None
        assert now < meeting.agenda_cutoff < meeting.starts_at
        items = ranked_agenda(meeting)
        assert items[0].is_fixed
        residents_items = [item for item in items if not item.is_fixed]
        assert len(residents_items) >= 2
        assert residents_items[0].support_count > 0
