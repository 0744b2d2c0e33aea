"""In a browser: the open-data page of the demo city, built, passes axe in French and English,
on a desktop and a phone, and its data dictionaries open without JavaScript."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from commune.opendata.build import build
from tests.e2e.helpers import PHONE, Axe, DemoCity, check_page, localized_url

pytestmark = pytest.mark.browser


@pytest.fixture
def built_city(demo_city: DemoCity, settings, tmp_path: Path) -> DemoCity:
    settings.COMMUNE_OPENDATA_DIR = str(tmp_path / "opendata")
    build()
    return demo_city


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_open_data_page_is_accessible_and_reached_from_the_footer(
    page: Page, axe: Axe, built_city: DemoCity, language: str
) -> None:
    page.goto("/" if language == "fr" else "/en/")
    page.locator("footer a[href$='donnees-ouvertes/']").click()
    expect(page.locator("#contributions")).to_be_visible()
    check_page(page, axe, language)
    page.locator("#contributions details summary").click()
    expect(page.locator("#contributions details table")).to_be_visible()
    check_page(page, axe, language)


@pytest.mark.parametrize("viewport", [PHONE])
def test_on_a_phone_without_javascript_the_dictionary_opens_and_the_zip_downloads(
    new_context, axe: Axe, built_city: DemoCity
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(localized_url("fr", "opendata:index"))
    page.locator("#comments details summary").click()
    expect(page.locator("#comments details table")).to_contain_text("author_pseudonym")
    with page.expect_download() as download:
        page.locator("a[href$='donnees-ouvertes.zip']").click()
    assert download.value.suggested_filename == "donnees-ouvertes.zip"
    scripted = new_context().new_page()
    scripted.goto(localized_url("fr", "opendata:index"))
    check_page(scripted, axe, "fr")
