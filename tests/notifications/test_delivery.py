"""E-mails go out from a command, off the request path: right away or as a daily digest."""

from __future__ import annotations

import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from commune.contributions.models import Status
from commune.notifications import services
from commune.notifications.delivery import send_pending
from commune.notifications.models import EmailFrequency, Notification


def _answer(scene, status=Status.UNDER_STUDY) -> None:
    services.notify_status_change(contribution=scene.contribution, status=status, with_answer=True)


def test_immediate_mails_go_once_each_and_never_twice(scene) -> None:
    _answer(scene)
    report = send_pending()
    assert (report.emails, report.notifications) == (2, 2)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [scene.author.email, scene.follower.email]
    )
    assert "Des bancs sur les quais" in mail.outbox[0].subject
    assert f"http://127.0.0.1:8000/contributions/{scene.contribution.pk}/" in mail.outbox[0].body
    assert send_pending().emails == 0
    assert len(mail.outbox) == 2


def test_daily_digest_gathers_a_residents_notifications_in_one_mail(scene) -> None:
    services.set_email_frequency(
        resident=scene.author, frequency=EmailFrequency.DAILY, language="fr"
    )
    _answer(scene, Status.UNDER_STUDY)
    _answer(scene, Status.ACCEPTED)
    send_pending()
    assert [message.to[0] for message in mail.outbox] == [scene.follower.email] * 2
    mail.outbox.clear()
    report = send_pending(digest=True)
    assert report.emails == 1
    [digest] = mail.outbox
    assert digest.to == [scene.author.email]
    assert "2 nouvelles" in digest.subject
    assert "À l'étude" in digest.body
    assert "Retenue" in digest.body


def test_never_means_no_mail_but_the_notification_stays_in_the_site(scene) -> None:
    for resident in (scene.author, scene.follower):
        services.set_email_frequency(
            resident=resident, frequency=EmailFrequency.NEVER, language="fr"
        )
    _answer(scene)
    send_pending()
    send_pending(digest=True)
    assert mail.outbox == []
    assert Notification.objects.filter(read_at__isnull=True).count() == 2


def test_mails_are_written_in_the_residents_language(scene) -> None:
    services.set_email_frequency(
        resident=scene.author, frequency=EmailFrequency.IMMEDIATE, language="en"
    )
    _answer(scene, Status.ACCEPTED)
    send_pending()
    english = next(m for m in mail.outbox if m.to == [scene.author.email])
    french = next(m for m in mail.outbox if m.to == [scene.follower.email])
    assert english.body.startswith("Hello Awa,")
    assert "/en/contributions/" in english.body
    assert french.body.startswith("Bonjour Bruno,")


def test_old_notifications_are_not_mailed(scene) -> None:
    _answer(scene)
    Notification.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    assert send_pending().emails == 0


def test_the_command_reports_what_it_sent(scene, capsys) -> None:
    _answer(scene)
    call_command("sendnotifications")
    assert "2" in capsys.readouterr().out
    assert len(mail.outbox) == 2
