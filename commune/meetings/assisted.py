"""Registrations and agenda items an agent enters for a resident present or on the phone.

The registration, item or support is the resident's own (it shows on *Mes rencontres*)
with the agent's mark; the usual rules (capacity, cut-off, one support each) apply.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from commune.contributions.access import is_agent
from commune.core import audit
from commune.meetings import services
from commune.meetings.models import AgendaItem, AgendaSupport, Meeting, Registration


def _check_agent(agent: Any) -> None:
    if not is_agent(agent):
        raise PermissionDenied(_("Only city agents can act on a resident's behalf."))


@transaction.atomic
def register_with_help(*, agent: Any, resident: Any, meeting: Meeting) -> Registration:
    """Register the resident (or put them on the waiting list); `registered_by` is the agent.

    Refused (RegistrationRefusedError) when the meeting takes no registrations, and when
    the resident is already registered.
    """
    _check_agent(agent)
    if Registration.objects.filter(meeting=meeting, resident=resident).exists():
        raise services.RegistrationRefusedError(
            _("This resident is already registered to this meeting.")
        )
    registration = services.register(meeting=meeting, resident=resident)
    registration.registered_by = agent
    registration.save(update_fields=["registered_by"])
    audit.record(actor=agent, action="registration.assisted", target=registration)
    return registration


@transaction.atomic
def propose_item_with_help(
    *, agent: Any, resident: Any, meeting: Meeting, title: str, description: str = ""
) -> AgendaItem:
    """The resident's agenda item, typed in by the agent, before the cut-off."""
    _check_agent(agent)
    item = services.propose_item(
        meeting=meeting, resident=resident, title=title, description=description
    )
    item.assisted_by = agent
    item.save(update_fields=["assisted_by"])
    audit.record(actor=agent, action="agenda_item.assisted", target=item)
    return item


@transaction.atomic
def support_item_with_help(*, agent: Any, resident: Any, item: AgendaItem) -> AgendaSupport:
    """The resident's support of an agenda item, entered by the agent; one each."""
    _check_agent(agent)
    if AgendaSupport.objects.filter(item=item, resident=resident).exists():
        raise services.AgendaClosedError(_("This resident already supports this item."))
    services.toggle_item_support(item=item, resident=resident, supported=True)
    support = AgendaSupport.objects.get(item=item, resident=resident)
    support.assisted_by = agent
    support.save(update_fields=["assisted_by"])
    audit.record(actor=agent, action="agenda_support.assisted", target=item)
    return support
