"""A meeting's minutes, room votes, decisions and documents, and the agents' page, under axe."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from commune.accounts.models import Role
from commune.core.demo.minutes import tiny_pdf
from commune.meetings import minutes
from commune.meetings.models import Minutes
from tests.e2e.helpers import check_page, localized_url, log_in, main_form_with, submit_button
from tests.factories import (
    RESIDENT_PASSWORD,
    AgendaItemFactory,
    CityServiceFactory,
    ContributionFactory,
    MeetingFactory,
    ResidentFactory,
    SpaceFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _meeting_with_a_record(agent):
    """Yesterday's assembly with minutes (one <script> in them), two votes, a decision, a PDF."""
    space = SpaceFactory(components=["meetings", "contributions"], slug="conseil-des-quais")
    starts_at = timezone.now() - datetime.timedelta(days=1)
    meeting = MeetingFactory(
        space=space,
        kind="general_assembly",
        title="Assemblée générale des quais",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
    )
    item = AgendaItemFactory(meeting=meeting, title="L'ombre sur les quais")
    contribution = ContributionFactory(space=space, title="Des arbres sur le quai")
    minutes.publish_minutes(
        meeting=meeting,
        actor=agent,
        body=(
            "### Ouverture\n\nLa séance est **ouverte** à 18 h 40.\n\n"
            "- bilan de l'année ;\n- l'ombre sur les quais.\n\n"
            '<script>window.scriptRan = true; alert("x")</script>'
        ),
    )
    decision = minutes.record_meeting_decision(
        meeting=meeting,
        actor=agent,
        title="Planter vingt arbres sur le quai",
        body="Le conseil demande vingt arbres.",
        decided_by="Conseil des quais",
        contributions=[contribution],
    )
    minutes.record_vote(
        meeting=meeting,
        actor=agent,
        motion="Planter vingt arbres sur le quai.",
        votes_for=24,
        votes_against=3,
        abstentions=5,
        agenda_item=item,
        decision=decision,
    )
    minutes.record_vote(
        meeting=meeting,
        actor=agent,
        motion="Fermer le quai aux voitures le dimanche.",
        votes_for=12,
        votes_against=12,
        abstentions=4,
    )
    minutes.attach_document(
        meeting=meeting,
        actor=agent,
        title="Compte rendu (PDF)",
        kind="minutes",
        upload=ContentFile(tiny_pdf(["Compte rendu"]), name="cr.pdf"),
    )
    return meeting, decision


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_meeting_with_its_minutes_and_the_agents_page_pass_axe(page, axe, language) -> None:
    agent = ResidentFactory(role=Role.AGENT, service=CityServiceFactory(name="Participation"))
    meeting, decision = _meeting_with_a_record(agent)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # The public meeting page: minutes, votes with the rule, the decision, the document.
    page.goto(localized_url(language, "meetings:detail", pk=meeting.pk))
    check_page(page, axe, language)
    main = page.locator("main")
    assert main.locator("#minutes-title").count() == 1
    assert main.locator("table.votes tbody tr").count() == 2
    assert main.get_by_text("Planter vingt arbres sur le quai").count() >= 1
    decision_url = localized_url(language, "accountability:decision", pk=decision.pk)
    assert main.locator(f"a[href='{decision_url}']").count() >= 1
    assert main.locator("ul.documents a[download]").count() == 1
    assert page.evaluate("window.scriptRan === undefined")
    assert dialogs == []

    # The decision says where it was taken, with a link back.
    page.goto(decision_url)
    check_page(page, axe, language)
    back = page.locator("main .decision-facts a").filter(has_text=meeting.title)
    assert back.count() == 1

    # The agents' page, then a vote with a negative count: errors, nothing saved.
    prefix = "/en" if language == "en" else ""
    log_in(page, agent.email, RESIDENT_PASSWORD, prefix=prefix)
    page.goto(localized_url(language, "meetings:minutes_manage", pk=meeting.pk))
    check_page(page, axe, language)
    form = main_form_with(page, "input[value='vote']")
    form.locator("[name='vote-motion']").fill("Une motion mal comptée")
    form.locator("[name='vote-votes_for']").fill("-4")
    form.locator("[name='vote-votes_against']").fill("2")
    form.locator("[name='vote-abstentions']").fill("1")
    with page.expect_navigation():
        submit_button(form).click()
    assert page.locator("main [role='alert']").count() == 1
    assert page.locator("#id_vote-votes_for[aria-invalid='true']").count() == 1
    check_page(page, axe, language)  # the page with the form's errors
    assert meeting.votes.count() == 2


def test_before_the_meeting_the_agents_page_says_minutes_wait(page, axe) -> None:
    """An upcoming meeting: the page explains, and documents can already be attached."""
    agent = ResidentFactory(role=Role.AGENT)
    meeting = MeetingFactory()
    log_in(page, agent.email, RESIDENT_PASSWORD)
    page.goto(localized_url("fr", "meetings:minutes_manage", pk=meeting.pk))
    check_page(page, axe, "fr")
    assert page.locator("main [role='note']").count() == 1
    form = main_form_with(page, "input[value='minutes']")
    form.locator("[name='minutes-body']").fill("Écrit trop tôt.")
    with page.expect_navigation():
        submit_button(form).click()
    assert page.locator("main [role='alert']").count() >= 1
    check_page(page, axe, "fr")
    assert not Minutes.objects.filter(meeting=meeting).exists()
