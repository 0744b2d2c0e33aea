"""Participatory budgets of a space: projects, the roll of who voted, and the ballot box.

The roll (`RollEntry`, who voted) and the ballot box (`Ballot`, what was voted) are two
tables with no column in common: a ballot holds no voter, no timestamp and no sequential
id. How a resident can still replace their own ballot is explained in services.py and in
docs/decisions/0009-participatory-budgets.md.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.accounts.models import CityService, Verification
from commune.spaces.models import Space
from commune.territory.models import Neighbourhood


class BallotKind(models.TextChoices):
    APPROVAL = "approval", _("Approval within the budget")
    K_APPROVAL = "k_approval", _("Approval of a limited number of projects")
    CUMULATIVE = "cumulative", _("Cumulative points")


class Rule(models.TextChoices):
    """The vote rules of the core (commune.budgets.rules.RULES), by their names there."""

    GREEDY = "greedy", _("Most votes first, skipping what no longer fits")
    GREEDY_NO_SKIP = (
        "greedy-no-skip",
        _("Most votes first, stopping at the first that does not fit"),
    )
    GREEDY_THRESHOLD = "greedy-threshold", _("Most votes first, above a minimum of votes")
    MES = "mes", _("Method of Equal Shares")
    MES_ADD1 = "mes-add1", _("Method of Equal Shares, completed by raising shares (pabutools)")
    MES_ADD1_GREEDY = (
        "mes-add1-greedy",
        _("Method of Equal Shares, completed by raising shares, then by most votes"),
    )
    EQUAL_SHARES = "equal-shares", _("Method of Equal Shares as cities run it (equalshares.net)")
    PHRAGMEN = "phragmen", _("Sequential Phragmén")


# What each rule does, in plain words, for the staff who choose it and the residents who
# vote under it (shown on the budget's page and in the back office).
RULE_EXPLANATIONS = {
    Rule.GREEDY: _(
        "Projects are taken from the most voted down; a project that no longer fits in what "
        "remains is skipped and the next one is tried. Simple, and what most cities use, but "
        "a majority can take the whole budget."
    ),
    Rule.GREEDY_NO_SKIP: _(
        "Projects are taken from the most voted down, and the count stops at the first "
        "project that does not fit in what remains."
    ),
    Rule.GREEDY_THRESHOLD: _(
        "Like the most-voted rule, but projects with fewer votes than the minimum set for "
        "this budget are never funded."
    ),
    Rule.MES: _(
        "The budget is split into equal shares, one per voter. A project is funded when its "
        "voters can pay for it together from their shares, cheapest per voter first. Every "
        "group of voters gets projects in proportion to its size; some money may be left."
    ),
    Rule.MES_ADD1: _(
        "The Method of Equal Shares, then, while money is left, every voter's share is raised "
        "by one unit and the count is run again, until a project no longer fits (the variant "
        "of the pabutools library)."
    ),
    Rule.MES_ADD1_GREEDY: _(
        "The Method of Equal Shares completed by raising the shares, then what is left goes "
        "to the most voted projects that still fit."
    ),
    Rule.EQUAL_SHARES: _(
        "The Method of Equal Shares as Wieliczka, Świecie or Assen ran it: every voter's share "
        "is raised one unit at a time as long as the outcome still costs at most the budget, "
        "and the last such outcome is kept."
    ),
    Rule.PHRAGMEN: _(
        "Voters earn money continuously; a project is funded as soon as its voters together "
        "have earned its cost, which spreads the funded projects fairly among voters."
    ),
}
GREEDY_RULES = {Rule.GREEDY, Rule.GREEDY_NO_SKIP, Rule.GREEDY_THRESHOLD}


class BudgetPhase(models.TextChoices):
    UPCOMING = "upcoming", _("Not open yet")
    SUBMISSION = "submission", _("Project submission")
    REVIEW = "review", _("Feasibility review")
    VOTE = "vote", _("Vote")
    COUNTING = "counting", _("Vote over, results to come")
    RESULTS = "results", _("Results")
    FOLLOW_UP = "follow_up", _("Follow-up")


class BudgetQuerySet(models.QuerySet["Budget"]):
    def visible(self) -> BudgetQuerySet:
        """Budgets of published spaces."""
        return self.filter(space__is_published=True)


class Budget(models.Model):
    """An amount a space's residents allocate to projects they propose and vote for."""

    space = models.ForeignKey(
        Space, on_delete=models.PROTECT, related_name="budgets", verbose_name=_("space")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    amount = models.PositiveBigIntegerField(_("amount (€)"))
    submission_opens_on = models.DateField(_("project submission opens on"))
    submission_closes_on = models.DateField(_("project submission closes on"))
    review_closes_on = models.DateField(_("feasibility review ends on"))
    vote_opens_on = models.DateField(_("vote opens on"))
    vote_closes_on = models.DateField(
        _("vote closes on"), help_text=_("Residents vote until the end of this day.")
    )
    results_on = models.DateField(_("results published on"))
    follow_up_until = models.DateField(
        _("follow-up until"),
        null=True,
        blank=True,
        help_text=_("When the funded projects should be done."),
    )
    ballot_kind = models.CharField(
        _("ballot"), max_length=20, choices=BallotKind.choices, default=BallotKind.APPROVAL
    )
    max_choices = models.PositiveSmallIntegerField(
        _("projects per ballot"),
        null=True,
        blank=True,
        help_text=_("For a ballot with a limited number of projects: how many at most."),
    )
    points = models.PositiveSmallIntegerField(
        _("points per voter"),
        null=True,
        blank=True,
        help_text=_("For cumulative points: how many points each voter shares out."),
    )
    rule = models.CharField(_("vote rule"), max_length=30, choices=Rule.choices)
    min_votes = models.PositiveIntegerField(
        _("minimum of votes"),
        default=0,
        help_text=_("For the rule with a minimum: projects with fewer votes are not funded."),
    )
    verification_required = models.CharField(
        _("verification needed to vote"),
        max_length=20,
        choices=Verification.choices,
        default=Verification.EMAIL,
    )
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"),
        default=16,
        help_text=_(
            "Commune stores no birth date: voters declare that they are at least this old "
            "when they vote. 0 for no minimum."
        ),
    )
    residents_only = models.BooleanField(
        _("only residents of the neighbourhood vote"),
        default=True,
        help_text=_("For a neighbourhood's budget: the voter's neighbourhood must be this one."),
    )
    follow_up_service = models.ForeignKey(
        CityService,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budgets",
        verbose_name=_("service in charge of the funded projects"),
        help_text=_("Funded projects become commitments of this service when the vote closes."),
    )
    vote_closed_at = models.DateTimeField(_("vote closed on"), null=True, blank=True)
    # The outcome as computed when the vote closed (see services.compute_results).
    results = models.JSONField(_("results"), null=True, blank=True, editable=False)
    decision = models.ForeignKey(
        "accountability.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision"),
        editable=False,
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)

    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = ["-vote_opens_on", "title", "id"]
        verbose_name = _("participatory budget")
        verbose_name_plural = _("participatory budgets")
        constraints = [
            models.CheckConstraint(
                condition=Q(submission_closes_on__gte=F("submission_opens_on"))
                & Q(review_closes_on__gte=F("submission_closes_on"))
                & Q(vote_opens_on__gt=F("review_closes_on"))
                & Q(vote_closes_on__gte=F("vote_opens_on"))
                & Q(results_on__gte=F("vote_closes_on")),
                name="budget_phases_in_order",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="budget_amount_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budgets:detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors: dict[str, list] = {}
        order = [
            ("submission_closes_on", "submission_opens_on", False),
            ("review_closes_on", "submission_closes_on", False),
            ("vote_opens_on", "review_closes_on", True),
            ("vote_closes_on", "vote_opens_on", False),
            ("results_on", "vote_closes_on", False),
        ]
        for later, earlier, strict in order:
            a, b = getattr(self, later), getattr(self, earlier)
            if a and b and (a <= b if strict else a < b):
                errors.setdefault(later, []).append(
                    _("The phases must follow one another: this date comes too early.")
                )
        if self.ballot_kind == BallotKind.K_APPROVAL and not self.max_choices:
            errors.setdefault("max_choices", []).append(
                _("Say how many projects a ballot may hold.")
            )
        if self.ballot_kind == BallotKind.CUMULATIVE:
            if not self.points:
                errors.setdefault("points", []).append(
                    _("Say how many points each voter shares out.")
                )
            if self.rule and self.rule not in GREEDY_RULES:
                errors.setdefault("rule", []).append(
                    _(
                        "With cumulative points, projects are funded by points received: "
                        "choose one of the most-votes rules."
                    )
                )
        if self.rule == Rule.GREEDY_THRESHOLD and not self.min_votes:
            errors.setdefault("min_votes", []).append(
                _("Set the minimum of votes this rule asks for.")
            )
        if errors:
            raise ValidationError(errors)

    def phase(self, today: datetime.date | None = None) -> BudgetPhase:
        """Where the budget stands today (the city's date by default)."""
        today = today or timezone.localdate()
        if self.vote_closed_at is not None:
            if self.follow_up_until and today > self.results_on:
                return BudgetPhase.FOLLOW_UP
            return BudgetPhase.RESULTS
        if today < self.submission_opens_on:
            return BudgetPhase.UPCOMING
        if today <= self.submission_closes_on:
            return BudgetPhase.SUBMISSION
        if today < self.vote_opens_on:
            return BudgetPhase.REVIEW
        if today <= self.vote_closes_on:
            return BudgetPhase.VOTE
        return BudgetPhase.COUNTING

    @property
    def is_vote_open(self) -> bool:
        return self.phase() == BudgetPhase.VOTE

    @property
    def is_closed(self) -> bool:
        return self.vote_closed_at is not None

    def rule_explanation(self) -> str:
        return str(RULE_EXPLANATIONS[Rule(self.rule)])

    def timeline(self) -> list[tuple[str, datetime.date, datetime.date | None]]:
        """The five phases with their dates, for the budget's page."""
        return [
            (
                str(BudgetPhase.SUBMISSION.label),
                self.submission_opens_on,
                self.submission_closes_on,
            ),
            (
                str(BudgetPhase.REVIEW.label),
                self.submission_closes_on + datetime.timedelta(days=1),
                self.review_closes_on,
            ),
            (str(BudgetPhase.VOTE.label), self.vote_opens_on, self.vote_closes_on),
            (str(BudgetPhase.RESULTS.label), self.results_on, None),
            (str(BudgetPhase.FOLLOW_UP.label), self.results_on, self.follow_up_until),
        ]


class ProjectStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Under review")
    ELIGIBLE = "eligible", _("Feasible: goes to the vote")
    NOT_FEASIBLE = "not_feasible", _("Not feasible")


class ProjectQuerySet(models.QuerySet["Project"]):
    def eligible(self) -> ProjectQuerySet:
        return self.filter(status=ProjectStatus.ELIGIBLE)


class Project(models.Model):
    """A project residents propose for a budget, reviewed by the city's services."""

    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="projects", verbose_name=_("budget")
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"))
    description_html = models.TextField(editable=False, blank=True)
    estimated_cost = models.PositiveBigIntegerField(_("estimated cost (€)"))
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_projects",
        verbose_name=_("neighbourhood"),
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    contribution = models.ForeignKey(
        "contributions.Contribution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_projects",
        verbose_name=_("the contribution it comes from"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_projects",
        verbose_name=_("proposed by"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.SUBMITTED
    )
    # The feasibility review, published on the project's page.
    review_reason = models.TextField(_("reason of the review"), blank=True)
    revised_cost = models.PositiveBigIntegerField(_("cost after review (€)"), null=True, blank=True)
    review_service = models.ForeignKey(
        CityService,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewing service"),
    )
    reviewed_at = models.DateTimeField(_("reviewed on"), null=True, blank=True)
    commitment = models.OneToOneField(
        "accountability.Commitment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_project",
        verbose_name=_("commitment"),
    )
    created_at = models.DateTimeField(_("created on"), default=timezone.now)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["budget", "title", "id"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="eligible") | ~Q(review_reason=""),
                name="budget_project_review_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budgets:project", kwargs={"pk": self.budget_id, "project_pk": self.pk})

    @property
    def cost(self) -> int:
        """The cost that counts: the one after the review, or else the estimate."""
        return self.revised_cost if self.revised_cost is not None else self.estimated_cost

    @property
    def first_image(self) -> ProjectImage | None:
        """The image a card shows; reads the prefetched images when the list prefetched them."""
        images = list(self.images.all())
        return images[0] if images else None


# A project's gallery holds at most this many images: enough to show a place before and after.
MAX_PROJECT_IMAGES = 5
IMAGE_ALT_MAX_LENGTH = 250


class ProjectImage(models.Model):
    """One image of a project's gallery, with the description read to people who cannot see it."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="images", verbose_name=_("project")
    )
    image = models.ImageField(_("image"), upload_to="budgets/images/%Y/%m/")
    alt_text = models.CharField(_("image description"), max_length=IMAGE_ALT_MAX_LENGTH)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["project", "position", "id"]
        verbose_name = _("project image")
        verbose_name_plural = _("project images")

    def __str__(self) -> str:
        return self.alt_text


class RollChannel(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper ballot, in person")
    # Typed in by an agent as the resident said it, at the desk or on the phone.
    ASSISTED = "assisted", _("With help from a city agent")


class RollEntry(models.Model):
    """One resident who voted in a budget (never what they voted)."""

    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="roll", verbose_name=_("budget")
    )
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="budget_roll_entries",
        verbose_name=_("resident"),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=RollChannel.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("roll entry")
        verbose_name_plural = _("roll")
        constraints = [
            models.UniqueConstraint(fields=["budget", "resident"], name="one_roll_entry_per_voter"),
        ]

    def __str__(self) -> str:
        return f"{self.resident} — {self.budget}"


class Ballot(models.Model):
    """One ballot in the box: the projects chosen (and points), and nothing about the voter.

    The key is a random UUID, so neither ids nor a timestamp give away the order ballots
    came in. `token_hash` lets an online voter replace their own ballot during the vote (a
    keyed hash of the budget and the resident); it is erased when the vote closes. Paper
    ballots have none: they cannot be changed.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("budget")
    )
    # [[project id, points], …] sorted by project id; points are 1 on approval ballots.
    choices = models.JSONField(_("choices"))
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(_("Ballot %(id)s") % {"id": str(self.id)[:8]})
