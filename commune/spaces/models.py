"""Spaces (councils, processes, working groups), their rules of the game and phases."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.accounts.models import Verification
from commune.territory.models import Neighbourhood


class SpaceKind(models.TextChoices):
    NEIGHBOURHOOD_COUNCIL = "neighbourhood_council", _("Neighbourhood council")
    THEMATIC_COUNCIL = "thematic_council", _("Thematic council")
    PROCESS = "process", _("Process")
    WORKING_GROUP = "working_group", _("Working group")


class PowerLevel(models.TextChoices):
    """The rung of the participation ladder the city grants residents in a space."""

    INFORMATION = "information", _("Information")
    CONSULTATION = "consultation", _("Consultation")
    CONCERTATION = "concertation", _("Concertation")
    CO_CONSTRUCTION = "co_construction", _("Co-construction")
    CO_DECISION = "co_decision", _("Co-decision")


POWER_LEVEL_EXPLANATIONS = {
    PowerLevel.INFORMATION: _("The city informs residents; there is nothing to decide here."),
    PowerLevel.CONSULTATION: _(
        "The city asks for residents' opinions before deciding, and says what it did with them."
    ),
    PowerLevel.CONCERTATION: _(
        "Residents and the city discuss the options together; the city decides."
    ),
    PowerLevel.CO_CONSTRUCTION: _(
        "Residents and the city build the proposal together; the city adopts it."
    ),
    PowerLevel.CO_DECISION: _("Residents decide, and the city carries out their decision."),
}


class SpaceStatus(models.TextChoices):
    OPEN = "open", _("Open")
    UPCOMING = "upcoming", _("Upcoming")
    CLOSED = "closed", _("Closed")


class Component(models.TextChoices):
    """The tools a space can switch on; each one is built by its own app."""

    CONTRIBUTIONS = "contributions", _("Ideas and proposals")
    MEETINGS = "meetings", _("Meetings")
    BUDGET = "budget", _("Participatory budget")
    TEXTS = "texts", _("Collaborative texts")
    DEBATES = "debates", _("Debates")
    PROJECTS = "projects", _("Project office")
    DOCUMENTS = "documents", _("Documents")
    WIKI = "wiki", _("Wiki")


class SpaceQuerySet(models.QuerySet["Space"]):
    def published(self) -> SpaceQuerySet:
        return self.filter(is_published=True)

    def with_status(self, status: str, today: datetime.date | None = None) -> SpaceQuerySet:
        """Spaces open, upcoming or closed on `today` (the city's date by default)."""
        today = today or timezone.localdate()
        if status == SpaceStatus.UPCOMING:
            return self.filter(opens_on__gt=today)
        if status == SpaceStatus.CLOSED:
            return self.filter(closes_on__lt=today)
        if status == SpaceStatus.OPEN:
            return self.filter(
                Q(closes_on__isnull=True) | Q(closes_on__gte=today), opens_on__lte=today
            )
        raise ValueError(f"Unknown space status: {status!r}")


class Space(models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=SpaceKind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spaces",
        verbose_name=_("neighbourhood"),
        help_text=_("Required for a neighbourhood council; leave empty for a city-wide space."),
    )
    # The rules of the game, published at the top of the space's page.
    power_level = models.CharField(
        _("power given to residents"), max_length=20, choices=PowerLevel.choices
    )
    who_may_take_part = models.TextField(_("who may take part"))
    stakes = models.TextField(_("what is at stake"))
    city_commitment = models.TextField(_("what the city commits to do with the outcome"))
    answer_delay_days = models.PositiveSmallIntegerField(
        _("answer delay (days)"),
        default=30,
        help_text=_("Number of days within which the city answers each contribution."),
    )
    support_verification = models.CharField(
        _("verification needed to support"),
        max_length=20,
        choices=Verification.choices,
        default=Verification.EMAIL,
        help_text=_("The level a resident needs to support a contribution in this space."),
    )
    components = models.JSONField(
        _("components"),
        default=list,
        blank=True,
        help_text=_("Tools enabled in this space."),
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(
        _("closes on"), null=True, blank=True, help_text=_("Leave empty for a permanent council.")
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)

    objects = SpaceQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(closes_on__gte=models.F("opens_on")),
                name="space_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=~Q(kind="neighbourhood_council") | Q(neighbourhood__isnull=False),
                name="neighbourhood_council_has_neighbourhood",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("spaces:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.kind == SpaceKind.NEIGHBOURHOOD_COUNCIL and not self.neighbourhood_id:
            raise ValidationError(
                {"neighbourhood": _("A neighbourhood council belongs to a neighbourhood.")}
            )
        if self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("A space cannot close before it opens.")})
        unknown = set(self.components or []) - set(Component.values)
        if unknown:
            raise ValidationError(
                {
                    "components": _("Unknown components: %(names)s.")
                    % {"names": ", ".join(sorted(unknown))}
                }
            )

    def status(self, today: datetime.date | None = None) -> SpaceStatus:
        today = today or timezone.localdate()
        if self.opens_on > today:
            return SpaceStatus.UPCOMING
        if self.closes_on and self.closes_on < today:
            return SpaceStatus.CLOSED
        return SpaceStatus.OPEN

    def enabled_components(self) -> list[Component]:
        """The enabled tools, in the canonical order, ignoring unknown names."""
        enabled = set(self.components or [])
        return [component for component in Component if component.value in enabled]

    def power_level_explanation(self) -> str:
        return str(POWER_LEVEL_EXPLANATIONS[PowerLevel(self.power_level)])


class Phase(models.Model):
    """A dated step of a space (e.g. proposals, then the vote, then the results)."""

    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, related_name="phases", verbose_name=_("space")
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["space", "starts_on", "id"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="phase_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.space} — {self.title}"

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A phase cannot end before it starts.")})

    def is_current(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today <= self.ends_on

    def is_past(self, today: datetime.date | None = None) -> bool:
        return self.ends_on < (today or timezone.localdate())


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    FACILITATOR = "facilitator", _("Facilitator")


class Membership(models.Model):
    """A resident's membership of a working group: they set its agenda and follow its work."""

    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("space")
    )
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("resident"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    # Names are shown (on the page and in the open data) only when the member says so.
    listed_publicly = models.BooleanField(_("name shown publicly"), default=False)
    joined_at = models.DateTimeField(_("joined on"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["space", "resident"], name="one_membership_per_space")
        ]

    def __str__(self) -> str:
        return f"{self.resident} — {self.space}"
