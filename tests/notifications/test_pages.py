"""The notifications page, the e-mail settings and the follow buttons, through HTTP."""

from __future__ import annotations

from commune.contributions.models import Follow, Status
from commune.notifications import services
from commune.notifications.models import EmailFrequency, Notification, NotificationSettings


def test_the_list_shows_each_notification_with_a_link_and_marks_all_read(client, scene) -> None:
    services.notify_status_change(
        contribution=scene.contribution, status=Status.UNDER_STUDY, with_answer=False
    )
    client.force_login(scene.author)
    html = client.get("/en/notifications/").content.decode()
    assert "“Des bancs sur les quais” is now: Under study." in html
    assert f'href="/en/contributions/{scene.contribution.pk}/"' in html
    response = client.post("/en/notifications/")
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=scene.author, read_at__isnull=True).exists()
    # Someone else's notifications are untouched and never shown.
    assert Notification.objects.filter(recipient=scene.follower, read_at__isnull=True).exists()


def test_the_header_counts_unread_notifications(client, scene) -> None:
    services.notify_status_change(
        contribution=scene.contribution, status=Status.UNDER_STUDY, with_answer=False
    )
    client.force_login(scene.follower)
    html = client.get("/en/").content.decode()
    assert "Notifications (1)" in html


def test_email_settings_are_saved_with_the_language_of_the_page(client, scene) -> None:
    client.force_login(scene.author)
    response = client.post("/en/notifications/reglages/", {"email_frequency": "daily"})
    assert response.status_code == 302
    saved = NotificationSettings.objects.get(resident=scene.author)
    assert (saved.email_frequency, saved.language) == (EmailFrequency.DAILY, "en")


def test_an_unknown_frequency_re_renders_with_an_error_and_saves_nothing(client, scene) -> None:
    client.force_login(scene.author)
    response = client.post("/notifications/reglages/", {"email_frequency": "hourly"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not NotificationSettings.objects.exists()


def test_follow_and_unfollow_a_contribution_with_plain_forms(client, scene) -> None:
    reader = scene.author.__class__.objects.create_user(
        "lecteur@example.org", "a long enough password", display_name="Lecteur"
    )
    client.force_login(reader)
    url = f"/notifications/suivre/contribution/{scene.contribution.pk}/"
    response = client.post(url, {"action": "follow", "next": "/evil.example/../"})
    assert response.status_code == 302
    assert Follow.objects.filter(resident=reader, contribution=scene.contribution).count() == 1
    client.post(url, {"action": "follow"})
    assert Follow.objects.filter(resident=reader, contribution=scene.contribution).count() == 1
    client.post(url, {"action": "unfollow"})
    assert not Follow.objects.filter(resident=reader, contribution=scene.contribution).exists()


def test_the_follow_redirect_never_leaves_the_site(client, scene) -> None:
    client.force_login(scene.follower)
    url = f"/notifications/suivre/contribution/{scene.contribution.pk}/"
    response = client.post(url, {"action": "follow", "next": "https://evil.example/"})
    assert response["Location"] == scene.contribution.get_absolute_url()


def test_follow_a_space(client, scene) -> None:
    client.force_login(scene.follower)
    space = scene.contribution.space
    client.post(f"/notifications/suivre/espace/{space.slug}/", {"action": "follow"})
    assert Follow.objects.filter(resident=scene.follower, space=space).exists()


def test_following_needs_an_account_and_a_post(client, scene) -> None:
    url = f"/notifications/suivre/contribution/{scene.contribution.pk}/"
    assert client.post(url).status_code == 302  # to the log-in page
    assert not Follow.objects.filter(resident__isnull=True).exists()
    client.force_login(scene.follower)
    assert client.get(url).status_code == 405


def test_an_unpublished_space_cannot_be_followed(client, scene) -> None:
    space = scene.contribution.space
    space.is_published = False
    space.save()
    client.force_login(scene.author)
    assert client.post(f"/notifications/suivre/espace/{space.slug}/").status_code == 404
