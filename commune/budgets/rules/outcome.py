"""What a rule returns: the projects funded, in the order picked, and why each is in or out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from .pabulib import Money


class Reason(StrEnum):
    """Why a project is funded or not; the web app words each one for residents."""

    # Funded.
    FUNDED = "funded"  # greedy: it fitted in `remaining_budget`; MES: bought in `round`
    # Not funded.
    OVER_BUDGET = "over-budget"  # greedy step: `remaining_budget` < cost when it was reached
    NOT_REACHED = "not-reached"  # greedy-no-skip: the rule stopped at `stopped_at` before it
    BELOW_THRESHOLD = "below-threshold"  # fewer approvals than `threshold`
    SUPPORTERS_SHORT = "supporters-short"  # MES: `supporters_money` < cost (and no completion)
    NO_SUPPORT = "no-support"  # nobody approved it (MES, Phragmén)
    ZERO_COST = "zero-cost"  # MES: costs nothing, so weighs nothing with cost utilities
    PHRAGMEN_STOPPED = "phragmen-stopped"  # Phragmén stopped: `stopped_at` did not fit


@dataclass(frozen=True)
class ProjectResult:
    """One project's fate under a rule, with the figures that explain it.

    Fields that do not apply to the rule or the reason are None.
    """

    project: str
    cost: Money
    approvals: int
    selected: bool
    reason: Reason
    # 1-based position in `Outcome.selected`.
    position: int | None = None
    # "greedy", "mes" (Method of Equal Shares), "completion" (greedy after MES), "phragmen".
    stage: str | None = None
    # Greedy (and completion): the money left when the rule reached this project, before
    # funding it or passing over it.
    remaining_budget: Money | None = None
    # greedy-threshold: the approvals a project needed.
    threshold: int | None = None
    # MES: the round in which it was bought (1-based, in the final MES run).
    round: int | None = None
    # MES: what each paying supporter paid at most (a funded project), or the money all its
    # supporters had left when MES ended (a project it could not buy).
    max_payment: Money | None = None
    supporters_money: Money | None = None
    # greedy-no-skip / Phragmén: the project at which the rule stopped.
    stopped_at: str | None = None


@dataclass(frozen=True)
class Outcome:
    """The result of `tally(instance, rule)`.

    - `selected`: funded project ids in the order the rule picked them.
    - `total_cost`: their total cost (exact), never more than `budget`.
    - `projects`: every project id (in the instance's order) → its `ProjectResult`.
    - `voter_budget`: MES rules: each voter's share in the MES run that was kept.
    """

    rule: str
    selected: tuple[str, ...]
    total_cost: Money
    budget: Money
    projects: Mapping[str, ProjectResult] = field(default_factory=dict)
    voter_budget: Money | None = None

    def explain(self, project: str) -> ProjectResult:
        return self.projects[project]

    @property
    def remaining(self) -> Money:
        return self.budget - self.total_cost
