"""Compiled (numba) loops of the float runs that decide outcomes: MES's interval run, Phragmén.

These are `smallmes.certify` and the float half of `phragmen`, step for step, over plain
arrays so that numba compiles them to machine code (docs/decisions/0016). They only ever
*prove* an outcome or answer "undecided": every float is widened outward as in the Python
versions, and an undecided answer sends the caller to the exact run in rationals. Without
numba (`AVAILABLE` False) the callers use the Python versions, which decide the same.

Compiled code is cached beside this file (`cache=True`): the first call in a new install
compiles for a few seconds, later processes load it in milliseconds.
"""

from __future__ import annotations

import heapq
import importlib.util
import math

import numpy as np

# numba is imported on first use (`load`), not with the rules: it costs about 0.2 s, which
# every web process and management command would otherwise pay at start-up.
AVAILABLE = importlib.util.find_spec("numba") is not None
_COMPILED = ("_cap", "_evaluate", "certify_mes", "scan_add1", "phragmen")
_loaded = False


def load() -> None:
    """Compile (or load from the cache) the loops below with numba, once per process.

    Until then they are plain Python functions; callers check `AVAILABLE` and call this
    first. Each loop calls the others through this module's globals, which numba resolves
    when it compiles, so all of them are wrapped before any runs.
    """
    global _loaded
    if _loaded:
        return
    from numba import njit

    for name in _COMPILED:
        globals()[name] = njit(cache=True)(globals()[name])
    _loaded = True


WIDEN = 1e-9  # fastmes.WIDEN
ULP = 2.0**-52
UNDECIDED = -1


