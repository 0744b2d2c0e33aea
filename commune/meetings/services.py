"""Every change to meetings' registrations goes through these functions.

Each runs in one transaction and locks the meeting row first (select_for_update), so
concurrent registrations are counted one after the other: the capacity is never exceeded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.contributions.access import is_agent
from commune.core import audit
from commune.meetings.models import (
    Attendance,
    AttendanceChannel,
    Meeting,
    Registration,
    RegistrationStatus,
)

NAME_MAX_LENGTH = 150
PHONE_MAX_LENGTH = 40
MAX_PAPER_SIGN_INS = 2000


class RegistrationRefusedError(PermissionDenied):
    """Registration is not possible (cancelled or past meeting, no registration)."""


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _check_open(meeting: Meeting) -> None:
    if not meeting.registration_required:
        raise RegistrationRefusedError(_("This meeting is open to all without registration."))
    if meeting.is_cancelled:
        raise RegistrationRefusedError(_("This meeting is cancelled."))
    if meeting.is_past:
        raise RegistrationRefusedError(_("This meeting is over."))


def _next_status(meeting: Meeting) -> str:
    if meeting.capacity is None:
        return RegistrationStatus.REGISTERED
    taken = meeting.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    return RegistrationStatus.REGISTERED if taken < meeting.capacity else RegistrationStatus.WAITING


@transaction.atomic
def register(*, meeting: Meeting, resident: Any) -> Registration:
    """Register `resident`, or put them on the waiting list when the meeting is full.

    Registering twice returns the existing registration.
    """
    meeting = _locked(meeting)
    existing = Registration.objects.filter(meeting=meeting, resident=resident).first()
    if existing is not None:
        return existing
    _check_open(meeting)
    return Registration.objects.create(
        meeting=meeting, resident=resident, status=_next_status(meeting)
    )


@transaction.atomic
def register_by_phone(*, meeting: Meeting, agent: Any, name: str, phone: str) -> Registration:
    """An agent registers someone who called (no account needed); audited."""
    if not is_agent(agent):
        raise PermissionDenied(_("Only city agents register people by phone."))
    name, phone = name.strip(), phone.strip()
    errors = {}
    if not name:
        errors["name"] = _("Give the person's name.")
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = _("This name is too long.")
    if len(phone) > PHONE_MAX_LENGTH:
        errors["phone"] = _("This phone number is too long.")
    if errors:
        raise ValidationError(errors)
    meeting = _locked(meeting)
    _check_open(meeting)
    registration = Registration.objects.create(
        meeting=meeting,
        name=name,
        phone=phone,
        registered_by=agent,
        status=_next_status(meeting),
    )
    audit.record(actor=agent, action="meetings.register_by_phone", target=registration)
    return registration


def waiting_position(registration: Registration) -> int | None:
    """1 for the first person on the waiting list; None when registered."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    earlier = Registration.objects.filter(
        meeting_id=registration.meeting_id, status=RegistrationStatus.WAITING
    ).filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, id__lt=registration.id)
    )
    return earlier.count() + 1


def _promote(meeting: Meeting) -> list[Registration]:
    """Move people from the waiting list, in order, into the free places."""
    if meeting.capacity is None:
        waiting = list(meeting.registrations.filter(status=RegistrationStatus.WAITING))
    else:
        taken = meeting.registrations.filter(status=RegistrationStatus.REGISTERED).count()
        free = max(meeting.capacity - taken, 0)
        waiting = list(
            meeting.registrations.filter(status=RegistrationStatus.WAITING).order_by(
                "created_at", "id"
            )[:free]
        )
    for registration in waiting:
        registration.status = RegistrationStatus.REGISTERED
        registration.save(update_fields=["status"])
    return waiting


@transaction.atomic
def cancel_registration(*, registration: Registration) -> list[Registration]:
    """Cancel a registration; the first people on the waiting list take the free place.

    Returns the registrations promoted.
    """
    meeting = _locked(registration.meeting)
    Registration.objects.filter(pk=registration.pk).delete()
    return _promote(meeting)


