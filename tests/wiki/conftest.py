"""Fixtures of the wiki tests: a space with the wiki tool, its residents and moderators."""

from __future__ import annotations

import time
import types

import pytest

from commune.accounts.models import Role, Verification
from tests.factories import ResidentFactory, SpaceFactory, WikiPageFactory


@pytest.fixture
def space(db):
    return SpaceFactory(components=["wiki"], slug="conseil-des-quais", title="Conseil des quais")


@pytest.fixture
def wiki_page(space):
    return WikiPageFactory(space=space, title="Jardins partagés", body="Le jardin ouvre le samedi.")


@pytest.fixture
def resident(db):
    return ResidentFactory(verification=Verification.EMAIL)


@pytest.fixture
def moderator(db):
    return ResidentFactory(role=Role.MODERATOR)


@pytest.fixture
def one_rate_limit_window(monkeypatch) -> None:
    """Keep django-ratelimit's clock still, so a slow run never crosses a minute boundary."""
    import django_ratelimit.core

    frozen = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: frozen))
