"""Comments: threaded on three levels, with a stance, shown grouped by stance or in order."""

from __future__ import annotations

import pytest

from commune.contributions import services
from commune.contributions.models import Comment, Contribution
from commune.notifications.models import Notification
from tests.factories import CommentFactory, ContributionFactory, ResidentFactory

pytestmark = pytest.mark.django_db


def _comment(client, contribution: Contribution, **data):
    return client.post(f"/contributions/{contribution.pk}/commenter/", data)


@pytest.fixture
def contribution(space, other_resident) -> Contribution:
    return ContributionFactory(space=space, author=other_resident, title="Des bancs")


def test_a_resident_comments_with_a_stance(client, resident, contribution) -> None:
    client.force_login(resident)
    response = _comment(client, contribution, body="Très **bonne** idée", stance="for")
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert comment.stance == "for"
    assert comment.depth == 0
    assert comment.body_html == "<p>Très <strong>bonne</strong> idée</p>"
    contribution.refresh_from_db()
    assert contribution.comment_count == 1
    html = client.get(response["Location"]).content.decode()
    assert f'id="comment-{comment.pk}"' in html
    assert "<strong>bonne</strong>" in html


def test_replies_nest_two_levels_and_deeper_replies_join_the_last_level(
    client, resident, other_resident, contribution, django_capture_on_commit_callbacks
) -> None:
    top = services.add_comment(
        contribution=contribution, author=other_resident, body="Premier", stance="for"
    )
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        _comment(client, contribution, body="Réponse", stance="against", parent=top.pk)
    reply = Comment.objects.get(body="Réponse")
    assert (reply.parent, reply.depth) == (top, 1)
    # The author of the comment replied to is notified.
    assert Notification.objects.filter(recipient=other_resident, comment=reply).exists()
    _comment(client, contribution, body="Réponse à la réponse", stance="neutral", parent=reply.pk)
    second = Comment.objects.get(body="Réponse à la réponse")
    assert (second.parent, second.depth) == (reply, 2)
    _comment(client, contribution, body="Encore plus loin", stance="neutral", parent=second.pk)
    third = Comment.objects.get(body="Encore plus loin")
    assert (third.parent, third.depth) == (reply, 2)
    html = client.get(f"{contribution.get_absolute_url()}?comments=chronological").content
    html = html.decode()
    # Nested lists: the deepest replies sit inside the reply, inside the top comment.
    top_at = html.index(f'id="comment-{top.pk}"')
    assert (
        top_at
        < html.index(f'id="comment-{reply.pk}"')
        < html.index(f'id="comment-{second.pk}"')
        < html.index(f'id="comment-{third.pk}"')
    )
    assert html.count('class="replies"') == 2


def test_the_reply_page_works_without_javascript(client, resident, contribution) -> None:
    top = CommentFactory(contribution=contribution, body="Question ?")
    client.force_login(resident)
    page = client.get(f"/contributions/{contribution.pk}/commenter/", {"parent": top.pk})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Question ?" in html
    assert f'name="parent" value="{top.pk}"' in html
    detail = client.get(contribution.get_absolute_url()).content.decode()
    assert f"/contributions/{contribution.pk}/commenter/?parent={top.pk}" in detail


def test_a_reply_to_a_comment_of_another_contribution_is_not_found(
    client, resident, contribution, space
) -> None:
    elsewhere = CommentFactory(contribution=ContributionFactory(space=space))
    client.force_login(resident)
    response = _comment(client, contribution, body="x", stance="for", parent=elsewhere.pk)
    assert response.status_code == 404
    assert Comment.objects.count() == 1


def test_comments_are_grouped_by_stance_or_shown_in_order(client, contribution) -> None:
    for body, stance in [
        ("A-contre", "against"),
        ("B-pour", "for"),
        ("C-neutre", "neutral"),
        ("D-pour", "for"),
    ]:
        CommentFactory(contribution=contribution, body=body, stance=stance)
    grouped = client.get(contribution.get_absolute_url(), {"comments": "grouped"})
    html = grouped.content.decode()
    assert [group.stance for group in grouped.context["comment_groups"]] == [
        "for",
        "against",
        "neutral",
    ]
    assert (
        html.index("B-pour")
        < html.index("D-pour")
        < html.index("A-contre")
        < html.index("C-neutre")
    )
    ordered = client.get(contribution.get_absolute_url(), {"comments": "chronological"})
    html = ordered.content.decode()
    assert (
        html.index("A-contre")
        < html.index("B-pour")
        < html.index("C-neutre")
        < html.index("D-pour")
    )
    # The switch between the two is a pair of plain links; an unknown value falls back.
    assert "?comments=chronological" in html
    assert "?comments=grouped" in html
    assert client.get(contribution.get_absolute_url(), {"comments": "<x>"}).status_code == 200


def test_threads_are_paged_without_splitting_a_thread(client, contribution) -> None:
    tops = CommentFactory.create_batch(55, contribution=contribution)
    reply = CommentFactory(contribution=contribution, parent=tops[52], body="Réponse tardive")
    first = client.get(contribution.get_absolute_url(), {"comments": "chronological"})
    assert len(first.context["comment_page"].object_list) == 50
    assert "Réponse tardive" not in first.content.decode()
    second = client.get(
        contribution.get_absolute_url(), {"comments": "chronological", "cpage": "2"}
    )
    assert "Réponse tardive" in second.content.decode()
    from commune.contributions.threads import comment_url

    assert "cpage=2" in comment_url(reply)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"body": "", "stance": "for"}, "body"),
        ({"body": "x" * 5001, "stance": "for"}, "body"),
        ({"body": "Bien", "stance": "maybe"}, "stance"),
    ],
)
def test_a_bad_comment_shows_the_error_and_writes_nothing(
    client, resident, contribution, data, field
) -> None:
    client.force_login(resident)
    response = _comment(client, contribution, **data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Comment.objects.exists()
    contribution.refresh_from_db()
    assert contribution.comment_count == 0


def test_commenting_needs_to_be_logged_in(client, contribution) -> None:
    response = _comment(client, contribution, body="Anonyme", stance="for")
    assert response.status_code == 302
    assert not Comment.objects.exists()


@pytest.mark.usefixtures("one_rate_limit_window")
def test_commenting_is_rate_limited(client, resident, contribution) -> None:
    client.force_login(resident)
    statuses = [
        _comment(client, contribution, body=f"Message {n}", stance="for").status_code
        for n in range(21)
    ]
    assert statuses[:20] == [302] * 20
    assert statuses[20] == 429


def test_markup_in_a_comment_is_shown_as_text(client, resident, contribution) -> None:
    client.force_login(resident)
    _comment(client, contribution, body="<script>alert('c')</script>", stance="against")
    html = client.get(contribution.get_absolute_url()).content.decode()
    assert "<script>alert('c')" not in html
    assert "&lt;script&gt;" in html


def test_comment_authors_are_shown_by_public_name_only(client, contribution) -> None:
    author = ResidentFactory(display_name="Lou", email="lou@example.org")
    CommentFactory(contribution=contribution, author=author)
    html = client.get(contribution.get_absolute_url()).content.decode()
    assert "Lou" in html
    assert "lou@example.org" not in html
