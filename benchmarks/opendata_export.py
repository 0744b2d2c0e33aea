"""Open-data export at scale: N contributions to CSV and to Parquet, next to PostgreSQL's COPY.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/commune_bench_opendata \\
        python -m benchmarks.opendata_export [--rows 1000000]

It migrates the database named by DATABASE_URL, fills one space ("bench-opendata") with
--rows contributions (bulk inserts in batches, kept for the next run), then exports them
with the open-data writers, once to CSV and once to Parquet, each in a fresh child process
so that its peak resident memory is the export's alone. It prints rows per second, the
resident memory at 10 %, 50 % and 100 % of the rows (it stays flat: rows are streamed), the
peak, and the time PostgreSQL's own `COPY (same SELECT) TO STDOUT` takes to hand over the
same rows and columns: the ratio is the figure (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SPACE_SLUG = "bench-opendata"
INSERT_BATCH = 10_000


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commune.settings")
    os.environ.setdefault("COMMUNE_DEMO", "1")
    import django

    django.setup()


def rss_mib() -> float:
    """Resident memory now (Linux /proc; the peak from getrusage elsewhere)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return peak_rss_mib()


def peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def bench_space() -> Any:
    from commune.spaces.models import PowerLevel, Space, SpaceKind

    space, _created = Space.objects.get_or_create(
        slug=SPACE_SLUG,
        defaults={
            "kind": SpaceKind.PROCESS,
            "title": "Grande consultation (export)",
            "summary": "Un jeu de charge pour l'export des données ouvertes.",
            "power_level": PowerLevel.CONSULTATION,
            "who_may_take_part": "Tout le monde.",
            "stakes": "Mesurer l'export.",
            "city_commitment": "Aucun.",
            "opens_on": "2026-01-01",
        },
    )
    return space


def ensure_contributions(rows: int, out: Any = sys.stdout) -> Any:
    """Insert contributions into the bench space until it holds `rows` (kept between runs)."""
    import datetime

    from django.db import transaction
    from django.utils import timezone

    from commune.contributions.models import Contribution

    space = bench_space()
    have = Contribution.objects.filter(space=space).count()
    start = timezone.now() - datetime.timedelta(days=365)
    while have < rows:
        batch = min(INSERT_BATCH, rows - have)
        with transaction.atomic():
            Contribution.objects.bulk_create(
                [
                    Contribution(
                        space=space,
                        kind="idea" if n % 3 else "proposal",
                        title=f"Idée n° {n} : des bancs, des arbres et de l'ombre",
                        body=f"Proposition {n}. Des bancs à l'ombre, « vite », sur les quais.",
                        body_html=f"<p>Proposition {n}.</p>",
                        pillar=("transparency", "participation", "co_production")[n % 3],
                        channel="paper",
                        author_name=f"Habitante {n % 5000}",
                        status="received",
                        created_at=start + datetime.timedelta(seconds=n * 7),
                        due_on=(start + datetime.timedelta(days=30)).date(),
                        support_count=n % 17,
                        comment_count=n % 5,
                    )
                    for n in range(have, have + batch)
                ],
                batch_size=INSERT_BATCH,
            )
        have += batch
        print(f"  inserted {have:,} / {rows:,} contributions", file=out, flush=True)
    return space


def bench_dataset(space_id: int) -> Any:
    from commune.opendata.datasets import CONTRIBUTIONS

    base = CONTRIBUTIONS.queryset
    return dataclasses.replace(CONTRIBUTIONS, queryset=lambda: base().filter(space_id=space_id))


