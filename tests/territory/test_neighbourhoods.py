"""Neighbourhood pages (list with population, detail with the table) and their back office."""

from __future__ import annotations

import pytest

from commune.accounts.models import Resident, Role
from commune.accounts.services import set_role
from commune.spaces.models import PowerLevel, Space, SpaceKind
from commune.territory.models import AgeBand, City, Neighbourhood, PopulationFigure, Sex

pytestmark = pytest.mark.django_db


@pytest.fixture
def nantes_nord() -> Neighbourhood:
    city = City.objects.create(name="Nantes", slug="nantes")
    neighbourhood = Neighbourhood.objects.create(
        city=city, name="Nantes Nord", slug="nantes-nord", position=1
    )
    Neighbourhood.objects.create(city=city, name="Nantes Sud", slug="nantes-sud", position=2)
    # 1000 women and 900 men under 15, 2000 women and 1700 men aged 75 and over.
    for sex, band, count in [
        (Sex.FEMALE, AgeBand.UNDER_15, 1000),
        (Sex.MALE, AgeBand.UNDER_15, 900),
        (Sex.FEMALE, AgeBand.FROM_75, 2000),
        (Sex.MALE, AgeBand.FROM_75, 1700),
    ]:
        PopulationFigure.objects.create(
            neighbourhood=neighbourhood, sex=sex, age_band=band, count=count
        )
    return neighbourhood


def _staff(role: Role) -> Resident:
    resident = Resident.objects.create_user(
        f"{role}@example.org", "mot-de-passe-long", display_name=str(role)
    )
    return set_role(resident=resident, role=role)


def test_the_list_shows_each_neighbourhood_with_its_population(client, nantes_nord) -> None:
    response = client.get("/quartiers/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="/quartiers/nantes-nord/">Nantes Nord</a></th><td>5600</td>' in html
    # A neighbourhood without figures shows a dash, not a zero that would mislead.
    assert '<a href="/quartiers/nantes-sud/">Nantes Sud</a></th><td>—</td>' in html


def test_the_detail_shows_the_population_table_with_totals(client, nantes_nord) -> None:
    response = client.get("/quartiers/nantes-nord/")
    assert response.status_code == 200
    assert response.context["totals"] == {"women": 3000, "men": 2600}
    assert response.context["total"] == 5600
    html = response.content.decode()
    assert "<tfoot><tr><th" in html
    tfoot = html[html.index("<tfoot>") :]
    assert "<td>3000</td><td>2600</td>" in tfoot
    assert "5600" in html[html.index("<caption>") : html.index("</caption>")]


def test_the_detail_lists_the_neighbourhood_council(client, nantes_nord) -> None:
    Space.objects.create(
        kind=SpaceKind.NEIGHBOURHOOD_COUNCIL,
        title="Conseil de quartier Nantes Nord",
        slug="conseil-nantes-nord",
        summary="Le conseil",
        neighbourhood=nantes_nord,
        power_level=PowerLevel.CONCERTATION,
        who_may_take_part="Les habitants",
        stakes="Le quartier",
        city_commitment="Répondre",
        opens_on="2024-01-01",
    )
    html = client.get("/quartiers/nantes-nord/").content.decode()
    assert '<a href="/espaces/conseil-nantes-nord/">Conseil de quartier Nantes Nord</a>' in html


def test_an_unknown_neighbourhood_is_404(client, nantes_nord) -> None:
    assert client.get("/quartiers/atlantis/").status_code == 404


def test_an_administrator_edits_a_neighbourhood_with_its_population_inline(
    client, nantes_nord
) -> None:
    client.force_login(_staff(Role.ADMINISTRATOR))
    response = client.get(f"/admin/territory/neighbourhood/{nantes_nord.pk}/change/")
    assert response.status_code == 200
    assert 'name="population_figures-TOTAL_FORMS" value="4"' in response.content.decode()
    listing = client.get("/admin/territory/neighbourhood/")
    assert [(n.name, n.population) for n in listing.context["cl"].result_list] == [
        ("Nantes Nord", 5600),
        ("Nantes Sud", None),
    ]


def test_an_agent_reads_neighbourhoods_but_cannot_change_them(client, nantes_nord) -> None:
    client.force_login(_staff(Role.AGENT))
    url = f"/admin/territory/neighbourhood/{nantes_nord.pk}/change/"
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="name"' not in response.content.decode()
    assert client.post(url, {"name": "Nantes Nord-Ouest"}).status_code == 403
    nantes_nord.refresh_from_db()
    assert nantes_nord.name == "Nantes Nord"
