"""The participation figures count every action entered with an agent's help as assisted."""

from __future__ import annotations

import pytest

from commune.accounts.models import Resident
from commune.budgets import assisted as budget_assisted
from commune.contributions import assisted as contribution_assisted
from commune.insights import figures
from commune.meetings import assisted as meeting_assisted
from commune.spaces.models import Space
from tests.factories import (
    AgendaItemFactory,
    BudgetProjectFactory,
    ContributionFactory,
    SpaceFactory,
)

pytestmark = pytest.mark.django_db


def _assisted(space: Space) -> list[bool]:
    return [act.assisted for act in figures.acts_of_spaces(Space.objects.filter(pk=space.pk))]


def test_an_assisted_contribution_and_support_count_as_assisted(
    agent: Resident, helped: Resident
) -> None:
    space = SpaceFactory(components=["contributions", "meetings", "budget"])
    online = ContributionFactory(space=space)  # someone else's, online: not assisted
    contribution_assisted.submit_with_help(
        agent=agent,
        resident=helped,
        space=space,
        title="Un banc",
        body="Devant la poste.",
        pillar="participation",
        kind="idea",
        neighbourhood=None,
        by_phone=False,
    )
    contribution_assisted.support_with_help(agent=agent, resident=helped, contribution=online)

    assert sorted(_assisted(space)) == [False, True, True]


def test_assisted_agenda_items_supports_and_ballots_count_as_assisted(
    agent: Resident, helped: Resident
) -> None:
    space = SpaceFactory(components=["meetings", "budget"])
    item = AgendaItemFactory(meeting__space=space)  # proposed online by someone else
    meeting_assisted.propose_item_with_help(
        agent=agent, resident=helped, meeting=item.meeting, title="La piscine"
    )
    meeting_assisted.support_item_with_help(agent=agent, resident=helped, item=item)
    project = BudgetProjectFactory(budget__space=space)
    budget_assisted.cast_ballot_with_help(
        agent=agent,
        resident=helped,
        budget=project.budget,
        choices=[project.pk],
        age_confirmed=True,
    )

    assert sorted(_assisted(space)) == [False, True, True, True]
    make_up = figures.make_up(figures.acts_of_spaces([space]), None, {}, {})
    assert make_up.assisted == 3
