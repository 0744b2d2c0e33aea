"""The home page and the health check."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from commune.spaces.models import PowerLevel, Space, SpaceKind
from commune.territory.models import City, Neighbourhood

pytestmark = pytest.mark.django_db


def _space(**fields) -> Space:
    today = timezone.localdate()
    defaults = {
        "kind": SpaceKind.PROCESS,
        "summary": "Résumé",
        "power_level": PowerLevel.CONSULTATION,
        "who_may_take_part": "Tout le monde",
        "stakes": "Les enjeux",
        "city_commitment": "La ville répond",
        "opens_on": today - datetime.timedelta(days=5),
    }
    return Space.objects.create(**(defaults | fields))


def test_home_shows_the_three_pillars_in_french_by_default(client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    for pillar in ("Transparence", "Participation", "Coproduction"):
        assert pillar in html


def test_home_lists_what_is_open_now_and_not_what_is_closed_or_upcoming(client) -> None:
    today = timezone.localdate()
    _space(title="Débat sur la Loire", slug="loire")
    _space(
        title="Vieux débat",
        slug="vieux",
        opens_on=today - datetime.timedelta(days=90),
        closes_on=today - datetime.timedelta(days=1),
    )
    _space(title="Débat futur", slug="futur", opens_on=today + datetime.timedelta(days=3))
    html = client.get("/").content.decode()
    assert "Débat sur la Loire" in html
    assert "Vieux débat" not in html
    assert "Débat futur" not in html


def test_home_links_every_neighbourhood_council(client) -> None:
    city = City.objects.create(name="Nantes", slug="nantes")
    nord = Neighbourhood.objects.create(city=city, name="Nantes Nord", slug="nantes-nord")
    council = _space(
        kind=SpaceKind.NEIGHBOURHOOD_COUNCIL,
        title="Conseil de quartier Nantes Nord",
        slug="conseil-nantes-nord",
        neighbourhood=nord,
    )
    html = client.get("/").content.decode()
    assert f'href="{council.get_absolute_url()}"' in html


def test_home_in_english(client) -> None:
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    assert "Three pillars" in response.content.decode()


def test_health_check_answers_ok(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
