"""The city's public datasets: spaces, contributions, comments, answers, decisions, commitments.

Each dataset holds exactly what the public web pages show: published spaces only, visible
(not hidden) contributions and comments; never a user id, e-mail address, demographics, nor
who supported or voted for what. Meetings, budgets, texts and wiki are in datasets_more.py.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commune.opendata.registry import Column, Dataset, pseudonym, public_name, site_url

_PLACEHOLDER = 987654321


def link(url_name: str, kwarg: str = "pk") -> Callable[[Any], str]:
    """A converter from a primary key (or slug) to the absolute address of its public page.

    The URL is reversed once with a placeholder, then filled in per row: reversing a million
    times would cost more than the whole export.
    """
    pattern: list[str] = []

    def convert(value: Any) -> str:
        if not pattern:
            placeholder = _PLACEHOLDER if kwarg == "pk" else "placeholder-slug-987654321"
            pattern.append(site_url(reverse(url_name, kwargs={kwarg: placeholder})))
            pattern.append(str(placeholder))
        return pattern[0].replace(pattern[1], str(value))

    return convert


def text_or_empty(value: str | None) -> str:
    return value or ""


def author_of(author_id: Any, display_name: Any, deleted_at: Any, typed_name: Any) -> str:
    """A contribution's author as its page shows them (typed-in name for paper entries)."""
    if author_id is not None:
        return public_name(display_name, deleted_at)
    return typed_name or str(_("Anonymous resident"))


def _id(description: Any = None) -> Column:
    return Column("id", "integer", description or _("Identifier, stable across exports."))


def _spaces() -> Any:
    from commune.spaces.models import Space

    return Space.objects.published()


def _contributions() -> Any:
    from commune.contributions.models import Contribution

    return Contribution.objects.visible().filter(hidden_at__isnull=True)


def _comments() -> Any:
    from commune.contributions.models import Comment

    return Comment.objects.filter(
        contribution__space__is_published=True,
        contribution__hidden_at__isnull=True,
        hidden_at__isnull=True,
    )


def _status_changes() -> Any:
    from commune.accountability.models import StatusChange

    return StatusChange.objects.filter(
        contribution__space__is_published=True, contribution__hidden_at__isnull=True
    )


def _decisions() -> Any:
    from commune.accountability.models import Decision

    return Decision.objects.filter(space__is_published=True)


def _commitments() -> Any:
    from commune.accountability.models import Commitment

    return Commitment.objects.filter(decision__space__is_published=True)


def commitment_status(progress: int, target_date: datetime.date) -> str:
    from commune.accountability.models import Commitment

    return str(Commitment(progress=progress, target_date=target_date).status())


SPACES = Dataset(
    name="spaces",
    title=_("Participation spaces"),
    description=_(
        "Councils, processes and working groups, with their rules of the game: the power "
        "given to residents, who may take part, what is at stake and the answer delay."
    ),
    queryset=_spaces,
    keywords=("participation", "conseil de quartier"),
    columns=(
        _id(),
        Column("kind", "string", _("Kind of space (neighbourhood_council, thematic_council…).")),
        Column("title", "string", _("Name of the space.")),
        Column("slug", "string", _("Short name used in its address.")),
        Column("summary", "string", _("One-line summary.")),
        Column("description", "string", _("Description (Markdown).")),
        Column(
            "neighbourhood",
            "string",
            _("Neighbourhood, empty for city-wide spaces."),
            "neighbourhood__name",
            text_or_empty,
        ),
        Column("power_level", "string", _("Level of power given to residents.")),
        Column("who_may_take_part", "string", _("Who may take part.")),
        Column("stakes", "string", _("What is at stake.")),
        Column("city_commitment", "string", _("What the city commits to do with the outcome.")),
        Column("answer_delay_days", "integer", _("Days the city has to answer a contribution.")),
        Column("opens_on", "date", _("Opening date.")),
        Column("closes_on", "date", _("Closing date, empty while open-ended.")),
        Column("url", "string", _("Address of its page."), "slug", link("spaces:detail", "slug")),
    ),
)

