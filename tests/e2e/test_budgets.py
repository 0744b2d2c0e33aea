"""A resident's ballot in a real browser: the live counter, a refusal over the budget, a change,
then the results with their explanations; every budget page passes axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from commune.accounts.models import Role
from commune.budgets import services
from tests.e2e.helpers import Axe, check_page, localized_url, log_in
from tests.factories import (
    RESIDENT_PASSWORD,
    BudgetFactory,
    BudgetProjectFactory,
    ResidentFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def budget():
    budget = BudgetFactory(amount=100_000, rule="greedy", title="Budget des quais")
    for title, cost in [("Des arbres", 60_000), ("Des bancs", 30_000), ("Une fontaine", 50_000)]:
        BudgetProjectFactory(budget=budget, title=title, estimated_cost=cost)
    return budget


def _tick(page: Page, title: str, on: bool = True) -> None:
    box = page.get_by_role("checkbox", name=title)
    box.check() if on else box.uncheck()


def _total(page: Page) -> str:
    return page.locator("#ballot-total").get_attribute("data-total") or ""


def test_a_resident_composes_changes_and_sees_the_results(page: Page, axe: Axe, budget) -> None:
    resident = ResidentFactory()
    log_in(page, resident.email, RESIDENT_PASSWORD)
    page.goto(localized_url("fr", "budgets:vote", pk=budget.pk))
    check_page(page, axe, "fr")
    counter = page.locator("#ballot-total")
    expect(counter).to_contain_text("0 €")

    # The live counter adds up as the resident ticks, and warns over the budget.
    _tick(page, "Des arbres")
    assert _total(page) == "60000"
    expect(counter).to_contain_text("60")
    _tick(page, "Une fontaine")
    assert _total(page) == "110000"
    expect(counter).to_have_class("ballot-total ballot-over")
    expect(counter).to_contain_text("Au-delà de la limite")

    # Cast anyway: the server refuses, says why, keeps the choices, writes nothing.
    page.get_by_label("Je déclare avoir au moins 16 ans.").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Déposer mon bulletin").click()
    expect(page.locator("main [role='alert']")).to_contain_text("plus que le budget")
    expect(page.get_by_role("checkbox", name="Une fontaine")).to_be_checked()
    check_page(page, axe, "fr")
    assert budget.ballots.count() == 0

    # Within the budget: cast.
    _tick(page, "Une fontaine", on=False)
    _tick(page, "Des bancs")
    assert _total(page) == "90000"
    page.get_by_label("Je déclare avoir au moins 16 ans.").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Déposer mon bulletin").click()
    expect(page.locator(".messages")).to_contain_text("Votre bulletin est dans l'urne")
    expect(page.get_by_role("checkbox", name="Des arbres")).to_be_checked()

    # Change it before the vote closes: the new ballot replaces the first.
    _tick(page, "Des arbres", on=False)
    _tick(page, "Une fontaine")
    assert _total(page) == "80000"
    page.get_by_label("Je déclare avoir au moins 16 ans.").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Modifier mon bulletin").click()
    expect(page.locator(".messages")).to_contain_text("Votre bulletin est modifié")
    assert budget.ballots.count() == 1
    assert budget.roll.count() == 1

    # Two more residents vote, then the vote ends and an agent closes it.
    ids = dict(budget.projects.values_list("title", "pk"))
    for titles in (["Une fontaine", "Des bancs"], ["Une fontaine"]):
        services.cast_ballot(
            budget=budget,
            resident=ResidentFactory(),
            choices=[ids[title] for title in titles],
            age_confirmed=True,
        )
    budget.vote_closes_on = budget.vote_opens_on
    budget.save()
    services.close_vote(budget=budget, actor=ResidentFactory(role=Role.AGENT))

    page.goto(localized_url("fr", "budgets:vote", pk=budget.pk))
    expect(page.locator("main [role='alert']")).to_contain_text("Le vote est clos.")
    page.get_by_role("link", name="Voir les résultats").click()
    results = page.locator("#results-table")
    expect(results).to_contain_text("Financé")
    expect(results).to_contain_text("Non financé")
    expect(
        page.locator("#result-" + str(budget.projects.get(title="Des arbres").pk))
    ).to_contain_text(
        "Non financé : après le financement des projets classés avant lui, il restait 20"
    )
    expect(page.locator("figure svg").first).to_be_visible()
    check_page(page, axe, "fr")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_budget_pages_pass_axe(page: Page, axe: Axe, budget, language: str) -> None:
    """Lists, the budget, a project, a submission form with errors, the agents' pages."""
    submission = BudgetFactory(phase="submission", space=budget.space)
    BudgetProjectFactory(budget=submission, status="submitted", review_reason="")
    project = budget.projects.first()
    paths = [
        localized_url(language, "budgets:list"),
        localized_url(language, "budgets:space", space_slug=budget.space.slug),
        localized_url(language, "budgets:detail", pk=budget.pk),
        localized_url(language, "budgets:detail", pk=submission.pk),
        localized_url(language, "budgets:project", pk=budget.pk, project_pk=project.pk),
        localized_url(language, "budgets:results", pk=budget.pk),
    ]
    for path in paths:
        response = page.goto(path)
        assert response is not None
        assert response.status == 200, path
        check_page(page, axe, language)

    agent = ResidentFactory(role=Role.AGENT)
    prefix = "/en" if language == "en" else ""
    log_in(page, agent.email, RESIDENT_PASSWORD, prefix=prefix)
    for path in [
        localized_url(language, "budgets:paper_ballot", pk=budget.pk),
        localized_url(language, "budgets:close", pk=budget.pk),
        localized_url(language, "budgets:submit", pk=submission.pk),
    ]:
        response = page.goto(path)
        assert response is not None
        assert response.status == 200, path
        check_page(page, axe, language)
    # The submission form sent empty comes back with its errors, themselves accessible.
    page.locator("main form button[type='submit']").click()
    page.wait_for_load_state()
    assert page.locator("main [role='alert']").count() == 1
    check_page(page, axe, language)
