"""iCalendar files of meetings, built with the icalendar library.

Times carry the city's time zone (TZID, with its VTIMEZONE), so a meeting keeps its local
wall-clock time across daylight-saving changes; the UID is the meeting's uid, stable
across updates, and a cancelled meeting says STATUS:CANCELLED.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from commune.meetings.models import Meeting


def _status(meeting: Meeting) -> str:
    return "CANCELLED" if meeting.is_cancelled else "CONFIRMED"


def _event(
    request: HttpRequest, meeting: Meeting, zone: ZoneInfo, status: Callable[[Meeting], str]
) -> Event:
    event = Event()
    event.add("uid", f"{meeting.uid}@commune")
    event.add("dtstamp", timezone.now())
    event.add("last-modified", meeting.updated_at)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", meeting.title)
    description = meeting.description
    url = request.build_absolute_uri(meeting.get_absolute_url())
    event.add("description", f"{description}\n\n{url}".strip())
    event.add("url", url)
    location = ", ".join(part for part in (meeting.place_name, meeting.address) if part)
    if not location:
        location = meeting.online_url
    if location:
        event.add("location", location)
    event.add("status", status(meeting))
    return event


def calendar_response(
    request: HttpRequest,
    meetings: Iterable[Meeting],
    name: str,
    filename: str,
    status: Callable[[Meeting], str] = _status,
) -> HttpResponse:
    """The meetings as one calendar; `status` gives each event's STATUS (CONFIRMED by default)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//Commune//Meetings//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for meeting in meetings:
        calendar.add_component(_event(request, meeting, zone, status))
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
