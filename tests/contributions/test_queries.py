"""The list and the contribution page make the same number of queries whatever the volume."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commune.contributions.models import Comment, Contribution, Support
from commune.core.markup import render_markdown
from tests.factories import ContributionFactory, ResidentFactory

pytestmark = pytest.mark.django_db


def _bulk_contributions(space, count: int, author) -> list[Contribution]:
    template = ContributionFactory.build(space=space, author=author)
    return Contribution.objects.bulk_create(
        [
            Contribution(
                space=space,
                title=f"Idée {n}",
                body=template.body,
                body_html=template.body_html,
                pillar=("transparency", "participation", "co_production")[n % 3],
                channel=("online", "paper")[n % 2],
                author=author,
                author_name="Jeanne",
                due_on=template.due_on,
                support_count=n % 7,
                comment_count=n % 5,
            )
            for n in range(count)
        ]
    )


def _bulk_comments(contribution: Contribution, count: int, authors) -> None:
    """`count` comments: a third top-level, the rest replies on two levels."""
    html = render_markdown("Un avis")
    tops = Comment.objects.bulk_create(
        [
            Comment(
                contribution=contribution,
                author=authors[n % len(authors)],
                body="Un avis",
                body_html=html,
                stance=("for", "against", "neutral")[n % 3],
            )
            for n in range(count // 3)
        ]
    )
    replies = Comment.objects.bulk_create(
        [
            Comment(
                contribution=contribution,
                parent=tops[n % len(tops)],
                depth=1,
                author=authors[n % len(authors)],
                body="Une réponse",
                body_html=html,
            )
            for n in range(count // 3)
        ]
    )
    Comment.objects.bulk_create(
        [
            Comment(
                contribution=contribution,
                parent=replies[n % len(replies)],
                depth=2,
                author=authors[n % len(authors)],
                body="Et encore",
                body_html=html,
            )
            for n in range(count - 2 * (count // 3))
        ]
    )


def _count_queries(client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"sort": "random"}, {"sort": "supported", "q": "Idée"}])
@pytest.mark.parametrize("logged_in", [False, True])
def test_the_lists_make_a_constant_number_of_queries(
    client, space, resident, params, logged_in, django_assert_num_queries
) -> None:
    if logged_in:
        client.force_login(resident)
    authors = ResidentFactory.create_batch(3)
    _bulk_contributions(space, 10, authors[0])
    urls = [f"/contributions/espace/{space.slug}/", "/contributions/"]
    client.get(urls[0], params)  # the first visit may create the session (random order's seed)
    few = [_count_queries(client, url, params) for url in urls]
    _bulk_contributions(space, 300, authors[1])
    for url, expected in zip(urls, few, strict=True):
        with django_assert_num_queries(expected):
            client.get(url, params)


@pytest.mark.parametrize("logged_in", [False, True])
@pytest.mark.parametrize("order", ["grouped", "chronological"])
def test_the_contribution_page_makes_a_constant_number_of_queries(
    client, space, resident, logged_in, order, django_assert_num_queries
) -> None:
    if logged_in:
        client.force_login(resident)
    authors = ResidentFactory.create_batch(5)
    small = ContributionFactory(space=space, author=authors[0])
    _bulk_comments(small, 10, authors)
    Support.objects.bulk_create([Support(contribution=small, resident=a) for a in authors[1:3]])
    few = _count_queries(client, small.get_absolute_url(), {"comments": order})

    many_authors = ResidentFactory.create_batch(40)
    large = ContributionFactory(space=space, author=authors[0])
    _bulk_comments(large, 1000, many_authors)
    Support.objects.bulk_create([Support(contribution=large, resident=a) for a in many_authors])
    with django_assert_num_queries(few):
        response = client.get(large.get_absolute_url(), {"comments": order})
    # Every thread of the page is rendered, replies included, from that one query.
    html = response.content.decode()
    assert html.count('class="comment"') > 50


def test_the_csv_export_streams_in_a_constant_number_of_queries(
    client, space, resident, django_assert_max_num_queries
) -> None:
    _bulk_contributions(space, 10, resident)
    with CaptureQueriesContext(connection) as few:
        b"".join(client.get(f"/contributions/espace/{space.slug}/export.csv").streaming_content)
    _bulk_contributions(space, 300, resident)
    with django_assert_max_num_queries(len(few)):
        b"".join(client.get(f"/contributions/espace/{space.slug}/export.csv").streaming_content)
