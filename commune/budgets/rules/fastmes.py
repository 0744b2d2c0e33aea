"""Fast exact MES, and the interval run that proves one outcome for a range of shares (add1).

Three ideas make it fast without giving up exactness (the arguments are in
docs/vote-rules.md, "Speed"):

1. **Classes of voters, lazily evaluated projects.** Voters with the same ballot are one
   group; groups holding the same money form a *class*. A project's cap is computed per class
   (numpy over its supporting groups), and a project is recomputed only when its rate of an
   earlier round (a lower bound: money only goes down) could still beat the best of this round.

2. **Floats guide, rationals decide.** Rates are computed in floats; only the projects within
   `MARGIN` of the best are computed exactly, and the winner, its payments and every class's
   money are exact rationals.

3. **Certified ranges of shares (add1).** `certify_fast(prep, a, b)` runs MES once with every
   amount an *interval* holding its value for every share in [a, b] (outward-rounded floats).
   When every comparison of that run is decided for the whole interval, MES selects the same
   projects at every share in [a, b], so the add1 loops skip all of them at once; when a
   comparison is undecided it answers None and the loop looks at a narrower range, down to
   one exact run per share. The interval run is `smallmes.certify`, compiled in
   `kernels.certify_mes`.
"""

from __future__ import annotations

import functools
import heapq
import math
from fractions import Fraction

import numpy as np

from . import kernels, smallmes
from .instance import ApprovalInstance
from .mes import MesRun, candidates, free_projects
from .pabulib import normalise
from .rational import Q, money

ZERO = Q(0)

# Floats guide the search, exact rationals decide: a float rate is trusted only to rule a
# project out when it is more than this (relative) above the best one. Float errors here are
# below 1e-10 relative (see `certify` for the bound), far under the margin.
MARGIN = 1e-6
# Outward rounding of the interval run: every float result is widened by this (relative),
# more than the float error of any of its sums (at most ~2 n 2^-53 for n terms, n < 10^6).
WIDEN = 1e-9
# Mean number of supporting groups per project under which `smallmes` runs instead of numpy.
SMALL_SUPPORT = 400


class Prepared:
    """What every run on one instance shares: candidate projects and weighted ballots as indices."""

    def __init__(self, instance: ApprovalInstance, *, small: bool | None = None) -> None:
        self.instance = instance
        self.pids = candidates(instance)
        self.free = free_projects(instance)
        index = {pid: i for i, pid in enumerate(self.pids)}
        self.costs = [instance.costs[pid] for pid in self.pids]
        self.costs_f = [float(c) for c in self.costs]
        self.costs_q = [Q(c) for c in self.costs]
        self.approvals = [instance.approvals[pid] for pid in self.pids]
        supporters: list[list[int]] = [[] for _ in self.pids]
        weights: list[int] = []
        for ballot, count in instance.ballots:
            approved = [index[pid] for pid in ballot if pid in index]
            if not approved:
                continue
            group = len(weights)
            weights.append(count)
            for p in approved:
                supporters[p].append(group)
        self.num_groups = len(weights)
        self.group_weights = weights
        # For every project: its supporting groups and their weights, for `smallmes`; the
        # numpy paths read the same as arrays (`supporters`, `weights`, made when first used).
        self.supporter_lists = supporters
        self.weight_lists = [[weights[g] for g in s] for s in supporters]
        # Plain Python beats numpy's per-call cost while projects have few supporting groups.
        self.small = (
            sum(map(len, supporters)) <= SMALL_SUPPORT * max(len(self.pids), 1)
            if small is None
            else small
        )
        self.free_cost = sum(instance.costs[pid] for pid in self.free)

    @functools.cached_property
    def kernel_arrays(self) -> tuple[np.ndarray, ...]:
        """The instance as `kernels` reads it: projects' supporting groups as CSR, weights,
        costs, each id's rank as text (ties) and approvals."""
        sup_ptr, sup_groups = kernels.csr(self.supporter_lists)
        return (
            sup_ptr,
            sup_groups,
            np.array(self.group_weights, dtype=np.float64),
            np.array(self.costs_f, dtype=np.float64),
            kernels.text_ranks(self.pids),
            np.array(self.approvals, dtype=np.float64),
        )

    @functools.cached_property
    def supporters(self) -> list[np.ndarray]:
        return [np.array(s, dtype=np.intp) for s in self.supporter_lists]

    @functools.cached_property
    def weights(self) -> list[np.ndarray]:
        """Each project's supporting groups' weights (exact in floats below 2^53)."""
        group_weights = np.array(self.group_weights, dtype=np.float64)
        return [group_weights[s] for s in self.supporters]


