"""Permission-checked fetches of budgets and projects, and who may do what with them."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from commune.budgets.models import Budget, BudgetQuerySet, Project, ProjectStatus
from commune.contributions.access import is_agent
from commune.spaces.access import get_visible_space
from commune.spaces.models import Component, Space


def has_budgets(space: Space) -> bool:
    """The space has switched on the participatory-budget tool."""
    return Component.BUDGET in space.enabled_components()


def visible_budgets(user: Any) -> BudgetQuerySet:
    """Budgets of published spaces; staff also see those of drafts (to preview them)."""
    if getattr(user, "is_staff", False):
        return Budget.objects.all()
    return Budget.objects.visible()


def get_budget_space(user: Any, slug: str) -> Space:
    """A space the user may see and that has the budget tool; otherwise Http404."""
    space = get_visible_space(user, slug)
    if not has_budgets(space):
        raise Http404("This space has no participatory budget.")
    return space


def get_visible_budget(user: Any, pk: int) -> Budget:
    """The budget if `user` may see it; otherwise Http404."""
    return get_object_or_404(
        visible_budgets(user).select_related("space", "space__neighbourhood"), pk=pk
    )


def visible_projects(budget: Budget, user: Any) -> Any:
    """Every project of the budget: the public sees those under review and refused too."""
    return budget.projects.select_related("neighbourhood", "review_service").prefetch_related(
        "images"
    )


def get_visible_project(budget: Budget, user: Any, pk: int) -> Project:
    return get_object_or_404(visible_projects(budget, user), pk=pk)


def can_manage(user: Any) -> bool:
    """City agents (and administrators) review projects, enter paper ballots, close votes."""
    return is_agent(user)


def on_ballot(budget: Budget) -> Any:
    """The projects on the ballot, cheapest first within equal titles."""
    return budget.projects.filter(status=ProjectStatus.ELIGIBLE).order_by("title", "pk")
