"""The city's public datasets about meetings, participatory budgets, texts and wiki pages.

Same rules as datasets.py: what the public pages show, and nobody's personal data — no
registrations or attendance lists (only counts), no roll of voters, no ballots here (the
anonymous ballots are the Pabulib files), no supporters of anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commune.opendata.datasets import _id, link, text_or_empty
from commune.opendata.registry import Column, Dataset, public_name, site_url


def _meetings() -> Any:
    from commune.meetings.models import Meeting

    return Meeting.objects.visible()


def _attendance() -> Any:
    from commune.meetings.models import AttendanceChannel

    def channel(value: str) -> Count:
        return Count("attendances", filter=Q(attendances__channel=value))

    return _meetings().annotate(
        attendance_total=Count("attendances"),
        attendance_online=channel(AttendanceChannel.REGISTERED_ONLINE),
        attendance_walk_in=channel(AttendanceChannel.WALK_IN),
        attendance_paper=channel(AttendanceChannel.PAPER),
    )


def _agenda_items() -> Any:
    from commune.meetings.models import AgendaItem

    return AgendaItem.objects.filter(meeting__space__is_published=True)


def _room_votes() -> Any:
    from commune.meetings.models import RoomVote

    return RoomVote.objects.filter(meeting__space__is_published=True)


def _minutes() -> Any:
    from commune.meetings.models import Minutes

    return Minutes.objects.filter(meeting__space__is_published=True)


def _budgets() -> Any:
    from commune.budgets.models import Budget

    return Budget.objects.visible()


def _projects() -> Any:
    from commune.budgets.models import Project

    return Project.objects.filter(budget__space__is_published=True)


def _result_rows() -> Iterator[tuple[Any, ...]]:
    """Each project's outcome, for budgets whose vote is closed (results published)."""
    budgets = _budgets().filter(vote_closed_at__isnull=False, results__isnull=False)
    for budget_id, results in budgets.order_by("id").values_list("id", "results").iterator():
        for row in results["projects"]:
            yield (
                budget_id,
                row["id"],
                row["title"],
                row["cost"],
                row["votes"],
                row["points"],
                bool(row["funded"]),
                row["order"],
                str(results["rule"]),
            )


def _paragraphs() -> Any:
    from commune.texts.models import Paragraph

    return Paragraph.objects.filter(section__version__text__space__is_published=True)


def _amendments() -> Any:
    from commune.texts.models import Amendment

    return Amendment.objects.filter(text__space__is_published=True)


def _wiki_pages() -> Any:
    from commune.wiki.models import WikiPage

    return WikiPage.objects.visible().filter(current_revision__isnull=False)


def vote_result(votes_for: int, votes_against: int) -> str:
    from commune.meetings.models import vote_result as result

    return str(result(votes_for, votes_against))


def wiki_url(space_slug: str, page_slug: str) -> str:
    return site_url(reverse("wiki:page", kwargs={"space_slug": space_slug, "page_slug": page_slug}))


def paragraph_reference(section: int, paragraph: int) -> str:
    return f"§{section}.{paragraph}"


MEETINGS = Dataset(
    name="meetings",
    title=_("Meetings"),
    description=_(
        "General assemblies, workshops and working-group sessions: when, where, and their "
        "access information. Also as iCalendar and Popolo JSON."
    ),
    queryset=_meetings,
    keywords=("réunions", "agenda"),
    columns=(
        _id(),
        Column("space_id", "integer", _("The space holding it.")),
        Column("kind", "string", _("general_assembly, workshop or working_group.")),
        Column("title", "string", _("Title.")),
        Column("description", "string", _("Description.")),
        Column("starts_at", "datetime", _("Start (UTC).")),
        Column("ends_at", "datetime", _("End (UTC).")),
        Column("place_name", "string", _("Place.")),
        Column("address", "string", _("Address.")),
        Column("online_url", "string", _("Link to join online.")),
        Column("step_free_access", "boolean", _("Step-free access.")),
        Column("hearing_loop", "boolean", _("Hearing loop.")),
        Column("childcare", "boolean", _("Childcare.")),
        Column("sign_language", "boolean", _("Sign-language interpreting.")),
        Column("capacity", "integer", _("Places, empty when unlimited.")),
        Column("cancelled_at", "datetime", _("Cancelled on (UTC), empty if held.")),
        Column("url", "string", _("Address of its page."), "id", link("meetings:detail")),
    ),
)