def prepare(instance: ApprovalInstance) -> Prepared:
    """The instance's `Prepared`, built once per instance (`ApprovalInstance.derived`)."""
    return instance.derived("mes", Prepared)


def _float_cap(cost: float, amounts: np.ndarray, weights: np.ndarray) -> float:
    """Smallest x with sum(weights * min(amounts, x)) >= cost; amounts sorted, total >= cost."""
    products = amounts * weights
    before = np.concatenate(([0.0], np.cumsum(products)[:-1]))
    weight_before = np.concatenate(([0.0], np.cumsum(weights)[:-1]))
    rest = cost - before
    rest_w = weights.sum() - weight_before
    fits = rest <= amounts * rest_w
    k = int(np.argmax(fits)) if fits.any() else len(amounts) - 1
    return float(rest[k] / rest_w[k])


def _exact_cap(cost: Q, items: list[tuple[Q, int]]) -> tuple[Q, int]:
    """The exact cap x and how many of `items` ((money, weight) by increasing money) pay all;
    `cost` and the amounts are exact rationals (`Q`), never ints (int / int is a float)."""
    rest_cost = cost
    rest_w = sum(w for _, w in items)
    for cut, (amount, w) in enumerate(items):
        if rest_cost <= amount * rest_w:
            return rest_cost / rest_w, cut
        rest_cost -= amount * w
        rest_w -= w
    raise AssertionError("unreachable: the supporters hold at least the cost")


class _Classes:
    """Classes of groups holding the same money: exact amounts and their floats."""

    def __init__(self, num_groups: int, t: Q) -> None:
        self.money: list[Q] = [t]
        self.money_f = np.empty(64)
        self.money_f[0] = float(t)
        self.of_amount: dict[Q, int] = {t: 0}
        self.cls = np.zeros(num_groups, dtype=np.intp)

    def add(self, amount: Q) -> int:
        found = self.of_amount.get(amount)
        if found is not None:
            return found
        number = len(self.money)
        if number == len(self.money_f):
            self.money_f = np.concatenate((self.money_f, np.empty(number)))
        self.money_f[number] = float(amount)
        self.money.append(amount)
        self.of_amount[amount] = number
        return number


def run(prep: Prepared, t: Fraction) -> MesRun:
    """MES with every voter holding `t`: the same selection as `mes.run_mes`, faster."""
    return smallmes.run(prep, t) if prep.small else run_numpy(prep, t)


