"""Who is notified of what: authors, followers, people replied to — never the actor."""

from __future__ import annotations

from django.utils import translation

from commune.contributions.models import Comment, Stance, Status
from commune.notifications import services
from commune.notifications.models import Notification, NotificationKind
from commune.notifications.wording import describe, link
from tests.factories import ResidentFactory


def test_an_answer_notifies_the_author_and_the_followers_but_not_the_agent(scene) -> None:
    agent = ResidentFactory(role="agent")
    services.follow(resident=agent, contribution=scene.contribution)
    services.notify_status_change(
        contribution=scene.contribution,
        status=Status.PARTLY_ACCEPTED,
        with_answer=True,
        actor=agent,
    )
    recipients = set(Notification.objects.values_list("recipient_id", flat=True))
    assert recipients == {scene.author.pk, scene.follower.pk}
    notification = Notification.objects.get(recipient=scene.author)
    assert notification.kind == NotificationKind.ANSWERED
    with translation.override("fr"):
        assert describe(notification) == (
            "La ville a répondu à « Des bancs sur les quais » : Partiellement retenue."
        )
    with translation.override("en"):
        assert describe(notification) == (
            "The city answered “Des bancs sur les quais”: Partly accepted."
        )


def test_following_twice_is_one_follow_and_unfollowing_stops_notifications(scene) -> None:
    services.follow(resident=scene.follower, contribution=scene.contribution)
    assert services.is_following(resident=scene.follower, contribution=scene.contribution)
    services.unfollow(resident=scene.follower, contribution=scene.contribution)
    services.notify_status_change(
        contribution=scene.contribution, status=Status.UNDER_STUDY, with_answer=False
    )
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [scene.author.pk]


def test_a_reply_notifies_the_person_replied_to_not_someone_replying_to_themselves(scene) -> None:
    first = Comment.objects.create(
        contribution=scene.contribution,
        author=scene.follower,
        body="Oui",
        body_html="Oui",
        stance=Stance.FOR,
    )
    own_reply = Comment.objects.create(
        contribution=scene.contribution,
        author=scene.follower,
        parent=first,
        depth=1,
        body="Et aussi",
        body_html="Et aussi",
    )
    assert services.notify_reply(comment=own_reply) == []
    reply = Comment.objects.create(
        contribution=scene.contribution,
        author=scene.author,
        parent=first,
        depth=1,
        body="Merci",
        body_html="Merci",
    )
    [notification] = services.notify_reply(comment=reply)
    assert notification.recipient == scene.follower
    assert link(notification).endswith(f"#comment-{reply.pk}")
    with translation.override("en"):
        assert describe(notification) == (
            "Awa replied to your comment on “Des bancs sur les quais”."
        )


def test_a_new_contribution_notifies_the_followers_of_its_space(scene) -> None:
    space_follower = ResidentFactory()
    services.follow(resident=space_follower, space=scene.contribution.space)
    services.notify_new_contribution(contribution=scene.contribution)
    [notification] = Notification.objects.all()
    assert notification.recipient == space_follower
    assert notification.kind == NotificationKind.NEW_CONTRIBUTION


def test_deleted_accounts_are_not_notified(scene) -> None:
    scene.follower.is_active = False
    scene.follower.save()
    services.notify_status_change(
        contribution=scene.contribution, status=Status.UNDER_STUDY, with_answer=False
    )
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [scene.author.pk]
