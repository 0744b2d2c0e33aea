"""Fixtures of the vote-rule tests: the sample files and their parsed instances."""

from __future__ import annotations

from pathlib import Path

import pytest

from commune.budgets.rules import ApprovalInstance, read_pabulib

DATA = Path(__file__).parent / "data"
APPROVAL_SAMPLES = sorted(
    path.name for path in DATA.glob("*.pb") if read_pabulib(path).vote_type != "cumulative"
)


@pytest.fixture
def sample() -> object:
    def load(name: str) -> ApprovalInstance:
        return ApprovalInstance.from_pabulib(read_pabulib(DATA / name))

    return load
