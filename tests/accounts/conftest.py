"""Fixtures of the accounts tests: residents, a neighbourhood with its council, mail helpers."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from commune.accounts.models import Resident
from commune.spaces.models import Space, SpaceKind
from commune.territory.models import Neighbourhood
from tests.factories import NeighbourhoodFactory, ResidentFactory, SpaceFactory


@pytest.fixture
def resident(db: None) -> Resident:
    return ResidentFactory(email="camille@example.org", display_name="Camille")


@pytest.fixture
def neighbourhood(db: None) -> Neighbourhood:
    return NeighbourhoodFactory(name="Nantes Nord", slug="nantes-nord")


@pytest.fixture
def council(neighbourhood: Neighbourhood) -> Space:
    return SpaceFactory(
        kind=SpaceKind.NEIGHBOURHOOD_COUNCIL,
        title="Conseil de quartier Nantes Nord",
        slug="conseil-nantes-nord",
        neighbourhood=neighbourhood,
    )


def link_in_last_mail(to: str) -> str:
    """The one link in the last e-mail sent to `to`, as a path on the test server."""
    sent = [message for message in mail.outbox if to in message.to]
    assert sent, f"no e-mail sent to {to}"
    links = re.findall(r"https?://\S+", sent[-1].body)
    assert len(links) == 1, links
    return links[0].removeprefix("http://testserver")
