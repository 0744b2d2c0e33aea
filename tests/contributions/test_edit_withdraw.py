"""The author edits until the first support or comment, and may withdraw at any time."""

from __future__ import annotations

import pytest

from commune.contributions import services
from commune.contributions.models import Contribution
from tests.contributions.conftest import form_data
from tests.factories import CommentFactory, ContributionFactory, SpaceFactory, days_from_today

pytestmark = pytest.mark.django_db


def _edit_url(contribution: Contribution) -> str:
    return f"/contributions/{contribution.pk}/modifier/"


def test_the_author_edits_before_any_support_or_comment(client, resident, space) -> None:
    contribution = ContributionFactory(space=space, author=resident, title="Avant")
    client.force_login(resident)
    assert client.get(_edit_url(contribution)).status_code == 200
    response = client.post(
        _edit_url(contribution), form_data(title="Après", body="Nouveau *texte*")
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.title == "Après"
    assert contribution.body_html == "<p>Nouveau <em>texte</em></p>"


def test_editing_is_refused_after_the_first_support(
    client, resident, other_resident, space
) -> None:
    contribution = ContributionFactory(space=space, author=resident, title="Avant")
    services.toggle_support(contribution=contribution, resident=other_resident)
    client.force_login(resident)
    assert client.get(_edit_url(contribution)).status_code == 403
    response = client.post(_edit_url(contribution), form_data(title="Après"))
    assert response.status_code == 403
    contribution.refresh_from_db()
    assert contribution.title == "Avant"


def test_editing_is_refused_after_the_first_comment(
    client, resident, other_resident, space
) -> None:
    contribution = ContributionFactory(space=space, author=resident, title="Avant")
    services.add_comment(
        contribution=contribution, author=other_resident, body="Bonne idée", stance="for"
    )
    client.force_login(resident)
    response = client.post(_edit_url(contribution), form_data(title="Après"))
    assert response.status_code == 403
    contribution.refresh_from_db()
    assert contribution.title == "Avant"


def test_the_service_refuses_an_edit_the_page_was_too_late_for(
    resident, other_resident, space
) -> None:
    """The check is repeated on the locked row, so a support that just arrived wins."""
    contribution = ContributionFactory(space=space, author=resident)
    stale = Contribution.objects.get(pk=contribution.pk)
    services.toggle_support(contribution=contribution, resident=other_resident)
    with pytest.raises(services.ActionRefusedError):
        services.edit_contribution(
            contribution=stale,
            editor=resident,
            title="Trop tard",
            body="x",
            pillar="participation",
            neighbourhood=None,
            kind="idea",
        )


def test_nobody_else_edits_a_contribution(client, resident, other_resident, moderator, space):
    contribution = ContributionFactory(space=space, author=resident, title="Avant")
    for person in (other_resident, moderator):
        client.force_login(person)
        assert client.post(_edit_url(contribution), form_data(title="Piraté")).status_code == 403
    contribution.refresh_from_db()
    assert contribution.title == "Avant"


def test_editing_with_bad_input_shows_the_error(client, resident, space) -> None:
    contribution = ContributionFactory(space=space, author=resident, title="Avant")
    client.force_login(resident)
    response = client.post(_edit_url(contribution), form_data(title=""))
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    contribution.refresh_from_db()
    assert contribution.title == "Avant"


def test_editing_is_refused_once_the_space_is_closed(client, resident) -> None:
    space = SpaceFactory(
        components=["contributions"], opens_on=days_from_today(-20), closes_on=days_from_today(-1)
    )
    contribution = ContributionFactory(space=space, author=resident)
    client.force_login(resident)
    assert client.post(_edit_url(contribution), form_data()).status_code == 403


def test_the_edit_link_shows_only_while_editing_is_possible(
    client, resident, other_resident, space
) -> None:
    contribution = ContributionFactory(space=space, author=resident)
    client.force_login(resident)
    assert _edit_url(contribution) in client.get(contribution.get_absolute_url()).content.decode()
    CommentFactory(contribution=contribution, author=other_resident)
    Contribution.objects.filter(pk=contribution.pk).update(comment_count=1)
    assert (
        _edit_url(contribution) not in client.get(contribution.get_absolute_url()).content.decode()
    )


def test_the_author_withdraws_and_it_stays_visible_as_withdrawn(
    client, resident, other_resident, space
) -> None:
    contribution = ContributionFactory(space=space, author=resident, title="Mon idée")
    url = f"/contributions/{contribution.pk}/retirer/"
    client.force_login(other_resident)
    assert client.post(url).status_code == 403
    client.force_login(resident)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    contribution.refresh_from_db()
    assert contribution.is_withdrawn
    # Still listed and readable, marked as withdrawn, closed to supports and comments.
    listing = client.get(f"/contributions/espace/{space.slug}/").content.decode()
    assert "Mon idée" in listing
    page = client.get(contribution.get_absolute_url())
    assert page.status_code == 200
    assert page.context["can_support"] is False
    assert page.context["can_comment"] is False
    client.force_login(other_resident)
    assert client.post(f"/contributions/{contribution.pk}/soutenir/").status_code == 403
    assert (
        client.post(
            f"/contributions/{contribution.pk}/commenter/", {"body": "x", "stance": "for"}
        ).status_code
        == 403
    )
    # Withdrawing twice is refused.
    client.force_login(resident)
    assert client.post(url).status_code == 403
