"""Permission-checked fetches of meetings and who may do what with them."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from commune.contributions.access import is_agent
from commune.meetings.models import Meeting, MeetingQuerySet
from commune.spaces.access import get_visible_space
from commune.spaces.models import Component, Space


def has_meetings(space: Space) -> bool:
    """The space has switched on the meetings tool."""
    return Component.MEETINGS in space.enabled_components()


def visible_meetings(user: Any) -> MeetingQuerySet:
    """Meetings of published spaces; staff also see those of drafts (to preview them)."""
    if getattr(user, "is_staff", False):
        return Meeting.objects.all()
    return Meeting.objects.visible()


def get_meeting_space(user: Any, slug: str) -> Space:
    """A space the user may see and that has the meetings tool; otherwise Http404."""
    space = get_visible_space(user, slug)
    if not has_meetings(space):
        raise Http404("This space has no meetings.")
    return space


def get_visible_meeting(user: Any, pk: int) -> Meeting:
    """The meeting if `user` may see it; otherwise Http404."""
    return get_object_or_404(
        visible_meetings(user).select_related("space", "space__neighbourhood"), pk=pk
    )


def can_register_by_phone(user: Any) -> bool:
    """City agents (and administrators) register people who call."""
    return is_agent(user)
