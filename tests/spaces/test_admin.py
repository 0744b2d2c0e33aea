"""The spaces back office: an agent creates a space with its tools, phases and rules."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from commune.accounts.models import Resident
from commune.spaces.models import Space, SpaceKind
from tests.spaces.conftest import days

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/spaces/space/add/"


def _space_form(**fields: Any) -> dict[str, Any]:
    """A complete add form, with the phases inline's management form and one phase."""
    data: dict[str, Any] = {
        "kind": SpaceKind.PROCESS,
        "title": "Concertation sur la place du Commerce",
        "slug": "place-du-commerce",
        "summary": "Réaménager la place du Commerce.",
        "description": "",
        "neighbourhood": "",
        "power_level": "concertation",
        "who_may_take_part": "Toute personne qui habite Nantes, dès 16 ans.",
        "stakes": "Le plan de la place.",
        "city_commitment": "La ville répond sous 30 jours.",
        "answer_delay_days": "30",
        "opens_on": days(0).isoformat(),
        "closes_on": days(90).isoformat(),
        "is_published": "on",
        "components": ["meetings", "contributions"],
        "phases-TOTAL_FORMS": "1",
        "phases-INITIAL_FORMS": "0",
        "phases-MIN_NUM_FORMS": "0",
        "phases-MAX_NUM_FORMS": "1000",
        "phases-0-title": "Ateliers sur la place",
        "phases-0-starts_on": days(0).isoformat(),
        "phases-0-ends_on": days(45).isoformat(),
        "phases-0-description": "",
        "_save": "Enregistrer",
    }
    return data | fields


def test_the_add_form_is_french_and_groups_the_rules_of_the_game(client, agent) -> None:
    client.force_login(agent)
    response = client.get(ADD_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr"' in html
    with translation.override("fr"):
        assert escape(gettext("Rules of the game")) in html
    # The tools are checkboxes, not a JSON text box.
    assert 'type="checkbox" name="components" value="budget"' in html


def test_an_agent_creates_a_space_with_its_tools_and_a_phase(client, agent) -> None:
    client.force_login(agent)
    response = client.post(ADD_URL, _space_form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    space = Space.objects.get(slug="place-du-commerce")
    # Stored in the canonical order, whatever order the boxes were ticked in.
    assert space.components == ["contributions", "meetings"]
    assert [phase.title for phase in space.phases.all()] == ["Ateliers sur la place"]
    assert client.get("/espaces/place-du-commerce/").status_code == 200


def test_a_neighbourhood_council_without_a_neighbourhood_is_refused_with_the_reason(
    client, agent
) -> None:
    client.force_login(agent)
    response = client.post(ADD_URL, _space_form(kind=SpaceKind.NEIGHBOURHOOD_COUNCIL))
    assert response.status_code == 200
    assert not Space.objects.exists()
    assert "neighbourhood" in response.context["adminform"].form.errors
    with translation.override("fr"):
        message = gettext("A neighbourhood council belongs to a neighbourhood.")
    assert escape(message) in response.content.decode()


def test_a_phase_ending_before_it_starts_is_refused_with_the_reason(client, agent) -> None:
    client.force_login(agent)
    form = _space_form(**{"phases-0-ends_on": days(-1).isoformat()})
    response = client.post(ADD_URL, form)
    assert response.status_code == 200
    assert not Space.objects.exists()
    with translation.override("fr"):
        message = gettext("A phase cannot end before it starts.")
    assert escape(message) in response.content.decode()


def test_a_space_closing_before_it_opens_is_refused_with_the_reason(client, agent) -> None:
    client.force_login(agent)
    response = client.post(ADD_URL, _space_form(closes_on=days(-5).isoformat()))
    assert response.status_code == 200
    assert not Space.objects.exists()
    with translation.override("fr"):
        message = gettext("A space cannot close before it opens.")
    assert escape(message) in response.content.decode()


def test_the_change_list_filters_by_status(client, agent, make_space) -> None:
    make_space("Ouvert", opens_on=days(-5))
    make_space("Fini", opens_on=days(-30), closes_on=days(-1))
    client.force_login(agent)
    response = client.get("/admin/spaces/space/", {"status": "closed"})
    assert response.status_code == 200
    assert [space.title for space in response.context["cl"].result_list] == ["Fini"]


def test_the_change_form_ticks_the_enabled_tools(client, agent, make_space) -> None:
    space = make_space("Charte", components=["texts"])
    client.force_login(agent)
    html = client.get(f"/admin/spaces/space/{space.pk}/change/").content.decode()
    assert 'name="components" value="texts" id="id_components_3" checked' in html
    assert 'name="components" value="meetings" id="id_components_1" checked' not in html


def test_a_resident_cannot_open_the_spaces_back_office(client, db) -> None:
    resident = Resident.objects.create_user("r@example.org", "x" * 12, display_name="Awa")
    client.force_login(resident)
    assert client.get(ADD_URL).status_code == 302
