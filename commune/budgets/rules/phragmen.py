"""Sequential Phragmén on approval ballots, as `pabutools.rules.sequential_phragmen`.

Voters earn virtual money continuously from 0; a project is bought as soon as its supporters
hold its cost, spreading the load so that they all end with the same load (the smallest
possible "new maximal load" `(sum of their loads + cost) / approvals`). Ties go to the project
id that sorts first as text. The rule stops at the first step where one of the projects tied
for the smallest new load does not fit in what is left of the budget. A project nobody
approved has an infinite new load: it comes last, and pabutools still takes it if it fits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from .instance import ApprovalInstance
from .pabulib import Money

INFINITE = None  # the new load of a project nobody approved


@dataclass
class PhragmenRun:
    picks: list[str] = field(default_factory=list)
    loads: dict[str, Fraction | None] = field(default_factory=dict)  # new max load when bought
    stopped_at: str | None = None
    remaining_at_stop: Money | None = None


def run_phragmen(instance: ApprovalInstance) -> PhragmenRun:
    costs, budget = instance.costs, instance.budget
    groups = instance.ballots
    load: list[Fraction] = [Fraction(0)] * len(groups)
    remaining = {pid for pid, cost in costs.items() if cost <= budget}
    supporters: dict[str, list[int]] = {pid: [] for pid in costs}
    for index, (ballot, _count) in enumerate(groups):
        for pid in ballot:
            supporters[pid].append(index)
    # Sum over each project's supporters of their load (times their number), kept up to date.
    load_sum: dict[str, Fraction] = dict.fromkeys(costs, Fraction(0))
    result = PhragmenRun()
    spent: Money = 0
    while remaining:
        best: Fraction | None = None
        tied: list[str] = []
        for pid in remaining:
            approvals = instance.approvals[pid]
            new_load = (load_sum[pid] + costs[pid]) / approvals if approvals else INFINITE
            if not tied:
                best, tied = new_load, [pid]
            elif new_load == best:
                tied.append(pid)
            elif best is INFINITE or (new_load is not INFINITE and new_load < best):
                best, tied = new_load, [pid]
        over = sorted(pid for pid in tied if spent + costs[pid] > budget)
        if over:
            result.stopped_at = over[0]
            result.remaining_at_stop = budget - spent
            break
        chosen = min(tied)
        remaining.discard(chosen)
        result.picks.append(chosen)
        result.loads[chosen] = best
        spent += costs[chosen]
        if best is INFINITE:
            continue
        for index in supporters[chosen]:
            ballot, count = groups[index]
            delta = (best - load[index]) * count
            load[index] = best
            for pid in ballot:
                load_sum[pid] += delta
    return result
