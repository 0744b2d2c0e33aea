"""Every change to a contribution's timeline, decisions and commitments goes through here.

Rules decided here (see docs/decisions/0007-accountability-answers.md):

- Any step after "received" is an answer; the first one (even "under study") stops the
  clock of the due date, so it must carry a text: residents read why it is being studied.
- A withdrawn contribution can still be answered: it was said in public, and the city
  owes an answer to what it received. It is simply never counted as overdue.
- Only agents (and administrators) record answers, decisions and progress. An elected
  official may sign an answer; otherwise the public signature is the agent's service,
  never the agent's own name.
- A commitment's progress may go down (a work found faulty, a delayed contract): the
  update's text says why, and the history keeps every figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commune.accountability.models import (
    Commitment,
    Decision,
    DecisionContribution,
    ProgressUpdate,
    StatusChange,
)
from commune.accounts.models import CityService, Role
from commune.contributions.models import (
    NEXT_STATUSES,
    STATUSES_NEEDING_REASON,
    Contribution,
    Status,
)
from commune.core import audit
from commune.core.markup import render_markdown
from commune.spaces.models import Space

if TYPE_CHECKING:
    from commune.meetings.models import Meeting


def can_answer(user: Any) -> bool:
    """Agents and administrators answer contributions and record decisions."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_agent", False))


def _require_agent(actor: Any) -> None:
    if not can_answer(actor):
        raise PermissionDenied(_("Only city agents may record answers, decisions and progress."))


def allowed_next_statuses(contribution: Contribution) -> list[Status]:
    """The statuses an answer may move `contribution` to, in the timeline's order."""
    allowed = NEXT_STATUSES.get(contribution.status, set())
    return [status for status in Status if status in allowed]


@transaction.atomic
def record_received(*, contribution: Contribution) -> StatusChange:
    """The first step of the public timeline: "received", dated when it was submitted.

    Called by the contributions app right after a contribution is created (whatever
    its channel). Calling it twice returns the existing step.
    """
    existing = contribution.status_changes.filter(status=Status.RECEIVED).first()
    if existing is not None:
        return existing
    return StatusChange.objects.create(
        contribution=contribution,
        status=Status.RECEIVED,
        created_at=contribution.created_at,
    )


@transaction.atomic
def answer_contribution(
    *,
    contribution: Contribution,
    status: str,
    answer: str,
    actor: Any,
    service: CityService | None = None,
    signed_by: Any = None,
) -> StatusChange:
    """Move `contribution` to `status` with the city's answer, as a new dated public step.

    Raises PermissionDenied unless `actor` is an agent, and ValidationError (keyed by
    "status", "answer" or "signed_by") for a step the timeline does not allow, a missing
    reason, or a signatory who is not an elected official. The row is locked, so two
    agents answering at once cannot both record the first answer.
    """
    _require_agent(actor)
    locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
    answer = answer.strip()
    errors: dict[str, str] = {}
    if status not in NEXT_STATUSES.get(locked.status, set()):
        errors["status"] = _("A contribution that is “%(current)s” cannot become “%(next)s”.") % {
            "current": Status(locked.status).label,
            "next": Status(status).label if status in Status.values else status,
        }
    elif not answer and status in STATUSES_NEEDING_REASON:
        errors["answer"] = _("Give the reason for this answer: residents are owed an explanation.")
    elif not answer and locked.first_answered_at is None:
        errors["answer"] = _("The first answer to a contribution needs a text explaining it.")
    if signed_by is not None and (signed_by.role != Role.ELECTED or not signed_by.is_active):
        errors["signed_by"] = _("Only an elected official can sign an answer.")
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    first = locked.first_answered_at is None
    step = StatusChange.objects.create(
        contribution=locked,
        status=status,
        answer=answer,
        answer_html=render_markdown(answer) if answer else "",
        service=service or getattr(actor, "service", None),
        signed_by=signed_by,
        recorded_by=actor,
        created_at=now,
    )
    locked.status = status
    fields = ["status", "updated_at"]
    if first:
        locked.first_answered_at = now
        fields.append("first_answered_at")
    locked.save(update_fields=fields)
    # The caller's object reflects the new state too.
    contribution.status = locked.status
    contribution.first_answered_at = locked.first_answered_at
    audit.record(actor=actor, action=f"answer_contribution:{status}", target=locked, reason=answer)

    def notify() -> None:
        from commune.notifications.services import notify_status_change

        notify_status_change(
            contribution=locked, status=status, with_answer=bool(answer), actor=actor
        )

    transaction.on_commit(notify)
    return step


