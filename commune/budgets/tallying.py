"""The bridge between the ballot box and the vote-rule core (commune.budgets.rules).

Approval and k-approval ballots are counted by the core, exactly as `commune pb tally`
counts the published `.pb` file, and the core says why each project is in or out.
Cumulative points are counted here, by the greedy rules only (projects by points received,
ties broken like the core: the id that sorts first as text wins), because the core's rules
are for approval ballots.

Each project's explanation is a small dict of JSON data: a reason code (worded in
wording.py, in the reader's language) and the figures its sentence needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from commune.budgets.rules import Outcome, ProjectResult


@dataclass(frozen=True)
class Tally:
    selected: tuple[str, ...]  # project ids, in the order picked
    total_cost: int
    explanations: dict[str, dict[str, Any]] = field(default_factory=dict)


def _amount(value: Any) -> int | float | None:
    """Exact money as JSON: an int, or a float rounded to the cent when it has decimals."""
    if value is None:
        return None
    if isinstance(value, Fraction) and value.denominator != 1:
        return round(float(value), 2)
    return int(value)


def approval_tally(
    *,
    amount: int,
    costs: dict[str, int],
    approvals: Sequence[Sequence[str]],
    rule: str,
    min_votes: int = 0,
) -> Tally:
    """Count approval ballots (lists of project ids) with one of the core's rules."""
    from commune.budgets.rules import ApprovalInstance, tally

    instance = ApprovalInstance(
        amount,
        costs,
        [list(ballot) for ballot in approvals],
        min_score_threshold=min_votes if rule == "greedy-threshold" else None,
    )
    outcome = tally(instance, rule)
    return Tally(
        selected=tuple(outcome.selected),
        total_cost=int(outcome.total_cost),
        explanations={pid: _explain(result, outcome) for pid, result in outcome.projects.items()},
    )


def _explain(result: ProjectResult, outcome: Outcome) -> dict[str, Any]:
    remaining = _amount(result.remaining_budget)
    if remaining is None:
        remaining = _amount(outcome.remaining)
    data: dict[str, Any] = {"remaining": remaining}
    # Compared by value, so that a reason the core adds later falls back to a plain one.
    reason, stage = str(result.reason), result.stage
    if reason == "funded":
        code = {
            "greedy": "funded_greedy",
            "completion": "funded_completion",
            "phragmen": "funded_phragmen",
        }.get(stage or "", "funded_shares")
    elif reason == "funded-free":
        code = "funded_free"
    elif reason == "over-budget":
        code = "no_room_at_turn" if stage == "greedy" else "no_room"
    elif reason == "not-reached":
        code = "stopped"
        data["stopper"] = result.stopped_at
    elif reason == "below-threshold":
        code = "under_threshold"
        data["threshold"] = result.threshold
    elif reason == "supporters-short":
        code = "shares_short"
        data["supporters_money"] = _amount(result.supporters_money)
    elif reason == "phragmen-stopped":
        code = "phragmen_stopped"
        data["stopper"] = result.stopped_at
    elif reason == "zero-cost":
        code = "zero_cost"
    elif result.selected:
        code = "funded_shares"
    else:
        code = "no_votes"
    return {"reason": code} | data


def ranking(scores: dict[str, int]) -> list[str]:
    """Projects by score, highest first; ties go to the id that sorts first as text."""
    return sorted(scores, key=lambda pid: (-scores[pid], pid))


def points_tally(
    *,
    amount: int,
    costs: dict[str, int],
    points: dict[str, int],
    rule: str,
    min_votes: int = 0,
) -> Tally:
    """Greedy by points received: skip what does not fit, stop there, or apply a minimum."""
    left = amount
    selected: list[str] = []
    explanations: dict[str, dict[str, Any]] = {}
    stopper: str | None = None
    for pid in ranking({pid: points.get(pid, 0) for pid in costs}):
        score = points.get(pid, 0)
        if score <= 0:
            explanations[pid] = {"reason": "no_votes", "remaining": left}
        elif rule == "greedy-threshold" and score < min_votes:
            explanations[pid] = {"reason": "under_threshold", "threshold": min_votes}
        elif stopper is not None:
            explanations[pid] = {"reason": "stopped", "stopper": stopper, "remaining": left}
        elif costs[pid] <= left:
            selected.append(pid)
            explanations[pid] = {"reason": "funded_greedy", "remaining": left}
            left -= costs[pid]
        else:
            explanations[pid] = {"reason": "no_room_at_turn", "remaining": left}
            if rule == "greedy-no-skip":
                stopper = pid
    return Tally(selected=tuple(selected), total_cost=amount - left, explanations=explanations)
