"""The accountability pages of the city and of a space: figures, charts, lists, exports."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from commune.accountability import stats
from commune.accountability.models import Commitment, Decision, DecisionContribution
from commune.accounts.models import CityService
from commune.contributions.models import Channel, Contribution, Pillar, Status
from commune.spaces.models import Space
from tests.accountability.html import content, element, table_rows, text
from tests.factories import DecisionFactory, SpaceFactory, days_from_today

pytestmark = pytest.mark.django_db


def en(name: str, **kwargs: object) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def answered_after(contribution: Contribution, days: float, status: str = Status.ACCEPTED) -> None:
    """Record that the first answer came `days` after submission (as the service would have)."""
    Contribution.objects.filter(pk=contribution.pk).update(
        first_answered_at=contribution.created_at + datetime.timedelta(days=days), status=status
    )


@pytest.fixture
def example(make_contribution) -> Space:
    """Seven contributions in a space that answers within 10 days, worked out by hand.

    Answered after 1, 2 and 4 days (within the delay) and after 15 days (late); one
    unanswered past its due date (overdue), one recent (waiting), one withdrawn unanswered.
    Within the delay: 3 of the 5 answered or overdue = 60 %. Median of 1, 2, 4, 15 = 3 days.
    """
    space = SpaceFactory(title="Conseil de quartier Dervallières", answer_delay_days=10)
    for days_ago, answered, status in [
        (50, 1, Status.DONE),
        (20, 2, Status.ACCEPTED),
        (30, 4, Status.REJECTED),
        (20, 15, Status.UNDER_STUDY),
    ]:
        answered_after(make_contribution(days_ago=days_ago, space=space), answered, status)
    make_contribution("Un composteur collectif", days_ago=15, space=space)
    make_contribution(days_ago=3, space=space)
    make_contribution(days_ago=40, space=space, withdrawn_at=timezone.now())
    return space


def test_the_figures_on_a_small_example_worked_out_by_hand(example: Space) -> None:
    figures = stats.contribution_figures(Contribution.objects.filter(space=example))
    assert figures.timeliness == stats.Timeliness(
        total=7, within=3, late=1, overdue=1, waiting=1, withdrawn=1
    )
    assert figures.timeliness.share_within == 60
    assert figures.median_days == pytest.approx(3.0)
    assert dict(figures.by_status) == {
        Status.RECEIVED: 3,
        Status.UNDER_STUDY: 1,
        Status.ACCEPTED: 1,
        Status.PARTLY_ACCEPTED: 0,
        Status.REJECTED: 1,
        Status.IN_PROGRESS: 0,
        Status.DONE: 1,
    }


@pytest.mark.parametrize("page", ["city", "space"])
def test_the_page_shows_the_figures(client, example: Space, page: str) -> None:
    url = (
        en("accountability:city")
        if page == "city"
        else en("accountability:space", space_slug=example.slug)
    )
    html = content(client.get(url))
    figures = {
        name: text(element(html, "dd", f"figure-{name}"))
        for name in ("total", "answered", "within", "median", "overdue")
    }
    assert figures == {
        "total": "7",
        "answered": "4",
        "within": "60%",
        "median": "3.0 days",
        "overdue": "1",
    }
    assert (
        "3 out of the 5 contributions that have been answered or whose due date has passed"
        in text(html)
    )
    overdue = table_rows(html, "overdue-table")
    assert len(overdue) == 1
    assert overdue[0][0] == "Un composteur collectif"
    assert overdue[0][-1] == "5"  # days overdue


def test_the_figures_in_french(client, example: Space) -> None:
    with translation.override("fr"):
        html = content(client.get(reverse("accountability:city")))
    assert text(element(html, "dd", "figure-within")) == "60 %"
    assert text(element(html, "dd", "figure-median")) == "3,0 jours"


def test_a_space_page_counts_only_its_own_contributions(client, example, make_contribution) -> None:
    make_contribution(days_ago=100, space=SpaceFactory(title="Autre"))
    html = content(client.get(en("accountability:space", space_slug=example.slug)))
    assert text(element(html, "dd", "figure-total")) == "7"
    assert text(element(html, "dd", "figure-overdue")) == "1"
    city = content(client.get(en("accountability:city")))
    assert text(element(city, "dd", "figure-total")) == "8"
    assert text(element(city, "dd", "figure-overdue")) == "2"


def test_the_city_page_lists_each_space_with_its_figures(client, example) -> None:
    html = content(client.get(en("accountability:city")))
    rows = table_rows(html, "spaces-table")
    assert rows == [["Conseil de quartier Dervallières", "7", "4", "60%", "1"]]
    assert en("accountability:space", space_slug=example.slug) in html
    assert en("accountability:decisions") in html


def test_a_draft_space_has_no_public_accountability_page(client, agent) -> None:
    draft = SpaceFactory(is_published=False)
    url = en("accountability:space", space_slug=draft.slug)
    assert client.get(url).status_code == 404
    client.force_login(agent)
    assert client.get(url).status_code == 200


def _svg(html: str, chart_id: str) -> str:
    match = re.search(
        rf'<svg[^>]*aria-labelledby="{chart_id}-title {chart_id}-desc".*?</svg>', html, re.S
    )
    assert match, f"no chart {chart_id}"
    return match.group(0)


def test_each_chart_has_a_title_a_description_and_a_table_of_the_same_figures(
    client, example
) -> None:
    html = content(client.get(en("accountability:space", space_slug=example.slug)))
    timeliness = _svg(html, "timeliness-chart")
    assert 'role="img"' in timeliness
    assert '<title id="timeliness-chart-title">' in timeliness
    description = text(element(timeliness, "desc", "timeliness-chart-desc"))
    assert description == (
        "Conseil de quartier Dervallières: 7 contributions. 3 answered within the delay, "
        "1 answered late, 1 overdue without an answer, 1 awaiting an answer within the "
        "delay, 1 withdrawn before an answer."
    )
    assert table_rows(html, "timeliness-table") == [
        ["Answered within the delay", "3", "43%"],
        ["Answered late", "1", "14%"],
        ["Overdue, not answered yet", "1", "14%"],
        ["Awaiting an answer, within the delay", "1", "14%"],
        ["Withdrawn before an answer", "1", "14%"],
    ]
    legend = [text(t) for t in re.findall(r'<text class="chart-label".*?</text>', timeliness, re.S)]
    assert legend[0] == "Answered within the delay: 3 (43%)"

    by_status = _svg(html, "status-chart")
    assert '<title id="status-chart-title">Contributions by status</title>' in by_status
    labels = re.findall(r'<text class="chart-label"[^>]*>([^<]*)</text>', by_status)
    values = re.findall(r'<text class="chart-value"[^>]*>([^<]*)</text>', by_status)
    assert [[label, value] for label, value in zip(labels, values, strict=True)] == table_rows(
        html, "status-table"
    )
    assert "Received 3, Under study 1, Accepted 1" in text(
        element(by_status, "desc", "status-chart-desc")
    )


def test_the_commitments_chart_counts_them_by_status(client, space) -> None:
    decision = DecisionFactory(space=space)
    service = CityService.objects.create(name="Jardins")
    for progress, target in [(0, 30), (50, 30), (50, -2), (100, -2), (100, 30)]:
        Commitment.objects.create(
            decision=decision,
            title=f"{progress} {target}",
            owner_service=service,
            target_date=days_from_today(target),
            progress=progress,
        )
    html = content(client.get(en("accountability:space", space_slug=space.slug)))
    assert table_rows(html, "commitment-table") == [
        ["Planned", "1"],
        ["In progress", "1"],
        ["Done", "2"],
        ["Late", "1"],
    ]
    chart = _svg(html, "commitment-chart")
    assert re.findall(r'<text class="chart-value"[^>]*>([^<]*)</text>', chart) == [
        "1",
        "1",
        "2",
        "1",
    ]


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_the_overdue_export(client, example, make_contribution) -> None:
    make_contribution("Ailleurs", days_ago=90, space=SpaceFactory(title="Autre"))
    rows = _csv(client.get(en("accountability:overdue_export")))
    assert rows[0] == [
        "Number",
        "Title",
        "Space",
        "Submitted on",
        "Answer due by",
        "Days overdue",
        "Status",
        "Address",
    ]
    assert [row[1] for row in rows[1:]] == ["Ailleurs", "Un composteur collectif"]
    assert rows[2][5] == "5"
    space_rows = _csv(client.get(en("accountability:overdue_export") + f"?space={example.slug}"))
    assert [row[1] for row in space_rows[1:]] == ["Un composteur collectif"]
    response = client.get(en("accountability:overdue_export") + f"?space={example.slug}")
    assert f'filename="en-retard-{example.slug}.csv"' in response["Content-Disposition"]


def test_the_overdue_export_of_a_draft_space_is_hidden(client) -> None:
    draft = SpaceFactory(is_published=False)
    response = client.get(en("accountability:overdue_export") + f"?space={draft.slug}")
    assert response.status_code == 404


# --- A constant number of queries ----------------------------------------------------------


def _bulk_data(spaces: int, per_space: int, commitments: int) -> Decision:
    """Contributions of every kind (answered, late, overdue, waiting) and commitments."""
    now = timezone.now()
    contributions = []
    for index in range(spaces):
        space = SpaceFactory(answer_delay_days=10)
        for n in range(per_space):
            created = now - datetime.timedelta(days=n % 40, hours=n % 7)
            answered = created + datetime.timedelta(days=n % 17) if n % 3 else None
            contributions.append(
                Contribution(
                    space=space,
                    title=f"Contribution {index}-{n}",
                    body="Texte",
                    body_html="<p>Texte</p>",
                    pillar=Pillar.PARTICIPATION,
                    channel=Channel.PAPER,
                    author_name="Jeanne",
                    created_at=created,
                    due_on=timezone.localtime(created).date() + datetime.timedelta(days=10),
                    first_answered_at=answered,
                    status=Status.ACCEPTED if answered else Status.RECEIVED,
                )
            )
    created_contributions = Contribution.objects.bulk_create(contributions)
    decisions = [DecisionFactory(space=None) for _ in range(3)]
    DecisionContribution.objects.bulk_create(
        [
            DecisionContribution(decision=decisions[n % 3], contribution=c)
            for n, c in enumerate(created_contributions[:commitments])
        ]
    )
    service = CityService.objects.create(name=f"Service {spaces}")
    Commitment.objects.bulk_create(
        [
            Commitment(
                decision=decisions[n % 3],
                title=f"Engagement {n}",
                owner_service=service,
                target_date=days_from_today(n % 20 - 10),
                progress=(n * 13) % 101,
            )
            for n in range(commitments)
        ]
    )
    return decisions[0]


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["city", "space", "decisions", "decision"])
def test_the_pages_make_the_same_number_of_queries_whatever_the_data(
    client, django_assert_num_queries, page: str
) -> None:
    def url(decision: Decision) -> str:
        if page == "city":
            return en("accountability:city")
        if page == "space":
            slug = Space.objects.order_by("-pk").first().slug
            return en("accountability:space", space_slug=slug)
        if page == "decisions":
            return en("accountability:decisions")
        return en("accountability:decision", pk=decision.pk)

    small = _bulk_data(spaces=1, per_space=10, commitments=3)
    expected = _count(client, url(small))
    large = _bulk_data(spaces=3, per_space=120, commitments=150)
    assert Contribution.objects.overdue().count() > 50  # more than the page lists
    large_url = url(large)
    with django_assert_num_queries(expected):
        client.get(large_url)
