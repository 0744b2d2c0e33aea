"""In a browser: the contribution pages pass axe-core for every role, with and without
errors, and a resident proposes, supports and comments with JavaScript turned off.

Here with the other browser tests, so that they share tests/e2e/conftest.py's one
Playwright session."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page

from commune.accounts.models import Resident
from commune.contributions import services
from commune.contributions.models import Comment, Contribution, Report
from tests.e2e.helpers import (
    Axe,
    DemoCity,
    check_page,
    localized_url,
    log_in,
    main_form_with,
    submit_button,
)
from tests.factories import ResidentFactory, SpaceFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def discussion(demo_city: DemoCity) -> dict[str, int | str]:
    """A space taking contributions, one contribution with threads on every level."""
    space = SpaceFactory(
        title="Atelier des quais", slug="atelier-a11y", components=["contributions"]
    )
    author = ResidentFactory(display_name="Solène")
    contribution = services.submit_contribution(
        space=space,
        author=author,
        title="Des bancs à l'ombre <b>vite</b>",
        body="Installer **dix bancs** près des arbres.\n\n- un\n- deux",
        pillar="participation",
        neighbourhood=None,
        kind="proposal",
    )
    voices = ResidentFactory.create_batch(3)
    top = services.add_comment(
        contribution=contribution, author=voices[0], body="Oui !", stance="for"
    )
    reply = services.add_comment(
        contribution=contribution, author=voices[1], body="Où ?", stance="neutral", parent=top
    )
    services.add_comment(
        contribution=contribution, author=voices[2], body="Au sud.", stance="against", parent=reply
    )
    hidden = services.add_comment(
        contribution=contribution, author=voices[2], body="Hors sujet", stance="against"
    )
    moderator = Resident.objects.get(email=demo_city.moderator)
    services.hide_comment(comment=hidden, moderator=moderator, reason="Hors sujet.")
    services.toggle_support(contribution=contribution, resident=voices[0])
    return {"space": space.slug, "contribution": contribution.pk, "comment": top.pk}


def _pages(language: str, data: dict[str, int | str]) -> list[str]:
    detail = localized_url(language, "contributions:detail", pk=data["contribution"])
    return [
        localized_url(language, "contributions:all"),
        localized_url(language, "contributions:list", space_slug=data["space"]),
        localized_url(language, "contributions:list", space_slug=data["space"])
        + "?sort=random&q=bancs",
        detail,
        detail + "?comments=chronological",
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_public_pages_are_accessible(
    page: Page, axe: Axe, discussion: dict[str, int | str], language: str
) -> None:
    for url in _pages(language, discussion):
        response = page.goto(url)
        assert response is not None
        assert response.status == 200, url
        check_page(page, axe, language)


def test_the_moderators_pages_are_accessible(
    page: Page, axe: Axe, demo_city: DemoCity, discussion: dict[str, int | str]
) -> None:
    log_in(page, demo_city.moderator, demo_city.password)
    for url in [
        *_pages("fr", discussion),
        localized_url("fr", "contributions:hide", pk=discussion["contribution"]),
        localized_url("fr", "contributions:hide_comment", pk=discussion["comment"]),
        localized_url("fr", "contributions:report", pk=discussion["contribution"]),
        localized_url("fr", "contributions:report_comment", pk=discussion["comment"]),
    ]:
        page.goto(url)
        check_page(page, axe, "fr")
    # The moderation form on the contribution's page, opened.
    page.goto(localized_url("fr", "contributions:detail", pk=discussion["contribution"]))
    page.locator("details.moderation summary").click()
    check_page(page, axe, "fr")


def test_the_forms_are_accessible_with_their_errors(
    page: Page, axe: Axe, demo_city: DemoCity, discussion: dict[str, int | str]
) -> None:
    log_in(page, demo_city.agent, demo_city.password)
    for name, kwargs, control in [
        ("contributions:new", {"space_slug": discussion["space"]}, "input[name='title']"),
        ("contributions:enter", {"space_slug": discussion["space"]}, "input[name='title']"),
        ("contributions:comment", {"pk": discussion["contribution"]}, "textarea[name='body']"),
        ("contributions:report", {"pk": discussion["contribution"]}, "textarea[name='reason']"),
    ]:
        page.goto(localized_url("fr", name, **kwargs))
        check_page(page, axe, "fr")
        form = main_form_with(page, control)
        with page.expect_navigation():
            submit_button(form).click()
        assert page.locator("main .errorlist").count() > 0, name
        check_page(page, axe, "fr")


def test_a_resident_proposes_supports_and_comments_without_javascript(
    new_context: Callable[..., BrowserContext],
    demo_city: DemoCity,
    discussion: dict[str, int | str],
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    log_in(page, demo_city.resident, demo_city.password)
    page.goto(localized_url("fr", "contributions:new", space_slug=discussion["space"]))
    form = main_form_with(page, "input[name='title']")
    form.locator("input[name='title']").fill("Une fontaine sur la place")
    form.locator("textarea[name='body']").fill("Pour l'été.")
    form.locator("input[name='pillar'][value='co_production']").check()
    with page.expect_navigation():
        submit_button(form).click()
    mine = Contribution.objects.get(title="Une fontaine sur la place")
    assert page.url.endswith(mine.get_absolute_url())

    page.goto(localized_url("fr", "contributions:detail", pk=discussion["contribution"]))
    with page.expect_navigation():
        page.locator("form.support-form button[type='submit']").click()
    assert Contribution.objects.get(pk=discussion["contribution"]).support_count == 2

    form = main_form_with(page, "textarea[name='body']")
    form.locator("input[name='stance'][value='against']").check()
    form.locator("textarea[name='body']").fill("Plutôt des arbres.")
    with page.expect_navigation():
        submit_button(form).click()
    assert Comment.objects.filter(body="Plutôt des arbres.", stance="against").exists()
    assert page.locator("text=Plutôt des arbres.").count() == 1

    page.goto(localized_url("fr", "contributions:report", pk=discussion["contribution"]))
    form = main_form_with(page, "textarea[name='reason']")
    form.locator("textarea[name='reason']").fill("Doublon d'une autre idée.")
    with page.expect_navigation():
        submit_button(form).click()
    assert Report.objects.filter(reason="Doublon d'une autre idée.").exists()
