"""Supports: one per resident, toggled, counted, with the space's verification level."""

from __future__ import annotations

import pytest

from commune.accounts.models import Verification
from commune.contributions import services
from commune.contributions.models import Contribution, Support
from tests.factories import ContributionFactory, ResidentFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def _support(client, contribution: Contribution, **data: str):
    return client.post(f"/contributions/{contribution.pk}/soutenir/", data)


def test_supporting_toggles_and_counts(client, resident, other_resident, space) -> None:
    contribution = ContributionFactory(space=space, author=other_resident)
    client.force_login(resident)
    response = _support(client, contribution)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/contributions/{contribution.pk}/#support")
    contribution.refresh_from_db()
    assert contribution.support_count == 1
    page = client.get(contribution.get_absolute_url())
    assert page.context["has_supported"] is True
    _support(client, contribution)
    contribution.refresh_from_db()
    assert contribution.support_count == 0
    assert not Support.objects.exists()


def test_a_form_sent_twice_does_not_undo_itself(client, resident, other_resident, space) -> None:
    """The button says which state it asks for, so a double click supports once."""
    contribution = ContributionFactory(space=space, author=other_resident)
    client.force_login(resident)
    _support(client, contribution, supported="1")
    _support(client, contribution, supported="1")
    contribution.refresh_from_db()
    assert contribution.support_count == 1
    assert Support.objects.count() == 1
    _support(client, contribution, supported="0")
    _support(client, contribution, supported="0")
    contribution.refresh_from_db()
    assert contribution.support_count == 0


def test_each_resident_counts_once(client, other_resident, space) -> None:
    contribution = ContributionFactory(space=space, author=other_resident)
    for _ in range(3):
        client.force_login(ResidentFactory())
        _support(client, contribution, supported="1")
    contribution.refresh_from_db()
    assert contribution.support_count == 3 == Support.objects.count()
    html = client.get(f"/contributions/espace/{space.slug}/").content.decode()
    assert "3 " in html


def test_the_author_does_not_support_their_own_contribution(client, resident, space) -> None:
    contribution = ContributionFactory(space=space, author=resident)
    client.force_login(resident)
    assert _support(client, contribution).status_code == 403
    assert not Support.objects.exists()


def test_supporting_needs_to_be_logged_in(client, resident, space) -> None:
    contribution = ContributionFactory(space=space, author=resident)
    response = _support(client, contribution)
    assert response.status_code == 302
    assert "/compte/connexion/" in response["Location"]
    assert not Support.objects.exists()


def test_a_get_does_not_support(client, resident, other_resident, space) -> None:
    contribution = ContributionFactory(space=space, author=other_resident)
    client.force_login(resident)
    assert client.get(f"/contributions/{contribution.pk}/soutenir/").status_code == 405
    assert not Support.objects.exists()


@pytest.mark.parametrize(
    ("required", "level", "allowed"),
    [
        (Verification.UNVERIFIED, Verification.UNVERIFIED, True),
        (Verification.EMAIL, Verification.UNVERIFIED, False),
        (Verification.EMAIL, Verification.EMAIL, True),
        (Verification.EMAIL, Verification.IN_PERSON, True),
        (Verification.IN_PERSON, Verification.EMAIL, False),
        (Verification.IN_PERSON, Verification.IN_PERSON, True),
    ],
)
def test_the_space_sets_the_verification_level_needed(
    client, other_resident, required, level, allowed
) -> None:
    space = SpaceFactory(components=["contributions"], support_verification=required)
    contribution = ContributionFactory(space=space, author=other_resident)
    client.force_login(ResidentFactory(verification=level))
    response = _support(client, contribution)
    assert response.status_code == (302 if allowed else 403)
    contribution.refresh_from_db()
    assert contribution.support_count == (1 if allowed else 0)
    page = client.get(contribution.get_absolute_url())
    assert page.context["can_support"] is allowed
    if not allowed:
        # The page says what is missing instead of showing a button that fails.
        assert str(page.context["verification_needed"]) in page.content.decode()


def test_supports_are_closed_with_the_space(client, resident, other_resident) -> None:
    from tests.factories import days_from_today

    space = SpaceFactory(
        components=["contributions"], opens_on=days_from_today(-9), closes_on=days_from_today(-1)
    )
    contribution = ContributionFactory(space=space, author=other_resident)
    client.force_login(resident)
    assert _support(client, contribution).status_code == 403


def test_supports_are_closed_on_a_hidden_contribution(
    client, resident, other_resident, moderator, space
) -> None:
    contribution = ContributionFactory(space=space, author=other_resident)
    services.hide_contribution(contribution=contribution, moderator=moderator, reason="Insultes")
    client.force_login(resident)
    assert _support(client, contribution).status_code == 403


@pytest.mark.usefixtures("one_rate_limit_window")
def test_supporting_is_rate_limited(client, other_resident, space) -> None:
    contributions = ContributionFactory.create_batch(61, space=space, author=other_resident)
    client.force_login(ResidentFactory())
    statuses = [_support(client, c, supported="1").status_code for c in contributions]
    assert statuses[:60] == [302] * 60
    assert statuses[60] == 429
    assert Support.objects.count() == 60


def test_who_supports_what_is_never_shown(client, resident, other_resident, space) -> None:
    contribution = ContributionFactory(space=space, author=other_resident)
    services.toggle_support(contribution=contribution, resident=resident)
    html = client.get(contribution.get_absolute_url()).content.decode()
    assert "Camille" not in html
