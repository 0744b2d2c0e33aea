"""The Method of Equal Shares (MES) with cost utilities, on approval ballots, in exact arithmetic.

Every voter starts with the same share `t` of money. In each round, for every project still in
the running whose supporters together have at least its cost, find the smallest cap `x` such
that the supporters paying `min(their money, x)` cover the cost; buy the project with the
smallest `x / cost` (pabutools' "affordability" with `Cost_Sat`), ties broken in favour of the
project id that sorts first as text, and take the payments. Stop when no project can be paid.

This is `pabutools.rules.method_of_equal_shares(..., sat_class=Cost_Sat)` (which runs in exact
rationals too): its lazy loop visits projects by their affordability of an earlier round, a
lower bound since money only goes down, so it finds exactly the minimum computed here.

Voters with the same ballot always hold the same money, so they are one weighted group; and
groups holding the same amount are merged when a project's cap is computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from .instance import ApprovalInstance
from .pabulib import Money


@dataclass
class MesRun:
    """One run of MES at a given voter share."""

    voter_budget: Money
    picks: list[str] = field(default_factory=list)  # free projects first, then by round
    rounds: dict[str, int] = field(default_factory=dict)
    max_payment: dict[str, Money] = field(default_factory=dict)
    # Money the supporters of each project not bought had left at the end.
    leftover: dict[str, Money] = field(default_factory=dict)
    total_cost: Money = 0


def candidates(instance: ApprovalInstance) -> list[str]:
    """The projects MES can buy in rounds: approved by someone and costing something."""
    return [pid for pid, cost in instance.costs.items() if cost > 0 and instance.approvals[pid] > 0]


def free_projects(instance: ApprovalInstance) -> list[str]:
    """Projects MES takes before round 1: none with cost utilities.

    pabutools pre-selects approved projects that cost nothing only when they bring some
    satisfaction; with `Cost_Sat` a project's satisfaction is its cost, 0 here, so MES never
    takes them (a greedy completion does).
    """
    return []


def cap(cost: Money, holdings: dict[Money, int]) -> Money | None:
    """Smallest x with sum(weight * min(money, x)) >= cost, or None if they cannot pay.

    `holdings` maps an amount of money to the number of supporters holding it.
    """
    total = sum(money * weight for money, weight in holdings.items())
    if total < cost:
        return None
    remaining_cost: Money = cost
    remaining_weight = sum(holdings.values())
    for money in sorted(holdings):
        weight = holdings[money]
        # Everyone from here on pays the same x = remaining_cost / remaining_weight, if
        # the poorest of them can afford it; otherwise this group pays all it has.
        if remaining_cost <= money * remaining_weight:
            return Fraction(remaining_cost, remaining_weight)
        remaining_cost -= money * weight
        remaining_weight -= weight
    raise AssertionError("unreachable: the supporters hold at least the cost")


def run_mes(instance: ApprovalInstance, voter_budget: Money) -> MesRun:
    """MES with every voter holding `voter_budget`; the reference implementation."""
    result = MesRun(voter_budget)
    costs = instance.costs
    groups = instance.ballots
    money: list[Money] = [voter_budget] * len(groups)
    supporters: dict[str, list[int]] = {pid: [] for pid in candidates(instance)}
    for index, (ballot, _count) in enumerate(groups):
        for pid in ballot:
            if pid in supporters:
                supporters[pid].append(index)
    for pid in free_projects(instance):
        result.picks.append(pid)
    # Lower bounds of each project's x / cost, to visit the likeliest first (as pabutools).
    bound: dict[str, Fraction] = {pid: Fraction(1, instance.approvals[pid]) for pid in supporters}
    remaining = set(supporters)
    round_number = 0
    while remaining:
        best: Fraction | None = None
        best_pid = ""
        best_x: Money = 0
        for pid in sorted(remaining, key=lambda p: (bound[p], p)):
            if best is not None and bound[pid] > best:
                break
            holdings: dict[Money, int] = {}
            for index in supporters[pid]:
                amount = money[index]
                holdings[amount] = holdings.get(amount, 0) + groups[index][1]
            x = cap(costs[pid], holdings)
            if x is None:
                remaining.discard(pid)
                continue
            rho = Fraction(x) / costs[pid]
            bound[pid] = rho
            if best is None or rho < best or (rho == best and pid < best_pid):
                best, best_pid, best_x = rho, pid, x
        if best is None:
            break
        round_number += 1
        remaining.discard(best_pid)
        result.picks.append(best_pid)
        result.rounds[best_pid] = round_number
        result.max_payment[best_pid] = _norm(best_x)
        for index in supporters[best_pid]:
            money[index] = _norm(money[index] - min(money[index], best_x))
    result.total_cost = sum(costs[pid] for pid in result.picks)
    for pid in costs:
        if pid not in result.rounds and pid in supporters:
            result.leftover[pid] = _norm(
                sum(money[index] * groups[index][1] for index in supporters[pid])
            )
    return result


def _norm(value: Money) -> Money:
    if isinstance(value, Fraction) and value.denominator == 1:
        return int(value.numerator)
    return value
