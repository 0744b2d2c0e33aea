"""Residents join and leave working groups; names are shown only when members say so."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.urls import reverse
from django.utils import translation

from commune.spaces.models import Membership, SpaceKind
from tests.factories import ResidentFactory, SpaceFactory, days_from_today

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def resident():
    return ResidentFactory()


def _group(**fields):
    return SpaceFactory(kind=SpaceKind.WORKING_GROUP, title="Groupe vélo", **fields)


def test_a_resident_joins_shown_or_only_counted(client) -> None:
    group = _group()
    shown = ResidentFactory(display_name="Awa Diallo")
    counted = ResidentFactory(display_name="Discrète")
    for resident, data in ((shown, {"listed_publicly": "on"}), (counted, {})):
        client.force_login(resident)
        response = client.post(reverse("spaces:join", kwargs={"slug": group.slug}), data)
        assert response.status_code == 302
    page = client.get(group.get_absolute_url()).content.decode()
    assert "2 members set this working group" in page
    assert "Awa Diallo" in page
    assert "Discrète" not in page
    assert "The other members chose not to show their name." in page


def test_joining_twice_keeps_one_membership_and_updates_the_choice(client, resident) -> None:
    group = _group()
    client.force_login(resident)
    url = reverse("spaces:join", kwargs={"slug": group.slug})
    client.post(url, {})
    client.post(url, {"listed_publicly": "on"})
    membership = Membership.objects.get()
    assert membership.listed_publicly


def test_leaving(client, resident) -> None:
    group = _group()
    client.force_login(resident)
    client.post(reverse("spaces:join", kwargs={"slug": group.slug}), {})
    client.post(reverse("spaces:leave", kwargs={"slug": group.slug}))
    assert not Membership.objects.exists()
    assert "0 members" in client.get(group.get_absolute_url()).content.decode()


def test_councils_have_no_members_and_ended_groups_take_none(client, resident) -> None:
    council = SpaceFactory(kind=SpaceKind.THEMATIC_COUNCIL)
    ended = _group(opens_on=days_from_today(-60), closes_on=days_from_today(-1))
    client.force_login(resident)
    assert client.post(reverse("spaces:join", kwargs={"slug": council.slug})).status_code == 403
    assert client.post(reverse("spaces:join", kwargs={"slug": ended.slug})).status_code == 403
    assert not Membership.objects.exists()
    assert "Join this working group" not in client.get(council.get_absolute_url()).content.decode()


def test_visitors_are_asked_to_log_in(client) -> None:
    group = _group()
    page = client.get(group.get_absolute_url()).content.decode()
    assert "Log in to join this working group" in page
    response = client.post(reverse("spaces:join", kwargs={"slug": group.slug}))
    assert response.status_code == 302
    assert not Membership.objects.exists()
