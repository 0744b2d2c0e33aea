"""Fixtures of the assisted-participation tests: an agent of a service, a resident to help."""

from __future__ import annotations

import pytest

from commune.accounts.models import Resident, Role
from commune.core.models import AuditEvent
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


def assisted_events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action))
