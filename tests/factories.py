"""factory_boy factories shared by the whole suite (keep the names stable: other apps use them)."""

from __future__ import annotations

import datetime
from typing import Any

import factory
from django.utils import timezone
from django.utils.text import slugify

from commune.accounts.models import CityService, Demographics, Resident, Role, Verification
from commune.accounts.services import set_role
from commune.core.markup import render_markdown
from commune.spaces.models import Phase, PowerLevel, Space, SpaceKind
from commune.territory.models import City, Neighbourhood

RESIDENT_PASSWORD = "correct horse battery staple 42"


def days_from_today(offset: int) -> datetime.date:
    """A date `offset` days from today in the city's time zone."""
    return timezone.localdate() + datetime.timedelta(days=offset)


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ("slug",)

    name = "Nantes"
    slug = "nantes"


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    city = factory.SubFactory(CityFactory)
    name = factory.Sequence(lambda n: f"Quartier {n}")
    slug = factory.Sequence(lambda n: f"quartier-{n}")
    position = factory.Sequence(lambda n: n)


class CityServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CityService

    name = factory.Sequence(lambda n: f"Service {n}")


class ResidentFactory(factory.django.DjangoModelFactory):
    """A resident with a confirmed e-mail who can log in with RESIDENT_PASSWORD.

    `ResidentFactory(role=Role.AGENT)` goes through `set_role`, so back-office access and
    permission groups are those of the real role (this also writes its audit event).
    `ResidentFactory(unverified=True)` makes one who has not confirmed their address yet.
    """

    class Meta:
        model = Resident
        skip_postgeneration_save = True

    class Params:
        unverified = factory.Trait(verification=Verification.UNVERIFIED)

    email = factory.Sequence(lambda n: f"resident{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Resident {n}")
    # Hashed once with the configured hasher, as set_password would.
    password = factory.django.Password(RESIDENT_PASSWORD)
    verification = Verification.EMAIL
    role = Role.RESIDENT

    @factory.post_generation
    def staff_access(obj: Resident, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create and obj.role != Role.RESIDENT:
            set_role(resident=obj, role=obj.role, service=obj.service)


class DemographicsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Demographics

    resident = factory.SubFactory(ResidentFactory)
    consented_at = factory.LazyFunction(timezone.now)


class SpaceFactory(factory.django.DjangoModelFactory):
    """A published, open, city-wide process; pass kind and neighbourhood for a council."""

    class Meta:
        model = Space

    kind = SpaceKind.PROCESS
    title = factory.Sequence(lambda n: f"Concertation {n}")
    slug = factory.Sequence(lambda n: f"espace-{n}")
    summary = factory.LazyAttribute(lambda space: f"Résumé : {space.title}")
    power_level = PowerLevel.CONSULTATION
    who_may_take_part = "Toute personne qui habite la ville, dès 16 ans."
    stakes = "L'aménagement des quais."
    city_commitment = "La ville répond à chaque contribution sous 30 jours."
    opens_on = factory.LazyFunction(lambda: days_from_today(-30))
    closes_on = None
    is_published = True


class PhaseFactory(factory.django.DjangoModelFactory):
    """A phase of a space, current by default (from 30 days ago to 30 days ahead)."""

    class Meta:
        model = Phase

    space = factory.SubFactory(SpaceFactory)
    title = factory.Sequence(lambda n: f"Phase {n}")
    starts_on = factory.LazyFunction(lambda: days_from_today(-30))
    ends_on = factory.LazyFunction(lambda: days_from_today(30))


# --- Accountability: timeline steps, decisions, commitments -------------------------------


class StatusChangeFactory(factory.django.DjangoModelFactory):
    """A step of a contribution's timeline; prefer accountability.services in behaviour tests."""

    class Meta:
        model = "accountability.StatusChange"

    contribution = factory.SubFactory("tests.factories.ContributionFactory")
    status = "under_study"
    answer = "Le service étudie la faisabilité."
    answer_html = factory.LazyAttribute(lambda step: f"<p>{step.answer}</p>")
    service = factory.SubFactory(CityServiceFactory)
    created_at = factory.LazyFunction(timezone.now)


class DecisionFactory(factory.django.DjangoModelFactory):
    """A decision of a space's council, dated a week ago; pass space=None for a city-wide one."""

    class Meta:
        model = "accountability.Decision"

    space = factory.SubFactory(SpaceFactory)
    title = factory.Sequence(lambda n: f"Délibération n° {n}")
    body = "Le conseil municipal approuve le projet."
    body_html = factory.LazyAttribute(lambda decision: f"<p>{decision.body}</p>")
    decided_by = "Conseil municipal"
    decided_on = factory.LazyFunction(lambda: days_from_today(-7))
    act_url = "https://www.example.org/deliberations/2026-42.pdf"


class CommitmentFactory(factory.django.DjangoModelFactory):
    """A commitment due in 60 days, not started (progress 0)."""

    class Meta:
        model = "accountability.Commitment"

    decision = factory.SubFactory(DecisionFactory)
    title = factory.Sequence(lambda n: f"Engagement {n}")
    owner_service = factory.SubFactory(CityServiceFactory)
    target_date = factory.LazyFunction(lambda: days_from_today(60))
    progress = 0


# --- Contributions ------------------------------------------------------------------------


class ContributionFactory(factory.django.DjangoModelFactory):
    """An online idea in an open space that takes contributions, written by a resident.

    Made directly (fast, for lists and counts); tests of the writing rules go through
    `commune.contributions.services.submit_contribution` or the pages instead.
    """

    class Meta:
        model = "contributions.Contribution"

    space = factory.SubFactory(SpaceFactory, components=["contributions"])
    kind = "idea"
    title = factory.Sequence(lambda n: f"Idée {n}")
    body = "Des bancs **à l'ombre** place du marché."
    body_html = factory.LazyAttribute(lambda c: render_markdown(c.body))
    pillar = "participation"
    channel = "online"
    author = factory.SubFactory(ResidentFactory)
    due_on = factory.LazyAttribute(
        lambda c: timezone.localdate() + datetime.timedelta(days=c.space.answer_delay_days)
    )


class CommentFactory(factory.django.DjangoModelFactory):
    """A top-level neutral comment; pass `parent` (and `depth`) for a reply."""

    class Meta:
        model = "contributions.Comment"

    contribution = factory.SubFactory(ContributionFactory)
    author = factory.SubFactory(ResidentFactory)
    stance = "neutral"
    body = factory.Sequence(lambda n: f"Commentaire {n}")
    body_html = factory.LazyAttribute(lambda c: render_markdown(c.body))
    depth = factory.LazyAttribute(lambda c: c.parent.depth + 1 if c.parent else 0)
    parent = None


# --- Meetings -----------------------------------------------------------------------------


class MeetingFactory(factory.django.DjangoModelFactory):
    """A workshop in a week, from 18:00 to 20:00 city time, in a space with meetings."""

    class Meta:
        model = "meetings.Meeting"

    space = factory.SubFactory(SpaceFactory, components=["meetings"])
    kind = "workshop"
    title = factory.Sequence(lambda n: f"Atelier {n}")
    description = "Un atelier ouvert à toutes et tous."
    starts_at = factory.LazyFunction(
        lambda: timezone.make_aware(
            datetime.datetime.combine(days_from_today(7), datetime.time(18, 0))
        )
    )
    ends_at = factory.LazyAttribute(lambda meeting: meeting.starts_at + datetime.timedelta(hours=2))
    place_name = "Maison de quartier"
    address = "1 rue de la Paix, 44000 Nantes"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Registration"

    meeting = factory.SubFactory(MeetingFactory, registration_required=True)
    resident = factory.SubFactory(ResidentFactory)
    status = "registered"


class AttendanceFactory(factory.django.DjangoModelFactory):
    """A resident who came to a meeting that took place yesterday, having registered online."""

    class Meta:
        model = "meetings.Attendance"

    meeting = factory.SubFactory(
        MeetingFactory,
        starts_at=factory.LazyFunction(
            lambda: timezone.make_aware(
                datetime.datetime.combine(days_from_today(-1), datetime.time(18, 0))
            )
        ),
    )
    resident = factory.SubFactory(ResidentFactory)
    channel = "registered_online"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    """A resident's agenda item for a meeting taking proposals for three more days."""

    class Meta:
        model = "meetings.AgendaItem"

    meeting = factory.SubFactory(
        MeetingFactory,
        agenda_cutoff=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3)),
    )
    title = factory.Sequence(lambda n: f"Point {n}")
    proposed_by = factory.SubFactory(ResidentFactory)


