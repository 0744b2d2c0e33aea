"""Ballots an agent types in for a resident present or on the phone, as the resident says.

The resident goes on the roll (channel "assisted", `recorded_by` the agent); the ballot
goes in the same box as every other, with nothing that links it to anyone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from commune.budgets import services
from commune.budgets.models import Ballot, Budget, RollChannel, RollEntry
from commune.budgets.services import ActionRefusedError
from commune.core import audit


@transaction.atomic
def cast_ballot_with_help(
    *,
    agent: Any,
    resident: Any,
    budget: Budget,
    choices: Mapping[int, int] | Iterable[int],
    age_confirmed: bool,
) -> Ballot:
    """Put the resident's ballot in the box and them on the roll; one ballot per resident.

    The rules of an online vote apply (vote open, verification level, neighbourhood); a
    resident already on the roll is refused. The ballot has no token: it cannot be changed
    online afterwards. The audit event names the roll entry (who), never the ballot (what).
    """
    services._require_agent(agent)
    services._check_age(budget, age_confirmed)
    budget = services._locked(budget)
    refusal = services.voting_refusal(budget, resident)
    if refusal:
        raise ActionRefusedError(refusal)
    cleaned = services.clean_choices(budget, choices)
    already = _("%(name)s is already on the roll: they have voted in this budget.") % {
        "name": resident.public_name
    }
    if RollEntry.objects.filter(budget=budget, resident=resident).exists():
        raise ActionRefusedError(already)
    try:
        with transaction.atomic():
            entry = RollEntry.objects.create(
                budget=budget, resident=resident, channel=RollChannel.ASSISTED, recorded_by=agent
            )
    except IntegrityError as error:
        raise ActionRefusedError(already) from error
    ballot = Ballot.objects.create(budget=budget, choices=cleaned, token_hash=None)
    audit.record(actor=agent, action="ballot.assisted", target=entry)
    return ballot
