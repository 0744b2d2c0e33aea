"""Fixtures for notifications: a space with a contribution, its author and a follower."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from commune.contributions.models import Contribution, Pillar
from commune.notifications import services
from tests.factories import ResidentFactory, SpaceFactory


@dataclass
class Scene:
    author: object
    follower: object
    contribution: Contribution


@pytest.fixture
def scene(db) -> Scene:
    space = SpaceFactory(components=["contributions"])
    author = ResidentFactory(display_name="Awa")
    follower = ResidentFactory(display_name="Bruno")
    contribution = Contribution.objects.create(
        space=space,
        author=author,
        title="Des bancs sur les quais",
        body="Pour s'asseoir.",
        body_html="<p>Pour s'asseoir.</p>",
        pillar=Pillar.PARTICIPATION,
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    services.follow(resident=follower, contribution=contribution)
    return Scene(author=author, follower=follower, contribution=contribution)
