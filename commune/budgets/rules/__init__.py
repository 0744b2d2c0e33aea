"""Vote rules for participatory budgets, and Pabulib files: pure Python, no Django.

Public API (everything else in this package is internal)::

    from commune.budgets.rules import ApprovalInstance, tally, RULES

    instance = ApprovalInstance(
        budget=100_000,                       # int, Fraction or exact decimal text "1234.50"
        costs={"a": 40_000, "b": 25_000},     # project id (str) -> cost, same types
        approvals=[{"a"}, {"a", "b"}, set()], # one iterable of project ids per voter
        min_score_threshold=None,             # only for "greedy-threshold"
    )
    # or ApprovalInstance.from_counts(budget, costs, {frozenset({"a"}): 120, ...})
    # or ApprovalInstance.from_pabulib(read_pabulib("file.pb"))
    outcome = tally(instance, "equal-shares")  # rule: one of RULES
    outcome.selected      # tuple[str, ...]: funded project ids, in the order picked
    outcome.total_cost    # int | Fraction, <= outcome.budget
    outcome.remaining     # budget - total_cost
    outcome.voter_budget  # MES rules: each voter's share in the run kept (else None)
    outcome.projects[pid] # ProjectResult, for every project, in the instance's order

`ProjectResult` (frozen dataclass) fields: `project`, `cost`, `approvals`, `selected`,
`reason` (a `Reason`, a str enum), `position` (1-based in `selected`), `stage` ("greedy",
"mes", "completion", "phragmen"), and the figures that explain the reason (None when they do
not apply): `remaining_budget` (greedy and completion: money left when the rule reached the
project), `threshold`, `round` (MES round it was bought in), `max_payment` (MES: the most a
supporter paid for it), `supporters_money` (MES, not bought: the money all its supporters had
left when MES ended, less than its cost), `stopped_at` (greedy-no-skip, Phragmén).

`Reason` values: "funded", "over-budget"
(remaining_budget < cost), "not-reached" (greedy-no-skip stopped before it), "below-threshold",
"supporters-short" (MES: supporters_money < cost; with a completion, remaining_budget too),
"no-support" (nobody approved it), "zero-cost" (MES: a project costing nothing weighs
nothing with cost utilities, so MES never takes it, as pabutools; a completion may),
"phragmen-stopped".

`RULES`:

- "greedy": most approvals first, skip what no longer fits (pabutools
  `greedy_utilitarian_welfare(..., sat_class=Cost_Sat)`; also Pabulib's META rule `greedy`).
- "greedy-no-skip": the same order, stop at the first project that does not fit.
- "greedy-threshold": "greedy" without the projects approved by fewer than
  `instance.min_score_threshold` voters (META `min_project_score_threshold`).
- "mes": Method of Equal Shares with cost utilities, each voter holding budget / voters
  (pabutools `method_of_equal_shares(..., sat_class=Cost_Sat)`).
- "mes-add1": MES raising every voter's share by 1 until an outcome is exhaustive or over
  budget (pabutools, `voter_budget_increment=1`).
- "mes-add1-greedy": "mes-add1" completed by "greedy" (pabutools
  `completion_by_rule_combination`).
- "equal-shares": what the cities using Equal Shares run (META `equalshares/add1`: Wieliczka,
  Świecie, Assen): raise the share by 1 while the MES outcome costs at most the budget and
  keep the last such outcome. No greedy completion: the official results show none (Assen
  2024 leaves 23,300 € unspent although project 7, 12,000 €, would fit).
- "phragmen": sequential Phragmén (pabutools `sequential_phragmen`).

`select(instance, rule) -> Selection` (`selected`, `total_cost`, `voter_budget`) funds the
same projects as `tally` without explaining them, through compiled float runs that prove
their outcome (numba; see `kernels`): use it when only the selection matters.

Ties are broken as pabutools breaks them by default: in favour of the project whose id sorts
first as text (so "10" before "9"). All arithmetic on money is exact.

Files: `read_pabulib(path | bytes | text) -> PabulibFile`, `write_pabulib(pb, path=None) -> str`,
`PabulibError` (a ValueError whose message starts "line N: ..."). Command line:
`python -m commune.budgets.rules tally FILE.pb --rule R [--json]`. See docs/vote-rules.md.
"""

from .instance import ApprovalInstance
from .outcome import Outcome, ProjectResult, Reason
from .pabulib import Money, PabulibError, PabulibFile, approval_file, read_pabulib, write_pabulib
from .selection import Selection, select
from .tally import CITY_RULES, RULES, tally

__all__ = [
    "CITY_RULES",
    "RULES",
    "ApprovalInstance",
    "Money",
    "Outcome",
    "PabulibError",
    "PabulibFile",
    "ProjectResult",
    "Reason",
    "Selection",
    "approval_file",
    "read_pabulib",
    "select",
    "tally",
    "write_pabulib",
]
