"""Every change to meetings' registrations goes through these functions.

Each runs in one transaction and locks the meeting row first (select_for_update), so
concurrent registrations are counted one after the other: the capacity is never exceeded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.contributions.access import is_agent
from commune.core import audit
from commune.meetings.models import (
    AgendaItem,
    AgendaItemStatus,
    AgendaSupport,
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


# --- Agenda set by residents ------------------------------------------------------------

AGENDA_TITLE_MAX_LENGTH = 150
AGENDA_DESCRIPTION_MAX_LENGTH = 2000
AGENDA_REASON_MAX_LENGTH = 2000


class AgendaClosedError(PermissionDenied):
    """Agenda proposals and supports are closed (past the cut-off, none, or cancelled)."""


def _check_agenda_open(meeting: Meeting) -> None:
    if meeting.is_cancelled:
        raise AgendaClosedError(_("This meeting is cancelled."))
    if meeting.agenda_cutoff is None:
        raise AgendaClosedError(_("The agenda of this meeting is set by the city."))
    if not meeting.agenda_open:
        raise AgendaClosedError(
            _("Agenda proposals and supports are closed: the cut-off date has passed.")
        )


def _clean_item_text(title: str, description: str) -> tuple[str, str]:
    title, description = title.strip(), description.strip()
    errors = {}
    if not title:
        errors["title"] = _("Give the item a title.")
    elif len(title) > AGENDA_TITLE_MAX_LENGTH:
        errors["title"] = _("This title is too long (150 characters at most).")
    if len(description) > AGENDA_DESCRIPTION_MAX_LENGTH:
        errors["description"] = _("This description is too long (2000 characters at most).")
    if errors:
        raise ValidationError(errors)
    return title, description


def ranked_agenda(meeting: Meeting) -> list[AgendaItem]:
    """Fixed items first (in the order set), then residents' items by support, older first."""
    items = meeting.agenda_items.select_related("merged_into", "proposed_by")
    fixed = items.filter(is_fixed=True).order_by("created_at", "id")
    proposed = items.filter(is_fixed=False).order_by("-support_count", "created_at", "id")
    return [*fixed, *proposed]


@transaction.atomic
def propose_item(
    *, meeting: Meeting, resident: Any, title: str, description: str = ""
) -> AgendaItem:
    """A resident proposes an agenda item, before the cut-off; nothing is saved otherwise."""
    if not getattr(resident, "is_authenticated", False):
        raise PermissionDenied(_("Log in to propose an agenda item."))
    title, description = _clean_item_text(title, description)
    meeting = _locked(meeting)
    _check_agenda_open(meeting)
    return AgendaItem.objects.create(
        meeting=meeting, title=title, description=description, proposed_by=resident
    )


@transaction.atomic
def toggle_item_support(*, item: AgendaItem, resident: Any, supported: bool | None = None) -> bool:
    """Support the item, or take the support back; returns whether it is supported.

    `supported=None` toggles; True or False asks for that state (a double click does not
    undo itself). The item row is locked, so a merge is never interleaved with a support;
    the unique constraint still decides between simultaneous supports of one resident,
    and the counter moves with F() only when a row was really added or removed.
    """
    item = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    _check_agenda_open(item.meeting)
    if item.is_fixed or item.status not in (AgendaItemStatus.PROPOSED, AgendaItemStatus.KEPT):
        raise AgendaClosedError(_("This item no longer takes supports."))
    if supported is not True:
        deleted, _counts = AgendaSupport.objects.filter(item=item, resident=resident).delete()
        if deleted:
            AgendaItem.objects.filter(pk=item.pk).update(support_count=F("support_count") - 1)
            return False
        if supported is False:
            return False
    try:
        with transaction.atomic():
            AgendaSupport.objects.create(item=item, resident=resident)
    except IntegrityError:
        return True  # a simultaneous request of the same resident added it first
    AgendaItem.objects.filter(pk=item.pk).update(support_count=F("support_count") + 1)
    return True


def supported_item_ids(meeting: Meeting, resident: Any) -> set[int]:
    if not getattr(resident, "is_authenticated", False):
        return set()
    return set(
        AgendaSupport.objects.filter(item__meeting=meeting, resident=resident).values_list(
            "item_id", flat=True
        )
    )


