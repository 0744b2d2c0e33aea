"""The roll and the box under simultaneous ballots (real connections, PostgreSQL)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.db import connections

from commune.budgets import services
from commune.budgets.models import Ballot, RollEntry
from tests.concurrency import postgresql_only, run_together
from tests.factories import BudgetFactory, BudgetProjectFactory, ResidentFactory

pytestmark = postgresql_only("ballots")

# PostgreSQL allows 100 connections by default: 200 voters share 40 of them, all started at
# the same instant, each connection casting five ballots one after the other.
CONNECTIONS = 40


def run_on_connections(calls: list[Callable[[], Any]], connections_count: int) -> None:
    """Run the calls on `connections_count` threads released together, each on its own
    connection, taking the calls in turn."""
    barrier = threading.Barrier(connections_count)
    errors: list[BaseException] = []
    chunks = [calls[index::connections_count] for index in range(connections_count)]

    def run(chunk: list[Callable[[], Any]]) -> None:
        try:
            barrier.wait()
            for call in chunk:
                call()
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors[:3]


def test_thirty_simultaneous_ballots_of_one_resident_leave_one_ballot_and_one_entry() -> None:
    budget = BudgetFactory()
    projects = BudgetProjectFactory.create_batch(3, budget=budget, estimated_cost=30_000)
    resident = ResidentFactory()
    choices = [[projects[n % 3].pk] for n in range(30)]
    run_together(
        [
            lambda chosen=chosen: services.cast_ballot(
                budget=budget, resident=resident, choices=chosen, age_confirmed=True
            )
            for chosen in choices
        ]
    )
    assert RollEntry.objects.filter(budget=budget).count() == 1
    assert Ballot.objects.filter(budget=budget).count() == 1


def test_two_hundred_residents_voting_at_once_are_all_counted() -> None:
    budget = BudgetFactory()
    projects = BudgetProjectFactory.create_batch(4, budget=budget, estimated_cost=30_000)
    residents = ResidentFactory.create_batch(200)
    # Resident n approves project n % 4, and project 0 as well when n is even.
    wanted = [
        sorted({projects[n % 4].pk} | ({projects[0].pk} if n % 2 == 0 else set()))
        for n in range(200)
    ]
    run_on_connections(
        [
            lambda resident=resident, chosen=chosen: services.cast_ballot(
                budget=budget, resident=resident, choices=chosen, age_confirmed=True
            )
            for resident, chosen in zip(residents, wanted, strict=True)
        ],
        CONNECTIONS,
    )
    assert RollEntry.objects.filter(budget=budget).count() == 200
    assert Ballot.objects.filter(budget=budget).count() == 200
    counted = Counter(pid for ballot in services.ballots(budget) for pid in ballot)
    expected = Counter(pid for chosen in wanted for pid in chosen)
    assert counted == expected
    assert counted[projects[0].pk] == 100  # every even resident
