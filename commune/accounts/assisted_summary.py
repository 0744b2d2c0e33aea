"""What a resident did with an agent's help, for their own account page."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from commune.accounts.models import Resident
from commune.budgets.models import RollChannel, RollEntry
from commune.contributions.models import Contribution, Support
from commune.meetings.models import AgendaItem, AgendaSupport, Registration


@dataclass(frozen=True)
class AssistedAction:
    what: str
    label: str
    url: str
    service: str


def _service(agent: Resident | None) -> str:
    # The resident sees the service that helped them, like an official answer, not the
    # agent's name (the audit log keeps that).
    if agent is not None and agent.service_id:
        return agent.service.name
    return _("the city")


def assisted_actions(resident: Resident) -> list[AssistedAction]:
    """Every action recorded for `resident` by an agent, newest kinds first, in six queries."""
    actions: list[AssistedAction] = []
    for contribution in Contribution.objects.filter(
        author=resident, entered_by__isnull=False
    ).select_related("entered_by__service"):
        actions.append(
            AssistedAction(
                _("Contribution"),
                contribution.title,
                contribution.get_absolute_url(),
                _service(contribution.entered_by),
            )
        )
    for support in Support.objects.filter(
        resident=resident, assisted_by__isnull=False
    ).select_related("contribution", "assisted_by__service"):
        actions.append(
            AssistedAction(
                _("Support"),
                support.contribution.title,
                support.contribution.get_absolute_url(),
                _service(support.assisted_by),
            )
        )
    for registration in Registration.objects.filter(
        resident=resident, registered_by__isnull=False
    ).select_related("meeting", "registered_by__service"):
        actions.append(
            AssistedAction(
                _("Registration"),
                registration.meeting.title,
                registration.meeting.get_absolute_url(),
                _service(registration.registered_by),
            )
        )
    for item in AgendaItem.objects.filter(
        proposed_by=resident, assisted_by__isnull=False
    ).select_related("meeting", "assisted_by__service"):
        actions.append(
            AssistedAction(
                _("Agenda item"),
                item.title,
                item.meeting.get_absolute_url(),
                _service(item.assisted_by),
            )
        )
    for agenda_support in AgendaSupport.objects.filter(
        resident=resident, assisted_by__isnull=False
    ).select_related("item__meeting", "assisted_by__service"):
        actions.append(
            AssistedAction(
                _("Support of an agenda item"),
                agenda_support.item.title,
                agenda_support.item.meeting.get_absolute_url(),
                _service(agenda_support.assisted_by),
            )
        )
    for entry in RollEntry.objects.filter(
        resident=resident, channel=RollChannel.ASSISTED
    ).select_related("budget", "recorded_by__service"):
        actions.append(
            AssistedAction(
                _("Vote"),
                entry.budget.title,
                entry.budget.get_absolute_url(),
                _service(entry.recorded_by),
            )
        )
    return actions