def _check_organiser(actor: Any) -> None:
    if not is_agent(actor):
        raise PermissionDenied(_("Only city agents manage the agenda."))


def _clean_reason(reason: str, *, required: bool) -> str:
    reason = reason.strip()
    if required and not reason:
        raise ValidationError({"reason": _("Give a public reason.")})
    if len(reason) > AGENDA_REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("This reason is too long (2000 characters at most).")})
    return reason


@transaction.atomic
def add_fixed_item(
    *, meeting: Meeting, agent: Any, title: str, description: str = ""
) -> AgendaItem:
    """An agent adds an item set by the city (shown first, marked as such); audited."""
    _check_organiser(agent)
    title, description = _clean_item_text(title, description)
    meeting = _locked(meeting)
    item = AgendaItem.objects.create(
        meeting=meeting,
        title=title,
        description=description,
        is_fixed=True,
        status=AgendaItemStatus.KEPT,
    )
    audit.record(actor=agent, action="meetings.agenda_add_fixed", target=item)
    return item


def _locked_item(item: AgendaItem) -> AgendaItem:
    return AgendaItem.objects.select_for_update().get(pk=item.pk)


def _check_decidable(item: AgendaItem) -> None:
    if item.is_fixed:
        raise ValidationError(_("Items set by the city are not decided on."))
    if item.status == AgendaItemStatus.MERGED:
        raise ValidationError(_("This item is already merged into another one."))


@transaction.atomic
def keep_item(*, item: AgendaItem, actor: Any, reason: str = "") -> AgendaItem:
    """The organiser keeps the item on the agenda (reason optional, public); audited."""
    _check_organiser(actor)
    reason = _clean_reason(reason, required=False)
    item = _locked_item(item)
    _check_decidable(item)
    item.status, item.reason = AgendaItemStatus.KEPT, reason
    item.save(update_fields=["status", "reason"])
    audit.record(actor=actor, action="meetings.agenda_keep", target=item, reason=reason)
    return item


@transaction.atomic
def set_aside_item(*, item: AgendaItem, actor: Any, reason: str) -> AgendaItem:
    """The organiser sets the item aside, with a public reason; audited."""
    _check_organiser(actor)
    reason = _clean_reason(reason, required=True)
    item = _locked_item(item)
    _check_decidable(item)
    item.status, item.reason = AgendaItemStatus.SET_ASIDE, reason
    item.save(update_fields=["status", "reason"])
    audit.record(actor=actor, action="meetings.agenda_set_aside", target=item, reason=reason)
    return item


@transaction.atomic
def merge_item(*, item: AgendaItem, into: AgendaItem, actor: Any, reason: str) -> AgendaItem:
    """Merge `item` into another item of the same meeting, with a public reason; audited.

    The supports move over: someone who supported both counts once. Both rows are locked
    (in the order of their ids) so no support slips in between.
    """
    _check_organiser(actor)
    reason = _clean_reason(reason, required=True)
    if into.meeting_id != item.meeting_id:
        raise ValidationError({"into": _("Merge only into an item of the same meeting.")})
    if into.pk == item.pk:
        raise ValidationError({"into": _("An item cannot be merged into itself.")})
    locked = {
        locked.pk: locked
        for locked in AgendaItem.objects.select_for_update()
        .filter(pk__in=[item.pk, into.pk])
        .order_by("pk")
    }
    item, into = locked[item.pk], locked[into.pk]
    _check_decidable(item)
    if into.status in (AgendaItemStatus.MERGED, AgendaItemStatus.SET_ASIDE):
        raise ValidationError({"into": _("Merge only into an item still on the agenda.")})
    already = AgendaSupport.objects.filter(item=into).values("resident_id")
    AgendaSupport.objects.filter(item=item).exclude(resident_id__in=already).update(item=into)
    AgendaSupport.objects.filter(item=item).delete()
    into.support_count = AgendaSupport.objects.filter(item=into).count()
    into.save(update_fields=["support_count"])
    item.status, item.merged_into, item.reason = AgendaItemStatus.MERGED, into, reason
    item.support_count = 0
    item.save(update_fields=["status", "merged_into", "reason", "support_count"])
    audit.record(actor=actor, action="meetings.agenda_merge", target=item, reason=reason)
    return item