ATTENDANCE = Dataset(
    name="attendance",
    title=_("Attendance counts"),
    description=_(
        "How many people attended each meeting, by how they were counted. Counts only: "
        "nobody's name or presence is published."
    ),
    queryset=_attendance,
    keywords=("réunions", "participation"),
    columns=(
        Column("meeting_id", "integer", _("The meeting."), "id"),
        Column("total", "integer", _("People present."), "attendance_total"),
        Column("registered_online", "integer", _("Registered online."), "attendance_online"),
        Column("walk_in", "integer", _("Came without registering."), "attendance_walk_in"),
        Column("paper", "integer", _("Signed the paper sheet."), "attendance_paper"),
    ),
    primary_key=("meeting_id",),
)

AGENDA_ITEMS = Dataset(
    name="agenda_items",
    title=_("Agenda items"),
    description=_(
        "Items proposed for meetings' agendas, by residents or the city, with their "
        "supports and what the organiser did with them (and why)."
    ),
    queryset=_agenda_items,
    keywords=("réunions", "ordre du jour"),
    columns=(
        _id(),
        Column("meeting_id", "integer", _("The meeting.")),
        Column("title", "string", _("Title.")),
        Column("description", "string", _("Description.")),
        Column("set_by_the_city", "boolean", _("Set by the city."), "is_fixed"),
        Column("status", "string", _("proposed, kept, merged or set_aside.")),
        Column("merged_into_id", "integer", _("The item it was merged into.")),
        Column("reason", "string", _("The organiser's public reason.")),
        Column("support_count", "integer", _("Number of supports.")),
        Column("created_at", "datetime", _("Proposed on (UTC).")),
    ),
)

ROOM_VOTES = Dataset(
    name="room_votes",
    title=_("Votes held in meetings"),
    description=_("Motions voted in the room, with the counts for, against and abstaining."),
    queryset=_room_votes,
    keywords=("réunions", "votes"),
    columns=(
        _id(),
        Column("meeting_id", "integer", _("The meeting.")),
        Column("motion", "string", _("The motion.")),
        Column("votes_for", "integer", _("Votes for.")),
        Column("votes_against", "integer", _("Votes against.")),
        Column("abstentions", "integer", _("Abstentions.")),
        Column(
            "result",
            "string",
            _("adopted or rejected (more for than against adopts)."),
            ("votes_for", "votes_against"),
            vote_result,
        ),
        Column("decision_id", "integer", _("The decision it led to, if any.")),
    ),
)

MINUTES = Dataset(
    name="minutes",
    title=_("Minutes of meetings"),
    description=_("The published record of each meeting (Markdown)."),
    queryset=_minutes,
    keywords=("réunions", "comptes rendus"),
    columns=(
        Column("meeting_id", "integer", _("The meeting.")),
        Column("body", "string", _("The minutes (Markdown).")),
        Column("published_at", "datetime", _("Published on (UTC).")),
        Column("corrected_at", "datetime", _("Last corrected on (UTC).")),
    ),
    primary_key=("meeting_id",),
)

BUDGETS = Dataset(
    name="budgets",
    title=_("Participatory budgets"),
    description=_("Each participatory budget: amount, phases, ballot and vote rule."),
    queryset=_budgets,
    keywords=("budget participatif",),
    columns=(
        _id(),
        Column("space_id", "integer", _("The space holding it.")),
        Column("title", "string", _("Title.")),
        Column("amount", "integer", _("Amount to allocate (€).")),
        Column("submission_opens_on", "date", _("Project submission opens on.")),
        Column("vote_opens_on", "date", _("Vote opens on.")),
        Column("vote_closes_on", "date", _("Vote closes on.")),
        Column("results_on", "date", _("Results published on.")),
        Column("ballot_kind", "string", _("approval, k_approval or cumulative.")),
        Column("rule", "string", _("Vote rule deciding what is funded.")),
        Column("vote_closed_at", "datetime", _("Vote closed on (UTC).")),
        Column("url", "string", _("Address of its page."), "id", link("budgets:detail")),
    ),
)

BUDGET_PROJECTS = Dataset(
    name="budget_projects",
    title=_("Participatory budget projects"),
    description=_("Projects residents proposed, with the city's published feasibility review."),
    queryset=_projects,
    keywords=("budget participatif", "projets"),
    columns=(
        _id(),
        Column("budget_id", "integer", _("The budget.")),
        Column("title", "string", _("Title.")),
        Column("description", "string", _("Description (Markdown).")),
        Column("estimated_cost", "integer", _("Estimated cost (€).")),
        Column(
            "neighbourhood", "string", _("Neighbourhood."), "neighbourhood__name", text_or_empty
        ),
        Column("location", "string", _("Place.")),
        Column("status", "string", _("submitted, eligible or not_feasible.")),
        Column("review_reason", "string", _("Reason given by the review.")),
        Column("revised_cost", "integer", _("Cost after review (€).")),
        Column("created_at", "datetime", _("Proposed on (UTC).")),
    ),
)

