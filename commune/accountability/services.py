"""Every change to a contribution's timeline, decisions and commitments goes through here."""

from __future__ import annotations

from django.db import transaction

from commune.accountability.models import StatusChange
from commune.contributions.models import Contribution, Status


@transaction.atomic
def record_received(*, contribution: Contribution) -> StatusChange:
    """The first step of the public timeline: "received", dated when it was submitted.

    Called by the contributions app right after a contribution is created (whatever
    its channel). Calling it twice returns the existing step.
    """
    existing = contribution.status_changes.filter(status=Status.RECEIVED).first()
    if existing is not None:
        return existing
    return StatusChange.objects.create(
        contribution=contribution,
        status=Status.RECEIVED,
        created_at=contribution.created_at,
    )
