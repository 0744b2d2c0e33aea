"""The language switch in the header (a plain form), and the skip link for keyboard users."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.helpers import DemoCity, focused, html_lang, path_of

pytestmark = pytest.mark.browser


def switch_language(page: Page, code: str) -> None:
    button = page.locator(f"header form button[name='language'][value='{code}']")
    with page.expect_navigation():
        button.click()


def a_council(neighbourhood: str = "Nantes Nord"):
    from commune.spaces.models import Space, SpaceKind

    return Space.objects.get(
        kind=SpaceKind.NEIGHBOURHOOD_COUNCIL, neighbourhood__name=neighbourhood
    )


def test_home_page_switches_to_english_and_back(page: Page, demo_city: DemoCity) -> None:
    """The header's button turns the home page English, and the other one back to French."""
    page.goto("/")
    assert html_lang(page) == "fr"

    switch_language(page, "en")
    assert path_of(page) == "/en/"
    assert html_lang(page) == "en"
    assert page.get_by_role("heading", name="Three pillars").is_visible()
    french = page.locator("header button[name='language'][value='fr']")
    assert french.inner_text().strip() == "Français"
    assert french.get_attribute("lang") == "fr"

    switch_language(page, "fr")
    assert path_of(page) == "/"
    assert html_lang(page) == "fr"
    assert page.locator("header button[name='language'][value='en']").inner_text().strip() == (
        "English"
    )


def test_a_space_page_stays_on_the_same_space_in_the_other_language(
    page: Page, demo_city: DemoCity
) -> None:
    """Switching language on a space's page shows that same space in the other language."""
    council = a_council()
    page.goto(f"/espaces/{council.slug}/")
    assert council.title in page.locator("h1").inner_text()

    switch_language(page, "en")
    assert path_of(page) == f"/en/espaces/{council.slug}/"
    assert html_lang(page) == "en"
    assert council.title in page.locator("h1").inner_text()
    assert page.get_by_role("heading", name="Rules of the game").is_visible()

    switch_language(page, "fr")
    assert path_of(page) == f"/espaces/{council.slug}/"
    assert html_lang(page) == "fr"
    assert council.title in page.locator("h1").inner_text()


@pytest.mark.parametrize("start", ["/", "/en/"])
def test_skip_link_is_the_first_thing_the_keyboard_reaches(
    page: Page, demo_city: DemoCity, start: str
) -> None:
    """The first Tab lands on the skip link; Enter moves the focus to the main content."""
    page.goto(start)
    page.keyboard.press("Tab")
    assert focused(page, "href") == "#main"
    assert page.evaluate("document.activeElement.getBoundingClientRect().height") > 0, (
        "the focused skip link is not visible"
    )
    page.keyboard.press("Enter")
    assert focused(page, "id") == "main"
