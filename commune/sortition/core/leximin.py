"""LEXIMIN over profiles: the fairest lottery over quota-satisfying panels (HiGHS via highspy).

Flanigan, Gölz, Gupta, Hennig and Procaccia, "Fair algorithms for selecting citizens'
assemblies", Nature 596 (2021). The lottery maximises the lowest selection probability
of any pool member, then the next lowest, and so on.

Pool members who share every category value (a *profile*) are interchangeable: the
quotas cannot tell them apart, so the leximin probabilities give them the same value.
Everything here therefore works on profiles with counts: a panel is a vector `m` with
`m[t]` members of profile `t` (0 ≤ m[t] ≤ count[t]) and a member of profile `t` is
selected with probability E[m[t]] / count[t]. A pool of 2,000 people with two binary
categories has 4 profiles instead of 2,000 people.

Column generation (as in the paper): a master LP over the panels found so far chooses
their probabilities to maximise the lowest probability `z` of the profiles not yet
fixed, keeping fixed profiles at their value; a pricing MIP finds the panel that most
improves the master's dual, until none does. Every profile whose dual value is
positive is then fixed at `z` (complementary slackness: its constraint is tight in
every optimal lottery), and the next round maximises the next lowest probability.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

# A panel must improve the master's dual by more than this to enter; and a profile's
# dual value must exceed DUAL_EPSILON for it to be fixed (the duals of unfixed profiles
# add up to 1, so at least one profile in a few thousand passes it every round).
PRICING_EPSILON = 1e-10
DUAL_EPSILON = 1e-7
# Relative MIP gap while searching for improving panels (the last search is exact).
QUICK_GAP = 0.01
# Progress is reported every this many new panels during a round.
REPORT_EVERY = 200
# The solver's tolerances, fixed so that a re-run takes the same path.
SOLVER_OPTIONS: dict[str, Any] = {
    "output_flag": False,
    "threads": 1,
    "random_seed": 0,
    "primal_feasibility_tolerance": 1e-9,
    "dual_feasibility_tolerance": 1e-9,
    "mip_rel_gap": 0.0,
    "mip_abs_gap": 1e-12,
    "mip_feasibility_tolerance": 1e-9,
    # The problems over profiles are small: presolve costs more than it saves.
    "presolve": "off",
}

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Bound:
    """A quota over profiles: between `min` and `max` panel members from `profiles`."""

    min: int
    max: int
    profiles: tuple[int, ...]


@dataclass(frozen=True)
class ProfileLottery:
    """The leximin lottery: panels (members per profile) and their probabilities."""

    panels: tuple[tuple[int, ...], ...]
    shares: tuple[float, ...]
    fixed: tuple[float, ...]  # the leximin probability of each profile


_banner_silenced = False


def new_highs() -> Any:
    """A HiGHS instance with the fixed options; the first one's banner kept off stdout."""
    global _banner_silenced
    import highspy

    if _banner_silenced:
        highs = highspy.Highs()
    else:
        # HiGHS prints its banner on stdout when the first instance is made: it would
        # corrupt the JSON output of the command line.
        sys.stdout.flush()
        saved = os.dup(1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 1)
            highs = highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
            os.close(devnull)
        _banner_silenced = True
    for option, value in SOLVER_OPTIONS.items():
        highs.setOptionValue(option, value)
    return highs


class PanelFinder:
    """The pricing MIP: the quota-satisfying panel of largest weight Σ w[t]·m[t]."""

    def __init__(self, counts: Sequence[int], bounds: Sequence[Bound], panel_size: int) -> None:
        import highspy

        self._highspy = highspy
        self.counts = tuple(counts)
        self.highs = new_highs()
        highs = self.highs
        for count in counts:
            highs.addCol(0.0, 0.0, float(count), 0, [], [])
        size = len(counts)
        highs.changeColsIntegrality(size, list(range(size)), [highspy.HighsVarType.kInteger] * size)
        highs.addRow(float(panel_size), float(panel_size), size, list(range(size)), [1.0] * size)
        for bound in bounds:
            if bound.profiles:
                highs.addRow(
                    float(bound.min),
                    float(bound.max),
                    len(bound.profiles),
                    list(bound.profiles),
                    [1.0] * len(bound.profiles),
                )
        highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
        # Keep the improving solutions met on the way to the optimum: good panels too.
        highs.setOptionValue("mip_improving_solution_save", True)

    def best(self, weights: Sequence[float]) -> tuple[tuple[int, ...], float] | None:
        """The best panel and its weight, or None when no panel meets the quotas."""
        found = self.good(weights)
        return found[0] if found else None

    def good(
        self, weights: Sequence[float], *, exact: bool = True
    ) -> list[tuple[tuple[int, ...], float]]:
        """The best panel first, then the other improving panels the MIP found; [] if none.

        With `exact=False` the MIP stops within QUICK_GAP of the optimum: enough to find
        improving panels, not to prove that none is left.
        """
        self.highs.setOptionValue("mip_rel_gap", 0.0 if exact else QUICK_GAP)
        size = len(self.counts)
        self.highs.changeColsCost(size, list(range(size)), [float(w) for w in weights])
        self.highs.run()
        status = self.highs.getModelStatus()
        if status != self._highspy.HighsModelStatus.kOptimal:
            return []
        found = [self._weigh(self.highs.getSolution().col_value, weights)]
        for saved in self.highs.getSavedMipSolutions():
            candidate = self._weigh(saved.col_value, weights)
            if candidate[0] != found[0][0]:
                found.append(candidate)
        return found

    @staticmethod
    def _weigh(values: Sequence[float], weights: Sequence[float]) -> tuple[tuple[int, ...], float]:
        panel = tuple(round(value) for value in values)
        return panel, sum(w * m for w, m in zip(weights, panel, strict=True))


