"""Assisted participation in a real browser: an agent opens an account without e-mail for a
resident at the desk, prints the code, enters a contribution and a support on their behalf;
the resident logs in with the code and sees the contribution marked as entered with help."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from commune.accounts.models import Role
from commune.contributions.models import Contribution, Support
from tests.assisted.conftest import MARK, WRONG_CODE, in_french
from tests.e2e.helpers import PHONE, Axe, check_page, localized_url, log_in
from tests.factories import (
    RESIDENT_PASSWORD,
    CityServiceFactory,
    ContributionFactory,
    NeighbourhoodFactory,
    ResidentFactory,
    SpaceFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_agent_helps_a_resident_without_e_mail_who_then_logs_in_with_the_code(
    page: Page, new_context, axe: Axe
) -> None:
    NeighbourhoodFactory(name="Nantes Nord")
    space = SpaceFactory(title="Concertation des quais", components=["contributions"])
    other = ContributionFactory(space=space, title="Des arbres quai de la Fosse")
    agent = ResidentFactory(
        role=Role.AGENT, display_name="Agent Durand", service=CityServiceFactory(name="Accueil")
    )
    log_in(page, agent.email, RESIDENT_PASSWORD)

    # Find nobody, then open an account for the resident at the desk.
    page.goto(localized_url("fr", "accounts:assist"))
    check_page(page, axe, "fr")
    page.goto(localized_url("fr", "accounts:assist_open"))
    check_page(page, axe, "fr")
    page.locator("input[name='display_name']").fill("Aïcha")
    page.locator("select[name='neighbourhood']").select_option(label="Nantes Nord")
    page.locator("input[name='how'][value='in_person']").check()
    page.locator("input[name='phone']").fill("06 12 34 56 78")
    with page.expect_navigation():
        page.locator("main form button[type='submit']").click()

    # The printable code page: the code, the city, how to log in; print shows only the sheet.
    check_page(page, axe, "fr")
    code = page.locator("#access-code").inner_text().strip()
    assert len(code) == 14
    expect(page.locator("main")).to_contain_text("/compte/connexion/")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("#access-code")).to_be_visible()
    page.emulate_media(media="screen")

    # On the resident's behalf: a contribution, then a support.
    with page.expect_navigation():
        page.locator("main .no-print a").click()
    check_page(page, axe, "fr")
    with page.expect_navigation():
        page.get_by_role("link", name="Concertation des quais").click()
    check_page(page, axe, "fr")
    page.locator("input[name='kind'][value='idea']").check()
    page.locator("input[name='title']").fill("Un banc devant la poste")
    page.locator("textarea[name='body']").fill("Pour se reposer en attendant son tour.")
    with page.expect_navigation():
        page.locator("main form button[type='submit']").click()
    check_page(page, axe, "fr")
    page.locator("input[name='contribution']").fill(str(other.pk))
    with page.expect_navigation():
        page.locator("form[action$='/soutien/'] button").click()
    check_page(page, axe, "fr")
    contribution = Contribution.objects.get(title="Un banc devant la poste")
    assert contribution.entered_by_id == agent.pk
    assert Support.objects.get(contribution=other).assisted_by_id == agent.pk

    # The resident logs in with the code, in their own browser, and sees it all as theirs.
    resident_page = new_context().new_page()
    # A mistyped code: one generic error, on a page that passes axe too.
    resident_page.goto(localized_url("fr", "accounts:code_login"))
    check_page(resident_page, axe, "fr")
    resident_page.locator("input[name='code']").fill("AAAA-BBBB-CCCC")
    with resident_page.expect_navigation():
        resident_page.locator("main form button[type='submit']").click()
    check_page(resident_page, axe, "fr")
    expect(resident_page.locator("main")).to_contain_text(in_french(WRONG_CODE))
    resident_page.goto(localized_url("fr", "accounts:login"))
    check_page(resident_page, axe, "fr")
    resident_page.locator("#id_code").fill(code)
    with resident_page.expect_navigation():
        resident_page.locator("form[action$='/connexion/code/'] button").click()
    check_page(resident_page, axe, "fr")
    expect(resident_page.locator("main")).to_contain_text("Un banc devant la poste")
    expect(resident_page.locator("main")).to_contain_text("Accueil")
    resident_page.goto(localized_url("fr", "accounts:add_email"))  # optional, offered
    check_page(resident_page, axe, "fr")
    resident_page.goto(contribution.get_absolute_url())
    check_page(resident_page, axe, "fr")
    expect(resident_page.locator("main")).to_contain_text(in_french(MARK))
    expect(resident_page.locator("main")).not_to_contain_text("Agent Durand")


@pytest.mark.parametrize("viewport", [PHONE])
def test_the_agents_pages_and_the_code_sheet_fit_a_phone(page: Page, axe: Axe) -> None:
    """At 375 pixels wide nothing scrolls sideways, the code included."""
    agent = ResidentFactory(role=Role.AGENT)
    log_in(page, agent.email, RESIDENT_PASSWORD)
    page.goto(localized_url("fr", "accounts:assist_open"))
    page.locator("input[name='display_name']").fill("Bernard")
    page.locator("input[name='how'][value='phone']").check()
    with page.expect_navigation():
        page.locator("main form button[type='submit']").click()
    check_page(page, axe, "fr")
    expect(page.locator("#access-code")).to_be_visible()
    _assert_no_sideways_scroll(page)
    with page.expect_navigation():
        page.locator("main .no-print a").click()
    check_page(page, axe, "fr")
    _assert_no_sideways_scroll(page)


def _assert_no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        "[...document.querySelectorAll('main *')].filter(e => e.scrollWidth > 375)"
        ".map(e => e.tagName + '.' + e.className).slice(0, 5)"
    )
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a phone: {wide}"
