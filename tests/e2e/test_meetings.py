"""The meetings pages with factory data pass axe: lists, a full meeting, the agents' page."""

from __future__ import annotations

import pytest
from django.utils import timezone

from commune.accounts.models import Role
from tests.e2e.helpers import html_lang, log_in
from tests.factories import (
    RESIDENT_PASSWORD,
    AgendaItemFactory,
    AttendanceFactory,
    MeetingFactory,
    RegistrationFactory,
    ResidentFactory,
    SpaceFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_meetings_pages_pass_axe(page, axe, prefix: str) -> None:
    space = SpaceFactory(components=["meetings"], slug="quais")
    full = MeetingFactory(
        space=space,
        registration_required=True,
        capacity=1,
        step_free_access=True,
        childcare=True,
        other_language_interpreting="arabe",
        online_url="https://visio.example.org/atelier",
    )
    RegistrationFactory(meeting=full)
    MeetingFactory(space=space, cancelled_at=timezone.now())
    agent = ResidentFactory(role=Role.AGENT)

    paths = [
        "/rencontres/",
        "/rencontres/?step_free=on&childcare=on",
        "/rencontres/espace/quais/",
        f"/rencontres/{full.pk}/",
        f"/espaces/{space.slug}/",
    ]
    for path in paths:
        response = page.goto(prefix + path)
        assert response is not None
        assert response.status == 200, path
        assert html_lang(page) == ("en" if prefix else "fr")
        assert page.locator("h1").count() == 1
        axe.assert_clean(page)

    log_in(page, agent.email, RESIDENT_PASSWORD, prefix=prefix)
    for path in (f"/rencontres/{full.pk}/", f"/rencontres/{full.pk}/inscription-telephone/"):
        response = page.goto(prefix + path)
        assert response is not None
        assert response.status == 200, path
        axe.assert_clean(page)
    page.get_by_label("Nom de la personne" if not prefix else "Name of the person").fill("")
    page.locator("main form button[type='submit']").last.click()
    assert page.locator("main [role='alert']").count() == 1
    axe.assert_clean(page)  # the form with its errors


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_past_meeting_and_the_attendance_form_pass_axe(page, axe, prefix: str) -> None:
    """After a meeting: its figures for everyone, the agents' attendance form with errors."""
    came = AttendanceFactory()
    meeting = came.meeting
    agent = ResidentFactory(role=Role.AGENT)

    response = page.goto(f"{prefix}/rencontres/{meeting.pk}/")
    assert response is not None
    assert response.status == 200
    axe.assert_clean(page)

    log_in(page, agent.email, RESIDENT_PASSWORD, prefix=prefix)
    response = page.goto(f"{prefix}/rencontres/{meeting.pk}/presences/")
    assert response is not None
    assert response.status == 200
    assert page.locator("h1").count() == 1
    axe.assert_clean(page)
    form = page.locator("main form").filter(has=page.locator("[name='walk_in_emails']")).first
    form.locator("[name='walk_in_emails']").fill("nobody-with-this-address@example.org")
    with page.expect_navigation():
        form.locator("button[type='submit']").last.click()
    assert page.locator("main .errorlist").count() >= 1
    axe.assert_clean(page)  # the form with its errors


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_agenda_and_its_management_pass_axe(page, axe, prefix: str) -> None:
    """Residents' items on the meeting page; the organiser's page, with two items to decide."""
    first = AgendaItemFactory(title="Les bancs du square")
    meeting = first.meeting
    AgendaItemFactory(meeting=meeting, title="Éclairage de la rue")
    agent = ResidentFactory(role=Role.AGENT)
    resident = ResidentFactory()

    log_in(page, resident.email, RESIDENT_PASSWORD, prefix=prefix)
    response = page.goto(f"{prefix}/rencontres/{meeting.pk}/")
    assert response is not None
    assert response.status == 200
    assert page.get_by_text("Les bancs du square").count() >= 1
    axe.assert_clean(page)
    page.context.clear_cookies()

    log_in(page, agent.email, RESIDENT_PASSWORD, prefix=prefix)
    response = page.goto(f"{prefix}/rencontres/{meeting.pk}/ordre-du-jour/")
    assert response is not None
    assert response.status == 200
    axe.assert_clean(page)
    form = page.locator("main form").filter(has=page.locator("input[value='set_aside']")).first
    form.locator("input[value='set_aside']").check()
    with page.expect_navigation():
        form.locator("button[type='submit']").click()
    assert page.locator("main .errorlist").count() >= 1  # a reason is required
    axe.assert_clean(page)
