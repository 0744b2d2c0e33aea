"""Permission-checked fetches of panels drawn by lot."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from commune.contributions.access import is_agent
from commune.sortition.models import Panel, PanelQuerySet
from commune.spaces.access import visible_spaces


def can_manage(user: Any) -> bool:
    """City agents (and administrators) prepare, publish and draw panels."""
    return is_agent(user)


def visible_panels(user: Any) -> PanelQuerySet:
    """Published and drawn panels; agents also see drafts in the spaces they can see."""
    if can_manage(user):
        return Panel.objects.filter(space__in=visible_spaces(user))
    return Panel.objects.public()


def get_visible_panel(user: Any, pk: int) -> Panel:
    """The panel if `user` may see it; otherwise Http404."""
    return get_object_or_404(visible_panels(user).select_related("space"), pk=pk)
