"""An agent acts on a resident's behalf: each action is the resident's own, marked, audited."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from commune.accounts.models import Resident
from commune.budgets.models import Ballot, RollEntry
from commune.contributions.models import Contribution, Support
from commune.core.models import AuditEvent
from commune.meetings.models import AgendaItem, AgendaSupport, Registration
from tests.assisted.conftest import MARK, in_french
from tests.factories import (
    AgendaItemFactory,
    BudgetProjectFactory,
    ContributionFactory,
    MeetingFactory,
    SpaceFactory,
)

pytestmark = pytest.mark.django_db


def _url(name: str, resident: Resident, **kwargs: Any) -> str:
    return reverse(f"accounts:{name}", kwargs={"pk": resident.pk, **kwargs})


def _one_event(action: str, agent: Resident) -> AuditEvent:
    events = AuditEvent.objects.filter(action=action)
    assert events.count() == 1
    assert events[0].actor == agent
    return events[0]


CONTRIBUTION = {
    "how": "phone",
    "kind": "idea",
    "title": "Un banc devant la poste",
    "body": "Pour se reposer en attendant.",
    "pillar": "participation",
    "neighbourhood": "",
}


def test_a_contribution_entered_with_help_is_the_residents_marked_and_audited(
    agent_client: Any, agent: Resident, helped: Resident
) -> None:
    space = SpaceFactory(components=["contributions"])

    response = agent_client.post(
        _url("assist_contribution", helped, space_slug=space.slug), CONTRIBUTION
    )

    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.author, contribution.entered_by) == (helped, agent)
    assert contribution.channel == "phone"
    event = _one_event("contribution.assisted", agent)
    assert event.target_id == str(contribution.pk)
    # The public sees the mark and the resident's name, never the agent's.
    page = agent_client.get(contribution.get_absolute_url()).content.decode()
    assert in_french(MARK) in page
    assert "Aïcha" in page
    assert "Agent Durand" not in page


def test_bad_input_comes_back_and_writes_nothing(agent_client: Any, helped: Resident) -> None:
    space = SpaceFactory(components=["contributions"])

    response = agent_client.post(
        _url("assist_contribution", helped, space_slug=space.slug), CONTRIBUTION | {"title": ""}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert not Contribution.objects.exists()
    assert not AuditEvent.objects.filter(action="contribution.assisted").exists()


def test_an_agent_cannot_assist_in_a_closed_space(agent_client: Any, helped: Resident) -> None:
    """The existing agent rule: only where contributions are taken today."""
    closed = SpaceFactory(
        components=["contributions"], closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    url = _url("assist_contribution", helped, space_slug=closed.slug)

    assert agent_client.get(url).status_code == 403
    assert agent_client.post(url, CONTRIBUTION).status_code == 403
    assert not Contribution.objects.exists()


def test_a_support_entered_with_help_counts_once(
    agent_client: Any, agent: Resident, helped: Resident
) -> None:
    contribution = ContributionFactory()
    url = _url("assist_support", helped)

    agent_client.post(url, {"contribution": str(contribution.pk)})
    agent_client.post(url, {"contribution": str(contribution.pk)})  # asked twice

    support = Support.objects.get()
    assert (support.resident, support.assisted_by) == (helped, agent)
    contribution.refresh_from_db()
    assert contribution.support_count == 1
    _one_event("support.assisted", agent)


def test_a_resident_cannot_support_their_own_contribution_with_help(
    agent_client: Any, helped: Resident
) -> None:
    contribution = ContributionFactory(author=helped)
    agent_client.post(_url("assist_support", helped), {"contribution": str(contribution.pk)})
    assert not Support.objects.exists()


def test_a_registration_entered_with_help_is_on_the_residents_meetings(
    agent_client: Any, client: Any, agent: Resident, helped: Resident
) -> None:
    meeting = MeetingFactory(registration_required=True)

    agent_client.post(_url("assist_meeting", helped, meeting_pk=meeting.pk), {"action": "register"})

    registration = Registration.objects.get()
    assert (registration.resident, registration.registered_by) == (helped, agent)
    assert registration.status == "registered"
    _one_event("registration.assisted", agent)


def test_an_agenda_item_and_a_support_entered_with_help(
    agent_client: Any, agent: Resident, helped: Resident
) -> None:
    other = AgendaItemFactory()
    meeting = other.meeting
    url = _url("assist_meeting", helped, meeting_pk=meeting.pk)

    agent_client.post(url, {"action": "propose", "title": "Les horaires de la piscine"})
    agent_client.post(url, {"action": "support", "item": str(other.pk)})

    item = AgendaItem.objects.get(title="Les horaires de la piscine")
    assert (item.proposed_by, item.assisted_by) == (helped, agent)
    support = AgendaSupport.objects.get()
    assert (support.item, support.resident, support.assisted_by) == (other, helped, agent)
    other.refresh_from_db()
    assert other.support_count == 1
    _one_event("agenda_item.assisted", agent)
    _one_event("agenda_support.assisted", agent)


def test_past_the_cut_off_no_item_is_proposed(agent_client: Any, helped: Resident) -> None:
    meeting = MeetingFactory(agenda_cutoff=timezone.now() - datetime.timedelta(hours=1))
    response = agent_client.post(
        _url("assist_meeting", helped, meeting_pk=meeting.pk),
        {"action": "propose", "title": "Trop tard"},
    )
    assert response.status_code == 200
    assert not AgendaItem.objects.exists()


def test_a_ballot_cast_with_help_keeps_the_secret(
    agent_client: Any, agent: Resident, helped: Resident
) -> None:
    """The roll says who (and that an agent helped); the box holds no one's id."""
    project = BudgetProjectFactory()
    budget = project.budget
    url = _url("assist_ballot", helped, budget_pk=budget.pk)

    response = agent_client.post(url, {"projects": [str(project.pk)], "age_confirmed": "on"})

    assert response.status_code == 302
    entry = RollEntry.objects.get()
    assert (entry.resident, entry.channel, entry.recorded_by) == (helped, "assisted", agent)
    ballot = Ballot.objects.get()
    assert ballot.choices == [[project.pk, 1]]
    assert ballot.token_hash is None
    ballot_fields = {field.name for field in Ballot._meta.get_fields()}
    assert ballot_fields == {"id", "budget", "choices", "token_hash"}
    event = _one_event("ballot.assisted", agent)
    assert event.target_type == "budgets.rollentry"
    # One ballot per resident, with help or online.
    agent_client.post(url, {"projects": [str(project.pk)], "age_confirmed": "on"})
    assert Ballot.objects.count() == 1


