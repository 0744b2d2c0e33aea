"""Fixtures of the participatory-budget tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from commune.accounts.models import Resident, Role
from tests.factories import ResidentFactory


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The tests read the English texts: reverse() then gives the /en/ URLs."""
    with translation.override("en"):
        yield


@pytest.fixture
def agent(db: None) -> Resident:
    return ResidentFactory(role=Role.AGENT)


@pytest.fixture
def resident(db: None) -> Resident:
    return ResidentFactory()
