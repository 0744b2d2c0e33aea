"""Following contributions and spaces, and notifying residents of what happens to them."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from commune.contributions.models import Comment, Contribution, Follow
from commune.notifications.models import (
    EmailFrequency,
    Notification,
    NotificationKind,
    NotificationSettings,
)
from commune.spaces.models import Space


def follow(
    *, resident: Any, contribution: Contribution | None = None, space: Space | None = None
) -> None:
    """Follow a contribution or a space (doing it twice changes nothing)."""
    try:
        with transaction.atomic():
            Follow.objects.get_or_create(resident=resident, contribution=contribution, space=space)
    except IntegrityError:
        pass  # a concurrent request followed it first: the result is the same


def unfollow(
    *, resident: Any, contribution: Contribution | None = None, space: Space | None = None
) -> None:
    Follow.objects.filter(resident=resident, contribution=contribution, space=space).delete()


def is_following(
    *, resident: Any, contribution: Contribution | None = None, space: Space | None = None
) -> bool:
    if not getattr(resident, "is_authenticated", False):
        return False
    return Follow.objects.filter(resident=resident, contribution=contribution, space=space).exists()


def _create(recipient_ids: set[int], **fields: Any) -> list[Notification]:
    return Notification.objects.bulk_create(
        [Notification(recipient_id=pk, **fields) for pk in sorted(recipient_ids)]
    )


def _contribution_audience(contribution: Contribution) -> set[int]:
    """The author (if they have an account) and everyone following the contribution."""
    audience = set(
        Follow.objects.filter(contribution=contribution, resident__is_active=True).values_list(
            "resident_id", flat=True
        )
    )
    if contribution.author_id and contribution.author.is_active:
        audience.add(contribution.author_id)
    return audience


def notify_status_change(
    *, contribution: Contribution, status: str, with_answer: bool, actor: Any = None
) -> list[Notification]:
    """Tell the author and followers that the city changed the status or answered."""
    audience = _contribution_audience(contribution) - {getattr(actor, "pk", None)}
    kind = NotificationKind.ANSWERED if with_answer else NotificationKind.STATUS_CHANGED
    return _create(audience, kind=kind, contribution=contribution, status=status)


def notify_reply(*, comment: Comment) -> list[Notification]:
    """Tell the author of the comment replied to (not the one replying to themselves)."""
    if comment.parent_id is None:
        return []
    parent_author = comment.parent.author
    if parent_author.pk == comment.author_id or not parent_author.is_active:
        return []
    return _create(
        {parent_author.pk},
        kind=NotificationKind.REPLY,
        contribution_id=comment.contribution_id,
        comment=comment,
    )


def notify_new_contribution(*, contribution: Contribution) -> list[Notification]:
    """Tell the followers of a space that a contribution was submitted in it."""
    audience = set(
        Follow.objects.filter(space_id=contribution.space_id, resident__is_active=True).values_list(
            "resident_id", flat=True
        )
    ) - {contribution.author_id}
    return _create(audience, kind=NotificationKind.NEW_CONTRIBUTION, contribution=contribution)


def notification_settings(*, resident: Any) -> NotificationSettings:
    """The resident's settings, created with the defaults the first time."""
    found, _ = NotificationSettings.objects.get_or_create(resident=resident)
    return found


@transaction.atomic
def set_email_frequency(*, resident: Any, frequency: str, language: str) -> NotificationSettings:
    """Save how often the resident gets e-mails, and the language to write them in."""
    found = notification_settings(resident=resident)
    found.email_frequency = EmailFrequency(frequency)
    found.language = language
    found.save(update_fields=["email_frequency", "language"])
    return found


def mark_all_read(*, resident: Any) -> int:
    return Notification.objects.filter(recipient=resident, read_at__isnull=True).update(
        read_at=timezone.now()
    )
