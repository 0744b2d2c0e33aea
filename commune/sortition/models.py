"""Panels drawn by lot: the panel, its pool, its quotas and the record of its draw.

Pool members are known in public by a pseudonymised id only; the imported id, a name or
a link to a resident account stay private (never on a page, an export or the API).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PanelStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    PUBLISHED = "published", _("Quotas published, draw to come")
    DRAWN = "drawn", _("Drawn")


class PanelQuerySet(models.QuerySet["Panel"]):
    def public(self) -> PanelQuerySet:
        """Panels whose quotas are (or once were) published, in published spaces.

        A panel whose published quotas were withdrawn stays public, so that anyone who
        saw its commitment can see why it was withdrawn and that its seed was not used.
        """
        return self.filter(
            models.Q(status__in=(PanelStatus.PUBLISHED, PanelStatus.DRAWN))
            | models.Q(withdrawals__isnull=False),
            space__is_published=True,
        ).distinct()


class Panel(models.Model):
    space = models.ForeignKey(
        "spaces.Space", on_delete=models.PROTECT, related_name="panels", verbose_name=_("space")
    )
    title = models.CharField(_("title"), max_length=150)
    purpose = models.TextField(_("purpose"), blank=True)
    panel_size = models.PositiveIntegerField(_("panel size"))
    reserve_size = models.PositiveIntegerField(_("reserve list size"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=PanelStatus.choices, default=PanelStatus.DRAFT
    )
    pool_file_name = models.CharField(_("pool file"), max_length=200, blank=True)
    quotas_file_name = models.CharField(_("quotas file"), max_length=200, blank=True)
    # Kept secret until the draw; only its SHA-256 (seed_commitment) is published before.
    secret_seed = models.CharField(_("secret seed"), max_length=64, blank=True)
    seed_commitment = models.CharField(_("seed commitment"), max_length=64, blank=True)
    published_at = models.DateTimeField(_("quotas published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = PanelQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("panel drawn by lot")
        verbose_name_plural = _("panels drawn by lot")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("sortition:detail", kwargs={"pk": self.pk})


class PoolMember(models.Model):
    panel = models.ForeignKey(
        Panel, on_delete=models.CASCADE, related_name="members", verbose_name=_("panel")
    )
    public_id = models.CharField(_("pseudonymised id"), max_length=20)
    values = models.JSONField(_("category values"), default=dict)
    line = models.PositiveIntegerField(_("line in the imported file"), default=0)
    # Private: never published.
    source_id = models.CharField(_("imported id"), max_length=200, blank=True)
    private_name = models.CharField(_("name (private)"), max_length=200, blank=True)
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resident account"),
    )

    class Meta:
        ordering = ("panel", "public_id")
        verbose_name = _("pool member")
        verbose_name_plural = _("pool members")
        constraints = [
            models.UniqueConstraint(
                fields=("panel", "public_id"), name="sortition_unique_public_id"
            )
        ]

    def __str__(self) -> str:
        return self.public_id


class Quota(models.Model):
    panel = models.ForeignKey(
        Panel, on_delete=models.CASCADE, related_name="quotas", verbose_name=_("panel")
    )
    position = models.PositiveIntegerField(_("position"))
    category = models.CharField(_("category"), max_length=100)
    value = models.CharField(_("value"), max_length=100)
    minimum = models.PositiveIntegerField(_("minimum"))
    maximum = models.PositiveIntegerField(_("maximum"))

    class Meta:
        ordering = ("panel", "position")
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")

    def __str__(self) -> str:
        return f"{self.category} = {self.value}: {self.minimum}–{self.maximum}"


class DrawRecord(models.Model):
    """What the draw produced: the revealed seed, the probabilities, the panel and reserves."""

    panel = models.OneToOneField(
        Panel, on_delete=models.CASCADE, related_name="draw", verbose_name=_("panel")
    )
    seed = models.CharField(_("seed"), max_length=64)
    panel_ids = models.JSONField(_("panel (pseudonymised ids)"), default=list)
    reserve_ids = models.JSONField(_("reserve list, in calling order"), default=list)
    probabilities = models.JSONField(_("selection probabilities"), default=dict)
    reserve_probabilities = models.JSONField(_("reserve probabilities"), default=dict)
    min_probability = models.FloatField(_("lowest selection probability"))
    solver = models.CharField(_("solver"), max_length=100, blank=True)
    drawn_at = models.DateTimeField(_("drawn at"), auto_now_add=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("drawn by"),
    )

    class Meta:
        verbose_name = _("draw record")
        verbose_name_plural = _("draw records")

    def __str__(self) -> str:
        return str(self.panel)


class Withdrawal(models.Model):
    """Published quotas taken back to draft: the commitment, its revealed seed and why."""

    panel = models.ForeignKey(
        Panel, on_delete=models.CASCADE, related_name="withdrawals", verbose_name=_("panel")
    )
    seed_commitment = models.CharField(_("seed commitment"), max_length=64)
    # Revealed at withdrawal: it will never be used, and shows the commitment was honest.
    seed = models.CharField(_("seed"), max_length=64)
    published_at = models.DateTimeField(_("quotas published at"), null=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), auto_now_add=True)
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ("panel", "withdrawn_at", "pk")
        verbose_name = _("withdrawn commitment")
        verbose_name_plural = _("withdrawn commitments")

    def __str__(self) -> str:
        return self.seed_commitment
