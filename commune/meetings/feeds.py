"""Feeds of meetings: a resident's page and private calendar, and the Popolo open data."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_ratelimit.decorators import ratelimit

from commune.core import audit
from commune.meetings import popolo
from commune.meetings.access import get_meeting_space, has_meetings
from commune.meetings.ics import calendar_response
from commune.meetings.models import CalendarFeed, Meeting, Registration, RegistrationStatus
from commune.spaces.models import Space, SpaceKind

RESET_RATE = "10/h"


def feed_of(resident: object) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(resident=resident)
    return feed


@login_required
@require_safe
def my_meetings(request: HttpRequest) -> HttpResponse:
    """The meetings the resident registered for (or waits for), and their calendar link."""
    registrations = (
        Registration.objects.filter(resident=request.user)
        .select_related("meeting", "meeting__space")
        .order_by("meeting__starts_at", "meeting_id")
    )
    now = timezone.now()
    return render(
        request,
        "meetings/my_meetings.html",
        {
            "upcoming": [r for r in registrations if r.meeting.ends_at >= now],
            "past": [r for r in registrations if r.meeting.ends_at < now][::-1],
            "feed_url": request.build_absolute_uri(
                reverse("meetings:personal_ics", kwargs={"token": feed_of(request.user).token})
            ),
        },
    )


@login_required
@require_POST
@ratelimit(key="user_or_ip", rate=RESET_RATE, method="POST", block=True)
@transaction.atomic
def reset_feed(request: HttpRequest) -> HttpResponse:
    """A new private link: the old one stops working (for a link shared by mistake)."""
    CalendarFeed.objects.filter(resident=request.user).delete()
    feed_of(request.user)
    audit.record(actor=request.user, action="meetings.reset_feed", target=request.user)
    messages.success(request, _("Your calendar has a new link; the old one no longer works."))
    return redirect("meetings:mine")


@require_safe
def personal_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The private feed: calendar apps cannot log in, so the unguessable token is the key."""
    feed = CalendarFeed.objects.filter(token=token, resident__is_active=True).first()
    if feed is None:
        raise Http404("Unknown calendar link.")
    waiting = set(
        Registration.objects.filter(
            resident_id=feed.resident_id, status=RegistrationStatus.WAITING
        ).values_list("meeting_id", flat=True)
    )
    meetings = Meeting.objects.filter(registrations__resident_id=feed.resident_id).order_by(
        "starts_at", "id"
    )

    def status(meeting: Meeting) -> str:
        if meeting.is_cancelled:
            return "CANCELLED"
        # On the waiting list: maybe, until a place frees up.
        return "TENTATIVE" if meeting.pk in waiting else "CONFIRMED"

    return calendar_response(
        request, meetings, _("My meetings"), "mes-rencontres.ics", status=status
    )


def _popolo_response(request: HttpRequest, spaces: list[Space]) -> JsonResponse:
    document = popolo.export(spaces=spaces, url=request.build_absolute_uri, now=timezone.now())
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response


@require_safe
def popolo_city(request: HttpRequest) -> JsonResponse:
    """The city's councils, meetings and room votes as Popolo JSON."""
    spaces = [
        space
        for space in Space.objects.published().select_related("neighbourhood")
        if has_meetings(space) or space.kind == SpaceKind.WORKING_GROUP
    ]
    return _popolo_response(request, spaces)


@require_safe
def popolo_space(request: HttpRequest, space_slug: str) -> JsonResponse:
    """One space's meetings and room votes (and a working group's listed members)."""
    return _popolo_response(request, [get_meeting_space(request.user, space_slug)])
