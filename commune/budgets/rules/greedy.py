"""Greedy rules: fund projects by number of approvals while the money lasts.

The order is pabutools' `greedy_utilitarian_welfare(..., sat_class=Cost_Sat)`: by total
satisfaction per unit of cost, which with cost satisfaction is the number of approvals
(a project that costs nothing or that nobody approved counts 0), ties broken in favour of the
project id that sorts first as text ("10" before "9").
"""

from __future__ import annotations

from collections.abc import Iterable

from .instance import ApprovalInstance
from .outcome import ProjectResult, Reason
from .pabulib import Money


def greedy_key(instance: ApprovalInstance, pid: str) -> tuple[int, str]:
    """Sort key of the greedy order: most approvals first, then project id as text."""
    approvals = instance.approvals[pid]
    density = approvals if approvals > 0 and instance.costs[pid] > 0 else 0
    return (-density, pid)


def greedy_pass(
    instance: ApprovalInstance,
    *,
    skip: bool = True,
    threshold: int | None = None,
    already: Iterable[str] = (),
    stage: str = "greedy",
) -> tuple[list[str], dict[str, ProjectResult]]:
    """Go down the greedy order funding what fits; return the new picks and their results.

    `already` are projects funded before (their cost is spent, they are not reconsidered).
    `skip=False` stops at the first project that does not fit (greedy-no-skip); `threshold`
    leaves out projects with fewer approvals (greedy-threshold).
    """
    costs = instance.costs
    taken = set(already)
    remaining: Money = instance.budget - sum(costs[pid] for pid in taken)
    picks: list[str] = []
    results: dict[str, ProjectResult] = {}
    stopped_at: str | None = None
    order = sorted(
        (pid for pid in costs if pid not in taken), key=lambda p: greedy_key(instance, p)
    )
    for pid in order:
        cost, approvals = costs[pid], instance.approvals[pid]
        if threshold is not None and approvals < threshold:
            results[pid] = ProjectResult(
                pid,
                cost,
                approvals,
                False,
                Reason.BELOW_THRESHOLD,
                stage=stage,
                threshold=threshold,
            )
        elif stopped_at is not None:
            results[pid] = ProjectResult(
                pid,
                cost,
                approvals,
                False,
                Reason.NOT_REACHED,
                stage=stage,
                remaining_budget=remaining,
                stopped_at=stopped_at,
            )
        elif cost <= remaining:
            picks.append(pid)
            results[pid] = ProjectResult(
                pid,
                cost,
                approvals,
                True,
                Reason.FUNDED,
                stage=stage,
                remaining_budget=remaining,
                threshold=threshold,
            )
            remaining -= cost
        else:
            results[pid] = ProjectResult(
                pid,
                cost,
                approvals,
                False,
                Reason.OVER_BUDGET,
                stage=stage,
                remaining_budget=remaining,
                threshold=threshold,
            )
            if not skip:
                stopped_at = pid
    return picks, results


def greedy_picks(
    instance: ApprovalInstance,
    *,
    skip: bool = True,
    threshold: int | None = None,
    already: Iterable[str] = (),
) -> list[str]:
    """The picks of `greedy_pass` alone, without building every project's result."""
    costs, approvals = instance.costs, instance.approvals
    taken = set(already)
    remaining: Money = instance.budget - sum(costs[pid] for pid in taken)
    picks: list[str] = []
    # `greedy_key` inlined: on small files this sort is most of the rule's time.
    order = [
        (-votes if (votes := approvals[pid]) > 0 and costs[pid] > 0 else 0, pid)
        for pid in costs
        if pid not in taken
    ]
    order.sort()
    for _key, pid in order:
        if threshold is not None and approvals[pid] < threshold:
            continue
        cost = costs[pid]
        if cost <= remaining:
            picks.append(pid)
            remaining -= cost
        elif not skip:
            break
    return picks
