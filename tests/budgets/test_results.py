"""Counting the box: each project's result explained, another rule compared, the .pb reproduced."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from commune.accountability.models import Commitment
from commune.budgets import services
from commune.budgets.rules import read_pabulib
from commune.budgets.wording import reason
from tests.factories import (
    BudgetFactory,
    BudgetProjectFactory,
    CityServiceFactory,
    ResidentFactory,
)

pytestmark = pytest.mark.django_db


def _vote(budget, ballots: list[list[str]]) -> None:
    """Cast one ballot per list of project titles, each by a new resident."""
    ids = dict(budget.projects.values_list("title", "pk"))
    for titles in ballots:
        services.cast_ballot(
            budget=budget,
            resident=ResidentFactory(),
            choices=[ids[title] for title in titles],
            age_confirmed=True,
        )


def _close(budget, agent):
    budget.vote_closes_on = budget.vote_opens_on
    budget.save()
    return services.close_vote(budget=budget, actor=agent)


@pytest.fixture
def greedy_budget():
    """100 000 €: A (60 000) with 5 votes, B (50 000) 4, C (30 000) 3, D (40 000) 1."""
    budget = BudgetFactory(rule="greedy", follow_up_service=CityServiceFactory())
    for title, cost in [("A", 60_000), ("B", 50_000), ("C", 30_000), ("D", 40_000)]:
        BudgetProjectFactory(budget=budget, title=title, estimated_cost=cost)
    _vote(budget, [["A", "C"]] * 3 + [["A"]] * 2 + [["B"]] * 3 + [["B", "D"]])
    return budget


def _row(budget, title):
    return next(row for row in budget.results["projects"] if row["title"] == title)


def test_greedy_results_are_explained_in_plain_words(greedy_budget, agent) -> None:
    budget = _close(greedy_budget, agent)
    assert [row["title"] for row in budget.results["projects"]] == ["A", "B", "C", "D"]
    assert budget.results["ballots"] == 9
    assert budget.results["total_cost"] == 90_000
    assert [_row(budget, t)["funded"] for t in "ABCD"] == [True, False, True, False]
    assert reason(_row(budget, "B")) == (
        "Not funded: after the projects ranked above it were funded, 40,000 € remained, "
        "less than its cost of 50,000 €."
    )
    assert reason(_row(budget, "D")) == (
        "Not funded: after the projects ranked above it were funded, 10,000 € remained, "
        "less than its cost of 40,000 €."
    )
    assert reason(_row(budget, "C")).startswith("Funded: when its turn came")


def test_the_comparison_counts_the_same_box_with_equal_shares(greedy_budget, agent) -> None:
    budget = _close(greedy_budget, agent)
    comparison = budget.results["comparison"]
    assert comparison["rule"] == "equal-shares"
    assert comparison["selected"]
    assert comparison["total_cost"] <= budget.amount


def test_funded_projects_become_commitments(greedy_budget, agent) -> None:
    budget = _close(greedy_budget, agent)
    assert budget.decision is not None
    commitments = Commitment.objects.filter(decision=budget.decision)
    assert sorted(c.title for c in commitments) == ["A", "C"]
    assert all(c.owner_service == budget.follow_up_service for c in commitments)
    assert budget.projects.get(title="A").commitment in commitments
    assert budget.projects.get(title="B").commitment is None


def test_closing_twice_or_before_the_end_is_refused(agent) -> None:
    budget = BudgetFactory()
    with pytest.raises(services.ActionRefusedError, match="once its last day is over"):
        services.close_vote(budget=budget, actor=agent)
    _close(budget, agent)
    with pytest.raises(services.ActionRefusedError, match="already closed"):
        services.close_vote(budget=budget, actor=agent)


@pytest.mark.parametrize("rule", ["greedy", "equal-shares", "mes", "phragmen", "mes-add1-greedy"])
def test_the_published_pb_file_gives_the_same_outcome(greedy_budget, agent, client, rule) -> None:
    """`commune pb tally` on the downloaded .pb file funds what the results page says."""
    greedy_budget.rule = rule
    greedy_budget.save()
    budget = _close(greedy_budget, agent)
    response = client.get(reverse("budgets:ballots_pb", kwargs={"pk": budget.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode()
    pb = read_pabulib(text)
    assert pb.meta["rule"] == rule
    assert len(pb.votes) == 9
    assert sorted(pb.selected()) == sorted(str(pid) for pid in budget.results["selected"])
    # No voter is named: voters are numbered 1…n.
    assert sorted(int(v) for v in pb.vote_column("voter_id")) == list(range(1, 10))

    out = StringIO()
    path = f"{budget.pk}.pb"
    import pathlib
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        file = pathlib.Path(folder) / path
        file.write_text(text, encoding="utf-8")
        call_command("pb", "tally", str(file), "--rule", rule, "--json", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed["selected"] == sorted(str(pid) for pid in budget.results["selected"])
    assert int(printed["total_cost"]) == budget.results["total_cost"]


def test_the_ballots_file_is_not_published_before_closing(client) -> None:
    budget = BudgetFactory()
    response = client.get(reverse("budgets:ballots_pb", kwargs={"pk": budget.pk}))
    assert response.status_code == 404


def test_cumulative_points_fund_the_projects_with_most_points(agent) -> None:
    budget = BudgetFactory(ballot_kind="cumulative", points=10, rule="greedy")
    a = BudgetProjectFactory(budget=budget, title="A", estimated_cost=70_000)
    b = BudgetProjectFactory(budget=budget, title="B", estimated_cost=50_000)
    c = BudgetProjectFactory(budget=budget, title="C", estimated_cost=30_000)
    for choices in [{a.pk: 10}, {a.pk: 5, b.pk: 5}, {b.pk: 6, c.pk: 4}]:
        services.cast_ballot(
            budget=budget, resident=ResidentFactory(), choices=choices, age_confirmed=True
        )
    budget = _close(budget, agent)
    assert budget.results["selected"] == [a.pk, c.pk]
    assert _row(budget, "B")["points"] == 11
    assert reason(_row(budget, "B"), unit="points") == (
        "Not funded: after the projects ranked above it were funded, 30,000 € remained, "
        "less than its cost of 50,000 €."
    )
    pb = read_pabulib(services.pabulib_text(budget))
    assert pb.vote_type == "cumulative"
    assert sorted(pb.selected()) == sorted([str(a.pk), str(c.pk)])


def test_a_budget_with_no_ballot_closes_with_nothing_funded(agent) -> None:
    budget = BudgetFactory()
    BudgetProjectFactory(budget=budget)
    budget = _close(budget, agent)
    assert budget.results["ballots"] == 0
    assert budget.results["selected"] == []
