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
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from .instance import ApprovalInstance
from .pabulib import Money
from .rational import Q, money

INFINITE = None  # the new load of a project nobody approved
MARGIN = 1e-6


@dataclass
class PhragmenRun:
    picks: list[str] = field(default_factory=list)
    loads: dict[str, Fraction | None] = field(default_factory=dict)  # new max load when bought
    stopped_at: str | None = None
    remaining_at_stop: Money | None = None


def run_phragmen(instance: ApprovalInstance) -> PhragmenRun:
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
        result.loads[chosen] = money(best)
        spent += costs[chosen]
        levels.append(best)
        new_level, best_f = len(levels) - 1, float(best)
        for group in supporters[p]:
            delta = (best_f - load_f[group]) * weights[group]
            load_f[group] = best_f
            level[group] = new_level
            for q in approved[group]:
                load_sum_f[q] += delta
    # Only projects nobody approved are left: all tied at an infinite load.
    while unapproved:
        if _stops(result, unapproved, costs, budget, spent):
            return result
        chosen = unapproved.pop(0)
        result.picks.append(chosen)
        result.loads[chosen] = INFINITE
        spent += costs[chosen]
    return result


def _stops(
    result: PhragmenRun, tied: list[str], costs: dict[str, Money], budget: Money, spent: Money
) -> bool:
    """Record the stop if one of the tied projects (sorted) does not fit in what is left."""
    over = [pid for pid in tied if spent + costs[pid] > budget]
    if over:
        result.stopped_at = over[0]
        result.remaining_at_stop = budget - spent
    return bool(over)
