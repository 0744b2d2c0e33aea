"""The add1 loops: MES at the shares t0, t0 + 1, t0 + 2, ... until a verdict on the selection.

pabutools' `voter_budget_increment=1` (`add1_pabutools`) and the cities' Equal Shares
(`add1_cities`). Ranges of shares whose selection `certify` proves identical are judged at
once (docs/vote-rules.md, "The add1 loops"); `add1_*_stepwise`, one exact run per share, are
the tests' references.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import numpy as np

from . import kernels, smallmes
from .fastmes import Prepared, certify_fast, prepare, run
from .instance import ApprovalInstance
from .mes import MesRun
from .pabulib import Money


def _exhaustive(prep: Prepared, selected: set[str], total: Money) -> bool:
    """pabutools' test: no project MES could buy is left that fits in what is left."""
    left = prep.instance.budget - total
    return all(
        name in selected or cost > left for name, cost in zip(prep.pids, prep.costs, strict=True)
    )


# A verdict on the selection at step j (share t0 + j): None to go on, else the step to keep.
Verdict = Callable[[int, set[str], Money], int | None]


Check = Callable[[Prepared, Fraction, Fraction], list[str] | None]


def _prepared(instance: ApprovalInstance, small: bool | None) -> tuple[Prepared, Check]:
    """The instance's index and the fastest `certify`; `small` forces a Python path (tests)."""
    if small is None:
        return prepare(instance), certify_fast
    return Prepared(instance, small=small), smallmes.certify


def _scan(prep: Prepared, verdict: Verdict, check: Check) -> tuple[Fraction, list[str]]:
    """The share t0 + j of the first step j where `verdict` decides, steps of 1, and the
    projects MES buys there, in order.

    Ranges of steps whose selection `check` (a `certify`) proves identical are judged at
    once (the verdicts only read the selection); the range doubles after a success and
    halves after a failure, down to a single share (still certified in floats) and, if even
    that is undecided, one exact run.
    """
    instance = prep.instance
    t0 = Fraction(instance.budget, instance.num_voters)
    cost_of = dict(zip(prep.pids, prep.costs, strict=True))
    j, span, singles = 0, 1, 0
    previous: list[str] = []  # the picks of the range just before step j
    while True:
        picks = check(prep, t0 + j, t0 + j + span)
        if picks is not None:
            last = j + span
            # After a failed range, look at single shares for a while before trying again.
            singles = singles + 1 if span == 0 else 0
            span = span * 2 if span else int(singles >= 4)
        elif span > 0:
            span //= 2
            singles = 0
            continue
        else:
            picks, last = list(run(prep, t0 + j).rounds), j
        selected = set(picks)
        total = prep.free_cost + sum(cost_of[name] for name in selected)
        keep = verdict(j, selected, total)
        if keep is not None:
            return t0 + keep, picks if keep == j else previous
        previous = picks
        j = last + 1


def _scan_compiled(
    prep: Prepared, verdict: Verdict, *, cities: bool
) -> tuple[Fraction, list[str]] | None:
    """`_scan` with its loop compiled (`kernels.scan_add1`), or None where it does not apply
    (no numba, money not whole, projects taken before round 1): the same steps and verdicts,
    the exact runs done here when even one share is undecided in floats."""
    instance = prep.instance
    if not kernels.AVAILABLE or prep.free or not isinstance(instance.budget, int):
        return None
    if not all(isinstance(cost, int) and cost < 2**53 for cost in prep.costs):
        return None
    kernels.load()
    t0 = Fraction(instance.budget, instance.num_voters)
    costs_i = np.array(prep.costs, dtype=np.int64)
    previous = np.empty(len(prep.pids), dtype=np.int64)
    picks = np.empty(len(prep.pids), dtype=np.int64)
    arrays = prep.kernel_arrays
    index = {name: p for p, name in enumerate(prep.pids)}
    j, span, singles, n_previous = 0, 1, 0, 0
    while True:
        keep, bought, j, singles, n_previous = kernels.scan_add1(
            arrays,
            costs_i,
            float(t0),
            instance.budget,
            cities,
            j,
            span,
            singles,
            previous,
            n_previous,
            picks,
        )
        if keep != kernels.NEED_EXACT:
            return t0 + keep, [prep.pids[p] for p in picks[:bought]]
        exact = list(run(prep, t0 + j).rounds)
        selected = set(exact)
        keep = verdict(j, selected, sum(instance.costs[name] for name in exact))
        if keep is not None:
            return t0 + keep, exact if keep == j else [prep.pids[p] for p in previous[:n_previous]]
        n_previous = len(exact)
        previous[:n_previous] = [index[name] for name in exact]
        j, span = j + 1, 0


