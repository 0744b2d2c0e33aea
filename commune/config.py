"""Reading Commune's configuration from environment variables, with errors that name them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_SUPPORTED_SCHEMES = ("sqlite", "postgres", "postgresql", "pgsql")


def env_bool(name: str, *, default: bool) -> bool:
    """Read a yes/no variable; anything unexpected is an error rather than a silent False."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0 (true or false), not {raw!r}.")


def env_list(name: str) -> list[str]:
    """Read a comma-separated variable into a list, ignoring blanks."""
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def database_from_env(data_dir: Path) -> dict[str, Any]:
    """The default database: DATABASE_URL when set, else SQLite in the data folder."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": data_dir / "commune.sqlite3",
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme not in _SUPPORTED_SCHEMES:
        raise ImproperlyConfigured(
            "DATABASE_URL is malformed: expected postgres://user:password@host:port/name "
            f"or sqlite:///path/to/file, got {_redact(url)!r}."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is malformed: {error}.") from error
    if scheme != "sqlite" and not config.get("NAME"):
        raise ImproperlyConfigured(
            f"DATABASE_URL is malformed: no database name in {_redact(url)!r}."
        )
    return config


def _redact(url: str) -> str:
    """Hide a password in a URL before it is shown in an error message."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}"
