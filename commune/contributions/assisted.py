"""Contributions and supports an agent enters for a resident present or on the phone.

Unlike a paper entry for a typed name, an assisted action is the resident's own (their
account is the author or supporter) with the agent's mark, and the usual rules apply.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from commune.contributions import access, services
from commune.contributions.models import Channel, Contribution, Support
from commune.contributions.services import ActionRefusedError
from commune.core import audit
from commune.spaces.models import Space
from commune.territory.models import Neighbourhood


def _check_agent(agent: Any, space: Space) -> None:
    # The existing agent rule: agents type in for others where contributions are taken.
    if not access.can_enter_for_others(space, agent):
        raise ActionRefusedError(
            _("You cannot enter contributions in this space on a resident's behalf.")
        )


def submit_with_help(
    *,
    agent: Any,
    resident: Any,
    space: Space,
    title: str,
    body: str,
    pillar: str,
    kind: str,
    neighbourhood: Neighbourhood | None,
    by_phone: bool,
) -> Contribution:
    """The resident's contribution, typed in by `agent` (channel phone, or online at the desk).

    It is the resident's own — they follow it and are notified — and marked as entered
    with help (`entered_by`); one audit event "contribution.assisted" names the agent.
    """
    _check_agent(agent, space)
    return services.submit_contribution(
        space=space,
        author=resident,
        title=title,
        body=body,
        pillar=pillar,
        neighbourhood=neighbourhood,
        kind=kind,
        channel=Channel.PHONE if by_phone else Channel.ONLINE,
        entered_by=agent,
        assisted=True,
    )


@transaction.atomic
def support_with_help(*, agent: Any, resident: Any, contribution: Contribution) -> Support:
    """Record the resident's support, entered by `agent`; one support per resident still.

    Refused when the resident may not support it (their own, closed, verification level
    too low) or has already supported it.
    """
    _check_agent(agent, contribution.space)
    if not access.can_support(contribution, resident):
        raise ActionRefusedError(
            _(
                "This resident cannot support this contribution: it is their own, it is "
                "closed, or their account is not verified enough."
            )
        )
    if Support.objects.filter(contribution=contribution, resident=resident).exists():
        raise ActionRefusedError(_("This resident already supports this contribution."))
    services.toggle_support(contribution=contribution, resident=resident, supported=True)
    support = Support.objects.get(contribution=contribution, resident=resident)
    support.assisted_by = agent
    support.save(update_fields=["assisted_by"])
    audit.record(
        actor=agent, action="support.assisted", target=contribution, reason=resident.public_name
    )
    return support
