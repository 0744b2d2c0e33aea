"""Spaces and people for the spaces tests, with dates relative to the city's today."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from django.utils.text import slugify

from commune.accounts.models import CityService, Resident, Role
from commune.accounts.services import set_role
from commune.spaces.models import PowerLevel, Space, SpaceKind
from commune.territory.models import City, Neighbourhood


def days(offset: int) -> datetime.date:
    """A date `offset` days from today in the city's time zone."""
    return timezone.localdate() + datetime.timedelta(days=offset)


@pytest.fixture
def city(db: None) -> City:
    return City.objects.create(name="Nantes", slug="nantes")


@pytest.fixture
def nantes_nord(city: City) -> Neighbourhood:
    return Neighbourhood.objects.create(city=city, name="Nantes Nord", slug="nantes-nord")


@pytest.fixture
def ile_de_nantes(city: City) -> Neighbourhood:
    return Neighbourhood.objects.create(city=city, name="Île de Nantes", slug="ile-de-nantes")


@pytest.fixture
def make_space(db: None) -> Callable[..., Space]:
    """Create a published, open process; keyword arguments override any field."""

    def make(title: str, **fields: Any) -> Space:
        defaults: dict[str, Any] = {
            "kind": SpaceKind.PROCESS,
            "slug": fields.pop("slug", None) or slugify(title),
            "summary": f"Résumé de {title}",
            "power_level": PowerLevel.CONSULTATION,
            "who_may_take_part": "Toute personne qui habite Nantes, dès 16 ans.",
            "stakes": "L'avenir des quais.",
            "city_commitment": "La ville répond à chaque contribution.",
            "opens_on": days(-10),
        }
        return Space.objects.create(title=title, **(defaults | fields))

    return make


@pytest.fixture
def agent(db: None) -> Resident:
    resident = Resident.objects.create_user(
        "agent@example.org", "mot-de-passe-agent", display_name="Karim"
    )
    service = CityService.objects.create(name="Direction de la participation citoyenne")
    return set_role(resident=resident, role=Role.AGENT, service=service)
