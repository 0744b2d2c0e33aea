"""Running calls at the same instant on separate database connections, for race tests."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections


def postgresql_only(what: str) -> list[pytest.MarkDecorator]:
    """Marks for a race test: real transactions, and PostgreSQL (SQLite has one writer)."""
    return [
        pytest.mark.django_db(transaction=True),
        pytest.mark.skipif(
            connection.vendor == "sqlite",
            reason=f"SQLite serialises writers with one database lock: concurrent {what} "
            "only make sense on PostgreSQL, where CI runs this test",
        ),
    ]


def run_together(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls in threads released at the same instant, each on its own connection."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results
