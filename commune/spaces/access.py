"""Permission-checked fetches of spaces: what a visitor may see, or a 404."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from commune.spaces.models import Space, SpaceQuerySet


def visible_spaces(user: Any) -> SpaceQuerySet:
    """Published spaces for everyone; staff also see drafts (to preview them)."""
    if getattr(user, "is_staff", False):
        return Space.objects.all()
    return Space.objects.published()


def get_visible_space(user: Any, slug: str) -> Space:
    """The space with this slug if `user` may see it; otherwise Http404."""
    return get_object_or_404(
        visible_spaces(user).select_related("neighbourhood").prefetch_related("phases"),
        slug=slug,
    )
