"""Two agents answering the same contribution at once: exactly one first answer."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from commune.accountability import services
from commune.accountability.models import StatusChange
from commune.contributions.models import Contribution, Status
from tests.factories import ResidentFactory


@pytest.mark.django_db(transaction=True)
def test_concurrent_first_answers_leave_exactly_one(agent, make_contribution) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite locks the whole database: row locks are only tested on PostgreSQL")
    contribution = make_contribution()
    other_agent = ResidentFactory(role="agent", service=agent.service)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def answer(actor, status: str) -> None:
        try:
            barrier.wait()
            services.answer_contribution(
                contribution=Contribution.objects.get(pk=contribution.pk),
                status=status,
                answer="Réponse.",
                actor=actor,
            )
            outcomes.append("answered")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    # Both try a step that is only legal from "received": the second must see the first.
    threads = [
        threading.Thread(target=answer, args=(agent, Status.REJECTED)),
        threading.Thread(target=answer, args=(other_agent, Status.ACCEPTED)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["answered", "refused"]
    contribution.refresh_from_db()
    answers = StatusChange.objects.filter(contribution=contribution).exclude(status=Status.RECEIVED)
    assert answers.count() == 1
    assert contribution.status == answers.get().status
    assert contribution.first_answered_at == answers.get().created_at


@pytest.mark.django_db(transaction=True)
def test_concurrent_steps_keep_one_first_answer_date(agent, make_contribution) -> None:
    """Two legal steps at once (under study, then accepted): the first answer is dated once."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite locks the whole database: row locks are only tested on PostgreSQL")
    contribution = make_contribution()
    barrier = threading.Barrier(4)
    errors: list[Exception] = []

    def answer(status: str) -> None:
        try:
            barrier.wait()
            services.answer_contribution(
                contribution=Contribution.objects.get(pk=contribution.pk),
                status=status,
                answer="Réponse.",
                actor=agent,
            )
        except ValidationError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(Status.UNDER_STUDY,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # Under study may not follow under study: one step recorded, three refused.
    assert len(errors) == 3
    assert StatusChange.objects.filter(status=Status.UNDER_STUDY).count() == 1
    contribution.refresh_from_db()
    assert (
        contribution.first_answered_at
        == StatusChange.objects.get(status=Status.UNDER_STUDY).created_at
    )
