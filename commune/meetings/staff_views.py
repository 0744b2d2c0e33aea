"""Pages where city agents announce, change and cancel meetings (the admin stays for the rest)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from commune.core.forms import add_service_errors
from commune.meetings import access, staff
from commune.meetings.models import Meeting
from commune.meetings.staff_forms import MeetingForm

EDIT_RATE = "30/m"


def _limit() -> Any:
    return ratelimit(key="user_or_ip", rate=EDIT_RATE, method="POST", block=True)


def _check_agent(user: Any) -> None:
    if not access.can_register_by_phone(user):
        raise PermissionDenied(_("Only city agents announce, change or cancel meetings."))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit()
def create(request: HttpRequest, space_slug: str) -> HttpResponse:
    """Announce a meeting in a space."""
    _check_agent(request.user)
    space = access.get_meeting_space(request.user, space_slug)
    form = MeetingForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            meeting = staff.create_meeting(
                space=space,
                actor=request.user,
                fields=form.meeting_fields(),
                capacity=form.cleaned_data["capacity"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is announced."))
            return redirect(meeting)
    return render(
        request, "meetings/meeting_form.html", {"form": form, "space": space, "meeting": None}
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit()
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a meeting's time, place, access or registration; the calendar entry follows."""
    _check_agent(request.user)
    meeting = access.get_visible_meeting(request.user, pk)
    if meeting.is_cancelled:
        messages.error(request, _("A cancelled meeting cannot be changed."))
        return redirect(meeting)
    form = MeetingForm(request.POST if request.method == "POST" else None, instance=meeting)
    if form.is_valid():
        try:
            meeting = staff.update_meeting(
                meeting=Meeting.objects.get(pk=pk),
                actor=request.user,
                fields=form.meeting_fields(),
                capacity=form.cleaned_data["capacity"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is updated."))
            return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "space": meeting.space, "meeting": meeting},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit()
def cancel_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask, then cancel: the meeting stays listed, marked cancelled, and calendars follow."""
    _check_agent(request.user)
    meeting = access.get_visible_meeting(request.user, pk)
    if request.method == "POST" and not meeting.is_cancelled:
        staff.cancel_meeting(meeting=meeting, actor=request.user)
        messages.success(request, _("The meeting is cancelled."))
        return redirect(meeting)
    registered = meeting.registrations.count()
    return render(
        request,
        "meetings/meeting_cancel.html",
        {"meeting": meeting, "registered": registered},
    )
