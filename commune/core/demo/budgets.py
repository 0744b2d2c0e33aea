"""The demo participatory budgets: Nantes Nord's, counted and followed up; the city's, open.

- **Nantes Nord 2025** (150 000 €, Method of Equal Shares as cities run it): seven
  projects reviewed (one found not feasible), 60 neighbours voted (one on paper), the vote
  is closed, each project's result is explained, greedy is shown to fund something else,
  and the funded projects are commitments of the city's public-space service.
- **The city's 2026 budget** (600 000 €, most votes first): open for voting, with projects
  from every part of the city; a few residents have voted, the demo resident has not.

Ballots go through the real services, which only take them while the vote is open: the
Nantes Nord budget is created during its vote, voted in, then moved back in time with
queryset.update() and closed by the demo agent, as the meetings' attendance is.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from commune.accounts.models import CityService, Resident, Verification
from commune.budgets import services
from commune.budgets.models import BallotKind, Budget, Project, ProjectStatus, Rule
from commune.contributions.models import Contribution
from commune.spaces.models import Component, PowerLevel, Space, SpaceKind
from commune.territory.models import Neighbourhood

Progress = Callable[[str, int, int], None]

AGENT = "agent@demo.commune.fr"
NORTH = "nantes-nord"
NORTH_VOTERS = 60

# (title, description, location, estimated cost, revised cost or None, feasible, reason)
NORTH_PROJECTS = [
    (
        "Rénover le city-stade du Ranzay",
        "Un nouveau revêtement, des filets et un éclairage pour le terrain de sport "
        "ouvert à tous, usé après quinze ans.",
        "Square du Ranzay",
        80_000,
        90_000,
        True,
        "Faisable. Le revêtement choisi par le service des sports coûte plus cher que "
        "prévu mais dure deux fois plus longtemps : coût revu à 90 000 €.",
    ),
    (
        "Éclairer le chemin de la Jonelière",
        "Le chemin piéton qui mène au tramway est noir dès 17 h en hiver. Des lampadaires "
        "solaires rendraient le trajet plus sûr.",
        "Chemin de la Jonelière",
        45_000,
        None,
        True,
        "Faisable sur le domaine public ; lampadaires à détection de présence.",
    ),
    (
        "Un jardin partagé rue de la Bourgeonnière",
        "Des bacs, un composteur et un abri à outils sur la friche, animés par "
        "l'association du quartier.",
        "Rue de la Bourgeonnière",
        25_000,
        None,
        True,
        "Faisable : la parcelle appartient à la ville ; une convention sera signée avec "
        "l'association.",
    ),
    (
        "Des boîtes à livres dans les halls",
        "Six boîtes à livres fabriquées par le chantier d'insertion, dans les halls des "
        "immeubles qui le souhaitent.",
        "Plusieurs immeubles",
        8_000,
        None,
        True,
        "Faisable, avec l'accord des bailleurs, déjà donné pour quatre halls.",
    ),
    (
        "Des bancs et de l'ombre place Camille-Claudel",
        "Huit bancs et six arbres pour que les anciens et les parents puissent s'asseoir "
        "à l'ombre.",
        "Place Camille-Claudel",
        30_000,
        None,
        True,
        "Faisable ; les arbres seront plantés à l'automne.",
    ),
    (
        "Un atelier vélo solidaire",
        "Un local équipé où apprendre à réparer son vélo, avec des vélos d'occasion prêtés "
        "aux jeunes.",
        "Centre socioculturel",
        35_000,
        None,
        True,
        "Faisable dans le local libéré du centre socioculturel.",
    ),
    (
        "Une passerelle sur l'Erdre",
        "Une passerelle piétonne pour rejoindre la faculté sans faire le tour.",
        "Bords de l'Erdre",
        140_000,
        None,
        False,
        "Pas faisable dans ce budget : une passerelle sur la rivière demande des études et "
        "des autorisations de l'État, et coûterait plusieurs millions d'euros. La demande "
        "est transmise au plan vélo et piéton de la métropole.",
    ),
]
# Who voted for what: (how many voters, projects by index in NORTH_PROJECTS).
NORTH_BALLOTS = [(34, (0, 1)), (14, (2, 4, 3)), (8, (5, 2, 3)), (4, (3, 4))]

CITY_PROJECTS = [
    ("Des fontaines à eau dans les parcs", "Centre-ville", 120_000, "centre-ville"),
    (
        "Une cour d'école végétalisée à Bellevue",
        "École Ledru-Rollin",
        180_000,
        "bellevue-chantenay-sainte-anne",
    ),
    ("Des toilettes publiques accessibles", "Plusieurs quartiers", 150_000, ""),
    ("Un skate-park à Doulon", "Parc de la Crapaudine", 200_000, "doulon-bottiere"),
    ("Des abris à vélos sécurisés près des gares", "Gares et tramway", 90_000, ""),
    ("Une ludothèque itinérante", "Toute la ville", 60_000, ""),
    ("Des composteurs de quartier", "Malakoff", 40_000, "malakoff-saint-donatien"),
    (
        "Une guinguette associative sur l'île de Nantes",
        "Quai des Antilles",
        110_000,
        "ile-de-nantes",
    ),
]
CITY_BALLOTS = [(6, (0, 2, 5)), (4, (1, 4)), (3, (3, 6)), (2, (7, 5, 6))]


def _day(today: datetime.date, offset: int) -> datetime.date:
    return today + datetime.timedelta(days=offset)


def _voters(prefix: str, count: int, neighbourhood: Neighbourhood | None) -> list[Resident]:
    """Residents who vote in the demo; they cannot log in (no password)."""
    return [
        Resident.objects.create_user(
            f"{prefix}{number}@demo.commune.fr",
            None,
            display_name=f"Votant·e {number}",
            neighbourhood=neighbourhood,
            verification=Verification.EMAIL,
        )
        for number in range(1, count + 1)
    ]


def _budget_space(
    today: datetime.date,
    *,
    title: str,
    slug: str,
    summary: str,
    stakes: str,
    neighbourhood: Neighbourhood | None,
    opens: int,
    closes: int,
) -> Space:
    space = Space(
        kind=SpaceKind.PROCESS,
        title=title,
        slug=slug,
        summary=summary,
        description=(
            "Chaque habitant peut proposer un projet d'intérêt général, les services de la "
            "ville en vérifient la faisabilité et le coût, puis les habitants votent."
        ),
        neighbourhood=neighbourhood,
        power_level=PowerLevel.CO_DECISION,
        who_may_take_part=(
            "Toute personne qui habite "
            + (neighbourhood.name if neighbourhood else "Nantes")
            + ", dès 16 ans, sans condition de nationalité."
        ),
        stakes=stakes,
        city_commitment=(
            "La ville réalise les projets choisis dans les deux ans et publie leur avancement."
        ),
        components=[Component.BUDGET],
        opens_on=_day(today, opens),
        closes_on=_day(today, closes),
    )
    space.full_clean()
    space.save()
    return space


def load_budgets(today: datetime.date, progress: Progress) -> None:
    agent = Resident.objects.get(email=AGENT)
    public_space = CityService.objects.get_or_create(name="Direction de l'espace public")[0]
    _north_budget(today, agent, public_space)
    progress(str(_("Participatory budgets")), 1, 2)
    _city_budget(today, agent)
    progress(str(_("Participatory budgets")), 2, 2)


def _north_budget(today: datetime.date, agent: Resident, service: CityService) -> Budget:
    north = Neighbourhood.objects.get(slug=NORTH)
    council = _budget_space(
        today,
        title="Budget participatif de Nantes Nord 2025",
        slug="budget-participatif-nantes-nord-2025",
        summary="150 000 € pour les projets des habitants de Nantes Nord.",
        stakes="150 000 € d'investissement dans le quartier.",
        neighbourhood=north,
        opens=-200,
        closes=500,
    )
    # Created during its vote (so that the services take the ballots), moved back after.
    budget = Budget(
        space=council,
        title="Budget participatif de Nantes Nord 2025",
        description=(
            "Le conseil de quartier a réservé 150 000 € aux projets des habitants. Le vote "
            "a suivi la méthode des parts égales : chaque votant dispose d'une part égale du "
            "budget, pour que chaque groupe d'habitants obtienne des projets à proportion de "
            "sa taille."
        ),
        amount=150_000,
        submission_opens_on=_day(today, -60),
        submission_closes_on=_day(today, -40),
        review_closes_on=_day(today, -21),
        vote_opens_on=_day(today, -20),
        vote_closes_on=_day(today, 5),
        results_on=_day(today, 10),
        follow_up_until=_day(today, 500),
        ballot_kind=BallotKind.APPROVAL,
        rule=Rule.EQUAL_SHARES,
        follow_up_service=service,
    )
    budget.full_clean()
    budget.save()
    projects = []
    for title, text, place, cost, revised, feasible, reason in NORTH_PROJECTS:
        projects.append(
            Project.objects.create(
                budget=budget,
                title=title,
                description=text,
                description_html=f"<p>{text}</p>",
                estimated_cost=cost,
                neighbourhood=north,
                location=place,
                status=ProjectStatus.ELIGIBLE if feasible else ProjectStatus.NOT_FEASIBLE,
                revised_cost=revised,
                review_reason=reason,
                review_service=service,
                reviewed_at=budget.created_at - datetime.timedelta(days=40),
            )
        )
    voters = iter(_voters("votant.nord.", NORTH_VOTERS, north))
    paper_done = False
    for count, chosen in NORTH_BALLOTS:
        for _number in range(count):
            choices = [projects[index].pk for index in chosen]
            voter = next(voters)
            if not paper_done:
                services.cast_paper_ballot(
                    budget=budget, agent=agent, resident=voter, choices=choices, age_confirmed=True
                )
                paper_done = True
                continue
            services.cast_ballot(budget=budget, resident=voter, choices=choices, age_confirmed=True)
    Budget.objects.filter(pk=budget.pk).update(
        submission_opens_on=_day(today, -200),
        submission_closes_on=_day(today, -170),
        review_closes_on=_day(today, -121),
        vote_opens_on=_day(today, -120),
        vote_closes_on=_day(today, -90),
        results_on=_day(today, -85),
    )
    budget.refresh_from_db()
    return services.close_vote(budget=budget, actor=agent)


def _city_budget(today: datetime.date, agent: Resident) -> Budget:
    space = _budget_space(
        today,
        title="Budget participatif 2026 : toute la ville",
        slug="budget-participatif-2026",
        summary="600 000 € pour des projets proposés et choisis par les habitants.",
        stakes="600 000 € d'investissement en 2026, dans tous les quartiers.",
        neighbourhood=None,
        opens=-60,
        closes=760,
    )
    budget = Budget(
        space=space,
        title="Budget participatif 2026 de la ville",
        description=(
            "600 000 € pour toute la ville. Les projets les plus votés sont financés tant "
            "qu'il reste de l'argent ; un projet qui ne tient plus dans ce qui reste est "
            "passé, et le suivant est essayé."
        ),
        amount=600_000,
        submission_opens_on=_day(today, -60),
        submission_closes_on=_day(today, -35),
        review_closes_on=_day(today, -8),
        vote_opens_on=_day(today, -7),
        vote_closes_on=_day(today, 21),
        results_on=_day(today, 28),
        follow_up_until=_day(today, 760),
        ballot_kind=BallotKind.APPROVAL,
        rule=Rule.GREEDY,
        residents_only=False,
    )
    budget.full_clean()
    budget.save()
    neighbourhoods = {n.slug: n for n in Neighbourhood.objects.all()}
    idea = Contribution.objects.filter(title__icontains="fontaine").first()
    projects = []
    for number, (title, place, cost, slug) in enumerate(CITY_PROJECTS):
        text = f"{title}. Projet proposé par des habitants, vérifié par les services de la ville."
        projects.append(
            Project.objects.create(
                budget=budget,
                title=title,
                description=text,
                description_html=f"<p>{text}</p>",
                estimated_cost=cost,
                neighbourhood=neighbourhoods.get(slug),
                location=place,
                contribution=idea if number == 0 else None,
                status=ProjectStatus.ELIGIBLE,
                review_reason="Faisable ; coût confirmé par le service concerné.",
                review_service=agent.service,
            )
        )
    Project.objects.create(
        budget=budget,
        title="Un téléphérique au-dessus de la Loire",
        description="Relier Rezé et l'île de Nantes par les airs.",
        description_html="<p>Relier Rezé et l'île de Nantes par les airs.</p>",
        estimated_cost=500_000,
        status=ProjectStatus.NOT_FEASIBLE,
        review_reason=(
            "Pas faisable dans ce budget : le transport en commun relève de la métropole, "
            "et un téléphérique coûte plusieurs dizaines de millions d'euros."
        ),
        review_service=agent.service,
    )
    voters = iter(_voters("votant.ville.", sum(count for count, _chosen in CITY_BALLOTS), None))
    for count, chosen in CITY_BALLOTS:
        for _number in range(count):
            services.cast_ballot(
                budget=budget,
                resident=next(voters),
                choices=[projects[index].pk for index in chosen],
                age_confirmed=True,
            )
    return budget
