"""Reading the environment: database URLs, flags and lists; errors name the variable."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from commune.config import database_from_env, env_bool, env_list


def test_without_database_url_the_database_is_sqlite_in_the_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = database_from_env(tmp_path)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == tmp_path / "commune.sqlite3"


def test_a_postgres_url_gives_its_host_port_and_name(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://city:secret@db.example.org:5433/commune")
    config = database_from_env(tmp_path)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example.org", 5433, "commune")


@pytest.mark.parametrize(
    "url",
    ["nonsense", "mysql://u@h/db", "postgres://u@h:notaport/db", "postgres://u:pw@h:5432/"],
)
def test_a_malformed_database_url_is_refused_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, url: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured, match=r"^DATABASE_URL is malformed"):
        database_from_env(tmp_path)


def test_the_password_of_a_malformed_url_is_not_shown(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://city:hunter2@db/")
    with pytest.raises(ImproperlyConfigured) as error:
        database_from_env(tmp_path)
    assert "hunter2" not in str(error.value)


def test_yes_no_flags_refuse_anything_else(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMUNE_DEBUG", "yes")
    assert env_bool("COMMUNE_DEBUG", default=False) is True
    monkeypatch.setenv("COMMUNE_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="COMMUNE_DEBUG"):
        env_bool("COMMUNE_DEBUG", default=False)


def test_lists_ignore_blanks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLOWED_HOSTS", " a.example.org, ,b.example.org ")
    assert env_list("ALLOWED_HOSTS") == ["a.example.org", "b.example.org"]
