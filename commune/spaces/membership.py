"""Joining and leaving a working group; who is in it, as far as members let it be known."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from commune.core import audit
from commune.spaces.models import Membership, Space, SpaceKind, SpaceStatus


def has_members(space: Space) -> bool:
    """Working groups have members; councils are open to everyone without joining."""
    return space.kind == SpaceKind.WORKING_GROUP


def join(*, space: Space, resident: Any, listed_publicly: bool) -> Membership:
    """Join (or change whether one's name is shown); idempotent under double clicks.

    A group that has ended takes no new members, but its members may still hide their name.
    """
    if not has_members(space):
        raise PermissionDenied(_("Only working groups have members."))
    already = Membership.objects.filter(space=space, resident=resident).exists()
    if space.status() == SpaceStatus.CLOSED and not already:
        raise PermissionDenied(_("This working group has ended: it takes no new members."))
    try:
        with transaction.atomic():
            membership, created = Membership.objects.get_or_create(
                space=space, resident=resident, defaults={"listed_publicly": listed_publicly}
            )
    except IntegrityError:
        # The twin request of a double click created it first.
        membership, created = Membership.objects.get(space=space, resident=resident), False
    if not created and membership.listed_publicly != listed_publicly:
        membership.listed_publicly = listed_publicly
        membership.save(update_fields=["listed_publicly"])
    if created:
        audit.record(actor=resident, action="spaces.join", target=space)
    return membership


@transaction.atomic
def leave(*, space: Space, resident: Any) -> bool:
    deleted, _details = Membership.objects.filter(space=space, resident=resident).delete()
    if deleted:
        audit.record(actor=resident, action="spaces.leave", target=space)
    return bool(deleted)


@dataclass(frozen=True)
class Members:
    count: int
    listed: list[Membership]


def members(space: Space) -> Members:
    """How many members, and those who chose to show their name (facilitators first)."""
    memberships = space.memberships.filter(resident__is_active=True)
    listed = list(
        memberships.filter(listed_publicly=True)
        .select_related("resident")
        .order_by("role", "joined_at", "id")  # "facilitator" sorts before "member"
    )
    return Members(count=memberships.count(), listed=listed)
