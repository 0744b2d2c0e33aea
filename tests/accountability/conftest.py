"""People, a space and contributions for the accountability tests.

Time is never mocked: a contribution "submitted N days ago" gets its created_at and due
date moved into the past, which is what the clock would have produced.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from commune.accountability import services
from commune.accounts.models import CityService, Resident, Role
from commune.contributions.models import Channel, Contribution, Pillar
from commune.spaces.models import Space
from tests.factories import CityServiceFactory, ResidentFactory, SpaceFactory

AGENT_NAME = "Karim Agent-Municipal"
ELECTED_NAME = "Élise Adjointe"
SERVICE_NAME = "Direction de l'espace public"


@pytest.fixture
def service(db: None) -> CityService:
    return CityServiceFactory(name=SERVICE_NAME)


@pytest.fixture
def agent(service: CityService) -> Resident:
    return ResidentFactory(role=Role.AGENT, service=service, display_name=AGENT_NAME)


@pytest.fixture
def elected(db: None) -> Resident:
    return ResidentFactory(role=Role.ELECTED, display_name=ELECTED_NAME)


@pytest.fixture
def resident(db: None) -> Resident:
    return ResidentFactory(display_name="Camille")


@pytest.fixture
def space(db: None) -> Space:
    return SpaceFactory(
        title="Concertation des quais",
        slug="quais",
        answer_delay_days=30,
        components=["contributions"],
    )


def submitted(days_ago: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days_ago)


@pytest.fixture
def make_contribution(space: Space) -> Callable[..., Contribution]:
    """A contribution submitted `days_ago` days ago, due the space's delay after that day."""

    def make(
        title: str = "Des bancs à l'ombre", *, days_ago: float = 0, **fields: Any
    ) -> Contribution:
        target_space = fields.pop("space", space)
        created_at = fields.pop("created_at", None) or submitted(days_ago)
        author = fields.pop("author", None)
        defaults: dict[str, Any] = {
            "body": "Quelques bancs, à l'ombre, près du marché.",
            "body_html": "<p>Quelques bancs, à l'ombre, près du marché.</p>",
            "pillar": Pillar.PARTICIPATION,
            "channel": Channel.ONLINE if author else Channel.PAPER,
            "author": author,
            "author_name": "" if author else "Jeanne",
            "due_on": timezone.localtime(created_at).date()
            + datetime.timedelta(days=target_space.answer_delay_days),
        }
        contribution = Contribution.objects.create(
            space=target_space, title=title, created_at=created_at, **(defaults | fields)
        )
        services.record_received(contribution=contribution)
        return contribution

    return make
