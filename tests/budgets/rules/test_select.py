"""`select` and the compiled float runs: the same selection as `tally`'s exact runs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commune.budgets.rules import RULES, ApprovalInstance, kernels, phragmen, select, tally

from .conftest import APPROVAL_SAMPLES
from .test_rules import FAST, instances


def test_the_compiled_kernels_are_installed() -> None:
    """numba is a dependency: without it every rule still runs, only slower, so a broken
    install must show here rather than as a silent slowdown."""
    assert kernels.AVAILABLE


@FAST
@given(instance=instances(max_projects=8, max_voters=14), rule=st.sampled_from(RULES))
def test_select_funds_what_tally_funds(instance: ApprovalInstance, rule: str) -> None:
    outcome = tally(instance, rule)
    selection = select(instance, rule)
    assert selection.selected == outcome.selected
    assert selection.total_cost == outcome.total_cost
    assert selection.voter_budget == outcome.voter_budget


@pytest.mark.parametrize("name", APPROVAL_SAMPLES)
@pytest.mark.parametrize("rule", RULES)
def test_select_funds_what_tally_funds_on_real_files(sample, name: str, rule: str) -> None:
    instance = sample(name)
    assert select(instance, rule).selected == tally(instance, rule).selected


@FAST
@given(instance=instances(max_projects=8, max_voters=14))
def test_compiled_phragmen_is_the_exact_one(instance: ApprovalInstance) -> None:
    """The float run with proven error bounds decides exactly as rationals do, or hands over."""
    assert phragmen.run_phragmen(instance) == phragmen.run_exact(instance)


@pytest.mark.parametrize("name", APPROVAL_SAMPLES)
def test_compiled_phragmen_decides_real_files_alone(sample, name: str) -> None:
    instance = sample(name)
    arrays = instance.derived("phragmen", phragmen._kernel_arrays)
    decided = phragmen._run_compiled(instance, *arrays)
    assert decided == phragmen.run_exact(instance)


def test_an_exact_tie_after_loads_goes_to_the_exact_run() -> None:
    """After a is bought, b and c have the same new load (11) from voters already loaded:
    floats cannot tell them apart, so the compiled run hands over, and the tie goes to b."""
    instance = ApprovalInstance(100, {"a": 2, "b": 10, "c": 10}, [{"a", "b"}, {"a", "c"}])
    arrays = instance.derived("phragmen", phragmen._kernel_arrays)
    assert phragmen._run_compiled(instance, *arrays) is None
    assert phragmen.run_phragmen(instance).picks == ["a", "b", "c"]
    assert select(instance, "phragmen").selected == ("a", "b", "c")


def test_an_exact_tie_at_zero_load_is_decided_in_integers() -> None:
    """Before any purchase, new loads are cost / approvals: 10 / 2 and 15 / 3 tie exactly,
    the compiled run tells it in integers (id "10" before "9" as text) and stops when a tied
    project does not fit, as pabutools does."""
    instance = ApprovalInstance(20, {"9": 10, "10": 15}, [{"9", "10"}, {"9", "10"}, {"10"}])
    arrays = instance.derived("phragmen", phragmen._kernel_arrays)
    decided = phragmen._run_compiled(instance, *arrays)
    assert decided == phragmen.run_exact(instance)
    assert decided.picks == ["10"]
    assert decided.stopped_at == "9"
