"""Small cells: no figure from fewer than ten people, and none recoverable by subtraction.

The adversary knows the algorithm's output (the shown cells, None for hidden ones), the
row and column totals that are shown and the grand total; a hidden cell is *recovered*
when the linear equations "each row and column adds up to its total" fix its value.
The oracle here is independent of the implementation: a null-space computation by SVD.
"""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from commune.core.disclosure import THRESHOLD, suppress, suppress_table
from commune.meetings.disclosure import suppress as meetings_suppress

ROWS = ["woman", "man"]
COLUMNS = ["15-29", "30-44", "45-59", "60-74", "75+"]


def _entries(rows, columns, result):
    """Every published entry of the table: (row, column) → value or None; totals as '*'."""
    entries = {(r, c): result.cells[(r, c)] for r in rows for c in columns}
    entries |= {(r, "*"): result.row_totals[r] for r in rows}
    entries |= {("*", c): result.column_totals[c] for c in columns}
    return entries


def _equations(rows, columns):
    lines = [[(r, c) for c in columns] + [(r, "*")] for r in rows]
    lines += [[(r, c) for r in rows] + [("*", c)] for c in columns]
    return lines


def _recoverable(rows, columns, result) -> set:
    """Hidden entries fixed by the equations, found by a null-space test (SVD)."""
    entries = _entries(rows, columns, result)
    hidden = [key for key, value in entries.items() if value is None]
    if not hidden:
        return set()
    position = {key: i for i, key in enumerate(hidden)}
    rows_of_matrix = []
    for line in _equations(rows, columns):
        row = np.zeros(len(hidden))
        for key in line:
            if key in position:
                row[position[key]] = -1.0 if "*" in key else 1.0
        rows_of_matrix.append(row)
    margin_rows = np.zeros(len(hidden))
    margin_columns = np.zeros(len(hidden))
    for key, i in position.items():
        if key[1] == "*":
            margin_rows[i] = 1.0
        if key[0] == "*":
            margin_columns[i] = 1.0
    matrix = np.vstack([*rows_of_matrix, margin_rows, margin_columns])
    _u, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > 1e-9).sum())
    null_space = vt[rank:]
    # A hidden entry moves freely iff some null-space vector changes it.
    return {key for key, i in position.items() if np.all(np.abs(null_space[:, i]) < 1e-9)}


def test_large_cells_and_totals_are_all_shown() -> None:
    cells = {(r, c): 20 for r in ROWS for c in COLUMNS}
    result = suppress_table(cells, ROWS, COLUMNS)
    assert set(result.cells.values()) == {20}
    assert result.row_totals == {"woman": 100, "man": 100}
    assert result.total == 200


def test_one_small_cell_takes_a_whole_rectangle_with_it() -> None:
    """A lone small cell is hidden with cells in its row and column, and one across."""
    cells = {(r, c): 30 for r in ROWS for c in COLUMNS}
    cells[("man", "30-44")] = 3
    result = suppress_table(cells, ROWS, COLUMNS)
    assert result.cells[("man", "30-44")] is None
    hidden = [key for key, value in result.cells.items() if value is None]
    assert len(hidden) >= 4  # at least a 2 × 2 rectangle
    assert not _recoverable(ROWS, COLUMNS, result)


def test_a_small_row_total_is_hidden_and_cannot_be_rebuilt_from_the_other_row() -> None:
    """Women 15–29 + 30–44 … is small: the row total and its cells are hidden, and the
    grand total minus the men's row does not give it back (the men's total is hidden too)."""
    cells = {("woman", c): 1 for c in COLUMNS} | {("man", c): 40 for c in COLUMNS}
    result = suppress_table(cells, ROWS, COLUMNS)
    assert result.row_totals["woman"] is None
    assert result.row_totals["man"] is None
    assert not _recoverable(ROWS, COLUMNS, result)


def test_column_totals_minus_the_shown_cells_give_nothing_back() -> None:
    cells = {
        ("woman", "15-29"): 12,
        ("woman", "30-44"): 13,
        ("woman", "45-59"): 4,
        ("woman", "60-74"): 10,
        ("woman", "75+"): 11,
        ("man", "15-29"): 15,
        ("man", "30-44"): 24,
        ("man", "45-59"): 12,
        ("man", "60-74"): 30,
        ("man", "75+"): 10,
    }
    result = suppress_table(cells, ROWS, COLUMNS)
    assert result.cells[("woman", "45-59")] is None
    assert result.cells[("man", "45-59")] is None  # else 45–59's total gives it back
    assert not _recoverable(ROWS, COLUMNS, result)


def test_hidden_zeros_are_not_given_away_by_nonnegativity() -> None:
    """Two hidden zeros whose row adds up to its shown cells would both be 0: more is hidden."""
    shown = suppress({"a": 30, "b": 0, "c": 0}, hide_zero_sums=True)
    assert shown["a"] is None


def test_meetings_still_use_the_same_rule() -> None:
    assert meetings_suppress is suppress
    assert meetings_suppress({"woman": 25, "man": 14, "other": 3}) == {
        "woman": 25,
        "man": None,
        "other": None,
    }


def test_negative_counts_are_refused() -> None:
    import pytest

    with pytest.raises(ValueError, match="negative"):
        suppress_table({("woman", "15-29"): -1}, ROWS, COLUMNS)


counts = st.integers(min_value=0, max_value=40)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=3),
    st.integers(min_value=2, max_value=5),
    st.data(),
)
def test_random_tables_never_give_a_hidden_cell_back(n_rows: int, n_columns: int, data) -> None:
    rows = [f"r{i}" for i in range(n_rows)]
    columns = [f"c{j}" for j in range(n_columns)]
    cells = {
        (r, c): data.draw(st.integers(min_value=0, max_value=40))
        for r, c in itertools.product(rows, columns)
    }
    result = suppress_table(cells, rows, columns)
    entries = _entries(rows, columns, result)
    # Nothing under the threshold is ever shown (totals included).
    for value in entries.values():
        assert value is None or value >= THRESHOLD
    if n_rows == 1:
        return  # one row: its cells are its column totals; checked by the rule above
    assert not _recoverable(rows, columns, result)
    # No equation whose hidden entries are all 0 while it still shows some entry.
    true = {(r, c): cells[(r, c)] for r, c in itertools.product(rows, columns)}
    true |= {(r, "*"): sum(cells[(r, c)] for c in columns) for r in rows}
    true |= {("*", c): sum(cells[(r, c)] for r in rows) for c in columns}
    for line in _equations(rows, columns):
        hidden = [key for key in line if entries[key] is None]
        shown = [key for key in line if entries[key] is not None]
        if hidden and shown:
            assert sum(true[key] for key in hidden) > 0


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefg"), counts, min_size=2))
def test_random_lists_hide_zero_or_at_least_two_cells_adding_up_to_more_than_zero(
    cells: dict[str, int],
) -> None:
    shown = suppress(cells, hide_zero_sums=True)
    hidden = [key for key, value in shown.items() if value is None]
    assert all(value is None or value >= THRESHOLD for value in shown.values())
    if hidden and len(hidden) < len(cells):
        assert len(hidden) >= 2
        assert sum(cells[key] for key in hidden) > 0
