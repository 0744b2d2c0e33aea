"""The real `commune` command, run as a subprocess: configuration errors and the deploy check."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def _commune_executable() -> str:
    """The console script installed beside the running Python (the venv's), else on PATH."""
    beside = Path(sys.executable).parent / "commune"
    if beside.exists():
        return str(beside)
    found = shutil.which("commune")
    if found is None:
        pytest.fail("The `commune` command is not installed: run `pip install -e '.[test]'`.")
    return found


def _clean_env(tmp_path: Path, **variables: str) -> dict[str, str]:
    """The current environment without Commune's own settings, plus a private data folder."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("COMMUNE_")
        and name
        not in {
            "DATABASE_URL",
            "DJANGO_SETTINGS_MODULE",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "REDIS_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    data_dir = tmp_path / "data"
    data_dir.mkdir(exist_ok=True)
    env["COMMUNE_DATA_DIR"] = str(data_dir)
    env.update(variables)
    return env


def run_commune(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own console script
        [_commune_executable(), *args],
        env=env,
        cwd=env["COMMUNE_DATA_DIR"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], variable: str) -> str:
    """A configuration error: non-zero exit, one line on stderr naming the variable."""
    assert result.returncode != 0, f"expected a failure, got exit 0:\n{result.stdout}"
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, (
        f"expected exactly one line on stderr, got {len(lines)}:\n{result.stderr}"
    )
    assert variable in lines[0], f"the error does not name {variable}: {lines[0]}"
    return lines[0]


@pytest.fixture
def production_env(tmp_path: Path) -> dict[str, str]:
    """A complete production configuration (no demo mode), on SQLite in a temporary folder."""
    return _clean_env(
        tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path / 'commune.sqlite3'}",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="participation.example.org",
    )


@pytest.mark.parametrize(
    "database_url",
    [
        "nonsense",
        "postgres://u@h:notaport/db",
        "mysql://u@h/db",
        "postgres://u@h:5432/",
    ],
)
def test_malformed_database_url_fails_in_one_line(
    production_env: dict[str, str], database_url: str
) -> None:
    """A malformed DATABASE_URL stops the command with one line naming it, not a traceback."""
    production_env["DATABASE_URL"] = database_url
    assert_one_line_error(run_commune(production_env, "check"), "DATABASE_URL")


def test_database_url_error_hides_the_password(production_env: dict[str, str]) -> None:
    """The error message shows where the database is, never its password."""
    production_env["DATABASE_URL"] = "postgres://commune:hunter2-secret@db.example:notaport/x"
    line = assert_one_line_error(run_commune(production_env, "check"), "DATABASE_URL")
    assert "hunter2-secret" not in line


def test_production_without_secret_key_fails_in_one_line(production_env: dict[str, str]) -> None:
    """Outside demo mode a missing SECRET_KEY is refused, not replaced by a weak default."""
    del production_env["SECRET_KEY"]
    assert_one_line_error(run_commune(production_env, "check"), "SECRET_KEY")


def test_production_without_allowed_hosts_fails_in_one_line(
    production_env: dict[str, str],
) -> None:
    """Outside demo mode the host names must be given."""
    del production_env["ALLOWED_HOSTS"]
    assert_one_line_error(run_commune(production_env, "check"), "ALLOWED_HOSTS")


def test_unreadable_yes_no_variable_fails_in_one_line(production_env: dict[str, str]) -> None:
    """A yes/no variable with another value is an error, not a silent 'no'."""
    production_env["COMMUNE_DEMO"] = "maybe"
    assert_one_line_error(run_commune(production_env, "check"), "COMMUNE_DEMO")


def test_deploy_check_passes_with_production_settings(production_env: dict[str, str]) -> None:
    """With the documented production variables, Django's deploy check has nothing to say."""
    result = run_commune(production_env, "check", "--deploy")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output
    assert "WARNING" not in output, output
    assert "Traceback" not in output, output


def test_demo_mode_needs_no_secrets(tmp_path: Path) -> None:
    """COMMUNE_DEMO=1 runs with no other variable: SQLite and a generated key in the data folder."""
    env = _clean_env(tmp_path, COMMUNE_DEMO="1")
    result = run_commune(env, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (Path(env["COMMUNE_DATA_DIR"]) / "secret_key").exists()
