"""The e-mail the day before a meeting: once, to registered residents, in their language."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command

from commune.meetings.reminders import send_reminders, tomorrow_bounds
from commune.meetings.services import cancel_meeting, register
from commune.notifications.models import EmailFrequency
from commune.notifications.services import set_email_frequency
from tests.factories import MeetingFactory, ResidentFactory, days_from_today

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# A Tuesday afternoon in Nantes; "tomorrow" is Wednesday 2 December 2026.
NOW = datetime.datetime(2026, 12, 1, 15, 0, tzinfo=PARIS)


def _meeting_at(hour: int, day: int = 2, **fields) -> object:
    starts = datetime.datetime(2026, 12, day, hour, 0, tzinfo=PARIS)
    return MeetingFactory(
        registration_required=True,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        **fields,
    )


def test_registered_residents_get_one_reminder_the_day_before() -> None:
    meeting = _meeting_at(18, title="Assemblée de Bellevue", step_free_access=True)
    resident = ResidentFactory(email="ines@example.org")
    register(meeting=meeting, resident=resident)
    assert send_reminders(now=NOW) == 1
    [message] = mail.outbox
    assert message.to == ["ines@example.org"]
    assert "Assemblée de Bellevue" in message.subject
    assert "18:00" in message.body
    assert "Maison de quartier" in message.body
    assert f"/rencontres/{meeting.pk}/" in message.body
    # A second run, or a second worker, sends nothing more.
    assert send_reminders(now=NOW + datetime.timedelta(minutes=1)) == 0
    assert len(mail.outbox) == 1


def test_only_tomorrows_meetings_in_city_time() -> None:
    just_after_midnight = _meeting_at(0, day=2)
    late_tomorrow = _meeting_at(22, day=2)
    today = _meeting_at(20, day=1)
    after_tomorrow = _meeting_at(0, day=3)
    for meeting in (just_after_midnight, late_tomorrow, today, after_tomorrow):
        register(meeting=meeting, resident=ResidentFactory())
    assert send_reminders(now=NOW) == 2


def test_the_clock_change_day_is_23_hours_long() -> None:
    start, end = tomorrow_bounds(datetime.datetime(2026, 3, 28, 12, 0, tzinfo=PARIS))
    # Same-zone datetimes subtract as wall-clock times: compare the instants.
    assert end.astimezone(datetime.UTC) - start.astimezone(datetime.UTC) == datetime.timedelta(
        hours=23
    )


def test_no_reminder_for_the_waiting_list_a_cancelled_meeting_or_no_e_mail_wanted(agent) -> None:
    full = _meeting_at(18, capacity=1)
    register(meeting=full, resident=ResidentFactory())
    register(meeting=full, resident=ResidentFactory())  # waiting
    cancelled = _meeting_at(18)
    register(meeting=cancelled, resident=ResidentFactory())
    cancel_meeting(meeting=cancelled, actor=agent)
    quiet = ResidentFactory()
    set_email_frequency(resident=quiet, frequency=EmailFrequency.NEVER, language="fr")
    register(meeting=_meeting_at(19), resident=quiet)
    assert send_reminders(now=NOW) == 1


def test_the_reminder_speaks_the_residents_language() -> None:
    meeting = _meeting_at(18)
    english = ResidentFactory()
    set_email_frequency(resident=english, frequency=EmailFrequency.IMMEDIATE, language="en")
    french = ResidentFactory()
    register(meeting=meeting, resident=english)
    register(meeting=meeting, resident=french)
    send_reminders(now=NOW)
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "You are registered for" in bodies[english.email]
    assert "/en/" in bodies[english.email]
    assert "Vous êtes inscrit" in bodies[french.email]
    assert "mercredi 2 décembre" in bodies[french.email]


def test_the_mail_worker_sends_the_reminders() -> None:
    starts = datetime.datetime.combine(days_from_today(1), datetime.time(18), tzinfo=PARIS)
    meeting = MeetingFactory(
        registration_required=True,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    register(meeting=meeting, resident=ResidentFactory())
    call_command("sendnotifications", verbosity=0)
    assert len(mail.outbox) == 1
