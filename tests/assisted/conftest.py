"""Fixtures of the assisted-participation tests: an agent of a service, a resident to help."""

from __future__ import annotations

import pytest
from django.utils import translation

from commune.accounts.models import Resident, Role
from tests.factories import CityServiceFactory, NeighbourhoodFactory, ResidentFactory


@pytest.fixture
def agent(db: None) -> Resident:
    service = CityServiceFactory(name="Accueil de la mairie")
    return ResidentFactory(display_name="Agent Durand", role=Role.AGENT, service=service)


@pytest.fixture
def neighbourhood(db: None):
    return NeighbourhoodFactory(name="Nantes Nord", slug="nantes-nord")


@pytest.fixture
def helped(neighbourhood) -> Resident:
    """A resident without an e-mail address, verified in person at the desk."""
    return Resident.objects.create_user(
        None, None, display_name="Aïcha", neighbourhood=neighbourhood, verification="in_person"
    )


@pytest.fixture
def agent_client(client, agent: Resident):
    client.force_login(agent)
    return client


def in_french(text: str) -> str:
    """`text` as a French page shows it (the msgid itself until the catalogue has it)."""
    with translation.override("fr"):
        return translation.gettext(text)


MARK = "Entered with help from the city"
WRONG_CODE = (
    "This code does not open any account. Check it, or ask the city's reception desk for a new one."
)
