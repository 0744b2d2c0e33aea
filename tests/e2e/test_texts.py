"""The charter in a real browser, with the keyboard only (no mouse event anywhere): a resident
comments on §3 and proposes an amendment to §5, sees its diff; a moderator accepts it; the
agent's synthesis shows it taken. Every text page passes axe, in French and English."""

from __future__ import annotations

from collections import deque
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from commune.texts.models import Amendment, AmendmentStatus, Text
from tests.e2e.helpers import Axe, DemoCity, check_page, localized_url, path_of, tab_to

pytestmark = pytest.mark.browser

CHARTER = "charte-gouvernement-ouvert"


def _focused_text(page: Page) -> str:
    return page.evaluate(
        "() => document.activeElement ? (document.activeElement.innerText"
        " || document.activeElement.value || '').trim() : ''"
    )


def tab_to_text(page: Page, text: str, limit: int = 200) -> None:
    """Press Tab until the focused link or button reads `text`, as a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focused_text(page) == text:
            return
    raise AssertionError(f"{limit} presses of Tab never reached {text!r}")


def press_enter_and_wait(page: Page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def keyboard_log_in(page: Page, email: str, password: str) -> None:
    page.goto("/compte/connexion/")
    tab_to(page, "username")
    page.keyboard.type(email)
    tab_to(page, "password")
    page.keyboard.type(password)
    press_enter_and_wait(page)
    assert page.locator("header form[action*='/compte/deconnexion/']").count() == 1


def test_an_amendment_from_its_proposal_to_the_synthesis_with_the_keyboard(
    new_context, axe: Axe, demo_city: DemoCity
) -> None:
    text = Text.objects.get(space__slug=CHARTER)
    resident = new_context().new_page()
    keyboard_log_in(resident, demo_city.resident, demo_city.password)
    resident.goto(text.get_absolute_url())
    check_page(resident, axe, "fr")

    # Comment on §3.1: the link follows the paragraph, the form comes right after.
    tab_to_text(resident, "Commenter le §3.1")
    press_enter_and_wait(resident)
    check_page(resident, axe, "fr")
    tab_to(resident, "stance")
    resident.keyboard.press("Space")  # the first stance: "D’accord"
    tab_to(resident, "body")
    resident.keyboard.type("Une réponse motivée, enfin écrite dans la charte.")
    tab_to_text(resident, "Publier mon commentaire")
    press_enter_and_wait(resident)
    expect(resident.locator("main")).to_contain_text("Une réponse motivée, enfin écrite")

    # Propose an amendment to §5.1 and read its diff.
    resident.goto(text.get_absolute_url())
    tab_to_text(resident, "Amender le §5.1")
    press_enter_and_wait(resident)
    check_page(resident, axe, "fr")
    tab_to(resident, "kind")
    resident.keyboard.press("Space")  # "Modifier le paragraphe"
    tab_to(resident, "proposed_body")
    resident.keyboard.press("Control+A")
    resident.keyboard.type(
        "Les engagements pris par la ville sont suivis publiquement, chaque trimestre, "
        "avec leur avancement et leur date prévue, jusqu'à leur réalisation."
    )
    tab_to(resident, "justification")
    resident.keyboard.type("Un rythme connu d'avance permet de vérifier.")
    tab_to_text(resident, "Publier mon amendement")
    press_enter_and_wait(resident)
    amendment = Amendment.objects.filter(text=text).latest("pk")
    assert path_of(resident) == amendment.get_absolute_url()
    expect(resident.locator("main ins").first).to_contain_text("chaque trimestre")
    check_page(resident, axe, "fr")

    # A moderator accepts it, with a public reason.
    moderator = new_context().new_page()
    keyboard_log_in(moderator, demo_city.moderator, demo_city.password)
    moderator.goto(amendment.get_absolute_url())
    tab_to_text(moderator, "Trancher cet amendement")
    press_enter_and_wait(moderator)
    check_page(moderator, axe, "fr")
    tab_to(moderator, "status")
    moderator.keyboard.press("Space")  # "Adopté"
    tab_to(moderator, "reason")
    moderator.keyboard.type("Un suivi trimestriel est possible.")
    tab_to_text(moderator, "Publier la décision")
    press_enter_and_wait(moderator)
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.ACCEPTED
    expect(moderator.locator("main")).to_contain_text("Un suivi trimestriel est possible.")

    # The agent publishes the synthesis: it shows the amendment taken, at §5.1.
    agent = new_context().new_page()
    keyboard_log_in(agent, demo_city.agent, demo_city.password)
    agent.goto(localized_url("fr", "texts:synthesize", pk=text.pk))
    check_page(agent, axe, "fr")
    tab_to(agent, "note")
    agent.keyboard.type("Le suivi trimestriel des engagements est retenu.")
    tab_to_text(agent, "Publier la synthèse")
    press_enter_and_wait(agent)
    check_page(agent, axe, "fr")
    taken = agent.locator("main section", has=agent.locator("#taken-title"))
    expect(taken).to_contain_text(f"Amendement {amendment.pk} au §5.1")
    expect(taken).to_contain_text("désormais §5.1")
    agent.goto(text.get_absolute_url())
    expect(agent.locator("#p5-1")).to_contain_text("chaque trimestre")


def _text_pages(page: Page, axe: Axe, start: str, language: str, cap: int = 60) -> list[str]:
    """Every page under the texts' prefix reachable by links from `start`, checked with axe."""
    prefix = "/textes/" if language == "fr" else "/en/textes/"
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
    seen, queue, checked = {start}, deque([start]), []
    while queue and len(checked) < cap:
        url = queue.popleft()
        response = page.goto(url)
        assert response is not None
        if not response.headers.get("content-type", "").startswith("text/html"):
            assert response.status == 200, url
            continue
        assert response.status == 200, url
        check_page(page, axe, language)
        checked.append(url)
        hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(a => a.href)")
        for href in hrefs:
            parts = urlsplit(href)
            if f"{parts.scheme}://{parts.netloc}" != origin or not parts.path.startswith(prefix):
                continue
            if parts.path.endswith((".pdf", ".md", ".csv", ".html")):
                continue  # files: the export tests check them
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return checked


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_text_page_is_accessible(page: Page, axe: Axe, demo_city: DemoCity, language) -> None:
    """From the space's page, a visitor reaches the texts; each of their pages passes axe."""
    text = Text.objects.get(space__slug=CHARTER)
    page.goto(localized_url(language, "spaces:detail", slug=CHARTER))
    link = page.locator(
        f"main a[href='{localized_url(language, 'texts:space', space_slug=CHARTER)}']"
    )
    expect(link).to_have_count(1)
    checked = _text_pages(page, axe, localized_url(language, "texts:list"), language)
    for name, kwargs in [
        ("texts:detail", {"pk": text.pk}),
        ("texts:history", {"pk": text.pk}),
        ("texts:compare", {"pk": text.pk}),
        ("texts:debated", {"pk": text.pk}),
        ("texts:amendments", {"pk": text.pk}),
        ("texts:synthesis", {"pk": text.pk, "number": 2}),
        ("texts:version", {"pk": text.pk, "number": 1}),
    ]:
        assert localized_url(language, name, **kwargs) in checked, name
    assert any(
        "/amendements/" in url and url.rstrip("/").split("/")[-1].isdigit() for url in checked
    )
