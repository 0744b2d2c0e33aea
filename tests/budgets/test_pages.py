"""The budget pages through HTTP: the ballot without JavaScript, agents' pages, exports."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from commune.budgets.models import Ballot, RollEntry
from tests.factories import BudgetFactory, BudgetProjectFactory, ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget():
    budget = BudgetFactory(amount=100_000)
    for title, cost in [("Arbres", 40_000), ("Bancs", 30_000), ("Fontaine", 50_000)]:
        BudgetProjectFactory(budget=budget, title=title, estimated_cost=cost)
    return budget


def _ids(budget, *titles):
    return [budget.projects.get(title=title).pk for title in titles]


def _vote_url(budget):
    return reverse("budgets:vote", kwargs={"pk": budget.pk})


def test_the_ballot_shows_the_projects_their_cost_and_the_total(client, budget, resident) -> None:
    client.force_login(resident)
    page = client.get(_vote_url(budget)).content.decode()
    assert "Arbres" in page
    assert "40,000 €" in page
    assert "Your choices: 0 € of 100,000 €." in page
    assert 'data-cost="40000"' in page
    assert "budgets/ballot.js" in page


def test_a_ballot_over_the_budget_is_shown_again_with_its_error(client, budget, resident) -> None:
    client.force_login(resident)
    response = client.post(
        _vote_url(budget),
        {"projects": _ids(budget, "Arbres", "Fontaine", "Bancs"), "age_confirmed": "on"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your choices add up to 120,000 €, more than the budget of 100,000 €." in page
    assert "Your choices: 120,000 € of 100,000 €." in page
    assert len(re.findall(r'name="projects"[^>]* checked', page)) == 3  # choices kept
    assert not Ballot.objects.exists()
    assert not RollEntry.objects.exists()


def test_adding_up_shows_the_total_without_casting(client, budget, resident) -> None:
    client.force_login(resident)
    response = client.post(
        _vote_url(budget), {"projects": _ids(budget, "Arbres", "Bancs"), "action": "add-up"}
    )
    assert "Your choices: 70,000 € of 100,000 €." in response.content.decode()
    assert not Ballot.objects.exists()


def test_casting_then_changing_a_ballot(client, budget, resident) -> None:
    client.force_login(resident)
    response = client.post(
        _vote_url(budget), {"projects": _ids(budget, "Arbres"), "age_confirmed": "on"}
    )
    assert response.status_code == 302
    page = client.get(_vote_url(budget)).content.decode()
    assert "Change my ballot" in page
    assert len(re.findall(r'name="projects"[^>]* checked', page)) == 1
    client.post(
        _vote_url(budget), {"projects": _ids(budget, "Bancs", "Fontaine"), "age_confirmed": "on"}
    )
    assert Ballot.objects.count() == 1
    assert sorted(p for p, _ in Ballot.objects.get().choices) == sorted(
        _ids(budget, "Bancs", "Fontaine")
    )


def test_a_project_of_another_budget_is_refused_by_the_page(client, budget, resident) -> None:
    other = BudgetProjectFactory(estimated_cost=10)
    client.force_login(resident)
    response = client.post(_vote_url(budget), {"projects": [other.pk], "age_confirmed": "on"})
    assert "not on this budget&#x27;s ballot" in response.content.decode()
    assert not Ballot.objects.exists()


def test_the_age_must_be_declared(client, budget, resident) -> None:
    client.force_login(resident)
    response = client.post(_vote_url(budget), {"projects": _ids(budget, "Bancs")})
    assert "Confirm that you are at least 16 years old." in response.content.decode()
    assert not Ballot.objects.exists()


def test_no_ballot_after_the_vote(client, resident) -> None:
    budget = BudgetFactory(phase="counting")
    project = BudgetProjectFactory(budget=budget)
    client.force_login(resident)
    response = client.post(_vote_url(budget), {"projects": [project.pk], "age_confirmed": "on"})
    assert response.status_code == 200
    assert "The vote is closed." in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_project_is_refused_outside_the_submission_phase(client, budget, resident) -> None:
    client.force_login(resident)
    response = client.post(
        reverse("budgets:submit", kwargs={"pk": budget.pk}),
        {"title": "Trop tard", "description": "…", "estimated_cost": "10"},
    )
    assert "does not take projects at the moment" in response.content.decode()
    assert budget.projects.count() == 3


def test_an_agent_publishes_a_review_with_a_revised_cost(client, agent) -> None:
    budget = BudgetFactory(phase="review")
    project = BudgetProjectFactory(budget=budget, status="submitted", review_reason="")
    client.force_login(agent)
    url = reverse("budgets:review", kwargs={"pk": budget.pk, "project_pk": project.pk})
    response = client.post(
        url, {"decision": "feasible", "reason": "Faisable avec l'accord de l'école.",
              "revised_cost": "52000"}
    )  # fmt: skip
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == "eligible"
    assert project.cost == 52_000
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Faisable avec l&#x27;accord de l&#x27;école." in page
    assert "52,000 € after review" in page


def test_a_review_needs_a_reason(client, agent) -> None:
    budget = BudgetFactory(phase="review")
    project = BudgetProjectFactory(budget=budget, status="submitted", review_reason="")
    client.force_login(agent)
    url = reverse("budgets:review", kwargs={"pk": budget.pk, "project_pk": project.pk})
    response = client.post(url, {"decision": "not_feasible", "reason": ""})
    assert response.status_code == 200
    project.refresh_from_db()
    assert project.status == "submitted"


def test_residents_cannot_review(client, budget, resident) -> None:
    client.force_login(resident)
    project = budget.projects.first()
    url = reverse("budgets:review", kwargs={"pk": budget.pk, "project_pk": project.pk})
    assert client.post(url, {"decision": "feasible", "reason": "x"}).status_code == 403


def test_an_agent_enters_paper_ballots_and_the_roll_refuses_a_second(client, budget, agent) -> None:
    voter = ResidentFactory()
    client.force_login(agent)
    url = reverse("budgets:paper_ballot", kwargs={"pk": budget.pk})
    data = {"resident_email": voter.email, "projects": _ids(budget, "Bancs"), "age_confirmed": "on"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data | {"projects": _ids(budget, "Arbres")})
    assert response.status_code == 200
    assert "is already on the roll" in response.content.decode()
    assert Ballot.objects.count() == 1
    assert RollEntry.objects.get().channel == "paper"


def test_closing_the_vote_publishes_the_results(client, budget, agent) -> None:
    voters = ResidentFactory.create_batch(3)
    for voter in voters:
        client.force_login(voter)
        client.post(_vote_url(budget), {"projects": _ids(budget, "Arbres"), "age_confirmed": "on"})
    budget.vote_closes_on = budget.vote_opens_on
    budget.save()
    client.force_login(agent)
    response = client.post(reverse("budgets:close", kwargs={"pk": budget.pk}), {"confirm": "on"})
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "<svg" in page
    assert 'id="results-table"' in page
    assert "Funded: when its turn came" in page
    assert "Not funded: nobody voted for it." in page or "Not funded" in page
    csv = b"".join(
        client.get(reverse("budgets:results_export", kwargs={"pk": budget.pk})).streaming_content
    ).decode()
    assert "Arbres" in csv
    assert "Funded" in csv.splitlines()[0]


def test_exports_list_the_budgets_and_the_projects(client, budget) -> None:
    listing = b"".join(client.get(reverse("budgets:export")).streaming_content).decode()
    assert budget.title in listing
    projects = b"".join(
        client.get(reverse("budgets:projects_export", kwargs={"pk": budget.pk})).streaming_content
    ).decode()
    assert "Arbres" in projects
    assert "Faisable" in projects


def test_the_budget_page_takes_a_constant_number_of_queries(
    client, budget, django_assert_max_num_queries
) -> None:
    BudgetProjectFactory.create_batch(10, budget=budget)
    with django_assert_max_num_queries(12):
        response = client.get(budget.get_absolute_url())
    assert response.status_code == 200
