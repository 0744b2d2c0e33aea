"""The load driver: GET one URL N times at concurrency C, print the figures as JSON.

benchmarks.pages runs it as a separate process, so the client never shares a Python
interpreter (or its GIL) with the server it measures:

    python -m benchmarks.driver http://127.0.0.1:8123/healthz --requests 500 --concurrency 4

Each request opens its own connection (gunicorn's sync workers close it after one
response, as they do behind a proxy) and is timed from connecting until the last byte of
the body. The run stops early at --max-seconds. A response other than 200 stops the run:
the JSON then has "error" with the status and the first lines of the body. The loopback
interface is the only one allowed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
BODY_LINES_ON_ERROR = 15


@dataclass
class Run:
    host: str
    port: int
    path: str
    requests: int
    deadline: float
    latencies: list[float] = field(default_factory=list)
    error: str | None = None
    issued: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_request(self) -> bool:
        with self.lock:
            if self.error or self.issued >= self.requests or time.monotonic() > self.deadline:
                return False
            self.issued += 1
            return True


def get(host: str, port: int, path: str, timeout: float = 30) -> tuple[int, bytes, float]:
    """One GET on a new connection: (status, body, seconds)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept-Language": "fr"})
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    return response.status, body, time.perf_counter() - started


def _worker(run: Run) -> None:
    while run.next_request():
        try:
            status, body, seconds = get(run.host, run.port, run.path)
        except OSError as error:
            with run.lock:
                run.error = run.error or f"{type(error).__name__}: {error}"
            return
        if status != 200:
            lines = body.decode("utf-8", "replace").strip().splitlines()[:BODY_LINES_ON_ERROR]
            with run.lock:
                run.error = run.error or "\n".join([f"HTTP {status} on {run.path}", *lines])
            return
        with run.lock:
            run.latencies.append(seconds)


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of `values` fall (linear interpolation)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def measure(
    url: str, *, requests: int, concurrency: int, max_seconds: float, warmup: int = 3
) -> dict[str, Any]:
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK:
        raise SystemExit(f"driver: only http:// on the loopback interface, not {url!r}")
    host, port = parts.hostname, parts.port or 80
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    # The first requests fill each worker's caches (templates, translations): not timed.
    body = b""
    for _n in range(warmup):
        status, body, _seconds = get(host, port, path)
        if status != 200:
            lines = body.decode("utf-8", "replace").strip().splitlines()[:BODY_LINES_ON_ERROR]
            return {"url": url, "error": "\n".join([f"HTTP {status} on {path}", *lines])}
    run = Run(host, port, path, requests, time.monotonic() + max_seconds)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for _n in range(concurrency):
            pool.submit(_worker, run)
    elapsed = time.perf_counter() - started
    done = len(run.latencies)
    result: dict[str, Any] = {
        "url": url,
        "requests": done,
        "asked": requests,
        "concurrency": concurrency,
        "seconds": elapsed,
        "bytes": len(body),
        "p50_ms": percentile(run.latencies, 0.50) * 1000,
        "p95_ms": percentile(run.latencies, 0.95) * 1000,
        "mean_ms": statistics.fmean(run.latencies) * 1000 if done else float("nan"),
        "rps": done / elapsed if elapsed else float("nan"),
        "stopped_early": done < requests and run.error is None,
    }
    if run.error:
        result["error"] = run.error
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--max-seconds", type=float, default=30.0)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args(argv)
    result = measure(
        args.url,
        requests=args.requests,
        concurrency=args.concurrency,
        max_seconds=args.max_seconds,
        warmup=args.warmup,
    )
    print(json.dumps(result))
    return 1 if "error" in result else 0


if __name__ == "__main__":
    sys.exit(main())
