"""The demo city's contributions: every state of the loop, consistent dates, real services."""

from __future__ import annotations

import itertools

import pytest
from django.db.models import Count
from django.utils import timezone

from commune.accountability.models import Commitment, CommitmentStatus, Decision, StatusChange
from commune.accounts.models import Role
from commune.contributions.models import (
    NEXT_STATUSES,
    STATUSES_NEEDING_REASON,
    Channel,
    Comment,
    Contribution,
    Pillar,
    Stance,
    Status,
    Support,
)
from commune.core.demo.contributions import CONTRIBUTIONS, french_date

pytestmark = pytest.mark.usefixtures("demo_output")


def test_loading_shows_the_contributions_step(demo_output: str) -> None:
    assert f"{len(CONTRIBUTIONS)}/{len(CONTRIBUTIONS)}" in demo_output


def test_contributions_exist_in_every_status() -> None:
    statuses = set(Contribution.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)


def test_some_are_overdue_and_some_still_within_the_delay() -> None:
    today = timezone.localdate()
    assert Contribution.objects.overdue().count() >= 2
    waiting = Contribution.objects.filter(first_answered_at__isnull=True, due_on__gte=today)
    assert waiting.exists()


def test_every_channel_and_pillar_is_used() -> None:
    assert Contribution.objects.filter(channel=Channel.PAPER).exists()
    assert Contribution.objects.filter(channel=Channel.PHONE).exists()
    assert set(Contribution.objects.values_list("channel", flat=True)) == set(Channel.values)
    assert set(Contribution.objects.values_list("pillar", flat=True)) == set(Pillar.values)


def test_offline_contributions_were_typed_in_by_the_agent_for_a_named_person() -> None:
    offline = Contribution.objects.exclude(channel=Channel.ONLINE)
    assert offline.exists()
    for contribution in offline:
        assert contribution.author is None
        assert contribution.author_name
        assert contribution.entered_by.email == "agent@demo.commune.fr"


def test_contributions_spread_over_councils_the_loire_debate_and_thematic_councils() -> None:
    kinds = set(Contribution.objects.values_list("space__kind", flat=True))
    assert {"neighbourhood_council", "thematic_council", "process"} <= kinds
    assert Contribution.objects.filter(space__slug="grand-debat-loire").count() >= 3


def test_timelines_are_valid_and_dated_in_order_in_the_past() -> None:
    now = timezone.now()
    for contribution in Contribution.objects.prefetch_related("status_changes"):
        steps = list(contribution.status_changes.all())
        assert steps[0].status == Status.RECEIVED
        assert steps[0].created_at == contribution.created_at
        for before, after in itertools.pairwise(steps):
            assert after.status in NEXT_STATUSES[before.status], contribution.title
            assert after.created_at > before.created_at, contribution.title
        assert contribution.status == steps[-1].status
        assert contribution.first_answered_at == (steps[1].created_at if len(steps) > 1 else None)
        assert steps[-1].created_at < now
        delay = contribution.space.answer_delay_days
        assert (contribution.due_on - timezone.localdate(contribution.created_at)).days == delay


def test_partial_answers_and_rejections_give_a_reason() -> None:
    for step in StatusChange.objects.filter(status__in=STATUSES_NEEDING_REASON):
        assert len(step.answer) > 50


def test_answers_are_signed_by_a_service_and_one_by_the_elected_official() -> None:
    answers = StatusChange.objects.exclude(status=Status.RECEIVED)
    assert not answers.filter(service__isnull=True, signed_by__isnull=True).exists()
    signed = answers.filter(signed_by__isnull=False)
    assert signed.count() >= 1
    assert {step.signed_by.role for step in signed} == {Role.ELECTED}
    assert answers.values("service").distinct().count() >= 2


def test_at_least_one_answer_came_late() -> None:
    late = [
        c
        for c in Contribution.objects.filter(first_answered_at__isnull=False)
        if timezone.localdate(c.first_answered_at) > c.due_on
    ]
    assert late


def test_counters_equal_the_rows_and_nobody_supports_their_own() -> None:
    contributions = Contribution.objects.annotate(
        supports_n=Count("supports", distinct=True), comments_n=Count("comments", distinct=True)
    )
    for contribution in contributions:
        assert contribution.support_count == contribution.supports_n
        assert contribution.comment_count == contribution.comments_n
    for support in Support.objects.select_related("contribution"):
        assert support.resident_id != support.contribution.author_id
        assert support.created_at > support.contribution.created_at


def test_comments_are_threaded_with_stances_after_the_contribution() -> None:
    assert Comment.objects.filter(depth=2).exists()
    assert set(Comment.objects.values_list("stance", flat=True)) == set(Stance.values)
    for reply in Comment.objects.filter(parent__isnull=False).select_related("parent"):
        assert reply.created_at > reply.parent.created_at
    for comment in Comment.objects.select_related("contribution"):
        assert comment.contribution.created_at < comment.created_at < timezone.now()


def test_a_decision_links_several_contributions_both_ways() -> None:
    decision = Decision.objects.annotate(n=Count("contributions")).order_by("-n").first()
    assert decision.n >= 3
    assert decision.title.startswith("Délibération du conseil municipal du ")
    for contribution in decision.contributions.all():
        assert decision in contribution.decisions.all()
        first_step = contribution.status_changes.exclude(status=Status.RECEIVED).first()
        assert timezone.localdate(first_step.created_at) <= decision.decided_on


def test_commitments_have_progress_and_one_is_late() -> None:
    commitments = list(Commitment.objects.prefetch_related("updates"))
    statuses = {commitment.status() for commitment in commitments}
    assert CommitmentStatus.LATE in statuses
    assert CommitmentStatus.DONE in statuses
    for commitment in commitments:
        updates = list(commitment.updates.all())
        if updates:
            assert commitment.progress == updates[-1].progress
            assert all(u.created_at.date() >= commitment.decision.decided_on for u in updates)


def test_french_dates_in_titles() -> None:
    import datetime

    assert french_date(datetime.date(2026, 3, 1)) == "1er mars 2026"
    assert french_date(datetime.date(2026, 8, 12)) == "12 août 2026"
