"""The peer-check benchmark on a tiny instance: finds the instances, runs both sides, compares."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks import sortition as benchmark

DATA = Path(__file__).parent / "data"


def test_the_benchmark_compares_with_the_peer_and_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "toy_6"  # the panel size is the folder's numeric suffix
    folder.mkdir()
    shutil.copy(DATA / "pool.csv", folder / "respondents.csv")
    shutil.copy(DATA / "quotas.csv", folder / "categories.csv")
    (tmp_path / "reference_only").mkdir()
    status = benchmark.main(["--data", str(tmp_path), "--peer-timeout", "120"])
    out = capsys.readouterr().out
    assert status == 0, out
    row = next(line for line in out.splitlines() if line.startswith("| toy_6 "))
    assert "| 6 |" in row
    assert "- reference_only: no pool file (reference figures only)" in out
    assert "OK: our lowest probability is never below a peer's" in out


def test_the_benchmark_says_when_the_data_is_absent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert benchmark.main(["--data", str(tmp_path / "missing")]) == 2
    assert "is absent. Nothing was compared." in capsys.readouterr().out
