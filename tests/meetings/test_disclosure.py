"""The room's make-up never gives away a group of fewer than ten people."""

from __future__ import annotations

import itertools

import pytest

from commune.meetings.disclosure import THRESHOLD, suppress


def _recoverable(shown: dict[str, int | None]) -> set[str]:
    """Hidden cells an adversary gets back from the total and the shown cells."""
    hidden = {key for key, value in shown.items() if value is None}
    return hidden if len(hidden) == 1 else set()


def test_large_cells_are_all_shown() -> None:
    assert suppress({"woman": 12, "man": 10}) == {"woman": 12, "man": 10}


def test_one_small_cell_hides_the_next_smallest_too() -> None:
    shown = suppress({"woman": 25, "man": 14, "other": 3})
    assert shown == {"woman": 25, "man": None, "other": None}


def test_total_minus_the_others_never_gives_back_a_hidden_cell() -> None:
    counts = {"woman": 25, "man": 14, "other": 3}
    shown = suppress(counts)
    total = sum(counts.values())
    visible = sum(value for value in shown.values() if value is not None)
    # What the adversary learns: the hidden cells together, never one of them alone.
    assert total - visible == 17
    assert not _recoverable(shown)


def test_all_small_cells_are_all_hidden() -> None:
    assert suppress({"a": 3, "b": 1, "c": 9}) == {"a": None, "b": None, "c": None}


def test_zero_is_a_small_number_too() -> None:
    assert suppress({"a": 30, "b": 0, "c": 20}) == {"a": 30, "b": None, "c": None}


def test_two_small_cells_need_no_secondary_suppression() -> None:
    assert suppress({"a": 30, "b": 2, "c": 4, "d": 11}) == {
        "a": 30,
        "b": None,
        "c": None,
        "d": 11,
    }


def test_the_threshold_itself_is_shown() -> None:
    assert suppress({"a": THRESHOLD, "b": THRESHOLD - 1, "c": 50}) == {
        "a": None,
        "b": None,
        "c": 50,
    }


def test_a_single_small_cell_alone_is_hidden() -> None:
    assert suppress({"a": 4}) == {"a": None}
    assert suppress({"a": 40}) == {"a": 40}


def test_ties_hide_the_first_in_order() -> None:
    assert suppress({"a": 12, "b": 12, "c": 1}) == {"a": None, "b": 12, "c": None}


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        suppress({"a": -1})


def test_no_shown_value_is_ever_below_the_threshold_nor_exactly_one_hidden() -> None:
    for values in itertools.product([0, 1, 5, 9, 10, 11, 30], repeat=3):
        counts = dict(zip("abc", values, strict=True))
        shown = suppress(counts)
        assert all(value is None or value >= THRESHOLD for value in shown.values())
        assert list(shown.values()).count(None) != 1
        assert {k: v for k, v in shown.items() if v is not None}.items() <= counts.items()