def save_decision(*, decision: Decision, actor: Any) -> Decision:
    """Save a new or edited decision (its text rendered), with an audit event.

    Used by record_decision and by the back office, so both behave the same.
    """
    _require_agent(actor)
    adding = decision.pk is None
    decision.body_html = render_markdown(decision.body)
    if adding and decision.recorded_by_id is None and getattr(actor, "pk", None):
        decision.recorded_by = actor
    decision.save()
    audit.record(
        actor=actor, action="record_decision" if adding else "change_decision", target=decision
    )
    return decision


@transaction.atomic
def record_decision(
    *,
    title: str,
    body: str,
    decided_by: str,
    decided_on: date,
    act_url: str,
    contributions: Iterable[Contribution],
    space: Space | None = None,
    meeting: Meeting | None = None,
    actor: Any,
) -> Decision:
    """Record a decision (e.g. a municipal council deliberation) and what it answers.

    `meeting` is the meeting where it was taken, if any (its minutes then list it).
    """
    _require_agent(actor)
    decision = save_decision(
        decision=Decision(
            title=title.strip(),
            body=body,
            decided_by=decided_by.strip(),
            decided_on=decided_on,
            act_url=act_url,
            space=space,
            meeting=meeting,
        ),
        actor=actor,
    )
    link_contributions(decision=decision, contributions=contributions, actor=actor)
    return decision


@transaction.atomic
def link_contributions(
    *, decision: Decision, contributions: Iterable[Contribution], actor: Any
) -> list[Contribution]:
    """Say that `decision` answers these contributions (linking one twice changes nothing).

    Returns the contributions newly linked.
    """
    _require_agent(actor)
    already = set(
        DecisionContribution.objects.filter(decision=decision).values_list(
            "contribution_id", flat=True
        )
    )
    new = []
    for contribution in contributions:
        if contribution.pk not in already:
            already.add(contribution.pk)
            new.append(contribution)
    DecisionContribution.objects.bulk_create(
        [DecisionContribution(decision=decision, contribution=c) for c in new],
        ignore_conflicts=True,
    )
    for contribution in new:
        audit.record(
            actor=actor,
            action="link_decision",
            target=contribution,
            reason=_("Answered by the decision “%(title)s”.") % {"title": decision.title},
        )
    return new


@transaction.atomic
def unlink_contribution(*, decision: Decision, contribution: Contribution, actor: Any) -> None:
    """Undo a link recorded by mistake (the audit log keeps it)."""
    _require_agent(actor)
    DecisionContribution.objects.filter(decision=decision, contribution=contribution).delete()
    audit.record(
        actor=actor,
        action="unlink_decision",
        target=contribution,
        reason=_("No longer linked to the decision “%(title)s”.") % {"title": decision.title},
    )


@transaction.atomic
def add_commitment(
    *,
    decision: Decision,
    title: str,
    owner_service: CityService,
    target_date: date,
    actor: Any,
) -> Commitment:
    """Add a commitment the city makes in `decision`: what, which service, by when."""
    _require_agent(actor)
    commitment = Commitment.objects.create(
        decision=decision,
        title=title.strip(),
        owner_service=owner_service,
        target_date=target_date,
    )
    audit.record(actor=actor, action="add_commitment", target=commitment)
    return commitment


@transaction.atomic
def record_progress(
    *, commitment: Commitment, progress: int, text: str, actor: Any
) -> ProgressUpdate:
    """Publish where a commitment stands: a percentage and what was done.

    Progress may go down (the text says why); it becomes the commitment's current figure.
    """
    _require_agent(actor)
    errors: dict[str, str] = {}
    if not 0 <= progress <= 100:
        errors["progress"] = _("Progress is a percentage, from 0 to 100.")
    if not text.strip():
        errors["text"] = _("Say what was done, in a sentence or two.")
    if errors:
        raise ValidationError(errors)
    locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
    update = ProgressUpdate.objects.create(
        commitment=locked, progress=progress, text=text.strip(), recorded_by=actor
    )
    locked.progress = progress
    locked.save(update_fields=["progress"])
    commitment.progress = progress
    audit.record(
        actor=actor, action="record_progress", target=locked, reason=f"{progress} %: {text}"
    )
    return update
