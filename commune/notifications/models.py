"""Notifications shown in the site and sent by e-mail, and each resident's e-mail choice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Right away")
    DAILY = "daily", _("Once a day, in a digest")
    NEVER = "never", _("Never (only in the site)")


class NotificationKind(models.TextChoices):
    STATUS_CHANGED = "status_changed", _("Status changed")
    ANSWERED = "answered", _("Official answer")
    REPLY = "reply", _("Reply to your comment")
    NEW_CONTRIBUTION = "new_contribution", _("New contribution in a space you follow")
    DECISION = "decision", _("Decision")
    AMENDMENT_DECIDED = "amendment_decided", _("Decision on an amendment")


class NotificationSettings(models.Model):
    resident = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    email_frequency = models.CharField(
        _("e-mails"),
        max_length=10,
        choices=EmailFrequency.choices,
        default=EmailFrequency.IMMEDIATE,
    )
    # The language of the e-mails: the one the resident last used the site in.
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"{self.resident_id}: {self.email_frequency}"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    # What happened is stored as data, and worded when shown, in the reader's language.
    contribution = models.ForeignKey(
        "contributions.Contribution",
        on_delete=models.CASCADE,
        related_name="notifications",
        null=True,
        blank=True,
    )
    comment = models.ForeignKey(
        "contributions.Comment",
        on_delete=models.CASCADE,
        related_name="notifications",
        null=True,
        blank=True,
    )
    amendment = models.ForeignKey(
        "texts.Amendment",
        on_delete=models.CASCADE,
        related_name="notifications",
        null=True,
        blank=True,
    )
    status = models.CharField(_("status"), max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["emailed_at", "created_at"], name="notification_to_email"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"
