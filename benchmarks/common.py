"""What benchmarks.pages and benchmarks.queries share: a fresh database, the data, the pages.

Django is set up in the calling process with production settings (or demo settings for
the query counts), pointed at a database made for the run: a SQLite file in a temporary
folder, or a PostgreSQL database dropped and created again.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

# loadscale's sizes: "full" is the figure in the issue, "small" a tenth of it.
SCALES: dict[str, dict[str, int]] = {
    "small": {"contributions": 1_000, "supports": 10_000, "comments": 5_000},
    "full": {"contributions": 10_000, "supports": 100_000, "comments": 50_000},
}
POSTGRES_ADMIN_URL = os.environ.get(
    "BENCH_POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
POSTGRES_DATABASE = os.environ.get("BENCH_POSTGRES_DATABASE", "commune_bench")
# Where the pages are measured from: the loopback interface only.
HOST = "127.0.0.1"


@dataclass(frozen=True)
class Page:
    label: str
    path: str


def database_url(kind: str, folder: Path, name: str = POSTGRES_DATABASE) -> str:
    """Create an empty database for the run and return its DATABASE_URL."""
    if kind == "sqlite":
        return f"sqlite:///{folder / 'bench.sqlite3'}"
    if kind == "postgres":
        _postgres(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _postgres(f'CREATE DATABASE "{name}"')
        base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
        return f"{base}/{name}"
    raise ValueError(f"unknown database {kind!r} (sqlite or postgres)")


def drop_database(kind: str, name: str = POSTGRES_DATABASE) -> None:
    if kind == "postgres":
        from django.db import connections

        connections.close_all()
        _postgres(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres(sql: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        connection.execute(sql)


def production_environment(folder: Path, url: str) -> dict[str, str]:
    """The environment of a production deployment on loopback, minus HTTPS."""
    env = {k: v for k, v in os.environ.items() if k not in {"COMMUNE_DEMO", "COMMUNE_DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="commune.settings",
        DATABASE_URL=url,
        SECRET_KEY="benchmark-" + "x" * 60,
        ALLOWED_HOSTS=HOST,
        COMMUNE_DATA_DIR=str(folder / "data"),
        # No TLS on loopback: without this every request would be redirected to https.
        SECURE_SSL_REDIRECT="0",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    )
    return env


def setup_django(env: dict[str, str]) -> None:
    """Set up Django in this process with `env` (call once, before any Django import)."""
    os.environ.clear()
    os.environ.update(env)
    from commune.i18n import compile_catalogs

    compile_catalogs()
    import django

    django.setup()


def load(scale: dict[str, int], *, demo: bool, verbosity: int = 1) -> float:
    """Migrate, load the demo city (unless told not to) and loadscale; return the seconds."""
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    with open(os.devnull, "w") as devnull:
        out = sys.stdout if verbosity else devnull
        if demo:
            call_command("loaddemo", stdout=out)
        call_command("loadscale", stdout=out, **scale)
    analyze()
    return time.perf_counter() - started


def analyze() -> None:
    """Refresh PostgreSQL's planner statistics after the bulk load.

    Autovacuum does it on its own within a minute or so of a large change; doing it here
    keeps the figures from depending on whether it has run yet.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def pages(slug: str) -> tuple[list[Page], list[str]]:
    """The pages to measure, with the trivial view first; and the names not there yet."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    from commune.contributions.models import Contribution

    space_contributions = Contribution.objects.filter(space__slug=slug)
    most = space_contributions.order_by("-comment_count", "pk").first()
    wanted: list[tuple[str, str, dict[str, Any]]] = [
        ("trivial view (/healthz)", "health", {}),
        ("space page", "spaces:detail", {"slug": slug}),
        ("contributions list", "contributions:list", {"space_slug": slug}),
        (
            f"contribution ({most.comment_count if most else 0} comments)",
            "contributions:detail",
            {"pk": most.pk if most else 0},
        ),
        ("accountability, space", "accountability:space", {"space_slug": slug}),
        ("accountability, city", "accountability:city", {}),
    ]
    found, missing = [], []
    with translation.override("fr"):
        for label, name, kwargs in wanted:
            try:
                found.append(Page(label, reverse(name, kwargs=kwargs or None)))
            except NoReverseMatch:
                missing.append(name)
    return found, missing


def describe_machine(kind: str) -> str:
    """One line saying where the figures come from."""
    import django
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            cursor.execute("SELECT sqlite_version()")
            database = f"SQLite {cursor.fetchone()[0]}"
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return (
        f"{platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"Django {django.get_version()}, {database}, commit {commit or '?'}"
    )