def _pabutools_verdict(prep: Prepared) -> Verdict:
    """pabutools' `voter_budget_increment=1`: from the share budget / voters, run MES; if its
    outcome costs more than the budget keep the previous outcome, if no other project it
    could buy fits in what is left keep this one, else add 1 and go on."""
    budget = prep.instance.budget

    def verdict(j: int, selected: set[str], total: Money) -> int | None:
        if j > 0 and total > budget:
            return j - 1
        if _exhaustive(prep, selected, total):
            return j
        return None

    return verdict


def _cities_verdict(prep: Prepared) -> Verdict:
    """The cities' Equal Shares (META "equalshares/add1"): raise every voter's share by 1
    while the outcome still costs at most the budget, and keep the last such outcome."""
    budget = prep.instance.budget

    def verdict(j: int, selected: set[str], total: Money) -> int | None:
        if j > 0 and total > budget:
            return j - 1
        # Once MES buys every project it can, a larger share changes nothing: stop there.
        if len(selected) == len(prep.pids):
            return j
        return None

    return verdict


def add1_pabutools(instance: ApprovalInstance, *, small: bool | None = None) -> MesRun:
    """MES raising every voter's share by 1 until nothing more fits (pabutools' add1),
    `method_of_equal_shares(..., voter_budget_increment=1)`, with its payments (exact run)."""
    prep, share, _picks = _selection(instance, small, cities=False)
    return run(prep, share)


def add1_cities(instance: ApprovalInstance, *, small: bool | None = None) -> MesRun:
    """The cities' Equal Shares (META "equalshares/add1"), with its payments (exact run)."""
    prep, share, _picks = _selection(instance, small, cities=True)
    return run(prep, share)


def add1_selection(instance: ApprovalInstance, cities: bool) -> tuple[Fraction, list[str]]:
    """The share and the picks of `add1_cities` (cities) or `add1_pabutools`, without the
    exact run that computes payments: what `select` needs."""
    _prep, share, picks = _selection(instance, None, cities=cities)
    return share, picks


def _selection(
    instance: ApprovalInstance, small: bool | None, *, cities: bool
) -> tuple[Prepared, Fraction, list[str]]:
    """The index used, the share kept and its picks (compiled loop first, when it applies)."""
    prep, check = _prepared(instance, small)
    verdict = _cities_verdict(prep) if cities else _pabutools_verdict(prep)
    found = _scan_compiled(prep, verdict, cities=cities) if small is None else None
    return prep, *(found or _scan(prep, verdict, check))


def add1_pabutools_stepwise(instance: ApprovalInstance) -> MesRun:
    """`add1_pabutools` one exact run per step, no certified ranges: the tests' reference."""
    prep = Prepared(instance)
    t = Fraction(instance.budget, instance.num_voters)
    previous = run(prep, t)
    while not _exhaustive(prep, set(previous.rounds), previous.total_cost):
        t += 1
        outcome = run(prep, t)
        if outcome.total_cost > instance.budget:
            break
        previous = outcome
    return previous


def add1_cities_stepwise(instance: ApprovalInstance) -> MesRun:
    """`add1_cities` one exact run per step, no certified ranges: the tests' reference."""
    prep = Prepared(instance)
    t = Fraction(instance.budget, instance.num_voters)
    previous = run(prep, t)
    while len(previous.rounds) < len(prep.pids):
        t += 1
        outcome = run(prep, t)
        if outcome.total_cost > instance.budget:
            break
        previous = outcome
    return previous
