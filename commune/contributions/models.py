"""Contributions (ideas and proposals), their supports, comments, reports and followers."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import connections, models
from django.db.models import BigIntegerField, ExpressionWrapper, F, Q, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.spaces.models import Space
from commune.territory.models import Neighbourhood


class Pillar(models.TextChoices):
    TRANSPARENCY = "transparency", _("Transparency")
    PARTICIPATION = "participation", _("Participation")
    CO_PRODUCTION = "co_production", _("Co-production")


class ContributionKind(models.TextChoices):
    IDEA = "idea", _("Idea")
    PROPOSAL = "proposal", _("Proposal")


class Channel(models.TextChoices):
    """How the contribution reached the city; every channel counts the same."""

    ONLINE = "online", _("Online")
    PAPER = "paper", _("On paper")
    PHONE = "phone", _("By phone")
    MEETING = "meeting", _("At a meeting")


class Status(models.TextChoices):
    """The public status timeline of a contribution, as the city answers it."""

    RECEIVED = "received", _("Received")
    UNDER_STUDY = "under_study", _("Under study")
    ACCEPTED = "accepted", _("Accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
    REJECTED = "rejected", _("Rejected")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


# Which status may follow which: an answer never goes back to "received".
NEXT_STATUSES: dict[str, set[str]] = {
    Status.RECEIVED: {Status.UNDER_STUDY, Status.ACCEPTED, Status.PARTLY_ACCEPTED, Status.REJECTED},
    Status.UNDER_STUDY: {Status.ACCEPTED, Status.PARTLY_ACCEPTED, Status.REJECTED},
    Status.ACCEPTED: {Status.IN_PROGRESS, Status.DONE},
    Status.PARTLY_ACCEPTED: {Status.IN_PROGRESS, Status.DONE},
    Status.REJECTED: set(),
    Status.IN_PROGRESS: {Status.DONE},
    Status.DONE: set(),
}
# A reason is required for these answers (the charter's "rendre compte").
STATUSES_NEEDING_REASON = {Status.PARTLY_ACCEPTED, Status.REJECTED}


class Stance(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    NEUTRAL = "neutral", _("Neutral")


# Constants of the shuffle hash (a well-mixing 32-bit integer hash by Thomas Mueller).
_MASK32 = 0xFFFFFFFF
_MIX = 0x45D9F3B


class ContributionQuerySet(models.QuerySet["Contribution"]):
    def visible(self) -> ContributionQuerySet:
        """Contributions the public sees (hidden ones show a notice in their place)."""
        return self.filter(space__is_published=True)

    def overdue(self, today: datetime.date | None = None) -> ContributionQuerySet:
        """Not answered yet although the due date has passed (withdrawn ones excepted)."""
        today = today or timezone.localdate()
        return self.filter(
            first_answered_at__isnull=True, due_on__lt=today, withdrawn_at__isnull=True
        )

    def for_cards(self) -> ContributionQuerySet:
        """With what a list card or the CSV export shows, fetched in the same query."""
        return self.select_related("space", "neighbourhood", "author")

    def search(self, text: str) -> ContributionQuerySet:
        """Contributions whose title or text match `text` (hidden ones never match).

        On PostgreSQL: full-text search with French and English stemming (either matches),
        plus a plain substring match on the title for partial words. Elsewhere (SQLite): a
        case-insensitive substring match on the title and the text.
        See docs/decisions/0008-contribution-lists-random-order-and-search.md.
        """
        text = text.strip()
        if not text:
            return self
        visible = self.filter(hidden_at__isnull=True)
        if connections[self.db].vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchVector

            vector = (
                SearchVector("title", weight="A", config="french")
                + SearchVector("body", weight="B", config="french")
                + SearchVector("title", "body", config="english")
            )
            query = SearchQuery(text, config="french", search_type="websearch") | SearchQuery(
                text, config="english", search_type="websearch"
            )
            return visible.annotate(search_document=vector).filter(
                Q(search_document=query) | Q(title__icontains=text)
            )
        return visible.filter(Q(title__icontains=text) | Q(body__icontains=text))

    def shuffled(self, seed: int) -> ContributionQuerySet:
        """A random order that is the same for the same seed (so pages never overlap).

        The order is a 32-bit integer hash of (id, seed) computed in SQL with XOR, shifts
        and multiplications that stay below 2**63 on both SQLite and PostgreSQL.
        """
        key = ExpressionWrapper(
            F("id").bitxor(Value(seed & _MASK32)).bitand(Value(_MASK32)),
            output_field=BigIntegerField(),
        )
        for _round in range(2):
            key = ExpressionWrapper(
                (key.bitrightshift(16).bitxor(key) * Value(_MIX)).bitand(Value(_MASK32)),
                output_field=BigIntegerField(),
            )
        key = ExpressionWrapper(key.bitrightshift(16).bitxor(key), output_field=BigIntegerField())
        return self.alias(shuffle_key=key).order_by("shuffle_key", "id")


class Contribution(models.Model):
    space = models.ForeignKey(
        Space, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("space")
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ContributionKind.choices, default=ContributionKind.IDEA
    )
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("text"), help_text=_("Markdown: *emphasis*, lists, links."))
    body_html = models.TextField(_("text (rendered)"), editable=False)
    pillar = models.CharField(_("pillar"), max_length=20, choices=Pillar.choices)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("neighbourhood"),
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("author"),
    )
    # For a paper, phone or meeting contribution from someone without an account.
    author_name = models.CharField(_("author's name"), max_length=60, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("typed in by"),
    )
    image = models.ImageField(_("image"), upload_to="contributions/images/%Y/%m/", blank=True)
    image_alt = models.CharField(
        _("image description"),
        max_length=200,
        blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )
    attachment = models.FileField(
        _("attachment"), upload_to="contributions/files/%Y/%m/", blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    created_at = models.DateTimeField(_("submitted on"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)
    due_on = models.DateField(_("answer due by"))
    first_answered_at = models.DateTimeField(_("first answered on"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    # Counters kept by the services with F() updates, so lists sort without aggregating.
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    hidden_at = models.DateTimeField(_("hidden on"), null=True, blank=True)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [
            models.Index(fields=["space", "-created_at"], name="contribution_space_recent"),
            models.Index(fields=["space", "-support_count"], name="contribution_space_support"),
            models.Index(fields=["space", "due_on"], name="contribution_space_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(author__isnull=False) | ~Q(author_name="") | ~Q(channel="online"),
                name="online_contribution_has_author",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("contributions:detail", kwargs={"pk": self.pk})

    @property
    def author_display(self) -> str:
        """The public name of whoever proposed it; never an e-mail address."""
        if self.author_id:
            return self.author.public_name
        return self.author_name or str(_("Anonymous resident"))

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.first_answered_at is None and not self.is_withdrawn and self.due_on < today

    def days_left(self, today: datetime.date | None = None) -> int:
        return (self.due_on - (today or timezone.localdate())).days


class Support(models.Model):
    """One resident's support for a contribution: at most one each."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="supports"
    )
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports"
    )
    # The agent who recorded it with the resident present or on the phone (assisted).
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered with help from"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "resident"], name="one_support_per_resident"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resident_id} → {self.contribution_id}"


