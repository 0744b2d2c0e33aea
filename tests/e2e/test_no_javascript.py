"""Everything works with JavaScript turned off: the pages are plain HTML forms and links."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext

from tests.e2e.helpers import DemoCity, html_lang, is_logged_in, log_in, path_of

pytestmark = pytest.mark.browser


def test_log_in_and_switch_language_without_javascript(
    new_context: Callable[..., BrowserContext], demo_city: DemoCity
) -> None:
    """With JavaScript disabled a resident logs in and switches language."""
    page = new_context(java_script_enabled=False).new_page()
    page.set_content("<title>off</title><script>document.title = 'on'</script>")
    assert page.title() == "off", "JavaScript is not disabled in this context"

    log_in(page, demo_city.resident, demo_city.password)
    assert is_logged_in(page)

    page.goto("/")
    with page.expect_navigation():
        page.locator("header button[name='language'][value='en']").click()
    assert path_of(page) == "/en/"
    assert html_lang(page) == "en"
    assert is_logged_in(page), "switching language logged the resident out"

    with page.expect_navigation():
        page.locator("header button[name='language'][value='fr']").click()
    assert path_of(page) == "/"
    assert html_lang(page) == "fr"