# --- Participatory budgets ----------------------------------------------------------------

# Phase dates of a budget as offsets from today: (submission opens, submission closes,
# review ends, vote opens, vote closes, results). Pass one to BudgetFactory(phase=…).
BUDGET_PHASES = {
    "submission": (-5, 10, 20, 21, 30, 35),
    "review": (-20, -10, 5, 6, 20, 25),
    "vote": (-40, -30, -11, -10, 10, 15),
    "counting": (-50, -40, -21, -20, -1, 5),
}


class BudgetFactory(factory.django.DjangoModelFactory):
    """A 100 000 € city-wide approval budget, open for voting (greedy rule, 16 and over).

    `BudgetFactory(phase="submission" | "review" | "vote" | "counting")` sets its dates.
    """

    class Meta:
        model = "budgets.Budget"
        exclude = ("phase", "offsets")

    class Params:
        phase = "vote"

    offsets = factory.LazyAttribute(lambda budget: BUDGET_PHASES[budget.phase])
    space = factory.SubFactory(SpaceFactory, components=["budget"])
    title = factory.Sequence(lambda n: f"Budget participatif {n}")
    amount = 100_000
    submission_opens_on = factory.LazyAttribute(lambda b: days_from_today(b.offsets[0]))
    submission_closes_on = factory.LazyAttribute(lambda b: days_from_today(b.offsets[1]))
    review_closes_on = factory.LazyAttribute(lambda b: days_from_today(b.offsets[2]))
    vote_opens_on = factory.LazyAttribute(lambda b: days_from_today(b.offsets[3]))
    vote_closes_on = factory.LazyAttribute(lambda b: days_from_today(b.offsets[4]))
    results_on = factory.LazyAttribute(lambda b: days_from_today(b.offsets[5]))
    ballot_kind = "approval"
    rule = "greedy"
    verification_required = "email"
    minimum_age = 16


