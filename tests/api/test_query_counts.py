"""A list costs the same number of queries however many rows its page holds (no N+1)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    CommentFactory,
    CommitmentFactory,
    ContributionFactory,
    DecisionFactory,
    MeetingFactory,
    StatusChangeFactory,
)


def _queries(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def _more_rows(city: Any) -> None:
    for _ in range(3):
        contribution = ContributionFactory(space=city.space)
        StatusChangeFactory(contribution=contribution)
        CommentFactory(contribution=contribution)
        decision = DecisionFactory(space=city.space)
        decision.contributions.add(contribution)
        CommitmentFactory(decision=decision)
        meeting = MeetingFactory(space=city.space)
        AgendaItemFactory(meeting=meeting)
        AttendanceFactory(meeting=city.meeting)


@pytest.mark.parametrize(
    "name",
    ["contributions", "comments", "decisions", "meetings"],
)
def test_lists_do_not_query_per_row(client, city, name) -> None:
    path = f"/api/v1/{name}/"
    before = _queries(client, path)
    _more_rows(city)
    client.get(path)  # the throttle's and the ETag memo's cache rows are now warm
    assert _queries(client, path) <= before
