"""`tally(instance, rule)`: the one entry point that runs a rule and explains its outcome."""

from __future__ import annotations

from fractions import Fraction

from . import add1, fastmes
from . import greedy as greedy_rules
from . import mes as mes_rules
from .instance import ApprovalInstance
from .outcome import Outcome, ProjectResult, Reason
from .pabulib import normalise
from .phragmen import run_phragmen

RULES: tuple[str, ...] = (
    "greedy",
    "greedy-no-skip",
    "greedy-threshold",
    "mes",
    "mes-add1",
    "mes-add1-greedy",
    "equal-shares",
    "phragmen",
)

# The Pabulib META `rule` values whose official outcome each of our rules reproduces.
CITY_RULES: dict[str, str] = {
    "greedy": "greedy",
    "greedy-no-skip": "greedy-no-skip",
    "greedy-threshold": "greedy-threshold",
    "equalshares/add1": "equal-shares",
}


def tally(instance: ApprovalInstance, rule: str) -> Outcome:
    """Run `rule` (one of `RULES`) on `instance`; see the package docstring."""
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}; choose one of {', '.join(RULES)}")
    if rule.startswith("greedy"):
        picks, results = greedy_rules.greedy_pass(
            instance,
            skip=rule != "greedy-no-skip",
            threshold=(instance.min_score_threshold or 0) if rule == "greedy-threshold" else None,
        )
        return _outcome(instance, rule, picks, results)
    if rule == "phragmen":
        return _phragmen(instance)
    return _mes(instance, rule)


def _outcome(
    instance: ApprovalInstance,
    rule: str,
    picks: list[str],
    results: dict[str, ProjectResult],
    voter_budget: object = None,
) -> Outcome:
    positions = {pid: number for number, pid in enumerate(picks, start=1)}
    ordered = {}
    for pid in instance.costs:
        result = results[pid]
        if pid in positions:
            result = _replace(result, position=positions[pid])
        ordered[pid] = result
    return Outcome(
        rule=rule,
        selected=tuple(picks),
        total_cost=normalise(sum(instance.costs[pid] for pid in picks)),
        budget=instance.budget,
        projects=ordered,
        voter_budget=voter_budget,  # type: ignore[arg-type]
    )


def _replace(result: ProjectResult, **changes: object) -> ProjectResult:
    """`dataclasses.replace`, without its per-call field introspection (a tenth of the time
    of a whole greedy tally on a small file went there)."""
    fields = dict(result.__dict__)
    fields.update(changes)
    return ProjectResult(**fields)  # type: ignore[arg-type]


def _mes(instance: ApprovalInstance, rule: str) -> Outcome:
    if instance.num_voters == 0:
        run = mes_rules.MesRun(voter_budget=0)
    elif rule == "mes":
        prepared = fastmes.prepare(instance)
        run = fastmes.run(prepared, Fraction(instance.budget, instance.num_voters))
    elif rule in ("mes-add1", "mes-add1-greedy"):
        run = add1.add1_pabutools(instance)
    else:
        run = add1.add1_cities(instance)
    results: dict[str, ProjectResult] = {}
    costs, approvals = instance.costs, instance.approvals
    for pid in run.picks:
        if pid in run.rounds:
            results[pid] = ProjectResult(
                pid,
                costs[pid],
                approvals[pid],
                True,
                Reason.FUNDED,
                stage="mes",
                round=run.rounds[pid],
                max_payment=run.max_payment[pid],
            )
    for pid in costs:
        if pid in results:
            continue
        if approvals[pid] == 0:
            results[pid] = ProjectResult(pid, costs[pid], 0, False, Reason.NO_SUPPORT, stage="mes")
        elif pid not in run.leftover:
            results[pid] = ProjectResult(
                pid, costs[pid], approvals[pid], False, Reason.ZERO_COST, stage="mes"
            )
        else:
            results[pid] = ProjectResult(
                pid,
                costs[pid],
                approvals[pid],
                False,
                Reason.SUPPORTERS_SHORT,
                stage="mes",
                supporters_money=run.leftover[pid],
            )
    picks = list(run.picks)
    if rule == "mes-add1-greedy":
        more, completion = greedy_rules.greedy_pass(instance, already=picks, stage="completion")
        picks.extend(more)
        for pid, result in completion.items():
            if result.selected:
                results[pid] = result
            elif results[pid].reason == Reason.SUPPORTERS_SHORT:
                # Keep the MES reason, and say what was left when the completion reached it.
                results[pid] = _replace(results[pid], remaining_budget=result.remaining_budget)
            else:
                results[pid] = _replace(
                    result, reason=Reason.OVER_BUDGET, supporters_money=None, stage="completion"
                )
    return _outcome(instance, rule, picks, results, voter_budget=run.voter_budget)


def _phragmen(instance: ApprovalInstance) -> Outcome:
    run = run_phragmen(instance)
    results: dict[str, ProjectResult] = {}
    costs, approvals = instance.costs, instance.approvals
    spent = 0
    for pid in run.picks:
        results[pid] = ProjectResult(
            pid,
            costs[pid],
            approvals[pid],
            True,
            Reason.FUNDED,
            stage="phragmen",
            remaining_budget=instance.budget - spent,
        )
        spent += costs[pid]
    for pid in costs:
        if pid in results:
            continue
        if costs[pid] > instance.budget:
            results[pid] = ProjectResult(
                pid,
                costs[pid],
                approvals[pid],
                False,
                Reason.OVER_BUDGET,
                stage="phragmen",
                remaining_budget=instance.budget,
            )
        else:
            results[pid] = ProjectResult(
                pid,
                costs[pid],
                approvals[pid],
                False,
                Reason.PHRAGMEN_STOPPED if approvals[pid] else Reason.NO_SUPPORT,
                stage="phragmen",
                remaining_budget=run.remaining_at_stop,
                stopped_at=run.stopped_at,
            )
    return _outcome(instance, "phragmen", run.picks, results)