@transaction.atomic
def set_capacity(*, meeting: Meeting, capacity: int | None, actor: Any) -> Meeting:
    """Change the capacity; never below the people already registered (nothing saved then)."""
    meeting = _locked(meeting)
    if capacity is not None:
        if capacity < 0:
            raise ValidationError({"capacity": _("The capacity cannot be negative.")})
        taken = meeting.registrations.filter(status=RegistrationStatus.REGISTERED).count()
        if capacity < taken:
            raise ValidationError(
                {
                    "capacity": ValidationError(
                        _(
                            "%(registered)s people are already registered: the capacity "
                            "cannot be lower. Cancel registrations first."
                        ),
                        code="below_registrations",
                        params={"registered": taken},
                    )
                }
            )
    meeting.capacity = capacity
    meeting.save(update_fields=["capacity", "updated_at"])
    _promote(meeting)
    audit.record(actor=actor, action="meetings.set_capacity", target=meeting)
    return meeting


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, actor: Any) -> Meeting:
    """Mark the meeting cancelled (it stays listed, and its calendar entry says CANCELLED)."""
    meeting = _locked(meeting)
    if meeting.cancelled_at is None:
        meeting.cancelled_at = timezone.now()
        meeting.save(update_fields=["cancelled_at", "updated_at"])
        audit.record(actor=actor, action="meetings.cancel", target=meeting)
    return meeting


class AttendanceRefusedError(PermissionDenied):
    """Attendance cannot be recorded yet (or at all: the meeting is cancelled)."""


@transaction.atomic
def record_attendance(
    *,
    meeting: Meeting,
    agent: Any,
    residents: Iterable[Any] = (),
    paper_count: int = 0,
    paper_names: Sequence[str] = (),
) -> list[Attendance]:
    """An agent records who came, once the meeting has started; audited.

    `residents` came with an account: "registered online" if they had registered (or
    were on the waiting list), "walk-in" otherwise; someone already recorded is skipped.
    `paper_count` people signed the paper sheet without an account, `paper_names` are the
    names that could be read (the count is at least the number of names).
    Returns the attendances created.
    """
    if not is_agent(agent):
        raise PermissionDenied(_("Only city agents record attendance."))
    names = [name.strip()[:NAME_MAX_LENGTH] for name in paper_names if name.strip()]
    paper = max(paper_count, len(names))
    if paper < 0 or paper > MAX_PAPER_SIGN_INS:
        raise ValidationError(
            {"paper_count": _("Give a number between 0 and %(max)s.") % {"max": MAX_PAPER_SIGN_INS}}
        )
    meeting = _locked(meeting)
    if meeting.is_cancelled:
        raise AttendanceRefusedError(_("This meeting is cancelled."))
    if meeting.starts_at > timezone.now():
        raise AttendanceRefusedError(_("Attendance is recorded once the meeting has started."))
    already = set(meeting.attendances.exclude(resident=None).values_list("resident_id", flat=True))
    registered = set(
        meeting.registrations.exclude(resident=None).values_list("resident_id", flat=True)
    )
    created: list[Attendance] = []
    for resident in residents:
        if resident.pk in already:
            continue
        already.add(resident.pk)
        channel = (
            AttendanceChannel.REGISTERED_ONLINE
            if resident.pk in registered
            else AttendanceChannel.WALK_IN
        )
        created.append(
            Attendance(meeting=meeting, resident=resident, channel=channel, recorded_by=agent)
        )
    created += [
        Attendance(
            meeting=meeting,
            name=names[index] if index < len(names) else "",
            channel=AttendanceChannel.PAPER,
            recorded_by=agent,
        )
        for index in range(paper)
    ]
    Attendance.objects.bulk_create(created)
    if created:
        counts = Counter(attendance.channel for attendance in created)
        audit.record(
            actor=agent,
            action="meetings.record_attendance",
            target=meeting,
            reason=", ".join(
                f"{channel}: {counts[channel]}" for channel in AttendanceChannel.values
            ),
        )
    return created
