"""`select(instance, rule)`: the funded projects alone, by the fastest proven path.

`tally` explains every project (payments, rounds, money left), which needs exact runs in
rationals. When only the selection matters (the command line, a recount, the benchmark
against pabutools, which returns the selection alone), `select` gets it from the compiled
float runs (`kernels`), each of which either proves its outcome or hands over to the exact
run. `select(i, r).selected == tally(i, r).selected` for every instance and rule (tests).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from . import add1, fastmes
from . import greedy as greedy_rules
from .instance import ApprovalInstance
from .pabulib import Money, normalise
from .phragmen import run_phragmen
from .tally import RULES, tally


@dataclass(frozen=True)
class Selection:
    """The projects a rule funds, in the order picked, their total cost and (MES rules) the
    voter share of the run kept."""

    rule: str
    selected: tuple[str, ...]
    total_cost: Money
    voter_budget: Money | None = None


def select(instance: ApprovalInstance, rule: str) -> Selection:
    """What `tally(instance, rule)` funds, without the explanations."""
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}; choose one of {', '.join(RULES)}")
    share: Money | None = None
    if instance.num_voters == 0 and not rule.startswith("greedy") and rule != "phragmen":
        outcome = tally(instance, rule)
        return Selection(rule, outcome.selected, outcome.total_cost, outcome.voter_budget)
    if rule.startswith("greedy"):
        picks = greedy_rules.greedy_picks(
            instance,
            skip=rule != "greedy-no-skip",
            threshold=(instance.min_score_threshold or 0) if rule == "greedy-threshold" else None,
        )
    elif rule == "phragmen":
        picks = run_phragmen(instance).picks
    elif rule == "mes":
        prep = fastmes.prepare(instance)
        share = Fraction(instance.budget, instance.num_voters)
        found = fastmes.certify_fast(prep, share, share)
        picks = [*prep.free, *(found if found is not None else fastmes.run(prep, share).rounds)]
    else:
        share, picks = add1.add1_selection(instance, cities=rule == "equal-shares")
        picks = [*fastmes.prepare(instance).free, *picks]
        if rule == "mes-add1-greedy":
            picks.extend(greedy_rules.greedy_picks(instance, already=picks))
    total = normalise(sum(instance.costs[pid] for pid in picks))
    return Selection(rule, tuple(picks), total, None if share is None else normalise(share))
