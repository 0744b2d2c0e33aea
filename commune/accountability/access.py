"""Permission-checked fetches for the accountability pages: what a visitor may see, or 404.

Agents' pages answer 404 to anonymous visitors (nothing to see there) and 403 to people
who are logged in without the agent role.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from commune.accountability.models import (
    Commitment,
    Decision,
    DecisionContribution,
    ProgressUpdate,
)
from commune.accountability.services import can_answer
from commune.contributions.models import Contribution
from commune.spaces.access import visible_spaces


def require_agent(user: Any) -> None:
    """Let agents through; 404 for anonymous visitors, 403 for everyone else."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    if not can_answer(user):
        raise PermissionDenied(_("This page is for city agents."))


def visible_contributions(user: Any) -> QuerySet[Contribution]:
    """Contributions of published spaces; staff also see those of draft spaces."""
    if getattr(user, "is_staff", False):
        return Contribution.objects.all()
    return Contribution.objects.visible()


def visible_decisions(user: Any) -> QuerySet[Decision]:
    """City-wide decisions and those of spaces `user` may see."""
    return Decision.objects.filter(Q(space__isnull=True) | Q(space__in=visible_spaces(user)))


def decision_list(user: Any) -> QuerySet[Decision]:
    """Visible decisions with what a list shows, counted in the same query."""
    # Counted in subqueries rather than joins, so a decision answering thousands of
    # contributions with many commitments does not multiply the rows.
    return (
        visible_decisions(user)
        .select_related("space", "meeting")
        .annotate(
            contribution_count=_count_of(DecisionContribution),
            commitment_count=_count_of(Commitment),
        )
    )


def _count_of(model: type[DecisionContribution] | type[Commitment]) -> Coalesce:
    rows = (
        model.objects.filter(decision=OuterRef("pk"))
        .order_by()
        .values("decision")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def get_visible_decision(user: Any, pk: int) -> Decision:
    """A decision with its contributions and commitments (and their updates), or 404."""
    contributions = visible_contributions(user).select_related("space").order_by("created_at")
    commitments = Commitment.objects.select_related("owner_service").prefetch_related(
        Prefetch("updates", queryset=ProgressUpdate.objects.order_by("-created_at", "-id"))
    )
    return get_object_or_404(
        visible_decisions(user)
        .select_related("space", "meeting")
        .prefetch_related(
            Prefetch("contributions", queryset=contributions),
            Prefetch("commitments", queryset=commitments),
        ),
        pk=pk,
    )


def get_answerable_contribution(user: Any, pk: int) -> Contribution:
    """A contribution an agent may answer (any space, drafts included), or 404/403."""
    require_agent(user)
    return get_object_or_404(
        Contribution.objects.select_related("space").prefetch_related(
            "status_changes__service", "status_changes__signed_by", "decisions"
        ),
        pk=pk,
    )


def get_commitment_for_agent(user: Any, pk: int) -> Commitment:
    require_agent(user)
    return get_object_or_404(Commitment.objects.select_related("decision", "owner_service"), pk=pk)


def get_decision_for_agent(user: Any, pk: int) -> Decision:
    require_agent(user)
    return get_object_or_404(Decision.objects.select_related("space"), pk=pk)
