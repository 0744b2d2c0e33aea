"""Every change to contributions, supports, comments and reports goes through these functions.

Views, the back office and commands call them the same way. Each runs in one transaction;
notifications are sent once it is committed, and moderation and staff acts are audited.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.accountability import services as accountability_services
from commune.contributions import access
from commune.contributions.models import (
    Channel,
    Comment,
    Contribution,
    ContributionKind,
    Pillar,
    Report,
    Stance,
    Support,
)
from commune.core import audit
from commune.core.markup import render_markdown
from commune.notifications import services as notification_services
from commune.spaces.models import Space
from commune.territory.models import Neighbourhood

TITLE_MAX_LENGTH = 150
BODY_MAX_LENGTH = 10_000
COMMENT_MAX_LENGTH = 5_000
REASON_MAX_LENGTH = 2_000
# Comments nest three levels deep (0, 1, 2); a reply to the deepest joins its thread.
MAX_COMMENT_DEPTH = 2


class ActionRefusedError(PermissionDenied):
    """The action is not allowed now (space closed, contribution withdrawn, edit window over).

    A PermissionDenied, so a view that lets it through answers 403.
    """


can_edit = access.can_edit


def _check_text(field: str, value: str, max_length: int, *, required: bool = True) -> str:
    value = value.strip()
    if required and not value:
        raise ValidationError({field: ValidationError(_("This field is required."), "required")})
    if len(value) > max_length:
        raise ValidationError(
            {
                field: ValidationError(
                    _("Write at most %(max)s characters (you wrote %(length)s)."),
                    code="max_length",
                    params={"max": max_length, "length": len(value)},
                )
            }
        )
    return value


def _delete_files(contribution: Contribution) -> None:
    """Remove files stored for a contribution whose saving failed (no orphan upload)."""
    for field in (contribution.image, contribution.attachment):
        if field and field.name:
            field.storage.delete(field.name)


# --- Contributions ----------------------------------------------------------------------


@transaction.atomic
def submit_contribution(
    *,
    space: Space,
    author: Any,
    title: str,
    body: str,
    pillar: str,
    neighbourhood: Neighbourhood | None,
    kind: str,
    image: File | None = None,
    image_alt: str = "",
    attachment: File | None = None,
    channel: str = Channel.ONLINE,
    entered_by: Any = None,
    author_name: str = "",
    assisted: bool = False,
) -> Contribution:
    """Record a new idea or proposal, due to be answered within the space's answer delay.

    Online, `author` is the resident writing. On paper, by phone or at a meeting an agent
    (`entered_by`) types it in for a resident with an account (`author`) or for someone
    without one (`author_name`); it then counts exactly like an online contribution.
    Raises ActionRefusedError when the space does not take contributions today, and
    ValidationError for a missing or too long field.
    """
    if not access.accepts_contributions(space):
        raise ActionRefusedError(_("This space does not take contributions at the moment."))
    channel = Channel(channel)
    if channel != Channel.ONLINE and entered_by is None:
        raise ValidationError(_("An agent types in contributions that did not come online."))
    if author is None and not author_name.strip():
        raise ValidationError({"author_name": _("Give the name of the person who proposes it.")})
    contribution = Contribution(
        space=space,
        kind=ContributionKind(kind),
        title=_check_text("title", title, TITLE_MAX_LENGTH),
        body=_check_text("body", body, BODY_MAX_LENGTH),
        pillar=Pillar(pillar),
        neighbourhood=neighbourhood,
        channel=channel,
        author=author,
        author_name="" if author is not None else author_name.strip(),
        entered_by=entered_by,
        image_alt=image_alt.strip() if image else "",
        due_on=timezone.localdate() + datetime.timedelta(days=space.answer_delay_days),
    )
    contribution.body_html = render_markdown(contribution.body)
    if image:
        contribution.image = image
    if attachment:
        contribution.attachment = attachment
    try:
        contribution.full_clean(exclude=["image", "attachment"])
        contribution.save()
        accountability_services.record_received(contribution=contribution)
        if entered_by is not None:
            audit.record(
                actor=entered_by,
                action="contribution.assisted" if assisted else f"enter_contribution:{channel}",
                target=contribution,
                reason=str(channel.label),
            )
    except Exception:
        _delete_files(contribution)
        raise

    def after_commit() -> None:
        notification_services.notify_new_contribution(contribution=contribution)
        if contribution.author_id:
            notification_services.follow(resident=contribution.author, contribution=contribution)

    transaction.on_commit(after_commit)
    return contribution


@transaction.atomic
def edit_contribution(
    *,
    contribution: Contribution,
    editor: Any,
    title: str,
    body: str,
    pillar: str,
    neighbourhood: Neighbourhood | None,
    kind: str,
) -> Contribution:
    """Change the text of a contribution; only its author, before any support or comment.

    The row is locked while checking, so a support arriving at the same moment either
    comes first (and the edit is refused) or after the edit.
    """
    locked = (
        Contribution.objects.select_for_update().select_related("space").get(pk=contribution.pk)
    )
    if not access.can_edit(locked, editor):
        raise ActionRefusedError(
            _("This contribution can no longer be edited: it has supports or comments.")
        )
    locked.title = _check_text("title", title, TITLE_MAX_LENGTH)
    locked.body = _check_text("body", body, BODY_MAX_LENGTH)
    locked.body_html = render_markdown(locked.body)
    locked.pillar = Pillar(pillar)
    locked.kind = ContributionKind(kind)
    locked.neighbourhood = neighbourhood
    locked.full_clean(exclude=["image", "attachment"])
    locked.save(
        update_fields=[
            "title",
            "body",
            "body_html",
            "pillar",
            "kind",
            "neighbourhood",
            "updated_at",
        ]
    )
    return locked


@transaction.atomic
def withdraw_contribution(*, contribution: Contribution, author: Any) -> Contribution:
    """The author takes the contribution back; it stays visible, marked as withdrawn."""
    locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if not access.can_withdraw(locked, author):
        raise ActionRefusedError(_("Only its author can withdraw this contribution."))
    locked.withdrawn_at = timezone.now()
    locked.save(update_fields=["withdrawn_at", "updated_at"])
    return locked


# --- Supports ---------------------------------------------------------------------------


@transaction.atomic
def toggle_support(
    *, contribution: Contribution, resident: Any, supported: bool | None = None
) -> bool:
    """Support the contribution, or take the support back; returns whether it is supported.

    `supported=None` toggles; True or False asks for that state, so a form sent twice
    (a double click) does not undo itself. Safe under concurrency: the unique constraint
    decides between simultaneous supports of one resident (the loser's IntegrityError
    means "already supported"), and the counter moves with F() in the same transaction
    as the row it counts, only when a row was really added or removed.
    """
    if supported is not True:
        deleted, _ = Support.objects.filter(contribution=contribution, resident=resident).delete()
        if deleted:
            Contribution.objects.filter(pk=contribution.pk).update(
                support_count=F("support_count") - 1
            )
            return False
        if supported is False:
            return False
    try:
        with transaction.atomic():
            Support.objects.create(contribution=contribution, resident=resident)
    except IntegrityError:
        return True  # a simultaneous request of the same resident added it first
    Contribution.objects.filter(pk=contribution.pk).update(support_count=F("support_count") + 1)
    return True


def has_supported(*, contribution: Contribution, resident: Any) -> bool:
    if not getattr(resident, "is_authenticated", False):
        return False
    return Support.objects.filter(contribution=contribution, resident=resident).exists()


# --- Comments ---------------------------------------------------------------------------


@transaction.atomic
def add_comment(
    *,
    contribution: Contribution,
    author: Any,
    body: str,
    stance: str,
    parent: Comment | None = None,
) -> Comment:
    """Comment on a contribution, or reply to a comment, with a stance (for, against, neutral).

    Threads are three levels deep: a reply to a reply of a reply joins the deepest level
    of its thread. The author of the comment replied to is notified once committed.
    """
    if not access.is_open_for_reactions(contribution):
        raise ActionRefusedError(_("This contribution is closed to comments."))
    if parent is not None:
        if parent.contribution_id != contribution.pk:
            raise ValidationError(_("This reply does not belong to this contribution."))
        if parent.depth >= MAX_COMMENT_DEPTH:
            parent = parent.parent
    comment = Comment(
        contribution=contribution,
        parent=parent,
        depth=parent.depth + 1 if parent is not None else 0,
        author=author,
        stance=Stance(stance),
        body=_check_text("body", body, COMMENT_MAX_LENGTH),
    )
    comment.body_html = render_markdown(comment.body)
    comment.save()
    Contribution.objects.filter(pk=contribution.pk).update(comment_count=F("comment_count") + 1)
    transaction.on_commit(lambda: notification_services.notify_reply(comment=comment))
    return comment


# --- Reports and moderation -------------------------------------------------------------


def _report(*, reporter: Any, reason: str, **target: Any) -> Report:
    reason = _check_text("reason", reason, REASON_MAX_LENGTH)
    existing = Report.objects.filter(reporter=reporter, resolved_at__isnull=True, **target).first()
    if existing is not None:
        return existing  # reporting twice tells the moderators nothing new
    return Report.objects.create(reporter=reporter, reason=reason, **target)


@transaction.atomic
def report_contribution(*, contribution: Contribution, reporter: Any, reason: str) -> Report:
    """Tell the moderators that a contribution breaks the rules, and why."""
    return _report(reporter=reporter, reason=reason, contribution=contribution)


@transaction.atomic
def report_comment(*, comment: Comment, reporter: Any, reason: str) -> Report:
    """Tell the moderators that a comment breaks the rules, and why."""
    return _report(reporter=reporter, reason=reason, comment=comment)


def _check_moderator(moderator: Any) -> None:
    if not access.is_moderator(moderator):
        raise ActionRefusedError(_("Only moderators can hide what residents write."))


@transaction.atomic
def hide_contribution(*, contribution: Contribution, moderator: Any, reason: str) -> Contribution:
    """Hide a contribution; the reason is shown in place of its text, and the act audited."""
    _check_moderator(moderator)
    reason = _check_text("reason", reason, REASON_MAX_LENGTH)
    now = timezone.now()
    Contribution.objects.filter(pk=contribution.pk).update(hidden_at=now, hidden_reason=reason)
    contribution.hidden_at, contribution.hidden_reason = now, reason
    Report.objects.filter(contribution=contribution, resolved_at__isnull=True).update(
        resolved_at=now
    )
    audit.record(actor=moderator, action="hide_contribution", target=contribution, reason=reason)
    return contribution


@transaction.atomic
def hide_comment(*, comment: Comment, moderator: Any, reason: str) -> Comment:
    """Hide a comment; the reason is shown in place of its text, and the act audited."""
    _check_moderator(moderator)
    reason = _check_text("reason", reason, REASON_MAX_LENGTH)
    now = timezone.now()
    Comment.objects.filter(pk=comment.pk).update(hidden_at=now, hidden_reason=reason)
    comment.hidden_at, comment.hidden_reason = now, reason
    Report.objects.filter(comment=comment, resolved_at__isnull=True).update(resolved_at=now)
    audit.record(actor=moderator, action="hide_comment", target=comment, reason=reason)
    return comment


@transaction.atomic
def resolve_reports(*, reports: QuerySet[Report], moderator: Any, reason: str = "") -> int:
    """Close reports that need no (more) action; each closing is audited."""
    _check_moderator(moderator)
    now = timezone.now()
    closed = 0
    # Lock the rows themselves: the admin's queryset joins nullable targets, which
    # PostgreSQL refuses to lock.
    pending = Report.objects.select_for_update().filter(
        pk__in=list(reports.values_list("pk", flat=True)), resolved_at__isnull=True
    )
    for report in pending:
        report.resolved_at = now
        report.save(update_fields=["resolved_at"])
        audit.record(actor=moderator, action="resolve_report", target=report, reason=reason)
        closed += 1
    return closed
