"""`commune loadscale`: a small run keeps every invariant the services keep."""

from __future__ import annotations

import datetime
import itertools
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F
from django.utils import timezone

from commune.accountability.models import Commitment, Decision, StatusChange
from commune.accounts.models import Resident
from commune.contributions.models import (
    NEXT_STATUSES,
    Channel,
    Comment,
    Contribution,
    Status,
    Support,
)
from commune.core.management.commands.loadscale import DEFAULT_SLUG, spread
from commune.spaces.models import Space

pytestmark = pytest.mark.django_db

SMALL = {"contributions": 50, "supports": 500, "comments": 250}


@pytest.fixture
def output() -> str:
    out = StringIO()
    call_command("loadscale", stdout=out, **SMALL)
    return out.getvalue()


def test_it_creates_exactly_the_rows_asked_for_in_a_new_space(output: str) -> None:
    space = Space.objects.get(slug=DEFAULT_SLUG)
    assert space.title == "Grande consultation (jeu de charge)"
    assert Contribution.objects.filter(space=space).count() == 50
    assert Support.objects.filter(contribution__space=space).count() == 500
    assert Comment.objects.filter(contribution__space=space).count() == 250
    assert Resident.objects.count() == 200
    assert "50/50" in output
    assert "500/500" in output


@pytest.mark.usefixtures("output")
def test_counters_equal_the_rows() -> None:
    contributions = Contribution.objects.annotate(
        supports_n=Count("supports", distinct=True), comments_n=Count("comments", distinct=True)
    )
    for contribution in contributions:
        assert contribution.support_count == contribution.supports_n, contribution.pk
        assert contribution.comment_count == contribution.comments_n, contribution.pk


@pytest.mark.usefixtures("output")
def test_one_support_per_resident_and_contribution() -> None:
    pairs = Support.objects.values("contribution", "resident").annotate(n=Count("id"))
    assert not pairs.filter(n__gt=1).exists()


@pytest.mark.usefixtures("output")
def test_every_timeline_starts_received_and_follows_the_allowed_steps() -> None:
    steps: dict[int, list[StatusChange]] = {}
    for step in StatusChange.objects.order_by("created_at", "id"):
        steps.setdefault(step.contribution_id, []).append(step)
    for contribution in Contribution.objects.all():
        timeline = steps[contribution.pk]
        assert timeline[0].status == Status.RECEIVED
        assert timeline[0].created_at == contribution.created_at
        for before, after in itertools.pairwise(timeline):
            assert after.status in NEXT_STATUSES[before.status]
            assert after.created_at > before.created_at
            assert after.answer
            assert after.answer_html
        assert contribution.status == timeline[-1].status
        answered = timeline[1].created_at if len(timeline) > 1 else None
        assert contribution.first_answered_at == answered
        delay = datetime.timedelta(days=contribution.space.answer_delay_days)
        assert contribution.due_on == timezone.localdate(contribution.created_at) + delay
        assert all(step.created_at <= timezone.now() for step in timeline)


@pytest.mark.usefixtures("output")
def test_some_are_answered_on_time_some_overdue_some_still_within_the_delay() -> None:
    assert Contribution.objects.overdue().exists()
    waiting = Contribution.objects.filter(
        first_answered_at__isnull=True, due_on__gte=timezone.localdate()
    )
    assert waiting.exists()
    on_time = [
        c
        for c in Contribution.objects.filter(first_answered_at__isnull=False)
        if timezone.localdate(c.first_answered_at) <= c.due_on
    ]
    assert on_time
    assert len(set(Contribution.objects.values_list("status", flat=True))) >= 5


@pytest.mark.usefixtures("output")
def test_comments_are_threaded_consistently() -> None:
    replies = Comment.objects.filter(parent__isnull=False).select_related("parent")
    assert replies.exists()
    assert replies.filter(depth=2).exists()
    for reply in replies:
        assert reply.parent.contribution_id == reply.contribution_id
        assert reply.depth == reply.parent.depth + 1
        assert reply.created_at >= reply.parent.created_at
    assert not Comment.objects.filter(parent__isnull=True).exclude(depth=0).exists()
    assert not Comment.objects.filter(created_at__lt=F("contribution__created_at")).exists()


@pytest.mark.usefixtures("output")
def test_one_contribution_gathers_many_comments() -> None:
    most = Contribution.objects.order_by("-comment_count").first()
    assert most.comment_count == 125  # half of the comments at this size (1000 at full size)
    assert Contribution.objects.filter(comment_count=125).count() == 1


@pytest.mark.usefixtures("output")
def test_offline_contributions_have_a_name_and_online_ones_an_author() -> None:
    assert not Contribution.objects.filter(channel=Channel.ONLINE, author__isnull=True).exists()
    offline = Contribution.objects.exclude(channel=Channel.ONLINE)
    assert offline.exists()
    assert not offline.filter(author_name="").exists()


@pytest.mark.usefixtures("output")
def test_decisions_answer_accepted_contributions_and_carry_commitments() -> None:
    assert Decision.objects.exists()
    for decision in Decision.objects.prefetch_related("contributions"):
        assert decision.contributions.exists()
        assert decision.decided_on <= timezone.localdate()
    assert Commitment.objects.exists()
    for commitment in Commitment.objects.prefetch_related("updates"):
        updates = list(commitment.updates.all())
        assert commitment.progress == (updates[-1].progress if updates else 0)


def test_an_existing_space_can_be_filled_and_a_wrong_slug_is_refused() -> None:
    call_command("loadscale", stdout=StringIO(), contributions=3, supports=6, comments=4)
    call_command(
        "loadscale", stdout=StringIO(), space=DEFAULT_SLUG, contributions=2, supports=0, comments=0
    )
    assert Contribution.objects.count() == 5
    with pytest.raises(CommandError):
        call_command("loadscale", stdout=StringIO(), space="nowhere", contributions=1)


def test_too_many_supports_for_the_residents_is_refused_before_writing() -> None:
    with pytest.raises(CommandError):
        call_command(
            "loadscale", stdout=StringIO(), contributions=2, supports=10, residents=4, comments=0
        )
    assert not Contribution.objects.exists()


def test_spread_keeps_the_total_and_the_cap() -> None:
    import random

    rng = random.Random(1)
    counts = spread(rng, 1000, 40, cap=30)
    assert sum(counts) == 1000
    assert max(counts) <= 30
    assert spread(rng, 0, 5, cap=0) == [0] * 5