CONTRIBUTIONS = Dataset(
    name="contributions",
    title=_("Contributions"),
    description=_(
        "Ideas and proposals residents made online, on paper, by phone or at a meeting, with "
        "their status and answer dates. Hidden contributions are left out."
    ),
    queryset=_contributions,
    keywords=("participation", "propositions"),
    columns=(
        _id(),
        Column("space_id", "integer", _("Identifier of the space (see the spaces dataset).")),
        Column("kind", "string", _("idea or proposal.")),
        Column("title", "string", _("Title.")),
        Column("body", "string", _("Text (Markdown).")),
        Column("pillar", "string", _("Pillar: transparency, participation or co_production.")),
        Column(
            "neighbourhood",
            "string",
            _("Neighbourhood concerned, if any."),
            "neighbourhood__name",
            text_or_empty,
        ),
        Column("channel", "string", _("How it came in: online, paper, phone or meeting.")),
        Column(
            "author",
            "string",
            _("The name its author chose to show (never an e-mail address)."),
            ("author_id", "author__display_name", "author__deleted_at", "author_name"),
            author_of,
        ),
        Column("status", "string", _("Where its answer stands (received, accepted, done…).")),
        Column("created_at", "datetime", _("Submitted on (UTC).")),
        Column("due_on", "date", _("Date by which the city must answer.")),
        Column("first_answered_at", "datetime", _("First answer on (UTC), empty if none.")),
        Column("withdrawn_at", "datetime", _("Withdrawn by its author on (UTC).")),
        Column("support_count", "integer", _("Number of supports (never who supported).")),
        Column("comment_count", "integer", _("Number of comments.")),
        Column("url", "string", _("Address of its page."), "id", link("contributions:detail")),
    ),
)

COMMENTS = Dataset(
    name="comments",
    title=_("Comments on contributions"),
    description=_(
        "Residents' comments on contributions, threaded, with their stance. Authors are "
        "pseudonymised: the same author always has the same pseudonym, which cannot be "
        "traced back to an account. Hidden comments are left out."
    ),
    queryset=_comments,
    keywords=("participation", "commentaires"),
    columns=(
        _id(),
        Column("contribution_id", "integer", _("The contribution commented on.")),
        Column("parent_id", "integer", _("The comment answered, empty for a first-level one.")),
        Column(
            "author_pseudonym",
            "string",
            _("Pseudonym of the author, stable across comments and exports."),
            "author_id",
            pseudonym,
        ),
        Column(
            "author",
            "string",
            _("The name the author chose to show on the site."),
            ("author__display_name", "author__deleted_at"),
            public_name,
        ),
        Column("stance", "string", _("Stance: for, against or neutral.")),
        Column("body", "string", _("Text of the comment (Markdown).")),
        Column("created_at", "datetime", _("Written on (UTC).")),
    ),
)

STATUS_CHANGES = Dataset(
    name="answers",
    title=_("Answers and status changes"),
    description=_(
        "Each step of every contribution's public timeline: its new status, the city's "
        "answer and the service that signed it."
    ),
    queryset=_status_changes,
    keywords=("redevabilité", "réponses"),
    columns=(
        _id(),
        Column("contribution_id", "integer", _("The contribution answered.")),
        Column("status", "string", _("New status.")),
        Column("answer", "string", _("The city's answer (Markdown).")),
        Column(
            "service",
            "string",
            _("The city service that signed the answer."),
            "service__name",
            text_or_empty,
        ),
        Column("created_at", "datetime", _("Date of the change (UTC).")),
    ),
)

DECISIONS = Dataset(
    name="decisions",
    title=_("Decisions"),
    description=_(
        "Acts of the councils and of the city, with the meeting they were taken at. They are "
        "also published in the national SCDL format for deliberations."
    ),
    queryset=_decisions,
    keywords=("délibérations", "décisions"),
    columns=(
        _id(),
        Column("space_id", "integer", _("The space the decision belongs to.")),
        Column("title", "string", _("Title.")),
        Column("body", "string", _("Text (Markdown).")),
        Column("decided_by", "string", _("Who decided (e.g. the municipal council).")),
        Column("decided_on", "date", _("Date of the decision.")),
        Column("act_url", "string", _("Link to the official act.")),
        Column("meeting_id", "integer", _("The meeting where it was taken, if any.")),
        Column("url", "string", _("Address of its page."), "id", link("accountability:decision")),
    ),
)

COMMITMENTS = Dataset(
    name="commitments",
    title=_("Commitments"),
    description=_("What the city committed to do after each decision, and its progress."),
    queryset=_commitments,
    keywords=("redevabilité", "engagements"),
    columns=(
        _id(),
        Column("decision_id", "integer", _("The decision it comes from.")),
        Column("title", "string", _("What the city committed to.")),
        Column("service", "string", _("The city service in charge."), "owner_service__name"),
        Column("target_date", "date", _("Target date.")),
        Column("progress", "integer", _("Progress, in percent.")),
        Column(
            "status",
            "string",
            _("planned, in_progress, late or done (on the day of the export)."),
            ("progress", "target_date"),
            commitment_status,
        ),
    ),
)

DATASETS = (SPACES, CONTRIBUTIONS, COMMENTS, STATUS_CHANGES, DECISIONS, COMMITMENTS)
