"""The demo city's budgets: one counted and followed up, one open for voting."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from commune.budgets.models import Ballot, Budget, BudgetPhase, RollEntry

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_finished_neighbourhood_budget_and_an_open_city_one() -> None:
    call_command("loaddemo", stdout=StringIO())
    north = Budget.objects.get(space__neighbourhood__slug="nantes-nord")
    assert north.phase() == BudgetPhase.FOLLOW_UP
    assert north.results["ballots"] == 60
    assert RollEntry.objects.filter(budget=north).count() == 60
    assert RollEntry.objects.filter(budget=north, channel="paper").count() == 1
    assert not Ballot.objects.filter(budget=north).exclude(token_hash=None).exists()
    # Equal Shares and greedy fund different projects: the comparison has something to show.
    assert set(north.results["selected"]) != set(north.results["comparison"]["selected"])
    assert north.decision is not None
    assert north.projects.exclude(commitment=None).count() == len(north.results["selected"])
    assert north.projects.filter(status="not_feasible").exists()

    city = Budget.objects.get(space__neighbourhood=None)
    assert city.phase() == BudgetPhase.VOTE
    assert city.ballots.count() == RollEntry.objects.filter(budget=city).count() > 0
    assert not RollEntry.objects.filter(
        budget=city, resident__email="habitante@demo.commune.fr"
    ).exists()
    assert city.projects.exclude(contribution=None).exists()