def run_numpy(prep: Prepared, t: Fraction) -> MesRun:
    """`run` with numpy over each project's supporting groups (many groups per project)."""
    result = MesRun(normalise(Fraction(t)))
    result.picks.extend(prep.free)
    t = Q(t)
    pid, costs, costs_f = prep.pids, prep.costs_q, prep.costs_f
    classes = _Classes(prep.num_groups, t)
    # Lazy evaluation: (lower bound of x / cost, id, index); 1 / approvals is one (x >= cost/W).
    heap = [(1 / prep.approvals[p] * (1 - WIDEN), pid[p], p) for p in range(len(pid))]
    heapq.heapify(heap)

    def evaluate(p: int) -> tuple[float, int, np.ndarray, np.ndarray] | None:
        """Float rate, sorted classes and weights of p's supporters; None if they cannot pay."""
        cls = classes.cls[prep.supporters[p]]
        per_class = np.bincount(cls, weights=prep.weights[p], minlength=len(classes.money))
        present = np.flatnonzero(per_class)
        amounts = classes.money_f[present]
        order = np.argsort(amounts, kind="stable")
        present, amounts = present[order], amounts[order]
        weights = per_class[present]
        total = float(np.dot(amounts, weights))
        cost_f = costs_f[p]
        if total < cost_f * (1 - MARGIN) or (
            total <= cost_f * (1 + MARGIN)
            and sum(classes.money[k] * int(w) for k, w in zip(present, weights, strict=True))
            < costs[p]
        ):
            return None
        return _float_cap(cost_f, amounts, weights) / cost_f, p, present, weights

    round_number = 0
    while heap:
        best_f = math.inf
        evaluated = []
        while heap and heap[0][0] <= best_f * (1 + MARGIN):
            p = heapq.heappop(heap)[2]
            found = evaluate(p)
            if found is None:
                continue  # its supporters cannot pay for it: never again
            evaluated.append(found)
            best_f = min(best_f, found[0])
        if not evaluated:
            break
        # Exact rates for the projects within the margin of the best float rate.
        best: tuple[Q, str] | None = None
        for rho, p, present, weights in evaluated:
            if rho > best_f * (1 + MARGIN):
                continue
            items = sorted(
                (classes.money_f[k], classes.money[k], int(w), int(k))
                for k, w in zip(present, weights, strict=True)
            )
            x, cut = _exact_cap(costs[p], [(m, w) for _, m, w, _ in items])
            candidate = (x / costs[p], pid[p])
            if best is None or candidate < best:
                best = candidate
                best_p, best_x, best_cut, best_items = p, x, cut, items
        if best is None:  # pragma: no cover - the best float rate is always within the margin
            raise AssertionError("no exact rate near the best float rate")
        for rho, p, _present, _weights in evaluated:
            if p != best_p:
                heapq.heappush(heap, (rho * (1 - WIDEN), pid[p], p))
        round_number += 1
        name = pid[best_p]
        result.picks.append(name)
        result.rounds[name] = round_number
        result.max_payment[name] = money(best_x)
        # Pay: the classes before the cut give all they have, the others x each.
        mapping = np.arange(len(classes.money), dtype=np.intp)
        for position, (_f, amount, _w, k) in enumerate(best_items):
            mapping[k] = classes.add(ZERO if position < best_cut else amount - best_x)
        groups = prep.supporters[best_p]
        classes.cls[groups] = mapping[classes.cls[groups]]
    spent = sum(prep.instance.costs[name] for name in result.rounds)
    result.total_cost = normalise(prep.free_cost + spent)
    for p, name in enumerate(pid):
        if name not in result.rounds:
            per_class = np.bincount(
                classes.cls[prep.supporters[p]],
                weights=prep.weights[p],
                minlength=len(classes.money),
            )
            present = np.flatnonzero(per_class)
            result.leftover[name] = money(
                sum((classes.money[k] * int(per_class[k]) for k in present), ZERO)
            )
    return result


def certify_fast(prep: Prepared, a: Fraction, b: Fraction) -> list[str] | None:
    """`smallmes.certify` by the fastest path there is: compiled (`kernels.certify_mes`,
    the same steps), else in Python."""
    if not prep.pids:
        return []
    if kernels.AVAILABLE:
        kernels.load()
        picks = np.empty(len(prep.pids), dtype=np.int64)
        bought = kernels.certify_mes(
            *prep.kernel_arrays, float(a) * (1 - WIDEN), float(b) * (1 + WIDEN), picks
        )
        return None if bought < 0 else [prep.pids[p] for p in picks[:bought]]
    return smallmes.certify(prep, a, b)