def csr(lists: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Lists of indices (each project's supporting groups) as the kernels read them: the
    offsets of each list and all their items, one after the other."""
    pointers = np.zeros(len(lists) + 1, dtype=np.int64)
    np.cumsum([len(items) for items in lists], out=pointers[1:])
    items = np.fromiter(
        (i for each in lists for i in each), dtype=np.int64, count=int(pointers[-1])
    )
    return pointers, items


def text_ranks(ids: list[str]) -> np.ndarray:
    """Each id's position among the ids sorted as text: ties go to the smaller rank."""
    ranks = np.empty(len(ids), dtype=np.int64)
    ranks[sorted(range(len(ids)), key=ids.__getitem__)] = np.arange(len(ids))
    return ranks


def _cap(cost, amounts, weights, order, rest_w):  # pragma: no cover - compiled
    """Smallest x with sum(w * min(amount, x)) >= cost, `order` sorting the amounts."""
    rest = cost
    for i in order:
        amount, w = amounts[i], weights[i]
        if rest <= amount * rest_w:
            return rest / rest_w
        if rest_w == w:
            break
        rest -= amount * w
        rest_w -= w
    return rest / rest_w


def certify_mes(
    sup_ptr, sup_groups, group_w, costs, rank, approvals, lo_t, hi_t, picks
):  # pragma: no cover - compiled
    """`smallmes.certify` compiled: the number of projects bought at every share whose money
    lies in [lo_t, hi_t] (already widened), their indices written into `picks`, or UNDECIDED.

    Projects are the columns of a CSR matrix (`sup_ptr`, `sup_groups`: each project's
    supporting groups); `rank[p]` orders the ids as text (ties), `approvals[p]` > 0.
    """
    num_projects = costs.shape[0]
    num_groups = group_w.shape[0]
    capacity = sup_groups.shape[0] + 2  # each purchase adds at most one class per supporter
    lo = np.empty(capacity)
    hi = np.empty(capacity)
    lo[0] = hi[0] = 0.0
    lo[1], hi[1] = lo_t, hi_t
    count = 2
    cls = np.ones(num_groups, dtype=np.int64)
    acc = np.zeros(capacity)  # per-class weight of one project's supporters (scratch)
    touched = np.empty(num_groups, dtype=np.int64)
    values = np.empty(num_groups)
    weights = np.empty(num_groups)
    mapping = np.zeros(capacity, dtype=np.int64)
    ev_lo = np.empty(num_projects)
    ev_hi = np.empty(num_projects)
    ev_w = np.zeros(num_projects)
    fresh = np.zeros(num_projects, dtype=np.int64)  # the round a project was evaluated in
    # Everything `_evaluate` reads or fills, in one argument.
    state = (
        (sup_ptr, sup_groups, group_w, costs, cls, lo, hi, acc, touched, values, weights),
        (ev_lo, ev_hi, ev_w),
    )
    heap = [(1.0 / approvals[p] * (1 - WIDEN), rank[p], p) for p in range(num_projects)]
    heapq.heapify(heap)
    bought = 0
    round_number = 0

    while len(heap) > 0:
        round_number += 1
        while len(heap) > 0 and fresh[heap[0][2]] != round_number:
            p = heapq.heappop(heap)[2]
            if _evaluate(p, state):
                fresh[p] = round_number
                heapq.heappush(heap, (ev_lo[p], rank[p], p))
        if len(heap) == 0:
            break
        best = heapq.heappop(heap)[2]
        threshold, best_w = ev_hi[best], ev_w[best]
        if threshold == math.inf:
            return UNDECIDED  # the best project may not be affordable at some share
        checked = [(0.0, 0, 0)]
        checked.clear()
        while len(heap) > 0 and heap[0][0] <= threshold:
            q = heapq.heappop(heap)[2]
            if fresh[q] != round_number:
                if not _evaluate(q, state):
                    continue
                fresh[q] = round_number
            checked.append((ev_lo[q], rank[q], q))
            if best_w > 0 and ev_w[q] > 0:  # both exactly 1 / W: the larger W wins, then id
                if ev_w[q] > best_w or (ev_w[q] == best_w and rank[q] < rank[best]):
                    return UNDECIDED
            elif ev_lo[q] < threshold or (ev_lo[q] == threshold and rank[q] < rank[best]):
                return UNDECIDED
        for entry in checked:
            heapq.heappush(heap, entry)
        picks[bought] = best
        bought += 1
        cost = costs[best]
        x_lo = ev_lo[best] * cost * (1 - WIDEN)
        x_hi = threshold * cost * (1 + WIDEN)
        # Classes left with nothing merge into class 0; every other class gets a new one.
        start, end = sup_ptr[best], sup_ptr[best + 1]
        k = 0
        for i in range(start, end):
            c = cls[sup_groups[i]]
            if c == 0 or mapping[c] != 0:
                continue
            touched[k] = c
            k += 1
            new_hi = min(hi[c], (hi[c] - x_lo) * (1 + WIDEN)) if hi[c] > x_lo else 0.0
            if new_hi > 0:
                lo[count] = (lo[c] - x_hi) * (1 - WIDEN) if lo[c] > x_hi else 0.0
                hi[count] = new_hi
                mapping[c] = count
                count += 1
            else:
                mapping[c] = -1
        for i in range(start, end):
            g = sup_groups[i]
            c = cls[g]
            if c > 0:
                target = mapping[c]
                cls[g] = 0 if target < 0 else target
        for j in range(k):  # groups of these classes that did not pay keep them
            mapping[touched[j]] = 0
    return bought


NEED_EXACT = -2


def scan_add1(
    arrays, costs_i, t0, budget, cities, j, span, singles, previous, n_previous, picks
):  # pragma: no cover - compiled
    """`add1._scan` compiled, from step j: MES at the shares t0 + j, t0 + j + 1, ... judged by
    ranges `certify_mes` proves, until the verdict (pabutools' add1, or the cities' one when
    `cities`) keeps a step. Returns (kept step, number of its picks, j, singles, n_previous):
    the picks are in `picks`. NEED_EXACT as the kept step: even one share at step j is
    undecided in floats; the caller runs MES exactly there and comes back from j + 1.

    `costs_i` are the candidates' exact integer costs and `budget` the exact budget (the
    verdicts compare sums of them); `previous[:n_previous]` are the picks of step j - 1.
    """
    sup_ptr, sup_groups, group_w, costs, rank, approvals = arrays
    num_projects = costs.shape[0]
    selected = np.zeros(num_projects, dtype=np.bool_)
    while True:
        lo = (t0 + j) * (1 - WIDEN)  # t0 is within 2^-53 of the exact share, j exact
        hi = (t0 + j + span) * (1 + WIDEN)
        bought = certify_mes(sup_ptr, sup_groups, group_w, costs, rank, approvals, lo, hi, picks)
        if bought >= 0:
            last = j + span
            # After a failed range, look at single shares for a while before trying again.
            singles = singles + 1 if span == 0 else 0
            span = span * 2 if span else (1 if singles >= 4 else 0)
        elif span > 0:
            span //= 2
            singles = 0
            continue
        else:
            return NEED_EXACT, 0, j, singles, n_previous
        total = 0
        for i in range(bought):
            total += costs_i[picks[i]]
        keep = -1
        if j > 0 and total > budget:
            keep = j - 1
        elif cities:
            if bought == num_projects:  # MES buys every project: a larger share changes nothing
                keep = j
        else:  # pabutools: nothing it could buy still fits in what is left
            for i in range(bought):
                selected[picks[i]] = True
            keep = j
            for p in range(num_projects):
                if not selected[p] and costs_i[p] <= budget - total:
                    keep = -1
                    break
            for i in range(bought):
                selected[picks[i]] = False
        if keep == j:
            return keep, bought, j, singles, n_previous
        if keep >= 0:
            picks[:n_previous] = previous[:n_previous]
            return keep, n_previous, j, singles, n_previous
        previous[:bought] = picks[:bought]
        n_previous = bought
        j = last + 1


def _evaluate(p, state):  # pragma: no cover - compiled
    """`smallmes.certify`'s evaluate: fills ev_lo/ev_hi/ev_w[p]; False if p surely cannot pay."""
    sup_ptr, sup_groups, group_w, costs, cls, lo, hi, acc, touched, values, weights = state[0]
    ev_lo, ev_hi, ev_w = state[1]
    k = 0
    for i in range(sup_ptr[p], sup_ptr[p + 1]):
        g = sup_groups[i]
        c = cls[g]
        if c == 0:
            continue
        if acc[c] == 0.0:
            touched[k] = c
            k += 1
        acc[c] += group_w[g]
    if k == 0:
        return False
    cost = costs[p]
    total_w, min_lo, sum_lo, sum_hi = 0.0, math.inf, 0.0, 0.0
    for j in range(k):
        c = touched[j]
        w = acc[c]
        weights[j] = w
        total_w += w
        sum_lo += lo[c] * w
        sum_hi += hi[c] * w
        if lo[c] < min_lo:
            min_lo = lo[c]
    for j in range(k):
        acc[touched[j]] = 0.0
    if min_lo >= cost / total_w * (1 + WIDEN):
        rho = 1.0 / total_w  # they all surely pay cost / W: the rate is exactly 1 / W
        ev_lo[p], ev_hi[p], ev_w[p] = rho * (1 - WIDEN), rho * (1 + WIDEN), total_w
        return True
    if sum_hi * (1 + WIDEN) < cost:
        return False
    slack = max(WIDEN, (k + 2) * total_w * ULP)  # smallmes.cap_slack
    for j in range(k):
        values[j] = hi[touched[j]]
    order = np.argsort(values[:k], kind="mergesort")
    ev_lo[p] = _cap(cost, values, weights, order, total_w) / cost * (1 - slack)
    ev_w[p] = 0.0
    if sum_lo * (1 - WIDEN) >= cost:
        for j in range(k):
            values[j] = lo[touched[j]]
        order = np.argsort(values[:k], kind="mergesort")
        ev_hi[p] = _cap(cost, values, weights, order, total_w) / cost * (1 + slack)
    else:
        ev_hi[p] = math.inf
    return True


def phragmen(
    sup_ptr, sup_groups, group_w, costs_f, costs_i, approvals, rank, budget, picks
):  # pragma: no cover - compiled
    """The float half of `phragmen.run_phragmen`, compiled: (bought, stopped_at, spent).

    `bought` projects are written into `picks` in order; `stopped_at` is the project whose
    turn came when it no longer fit (-1 if every approved project was bought), `spent` the
    exact integer cost of the picks. UNDECIDED when two projects' new loads are too close to
    tell apart in floats (the caller then runs in rationals).

    Every load is a float within a relative `err` of the exact load (a new load is a sum of
    n + 1 positive terms over its approvals: relative error below (n + 3) 2^-53 on top of its
    terms' `err`; `tol` doubles that). A round is decided when the smallest upper bound
    belongs to a project whose lower bound is below every other project's lower bound, or
    when the loads involved are exact: supporters all at load 0 give cost / approvals, which
    integers compare exactly.
    """
    num_projects = costs_f.shape[0]
    load = np.zeros(group_w.shape[0])
    err = 0.0
    active = approvals > 0
    value = np.empty(num_projects)
    tol = np.empty(num_projects)
    exact = np.zeros(num_projects, dtype=np.bool_)  # supporters all at 0: value = c / A
    bought = 0
    spent = 0
    while True:
        best = -1
        best_hi = math.inf
        for p in range(num_projects):
            if not active[p]:
                continue
            total = costs_f[p]
            zero = True
            for i in range(sup_ptr[p], sup_ptr[p + 1]):
                g = sup_groups[i]
                if load[g] > 0.0:
                    zero = False
                    total += group_w[g] * load[g]
            value[p] = total / approvals[p]
            exact[p] = zero
            # Zero loads: c / A exactly, then rounded once.
            tol[p] = ULP if zero else err + (sup_ptr[p + 1] - sup_ptr[p] + 4) * ULP
            upper = value[p] * (1 + tol[p])
            if upper < best_hi or (upper == best_hi and rank[p] < rank[best]):
                best, best_hi = p, upper
        if best < 0:
            return bought, -1, spent
        # Decided when every other project's lower bound is above the best's upper bound;
        # exact loads (c / A) compare in integers, and an exact tie joins the best.
        stop = best if spent + costs_i[best] > budget else -1
        for q in range(num_projects):
            if not active[q] or q == best:
                continue
            if exact[q] and exact[best]:
                left = costs_i[q] * int(approvals[best])
                right = costs_i[best] * int(approvals[q])
                if left < right or (left == right and rank[q] < rank[best]):
                    return UNDECIDED, -1, spent  # float rounding merged two exact loads
                # pabutools stops when any project tied at the best does not fit.
                tied_over = left == right and spent + costs_i[q] > budget
                if tied_over and (stop < 0 or rank[q] < rank[stop]):
                    stop = q
            elif value[q] * (1 - tol[q]) <= best_hi:
                return UNDECIDED, -1, spent
        if stop >= 0:
            return bought, stop, spent
        spent += costs_i[best]
        picks[bought] = best
        bought += 1
        active[best] = False
        new_load = value[best]
        err = max(err, tol[best])
        for i in range(sup_ptr[best], sup_ptr[best + 1]):
            load[sup_groups[i]] = new_load


def warm_up() -> None:
    """Load (or compile, on a new install) every kernel, so that a timing or a request does
    not pay for it: each on a one-voter, one-project instance."""
    if not AVAILABLE:
        return
    load()
    ptr = np.array([0, 1], dtype=np.int64)
    groups = np.zeros(1, dtype=np.int64)
    ones = np.ones(1)
    rank = np.zeros(1, dtype=np.int64)
    picks = np.empty(1, dtype=np.int64)
    certify_mes(ptr, groups, ones, ones, rank, ones, 1.0, 1.0, picks)
    arrays = (ptr, groups, ones, ones, rank, ones)
    whole = np.ones(1, dtype=np.int64)
    for cities in (False, True):
        scan_add1(arrays, whole, 1.0, 1, cities, 0, 1, 0, np.empty(1, np.int64), 0, picks)
    phragmen(ptr, groups, ones, ones, np.ones(1, dtype=np.int64), ones, rank, 1, picks)
