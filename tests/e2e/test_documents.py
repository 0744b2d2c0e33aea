"""An agent publishes a PDF; a visitor finds it with the search and reads its text page.

Every documents page passes axe, on a desktop and on a phone.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from commune.accounts.models import Role
from commune.documents.models import Document
from tests.documents.conftest import image_pdf, text_pdf
from tests.e2e.helpers import (
    DESKTOP,
    PHONE,
    Axe,
    check_page,
    localized_url,
    log_in,
    main_form_with,
    submit_button,
)
from tests.factories import RESIDENT_PASSWORD, ResidentFactory, SpaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _publish(page: Page, axe: Axe, title: str, name: str, content: bytes) -> None:
    page.goto(localized_url("en", "documents:publish"))
    check_page(page, axe, "en")
    form = main_form_with(page, "input[type='file']")
    form.get_by_label("Title").fill(title)
    form.get_by_label("Type").select_option("committee_dossier")
    form.get_by_label("Space or committee").select_option(label="Conseil de quartier des quais")
    form.get_by_label("Date of the document").fill("2026-03-12")
    form.locator("input[type='file']").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": content}
    )
    with page.expect_navigation():
        submit_button(form).click()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_agent_publishes_and_the_public_finds_and_reads_it(
    page: Page, axe: Axe, new_context, viewport
) -> None:
    SpaceFactory(title="Conseil de quartier des quais")
    agent = ResidentFactory(role=Role.AGENT)
    log_in(page, agent.email, RESIDENT_PASSWORD)

    # A damaged file: refused with the reason, the form kept, nothing published.
    _publish(page, axe, "Dossier abîmé", "dossier.pdf", text_pdf()[:2000])
    expect(page.locator("main")).to_contain_text("damaged or incomplete")
    check_page(page, axe, "en")
    assert not Document.objects.exists()

    _publish(page, axe, "Dossier du jardin partagé", "dossier.pdf", text_pdf())
    expect(page.locator(".messages")).to_contain_text("The document is published with its text.")
    check_page(page, axe, "en")
    _publish(page, axe, "Délibération numérisée", "scan.pdf", image_pdf())
    expect(page.locator("#text-not-available")).to_contain_text("Text not available.")
    check_page(page, axe, "en")

    visitor = new_context().new_page()  # the same screen size, without the agent's cookies
    visitor.goto(localized_url("en", "search:results"))
    check_page(visitor, axe, "en")
    visitor.get_by_label("Words to search for").fill("Hélène-Boucher")
    with visitor.expect_navigation():
        visitor.get_by_role("main").get_by_role("button", name="Search").click()
    check_page(visitor, axe, "en")
    expect(visitor.locator("main mark").first).to_have_text("Hélène")
    with visitor.expect_navigation():
        visitor.get_by_role("link", name="Dossier du jardin partagé").click()
    check_page(visitor, axe, "en")
    expect(visitor.get_by_role("heading", name="Page 2")).to_be_visible()
    expect(visitor.locator("main")).to_contain_text("Un jardin partagé rue Hélène-Boucher.")
    download = visitor.get_by_role("link", name="Download the document")
    expect(download).to_contain_text("PDF")
    expect(download).to_contain_text("3 pages")

    visitor.goto(localized_url("en", "documents:list"))
    check_page(visitor, axe, "en")
    expect(visitor.locator("main")).to_contain_text("2 documents")
    visitor.goto(localized_url("fr", "documents:list"))
    check_page(visitor, axe, "fr")
