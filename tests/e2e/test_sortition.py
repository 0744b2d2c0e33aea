"""An agent draws a panel by lot in a real browser: import, commitment, draw, public page.

Every sortition page passes axe, in French and in English.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from commune.accounts.models import Role
from commune.sortition.models import Panel
from tests.e2e.helpers import (
    PHONE,
    Axe,
    DemoCity,
    check_page,
    localized_url,
    log_in,
    main_form_with,
    submit_button,
)
from tests.factories import RESIDENT_PASSWORD, ResidentFactory, SpaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUOTAS = b"category,value,min,max\ngenre,femme,2,2\ngenre,homme,2,2\n"
POOL = b"id,nom,genre\n" + b"".join(
    f"v{n},Personne {n},{'femme' if n % 2 else 'homme'}\n".encode() for n in range(1, 11)
)


def _csv(name: str, content: bytes) -> dict:
    return {"name": name, "mimeType": "text/csv", "buffer": content}


def _import(page: Page, pool: bytes) -> None:
    form = main_form_with(page, "input[type='file']")
    form.locator("input[name='pool_file']").set_input_files(_csv("POOL.csv", pool))
    form.locator("input[name='quotas_file']").set_input_files(_csv("QUOTAS.csv", QUOTAS))
    with page.expect_navigation():
        submit_button(form).click()


def _press(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def test_an_agent_draws_a_panel_and_the_public_page_shows_it(page: Page, axe: Axe) -> None:
    space = SpaceFactory(title="Conseil citoyen des quais")
    agent = ResidentFactory(role=Role.AGENT)
    log_in(page, agent.email, RESIDENT_PASSWORD)

    page.goto(localized_url("fr", "sortition:space", space_slug=space.slug))
    check_page(page, axe, "fr")
    page.get_by_role("link", name="Préparer un nouveau tirage au sort").click()
    check_page(page, axe, "fr")
    form = main_form_with(page, "input[name='title']")
    form.get_by_label("Titre").fill("Collège des habitants")
    form.get_by_label("Nombre de sièges").fill("4")
    form.get_by_label("Longueur de la liste complémentaire").fill("2")
    with page.expect_navigation():
        submit_button(form).click()
    check_page(page, axe, "fr")

    # A bad pool: the line and the reason, nothing saved.
    _import(page, POOL.replace(b"v3,Personne 3,femme", b"v3,Personne 3,autre"))
    expect(page.locator("main")).to_contain_text("POOL.csv, ligne 4")
    check_page(page, axe, "fr")
    panel = Panel.objects.get(title="Collège des habitants")
    assert not panel.members.exists()

    _import(page, POOL)
    expect(page.locator("main")).to_contain_text("10 personnes dans le vivier")
    check_page(page, axe, "fr")

    # The agent types the quotas in: first a minimum above its maximum, refused.
    page.get_by_text("Modifier les minimums et les maximums").click()
    bounds = main_form_with(page, "input[name^='min_']")
    bounds.get_by_label("genre = femme: minimum").fill("4")
    with page.expect_navigation():
        submit_button(bounds).click()
    expect(page.locator("main")).to_contain_text("dépasse son maximum")
    check_page(page, axe, "fr")
    bounds = main_form_with(page, "input[name^='min_']")
    for value in ("femme", "homme"):
        bounds.get_by_label(f"genre = {value}: minimum").fill("1")
        bounds.get_by_label(f"genre = {value}: maximum").fill("3")
    with page.expect_navigation():
        submit_button(bounds).click()
    expect(page.locator("body")).to_contain_text("Les quotas sont enregistrés.")
    assert sorted(panel.quotas.values_list("minimum", "maximum")) == [(1, 3), (1, 3)]
    check_page(page, axe, "fr")
    _press(page, "Publier les quotas et l'engagement sur la graine")
    panel.refresh_from_db()
    expect(page.locator("main")).to_contain_text(panel.seed_commitment)
    check_page(page, axe, "fr")
    _press(page, "Tirer le panel au sort")
    page.get_by_role("link", name="Voir le panel tiré au sort").click()

    panel.refresh_from_db()
    record = panel.draw
    main = page.locator("main")
    for public_id in record.panel_ids + record.reserve_ids:
        expect(main).to_contain_text(public_id)
    expect(main).to_contain_text(record.seed)
    expect(main).to_contain_text("commune sortition draw POOL.csv QUOTAS.csv --panel-size 4")
    expect(page.get_by_role("table", name="Probabilité de sélection")).to_contain_text("0,4")
    expect(main).not_to_contain_text("Personne 1")
    check_page(page, axe, "fr")

    for name, kwargs in [
        ("sortition:detail", {"pk": panel.pk}),
        ("sortition:manage", {"pk": panel.pk}),
        ("sortition:space", {"space_slug": space.slug}),
        ("sortition:create", {"space_slug": space.slug}),
    ]:
        page.goto(localized_url("en", name, **kwargs))
        check_page(page, axe, "en")


@pytest.mark.parametrize("viewport", [PHONE])
def test_the_demo_panel_page_fits_a_phone(page: Page, demo_city: DemoCity) -> None:
    """The seed, its hash and the re-run command wrap: nothing scrolls sideways."""
    panel = Panel.objects.public().order_by("pk").first()
    assert panel is not None
    page.goto(panel.get_absolute_url())
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the panel page is {width}px wide on a phone"
