"""Sequential Phragmén on approval ballots, as `pabutools.rules.sequential_phragmen`.

Voters earn virtual money continuously from 0; a project is bought as soon as its supporters
hold its cost, spreading the load so that they all end with the same load (the smallest
possible "new maximal load" `(sum of their loads + cost) / approvals`). Ties go to the project
id that sorts first as text. The rule stops at the first step where one of the projects tied
for the smallest new load does not fit in what is left of the budget. A project nobody
approved has an infinite new load: it comes last, and pabutools still takes it if it fits.

Floats guide, rationals decide (as in `fastmes`): every project's sum of its supporters'
loads is kept in floats, updated when a purchase raises loads; only the projects whose float
load is within `MARGIN` of the smallest are computed exactly, from each group's exact load.
The loads only grow, so every update adds a non-negative amount and a float sum is within a
relative 2n·2^-53 of the exact sum (n additions, n < 10^7): far below the margin.

Faster still (`kernels.phragmen`, compiled): the whole run in floats with a proven error
bound on every load, deciding each round only when the best project's load is surely the
smallest; at the first round it cannot decide, the exact run above takes over from scratch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import kernels
from .instance import ApprovalInstance
from .pabulib import Money
from .rational import Q

MARGIN = 1e-6


@dataclass
class PhragmenRun:
    picks: list[str] = field(default_factory=list)
    stopped_at: str | None = None
    remaining_at_stop: Money | None = None


def run_phragmen(instance: ApprovalInstance) -> PhragmenRun:
    """Sequential Phragmén: the compiled float run when it decides every round, else exact."""
    if kernels.AVAILABLE:
        kernels.load()
        arrays = instance.derived("phragmen", _kernel_arrays)
        if arrays is not None:
            decided = _run_compiled(instance, *arrays)
            if decided is not None:
                return decided
    return run_exact(instance)


def _kernel_arrays(instance: ApprovalInstance) -> tuple | None:
    """The approved projects that fit in the budget as `kernels.phragmen` reads them, or None
    when money is not whole (the kernel checks the budget in integers)."""
    costs, budget = instance.costs, instance.budget
    if not isinstance(budget, int) or not all(isinstance(c, int) for c in costs.values()):
        return None
    # Costs times approvals (the exact comparisons) and the sums spent must fit in 63 bits.
    if max(costs.values(), default=0) * max(instance.num_voters, 1) >= 2**62 or budget >= 2**62:
        return None
    names = [pid for pid, cost in costs.items() if cost <= budget and instance.approvals[pid]]
    index = {pid: p for p, pid in enumerate(names)}
    supporters: list[list[int]] = [[] for _ in names]
    for group, (ballot, _count) in enumerate(instance.ballots):
        for pid in ballot:
            if pid in index:
                supporters[index[pid]].append(group)
    sup_ptr, sup_groups = kernels.csr(supporters)
    unapproved = sorted(
        pid for pid, cost in costs.items() if cost <= budget and not instance.approvals[pid]
    )
    return (
        names,
        unapproved,
        (
            sup_ptr,
            sup_groups,
            np.array([count for _ballot, count in instance.ballots], dtype=np.float64),
            np.array([float(costs[pid]) for pid in names]),
            np.array([costs[pid] for pid in names], dtype=np.int64),
            np.array([instance.approvals[pid] for pid in names], dtype=np.float64),
            kernels.text_ranks(names),
        ),
    )


def _run_compiled(
    instance: ApprovalInstance, names: list[str], unapproved: list[str], arrays: tuple
) -> PhragmenRun | None:
    picks = np.empty(max(len(names), 1), dtype=np.int64)
    bought, stopped, spent = kernels.phragmen(*arrays, instance.budget, picks)
    if bought < 0:
        return None
    result = PhragmenRun(picks=[names[p] for p in picks[:bought]])
    if stopped >= 0:
        result.stopped_at = names[stopped]
        result.remaining_at_stop = instance.budget - int(spent)
        return result
    _take_unapproved(result, list(unapproved), instance.costs, instance.budget, int(spent))
    return result


def run_exact(instance: ApprovalInstance) -> PhragmenRun:
    """Sequential Phragmén with floats guiding and rationals deciding (the reference)."""
    costs, budget = instance.costs, instance.budget
    names = [pid for pid, cost in costs.items() if cost <= budget]
    index = {pid: p for p, pid in enumerate(names)}
    approvals = [instance.approvals[pid] for pid in names]
    cost_f = [float(costs[pid]) for pid in names]
    cost_q = [Q(costs[pid]) for pid in names]
    # Groups of voters with the same ballot: their weight, the projects they approve, and
    # their load as a float and as the index of an exact level (every load is some new load).
    weights = [count for _ballot, count in instance.ballots]
    approved = [[index[pid] for pid in ballot if pid in index] for ballot, _ in instance.ballots]
    supporters: list[list[int]] = [[] for _ in names]
    for group, projects in enumerate(approved):
        for p in projects:
            supporters[p].append(group)
    load_f = [0.0] * len(weights)
    level = [0] * len(weights)
    levels = [Q(0)]
    load_sum_f = [0.0] * len(names)
    finite = {p for p in range(len(names)) if approvals[p]}
    unapproved = sorted(pid for p, pid in enumerate(names) if not approvals[p])
    result = PhragmenRun()
    spent: Money = 0

    def exact_load(p: int) -> Q:
        per_level: dict[int, int] = {}
        for group in supporters[p]:
            per_level[level[group]] = per_level.get(level[group], 0) + weights[group]
        total = sum((levels[k] * w for k, w in per_level.items() if k), cost_q[p])
        return total / approvals[p]

    while finite:
        floats = {p: (load_sum_f[p] + cost_f[p]) / approvals[p] for p in finite}
        limit = min(floats.values()) * (1 + MARGIN)
        near = {p: exact_load(p) for p, value in floats.items() if value <= limit}
        best = min(near.values())
        tied = sorted(names[p] for p, value in near.items() if value == best)
        if _stops(result, tied, costs, budget, spent):
            return result
        chosen = tied[0]
        p = index[chosen]
        finite.discard(p)
        result.picks.append(chosen)
        spent += costs[chosen]
        levels.append(best)
        new_level, best_f = len(levels) - 1, float(best)
        for group in supporters[p]:
            delta = (best_f - load_f[group]) * weights[group]
            load_f[group] = best_f
            level[group] = new_level
            for q in approved[group]:
                load_sum_f[q] += delta
    _take_unapproved(result, unapproved, costs, budget, spent)
    return result


def _take_unapproved(
    result: PhragmenRun, unapproved: list[str], costs: dict[str, Money], budget: Money, spent: Money
) -> None:
    """Only projects nobody approved are left: all tied at an infinite load, taken by id."""
    while unapproved:
        if _stops(result, unapproved, costs, budget, spent):
            return
        chosen = unapproved.pop(0)
        result.picks.append(chosen)
        spent += costs[chosen]


def _stops(
    result: PhragmenRun, tied: list[str], costs: dict[str, Money], budget: Money, spent: Money
) -> bool:
    """Record the stop if one of the tied projects (sorted) does not fit in what is left."""
    over = [pid for pid in tied if spent + costs[pid] > budget]
    if over:
        result.stopped_at = over[0]
        result.remaining_at_stop = budget - spent
    return bool(over)