class BudgetProjectFactory(factory.django.DjangoModelFactory):
    """A project found feasible (on the ballot), costing 40 000 €."""

    class Meta:
        model = "budgets.Project"

    budget = factory.SubFactory(BudgetFactory)
    title = factory.Sequence(lambda n: f"Projet {n}")
    description = "Des arbres et des bancs dans la cour."
    description_html = "<p>Des arbres et des bancs dans la cour.</p>"
    estimated_cost = 40_000
    proposed_by = factory.SubFactory(ResidentFactory)
    status = "eligible"
    review_reason = "Faisable sur le domaine public."
    reviewed_at = factory.LazyFunction(timezone.now)


# --- Collaborative texts ------------------------------------------------------------------

TEXT_SOURCE = """# Droits des habitants

Chaque habitante et chaque habitant a le droit d'être informé.

Toute contribution reçoit une réponse motivée.

# Engagements de la ville

La ville publie ses décisions et leurs raisons.
"""


def make_text(
    space: Space | None = None, source: str = TEXT_SOURCE, agent: Resident | None = None
) -> Any:
    """A text with its version 1, created through the service by an agent, in an open space
    with the texts tool."""
    from commune.texts.services import create_text

    space = space or SpaceFactory(components=["texts"])
    agent = agent or ResidentFactory(role=Role.AGENT)
    return create_text(
        space=space, title="Charte", introduction="Une charte.", source=source, actor=agent
    )


class WikiPageFactory(factory.django.DjangoModelFactory):
    """A page of a wiki (in a space with the wiki tool) with one revision.

    `WikiPageFactory(body="…")` sets the text of that first revision; more revisions go
    through `commune.wiki.services.edit_page`.
    """

    class Meta:
        model = "wiki.WikiPage"
        skip_postgeneration_save = True

    space = factory.SubFactory(SpaceFactory, components=["wiki"])
    title = factory.Sequence(lambda n: f"Page du wiki {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))

    @factory.post_generation
    def body(obj: Any, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if not create:
            return
        from commune.wiki.models import Revision

        obj.current_revision = Revision.objects.create(
            page=obj,
            number=1,
            body=extracted or "Le texte de la page.",
            summary="Première version",
            author=ResidentFactory(),
        )
        obj.save(update_fields=["current_revision"])


class PanelFactory(factory.django.DjangoModelFactory):
    """A draft panel drawn by lot; its pool and quotas come through the import service."""

    class Meta:
        model = "sortition.Panel"

    space = factory.SubFactory(SpaceFactory)
    title = factory.Sequence(lambda n: f"Conseil citoyen {n}")
    purpose = "Collège des habitants du conseil citoyen"
    panel_size = 4
    reserve_size = 0
