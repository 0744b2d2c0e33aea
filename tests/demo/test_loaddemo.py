"""`commune loaddemo`: the demo city of Nantes, as a visitor and each role find it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from commune.accounts.models import Demographics, Resident, Role, Verification
from commune.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from commune.spaces.models import (
    Component,
    Membership,
    MembershipRole,
    Space,
    SpaceKind,
    SpaceStatus,
)
from commune.territory.models import City, Neighbourhood, PopulationFigure

NEIGHBOURHOOD_NAMES = [
    "Centre-ville",
    "Bellevue – Chantenay – Sainte-Anne",
    "Dervallières – Zola",
    "Hauts-Pavés – Saint-Félix",
    "Breil – Barberie",
    "Nantes Nord",
    "Nantes Erdre",
    "Doulon – Bottière",
    "Malakoff – Saint-Donatien",
    "Île de Nantes",
    "Nantes Sud",
]

pytestmark = pytest.mark.usefixtures("demo_output")


def test_nantes_has_its_eleven_neighbourhoods_under_their_real_names() -> None:
    assert City.objects.get().name == "Nantes"
    assert list(Neighbourhood.objects.values_list("name", flat=True)) == NEIGHBOURHOOD_NAMES


def test_population_figures_are_plausible_and_say_they_are_not_census_data() -> None:
    totals = {n.name: n.population for n in Neighbourhood.objects.with_population()}
    assert 300_000 <= sum(totals.values()) <= 340_000
    assert 35_000 <= totals["Centre-ville"] <= 45_000
    assert 20_000 <= totals["Nantes Nord"] <= 30_000
    # Every neighbourhood has all 12 cells (2 sexes × 6 age bands).
    assert PopulationFigure.objects.count() == 11 * 12
    sources = set(PopulationFigure.objects.values_list("source", flat=True))
    assert len(sources) == 1
    assert "pas des données du recensement" in sources.pop()


def test_each_neighbourhood_has_a_permanent_open_council_with_its_rules_of_the_game() -> None:
    councils = Space.objects.filter(kind=SpaceKind.NEIGHBOURHOOD_COUNCIL)
    assert councils.count() == 11
    assert {c.neighbourhood.name for c in councils} == set(NEIGHBOURHOOD_NAMES)
    for council in councils:
        assert council.closes_on is None
        assert council.status() == SpaceStatus.OPEN
        assert council.power_level == "concertation"
        assert "16 ans ou plus" in council.who_may_take_part
        assert "quelle que soit sa nationalité" in council.who_may_take_part
        assert council.answer_delay_days == 30
        assert council.components == ["contributions", "meetings", "documents"]


def test_ten_thematic_councils_including_the_three_named_in_the_brief() -> None:
    titles = set(
        Space.objects.filter(kind=SpaceKind.THEMATIC_COUNCIL).values_list("title", flat=True)
    )
    assert len(titles) >= 10
    for theme in ("réussite éducative", "égalité femmes-hommes", "usage de l'espace public"):
        assert any(theme in title for title in titles), theme


def test_the_loire_debate_is_a_process_with_exactly_one_current_phase() -> None:
    debate = Space.objects.get(title__icontains="Loire")
    assert debate.kind == SpaceKind.PROCESS
    assert set(debate.components) == {"debates", "contributions", "meetings", "documents"}
    phases = list(debate.phases.all())
    assert len(phases) >= 3
    assert [phase.is_current() for phase in phases].count(True) == 1


def test_the_charter_is_being_amended_before_synthesis_and_adoption() -> None:
    charter = Space.objects.get(title__icontains="charte")
    assert charter.kind == SpaceKind.PROCESS
    assert set(charter.components) == {"texts", "contributions", "meetings"}
    phases = list(charter.phases.all())
    assert [phase.title for phase in phases] == [
        "Amendements",
        "Synthèse",
        "Adoption par le conseil municipal",
    ]
    assert phases[0].is_current()
    assert not any(phase.is_current() for phase in phases[1:])


def test_spaces_exist_in_all_three_statuses() -> None:
    for status in SpaceStatus:
        assert Space.objects.with_status(status).exists(), status


def test_every_space_passes_model_validation_and_uses_known_components() -> None:
    for space in Space.objects.all():
        space.full_clean()
        assert set(space.components) <= set(Component.values)


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda account: account.role.value)
def test_each_role_account_logs_in_with_the_documented_password(client, account) -> None:
    assert client.login(email=account.email, password=DEMO_PASSWORD)
    resident = Resident.objects.get(email=account.email)
    assert resident.role == account.role
    assert resident.verification == Verification.EMAIL
    assert resident.neighbourhood is not None
    assert resident.is_staff == (account.role in {Role.MODERATOR, Role.AGENT, Role.ADMINISTRATOR})


def test_every_role_has_an_account() -> None:
    assert set(Resident.objects.values_list("role", flat=True)) == set(Role.values)


def test_the_agent_belongs_to_a_service_and_can_add_a_space_in_the_back_office(client) -> None:
    agent = Resident.objects.get(email="agent@demo.commune.fr")
    assert agent.service is not None
    client.force_login(agent)
    response = client.get("/admin/spaces/space/add/")
    assert response.status_code == 200


def test_the_moderator_reads_the_audit_log_but_cannot_write_it(client) -> None:
    client.force_login(Resident.objects.get(email="moderatrice@demo.commune.fr"))
    listing = client.get("/admin/core/auditevent/")
    assert listing.status_code == 200
    assert "set_role:agent" in listing.content.decode()
    assert client.get("/admin/core/auditevent/add/").status_code == 403


def test_some_residents_consented_to_give_their_demographics() -> None:
    demographics = Demographics.objects.all()
    assert demographics.count() >= 3
    assert all(d.consented_at <= timezone.now() for d in demographics)


def test_loading_shows_progress_and_the_logins(demo_output: str) -> None:
    assert "11/11" in demo_output
    for account in DEMO_ACCOUNTS:
        assert account.email in demo_output
    assert DEMO_PASSWORD in demo_output


def test_loading_twice_refuses_clearly_and_changes_nothing() -> None:
    counts = (Space.objects.count(), Resident.objects.count(), Neighbourhood.objects.count())
    # The message names the city already there (its wording follows the active language).
    with pytest.raises(CommandError, match="Nantes"):
        call_command("loaddemo", stdout=StringIO())
    assert counts == (
        Space.objects.count(),
        Resident.objects.count(),
        Neighbourhood.objects.count(),
    )


def test_working_groups_have_members_some_named_and_a_facilitator() -> None:
    groups = Space.objects.filter(kind=SpaceKind.WORKING_GROUP)
    assert groups.exists()
    for group in groups:
        memberships = Membership.objects.filter(space=group)
        assert memberships.count() >= 10
        assert memberships.filter(role=MembershipRole.FACILITATOR).count() == 1
        assert 0 < memberships.filter(listed_publicly=True).count() < memberships.count()
