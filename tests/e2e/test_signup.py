"""A new resident signs up, confirms her e-mail address and joins her neighbourhood council."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import Page

from tests.e2e.helpers import (
    PHONE,
    DemoCity,
    is_logged_in,
    main_form_with,
    path_of,
    submit_button,
    tab_to,
)

pytestmark = pytest.mark.browser

EMAIL = "amina.benali@example.org"
PUBLIC_NAME = "Amina B."
PASSWORD = "Quartier-du-Nord-2026!"


def confirmation_path(live_server_url: str) -> str:
    """The path of the link in the one confirmation e-mail sent to the new resident."""
    sent = [message for message in mail.outbox if EMAIL in message.to]
    assert len(sent) == 1, f"expected one e-mail to {EMAIL}, got {len(sent)}"
    message = sent[0]
    bodies = [message.body] + [content for content, _type in getattr(message, "alternatives", [])]
    links = {
        link
        for body in bodies
        for link in re.findall(r"https?://[^\s\"'<>]+", body)
        if urlsplit(link).path not in {"", "/"}
    }
    assert len(links) == 1, f"expected one confirmation link in the e-mail, got {links}"
    parts = urlsplit(links.pop())
    assert parts.netloc == urlsplit(live_server_url).netloc, (
        f"the link points at {parts.netloc}, not at the site the resident signed up on"
    )
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.mark.parametrize("viewport", [PHONE])
def test_a_new_resident_signs_up_and_joins_her_neighbourhood_council(
    page: Page, live_server, demo_city: DemoCity
) -> None:
    """Sign-up by keyboard alone on a phone, e-mail confirmation, then her neighbourhood."""
    from commune.accounts.models import Resident
    from commune.spaces.models import Space, SpaceKind

    page.goto("/compte/inscription/")
    assert page.locator("h1").count() == 1

    # Keyboard only: Tab to each field, type, and send the form with Enter.
    tab_to(page, "email")
    page.keyboard.type(EMAIL)
    tab_to(page, "display_name")
    page.keyboard.type(PUBLIC_NAME)
    tab_to(page, "password1")
    page.keyboard.type(PASSWORD)
    tab_to(page, "password2")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    errors = page.locator("main .errorlist").all_inner_texts()
    assert not errors, f"the sign-up form was refused: {errors}"

    resident = Resident.objects.get(email=EMAIL)
    assert resident.display_name == PUBLIC_NAME
    assert not resident.email_confirmed

    page.goto(confirmation_path(live_server.url))
    assert path_of(page) == "/compte/quartier/", f"not asked for a neighbourhood: {page.url}"
    assert page.get_by_role("radio").count() >= demo_city.neighbourhood_count
    page.get_by_role("radio", name="Nantes Nord", exact=True).check()
    form = main_form_with(page, "input[type='radio']")
    with page.expect_navigation():
        submit_button(form).click()

    council = Space.objects.get(
        kind=SpaceKind.NEIGHBOURHOOD_COUNCIL, neighbourhood__name="Nantes Nord"
    )
    assert path_of(page).startswith("/espaces/"), f"not on a space page: {page.url}"
    assert council.title in page.locator("h1").inner_text()
    assert is_logged_in(page)

    resident.refresh_from_db()
    assert resident.email_confirmed
    assert resident.neighbourhood is not None
    assert resident.neighbourhood.name == "Nantes Nord"


def test_sign_up_refuses_mismatched_passwords(page: Page, demo_city: DemoCity) -> None:
    """Two different passwords: the form comes back with an error and no account is made."""
    from commune.accounts.models import Resident

    page.goto("/compte/inscription/")
    form = main_form_with(page, "input[type='password']")
    form.locator("input[name='email']").fill(EMAIL)
    form.locator("input[name='display_name']").fill(PUBLIC_NAME)
    form.locator("input[name='password1']").fill(PASSWORD)
    form.locator("input[name='password2']").fill(PASSWORD + "x")
    with page.expect_navigation():
        submit_button(form).click()
    assert path_of(page) == "/compte/inscription/"
    assert page.locator("main .errorlist").count() > 0
    assert not Resident.objects.filter(email=EMAIL).exists()
    assert not mail.outbox
