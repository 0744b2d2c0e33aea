"""In a browser: the accountability pages pass axe-core, and an agent answers without JavaScript.

The crawl of test_accessibility reaches the public pages; this file adds the agents' pages,
forms coming back with errors, and the answer given with JavaScript off.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page

from commune.accountability import services
from commune.accounts.models import Resident
from commune.contributions.models import Contribution, Status
from tests.accountability.conftest import submitted
from tests.e2e.helpers import (
    Axe,
    DemoCity,
    check_page,
    localized_url,
    log_in,
    main_form_with,
    submit_button,
)
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


def _public_pages(language: str, data: dict[str, int | str]) -> list[str]:
    return [
        localized_url(language, "accountability:city"),
        localized_url(language, "accountability:space", space_slug=data["space"]),
        localized_url(language, "accountability:decisions"),
        localized_url(language, "accountability:decisions") + f"?space={data['space']}",
        localized_url(language, "accountability:decision", pk=data["decision"]),
        localized_url(language, "contributions:detail", pk=data["answered"]),
        localized_url(language, "contributions:detail", pk=data["overdue"]),
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
        check_page(page, axe, language)


def test_the_agents_pages_are_accessible_with_and_without_errors(
    page: Page,
    axe: Axe,
    demo_city: DemoCity,
    accountability_data: dict[str, int | str],
) -> None:
    log_in(page, demo_city.agent, demo_city.password)
    data = accountability_data
    for url in [
        localized_url("fr", "accountability:answer", pk=data["waiting"]),
        localized_url("fr", "accountability:new_decision") + f"?space={data['space']}",
        localized_url("fr", "accountability:new_commitment", pk=data["decision"]),
        localized_url("fr", "accountability:commitment_progress", pk=data["commitment"]),
        *_public_pages("fr", data),
    ]:
        page.goto(url)
        check_page(page, axe, "fr")
    # A rejection without a reason comes back with the error, itself accessible.
    page.goto(localized_url("fr", "accountability:answer", pk=data["waiting"]))
    form = main_form_with(page, "textarea[name='answer']")
    form.locator(f"input[name='status'][value='{Status.REJECTED}']").check()
    with page.expect_navigation():
        submit_button(form).click()
    assert page.locator("#id_answer_error").count() == 1
    check_page(page, axe, "fr")


def test_an_agent_answers_without_javascript_and_the_public_sees_it(
    new_context: Callable[..., BrowserContext],
    demo_city: DemoCity,
    accountability_data: dict[str, int | str],
) -> None:
    """The issue's scenario: an agent answers "partly accepted, with a reason"; it is public."""
    page = new_context(java_script_enabled=False).new_page()
    log_in(page, demo_city.agent, demo_city.password)
    page.goto(localized_url("fr", "accountability:answer", pk=accountability_data["waiting"]))
    form = main_form_with(page, "textarea[name='answer']")
    form.locator(f"input[name='status'][value='{Status.PARTLY_ACCEPTED}']").check()
    form.locator("textarea[name='answer']").fill("Deux fontaines sur les trois proposées.")
    with page.expect_navigation():
        submit_button(form).click()
    assert page.url.endswith(
        localized_url("fr", "contributions:detail", pk=accountability_data["waiting"])
    )

    visitor = new_context(java_script_enabled=False).new_page()
    visitor.goto(localized_url("fr", "contributions:detail", pk=accountability_data["waiting"]))
    timeline = visitor.locator("ol.status-timeline li").all_inner_texts()
    assert len(timeline) == 2
    assert "Deux fontaines sur les trois proposées." in timeline[-1]
    agent = Resident.objects.get(email=demo_city.agent)
    assert agent.display_name not in timeline[-1]
