"""The status timeline of each contribution, decisions that answer them, and commitments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from commune.accounts.models import CityService
from commune.contributions.models import Contribution, Status
from commune.spaces.models import Space


class StatusChange(models.Model):
    """One dated step of a contribution's public timeline, with the city's answer."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    answer = models.TextField(_("answer"), blank=True)
    answer_html = models.TextField(editable=False, blank=True)
    # The public signature: a service, unless an elected official signs in person.
    service = models.ForeignKey(
        CityService,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("answering service"),
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed by (elected official)"),
    )
    # Who typed it in: for the audit log, never shown in public.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.contribution_id}: {self.get_status_display()}"

    @property
    def signature(self) -> str:
        if self.signed_by_id:
            return self.signed_by.public_name
        return self.service.name if self.service_id else str(_("The city"))


class Decision(models.Model):
    """An act of a council or of the city, with the contributions it answers."""

    space = models.ForeignKey(
        Space,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("space"),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    body_html = models.TextField(editable=False)
    decided_by = models.CharField(
        _("decided by"), max_length=150, help_text=_("E.g. the municipal council.")
    )
    decided_on = models.DateField(_("date of the decision"))
    act_url = models.URLField(_("link to the official act"), blank=True)
    # The meeting where it was taken (a council's general assembly), when there was one.
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("taken at the meeting"),
    )
    contributions = models.ManyToManyField(
        Contribution,
        through="DecisionContribution",
        related_name="decisions",
        verbose_name=_("contributions answered"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("accountability:decision", kwargs={"pk": self.pk})


class DecisionContribution(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE)
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "contribution"], name="decision_answers_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision_id} answers {self.contribution_id}"


class CommitmentStatus(models.TextChoices):
    # With a context: in French a commitment's status agrees with "engagement" (masculine),
    # a contribution's with "contribution" (feminine).
    PLANNED = "planned", pgettext_lazy("commitment status", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("commitment status", "In progress")
    DONE = "done", pgettext_lazy("commitment status", "Done")
    LATE = "late", pgettext_lazy("commitment status", "Late")


class Commitment(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="commitments")
    title = models.CharField(_("title"), max_length=200)
    owner_service = models.ForeignKey(
        CityService,
        on_delete=models.PROTECT,
        related_name="commitments",
        verbose_name=_("service in charge"),
    )
    target_date = models.DateField(_("target date"))
    # The latest progress, kept here so lists need no subquery.
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)

    class Meta:
        ordering = ["target_date", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return self.title

    def status(self, today=None) -> CommitmentStatus:
        today = today or timezone.localdate()
        if self.progress >= 100:
            return CommitmentStatus.DONE
        if self.target_date < today:
            return CommitmentStatus.LATE
        return CommitmentStatus.IN_PROGRESS if self.progress > 0 else CommitmentStatus.PLANNED


class ProgressUpdate(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    text = models.TextField(_("what was done"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id}: {self.progress}%"
