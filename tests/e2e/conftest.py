"""Browser fixtures: Debian's Chromium driven by Playwright's sync API, axe-core, demo data.

The browser is the system's /usr/bin/chromium (./scripts/test installs it with apt-get);
Playwright never downloads one. axe-core comes from node_modules (`npm ci`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API keeps an event loop running in the test thread, so Django would
# refuse ORM calls there ("You cannot call this from an async context"). These tests make
# plain synchronous calls on purpose, so that guard is lifted for them.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.e2e.helpers import (
    ARTIFACTS,
    AXE_SCRIPT,
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    REPO_ROOT,
    Axe,
    DemoCity,
)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (./scripts/test does it), "
            "or point COMMUNE_CHROMIUM at a Chromium binary."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def viewport() -> dict[str, int]:
    """Desktop by default; a test asks for a phone with parametrize("viewport", [PHONE])."""
    return DESKTOP


@pytest.fixture
def new_context(
    browser: Browser, live_server: Any, viewport: dict[str, int], request: pytest.FixtureRequest
) -> Iterator[Callable[..., BrowserContext]]:
    """Make browser contexts (each with its own cookies) on the live server.

    They are closed after the test; if it failed, a screenshot of each open page is kept
    in test-artifacts/.
    """
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        settings: dict[str, Any] = {
            "base_url": live_server.url,
            "viewport": viewport,
            "locale": "fr-FR",
            "timezone_id": "Europe/Paris",
            # axe is injected as a script tag, which a Content-Security-Policy would block.
            "bypass_csp": True,
        }
        settings.update(options)
        context = browser.new_context(**settings)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make

    report = getattr(request.node, "rep_call", None)
    for number, context in enumerate(contexts):
        if report is not None and report.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-120:]
            for page_number, open_page in enumerate(context.pages):
                open_page.screenshot(
                    path=ARTIFACTS / f"{name}-{number}-{page_number}.png", full_page=True
                )
        context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    """A page in a fresh context (no cookies), at the `viewport` size, JavaScript on."""
    return new_context().new_page()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    # Lets the context fixture know whether the test failed, to keep screenshots.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def axe() -> Axe:
    """Runs axe-core in a page: `axe(page)` returns violations, `axe.assert_clean(page)`."""
    if not AXE_SCRIPT.exists():
        pytest.fail(
            f"{AXE_SCRIPT.relative_to(REPO_ROOT)} is missing: run `npm ci` at the repository "
            "root (./scripts/test does it) to install axe-core for the accessibility checks."
        )
    return Axe(AXE_SCRIPT.read_text(encoding="utf-8"))


@pytest.fixture
def demo_city(transactional_db: None) -> DemoCity:
    """The demo city, loaded by the real `loaddemo` command into the live server's database."""
    from django.core.management import call_command

    call_command("loaddemo", stdout=StringIO(), stderr=StringIO())
    return DemoCity()
