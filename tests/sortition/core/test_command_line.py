"""The command lines: `python -m commune.sortition.core draw` and `commune sortition draw`."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from commune.sortition.core.cli import main
from commune.sortition.management.commands.sortition import Command

DATA = Path(__file__).parent / "data"
ARGS = [str(DATA / "pool.csv"), str(DATA / "quotas.csv"), "--panel-size", "6", "--seed", "42"]


def test_json_output_has_the_panel_the_probabilities_and_the_minimum(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["draw", *ARGS, "--json"]) == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert len(result["panel"]) == 6
    assert set(result["probabilities"]) == {f"p{i:02}" for i in range(1, 13)}
    assert result["min_probability"] == min(result["probabilities"].values())
    assert result["seed_commitment"] == (
        "73475cb40a568e8da8a045ced110137e159f890ac4da883b6b17dc651b3a8049"
    )
    assert "profiles fixed" in captured.err  # progress goes to stderr


def test_text_output_and_reserves(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draw", *ARGS, "--reserves", "2", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert "Lowest selection probability:" in captured.out
    assert "Reserve list, in calling order (2):" in captured.out
    assert captured.err == ""


def test_bad_input_prints_the_line_and_draws_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pool = tmp_path / "POOL.csv"
    pool.write_text("id,gender,age,neighbourhood\na,F,18-34,Nord\na,M,old,Sud\n")
    assert (
        main(["draw", str(pool), str(DATA / "quotas.csv"), "--panel-size", "1", "--seed", "s"]) == 1
    )
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "error: POOL.csv, lines 2 and 3: the id a appears twice.",
        "Nothing was drawn.",
    ]


def test_commit_prints_the_seed_commitment(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["commit", "abc"]) == 0
    assert capsys.readouterr().out.strip() == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def test_the_management_command_prints_the_same_json() -> None:
    out, err = StringIO(), StringIO()
    call_command(Command(), "draw", *ARGS, "--json", stdout=out, stderr=err)
    assert json.loads(out.getvalue())["panel"] == _core_panel()


def test_the_management_command_fails_on_infeasible_quotas(tmp_path: Path) -> None:
    quotas = tmp_path / "QUOTAS.csv"
    quotas.write_text("category,value,min,max\nage,18-34,0,6\nage,35-59,0,6\nage,60+,4,6\n")
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing was drawn"):
        call_command(
            Command(), "draw", str(DATA / "pool.csv"), str(quotas), "--panel-size", "6",
            "--seed", "s", stdout=StringIO(), stderr=err,
        )  # fmt: skip
    assert err.getvalue().startswith(
        "error: The quotas ask for at least 4 people with age = 60+, but the pool has only 3."
    )


def _core_panel() -> list[str]:
    from commune.sortition.core import draw, read_pool, read_quotas

    quotas = read_quotas(DATA / "quotas.csv")
    return list(draw(read_pool(DATA / "pool.csv", quotas), quotas, panel_size=6, seed="42").panel)
