"""Every public list can be downloaded as CSV, filtered as on screen, with nothing personal."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.utils import timezone
from django.utils.text import slugify

from commune.spaces.models import PowerLevel, Space, SpaceKind
from commune.territory.models import AgeBand, City, Neighbourhood, PopulationFigure, Sex

pytestmark = pytest.mark.django_db


def _rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff"), "spreadsheets need the BOM to read accents"
    return list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))


def _space(title: str, **fields) -> Space:
    defaults = {
        "kind": SpaceKind.THEMATIC_COUNCIL,
        "slug": slugify(title),
        "summary": "Résumé",
        "power_level": PowerLevel.CONCERTATION,
        "who_may_take_part": "Tout le monde",
        "stakes": "Enjeux",
        "city_commitment": "Engagement",
        "opens_on": timezone.localdate() - datetime.timedelta(days=10),
    }
    return Space.objects.create(title=title, **(defaults | fields))


def test_spaces_export_follows_the_filters(client) -> None:
    _space("Conseil jeunesse")
    _space("Débat Loire", kind=SpaceKind.PROCESS)
    response = client.get("/espaces/export.csv?kind=process")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _rows(response)
    assert rows[0][0] == "Titre"
    assert [row[0] for row in rows[1:]] == ["Débat Loire"]
    assert rows[1][-1] == "http://testserver/espaces/debat-loire/"


def test_spaces_export_hides_unpublished_spaces_from_the_public(client) -> None:
    _space("Brouillon", is_published=False)
    rows = _rows(client.get("/espaces/export.csv"))
    assert rows[1:] == []


def test_a_formula_in_a_title_is_exported_as_text(client) -> None:
    _space("=HYPERLINK(1)", slug="formula")
    rows = _rows(client.get("/espaces/export.csv"))
    assert rows[1][0] == "'=HYPERLINK(1)"


def test_population_export_lists_every_cell(client) -> None:
    city = City.objects.create(name="Nantes", slug="nantes")
    nord = Neighbourhood.objects.create(city=city, name="Nantes Nord", slug="nantes-nord")
    PopulationFigure.objects.create(
        neighbourhood=nord, sex=Sex.FEMALE, age_band=AgeBand.FROM_30, count=1200
    )
    rows = _rows(client.get("/en/quartiers/export.csv"))
    assert rows[0][:4] == ["Neighbourhood", "Sex", "Age band", "Number of residents"]
    assert rows[1][:4] == ["Nantes Nord", "Women", "30-44", "1200"]


def test_neighbourhood_page_draws_its_population_pyramid_with_a_text_alternative(client) -> None:
    city = City.objects.create(name="Nantes", slug="nantes")
    nord = Neighbourhood.objects.create(city=city, name="Nantes Nord", slug="nantes-nord")
    PopulationFigure.objects.create(
        neighbourhood=nord, sex=Sex.FEMALE, age_band=AgeBand.FROM_30, count=1200
    )
    PopulationFigure.objects.create(
        neighbourhood=nord, sex=Sex.MALE, age_band=AgeBand.FROM_30, count=600
    )
    html = client.get("/en/quartiers/nantes-nord/").content.decode()
    assert '<svg viewBox="0 0 560' in html
    assert 'role="img"' in html
    assert "1200 women and 600 men live in Nantes Nord, out of 1800 residents" in html
    # The larger group gets the full half-width bar, the other half of it.
    assert 'width="169.0"' in html
    assert 'width="84.5"' in html
