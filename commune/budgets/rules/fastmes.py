"""Fast exact MES, and the add1 completions that run MES once per share value.

Two ideas make a run fast without giving up exactness:

1. **Classes of voters.** Voters with the same ballot always hold the same money, and so do
   voters whose payments so far were the same: the run keeps *classes* of voters with equal
   money and, for every project, the number of its supporters in each class. What a project
   would cost its supporters then takes one step per class, not per voter, and buying a
   project only touches the ballots that approve it.

2. **Floats guide, rationals decide.** Every project's rate is first computed in floats; only
   the projects whose float rate is within `MARGIN` of the best are computed exactly, and the
   winner, its payments and every class's money are exact. A float figure is trusted only to
   rule a project out when it is clearly worse, which float error (below 1e-9 here) cannot
   turn around.

A run returns the same selection as `mes.run_mes` (the plain reference implementation, kept
for the tests) and as pabutools; see docs/vote-rules.md.
"""

from __future__ import annotations

import math
from fractions import Fraction

from .instance import ApprovalInstance
from .mes import MesRun, candidates, free_projects
from .pabulib import Money, normalise

ZERO = Fraction(0)


class Prepared:
    """What every run on one instance shares: candidate projects and weighted ballots as indices."""

    def __init__(self, instance: ApprovalInstance) -> None:
        self.instance = instance
        self.pids = candidates(instance)
        self.free = free_projects(instance)
        index = {pid: i for i, pid in enumerate(self.pids)}
        self.costs = [instance.costs[pid] for pid in self.pids]
        self.approvals = [instance.approvals[pid] for pid in self.pids]
        # Each group: the candidate projects its ballot approves, and how many voters cast it.
        self.groups: list[tuple[list[int], int]] = []
        self.supporters: list[list[int]] = [[] for _ in self.pids]
        for ballot, count in instance.ballots:
            approved = sorted(index[pid] for pid in ballot if pid in index)
            if not approved:
                continue
            number = len(self.groups)
            self.groups.append((approved, count))
            for p in approved:
                self.supporters[p].append(number)
        self.free_cost = sum(instance.costs[pid] for pid in self.free)


# Floats guide the search, exact rationals decide: a float figure is trusted only when it is
# further than this (relative) from what it is compared with; otherwise the exact figures are
# computed. Float errors here stay below 1e-9 (correctly rounded class money, a few hundred
# terms per sum), far under the margin.
MARGIN = 1e-6


def _exact_cap(
    cost: Money, items: list[tuple[int, int]], money: list[Fraction]
) -> tuple[Fraction, int]:
    """The exact cap x and how many of `items` (classes by increasing money) pay all they have."""
    rest_cost = Fraction(cost)
    rest_w = sum(w for _, w in items)
    for cut, (k, w) in enumerate(items):
        amount = money[k]
        if rest_cost <= amount * rest_w:
            return rest_cost / rest_w, cut
        rest_cost -= amount * w
        rest_w -= w
    raise AssertionError("unreachable: the supporters hold at least the cost")


