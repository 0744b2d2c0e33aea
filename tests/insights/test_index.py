"""The representativeness index: 1 − total variation distance, checked by hand."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commune.insights.index import index, total_variation


def test_participants_mirroring_the_population_score_one() -> None:
    assert index({"woman": 52, "man": 48}, 0, {"woman": 5200, "man": 4800}) == pytest.approx(1)


def test_seventy_men_for_thirty_women_in_an_even_population_score_point_eight() -> None:
    # p = (0.3, 0.7), q = (0.5, 0.5): TVD = ½ (0.2 + 0.2) = 0.2.
    assert index({"woman": 30, "man": 70}, 0, {"woman": 500, "man": 500}) == pytest.approx(0.8)


def test_no_group_in_common_scores_zero() -> None:
    assert index({"a": 20, "b": 0}, 0, {"a": 0, "b": 10}) == pytest.approx(0)


def test_age_bands_by_hand() -> None:
    # p = (0.1, 0.6, 0.3), q = (0.3, 0.3, 0.4): |−0.2| + |0.3| + |−0.1| = 0.6, TVD 0.3.
    value = index({"15-29": 10, "30-44": 60, "45+": 30}, 0, {"15-29": 3, "30-44": 3, "45+": 4})
    assert value == pytest.approx(0.7)


def test_hidden_groups_are_merged_with_their_populations() -> None:
    # a and b hidden (12 people between them), c shown: p = (H 12/72, c 60/72),
    # q = (H 50/100, c 50/100): TVD = 60/72 − 1/2 = 1/3.
    value = index({"a": None, "b": None, "c": 60}, 12, {"a": 20, "b": 30, "c": 50})
    assert value == pytest.approx(2 / 3)


def test_shown_groups_without_reference_are_left_out() -> None:
    value = index({"woman": 30, "man": 70, "other": 15}, 0, {"woman": 50, "man": 50})
    assert value == pytest.approx(0.8)


def test_nobody_to_compare_gives_no_index() -> None:
    assert index({"woman": 0, "man": 0}, 0, {"woman": 50, "man": 50}) is None


def test_total_variation_is_symmetric_and_bounded() -> None:
    p, q = {"a": 0.2, "b": 0.8}, {"a": 0.6, "c": 0.4}
    assert total_variation(p, q) == pytest.approx(total_variation(q, p))
    assert total_variation(p, q) == pytest.approx(0.8)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=50), min_size=3, max_size=6),
    st.lists(st.integers(min_value=1, max_value=500), min_size=6, max_size=6),
    st.sets(st.integers(min_value=0, max_value=5)),
)
def test_merging_hidden_groups_never_lowers_the_index(participants, population, hide) -> None:
    keys = [str(i) for i in range(len(participants))]
    counts = dict(zip(keys, participants, strict=True))
    reference = {key: population[i] for i, key in enumerate(keys)}
    exact = index(counts, 0, reference)
    shown = {key: None if int(key) in hide else count for key, count in counts.items()}
    hidden = sum(count for key, count in counts.items() if shown[key] is None)
    merged = index(shown, hidden, reference)
    if exact is None:
        return
    assert merged is not None
    assert merged >= exact - 1e-12
    assert 0 <= merged <= 1 + 1e-12
