"""The pb rules benchmark's harness: the file filter and the timing both sides share."""

from __future__ import annotations

import pytest

from benchmarks import pb_rules

from .conftest import DATA


def test_only_keeps_the_named_files_and_times_our_rule(capsys: pytest.CaptureFixture) -> None:
    status = pb_rules.main(
        ["--data", str(DATA), "--no-peer", "--no-official", "--only", "assen", "--rules", "mes"]
    )
    out = capsys.readouterr().out
    assert status == 0
    rows = [line for line in out.splitlines() if line.startswith("| Netherlands")]
    assert len(rows) == 1
    assert "Netherlands_Assen_2024" in rows[0]
    assert "| mes " in rows[0]
    assert "Swiecie" not in out
    assert "META rule" not in out  # --no-official


def test_best_time_keeps_the_fastest_of_a_few_short_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Runs of 4, 1, 3, 2 and 2 ms: five runs (under the budget), the best is 1 ms."""
    readings = iter([0.0, 0.004, 0.004, 0.005, 0.005, 0.008, 0.008, 0.010, 0.010, 0.012])
    monkeypatch.setattr(pb_rules.time, "perf_counter", lambda: next(readings))
    calls = []
    result, seconds = pb_rules.best_time(lambda: calls.append(1) or len(calls))
    assert len(calls) == pb_rules.REPEATS == 5
    assert result == 5
    assert seconds == pytest.approx(0.001)


def test_best_time_runs_a_long_rule_once(monkeypatch: pytest.MonkeyPatch) -> None:
    readings = iter([0.0, pb_rules.REPEAT_BUDGET + 0.5])
    monkeypatch.setattr(pb_rules.time, "perf_counter", lambda: next(readings))
    calls = []
    _result, seconds = pb_rules.best_time(lambda: calls.append(1))
    assert len(calls) == 1
    assert seconds == pb_rules.REPEAT_BUDGET + 0.5
