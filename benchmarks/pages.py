"""Serve the large data set with the production configuration and measure the pages.

    python -m benchmarks.pages [--database sqlite|postgres] [--requests N]
                               [--concurrency C] [--scale full|small]

1. Creates a fresh database (a SQLite file in a temporary folder, or the PostgreSQL
   database ``commune_bench``, dropped and created again), migrates it, loads the demo
   city and ``commune loadscale`` (full: 10,000 contributions, 100,000 supports, 50,000
   comments, one contribution with 1,000 of them).
2. Collects the static files and starts gunicorn (``commune.wsgi``, 2 sync workers) with
   production settings (no COMMUNE_DEMO; SECRET_KEY, ALLOWED_HOSTS=127.0.0.1 and
   DATABASE_URL set; SECURE_SSL_REDIRECT=0 since there is no TLS on loopback) on a free
   port of 127.0.0.1, and waits for /healthz.
3. For each page, runs benchmarks.driver in a second process: N GET requests at
   concurrency C (at most --max-seconds each), every answer must be 200.
4. Prints p50, p95 and requests/s per page next to the trivial view (/healthz, one
   ``SELECT 1``): the ratios are the figure, the absolute numbers depend on the machine.
5. Stops gunicorn and removes the database and the temporary folder.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from benchmarks.common import (
    HOST,
    SCALES,
    Page,
    database_url,
    describe_machine,
    drop_database,
    load,
    pages,
    production_environment,
    setup_django,
)

WORKERS = 2
START_TIMEOUT = 60


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "commune.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(WORKERS),
        "--error-logfile",
        str(log),
    ]
    # Its own session, so stopping it stops its workers too, and nothing else.
    return subprocess.Popen(  # noqa: S603
        command, env=env, cwd=env["COMMUNE_DATA_DIR"], start_new_session=True
    )


def wait_until_healthy(server: subprocess.Popen[bytes], port: int, log: Path) -> None:
    url = f"http://{HOST}:{port}/healthz"
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {server.returncode}):\n{_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer {url} within {START_TIMEOUT} s:\n{_tail(log)}")


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=5)


def _tail(log: Path, lines: int = 30) -> str:
    if not log.exists():
        return "(no log)"
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def drive(page: Page, port: int, args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    """Measure one page from a separate process (benchmarks.driver)."""
    command = [
        sys.executable,
        "-m",
        "benchmarks.driver",
        f"http://{HOST}:{port}{page.path}",
        "--requests",
        str(args.requests),
        "--concurrency",
        str(args.concurrency),
        "--max-seconds",
        str(args.max_seconds),
    ]
    finished = subprocess.run(  # noqa: S603
        command,
        env=env,
        capture_output=True,
        text=True,
        timeout=args.max_seconds + 120,
        check=False,
    )
    try:
        result = json.loads(finished.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        result = {"error": f"the driver failed:\n{finished.stderr.strip()}"}
    result["label"] = page.label
    result["path"] = page.path
    return result


def table(results: list[dict[str, Any]]) -> str:
    """The figures, with each page's ratios to the trivial view (the first row)."""
    trivial = results[0]
    head = (
        f"{'page':<34} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} "
        f"{'p50 / trivial':>13} {'req/s trivial / page':>20}"
    )
    rows = [head, "-" * len(head)]
    for result in results:
        marker = "*" if result.get("stopped_early") else ""
        p50_ratio = result["p50_ms"] / trivial["p50_ms"]
        rps_ratio = trivial["rps"] / result["rps"] if result["rps"] else math.inf
        rows.append(
            f"{result['label']:<34} {str(result['requests']) + marker:>8} "
            f"{result['p50_ms']:>8.1f} {result['p95_ms']:>8.1f} {result['rps']:>8.1f} "
            f"{p50_ratio:>12.1f}× {rps_ratio:>19.1f}×"
        )
    return "\n".join(rows)


def run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="commune-bench-") as tmp:
        folder = Path(tmp)
        (folder / "data").mkdir()
        url = database_url(args.database, folder)
        env = production_environment(folder, url)
        setup_django(env)
        server = None
        try:
            scale = SCALES[args.scale]
            print(f"Loading the {args.scale} data set on {args.database}: {scale}")
            seconds = load(scale, demo=not args.no_demo)
            print(f"Loaded in {seconds:.0f} s.")
            from django.core.management import call_command
            from django.db import connections

            from commune.core.management.commands.loadscale import DEFAULT_SLUG

            call_command("collectstatic", interactive=False, verbosity=0)
            targets, missing = pages(DEFAULT_SLUG)
            machine = describe_machine(args.database)
            connections.close_all()

            port = free_port()
            log = folder / "gunicorn.log"
            server = start_gunicorn(env, port, log)
            wait_until_healthy(server, port, log)
            print(
                f"gunicorn, {WORKERS} sync workers, on {HOST}:{port}; {args.requests} requests "
                f"per page at concurrency {args.concurrency} (at most {args.max_seconds:.0f} s)."
            )
            load_before = os.getloadavg()[0]
            if load_before > 1:
                print(
                    f"Note: the machine is busy (load average {load_before:.1f}) before the "
                    "measures: other processes will slow the pages down."
                )
            results = []
            for page in targets:
                print(f"  {page.label}: {page.path}", flush=True)
                result = drive(page, port, args, env)
                if "error" in result:
                    print(f"\nAborted on {page.label} ({page.path}):\n{result['error']}")
                    print(f"\ngunicorn's log:\n{_tail(log)}")
                    return 1
                results.append(result)
            print()
            print(f"{args.database}, {args.scale} scale — {machine}")
            print(
                f"gunicorn {WORKERS} workers, concurrency {args.concurrency}; load average "
                f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
            )
            print(table(results))
            if any(result.get("stopped_early") for result in results):
                print(f"* stopped at {args.max_seconds:.0f} s before all requests were sent.")
            if missing:
                print(f"Not measured (no such URL yet): {', '.join(missing)}")
            return 0
        finally:
            if server is not None:
                stop(server)
            drop_database(args.database)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.pages", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--requests", type=int, default=500, help="per page (500)")
    parser.add_argument(
        "--concurrency", type=int, default=WORKERS, help="parallel clients (2, one per worker)"
    )
    parser.add_argument("--scale", choices=sorted(SCALES), default="full")
    parser.add_argument("--max-seconds", type=float, default=30.0, help="time limit per page (30)")
    parser.add_argument(
        "--no-demo", action="store_true", help="skip the demo city, load only loadscale's space"
    )
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
