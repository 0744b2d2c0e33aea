"""An agent answers a contribution; the public timeline shows each dated, signed step."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats, timezone, translation

from commune.accountability import services
from commune.accountability.models import StatusChange
from commune.accounts.models import Role
from commune.contributions.models import Status
from commune.core.models import AuditEvent
from commune.notifications.models import Notification
from tests.accountability.conftest import AGENT_NAME, ELECTED_NAME, SERVICE_NAME
from tests.accountability.html import content, element, text, timeline_steps
from tests.factories import ResidentFactory


def en(name: str, **kwargs: object) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def answer_url(contribution) -> str:
    return en("accountability:answer", pk=contribution.pk)


def page_url(contribution) -> str:
    with translation.override("en"):
        return contribution.get_absolute_url()


def long_date(value) -> str:
    with translation.override("en"):
        return formats.date_format(timezone.localtime(value), "DATE_FORMAT")


def test_the_timeline_shows_each_dated_step_signed_by_the_service(
    client, agent, make_contribution
) -> None:
    """Received, under study, accepted: dated, with the answers, signed by the service only."""
    contribution = make_contribution(days_ago=12)
    client.force_login(agent)
    response = client.post(
        answer_url(contribution),
        {"status": Status.UNDER_STUDY, "answer": "Le service étudie les **emplacements**."},
    )
    assert response.status_code == 302
    assert response["Location"] == page_url(contribution)
    client.post(answer_url(contribution), {"status": Status.ACCEPTED, "answer": "Validé."})

    html = content(client.get(page_url(contribution)))
    steps = timeline_steps(html)
    today = long_date(timezone.now())
    assert steps == [
        f"Received — {long_date(contribution.created_at)}",
        f"Under study — {today} Le service étudie les emplacements . Signed: {SERVICE_NAME}",
        f"Accepted — {today} Validé. Signed: {SERVICE_NAME}",
    ]
    assert "<strong>emplacements</strong>" in html
    assert AGENT_NAME not in html


def test_an_elected_official_who_signs_is_named(client, agent, elected, make_contribution) -> None:
    contribution = make_contribution()
    client.force_login(agent)
    client.post(
        answer_url(contribution),
        {"status": Status.REJECTED, "answer": "Hors compétence.", "signed_by": elected.pk},
    )
    steps = timeline_steps(content(client.get(page_url(contribution))))
    assert steps[-1].endswith(f"Hors compétence. Signed: {ELECTED_NAME}")
    assert SERVICE_NAME not in steps[-1]


def test_the_form_offers_only_the_steps_allowed_next(client, agent, make_contribution) -> None:
    contribution = make_contribution()
    services.answer_contribution(
        contribution=contribution, status=Status.ACCEPTED, answer="Oui.", actor=agent
    )
    client.force_login(agent)
    html = content(client.get(answer_url(contribution)))
    offered = set(re_values(html, "status"))
    assert offered == {Status.IN_PROGRESS, Status.DONE}


def re_values(html: str, name: str) -> list[str]:
    return re.findall(rf'name="{name}" value="([^"]+)"', html)


@pytest.mark.parametrize("status", [Status.PARTLY_ACCEPTED, Status.REJECTED])
def test_a_reason_is_required_to_partly_accept_or_reject(
    client, agent, make_contribution, status: str
) -> None:
    """Without a reason the form comes back with the error next to the answer; nothing saved."""
    contribution = make_contribution()
    services.answer_contribution(
        contribution=contribution, status=Status.UNDER_STUDY, answer="À l'étude.", actor=agent
    )
    client.force_login(agent)
    response = client.post(answer_url(contribution), {"status": status, "answer": "  "})
    assert response.status_code == 200
    html = content(response)
    assert "Give the reason for this answer" in text(element(html, "ul", "id_answer_error"))
    assert 'aria-invalid="true"' in html
    contribution.refresh_from_db()
    assert contribution.status == Status.UNDER_STUDY
    assert list(contribution.status_changes.values_list("status", flat=True)) == [
        "received",
        "under_study",
    ]


@pytest.mark.parametrize("status", [Status.PARTLY_ACCEPTED, Status.REJECTED])
def test_the_service_requires_a_reason_whatever_the_caller(
    agent, make_contribution, status: str
) -> None:
    contribution = make_contribution()
    with pytest.raises(ValidationError) as error, translation.override("en"):
        services.answer_contribution(
            contribution=contribution, status=status, answer="", actor=agent
        )
    assert error.value.message_dict["answer"] == [
        "Give the reason for this answer: residents are owed an explanation."
    ]
    contribution.refresh_from_db()
    assert contribution.first_answered_at is None


def test_every_first_answer_needs_a_text(client, agent, make_contribution) -> None:
    contribution = make_contribution()
    client.force_login(agent)
    response = client.post(answer_url(contribution), {"status": Status.UNDER_STUDY, "answer": ""})
    assert response.status_code == 200
    assert "first answer" in text(element(content(response), "ul", "id_answer_error"))
    assert contribution.status_changes.count() == 1


def test_later_steps_may_go_without_a_text(client, agent, make_contribution) -> None:
    contribution = make_contribution()
    client.force_login(agent)
    client.post(answer_url(contribution), {"status": Status.ACCEPTED, "answer": "Oui."})
    response = client.post(answer_url(contribution), {"status": Status.IN_PROGRESS})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == Status.IN_PROGRESS


def test_an_illegal_step_is_refused(client, agent, make_contribution) -> None:
    """A rejected contribution has no next step: the page says so and a forged post fails."""
    contribution = make_contribution()
    services.answer_contribution(
        contribution=contribution, status=Status.REJECTED, answer="Non, car…", actor=agent
    )
    client.force_login(agent)
    page = client.get(answer_url(contribution))
    assert "no further status can follow" in text(content(page))
    assert 'name="status"' not in content(page)
    response = client.post(answer_url(contribution), {"status": Status.ACCEPTED, "answer": "Si."})
    assert response.status_code == 200
    contribution.refresh_from_db()
    assert contribution.status == Status.REJECTED
    assert contribution.status_changes.count() == 2


def test_the_service_refuses_an_illegal_step_with_a_clear_message(agent, make_contribution) -> None:
    contribution = make_contribution()
    with pytest.raises(ValidationError) as error, translation.override("en"):
        services.answer_contribution(
            contribution=contribution, status=Status.DONE, answer="Fait.", actor=agent
        )
    assert error.value.message_dict["status"] == [
        "A contribution that is “Received” cannot become “Done”."
    ]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 404),
        (Role.RESIDENT, 403),
        (Role.MODERATOR, 403),
        (Role.ELECTED, 403),
        (Role.AGENT, 302),
        (Role.ADMINISTRATOR, 302),
    ],
)
def test_only_agents_may_answer(client, make_contribution, role: str, expected: int) -> None:
    contribution = make_contribution()
    if role != "anonymous":
        client.force_login(ResidentFactory(role=role))
    response = client.post(
        answer_url(contribution), {"status": Status.UNDER_STUDY, "answer": "À l'étude."}
    )
    assert response.status_code == expected
    assert contribution.status_changes.count() == (2 if expected == 302 else 1)


def test_only_an_elected_official_can_sign(agent, resident, make_contribution) -> None:
    contribution = make_contribution()
    with pytest.raises(ValidationError) as error:
        services.answer_contribution(
            contribution=contribution,
            status=Status.ACCEPTED,
            answer="Oui.",
            actor=agent,
            signed_by=resident,
        )
    assert "signed_by" in error.value.message_dict


def test_the_first_answer_is_dated_once(client, agent, make_contribution) -> None:
    contribution = make_contribution(days_ago=3)
    client.force_login(agent)
    client.post(answer_url(contribution), {"status": Status.UNDER_STUDY, "answer": "À l'étude."})
    contribution.refresh_from_db()
    first = contribution.first_answered_at
    assert first is not None
    assert first == contribution.status_changes.get(status=Status.UNDER_STUDY).created_at
    client.post(answer_url(contribution), {"status": Status.ACCEPTED, "answer": "Oui."})
    client.post(answer_url(contribution), {"status": Status.DONE, "answer": ""})
    contribution.refresh_from_db()
    assert contribution.status == Status.DONE
    assert contribution.first_answered_at == first


def test_answering_notifies_the_author_and_writes_the_audit_log(
    client, agent, resident, make_contribution, django_capture_on_commit_callbacks
) -> None:
    contribution = make_contribution(author=resident)
    client.force_login(agent)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            answer_url(contribution), {"status": Status.ACCEPTED, "answer": "Nous le ferons."}
        )
    notification = Notification.objects.get(recipient=resident)
    assert notification.contribution_id == contribution.pk
    assert notification.status == Status.ACCEPTED
    event = AuditEvent.objects.get(action="answer_contribution:accepted")
    assert event.actor == agent
    assert event.target_id == str(contribution.pk)
    assert event.reason == "Nous le ferons."
    # Who typed it is kept for the audit, never shown.
    assert StatusChange.objects.get(status=Status.ACCEPTED).recorded_by == agent


def test_an_answer_cannot_inject_markup(client, agent, make_contribution) -> None:
    contribution = make_contribution()
    client.force_login(agent)
    client.post(
        answer_url(contribution),
        {
            "status": Status.UNDER_STUDY,
            "answer": '<script>alert("x")</script> [lien](javascript:alert(1))',
        },
    )
    html = content(client.get(page_url(contribution)))
    assert "<script>alert" not in html
    assert "javascript:alert" not in html
    assert "&lt;script&gt;" in html


def test_a_withdrawn_contribution_can_still_be_answered(agent, make_contribution) -> None:
    """The city owes an answer to what it received, even once the author withdrew it."""
    contribution = make_contribution(withdrawn_at=timezone.now())
    services.answer_contribution(
        contribution=contribution, status=Status.REJECTED, answer="Pris en compte.", actor=agent
    )
    contribution.refresh_from_db()
    assert contribution.status == Status.REJECTED
    assert contribution.first_answered_at is not None


def test_the_answer_page_shows_the_timeline_and_the_signature_to_come(
    client, agent, make_contribution
) -> None:
    contribution = make_contribution()
    client.force_login(agent)
    html = text(content(client.get(answer_url(contribution))))
    assert "Received" in html
    assert f"published in the name of {SERVICE_NAME}, never in yours" in html
