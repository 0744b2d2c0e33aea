"""`commune pb tally` and `python -m commune.budgets.rules tally`."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from .conftest import DATA

ASSEN = DATA / "Netherlands_Assen_2024.pb"


def test_json_output_without_django() -> None:
    """--json prints one object: the ids sorted as text, the total cost, the seconds."""
    done = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [
            sys.executable,
            "-m",
            "commune.budgets.rules",
            "tally",
            str(ASSEN),
            "--rule",
            "equal-shares",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    payload = json.loads(done.stdout)
    assert payload["selected"] == ["11", "12", "13", "14", "2", "3", "5", "6", "9"]
    assert payload["total_cost"] == 76700
    assert payload["seconds"] >= 0


def test_malformed_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pb"
    bad.write_text(
        "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;x\n"
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "commune.budgets.rules", "tally", str(bad), "--rule", "greedy"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "line 7:" in done.stderr


def test_management_command_prints_the_outcome() -> None:
    out = io.StringIO()
    call_command("pb", "tally", str(ASSEN), "--rule", "greedy", stdout=out)
    text = out.getvalue()
    assert "selected (" in text
    assert "total cost:" in text
    assert "seconds:" in text


def test_management_command_fails_with_status_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pb"
    bad.write_text("nonsense\n")
    with pytest.raises(CommandError, match="line 1:") as caught:
        call_command("pb", "tally", str(bad), "--rule", "mes", "--json")
    assert caught.value.returncode == 2
