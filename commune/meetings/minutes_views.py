"""The agents' page after a meeting: publish the minutes, record votes, decisions, documents.

One page, one form per task; each form posts an `action` and comes back with its errors
(nothing saved) or redirects with a message. The public side is on the meeting page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from commune.core.forms import add_service_errors
from commune.meetings import access, minutes
from commune.meetings.minutes_forms import (
    DocumentForm,
    MeetingDecisionForm,
    MinutesForm,
    RoomVoteForm,
)
from commune.meetings.models import Meeting, MeetingDocument, Minutes, RoomVote

# Agents type a meeting's record in one sitting: generous, per account.
WRITE_RATE = "60/m"


def _limit(rate: str) -> Any:
    return ratelimit(key="user_or_ip", rate=rate, method="POST", block=True)


def _done(request: HttpRequest, meeting: Meeting, message: str, anchor: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(f"{reverse('meetings:minutes_manage', kwargs={'pk': meeting.pk})}#{anchor}")


def _handle(request: HttpRequest, meeting: Meeting, action: str, form: Form) -> HttpResponse | None:
    """Run the service of `action` with the bound form; None when the form has errors."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        if action == "minutes":
            minutes.publish_minutes(meeting=meeting, actor=request.user, body=data["body"])
            return _done(request, meeting, _("The minutes are published."), "minutes-form")
        if action == "vote":
            minutes.record_vote(meeting=meeting, actor=request.user, **data)
            return _done(request, meeting, _("The vote is recorded."), "votes-title")
        if action == "decision":
            decision = minutes.record_meeting_decision(meeting=meeting, actor=request.user, **data)
            return _done(
                request,
                meeting,
                _("The decision “%(title)s” is published.") % {"title": decision.title},
                "decisions-title",
            )
        if action == "document":
            minutes.attach_document(
                meeting=meeting,
                actor=request.user,
                title=data["title"],
                kind=data["kind"],
                upload=data["file"],
            )
            return _done(request, meeting, _("The document is attached."), "documents-title")
    except ValidationError as error:
        add_service_errors(form, error)
    except minutes.MinutesRefusedError as error:
        form.add_error(None, str(error))
    return None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(WRITE_RATE)
def minutes_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """Agents publish the minutes, record room votes and decisions, attach documents."""
    if not access.can_register_by_phone(request.user):
        raise PermissionDenied(_("Only city agents write the minutes of a meeting."))
    meeting = access.get_visible_meeting(request.user, pk)
    posted = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "") if posted is not None else ""

    if action == "remove_vote":
        vote = get_object_or_404(RoomVote, pk=request.POST.get("vote") or 0, meeting=meeting)
        minutes.remove_vote(vote=vote, actor=request.user)
        return _done(request, meeting, _("The vote is removed."), "votes-title")
    if action == "remove_document":
        document = get_object_or_404(
            MeetingDocument, pk=request.POST.get("document") or 0, meeting=meeting
        )
        minutes.remove_document(document=document, actor=request.user)
        return _done(request, meeting, _("The document is removed."), "documents-title")

    current = Minutes.objects.filter(meeting=meeting).first()
    forms: dict[str, Form] = {
        "minutes": MinutesForm(
            posted if action == "minutes" else None,
            initial={"body": current.body if current else ""},
            prefix="minutes",
        ),
        "vote": RoomVoteForm(posted if action == "vote" else None, meeting=meeting, prefix="vote"),
        "decision": MeetingDecisionForm(
            posted if action == "decision" else None,
            meeting=meeting,
            initial={"decided_by": meeting.space.title},
            prefix="decision",
        ),
        "document": DocumentForm(
            posted if action == "document" else None,
            request.FILES if action == "document" else None,
            prefix="document",
        ),
    }
    if action in forms:
        response = _handle(request, meeting, action, forms[action])
        if response is not None:
            return response
    status = 200 if not action or action in forms else 400
    return render(
        request,
        "meetings/minutes_manage.html",
        {
            "meeting": meeting,
            "current_minutes": current,
            "minutes_form": forms["minutes"],
            "vote_form": forms["vote"],
            "decision_form": forms["decision"],
            "document_form": forms["document"],
            "votes": RoomVote.objects.filter(meeting=meeting).select_related(
                "agenda_item", "decision"
            ),
            "decisions": minutes.decisions_with_commitments(meeting),
            "documents": MeetingDocument.objects.filter(meeting=meeting),
            "minutes_open": minutes.minutes_open(meeting),
        },
        status=status,
    )
