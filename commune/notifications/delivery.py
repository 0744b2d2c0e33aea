"""Sending notification e-mails off the request path: right away, or as a daily digest."""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from commune.notifications.models import EmailFrequency, Notification
from commune.notifications.wording import describe, link

logger = logging.getLogger(__name__)

# Older notifications are not mailed: someone switching to e-mails gets no flood of old news.
MAX_AGE = datetime.timedelta(days=7)


@dataclass(frozen=True)
class DeliveryReport:
    emails: int
    notifications: int


def send_pending(*, digest: bool = False, now: datetime.datetime | None = None) -> DeliveryReport:
    """Mail every notification not mailed yet to residents of one frequency.

    Immediate residents get one e-mail per notification; with `digest`, residents who chose
    the daily digest get one e-mail listing all of theirs. Rows are locked and marked in the
    same transaction as they are claimed, so two workers never mail the same notification.
    """
    now = now or timezone.now()
    frequency = EmailFrequency.DAILY if digest else EmailFrequency.IMMEDIATE
    pending = Notification.objects.filter(
        emailed_at__isnull=True,
        created_at__gte=now - MAX_AGE,
        recipient__is_active=True,
    ).select_related(
        "recipient",
        "contribution",
        "comment__author",
        "amendment__paragraph__section",
        "amendment__text",
    )
    if frequency == EmailFrequency.IMMEDIATE:
        # No settings row means the default, which is "right away".
        pending = pending.exclude(
            recipient__notification_settings__email_frequency__in=[
                EmailFrequency.DAILY,
                EmailFrequency.NEVER,
            ]
        )
    else:
        pending = pending.filter(recipient__notification_settings__email_frequency=frequency)

    emails = notifications = 0
    with transaction.atomic():
        claimed = list(pending.select_for_update(skip_locked=True, of=("self",)).order_by("id"))
        by_recipient: dict[int, list[Notification]] = defaultdict(list)
        for notification in claimed:
            by_recipient[notification.recipient_id].append(notification)
        for items in by_recipient.values():
            groups = [items] if digest else [[item] for item in items]
            for group in groups:
                if _mail(group):
                    emails += 1
                    notifications += len(group)
        Notification.objects.filter(pk__in=[n.pk for n in claimed]).update(emailed_at=now)
    return DeliveryReport(emails=emails, notifications=notifications)


def _mail(group: list[Notification]) -> bool:
    recipient = group[0].recipient
    if not recipient.email:
        return False  # an account opened by an agent, without an address: the site shows them
    language = getattr(
        getattr(recipient, "notification_settings", None), "language", settings.LANGUAGE_CODE
    )
    base = settings.COMMUNE_BASE_URL.rstrip("/")
    with translation.override(language):
        prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
        items = [{"text": describe(n), "url": f"{base}{prefix}{link(n)}"} for n in group]
        context = {
            "name": recipient.public_name,
            "items": items,
            "city_name": settings.COMMUNE_CITY_NAME,
            "settings_url": f"{base}{prefix}/notifications/reglages/",
        }
        subject = "".join(render_to_string("notifications/email/subject.txt", context).splitlines())
        body = render_to_string("notifications/email/body.txt", context)
    try:
        send_mail(subject, body, None, [recipient.email])
    except OSError:
        # The notification stays visible in the site; a failed mail is not retried forever.
        logger.exception("Could not mail notifications to resident #%s", recipient.pk)
        return False
    return True
