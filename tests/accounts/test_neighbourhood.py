"""Choosing one's neighbourhood of residence leads to its council."""

from __future__ import annotations

from typing import Any

import pytest

from commune.accounts.models import Resident
from commune.spaces.models import Space, SpaceKind
from commune.territory.models import Neighbourhood
from tests.accounts.html import page_of
from tests.factories import NeighbourhoodFactory, SpaceFactory

CHOOSE = "/compte/quartier/"


@pytest.fixture
def logged_in(client: Any, resident: Resident) -> Resident:
    client.force_login(resident)
    return resident


def test_the_page_lists_neighbourhoods_as_labelled_radios(
    client: Any, logged_in: Resident, neighbourhood: Neighbourhood
) -> None:
    NeighbourhoodFactory(name="Île de Nantes")
    page = page_of(client.get(CHOOSE))
    radios = page.controls["neighbourhood"]
    assert [radio["type"] for radio in radios] == ["radio", "radio"]
    assert "fieldset-describedby" in radios[0]  # grouped in a fieldset with a legend
    assert "legend" in [tag for tag, _attrs in page.tags]
    assert "Nantes Nord" in page.text("main")


def test_choosing_lands_on_the_neighbourhood_council(
    client: Any, logged_in: Resident, neighbourhood: Neighbourhood, council: Space
) -> None:
    response = client.post(CHOOSE, {"neighbourhood": neighbourhood.pk}, follow=True)

    assert response.redirect_chain[-1][0] == council.get_absolute_url()
    assert council.title in page_of(response).h1_texts[0]
    logged_in.refresh_from_db()
    assert logged_in.neighbourhood == neighbourhood


def test_without_a_published_council_it_lands_on_the_neighbourhood_page(
    client: Any, logged_in: Resident, neighbourhood: Neighbourhood
) -> None:
    SpaceFactory(
        kind=SpaceKind.NEIGHBOURHOOD_COUNCIL, neighbourhood=neighbourhood, is_published=False
    )
    response = client.post(CHOOSE, {"neighbourhood": neighbourhood.pk})
    assert response["Location"] == neighbourhood.get_absolute_url()


def test_a_choice_is_required(
    client: Any, logged_in: Resident, neighbourhood: Neighbourhood
) -> None:
    response = client.post("/en" + CHOOSE, {})
    assert response.status_code == 200
    assert "This field is required." in page_of(response).errors_of("neighbourhood")
    logged_in.refresh_from_db()
    assert logged_in.neighbourhood is None
