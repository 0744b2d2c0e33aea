"""Helpers for the browser tests: axe-core, logging in, reading pages; no fixtures here."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM = os.environ.get("COMMUNE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 900}

DEMO_PASSWORD = "demo-commune-2026"


@dataclass(frozen=True)
class DemoCity:
    """What `loaddemo` promises: Nantes's neighbourhoods and councils, and demo accounts."""

    password: str = DEMO_PASSWORD
    resident: str = "habitante@demo.commune.fr"
    moderator: str = "moderatrice@demo.commune.fr"
    agent: str = "agent@demo.commune.fr"
    elected: str = "elu@demo.commune.fr"
    admin: str = "admin@demo.commune.fr"
    neighbourhood_count: int = 11


# --- axe-core ---------------------------------------------------------------------------


def format_violations(violations: list[dict[str, Any]], where: str) -> str:
    """One entry per violation: its id, what it means, and each failing element."""
    lines = [f"{len(violations)} accessibility violation(s) on {where}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']}"
            f" <{violation.get('helpUrl', '')}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    at {target}: {summary}")
    return "\n".join(lines)


class Axe:
    """Runs axe-core's WCAG 2.2 A and AA rules in a page; returns or asserts on violations."""

    def __init__(self, source: str) -> None:
        self.source = source

    def __call__(self, page: Page) -> list[dict[str, Any]]:
        if not page.evaluate("typeof window.axe === 'object'"):
            page.add_script_tag(content=self.source)
        return page.evaluate(
            """async (tags) => {
                const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
                return results.violations;
            }""",
            AXE_TAGS,
        )

    def assert_clean(self, page: Page, where: str | None = None) -> None:
        violations = self(page)
        assert not violations, format_violations(violations, where or page.url)


# --- Reading pages and logging in -------------------------------------------------------


def html_lang(page: Page) -> str:
    return page.locator("html").get_attribute("lang") or ""


def path_of(page: Page) -> str:
    """The current URL's path (and query), without the live server's origin."""
    return page.evaluate("location.pathname + location.search")


def main_form_with(page: Page, selector: str) -> Locator:
    """The form in the main content holding `selector` (not the header's own forms)."""
    return page.locator("main form").filter(has=page.locator(selector)).first


def submit_button(form: Locator) -> Locator:
    return form.locator("button[type='submit'], button:not([type]), input[type='submit']").last


def log_in(page: Page, email: str, password: str = DEMO_PASSWORD, prefix: str = "") -> None:
    """Log in through the real log-in form, as a person would, and check that it worked."""
    page.goto(f"{prefix}/compte/connexion/")
    form = main_form_with(page, "input[type='password']")
    form.locator("input[name='username'], input[name='email']").first.fill(email)
    form.locator("input[type='password']").first.fill(password)
    with page.expect_navigation():
        submit_button(form).click()
    assert is_logged_in(page), f"logging in as {email} failed: ended on {page.url}"


def is_logged_in(page: Page) -> bool:
    """A logged-in visitor's header has a log-out form."""
    return page.locator("header form[action*='/compte/deconnexion/']").count() > 0


def focused(page: Page, attribute: str) -> str | None:
    """An attribute of the element that has the keyboard focus."""
    return page.evaluate(
        "(name) => document.activeElement && document.activeElement.getAttribute(name)",
        attribute,
    )


def tab_to(page: Page, name: str, limit: int = 60) -> None:
    """Press Tab until the form field called `name` has the focus, as a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page, "name") == name:
            return
    raise AssertionError(f"{limit} presses of Tab never reached the field named {name!r}")


# --- Pages in a language ----------------------------------------------------------------


def localized_url(language: str, name: str, **kwargs: object) -> str:
    """The path of URL `name` in `language` (French unprefixed, English under /en/)."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def check_page(page: Page, axe: Axe, language: str) -> None:
    """A page has a title, one h1, the right html lang, and no axe violation."""
    assert page.title().strip(), f"{page.url} has an empty <title>"
    assert page.locator("h1").count() == 1, f"{page.url} does not have exactly one <h1>"
    assert html_lang(page) == language
    axe.assert_clean(page)