def export(fmt: str, space_id: int, rows: int, folder: Path) -> dict[str, Any]:
    """Export the bench space's contributions to one format; RSS sampled along the way."""
    from django.urls import reverse

    from commune.opendata.writers import write_formats

    reverse("opendata:index")  # load the URL configuration before the clock starts
    dataset = bench_dataset(space_id)
    marks = {max(1, rows // 10): "10%", max(1, rows // 2): "50%"}
    samples: dict[str, float] = {"start": rss_mib()}

    def counted() -> Any:
        for number, row in enumerate(dataset.iter_rows(), start=1):
            if number in marks:
                samples[marks[number]] = rss_mib()
            yield row

    columns = [(column.name, column.type) for column in dataset.columns]
    path = folder / f"contributions.{fmt}"
    began = time.perf_counter()
    written = write_formats(counted(), columns, {fmt: path})
    seconds = time.perf_counter() - began
    samples["100%"] = rss_mib()
    return {
        "format": fmt,
        "rows": written,
        "seconds": seconds,
        "rows_per_second": written / seconds if seconds else 0.0,
        "bytes": path.stat().st_size,
        "rss_mib": samples,
        "peak_rss_mib": peak_rss_mib(),
    }


def copy_to_stdout(space_id: int) -> dict[str, Any]:
    """PostgreSQL's COPY of the same SELECT (same rows, same source columns), read in full."""
    from django.db import connection

    dataset = bench_dataset(space_id)
    paths = [path for column in dataset.columns for path in column.paths]
    query = dataset.queryset().order_by("pk").values_list(*paths).query
    sql, params = query.sql_with_params()
    connection.ensure_connection()
    began = time.perf_counter()
    size = 0
    statement = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, HEADER)"
    with connection.connection.cursor() as cursor, cursor.copy(statement, params) as copy:
        for block in copy:
            size += len(block)
    seconds = time.perf_counter() - began
    return {"seconds": seconds, "bytes": size}


def _child(fmt: str, space_id: int, rows: int) -> dict[str, Any]:
    """Run one export in a fresh interpreter: its peak memory is the export's only."""
    with tempfile.TemporaryDirectory(prefix="opendata-bench-") as folder:
        result = subprocess.run(  # noqa: S603 (our own module, our own arguments)
            [sys.executable, "-m", "benchmarks.opendata_export", "--child", fmt,
             "--space-id", str(space_id), "--rows", str(rows), "--folder", folder],
            capture_output=True, text=True, check=True, cwd=REPO,
        )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def report(results: list[dict[str, Any]], copy: dict[str, Any] | None, out: Any) -> None:
    for item in results:
        rss = item["rss_mib"]
        line = (
            f"{item['format']:>8}: {item['rows']:,} rows in {item['seconds']:.1f} s = "
            f"{item['rows_per_second']:,.0f} rows/s, {item['bytes'] / 2**20:.1f} MiB; "
            f"RSS start {rss['start']:.0f} MiB, 10% {rss.get('10%', 0):.0f}, "
            f"50% {rss.get('50%', 0):.0f}, 100% {rss['100%']:.0f}; "
            f"peak {item['peak_rss_mib']:.0f} MiB"
        )
        print(line, file=out)
    if copy is None:
        print("    COPY: not on PostgreSQL, no comparison", file=out)
        return
    rows = results[0]["rows"]
    copy_rate = rows / copy["seconds"] if copy["seconds"] else 0.0
    print(
        f"    COPY: {rows:,} rows in {copy['seconds']:.1f} s = {copy_rate:,.0f} rows/s "
        f"({copy['bytes'] / 2**20:.1f} MiB of CSV)",
        file=out,
    )
    for item in results:
        ratio = copy_rate / item["rows_per_second"] if item["rows_per_second"] else 0.0
        print(f"   ratio: COPY is {ratio:.1f}× faster than our {item['format']} export", file=out)


def run(rows: int, in_process: bool = False, out: Any = sys.stdout) -> dict[str, Any]:
    """Fill, export to CSV and Parquet, COPY, print; returns the figures."""
    from django.db import connection

    print(f"Filling the bench space with {rows:,} contributions…", file=out, flush=True)
    space = ensure_contributions(rows, out)
    results = []
    for fmt in ("csv", "parquet"):
        if in_process:
            with tempfile.TemporaryDirectory(prefix="opendata-bench-") as folder:
                results.append(export(fmt, space.pk, rows, Path(folder)))
        else:
            results.append(_child(fmt, space.pk, rows))
    copy = copy_to_stdout(space.pk) if connection.vendor == "postgresql" else None
    report(results, copy, out)
    return {"exports": results, "copy": copy}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--child", choices=["csv", "parquet"], help=argparse.SUPPRESS)
    parser.add_argument("--space-id", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    setup_django()
    if args.child:
        result = export(args.child, args.space_id, args.rows, Path(args.folder))
        print(json.dumps(result))
        return
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    run(args.rows)


if __name__ == "__main__":
    main()
