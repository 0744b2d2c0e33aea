"""A resident proposes a project with several images on a phone; the gallery passes axe."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from commune.budgets.models import Project
from tests.e2e.helpers import PHONE, Axe, check_page, localized_url, log_in
from tests.factories import RESIDENT_PASSWORD, BudgetFactory, ResidentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _png(colour: str) -> dict[str, object]:
    picture = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(picture, format="PNG")
    return {"name": f"{colour}.png", "mimeType": "image/png", "buffer": picture.getvalue()}


@pytest.mark.parametrize("viewport", [PHONE])
def test_a_resident_proposes_a_project_with_a_gallery_on_a_phone(
    page: Page, axe: Axe, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    budget = BudgetFactory(phase="submission")
    log_in(page, ResidentFactory().email, RESIDENT_PASSWORD)
    page.goto(localized_url("en", "budgets:submit", pk=budget.pk))
    check_page(page, axe, "en")

    page.get_by_label("Title").fill("Une cour verte")
    page.get_by_label("Description", exact=True).fill("Des arbres dans la cour.")
    page.get_by_label("Estimated cost (€)").fill("45000")
    page.locator("#id_images-0-image").set_input_files(_png("grey"))
    page.locator("#id_images-0-alt_text").fill("La cour aujourd'hui")
    page.locator("#id_images-1-image").set_input_files(_png("green"))
    # The second description is forgotten: the form says so next to the field.
    with page.expect_navigation():
        page.get_by_role("button", name="Submit my project").click()
    expect(page.locator("#id_images-1-alt_text_error")).to_contain_text("Describe the image")
    check_page(page, axe, "en")
    assert not Project.objects.exists()

    # File inputs come back empty after an error (browsers never refill them): choose again.
    page.locator("#id_images-0-image").set_input_files(_png("grey"))
    page.locator("#id_images-1-image").set_input_files(_png("green"))
    page.locator("#id_images-1-alt_text").fill("La cour plantée")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit my project").click()
    gallery = page.locator(".project-gallery img")
    expect(gallery).to_have_count(2)
    expect(gallery.first).to_have_attribute("alt", "La cour aujourd'hui")
    check_page(page, axe, "en")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
