"""The public list of spaces (filters) and a space's page (rules first, phases, tools)."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.html import escape

from commune.accounts.models import Resident
from commune.spaces.models import Component, Phase, SpaceKind
from tests.spaces.conftest import days

pytestmark = pytest.mark.django_db


def _titles(response) -> set[str]:
    return {space.title for space in response.context["page"].object_list}


def test_the_list_filters_by_kind(client, make_space, nantes_nord) -> None:
    make_space("Grand débat Loire")
    make_space(
        "Conseil Nantes Nord", kind=SpaceKind.NEIGHBOURHOOD_COUNCIL, neighbourhood=nantes_nord
    )
    response = client.get("/espaces/", {"kind": "neighbourhood_council"})
    assert response.status_code == 200
    assert _titles(response) == {"Conseil Nantes Nord"}
    assert "Grand débat Loire" not in response.content.decode()


def test_the_list_filters_by_neighbourhood_slug(
    client, make_space, nantes_nord, ile_de_nantes
) -> None:
    make_space("Atelier Boissière", neighbourhood=nantes_nord)
    make_space("Atelier Prairie-au-Duc", neighbourhood=ile_de_nantes)
    response = client.get("/espaces/", {"neighbourhood": "ile-de-nantes"})
    assert _titles(response) == {"Atelier Prairie-au-Duc"}


@pytest.mark.parametrize(
    ("status", "expected"),
    [("open", "Ouvert"), ("upcoming", "Bientôt"), ("closed", "Fini"), ("", None)],
)
def test_the_list_filters_by_status_computed_from_today(
    client, make_space, status, expected
) -> None:
    make_space("Ouvert", opens_on=days(-5), closes_on=days(5))
    make_space("Ouvert sans fin", opens_on=days(0))
    make_space("Bientôt", opens_on=days(1), closes_on=days(30))
    make_space("Fini", opens_on=days(-30), closes_on=days(-1))
    titles = _titles(client.get("/espaces/", {"status": status}))
    if status == "open":
        assert titles == {"Ouvert", "Ouvert sans fin"}
    elif expected:
        assert titles == {expected}
    else:
        assert titles == {"Ouvert", "Ouvert sans fin", "Bientôt", "Fini"}


@pytest.mark.parametrize(
    "query", [{"status": "someday"}, {"kind": "club"}, {"neighbourhood": "atlantis"}]
)
def test_an_invalid_filter_value_shows_an_error_and_does_not_crash(
    client, make_space, query
) -> None:
    make_space("Grand débat Loire")
    response = client.get("/espaces/", query)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="errorlist"' in html
    field = next(iter(query))
    assert response.context["form"].errors[field]
    # The list stays usable: nothing is filtered by a value that means nothing.
    assert "Grand débat Loire" in html


def test_an_unpublished_space_is_404_for_the_public_and_visible_to_staff(
    client, make_space, agent
) -> None:
    make_space("Brouillon secret", slug="brouillon", is_published=False)
    assert client.get("/espaces/brouillon/").status_code == 404
    assert "Brouillon secret" not in client.get("/espaces/").content.decode()
    resident = Resident.objects.create_user("r@example.org", "x" * 12, display_name="Awa")
    client.force_login(resident)
    assert client.get("/espaces/brouillon/").status_code == 404
    client.force_login(agent)
    assert client.get("/espaces/brouillon/").status_code == 200
    assert "Brouillon secret" in client.get("/espaces/").content.decode()


def test_the_space_page_starts_with_the_rules_of_the_game_then_the_phases(
    client, make_space
) -> None:
    space = make_space("Grand débat Loire", slug="loire")
    Phase.objects.create(space=space, title="Ateliers", starts_on=days(-3), ends_on=days(3))
    html = client.get("/espaces/loire/").content.decode()
    rules = html.index('id="rules-title"')
    assert rules < html.index('id="phases-title"')
    for rule in ("Toute personne qui habite Nantes, dès 16 ans.", "L'avenir des quais."):
        assert escape(rule) in html
        assert rules < html.index(escape(rule)) < html.index('id="phases-title"')


def test_only_the_current_phase_is_marked_as_the_current_step(client, make_space) -> None:
    space = make_space("Grand débat Loire", slug="loire")
    Phase.objects.create(space=space, title="Étape passée", starts_on=days(-20), ends_on=days(-1))
    Phase.objects.create(space=space, title="Étape en cours", starts_on=days(0), ends_on=days(9))
    Phase.objects.create(space=space, title="Étape à venir", starts_on=days(10), ends_on=days(20))
    html = client.get("/espaces/loire/").content.decode()
    assert html.count('aria-current="step"') == 1
    current = html.index('aria-current="step"')
    assert html.index("Étape passée") < current < html.index("Étape en cours")
    assert html.index("Étape à venir") > html.index("Étape en cours")


def test_the_enabled_tools_are_listed_in_order(client, make_space) -> None:
    make_space("Charte", slug="charte", components=["texts", "contributions"])
    page = client.get("/espaces/charte/").content.decode()
    # The "In this space" section (the header's menu links to every meeting, too).
    html = page[page.index('id="tools-title"') :]
    with translation.override("fr"):
        texts = escape(str(Component.TEXTS.label))
        contributions = escape(str(Component.CONTRIBUTIONS.label))
        meetings = escape(str(Component.MEETINGS.label))
    assert html.index(contributions) < html.index(texts)
    assert meetings not in html
