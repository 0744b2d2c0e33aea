"""In a browser: the participation figures and the evaluation report pass axe-core, in
French and English, on a desktop and a phone, and the period form works without JavaScript."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from commune.insights.periods import containing
from commune.meetings.models import Meeting
from commune.spaces.models import Space
from tests.e2e.helpers import PHONE, Axe, DemoCity, check_page, localized_url

pytestmark = pytest.mark.browser

BOTTIERE = "doulon-bottiere"


def _pages(language: str) -> list[str]:
    council = Space.objects.get(kind="neighbourhood_council", neighbourhood__slug=BOTTIERE)
    workshop = Meeting.objects.filter(space=council, kind="workshop").order_by("starts_at").last()
    return [
        localized_url(language, "insights:city"),
        localized_url(language, "insights:neighbourhood", slug=BOTTIERE),
        localized_url(language, "insights:space", slug=council.slug),
        localized_url(language, "insights:meeting", pk=workshop.pk),
        localized_url(language, "insights:report", slug=council.slug),
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_figures_and_the_report_are_accessible(
    page: Page, axe: Axe, demo_city: DemoCity, language: str
) -> None:
    for path in _pages(language):
        response = page.goto(path)
        assert response is not None
        assert response.status == 200, path
        expect(page.locator("#cross-table")).to_be_visible()
        check_page(page, axe, language)


@pytest.mark.parametrize("viewport", [PHONE])
def test_on_a_phone_the_neighbourhood_shows_men_of_30_to_44_and_the_form_works_without_js(
    new_context, axe: Axe, demo_city: DemoCity
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(localized_url("fr", "insights:neighbourhood", slug=BOTTIERE))
    expect(page.locator("h1")).to_contain_text("Doulon – Bottière")
    expect(page.locator("#paired-chart-desc")).to_contain_text("Homme, 30 à 44 ans")
    year = containing(timezone.localdate(), "year")
    page.select_option("#period", str(year.year - 1))
    with page.expect_navigation():
        page.get_by_role("button", name="Afficher").click()
    assert f"period={year.year - 1}" in page.url
    expect(page.locator("h1")).to_contain_text(str(year.year - 1))
    # The pages on a phone, scripts on, for axe (tables scroll sideways there).
    page = new_context().new_page()
    for path in _pages("fr"):
        page.goto(path)
        check_page(page, axe, "fr")


def test_the_report_prints_without_the_site_header(page: Page, demo_city: DemoCity) -> None:
    council = Space.objects.get(kind="neighbourhood_council", neighbourhood__slug=BOTTIERE)
    page.goto(localized_url("en", "insights:report", slug=council.slug))
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("#decisions-title")).to_be_visible()
    expect(page.locator("#cross-table")).to_be_visible()
