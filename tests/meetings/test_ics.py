"""Calendar files: they parse with icalendar, keep the city's time zone and a stable UID."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.factories import MeetingFactory, SpaceFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def _calendar(client, url: str) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def _events(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def test_a_meeting_downloads_as_ics_with_its_uid_and_time_zone(client) -> None:
    meeting = MeetingFactory(title="Atelier des quais")
    calendar = _calendar(client, reverse("meetings:ics", kwargs={"pk": meeting.pk}))
    [event] = _events(calendar)
    assert str(event["UID"]) == f"{meeting.uid}@commune"
    assert str(event["SUMMARY"]) == "Atelier des quais"
    assert "DTSTAMP" in event
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event.decoded("DTSTART") == meeting.starts_at
    assert event.decoded("DTEND") == meeting.ends_at
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert str(event["STATUS"]) == "CONFIRMED"


def test_the_uid_stays_the_same_when_the_meeting_changes(client) -> None:
    meeting = MeetingFactory(title="Avant")
    url = reverse("meetings:ics", kwargs={"pk": meeting.pk})
    before = _events(_calendar(client, url))[0]["UID"]
    meeting.title = "Après"
    meeting.starts_at += datetime.timedelta(hours=1)
    meeting.ends_at += datetime.timedelta(hours=1)
    meeting.save()
    after = _events(_calendar(client, url))[0]
    assert str(after["UID"]) == str(before)
    assert str(after["SUMMARY"]) == "Après"


def test_a_meeting_across_the_daylight_saving_change_keeps_its_wall_clock(client) -> None:
    # Summer time ends in Paris on 25 October 2026: at 03:00 CEST clocks go back to 02:00 CET.
    meeting = MeetingFactory(
        starts_at=datetime.datetime(2026, 10, 24, 22, 0, tzinfo=PARIS),
        ends_at=datetime.datetime(2026, 10, 25, 10, 0, tzinfo=PARIS),
    )
    [event] = _events(_calendar(client, reverse("meetings:ics", kwargs={"pk": meeting.pk})))
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.date(), start.time(), end.date(), end.time()) == (
        datetime.date(2026, 10, 24),
        datetime.time(22, 0),
        datetime.date(2026, 10, 25),
        datetime.time(10, 0),
    )
    assert start.utcoffset() == datetime.timedelta(hours=2)
    assert end.utcoffset() == datetime.timedelta(hours=1)
    # 22:00 to 10:00 on the wall clock, but 13 real hours (the night has one more).
    assert end.astimezone(datetime.UTC) - start.astimezone(datetime.UTC) == datetime.timedelta(
        hours=13
    )
    assert "DTSTART;TZID=Europe/Paris:20261024T220000" in event.to_ical().decode()


def test_a_cancelled_meeting_is_marked_cancelled(client) -> None:
    meeting = MeetingFactory(cancelled_at=timezone.now())
    [event] = _events(_calendar(client, reverse("meetings:ics", kwargs={"pk": meeting.pk})))
    assert str(event["STATUS"]) == "CANCELLED"


def test_the_space_and_city_feeds_hold_their_meetings(client) -> None:
    space = SpaceFactory(components=["meetings"])
    mine = MeetingFactory(space=space)
    other = MeetingFactory()
    hidden = MeetingFactory(space=SpaceFactory(components=["meetings"], is_published=False))
    space_feed = _calendar(client, reverse("meetings:space_ics", kwargs={"space_slug": space.slug}))
    assert {str(e["UID"]) for e in _events(space_feed)} == {f"{mine.uid}@commune"}
    city_feed = _calendar(client, reverse("meetings:city_ics"))
    assert {str(e["UID"]) for e in _events(city_feed)} == {
        f"{mine.uid}@commune",
        f"{other.uid}@commune",
    }
    assert client.get(reverse("meetings:ics", kwargs={"pk": hidden.pk})).status_code == 404
