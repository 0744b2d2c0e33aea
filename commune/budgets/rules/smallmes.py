"""`fastmes.run` in plain Python lists, where numpy's call cost dominates, and the interval run.

A project's supporters there are a few dozen groups in a handful of classes: a Python loop
over them costs a few microseconds where each numpy call costs one or two. The argument is
the one of `fastmes` (docs/vote-rules.md, "Speed"), step for step. `run`: floats rule a
project out only when it is more than `MARGIN` worse than the best, and the projects within
the margin are compared in exact rationals. `certify`: every class holds an interval [lo, hi]
of floats containing its exact money at every share in [a, b], every float result is widened
by `WIDEN`, and a round is decided only when one project's highest rate is below every other
project's lowest rate; its class 0 holds exactly nothing and is left out of every sum.
"""

from __future__ import annotations

import heapq
import math
from fractions import Fraction
from typing import TYPE_CHECKING

from .mes import MesRun
from .pabulib import normalise
from .rational import Q, money

if TYPE_CHECKING:
    from .fastmes import Prepared

# The same as fastmes.MARGIN and fastmes.WIDEN (fastmes imports this module).
MARGIN = 1e-6
WIDEN = 1e-9
ZERO = Q(0)

# (lowest rate, highest rate or inf, {class: weight}, W > 0 when the rate is exactly 1 / W)
Evaluation = tuple[float, float, dict[int, int], int]


def cap_slack(classes: int, weight: float) -> float:
    """How much to widen a float cap computed over `classes` amounts for `weight` voters.

    The cap is (cost - what the poorer pay) / W', W' the richer voters' number; the
    subtraction's absolute error is below (classes + 1) * 2^-53 * cost, and the cap is at
    least cost / weight, so its relative error is below (classes + 2) * weight * 2^-53:
    `WIDEN` covers it up to about 10^7 for classes * weight, twice that bound beyond.
    """
    return max(WIDEN, (classes + 2) * weight * 2.0**-52)


def _float_cap(cost: float, items: list[tuple[float, int]], rest_w: int) -> float:
    """Smallest x with sum(w * min(amount, x)) >= cost; items (amount, w) by amount, rest_w
    the sum of their weights."""
    rest = cost
    for amount, w in items:
        if rest <= amount * rest_w:
            return rest / rest_w
        if rest_w == w:  # float error near a total equal to the cost: the last class pays
            break
        rest -= amount * w
        rest_w -= w
    return rest / rest_w


def run(prep: Prepared, t: Fraction) -> MesRun:
    """MES with every voter holding `t`: what `fastmes.run` returns, without numpy."""
    from .fastmes import _exact_cap

    result = MesRun(normalise(Fraction(t)))
    result.picks.extend(prep.free)
    t = Q(t)
    pid, costs, costs_f = prep.pids, prep.costs_q, prep.costs_f
    supporters, weights = prep.supporter_lists, prep.weight_lists
    # Classes of groups holding the same money: exact amount, its float; class 0 holds t.
    amounts, money_f, of_amount = [t], [float(t)], {t: 0}
    cls = [0] * prep.num_groups
    heap = [(1 / prep.approvals[p] * (1 - WIDEN), pid[p], p) for p in range(len(pid))]
    heapq.heapify(heap)

    def per_class_of(p: int) -> dict[int, int]:
        per_class: dict[int, int] = {}
        for group, w in zip(supporters[p], weights[p], strict=True):
            c = cls[group]
            per_class[c] = per_class.get(c, 0) + w
        return per_class

    def evaluate(p: int) -> tuple[float, int, dict[int, int]] | None:
        """Float rate of p and its supporters' classes; None if they surely cannot pay."""
        per_class = per_class_of(p)
        total = sum(money_f[c] * w for c, w in per_class.items())
        cost_f = costs_f[p]
        if total < cost_f * (1 - MARGIN) or (
            total <= cost_f * (1 + MARGIN)
            and sum(amounts[c] * w for c, w in per_class.items()) < costs[p]
        ):
            return None
        items = sorted([(money_f[c], w) for c, w in per_class.items()])
        return _float_cap(cost_f, items, sum(per_class.values())) / cost_f, p, per_class

    round_number = 0
    while heap:
        best_f = math.inf
        evaluated = []
        while heap and heap[0][0] <= best_f * (1 + MARGIN):
            found = evaluate(heapq.heappop(heap)[2])
            if found is not None:  # else its supporters cannot pay for it: never again
                evaluated.append(found)
                best_f = min(best_f, found[0])
        if not evaluated:
            break
        # Exact rates for the projects within the margin of the best float rate.
        best: tuple[Q, str] | None = None
        for rho, p, per_class in evaluated:
            if rho > best_f * (1 + MARGIN):
                continue
            items = sorted((money_f[c], amounts[c], w, c) for c, w in per_class.items())
            x, cut = _exact_cap(costs[p], [(m, w) for _, m, w, _ in items])
            candidate = (x / costs[p], pid[p])
            if best is None or candidate < best:
                best = candidate
                best_p, best_x, best_cut, best_items = p, x, cut, items
        for rho, p, _per_class in evaluated:
            if p != best_p:
                heapq.heappush(heap, (rho * (1 - WIDEN), pid[p], p))
        round_number += 1
        name = pid[best_p]
        result.picks.append(name)
        result.rounds[name] = round_number
        result.max_payment[name] = money(best_x)
        # Pay: the classes before the cut give all they have, the others x each.
        mapping = {}
        for position, (_f, amount, _w, c) in enumerate(best_items):
            left = ZERO if position < best_cut else amount - best_x
            if left not in of_amount:
                of_amount[left] = len(amounts)
                amounts.append(left)
                money_f.append(float(left))
            mapping[c] = of_amount[left]
        for group in supporters[best_p]:
            cls[group] = mapping[cls[group]]
    spent = sum(prep.costs[p] for p, name in enumerate(pid) if name in result.rounds)
    result.total_cost = normalise(prep.free_cost + spent)
    for p, name in enumerate(pid):
        if name not in result.rounds:
            per_class = per_class_of(p)
            result.leftover[name] = money(sum((amounts[c] * w for c, w in per_class.items()), ZERO))
    return result


