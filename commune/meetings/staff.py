"""Staff actions on meetings outside the admin: announce, edit and cancel a meeting."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from commune.core import audit
from commune.meetings import services
from commune.meetings.access import can_register_by_phone, has_meetings
from commune.meetings.models import Meeting
from commune.spaces.models import Space

# The fields a meeting form edits; capacity goes through `set_capacity`'s checks.
EDITABLE_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "place_name",
    "address",
    "online_url",
    "step_free_access",
    "hearing_loop",
    "childcare",
    "sign_language",
    "other_language_interpreting",
    "registration_required",
    "agenda_cutoff",
)

# An address people can find: something before a postcode, the postcode, then the town.
_ADDRESS_SHAPE = r"^(?P<street>.*[^\W\d_].*?)[,\s]+(?P<postcode>{postcode})\s+(?P<town>\S.*)$"


def check_address(address: str) -> str:
    """The address, tidied; a ValidationError if it cannot be a postal address of the city."""
    address = " ".join(address.split())
    if not address:
        return ""
    postcode = settings.COMMUNE_POSTCODE_PATTERN
    if (
        "://" in address
        or "@" in address
        or not re.match(_ADDRESS_SHAPE.format(postcode=postcode), address)
    ):
        raise ValidationError(
            {
                "address": ValidationError(
                    _(
                        "Write the address as number and street, postcode and town, "
                        "for example “2 rue de l'Hôtel de Ville, 44000 Nantes”."
                    ),
                    code="malformed_address",
                )
            }
        )
    return address


def check_organiser(actor: Any) -> None:
    if not can_register_by_phone(actor):
        raise PermissionDenied(_("Only city agents announce, change or cancel meetings."))


def _validated(meeting: Meeting) -> Meeting:
    meeting.address = check_address(meeting.address)
    meeting.full_clean(exclude=["space", "uid"])
    return meeting


@transaction.atomic
def create_meeting(
    *, space: Space, actor: Any, fields: dict[str, Any], capacity: int | None = None
) -> Meeting:
    """Announce a meeting in a space that has the meetings tool; nothing saved on bad input."""
    check_organiser(actor)
    if not has_meetings(space):
        raise PermissionDenied(_("This space has no meetings."))
    meeting = Meeting(space=space, capacity=capacity, **_only_editable(fields))
    _validated(meeting).save()
    audit.record(actor=actor, action="meetings.create", target=meeting)
    return meeting


@transaction.atomic
def update_meeting(
    *, meeting: Meeting, actor: Any, fields: dict[str, Any], capacity: int | None = None
) -> Meeting:
    """Change a meeting; the capacity never goes below the people already registered.

    The calendar entry keeps its UID, so calendar apps update the event in place.
    """
    check_organiser(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise ValidationError(_("A cancelled meeting cannot be changed."))
    for name, value in _only_editable(fields).items():
        setattr(meeting, name, value)
    _validated(meeting).save()
    if capacity != meeting.capacity:
        services.set_capacity(meeting=meeting, capacity=capacity, actor=actor)
    audit.record(actor=actor, action="meetings.update", target=meeting)
    return meeting


def cancel_meeting(*, meeting: Meeting, actor: Any) -> Meeting:
    check_organiser(actor)
    return services.cancel_meeting(meeting=meeting, actor=actor)


def _only_editable(fields: dict[str, Any]) -> dict[str, Any]:
    return {name: fields[name] for name in EDITABLE_FIELDS if name in fields}
