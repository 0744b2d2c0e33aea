"""Agents type in contributions received on paper, by phone or at a meeting."""

from __future__ import annotations

import pytest

from commune.accountability.models import StatusChange
from commune.contributions.models import Channel, Contribution
from commune.core.models import AuditEvent
from tests.contributions.conftest import form_data
from tests.factories import ContributionFactory, ResidentFactory

pytestmark = pytest.mark.django_db

ENTER = "/contributions/espace/{slug}/saisie/"


def test_an_agent_types_in_a_paper_contribution_for_someone_without_an_account(
    client, agent, space
) -> None:
    client.force_login(agent)
    assert client.get(ENTER.format(slug=space.slug)).status_code == 200
    response = client.post(
        ENTER.format(slug=space.slug),
        form_data(channel="paper", author_name="Mme Martin", title="Un banc rue Jean-Jaurès"),
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.channel == Channel.PAPER
    assert contribution.author is None
    assert contribution.author_display == "Mme Martin"
    assert contribution.entered_by == agent
    assert StatusChange.objects.filter(contribution=contribution).exists()
    # Staff act: audited.
    assert AuditEvent.objects.filter(
        actor=agent, action="enter_contribution:paper", target_id=str(contribution.pk)
    ).exists()
    html = client.get(contribution.get_absolute_url()).content.decode()
    assert "Mme Martin" in html
    assert str(Channel.PAPER.label) in html or "papier" in html


def test_an_agent_types_in_a_phone_contribution_for_an_existing_resident(
    client, agent, resident, space
) -> None:
    client.force_login(agent)
    response = client.post(
        ENTER.format(slug=space.slug),
        form_data(channel="phone", resident_email="  Camille@Example.org "),
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.author, contribution.channel) == (resident, Channel.PHONE)
    html = client.get(contribution.get_absolute_url()).content.decode()
    assert "Camille" in html
    assert "camille@example.org" not in html


def test_an_unknown_address_is_an_error_next_to_the_field(client, agent, space) -> None:
    client.force_login(agent)
    response = client.post(
        ENTER.format(slug=space.slug),
        form_data(channel="meeting", resident_email="personne@example.org"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["resident_email"]
    assert not Contribution.objects.exists()


def test_a_name_or_an_account_is_needed(client, agent, space) -> None:
    client.force_login(agent)
    response = client.post(ENTER.format(slug=space.slug), form_data(channel="paper"))
    assert response.status_code == 200
    assert response.context["form"].errors["author_name"]
    assert not Contribution.objects.exists()


def test_online_is_not_a_channel_an_agent_types_in(client, agent, space) -> None:
    client.force_login(agent)
    response = client.post(
        ENTER.format(slug=space.slug), form_data(channel="online", author_name="X")
    )
    assert response.context["form"].errors["channel"]
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("role", ["resident", "moderator", "elected"])
def test_only_agents_type_in_contributions(client, space, role) -> None:
    client.force_login(ResidentFactory(role=role))
    assert client.get(ENTER.format(slug=space.slug)).status_code == 403
    response = client.post(
        ENTER.format(slug=space.slug), form_data(channel="paper", author_name="X")
    )
    assert response.status_code == 403
    assert not Contribution.objects.exists()


def test_an_off_line_contribution_counts_like_an_online_one(client, agent, space) -> None:
    """Listed, supported, filtered and exported the same way; only its channel differs."""
    online = ContributionFactory(space=space, title="En ligne")
    client.force_login(agent)
    client.post(
        ENTER.format(slug=space.slug),
        form_data(channel="meeting", author_name="Paul", title="En réunion"),
    )
    paper = Contribution.objects.get(title="En réunion")
    listing = client.get(f"/contributions/espace/{space.slug}/")
    assert {c.title for c in listing.context["page"].object_list} == {"En ligne", "En réunion"}
    assert listing.context["page"].paginator.count == 2
    supporter = ResidentFactory()
    client.force_login(supporter)
    client.post(f"/contributions/{paper.pk}/soutenir/")
    client.post(f"/contributions/{online.pk}/soutenir/")
    paper.refresh_from_db()
    assert paper.support_count == 1
    only_meeting = client.get(f"/contributions/espace/{space.slug}/", {"channel": "meeting"})
    assert [c.title for c in only_meeting.context["page"].object_list] == ["En réunion"]
    # The agent's link shows on the list for agents only.
    assert (
        ENTER.format(slug=space.slug)
        not in client.get(f"/contributions/espace/{space.slug}/").content.decode()
    )
    client.force_login(agent)
    assert (
        ENTER.format(slug=space.slug)
        in client.get(f"/contributions/espace/{space.slug}/").content.decode()
    )
