"""The e-mail registered residents get the day before a meeting, sent by the mail worker."""

from __future__ import annotations

import datetime
import logging
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from commune.meetings.models import Registration, RegistrationStatus
from commune.notifications.models import EmailFrequency

logger = logging.getLogger(__name__)


def tomorrow_bounds(now: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """Midnight to midnight of the next day in the city's time zone (23 or 25 hours long
    on the days the clocks change)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    tomorrow = now.astimezone(zone).date() + datetime.timedelta(days=1)
    start = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        tomorrow + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return start, end


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Mail each resident registered for a meeting held tomorrow, once; returns how many.

    Rows are locked and marked in the transaction that claims them, so two workers (or a
    rerun) never send the same reminder twice. Residents who asked for no e-mail get none;
    people registered by phone have no e-mail and are called by the organisers.
    """
    now = now or timezone.now()
    start, end = tomorrow_bounds(now)
    due = (
        Registration.objects.filter(
            status=RegistrationStatus.REGISTERED,
            reminded_at__isnull=True,
            resident__is_active=True,
            meeting__cancelled_at__isnull=True,
            meeting__starts_at__gte=start,
            meeting__starts_at__lt=end,
        )
        .exclude(resident__notification_settings__email_frequency=EmailFrequency.NEVER)
        .select_related("resident", "resident__notification_settings", "meeting")
    )
    sent = 0
    with transaction.atomic():
        claimed = list(due.select_for_update(skip_locked=True, of=("self",)).order_by("id"))
        for registration in claimed:
            sent += _mail(registration)
        Registration.objects.filter(pk__in=[r.pk for r in claimed]).update(reminded_at=now)
    return sent


def _mail(registration: Registration) -> bool:
    resident = registration.resident
    if not resident.email:
        return False  # an account opened by an agent, without an address: nothing to send
    meeting = registration.meeting
    language = getattr(
        getattr(resident, "notification_settings", None), "language", settings.LANGUAGE_CODE
    )
    base = settings.COMMUNE_BASE_URL.rstrip("/")
    with translation.override(language), timezone.override(ZoneInfo(settings.TIME_ZONE)):
        prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
        context = {
            "name": resident.public_name,
            "meeting": meeting,
            "meeting_url": f"{base}{prefix}{meeting.get_absolute_url()}",
            "ics_url": f"{base}{prefix}{reverse('meetings:ics', kwargs={'pk': meeting.pk})}",
            "city_name": settings.COMMUNE_CITY_NAME,
        }
        subject = "".join(
            render_to_string("meetings/email/reminder_subject.txt", context).splitlines()
        )
        body = render_to_string("meetings/email/reminder_body.txt", context)
    try:
        send_mail(subject, body, None, [resident.email])
    except OSError:
        # Marked all the same: a reminder that arrives after the meeting helps nobody.
        logger.exception("Could not mail the reminder of registration #%s", registration.pk)
        return False
    return True
