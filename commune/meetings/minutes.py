"""After a meeting: its minutes, the votes held in the room, its decisions and its documents.

Every write is one function here, keyword-only, in one transaction, audit-logged, and
done by a city agent (the organiser check of the agenda). Minutes, votes and decisions
exist only for a meeting that has started and was not cancelled; documents (an agenda,
slides) may be attached before it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.accountability import services as accountability
from commune.accountability.models import Commitment, Decision
from commune.contributions import uploads
from commune.contributions.access import is_agent
from commune.contributions.models import Contribution
from commune.core import audit
from commune.core.markup import render_markdown
from commune.meetings.models import (
    AgendaItem,
    DocumentKind,
    Meeting,
    MeetingDocument,
    Minutes,
    RoomVote,
)
from commune.meetings.services import _check_organiser, _locked

MINUTES_MAX_LENGTH = 50_000
MOTION_MAX_LENGTH = 1000
MAX_VOTES = 100_000  # more than any room holds: a typo, not a count
DOCUMENT_TITLE_MAX_LENGTH = 200
DECISION_TITLE_MAX_LENGTH = 200
DECIDED_BY_MAX_LENGTH = 150


class MinutesRefusedError(PermissionDenied):
    """Minutes, votes and decisions wait for the meeting to start (and none if cancelled)."""


def _check_held(meeting: Meeting) -> None:
    if meeting.is_cancelled:
        raise MinutesRefusedError(_("This meeting was cancelled: it has no minutes."))
    if meeting.starts_at > timezone.now():
        raise MinutesRefusedError(
            _(
                "The meeting has not started yet: minutes, votes and decisions are "
                "recorded once it has taken place."
            )
        )


def minutes_open(meeting: Meeting) -> bool:
    """The meeting has started and was not cancelled: its minutes may be written."""
    return not meeting.is_cancelled and meeting.starts_at <= timezone.now()


# --- Minutes -----------------------------------------------------------------------------


@transaction.atomic
def publish_minutes(*, meeting: Meeting, actor: Any, body: str) -> Minutes:
    """Publish the minutes of a meeting that has started, or correct the published text.

    The Markdown is rendered and sanitised (nh3). The first publication is dated and
    signed; a later save is a correction, dated too. Audited either way.
    """
    _check_organiser(actor)
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write the minutes before publishing them.")})
    if len(body) > MINUTES_MAX_LENGTH:
        raise ValidationError(
            {
                "body": ValidationError(
                    _("The minutes are too long (%(max)s characters at most)."),
                    code="max_length",
                    params={"max": MINUTES_MAX_LENGTH},
                )
            }
        )
    meeting = _locked(meeting)
    _check_held(meeting)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    html = render_markdown(body)
    if minutes is None:
        minutes = Minutes.objects.create(
            meeting=meeting, body=body, body_html=html, published_by=actor
        )
        audit.record(actor=actor, action="meetings.minutes_publish", target=minutes)
    else:
        minutes.body, minutes.body_html = body, html
        minutes.corrected_at = timezone.now()
        minutes.save(update_fields=["body", "body_html", "corrected_at"])
        audit.record(actor=actor, action="meetings.minutes_correct", target=minutes)
    return minutes


# --- Votes held in the room --------------------------------------------------------------


def _count(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError({name: _("Give a whole number.")})
    if value < 0:
        raise ValidationError({name: _("A count cannot be negative.")})
    if value > MAX_VOTES:
        raise ValidationError(
            {name: _("This count is too high (%(max)s at most).") % {"max": MAX_VOTES}}
        )
    return value


@transaction.atomic
def record_vote(
    *,
    meeting: Meeting,
    actor: Any,
    motion: str,
    votes_for: int,
    votes_against: int,
    abstentions: int,
    agenda_item: AgendaItem | None = None,
    decision: Decision | None = None,
) -> RoomVote:
    """Record a vote held in the room: the motion and the counts for, against and abstaining.

    The result is computed from the counts (models.vote_result). The agenda item and the
    decision it produced, if given, must belong to the same meeting. Nothing is saved on
    a bad count, an empty motion or a meeting that has not started. Audited.
    """
    _check_organiser(actor)
    motion = motion.strip()
    errors: dict[str, Any] = {}
    if not motion:
        errors["motion"] = _("Write the motion that was put to the vote.")
    elif len(motion) > MOTION_MAX_LENGTH:
        errors["motion"] = _("This motion is too long (1000 characters at most).")
    counts = {}
    for name, value in (
        ("votes_for", votes_for),
        ("votes_against", votes_against),
        ("abstentions", abstentions),
    ):
        try:
            counts[name] = _count(name, value)
        except ValidationError as error:
            errors.update(error.message_dict)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        errors["agenda_item"] = _("Choose an item of this meeting's agenda.")
    if decision is not None and decision.meeting_id != meeting.pk:
        errors["decision"] = _("Choose a decision taken at this meeting.")
    if errors:
        raise ValidationError(errors)
    if not sum(counts.values()):
        raise ValidationError(
            _("No vote is counted: give the number of votes for, against or abstaining.")
        )
    meeting = _locked(meeting)
    _check_held(meeting)
    vote = RoomVote.objects.create(
        meeting=meeting,
        motion=motion,
        agenda_item=agenda_item,
        decision=decision,
        recorded_by=actor,
        **counts,
    )
    audit.record(
        actor=actor,
        action="meetings.record_vote",
        target=vote,
        reason=(
            f"for: {vote.votes_for}, against: {vote.votes_against}, "
            f"abstentions: {vote.abstentions} → {vote.result}"
        ),
    )
    return vote


@transaction.atomic
def remove_vote(*, vote: RoomVote, actor: Any) -> None:
    """Remove a vote recorded by mistake (the audit log keeps what it said)."""
    _check_organiser(actor)
    audit.record(
        actor=actor,
        action="meetings.remove_vote",
        target=vote,
        reason=f"{vote.votes_for}/{vote.votes_against}/{vote.abstentions}: {vote.motion}",
    )
    RoomVote.objects.filter(pk=vote.pk).delete()


# --- Decisions taken at the meeting ------------------------------------------------------


@transaction.atomic
def record_meeting_decision(
    *,
    meeting: Meeting,
    actor: Any,
    title: str,
    body: str,
    decided_by: str,
    decided_on: datetime.date | None = None,
    act_url: str = "",
    contributions: Iterable[Contribution] = (),
) -> Decision:
    """Record a decision taken at the meeting, as an accountability decision linked to it.

    It goes through accountability's record_decision (rendering, audit, links to the
    contributions it answers), in the meeting's space, dated the day of the meeting
    unless told otherwise. Only contributions of the meeting's space may be linked.
    """
    _check_organiser(actor)
    title, body, decided_by = title.strip(), body.strip(), decided_by.strip()
    contributions = list(contributions)
    errors: dict[str, Any] = {}
    if not title:
        errors["title"] = _("Give the decision a title.")
    elif len(title) > DECISION_TITLE_MAX_LENGTH:
        errors["title"] = _("This title is too long (200 characters at most).")
    if not body:
        errors["body"] = _("Say what was decided.")
    if not decided_by:
        errors["decided_by"] = _("Say who decided (e.g. the neighbourhood council).")
    elif len(decided_by) > DECIDED_BY_MAX_LENGTH:
        errors["decided_by"] = _("This is too long (150 characters at most).")
    if any(contribution.space_id != meeting.space_id for contribution in contributions):
        errors["contributions"] = _("Link only contributions of this meeting's space.")
    if errors:
        raise ValidationError(errors)
    meeting = _locked(meeting)
    _check_held(meeting)
    return accountability.record_decision(
        title=title,
        body=body,
        decided_by=decided_by,
        decided_on=decided_on or timezone.localdate(meeting.starts_at),
        act_url=act_url,
        contributions=contributions,
        space=meeting.space,
        meeting=meeting,
        actor=actor,
    )


# --- Documents ---------------------------------------------------------------------------


@transaction.atomic
def attach_document(
    *, meeting: Meeting, actor: Any, title: str, kind: str, upload: File
) -> MeetingDocument:
    """Attach a PDF, ODT or DOCX document (10 MB at most) to the meeting; audited.

    The file is checked by its content with the contributions' upload check and stored
    under a random name; if saving fails, the stored file is removed.
    """
    _check_organiser(actor)
    title = title.strip()
    errors: dict[str, Any] = {}
    if not title:
        errors["title"] = _("Give the document a title.")
    elif len(title) > DOCUMENT_TITLE_MAX_LENGTH:
        errors["title"] = _("This title is too long (200 characters at most).")
    if kind not in DocumentKind.values:
        errors["kind"] = _("Choose what kind of document it is.")
    try:
        upload = uploads.clean_attachment(upload)
    except ValidationError as error:
        errors["file"] = error.messages
    if errors:
        raise ValidationError(errors)
    file_format = upload.name.rsplit(".", 1)[-1]
    document = MeetingDocument(
        meeting=meeting,
        title=title,
        kind=kind,
        file_format=file_format,
        size=upload.size or 0,
        uploaded_by=actor,
    )
    document.file = upload
    try:
        document.save()
        audit.record(actor=actor, action="meetings.attach_document", target=document)
    except Exception:
        if document.file and document.file.name:
            document.file.storage.delete(document.file.name)
        raise
    return document


@transaction.atomic
def remove_document(*, document: MeetingDocument, actor: Any) -> None:
    """Remove a document from the meeting; its file is deleted once the change is saved."""
    _check_organiser(actor)
    audit.record(actor=actor, action="meetings.remove_document", target=document)
    storage, name = document.file.storage, document.file.name
    MeetingDocument.objects.filter(pk=document.pk).delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# --- Reading -----------------------------------------------------------------------------


def meeting_record(meeting: Meeting, user: Any) -> dict[str, Any]:
    """What the meeting page shows after it: minutes, votes, decisions, documents (4 queries)."""
    decisions = (
        Decision.objects.filter(meeting=meeting)
        .annotate(commitment_count=Count("commitments", distinct=True))
        .order_by("decided_on", "id")
    )
    return {
        "minutes": Minutes.objects.filter(meeting=meeting)
        .select_related("published_by__service")
        .first(),
        "votes": list(
            RoomVote.objects.filter(meeting=meeting).select_related("agenda_item", "decision")
        ),
        "meeting_decisions": list(decisions),
        "documents": list(MeetingDocument.objects.filter(meeting=meeting)),
        "minutes_open": minutes_open(meeting),
        "can_write_minutes": is_agent(user) and not meeting.is_cancelled,
    }


def decisions_with_commitments(meeting: Meeting) -> list[Decision]:
    """The meeting's decisions with their commitments, for the agents' page."""
    return list(
        Decision.objects.filter(meeting=meeting)
        .prefetch_related(Prefetch("commitments", queryset=Commitment.objects.order_by("id")))
        .order_by("decided_on", "id")
    )