def run(prep: Prepared, t: Fraction) -> MesRun:
    """MES with every voter holding `t`: the same selection as `mes.run_mes`, faster."""
    result = MesRun(normalise(t))
    result.picks.extend(prep.free)
    m = len(prep.pids)
    costs = prep.costs
    costs_f = [float(c) for c in costs]
    pid = prep.pids
    # Classes of voters holding the same money: exact amount, and (float, exact) as sort key
    # (rounding to float is monotonic, so that key sorts exactly, mostly with floats).
    money: list[Fraction] = [t]
    key: list[tuple[float, Fraction]] = [(float(t), t)]
    class_of_amount: dict[Fraction, int] = {t: 0}
    group_cls = [0] * len(prep.groups)
    # For every project: class -> number of its supporters in that class.
    holders: list[dict[int, int]] = [{0: prep.approvals[p]} for p in range(m)]
    # A lower bound of each project's x / cost (float): its value in an earlier round.
    bound: list[float] = [1 / prep.approvals[p] for p in range(m)]
    remaining = set(range(m))
    round_number = 0
    while remaining:
        best_f = math.inf
        evaluated: list[tuple[float, int, list[tuple[int, int]]]] = []
        for p in sorted(remaining, key=bound.__getitem__):
            if bound[p] > best_f * (1 + MARGIN):
                break
            items = sorted(holders[p].items(), key=lambda item: key[item[0]])
            cost_f = costs_f[p]
            total_f = math.fsum(key[k][0] * w for k, w in items)
            if total_f < cost_f * (1 - MARGIN) or (
                total_f <= cost_f * (1 + MARGIN) and sum(money[k] * w for k, w in items) < costs[p]
            ):
                remaining.discard(p)  # its supporters cannot pay for it: never again
                continue
            rest, rest_w = cost_f, sum(w for _, w in items)
            for k, w in items:
                amount = key[k][0]
                if rest <= amount * rest_w or rest_w == w:
                    break
                rest -= amount * w
                rest_w -= w
            rho = rest / rest_w / cost_f
            bound[p] = rho
            evaluated.append((rho, p, items))
            best_f = min(best_f, rho)
        if not evaluated:
            break
        # Exact rates for the projects within the margin of the best float rate.
        best: tuple[Fraction, str] | None = None
        for rho, p, items in evaluated:
            if rho > best_f * (1 + MARGIN):
                continue
            x, cut = _exact_cap(costs[p], items, money)
            candidate = (x / costs[p], pid[p])
            if best is None or candidate < best:
                best = candidate
                best_p, best_x, best_cut, best_items = p, x, cut, items
        if best is None:  # pragma: no cover - the best float rate is always within the margin
            raise AssertionError("no exact rate near the best float rate")
        round_number += 1
        remaining.discard(best_p)
        name = pid[best_p]
        result.picks.append(name)
        result.rounds[name] = round_number
        result.max_payment[name] = normalise(best_x)
        # Pay: the classes before the cut give all they have, the others x each.
        moved: dict[int, int] = {}
        for position, (k, _w) in enumerate(best_items):
            amount = ZERO if position < best_cut else money[k] - best_x
            target = class_of_amount.get(amount)
            if target is None:
                target = len(money)
                class_of_amount[amount] = target
                money.append(amount)
                key.append((float(amount), amount))
            moved[k] = target
        groups = prep.groups
        for g in prep.supporters[best_p]:
            old = group_cls[g]
            new = moved[old]
            if new == old:
                continue
            group_cls[g] = new
            approved, weight = groups[g]
            for q in approved:
                counts = holders[q]
                left = counts[old] - weight
                if left:
                    counts[old] = left
                else:
                    del counts[old]
                counts[new] = counts.get(new, 0) + weight
    spent = sum(prep.instance.costs[name] for name in result.rounds)
    result.total_cost = normalise(prep.free_cost + spent)
    for p in range(m):
        name = pid[p]
        if name not in result.rounds:
            result.leftover[name] = normalise(sum(money[k] * w for k, w in holders[p].items()))
    return result


def _exhaustive(prep: Prepared, outcome: MesRun) -> bool:
    """pabutools' test: no project MES could buy is left that fits in what is left."""
    left = prep.instance.budget - outcome.total_cost
    return all(
        name in outcome.rounds or cost > left
        for name, cost in zip(prep.pids, prep.costs, strict=True)
    )


def add1_pabutools(instance: ApprovalInstance) -> MesRun:
    """MES raising every voter's share by 1 until nothing more fits (pabutools' add1).

    `method_of_equal_shares(..., voter_budget_increment=1)`: from the share budget / voters,
    run MES; if its outcome costs more than the budget keep the previous outcome, if no other
    project it could buy fits in what is left keep this one, else add 1 and go on.
    """
    prep = Prepared(instance)
    t = Fraction(instance.budget, instance.num_voters)
    previous = run(prep, t)
    while not _exhaustive(prep, previous):
        t += 1
        outcome = run(prep, t)
        if outcome.total_cost > instance.budget:
            break
        previous = outcome
    return previous


def add1_cities(instance: ApprovalInstance) -> MesRun:
    """MES as the cities run it (META "equalshares/add1"): raise every voter's share by 1
    while the outcome still costs at most the budget, and keep the last such outcome."""
    prep = Prepared(instance)
    t = Fraction(instance.budget, instance.num_voters)
    previous = run(prep, t)
    # Once MES buys every project it can, a larger share changes nothing: stop there.
    while len(previous.rounds) < len(prep.pids):
        t += 1
        outcome = run(prep, t)
        if outcome.total_cost > instance.budget:
            break
        previous = outcome
    return previous
