"""The wiki in a real browser, in French and English: reading, editing with an error, the
history, comparing two revisions, an edit conflict and a moderator's lock; every page passes
axe, has a title and one h1."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from commune.accounts.models import Role
from commune.wiki import services
from tests.e2e.helpers import (
    PHONE,
    Axe,
    check_page,
    localized_url,
    log_in,
    main_form_with,
    submit_button,
)
from tests.factories import RESIDENT_PASSWORD, ResidentFactory, SpaceFactory, WikiPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def wiki_page():
    space = SpaceFactory(components=["wiki"], slug="conseil-des-quais", title="Conseil des quais")
    WikiPageFactory(space=space, title="Compost", body="Le bac à compost est au fond.")
    return WikiPageFactory(
        space=space,
        title="Jardins partagés",
        body="Le jardin ouvre le samedi. Voir [[Compost]] et [[Outils]].",
    )


def _urls(language: str, page) -> dict[str, str]:
    kwargs = {"space_slug": page.space.slug, "page_slug": page.slug}
    return {
        "index": localized_url(language, "wiki:index", space_slug=page.space.slug),
        "page": localized_url(language, "wiki:page", **kwargs),
        "edit": localized_url(language, "wiki:edit", **kwargs),
        "history": localized_url(language, "wiki:history", **kwargs),
    }


def _save(page: Page, body: str | None, summary: str) -> None:
    form = main_form_with(page, "textarea[name='body']")
    if body is not None:
        form.locator("textarea[name='body']").fill(body)
    form.locator("input[name='summary']").fill(summary)
    with page.expect_navigation():
        submit_button(form).click()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_resident_reads_edits_and_compares(page: Page, axe: Axe, wiki_page, language) -> None:
    urls = _urls(language, wiki_page)
    resident = ResidentFactory()
    log_in(page, resident.email, RESIDENT_PASSWORD)

    # The index and the page: a link to an existing page, one to a page still to write.
    page.goto(urls["index"])
    check_page(page, axe, language)
    page.get_by_role("link", name="Jardins partagés").click()
    check_page(page, axe, language)
    expect(page.locator(".wiki-body a[href$='/pages/compost/']")).to_have_text("Compost")
    expect(page.locator(".wiki-body a.wiki-missing")).to_contain_text("Outils")

    # Editing without a summary: an accessible error, the text kept, nothing saved.
    page.goto(urls["edit"])
    check_page(page, axe, language)
    _save(page, "Le jardin ouvre le samedi et le mercredi. Voir [[Compost]].", "")
    expect(page.locator("main [role='alert']")).to_be_visible()
    expect(page.locator("input[name='summary']")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("textarea[name='body']")).to_have_value(
        "Le jardin ouvre le samedi et le mercredi. Voir [[Compost]]."
    )
    check_page(page, axe, language)
    assert wiki_page.revisions.count() == 1

    # With a summary it is saved as revision 2.
    _save(page, None, "Ouverture le mercredi")
    expect(page.locator(".wiki-body")).to_contain_text("le mercredi")
    assert wiki_page.revisions.count() == 2

    # The history, then the comparison of revisions 1 and 2 chosen with the radio buttons.
    page.goto(urls["history"])
    check_page(page, axe, language)
    expect(page.locator(".wiki-history li")).to_have_count(2)
    page.locator("#old-1").check()
    page.locator("#new-2").check()
    with page.expect_navigation():
        submit_button(page.locator("main form").first).click()
    check_page(page, axe, language)
    expect(page.locator(".wiki-diff ins")).to_contain_text("mercredi")
    expect(page.locator(".wiki-diff del")).to_contain_text("Outils")

    # An old revision, and the page that brings it back.
    page.goto(
        localized_url(
            language,
            "wiki:revision",
            space_slug=wiki_page.space.slug,
            page_slug=wiki_page.slug,
            number=1,
        )
    )
    check_page(page, axe, language)
    page.goto(
        localized_url(
            language,
            "wiki:revert",
            space_slug=wiki_page.space.slug,
            page_slug=wiki_page.slug,
            number=1,
        )
    )
    check_page(page, axe, language)
    with page.expect_navigation():
        submit_button(main_form_with(page, "input[name='summary']")).click()
    expect(page.locator(".wiki-body")).to_contain_text("Outils")
    assert wiki_page.revisions.count() == 3


def test_an_edit_conflict_shows_the_diff_and_a_lock_stops_residents(
    page: Page, axe: Axe, wiki_page
) -> None:
    urls = _urls("fr", wiki_page)
    resident = ResidentFactory()
    log_in(page, resident.email, RESIDENT_PASSWORD)
    page.goto(urls["edit"])
    # Someone else saves while the resident is typing.
    services.edit_page(
        page=wiki_page,
        body="Le jardin ouvre le dimanche. Voir [[Compost]].",
        summary="Dimanche",
        author=ResidentFactory(),
        base_number=1,
    )
    _save(page, "Le jardin ouvre le samedi matin. Voir [[Compost]].", "Matin")
    expect(page.locator("main [role='alert']")).to_contain_text("révision 2")
    expect(page.locator(".wiki-conflict del").first).to_be_visible()
    expect(page.locator("textarea[name='body']")).to_have_value(
        "Le jardin ouvre le samedi matin. Voir [[Compost]]."
    )
    check_page(page, axe, "fr")
    assert wiki_page.revisions.count() == 2

    # A moderator locks the page; the resident can no longer edit it.
    moderator = ResidentFactory(role=Role.MODERATOR)
    other = page.context.browser.new_context(base_url=page.url.split("/wiki/")[0])
    moderator_page = other.new_page()
    try:
        log_in(moderator_page, moderator.email, RESIDENT_PASSWORD)
        moderator_page.goto(
            localized_url(
                "fr", "wiki:lock", space_slug=wiki_page.space.slug, page_slug=wiki_page.slug
            )
        )
        check_page(moderator_page, axe, "fr")
        form = main_form_with(moderator_page, "textarea[name='reason']")
        form.locator("textarea[name='reason']").fill("Guerre d'édition")
        with moderator_page.expect_navigation():
            submit_button(form).click()
        expect(moderator_page.locator(".wiki-lock")).to_contain_text("Guerre d'édition")
    finally:
        other.close()
    page.goto(urls["edit"])
    expect(page.locator("main [role='alert']")).to_contain_text("verrouillé")
    expect(page.locator("textarea[name='body']")).to_have_count(0)
    check_page(page, axe, "fr")


@pytest.mark.parametrize("viewport", [PHONE])
def test_the_wiki_reads_on_a_phone(page: Page, axe: Axe, wiki_page) -> None:
    """No sideways scrolling on a phone, on the page and its history."""
    urls = _urls("fr", wiki_page)
    for path in (urls["page"], urls["history"]):
        page.goto(path)
        check_page(page, axe, "fr")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
