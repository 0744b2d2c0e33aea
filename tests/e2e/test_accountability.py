"""In a browser: the accountability pages pass axe-core, and an agent answers without JavaScript.

The crawl of test_accessibility reaches the public pages; this file adds the agents' pages,
forms coming back with errors, and the answer given with JavaScript off.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import BrowserContext, Page

from commune.accountability import services
from commune.accounts.models import Resident
from commune.contributions.models import Contribution, Status
from tests.accountability.conftest import submitted
from tests.e2e.helpers import Axe, DemoCity, html_lang, log_in, main_form_with, submit_button
from tests.factories import CommitmentFactory, DecisionFactory, SpaceFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def accountability_data(demo_city: DemoCity) -> dict[str, int | str]:
    """On top of the demo city: answered, overdue and waiting contributions, a decision."""
    agent = Resident.objects.get(email=demo_city.agent)
    elected = Resident.objects.get(email=demo_city.elected)
    space = SpaceFactory(title="Concertation des quais", slug="quais-a11y", answer_delay_days=10)

    def contribution(title: str, days_ago: int) -> Contribution:
        created = submitted(days_ago)
        made = Contribution.objects.create(
            space=space,
            title=title,
            body="Texte",
            body_html="<p>Texte</p>",
            pillar="participation",
            channel="paper",
            author_name="Jeanne",
            created_at=created,
            due_on=timezone.localtime(created).date() + datetime.timedelta(days=10),
        )
        services.record_received(contribution=made)
        return made

    answered = contribution("Des bancs à l'ombre", 20)
    services.answer_contribution(
        contribution=answered,
        status=Status.PARTLY_ACCEPTED,
        answer="Oui pour **deux** bancs, pas pour cinq.",
        actor=agent,
        signed_by=elected,
    )
    overdue = contribution("Un composteur", 15)
    waiting = contribution("Des fontaines", 2)
    decision = DecisionFactory(space=space, title="Délibération sur le mobilier")
    decision.contributions.add(answered)
    commitment = CommitmentFactory(decision=decision, title="Installer deux bancs")
    services.record_progress(commitment=commitment, progress=40, text="Commandés.", actor=agent)
    return {
        "space": space.slug,
        "answered": answered.pk,
        "overdue": overdue.pk,
        "waiting": waiting.pk,
        "decision": decision.pk,
        "commitment": commitment.pk,
    }


def _url(language: str, name: str, **kwargs: object) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def _check(page: Page, axe: Axe, language: str) -> None:
    assert page.title().strip(), f"{page.url} has an empty <title>"
    assert page.locator("h1").count() == 1, f"{page.url} does not have exactly one <h1>"
    assert html_lang(page) == language
    axe.assert_clean(page)


def _public_pages(language: str, data: dict[str, int | str]) -> list[str]:
    return [
        _url(language, "accountability:city"),
        _url(language, "accountability:space", space_slug=data["space"]),
        _url(language, "accountability:decisions"),
        _url(language, "accountability:decisions") + f"?space={data['space']}",
        _url(language, "accountability:decision", pk=data["decision"]),
        _url(language, "contributions:detail", pk=data["answered"]),
        _url(language, "contributions:detail", pk=data["overdue"]),
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_public_pages_are_accessible(
    page: Page,
    axe: Axe,
    accountability_data: dict[str, int | str],
    language: str,
) -> None:
    for url in _public_pages(language, accountability_data):
        response = page.goto(url)
        assert response is not None
        assert response.status == 200, url
        _check(page, axe, language)


def test_the_agents_pages_are_accessible_with_and_without_errors(
    page: Page,
    axe: Axe,
    demo_city: DemoCity,
    accountability_data: dict[str, int | str],
) -> None:
    log_in(page, demo_city.agent, demo_city.password)
    data = accountability_data
    for url in [
        _url("fr", "accountability:answer", pk=data["waiting"]),
        _url("fr", "accountability:new_decision") + f"?space={data['space']}",
        _url("fr", "accountability:new_commitment", pk=data["decision"]),
        _url("fr", "accountability:commitment_progress", pk=data["commitment"]),
        *_public_pages("fr", data),
    ]:
        page.goto(url)
        _check(page, axe, "fr")
    # A rejection without a reason comes back with the error, itself accessible.
    page.goto(_url("fr", "accountability:answer", pk=data["waiting"]))
    form = main_form_with(page, "textarea[name='answer']")
    form.locator(f"input[name='status'][value='{Status.REJECTED}']").check()
    with page.expect_navigation():
        submit_button(form).click()
    assert page.locator("#id_answer_error").count() == 1
    _check(page, axe, "fr")


def test_an_agent_answers_without_javascript_and_the_public_sees_it(
    new_context: Callable[..., BrowserContext],
    demo_city: DemoCity,
    accountability_data: dict[str, int | str],
) -> None:
    """The issue's scenario: an agent answers "partly accepted, with a reason"; it is public."""
    page = new_context(java_script_enabled=False).new_page()
    log_in(page, demo_city.agent, demo_city.password)
    page.goto(_url("fr", "accountability:answer", pk=accountability_data["waiting"]))
    form = main_form_with(page, "textarea[name='answer']")
    form.locator(f"input[name='status'][value='{Status.PARTLY_ACCEPTED}']").check()
    form.locator("textarea[name='answer']").fill("Deux fontaines sur les trois proposées.")
    with page.expect_navigation():
        submit_button(form).click()
    assert page.url.endswith(_url("fr", "contributions:detail", pk=accountability_data["waiting"]))

    visitor = new_context(java_script_enabled=False).new_page()
    visitor.goto(_url("fr", "contributions:detail", pk=accountability_data["waiting"]))
    timeline = visitor.locator("ol.status-timeline li").all_inner_texts()
    assert len(timeline) == 2
    assert "Deux fontaines sur les trois proposées." in timeline[-1]
    agent = Resident.objects.get(email=demo_city.agent)
    assert agent.display_name not in timeline[-1]
