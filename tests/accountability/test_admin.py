"""The back office of decisions and commitments: open to agents, writing through the services."""

from __future__ import annotations

from typing import Any

import pytest

from commune.accountability.models import Commitment, Decision, ProgressUpdate
from commune.core.models import AuditEvent
from tests.factories import CommitmentFactory, ResidentFactory, days_from_today

pytestmark = pytest.mark.django_db


def _management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _decision_form(contribution_pk: int, service_pk: int) -> dict[str, Any]:
    return {
        "title": "Délibération 2026-17",
        "space": "",
        "decided_by": "Conseil municipal",
        "decided_on": "2026-09-30",
        "act_url": "https://deliberations.example.org/2026-17.pdf",
        "body": "Le conseil **approuve**.",
        **_management("decisioncontribution_set", 1),
        "decisioncontribution_set-0-contribution": str(contribution_pk),
        **_management("commitments", 1),
        "commitments-0-title": "Refaire le parvis",
        "commitments-0-owner_service": str(service_pk),
        "commitments-0-target_date": days_from_today(200).isoformat(),
        "_save": "Enregistrer",
    }


def test_an_agent_adds_a_decision_with_its_links_and_commitments(
    client, agent, service, make_contribution
) -> None:
    contribution = make_contribution()
    client.force_login(agent)
    assert client.get("/admin/accountability/decision/add/").status_code == 200
    response = client.post(
        "/admin/accountability/decision/add/", _decision_form(contribution.pk, service.pk)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    decision = Decision.objects.get()
    assert decision.body_html == "<p>Le conseil <strong>approuve</strong>.</p>"
    assert decision.recorded_by == agent
    assert list(decision.contributions.all()) == [contribution]
    assert decision.commitments.get().title == "Refaire le parvis"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"record_decision", "link_decision", "add_commitment"} <= actions


def test_progress_added_in_the_back_office_moves_the_commitment(client, agent) -> None:
    commitment = CommitmentFactory()
    client.force_login(agent)
    url = f"/admin/accountability/commitment/{commitment.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "decision": str(commitment.decision.pk),
            "title": commitment.title,
            "owner_service": str(commitment.owner_service.pk),
            "target_date": commitment.target_date.isoformat(),
            **_management("updates", 1),
            "updates-0-progress": "35",
            "updates-0-text": "Appel d'offres lancé.",
            "_save": "Enregistrer",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    commitment.refresh_from_db()
    assert commitment.progress == 35
    assert ProgressUpdate.objects.get().recorded_by == agent
    assert AuditEvent.objects.filter(action="record_progress").exists()


def test_moderators_and_elected_officials_have_no_access(client) -> None:
    client.force_login(ResidentFactory(role="moderator"))
    assert client.get("/admin/accountability/decision/").status_code == 403
    assert not Commitment.objects.exists()
