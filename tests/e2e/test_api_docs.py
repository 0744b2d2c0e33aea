"""In a browser: the API's documentation page passes axe in French and English, on a
desktop and a phone, and reads without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import PHONE, Axe, check_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["fr", "en"])
def test_docs_page_is_accessible(
    page: Page,
    axe: Axe,
    transactional_db: None,
    language: str,
) -> None:
    response = page.goto(f"/api/v1/docs/?lang={language}")
    assert response is not None
    assert response.status == 200
    expect(page.locator("h3").first).to_contain_text("GET /api/v1/")
    check_page(page, axe, language)


@pytest.mark.parametrize("viewport", [PHONE])
def test_docs_page_fits_a_phone_and_reads_without_javascript(
    new_context,
    axe: Axe,
    transactional_db: None,
) -> None:
    without_js = new_context(java_script_enabled=False).new_page()
    without_js.goto("/api/v1/docs/?lang=fr")
    expect(without_js.locator("h1")).to_be_visible()
    expect(without_js.locator('a[href="/api/v1/openapi.json"]')).to_be_visible()
    expect(without_js.get_by_text("GET /api/v1/contributions/", exact=True)).to_be_visible()
    # axe runs as a script: the same page, on the phone, with JavaScript.
    with_js = new_context().new_page()
    with_js.goto("/api/v1/docs/?lang=fr")
    assert with_js.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    check_page(with_js, axe, "fr")
