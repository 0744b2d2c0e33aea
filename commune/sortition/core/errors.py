"""What can go wrong before a draw: bad input files and quotas that no panel can meet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


class SortitionError(Exception):
    """Base class of every error the sortition core raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an input file: where it is and why, in plain English.

    `code` and `params` let a caller (the Django import screen) show a translated
    sentence instead of `message`.
    """

    source: str
    lines: tuple[int, ...]
    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return f"{self.source}, {describe_lines(self.lines)}: {self.message}"


def describe_lines(lines: Sequence[int]) -> str:
    """ "line 3", "lines 2 and 5", "lines 2, 3 and 4"; "whole file" when there is none."""
    if not lines:
        return "whole file"
    if len(lines) == 1:
        return f"line {lines[0]}"
    head = ", ".join(str(line) for line in lines[:-1])
    return f"lines {head} and {lines[-1]}"


class InputError(SortitionError):
    """The pool or the quotas cannot be used: every problem found, nothing drawn."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class InfeasibleQuotasError(SortitionError):
    """No panel of the requested size from this pool meets the quotas.

    `categories` is a smallest set of categories whose quotas conflict (one category
    when its own quotas cannot be met), `message` says why in plain English words, and
    `code` with `params` say the same for a caller that words it in another language:
    "value_short" (category, value, min, have), "cannot_fill" (category, reachable,
    panel_size, detail: per value {value, reachable, max, have}), "mins_above_size"
    (category, needed, panel_size), "conflict" (categories, panel_size, ranges: per
    category its quotas, cells: pool counts per pair of values when two conflict).
    `params["reserve_size"]` is set when the reserve list, not the panel, is infeasible.
    """

    def __init__(
        self,
        categories: Sequence[str],
        message: str,
        *,
        code: str = "conflict",
        params: dict[str, Any] | None = None,
    ) -> None:
        self.categories = tuple(categories)
        self.message = message
        self.code = code
        self.params = dict(params or {})
        super().__init__(message)
