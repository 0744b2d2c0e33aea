"""The data a vote rule reads: a budget, project costs and approval ballots, all exact."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import TypeVar

from .pabulib import Money, PabulibFile, normalise, parse_money

T = TypeVar("T")


class ApprovalInstance:
    """An approval vote: the budget, each project's cost, each voter's approved projects.

    `ApprovalInstance(budget, costs, approvals, min_score_threshold=None)`

    - `budget`: int, Fraction or decimal text ("1234.50"); floats are refused (not exact).
    - `costs`: project id → cost (same types), in the order projects are listed.
    - `approvals`: one iterable of project ids per voter (empty ballots count as voters).
    - `min_score_threshold`: for "greedy-threshold", the fewest approvals a project needs.

    Voters with the same ballot are merged into one weighted ballot (`ballots`); rules only
    ever read that compact form. `ApprovalInstance.from_counts` builds it directly and
    `ApprovalInstance.from_pabulib` from a parsed file.
    """

    __slots__ = (
        "_derived",
        "approvals",
        "ballots",
        "budget",
        "costs",
        "min_score_threshold",
        "num_voters",
    )

    def __init__(
        self,
        budget: Money | str,
        costs: Mapping[str, Money | str],
        approvals: Iterable[Iterable[str]] = (),
        *,
        min_score_threshold: int | None = None,
    ) -> None:
        self.budget: Money = _money(budget, "budget")
        if self.budget < 0:
            raise ValueError("the budget cannot be negative")
        self.costs: dict[str, Money] = {}
        for pid, cost in costs.items():
            if not isinstance(pid, str):
                raise TypeError(f"project ids are text, not {type(pid).__name__}")
            value = _money(cost, f"cost of {pid!r}")
            if value < 0:
                raise ValueError(f"the cost of {pid!r} cannot be negative")
            self.costs[pid] = value
        counts: Counter[frozenset[str]] = Counter(frozenset(ballot) for ballot in approvals)
        self._set_ballots(counts)
        self.min_score_threshold = min_score_threshold

    @classmethod
    def from_counts(
        cls,
        budget: Money | str,
        costs: Mapping[str, Money | str],
        ballot_counts: Mapping[frozenset[str], int],
        *,
        min_score_threshold: int | None = None,
    ) -> ApprovalInstance:
        """Build from the compact form: each distinct ballot → how many voters cast it."""
        instance = cls(budget, costs, (), min_score_threshold=min_score_threshold)
        merged: Counter[frozenset[str]] = Counter()
        for ballot, count in ballot_counts.items():
            if count < 0 or int(count) != count:
                raise ValueError("a ballot's count is a whole number, zero or more")
            merged[frozenset(ballot)] += int(count)
        instance._set_ballots(merged)
        return instance

    @classmethod
    def from_pabulib(cls, pb: PabulibFile) -> ApprovalInstance:
        """Build from an approval (or choose-1) `.pb` file, with its META threshold if any."""
        if pb.vote_type not in ("approval", "choose-1"):
            raise ValueError(f"the rules need approval ballots, this file has {pb.vote_type}")
        threshold = pb.meta.get("min_project_score_threshold")
        return cls(
            pb.budget,
            pb.costs,
            pb.approval_ballots(),
            min_score_threshold=int(parse_money(threshold)) if threshold else None,
        )

    def _set_ballots(self, counts: Mapping[frozenset[str], int]) -> None:
        for ballot in counts:
            unknown = ballot - self.costs.keys()
            if unknown:
                raise ValueError(f"a ballot approves unknown projects: {sorted(unknown)}")
        # Sorted so that every run sees the same order whatever order the voters came in.
        self.ballots: tuple[tuple[frozenset[str], int], ...] = tuple(
            sorted(
                ((b, n) for b, n in counts.items() if n > 0),
                key=lambda item: sorted(item[0]),
            )
        )
        self._derived: dict[str, object] = {}
        self.num_voters: int = sum(n for _, n in self.ballots)
        self.approvals: dict[str, int] = dict.fromkeys(self.costs, 0)
        for ballot, count in self.ballots:
            for pid in ballot:
                self.approvals[pid] += count

    def derived(self, key: str, build: Callable[[ApprovalInstance], T]) -> T:
        """`build(self)`, computed once per instance: the rules' indexes of the ballots (like
        a parsed profile, they depend on nothing but the instance, which is not changed)."""
        if key not in self._derived:
            self._derived[key] = build(self)
        return self._derived[key]  # type: ignore[return-value]

    def __repr__(self) -> str:
        return (
            f"ApprovalInstance(budget={self.budget}, projects={len(self.costs)}, "
            f"voters={self.num_voters}, distinct ballots={len(self.ballots)})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ApprovalInstance):
            return NotImplemented
        return (
            self.budget == other.budget
            and self.costs == other.costs
            and dict(self.ballots) == dict(other.ballots)
            and self.min_score_threshold == other.min_score_threshold
        )

    __hash__ = None  # type: ignore[assignment]

    def voters(self) -> list[frozenset[str]]:
        """One ballot per voter (the expanded form), e.g. to hand to pabutools."""
        return [ballot for ballot, count in self.ballots for _ in range(count)]


def _money(value: Money | str, what: str) -> Money:
    if isinstance(value, bool | float):
        raise TypeError(f"{what} must be exact (int, Fraction or decimal text), not a float")
    if isinstance(value, str):
        return parse_money(value, what=what)
    if isinstance(value, int | Fraction):
        return normalise(value)
    # decimal.Decimal and other exact numbers.
    return normalise(Fraction(value))