class Comment(models.Model):
    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    depth = models.PositiveSmallIntegerField(default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments"
    )
    stance = models.CharField(
        _("stance"), max_length=10, choices=Stance.choices, default=Stance.NEUTRAL
    )
    body = models.TextField(_("comment"))
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(_("written on"), default=timezone.now, db_index=True)
    hidden_at = models.DateTimeField(_("hidden on"), null=True, blank=True)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.author_id} on {self.contribution_id}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Report(models.Model):
    """A resident's report of a contribution or a comment to the moderators."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(contribution__isnull=False, comment__isnull=True)
                | Q(contribution__isnull=True, comment__isnull=False),
                name="report_targets_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return f"report {self.pk}"


class Follow(models.Model):
    """A resident following a contribution or a whole space, to be notified."""

    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=Q(contribution__isnull=False, space__isnull=True)
                | Q(contribution__isnull=True, space__isnull=False),
                name="follow_targets_one_thing",
            ),
            models.UniqueConstraint(
                fields=["resident", "contribution"],
                condition=Q(contribution__isnull=False),
                name="one_follow_per_contribution",
            ),
            models.UniqueConstraint(
                fields=["resident", "space"],
                condition=Q(space__isnull=False),
                name="one_follow_per_space",
            ),
        ]

    def __str__(self) -> str:
        return f"follow {self.pk}"