def certify(prep: Prepared, a: Fraction, b: Fraction) -> list[str] | None:
    """The projects MES buys (in order) at *every* share in [a, b], or None if undecided.

    Every class of voters holds an interval [lo, hi] of floats that contains its exact money
    for every share in [a, b] (the same class structure as `run`, since voters in one class
    are treated alike). Caps only go down when money goes up, so a project's cap lies between
    its cap with everyone at `hi` and its cap with everyone at `lo`; a payment
    min(money, x) leaves max(money - x, 0), so new money lies in [max(lo - x_hi, 0),
    max(hi - x_lo, 0)]. A round is decided when one project surely can pay and its highest
    rate is below every other project's lowest rate (or equal, and its id sorts first); the
    run ends decided when every other project surely cannot pay. Each float is widened by
    `WIDEN`, more than its rounding error, so the intervals hold the exact values.
    """
    pid, costs_f = prep.pids, prep.costs_f
    supporters, weights = prep.supporter_lists, prep.weight_lists
    lo = [0.0, float(a) * (1 - WIDEN)]
    hi = [0.0, float(b) * (1 + WIDEN)]
    cls = [1] * prep.num_groups
    heap = [(1 / prep.approvals[p] * (1 - WIDEN), pid[p], p) for p in range(len(pid))]
    heapq.heapify(heap)
    fresh: dict[int, Evaluation] = {}
    picks: list[str] = []

    def evaluate(p: int) -> Evaluation | None:
        per_class: dict[int, int] = {}
        for group, w in zip(supporters[p], weights[p], strict=True):
            c = cls[group]
            if c:
                per_class[c] = per_class.get(c, 0) + w
        if not per_class:
            return None
        cost = costs_f[p]
        total_w, min_lo, sum_lo, sum_hi = 0, math.inf, 0.0, 0.0
        for c, w in per_class.items():
            total_w += w
            sum_lo += lo[c] * w
            sum_hi += hi[c] * w
            if lo[c] < min_lo:
                min_lo = lo[c]
        if min_lo >= cost / total_w * (1 + WIDEN):
            rho = 1 / total_w  # they all surely pay cost / W: the rate is exactly 1 / W
            return rho * (1 - WIDEN), rho * (1 + WIDEN), per_class, total_w
        if sum_hi * (1 + WIDEN) < cost:
            return None
        highs = sorted([(hi[c], w) for c, w in per_class.items()])
        slack = cap_slack(len(per_class), total_w)
        rho_lo = _float_cap(cost, highs, total_w) / cost * (1 - slack)
        if sum_lo * (1 - WIDEN) >= cost:
            lows = sorted([(lo[c], w) for c, w in per_class.items()])
            rho_hi = _float_cap(cost, lows, total_w) / cost * (1 + slack)
        else:
            rho_hi = math.inf
        return rho_lo, rho_hi, per_class, 0

    while heap:
        fresh.clear()
        # Pop until the smallest key is a rate of this round: the lowest lower bound of all.
        while heap and heap[0][2] not in fresh:
            p = heapq.heappop(heap)[2]
            found = evaluate(p)
            if found is not None:
                fresh[p] = found
                heapq.heappush(heap, (found[0], pid[p], p))
        if not heap:
            break
        _key, name, best = heapq.heappop(heap)
        rho_lo, threshold, per_class, best_w = fresh[best]
        if threshold == math.inf:
            return None  # the best project may not be affordable at some share
        checked = []
        while heap and heap[0][0] <= threshold:
            q = heapq.heappop(heap)[2]
            found = fresh.get(q) or evaluate(q)
            if found is None:
                continue
            fresh[q] = found
            checked.append((found[0], pid[q], q))
            if best_w and found[3]:  # both rates exact: 1 / W, the larger W wins, then the id
                if found[3] > best_w or (found[3] == best_w and pid[q] < name):
                    return None
            elif found[0] < threshold or (found[0] == threshold and pid[q] < name):
                return None
        for entry in checked:
            heapq.heappush(heap, entry)
        picks.append(name)
        cost = costs_f[best]
        x_lo = rho_lo * cost * (1 - WIDEN)
        x_hi = threshold * cost * (1 + WIDEN)
        # Classes left with nothing merge into class 0; every other class gets a new one.
        mapping = {}
        for c in per_class:
            new_hi = min(hi[c], (hi[c] - x_lo) * (1 + WIDEN)) if hi[c] > x_lo else 0.0
            if new_hi > 0:
                mapping[c] = len(lo)
                lo.append((lo[c] - x_hi) * (1 - WIDEN) if lo[c] > x_hi else 0.0)
                hi.append(new_hi)
            else:
                mapping[c] = 0
        for group in supporters[best]:
            c = cls[group]
            if c:
                cls[group] = mapping[c]
    return picks
