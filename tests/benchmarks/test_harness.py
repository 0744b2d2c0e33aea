"""The pieces of benchmarks/: the load driver, the tables, the pages and their query counts."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command

from benchmarks import driver, pages, queries
from benchmarks.common import SCALES, Page
from benchmarks.common import pages as benchmark_pages
from commune.core.management.commands.loadscale import DEFAULT_SLUG


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status = 200 if self.path == "/ok" else 404
        body = b"fine" if status == 200 else b"Not here\nsecond line\n"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_percentile_interpolates() -> None:
    values = [float(n) for n in range(1, 101)]
    assert driver.percentile(values, 0.5) == pytest.approx(50.5)
    assert driver.percentile(values, 0.95) == pytest.approx(95.05)
    assert driver.percentile([3.0], 0.95) == 3.0


def test_the_driver_sends_the_requests_and_measures_them(server: str) -> None:
    result = driver.measure(f"{server}/ok", requests=40, concurrency=4, max_seconds=10)
    assert "error" not in result
    assert result["requests"] == 40
    assert 0 < result["p50_ms"] <= result["p95_ms"]
    assert result["rps"] > 0
    assert not result["stopped_early"]


def test_a_non_200_answer_stops_the_run_with_the_start_of_the_body(server: str) -> None:
    result = driver.measure(f"{server}/missing", requests=10, concurrency=2, max_seconds=10)
    assert result["error"].splitlines()[:2] == ["HTTP 404 on /missing", "Not here"]


def test_the_driver_only_talks_to_the_loopback_interface() -> None:
    with pytest.raises(SystemExit, match="loopback"):
        driver.measure("http://example.org/", requests=1, concurrency=1, max_seconds=1)


def test_the_pages_table_gives_ratios_to_the_trivial_view() -> None:
    results = [
        {"label": "trivial", "requests": 10, "p50_ms": 2.0, "p95_ms": 3.0, "rps": 400.0},
        {"label": "list", "requests": 10, "p50_ms": 20.0, "p95_ms": 30.0, "rps": 50.0},
    ]
    lines = pages.table(results).splitlines()
    assert lines[0].split()[:2] == ["page", "requests"]
    assert lines[3].split()[-2:] == ["10.0×", "8.0×"]


def test_the_queries_table_flags_a_count_that_grows() -> None:
    targets = [Page("list", "/a"), Page("detail", "/b")]
    text, constant = queries.table(
        targets, {"list": (5, 6), "detail": (4, 5)}, {"list": (5, 6), "detail": (4, 9)}
    )
    assert not constant
    assert "grows" in text.splitlines()[3]
    assert "grows" not in text.splitlines()[2]


def test_the_full_scale_is_the_issues_figure() -> None:
    assert SCALES["full"] == {"contributions": 10_000, "supports": 100_000, "comments": 50_000}


@pytest.mark.django_db
def test_page_query_counts_do_not_grow_with_the_data() -> None:
    """A small version of `python -m benchmarks.queries`: 20, then 80 contributions."""
    call_command(
        "loadscale", stdout=StringIO(), contributions=20, supports=100, comments=60, residents=40
    )
    targets = queries.page_list(DEFAULT_SLUG)
    assert targets[0].path == "/healthz"
    resident = queries.active_resident(DEFAULT_SLUG)
    small = queries.counts_for(targets, resident)
    call_command(
        "loadscale",
        stdout=StringIO(),
        space=DEFAULT_SLUG,
        contributions=60,
        supports=400,
        comments=240,
        residents=40,
    )
    full = queries.counts_for(targets, resident)
    text, constant = queries.table(targets, small, full)
    assert constant, text


@pytest.mark.django_db
def test_the_measured_pages_include_the_most_commented_contribution() -> None:
    call_command("loadscale", stdout=StringIO(), contributions=6, supports=10, comments=20)
    found, _missing = benchmark_pages(DEFAULT_SLUG)
    assert found[0] == Page("trivial view (/healthz)", "/healthz")
    assert any(page.label == "contribution (10 comments)" for page in found) or _missing