def test_the_resident_cannot_change_online_a_ballot_cast_with_help(
    agent_client: Any, client: Any, helped: Resident
) -> None:
    project = BudgetProjectFactory()
    budget = project.budget
    agent_client.post(
        _url("assist_ballot", helped, budget_pk=budget.pk),
        {"projects": [str(project.pk)], "age_confirmed": "on"},
    )
    client.force_login(helped)

    client.post(
        reverse("budgets:vote", kwargs={"pk": budget.pk}),
        {"projects": [str(project.pk)], "age_confirmed": "on"},
    )

    assert Ballot.objects.count() == 1
    assert RollEntry.objects.count() == 1


def test_the_residents_account_lists_what_was_entered_with_help_and_by_which_service(
    agent_client: Any, client: Any, helped: Resident
) -> None:
    space = SpaceFactory(components=["contributions"])
    agent_client.post(_url("assist_contribution", helped, space_slug=space.slug), CONTRIBUTION)
    client.force_login(helped)

    page = client.get(reverse("accounts:profile")).content.decode()

    assert "Un banc devant la poste" in page
    assert "Accueil de la mairie" in page
    assert "Agent Durand" not in page


def test_the_audit_log_names_the_agent(
    agent_client: Any, client: Any, helped: Resident, agent: Resident
) -> None:
    space = SpaceFactory(components=["contributions"])
    agent_client.post(_url("assist_contribution", helped, space_slug=space.slug), CONTRIBUTION)
    admin = Resident.objects.create_superuser("admin@example.org", "x", display_name="Admin")
    client.force_login(admin)

    page = client.get(reverse("admin:core_auditevent_changelist")).content.decode()

    assert "contribution.assisted" in page
    assert "Agent Durand" in page


@pytest.mark.parametrize("role", ["resident", "moderator", "elected"])
def test_only_agents_act_on_behalf(client: Any, role: str, helped: Resident) -> None:
    from tests.factories import ResidentFactory

    client.force_login(ResidentFactory(role=role))
    contribution = ContributionFactory()
    response = client.post(_url("assist_support", helped), {"contribution": str(contribution.pk)})
    assert response.status_code == 403
    assert not Support.objects.exists()


def test_a_deleted_account_cannot_be_assisted(agent_client: Any, helped: Resident) -> None:
    from commune.accounts.services import delete_account

    delete_account(resident=helped)
    assert agent_client.get(_url("assist_resident", helped)).status_code == 404
