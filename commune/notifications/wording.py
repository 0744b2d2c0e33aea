"""How a notification reads, worded when shown or mailed, in the reader's language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from commune.contributions.models import Status
from commune.notifications.models import Notification, NotificationKind


def describe(notification: Notification) -> str:
    """One sentence saying what happened; call it inside the reader's language."""
    if notification.kind == NotificationKind.AMENDMENT_DECIDED and notification.amendment_id:
        return _amendment_sentence(notification)
    title = notification.contribution.title if notification.contribution_id else ""
    if notification.kind == NotificationKind.ANSWERED:
        return _("The city answered “%(title)s”: %(status)s.") % {
            "title": title,
            "status": _status_label(notification.status),
        }
    if notification.kind == NotificationKind.STATUS_CHANGED:
        return _("“%(title)s” is now: %(status)s.") % {
            "title": title,
            "status": _status_label(notification.status),
        }
    if notification.kind == NotificationKind.REPLY:
        return _("%(name)s replied to your comment on “%(title)s”.") % {
            "name": notification.comment.author.public_name if notification.comment_id else "",
            "title": title,
        }
    if notification.kind == NotificationKind.NEW_CONTRIBUTION:
        return _("New contribution in a space you follow: “%(title)s”.") % {"title": title}
    return _("Something changed on “%(title)s”.") % {"title": title}


def link(notification: Notification) -> str:
    """The page the notification is about (the comment's anchor for a reply)."""
    if notification.amendment_id:
        return notification.amendment.get_absolute_url()
    if not notification.contribution_id:
        return "/"
    url = notification.contribution.get_absolute_url()
    if notification.comment_id:
        url += f"#comment-{notification.comment_id}"
    return url


def _status_label(value: str) -> str:
    try:
        return str(Status(value).label)
    except ValueError:
        return value


def _amendment_sentence(notification: Notification) -> str:
    from commune.texts.models import AmendmentStatus

    amendment = notification.amendment
    try:
        status = str(AmendmentStatus(notification.status).label)
    except ValueError:
        status = notification.status
    return _(
        "The amendment to %(reference)s of “%(title)s” that you proposed or supported was "
        "decided: %(status)s."
    ) % {
        "reference": amendment.paragraph.reference,
        "title": amendment.text.title,
        "status": status,
    }
