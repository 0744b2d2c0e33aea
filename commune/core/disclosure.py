"""Statistical disclosure control for published counts of people (no Django here).

A cell (how many people of one group) below THRESHOLD is never shown, only "fewer than
THRESHOLD": a handful of people can be recognised. Primary suppression alone is not
enough when totals are published too: with exactly one hidden cell in a row, the total
minus the shown cells gives it back. So other cells are hidden with it (secondary
suppression) until no hidden cell is a combination of the shown figures:

- `suppress` for one list of groups whose total is known (the make-up of a meeting's
  room by gender);
- `suppress_table` for a two-way table (gender × age band) published with its row and
  column totals and its grand total, where a hidden cell could be recovered through a
  chain of rows and columns, not only from its own row.

A hidden group whose cells together make 0 would give every one of them away (counts are
never negative): the table always hides a shown cell with it then, the list on request
(the meetings' room make-up keeps its original rule).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import numpy as np

THRESHOLD = 10


def suppress(
    counts: Mapping[str, int], threshold: int = THRESHOLD, *, hide_zero_sums: bool = False
) -> dict[str, int | None]:
    """The counts with every cell that must not be shown replaced by None.

    Cells below `threshold` (zero included: "nobody" is a small number too) are hidden.
    When that hides exactly one cell of a group of several, the smallest other cell is
    hidden as well (the first in order on a tie), so no hidden cell can be recovered by
    subtracting the shown ones from the total. With `hide_zero_sums`, when the hidden
    cells add up to 0 (so each is known to be 0, and everyone to be in the shown
    groups), the smallest shown cell is hidden too.
    """
    if any(count < 0 for count in counts.values()):
        raise ValueError("Counts cannot be negative.")
    hidden = {key for key, count in counts.items() if count < threshold}

    def zero_sum() -> bool:
        return hide_zero_sums and sum(counts[key] for key in hidden) == 0

    while hidden and (len(hidden) == 1 or zero_sum()):
        shown = [key for key in counts if key not in hidden]
        if not shown:
            break
        hidden.add(min(shown, key=lambda key: counts[key]))
    return {key: None if key in hidden else count for key, count in counts.items()}


TOTAL = "__total__"  # the row or column key of the margins in `suppress_table`


@dataclass(frozen=True)
class SuppressedTable:
    """A two-way table after suppression: None wherever a figure must not be shown."""

    cells: dict[tuple[Hashable, Hashable], int | None]
    row_totals: dict[Hashable, int | None]
    column_totals: dict[Hashable, int | None]
    total: int


def suppress_table(
    cells: Mapping[tuple[Hashable, Hashable], int],
    rows: list[Hashable],
    columns: list[Hashable],
    threshold: int = THRESHOLD,
) -> SuppressedTable:
    """Suppress a rows × columns table published with its margins and grand total.

    Every cell and every row or column total below `threshold` is hidden; then, until
    nothing more is needed, in each row and column (margins included) a lone hidden
    entry, or hidden entries adding up to 0, take the smallest shown entry with them;
    last, a linear-algebra check hides more whenever some hidden entry is still fixed by
    the equations "each row and column adds up to its total". The grand total (the
    number of people in the table) is always shown.
    """
    if any(count < 0 for count in cells.values()):
        raise ValueError("Counts cannot be negative.")
    value: dict[tuple[Hashable, Hashable], int] = {
        (row, column): cells.get((row, column), 0) for row in rows for column in columns
    }
    for row in rows:
        value[(row, TOTAL)] = sum(value[(row, column)] for column in columns)
    for column in columns:
        value[(TOTAL, column)] = sum(value[(row, column)] for row in rows)
    grand = sum(value[(row, TOTAL)] for row in rows)
    lines = [[(row, column) for column in [*columns, TOTAL]] for row in rows]
    lines += [[(row, column) for row in [*rows, TOTAL]] for column in columns]
    lines.append([(TOTAL, column) for column in columns])  # they add up to the grand total
    lines.append([(row, TOTAL) for row in rows])
    hidden = {key for key, count in value.items() if count < threshold}

    def hide_smallest(candidates: list[tuple[Hashable, Hashable]]) -> bool:
        shown = [key for key in candidates if key not in hidden]
        if not shown:
            return False
        hidden.add(min(shown, key=lambda key: value[key]))
        return True

    while True:
        changed = False
        for line in lines:
            in_line = [key for key in line if key in hidden]
            if in_line and (len(in_line) == 1 or sum(value[key] for key in in_line) == 0):
                changed |= hide_smallest(line)
        if changed:
            continue
        fixed = determined(hidden, lines)
        if not fixed:
            break
        neighbours = [key for line in lines if fixed[0] in line for key in line]
        if not hide_smallest(neighbours) and not hide_smallest(list(value)):
            break  # everything is hidden already
    return SuppressedTable(
        cells={(r, c): None if (r, c) in hidden else value[(r, c)] for r in rows for c in columns},
        row_totals={r: None if (r, TOTAL) in hidden else value[(r, TOTAL)] for r in rows},
        column_totals={c: None if (TOTAL, c) in hidden else value[(TOTAL, c)] for c in columns},
        total=grand,
    )


def determined(
    hidden: set[tuple[Hashable, Hashable]], lines: list[list[tuple[Hashable, Hashable]]]
) -> list[tuple[Hashable, Hashable]]:
    """Hidden entries whose value follows from the shown ones through the line equations.

    A row's (or column's) line says: its cells minus its total make 0; the line of the
    row totals (and of the column totals) says they add up to the grand total. A hidden
    entry is fixed when its unit vector lies in the span of these equations restricted to
    the hidden entries.
    """
    order = sorted(hidden, key=repr)
    if not order:
        return []
    index = {key: position for position, key in enumerate(order)}
    matrix = np.zeros((len(lines), len(order)))
    for number, line in enumerate(lines):
        margins_line = all(TOTAL in key for key in line)
        for key in line:
            if key in index:
                is_total = not margins_line and TOTAL in key
                matrix[number, index[key]] = -1.0 if is_total else 1.0
    rank = np.linalg.matrix_rank(matrix)
    fixed = []
    for key in order:
        unit = np.zeros((1, len(order)))
        unit[0, index[key]] = 1.0
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            fixed.append(key)
    return fixed