def leximin(
    counts: Sequence[int],
    bounds: Sequence[Bound],
    panel_size: int,
    *,
    progress: Progress | None = None,
) -> ProfileLottery | None:
    """The leximin lottery over panels of `panel_size`, or None when no panel exists."""
    import highspy

    say = progress or (lambda message: None)
    size = len(counts)
    finder = PanelFinder(counts, bounds, panel_size)
    first = finder.best([1.0 / count for count in counts])
    if first is None:
        return None

    # The master LP, as a minimisation of -z. Column 0 is z; column 1 + j is panel j.
    # Rows 0…size-1: Σ_j share_j · m_j[t]/count[t] - z ≥ 0 (or ≥ fixed[t] once fixed);
    # row `size`: Σ_j share_j = 1.
    master = new_highs()
    # New panels are new columns: the last basis stays primal feasible, so the primal
    # simplex picks up where it stopped (the dual simplex would start over, slowly).
    master.setOptionValue("simplex_strategy", 4)
    for _ in range(size):
        master.addRow(0.0, highspy.kHighsInf, 0, [], [])
    master.addRow(1.0, 1.0, 0, [], [])
    master.addCol(-1.0, 0.0, 1.0, size, list(range(size)), [-1.0] * size)

    panels: list[tuple[int, ...]] = []
    known: set[tuple[int, ...]] = set()

    def add_panel(panel: tuple[int, ...]) -> None:
        rows = [t for t in range(size) if panel[t]]
        values = [panel[t] / counts[t] for t in rows]
        master.addCol(0.0, 0.0, highspy.kHighsInf, len(rows) + 1, [*rows, size], [*values, 1.0])
        panels.append(panel)
        known.add(panel)

    add_panel(first[0])
    fixed: list[float | None] = [None] * size
    relaxations = 0
    next_report = REPORT_EVERY
    shares: list[float] = []
    while any(value is None for value in fixed):
        while True:
            master.run()
            if master.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                # Rounding can leave the fixed values a hair out of reach: lower them
                # by 1e-9, as the paper's code does (by 1e-4 there), and solve again.
                relaxations += 1
                if relaxations > 100:
                    raise RuntimeError("the leximin master LP stays infeasible")
                for t, value in enumerate(fixed):
                    if value is not None:
                        fixed[t] = max(0.0, value - 1e-9)
                        master.changeRowBounds(t, fixed[t], highspy.kHighsInf)
                continue
            solution = master.getSolution()
            duals = [abs(d) for d in solution.row_dual[:size]]
            # ŷ: the largest weight a panel may have without improving the master.
            cap = abs(solution.row_dual[size])
            weights = [duals[t] / counts[t] for t in range(size)]
            added = _improving(finder.good(weights, exact=False), cap, known)
            if not added:  # proof that no panel improves the master, or one more panel
                added = _improving(finder.good(weights), cap, known)
            if not added:
                break
            for panel in added:
                add_panel(panel)
            if len(panels) >= next_report:
                next_report += REPORT_EVERY
                say(f"leximin: {len(panels)} panels, lowest so far {solution.col_value[0]:.6f}")
        z = solution.col_value[0]
        shares = list(solution.col_value[1:])
        newly = [t for t in range(size) if fixed[t] is None and duals[t] > DUAL_EPSILON]
        if not newly:  # cannot happen: the duals of unfixed profiles add up to 1
            newly = [max((t for t in range(size) if fixed[t] is None), key=duals.__getitem__)]
        for t in newly:
            fixed[t] = z
            master.changeCoeff(t, 0, 0.0)
            master.changeRowBounds(t, z, highspy.kHighsInf)
        done = sum(value is not None for value in fixed)
        say(f"leximin: {done}/{size} profiles fixed, lowest {z:.6f}, {len(panels)} panels")
    return ProfileLottery(
        panels=tuple(panels),
        shares=tuple(shares),
        fixed=tuple(value if value is not None else 0.0 for value in fixed),
    )


def _improving(
    found: list[tuple[tuple[int, ...], float]], cap: float, known: set[tuple[int, ...]]
) -> list[tuple[int, ...]]:
    added = [panel for panel, weight in found if weight > cap + PRICING_EPSILON]
    return [panel for panel in dict.fromkeys(added) if panel not in known]


def feasible(counts: Sequence[int], bounds: Sequence[Bound], panel_size: int) -> bool:
    """Whether some panel of `panel_size` meets every bound."""
    return PanelFinder(counts, bounds, panel_size).best([0.0] * len(counts)) is not None
