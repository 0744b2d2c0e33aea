"""Casting, changing and entering ballots: roll and box stay in step, bad input writes nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from commune.accounts.models import Verification
from commune.budgets import services
from commune.budgets.models import Ballot, RollChannel, RollEntry
from tests.factories import (
    BudgetFactory,
    BudgetProjectFactory,
    NeighbourhoodFactory,
    ResidentFactory,
    SpaceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget():
    budget = BudgetFactory()
    for title, cost in [("Arbres", 40_000), ("Bancs", 30_000), ("Fontaine", 50_000)]:
        BudgetProjectFactory(budget=budget, title=title, estimated_cost=cost)
    return budget


def _ids(budget, *titles):
    return [budget.projects.get(title=title).pk for title in titles]


def _box(budget):
    return sorted(sorted(pid for pid, _ in b.choices) for b in Ballot.objects.filter(budget=budget))


def test_a_ballot_goes_in_the_box_and_the_resident_on_the_roll(budget, resident) -> None:
    services.cast_ballot(
        budget=budget, resident=resident, choices=_ids(budget, "Arbres"), age_confirmed=True
    )
    assert _box(budget) == [_ids(budget, "Arbres")]
    entry = RollEntry.objects.get(budget=budget)
    assert entry.resident == resident
    assert entry.channel == RollChannel.ONLINE


def test_changing_a_ballot_replaces_it(budget, resident) -> None:
    for titles in [("Arbres",), ("Bancs", "Fontaine")]:
        services.cast_ballot(
            budget=budget, resident=resident, choices=_ids(budget, *titles), age_confirmed=True
        )
    assert _box(budget) == [sorted(_ids(budget, "Bancs", "Fontaine"))]
    assert RollEntry.objects.filter(budget=budget).count() == 1
    assert services.current_choices(budget, resident) == dict.fromkeys(
        _ids(budget, "Bancs", "Fontaine"), 1
    )


def test_a_ballot_holds_nothing_about_its_voter(budget, resident) -> None:
    """No voter, no date, no sequential id: only a random key, the choices and a keyed hash."""
    ballot = services.cast_ballot(
        budget=budget, resident=resident, choices=_ids(budget, "Arbres"), age_confirmed=True
    )
    columns = {field.column for field in Ballot._meta.concrete_fields}
    assert columns == {"id", "budget_id", "choices", "token_hash"}
    assert ballot.id.version == 4
    assert ballot.token_hash == services.ballot_token(budget, resident)


def test_a_ballot_over_the_budget_is_refused_and_nothing_is_written(budget, resident) -> None:
    with pytest.raises(ValidationError, match="more than the budget"):
        services.cast_ballot(
            budget=budget,
            resident=resident,
            choices=_ids(budget, "Arbres", "Bancs", "Fontaine"),
            age_confirmed=True,
        )
    assert not Ballot.objects.exists()
    assert not RollEntry.objects.exists()


def test_a_project_of_another_budget_is_refused(budget, resident) -> None:
    elsewhere = BudgetProjectFactory(estimated_cost=10)
    with pytest.raises(ValidationError, match="not on this budget's ballot"):
        services.cast_ballot(
            budget=budget, resident=resident, choices=[elsewhere.pk], age_confirmed=True
        )
    assert not Ballot.objects.exists()
    assert not RollEntry.objects.exists()


def test_a_project_not_found_feasible_is_not_on_the_ballot(budget, resident) -> None:
    refused = BudgetProjectFactory(budget=budget, status="not_feasible", estimated_cost=10)
    with pytest.raises(ValidationError, match="not on this budget's ballot"):
        services.cast_ballot(
            budget=budget, resident=resident, choices=[refused.pk], age_confirmed=True
        )
    assert not Ballot.objects.exists()


def test_an_empty_ballot_and_an_unconfirmed_age_are_refused(budget, resident) -> None:
    with pytest.raises(ValidationError, match="at least one project"):
        services.cast_ballot(budget=budget, resident=resident, choices=[], age_confirmed=True)
    with pytest.raises(ValidationError, match="at least 16 years old"):
        services.cast_ballot(
            budget=budget, resident=resident, choices=_ids(budget, "Arbres"), age_confirmed=False
        )
    assert not Ballot.objects.exists()
    assert not RollEntry.objects.exists()


@pytest.mark.parametrize("phase", ["submission", "review", "counting"])
def test_no_vote_outside_the_vote(phase: str, resident) -> None:
    budget = BudgetFactory(phase=phase)
    project = BudgetProjectFactory(budget=budget)
    with pytest.raises(services.ActionRefusedError):
        services.cast_ballot(
            budget=budget, resident=resident, choices=[project.pk], age_confirmed=True
        )
    assert not Ballot.objects.exists()


def test_no_vote_after_closing(budget, resident, agent) -> None:
    services.cast_ballot(
        budget=budget, resident=resident, choices=_ids(budget, "Arbres"), age_confirmed=True
    )
    budget.vote_closes_on = budget.vote_opens_on
    budget.save()
    services.close_vote(budget=budget, actor=agent)
    with pytest.raises(services.ActionRefusedError, match="The vote is closed"):
        services.cast_ballot(
            budget=budget, resident=resident, choices=_ids(budget, "Bancs"), age_confirmed=True
        )
    other = ResidentFactory()
    with pytest.raises(services.ActionRefusedError):
        services.cast_ballot(
            budget=budget, resident=other, choices=_ids(budget, "Bancs"), age_confirmed=True
        )
    assert Ballot.objects.filter(budget=budget).count() == 1
    assert RollEntry.objects.filter(budget=budget).count() == 1


def test_closing_erases_the_tokens_and_reshuffles_the_box(budget, agent) -> None:
    residents = ResidentFactory.create_batch(5)
    for resident in residents:
        services.cast_ballot(
            budget=budget, resident=resident, choices=_ids(budget, "Bancs"), age_confirmed=True
        )
    before = set(Ballot.objects.values_list("id", flat=True))
    budget.vote_closes_on = budget.vote_opens_on
    budget.save()
    services.close_vote(budget=budget, actor=agent)
    after = Ballot.objects.filter(budget=budget)
    assert after.count() == 5
    assert not before & set(after.values_list("id", flat=True))
    assert not after.exclude(token_hash=None).exists()
    assert services.current_choices(budget, residents[0]) is None


def test_the_verification_level_and_the_neighbourhood_are_checked(resident) -> None:
    here, there = NeighbourhoodFactory(), NeighbourhoodFactory()
    space = SpaceFactory(components=["budget"], kind="neighbourhood_council", neighbourhood=here)
    budget = BudgetFactory(space=space, verification_required=Verification.IN_PERSON)
    project = BudgetProjectFactory(budget=budget)
    with pytest.raises(services.ActionRefusedError, match="verification"):
        services.cast_ballot(
            budget=budget, resident=resident, choices=[project.pk], age_confirmed=True
        )
    resident.verification = Verification.IN_PERSON
    resident.neighbourhood = there
    resident.save()
    with pytest.raises(services.ActionRefusedError, match="Only residents of"):
        services.cast_ballot(
            budget=budget, resident=resident, choices=[project.pk], age_confirmed=True
        )
    resident.neighbourhood = here
    resident.save()
    services.cast_ballot(budget=budget, resident=resident, choices=[project.pk], age_confirmed=True)
    assert Ballot.objects.filter(budget=budget).count() == 1


def test_an_agent_enters_a_paper_ballot_and_marks_the_roll(budget, agent, resident) -> None:
    services.cast_paper_ballot(
        budget=budget,
        agent=agent,
        resident=resident,
        choices=_ids(budget, "Fontaine"),
        age_confirmed=True,
    )
    entry = RollEntry.objects.get(budget=budget, resident=resident)
    assert entry.channel == RollChannel.PAPER
    assert entry.recorded_by == agent
    assert Ballot.objects.get(budget=budget).token_hash is None


def test_a_second_paper_ballot_for_someone_on_the_roll_is_refused(budget, agent, resident) -> None:
    services.cast_paper_ballot(
        budget=budget, agent=agent, resident=resident, choices=_ids(budget, "Bancs"),
        age_confirmed=True,
    )  # fmt: skip
    with pytest.raises(services.ActionRefusedError, match="already on the roll"):
        services.cast_paper_ballot(
            budget=budget, agent=agent, resident=resident, choices=_ids(budget, "Arbres"),
            age_confirmed=True,
        )  # fmt: skip
    assert _box(budget) == [_ids(budget, "Bancs")]
    assert RollEntry.objects.filter(budget=budget).count() == 1


def test_online_and_paper_ballots_exclude_each_other(budget, agent) -> None:
    online, paper = ResidentFactory(), ResidentFactory()
    services.cast_ballot(
        budget=budget, resident=online, choices=_ids(budget, "Bancs"), age_confirmed=True
    )
    with pytest.raises(services.ActionRefusedError, match="already on the roll"):
        services.cast_paper_ballot(
            budget=budget, agent=agent, resident=online, choices=_ids(budget, "Arbres"),
            age_confirmed=True,
        )  # fmt: skip
    services.cast_paper_ballot(
        budget=budget, agent=agent, resident=paper, choices=_ids(budget, "Arbres"),
        age_confirmed=True,
    )  # fmt: skip
    with pytest.raises(services.ActionRefusedError, match="on paper"):
        services.cast_ballot(
            budget=budget, resident=paper, choices=_ids(budget, "Bancs"), age_confirmed=True
        )
    assert Ballot.objects.filter(budget=budget).count() == 2
    assert RollEntry.objects.filter(budget=budget).count() == 2


def test_only_agents_enter_paper_ballots(budget, resident) -> None:
    with pytest.raises(PermissionDenied):
        services.cast_paper_ballot(
            budget=budget, agent=resident, resident=ResidentFactory(),
            choices=_ids(budget, "Bancs"), age_confirmed=True,
        )  # fmt: skip
    assert not Ballot.objects.exists()


def test_a_lost_token_never_adds_a_second_ballot(budget, resident, settings) -> None:
    """If the secret key changes during the vote, a change is refused, not counted twice."""
    services.cast_ballot(
        budget=budget, resident=resident, choices=_ids(budget, "Bancs"), age_confirmed=True
    )
    settings.SECRET_KEY = "another secret key, long enough to be a real one " * 2
    with pytest.raises(services.ActionRefusedError, match="cannot be found"):
        services.cast_ballot(
            budget=budget, resident=resident, choices=_ids(budget, "Arbres"), age_confirmed=True
        )
    assert Ballot.objects.filter(budget=budget).count() == 1


def test_k_approval_limits_the_number_of_projects(resident) -> None:
    budget = BudgetFactory(ballot_kind="k_approval", max_choices=2)
    projects = BudgetProjectFactory.create_batch(3, budget=budget, estimated_cost=90_000)
    with pytest.raises(ValidationError, match="2 at most"):
        services.cast_ballot(
            budget=budget, resident=resident, choices=[p.pk for p in projects], age_confirmed=True
        )
    # Over the budget in euros is fine: the limit is the number of projects.
    services.cast_ballot(
        budget=budget, resident=resident, choices=[p.pk for p in projects[:2]], age_confirmed=True
    )
    assert Ballot.objects.filter(budget=budget).count() == 1


def test_cumulative_points_are_limited(resident) -> None:
    budget = BudgetFactory(ballot_kind="cumulative", points=10)
    one, two = BudgetProjectFactory.create_batch(2, budget=budget)
    with pytest.raises(ValidationError, match="more than the 10 you have"):
        services.cast_ballot(
            budget=budget, resident=resident, choices={one.pk: 6, two.pk: 5}, age_confirmed=True
        )
    services.cast_ballot(
        budget=budget, resident=resident, choices={one.pk: 6, two.pk: 4}, age_confirmed=True
    )
    assert Ballot.objects.get(budget=budget).choices == sorted([[one.pk, 6], [two.pk, 4]])


def test_casting_a_ballot_takes_a_constant_number_of_queries(
    budget, resident, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(12):
        services.cast_ballot(
            budget=budget, resident=resident, choices=_ids(budget, "Bancs"), age_confirmed=True
        )
    assert connection.vendor in {"sqlite", "postgresql"}