BUDGET_RESULTS = Dataset(
    name="budget_results",
    title=_("Participatory budget results"),
    description=_(
        "Each project's votes and whether it was funded, once the vote is closed. The "
        "anonymous ballots are published as Pabulib files anyone can recount."
    ),
    rows=_result_rows,
    keywords=("budget participatif", "résultats"),
    primary_key=("budget_id", "project_id"),
    columns=(
        Column("budget_id", "integer", _("The budget.")),
        Column("project_id", "integer", _("The project.")),
        Column("title", "string", _("Title of the project.")),
        Column("cost", "integer", _("Cost counted (€).")),
        Column("votes", "integer", _("Ballots choosing it.")),
        Column("points", "integer", _("Points received (cumulative ballots).")),
        Column("funded", "boolean", _("Funded.")),
        Column("funded_order", "integer", _("Order in which the rule funded it.")),
        Column("rule", "string", _("Vote rule applied.")),
    ),
)

TEXTS = Dataset(
    name="texts",
    title=_("Collaborative texts"),
    description=_(
        "Every paragraph of every published version of the collaborative texts (the "
        "charter…), numbered §section.paragraph as on the site."
    ),
    queryset=_paragraphs,
    keywords=("textes", "charte"),
    columns=(
        Column("paragraph_id", "integer", _("Identifier of the paragraph."), "id"),
        Column("text_id", "integer", _("The text."), "section__version__text_id"),
        Column("text_title", "string", _("Title of the text."), "section__version__text__title"),
        Column("version", "integer", _("Version number."), "section__version__number"),
        Column(
            "is_synthesis",
            "boolean",
            _("This version is a synthesis."),
            "section__version__is_synthesis",
        ),
        Column("section_title", "string", _("Heading of the section."), "section__title"),
        Column(
            "reference",
            "string",
            _("Reference §section.paragraph."),
            ("section__number", "number"),
            paragraph_reference,
        ),
        Column("body", "string", _("Text of the paragraph (Markdown).")),
    ),
    primary_key=("paragraph_id",),
)

AMENDMENTS = Dataset(
    name="amendments",
    title=_("Amendments"),
    description=_(
        "Amendments proposed to the texts, with their justification, the moderator's "
        "decision and its public reason (supports and oppositions are not named)."
    ),
    queryset=_amendments,
    keywords=("textes", "amendements"),
    columns=(
        _id(),
        Column("text_id", "integer", _("The text.")),
        Column("paragraph_id", "integer", _("The paragraph amended.")),
        Column("kind", "string", _("edit, add_after or delete.")),
        Column("original_body", "string", _("The paragraph when it was written.")),
        Column("proposed_body", "string", _("The proposed text.")),
        Column("justification", "string", _("Justification.")),
        Column(
            "author",
            "string",
            _("The name its author chose to show."),
            ("author__display_name", "author__deleted_at"),
            public_name,
        ),
        Column("status", "string", _("pending, accepted, merged or rejected.")),
        Column("decision_reason", "string", _("Public reason of the decision.")),
        Column("decided_at", "datetime", _("Decided on (UTC).")),
        Column("created_at", "datetime", _("Proposed on (UTC).")),
    ),
)

WIKI_PAGES = Dataset(
    name="wiki_pages",
    title=_("Wiki pages"),
    description=_("The current revision of every wiki page of the published spaces."),
    queryset=_wiki_pages,
    keywords=("wiki",),
    columns=(
        _id(),
        Column("space_id", "integer", _("The space.")),
        Column("title", "string", _("Title.")),
        Column(
            "revision", "integer", _("Number of the current revision."), "current_revision__number"
        ),
        Column("body", "string", _("Text (Markdown)."), "current_revision__body", text_or_empty),
        Column(
            "updated_at", "datetime", _("Last edited on (UTC)."), "current_revision__created_at"
        ),
        Column("locked", "boolean", _("Locked by a moderator."), "is_locked"),
        Column("url", "string", _("Address of its page."), ("space__slug", "slug"), wiki_url),
    ),
)

DATASETS = (
    MEETINGS,
    ATTENDANCE,
    AGENDA_ITEMS,
    ROOM_VOTES,
    MINUTES,
    BUDGETS,
    BUDGET_PROJECTS,
    BUDGET_RESULTS,
    TEXTS,
    AMENDMENTS,
    WIKI_PAGES,
)
