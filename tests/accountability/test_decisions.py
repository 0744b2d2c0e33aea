"""Decisions answer contributions (links both ways) and carry commitments with progress."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from commune.accountability import services
from commune.accountability.models import (
    Commitment,
    CommitmentStatus,
    Decision,
    ProgressUpdate,
)
from commune.core.models import AuditEvent
from tests.accountability.html import content, element, text
from tests.factories import (
    CommitmentFactory,
    DecisionFactory,
    MeetingFactory,
    SpaceFactory,
    days_from_today,
)


def en(name: str, **kwargs: object) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def test_an_agent_records_a_decision_that_answers_contributions(
    client, agent, space, make_contribution
) -> None:
    """Choose the space (a GET form), tick its contributions, publish; links go both ways."""
    benches = make_contribution("Des bancs")
    trees = make_contribution("Des arbres")
    elsewhere = make_contribution("Ailleurs", space=SpaceFactory())
    client.force_login(agent)
    url = en("accountability:new_decision") + f"?space={space.slug}"
    form = content(client.get(url))
    offered = set(re.findall(r'name="contributions" value="(\d+)"', form))
    assert offered == {str(benches.pk), str(trees.pk)}

    response = client.post(
        url,
        {
            "title": "Délibération 2026-42 : aménagement des quais",
            "decided_by": "Conseil municipal",
            "decided_on": "2026-10-12",
            "act_url": "https://deliberations.example.org/2026-42.pdf",
            "body": "Le conseil approuve **l'aménagement**.",
            "contributions": [benches.pk, trees.pk],
        },
    )
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == decision.get_absolute_url()
    assert decision.space == space
    assert decision.recorded_by == agent
    assert decision.decided_on == datetime.date(2026, 10, 12)
    assert set(decision.contributions.all()) == {benches, trees}
    assert AuditEvent.objects.filter(action="record_decision", target_id=str(decision.pk)).exists()

    page = content(client.get(en("accountability:decision", pk=decision.pk)))
    answered = element(page, "ul", "answered-contributions")
    with translation.override("en"):
        assert benches.get_absolute_url() in answered
        assert trees.get_absolute_url() in answered
        assert elsewhere.get_absolute_url() not in answered
    assert "<strong>l&#x27;aménagement</strong>" in page or "<strong>l'aménagement</strong>" in page
    assert 'href="https://deliberations.example.org/2026-42.pdf"' in page
    assert "Conseil municipal" in page

    for contribution in (benches, trees):
        with translation.override("en"):
            html = content(client.get(contribution.get_absolute_url()))
        assert decision.get_absolute_url() in html
        assert escape(decision.title) in html


def test_a_decision_can_only_answer_contributions_of_the_chosen_space(
    client, agent, space, make_contribution
) -> None:
    elsewhere = make_contribution("Ailleurs", space=SpaceFactory())
    client.force_login(agent)
    response = client.post(
        en("accountability:new_decision") + f"?space={space.slug}",
        {
            "title": "Délibération",
            "decided_by": "Conseil municipal",
            "decided_on": "2026-10-12",
            "body": "Texte.",
            "contributions": [elsewhere.pk],
        },
    )
    assert response.status_code == 200
    assert "errorlist" in content(response)
    assert not Decision.objects.exists()


def test_a_decision_needs_a_title_a_body_and_a_date(client, agent) -> None:
    client.force_login(agent)
    response = client.post(en("accountability:new_decision"), {"decided_by": "Conseil"})
    assert response.status_code == 200
    html = content(response)
    for field in ("title", "decided_on", "body"):
        assert f'id="id_{field}_error"' in html
    assert not Decision.objects.exists()


def test_commitments_progress_and_status(client, agent, service) -> None:
    """Planned, then in progress, late once the target date passes, done at 100 %."""
    decision = DecisionFactory()
    client.force_login(agent)
    response = client.post(
        en("accountability:new_commitment", pk=decision.pk),
        {
            "title": "Planter vingt arbres",
            "owner_service": service.pk,
            "target_date": days_from_today(90).isoformat(),
        },
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get()
    assert commitment.status() == CommitmentStatus.PLANNED
    progress_url = en("accountability:commitment_progress", pk=commitment.pk)

    client.post(progress_url, {"progress": 40, "text": "Huit arbres plantés."})
    commitment.refresh_from_db()
    assert commitment.progress == 40
    assert commitment.status() == CommitmentStatus.IN_PROGRESS
    page = content(client.get(en("accountability:decision", pk=decision.pk)))
    item = element(page, "li", f"commitment-{commitment.pk}")
    assert f'<progress id="progress-{commitment.pk}"' in item
    assert 'max="100" value="40"' in item
    assert "40% done" in text(item)
    assert "In progress" in text(item)
    assert "Huit arbres plantés." in text(item)
    assert service.name in text(item)

    Commitment.objects.filter(pk=commitment.pk).update(target_date=days_from_today(-1))
    item = element(
        content(client.get(en("accountability:decision", pk=decision.pk))),
        "li",
        f"commitment-{commitment.pk}",
    )
    assert "Late" in text(item)
    assert "badge-overdue" in item

    client.post(progress_url, {"progress": 100, "text": "Les vingt arbres sont plantés."})
    commitment.refresh_from_db()
    assert commitment.status() == CommitmentStatus.DONE
    assert list(commitment.updates.values_list("progress", flat=True)) == [40, 100]
    assert AuditEvent.objects.filter(action="record_progress").count() == 2


def test_progress_is_a_percentage(client, agent) -> None:
    commitment = CommitmentFactory(progress=20)
    client.force_login(agent)
    response = client.post(
        en("accountability:commitment_progress", pk=commitment.pk),
        {"progress": 120, "text": "Trop."},
    )
    assert response.status_code == 200
    assert 'id="id_progress_error"' in content(response)
    commitment.refresh_from_db()
    assert commitment.progress == 20
    assert not ProgressUpdate.objects.exists()


def test_progress_may_go_down_with_its_reason(agent) -> None:
    """A work found faulty goes back: allowed, and the history keeps both figures."""
    commitment = CommitmentFactory()
    services.record_progress(commitment=commitment, progress=80, text="Presque.", actor=agent)
    services.record_progress(
        commitment=commitment, progress=50, text="Malfaçon à reprendre.", actor=agent
    )
    commitment.refresh_from_db()
    assert commitment.progress == 50
    assert list(commitment.updates.values_list("progress", flat=True)) == [80, 50]


@pytest.mark.parametrize(
    ("progress", "target", "expected"),
    [
        (0, 10, CommitmentStatus.PLANNED),
        (30, 10, CommitmentStatus.IN_PROGRESS),
        (30, -1, CommitmentStatus.LATE),
        (0, -1, CommitmentStatus.LATE),
        (100, -1, CommitmentStatus.DONE),
        (100, 10, CommitmentStatus.DONE),
    ],
)
def test_commitment_status(progress: int, target: int, expected: CommitmentStatus) -> None:
    commitment = Commitment(progress=progress, target_date=days_from_today(target))
    assert commitment.status() == expected


def test_the_decision_list_filters_by_space_and_exports_the_same_list(client, space) -> None:
    ours = DecisionFactory(space=space, title="Délibération des quais")
    DecisionFactory(title="Une autre délibération")
    city_wide = DecisionFactory(space=None, title="Délibération municipale")
    html = content(client.get(en("accountability:decisions")))
    assert all(escape(d) in html for d in (ours.title, city_wide.title))

    filtered = content(client.get(en("accountability:decisions") + f"?space={space.slug}"))
    assert escape(ours.title) in filtered
    assert "Une autre délibération" not in filtered
    assert f"export.csv?space={space.slug}" in filtered

    response = client.get(en("accountability:decisions_export") + f"?space={space.slug}")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Title"
    assert [row[0] for row in rows[1:]] == [ours.title]


def test_the_decision_export_lists_the_contributions_answered(client, make_contribution) -> None:
    decision = DecisionFactory(space=None, meeting=MeetingFactory(title="Assemblée d'automne"))
    contribution = make_contribution("Des bancs")
    decision.contributions.add(contribution)
    CommitmentFactory(decision=decision)
    response = client.get(en("accountability:decisions_export"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][4] == "Taken at the meeting"
    assert rows[1][4] == "Assemblée d'automne"
    assert rows[1][6] == f"{contribution.pk} Des bancs"
    assert rows[1][7] == "1"
    assert rows[1][8].endswith(decision.get_absolute_url())


def test_a_decision_of_a_draft_space_is_hidden_from_the_public(client, agent) -> None:
    decision = DecisionFactory(space=SpaceFactory(is_published=False))
    url = en("accountability:decision", pk=decision.pk)
    assert client.get(url).status_code == 404
    assert escape(decision.title) not in content(client.get(en("accountability:decisions")))
    client.force_login(agent)
    assert client.get(url).status_code == 200


def test_the_decision_page_offers_agents_their_actions(client, agent) -> None:
    commitment = CommitmentFactory()
    url = en("accountability:decision", pk=commitment.decision.pk)
    progress = en("accountability:commitment_progress", pk=commitment.pk)
    assert progress not in content(client.get(url))
    client.force_login(agent)
    html = content(client.get(url))
    assert progress in html
    assert en("accountability:new_commitment", pk=commitment.decision.pk) in html


def test_decided_on_is_shown_and_the_act_is_linked(client, db) -> None:
    decision = DecisionFactory(decided_on=datetime.date(2026, 3, 9), act_url="")
    html = content(client.get(en("accountability:decision", pk=decision.pk)))
    assert 'datetime="2026-03-09"' in html
    assert "Read the official act" not in html


def test_the_contribution_page_says_at_which_meeting_its_decision_was_taken(
    client, make_contribution
) -> None:
    meeting = MeetingFactory(title="Assemblée d'automne")
    decision = DecisionFactory(space=None, meeting=meeting)
    contribution = make_contribution("Des bancs")
    decision.contributions.add(contribution)
    with translation.override("en"):
        html = content(client.get(contribution.get_absolute_url()))
    assert decision.title in html
    assert f'{meeting.get_absolute_url()}#minutes-title">Assemblée d&#x27;automne' in html
