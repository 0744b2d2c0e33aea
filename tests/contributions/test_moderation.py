"""Reports by residents; moderators hide with a public reason, and every act is audited."""

from __future__ import annotations

import pytest

from commune.contributions.models import Comment, Contribution, Report
from commune.core.models import AuditEvent
from tests.factories import CommentFactory, ContributionFactory, ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contribution(space, other_resident) -> Contribution:
    return ContributionFactory(
        space=space, author=other_resident, title="Titre choquant", body="Texte choquant"
    )


@pytest.fixture
def comment(contribution) -> Comment:
    return CommentFactory(contribution=contribution, body="Commentaire choquant")


def test_a_resident_reports_a_contribution(client, resident, contribution) -> None:
    client.force_login(resident)
    url = f"/contributions/{contribution.pk}/signaler/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "Propos insultants"}).status_code == 302
    report = Report.objects.get()
    assert (report.contribution, report.reporter, report.reason) == (
        contribution,
        resident,
        "Propos insultants",
    )
    # Reporting again while it is pending adds nothing.
    client.post(url, {"reason": "Encore"})
    assert Report.objects.count() == 1


def test_a_report_needs_a_reason(client, resident, contribution) -> None:
    client.force_login(resident)
    response = client.post(f"/contributions/{contribution.pk}/signaler/", {"reason": " "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert not Report.objects.exists()


def test_a_resident_reports_a_comment(client, resident, comment) -> None:
    client.force_login(resident)
    url = f"/contributions/commentaire/{comment.pk}/signaler/"
    assert client.post(url, {"reason": "Hors sujet"}).status_code == 302
    assert Report.objects.get().comment == comment


def test_reporting_needs_to_be_logged_in(client, contribution) -> None:
    response = client.post(f"/contributions/{contribution.pk}/signaler/", {"reason": "x"})
    assert response.status_code == 302
    assert not Report.objects.exists()


def test_a_moderator_hides_a_contribution_with_a_reason_shown_in_place(
    client, resident, moderator, contribution
) -> None:
    Report.objects.create(contribution=contribution, reporter=resident, reason="Insultes")
    client.force_login(moderator)
    url = f"/contributions/{contribution.pk}/masquer/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Propos injurieux envers un voisin"})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.is_hidden
    assert contribution.hidden_reason == "Propos injurieux envers un voisin"
    # The audit log says who, what, when and why.
    event = AuditEvent.objects.get(action="hide_contribution")
    assert (event.actor, event.target_id, event.reason) == (
        moderator,
        str(contribution.pk),
        "Propos injurieux envers un voisin",
    )
    assert event.created_at is not None
    assert Report.objects.get().resolved_at is not None
    # In public: the reason instead of the text, and no longer the title.
    client.logout()
    html = client.get(contribution.get_absolute_url()).content.decode()
    assert "Propos injurieux envers un voisin" in html
    assert "Texte choquant" not in html
    assert "Titre choquant" not in html
    listing = client.get(f"/contributions/espace/{contribution.space.slug}/").content.decode()
    assert "Titre choquant" not in listing
    assert "Propos injurieux envers un voisin" in listing


def test_a_moderator_hides_a_comment_with_a_reason_shown_in_place(
    client, moderator, comment
) -> None:
    client.force_login(moderator)
    response = client.post(
        f"/contributions/commentaire/{comment.pk}/masquer/", {"reason": "Données personnelles"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden
    event = AuditEvent.objects.get(action="hide_comment")
    assert (event.actor, event.target_id, event.reason) == (
        moderator,
        str(comment.pk),
        "Données personnelles",
    )
    client.logout()
    html = client.get(comment.contribution.get_absolute_url()).content.decode()
    assert "Données personnelles" in html
    assert "Commentaire choquant" not in html


def test_hiding_needs_a_reason(client, moderator, contribution, comment) -> None:
    client.force_login(moderator)
    for url in (
        f"/contributions/{contribution.pk}/masquer/",
        f"/contributions/commentaire/{comment.pk}/masquer/",
    ):
        response = client.post(url, {"reason": ""})
        assert response.status_code == 200
        assert response.context["form"].errors["reason"]
    assert not Contribution.objects.filter(hidden_at__isnull=False).exists()
    assert not Comment.objects.filter(hidden_at__isnull=False).exists()
    assert not AuditEvent.objects.filter(action__startswith="hide").exists()


@pytest.mark.parametrize("role", ["resident", "agent", "elected"])
def test_only_moderators_hide(client, contribution, comment, role) -> None:
    client.force_login(ResidentFactory(role=role))
    for url in (
        f"/contributions/{contribution.pk}/masquer/",
        f"/contributions/commentaire/{comment.pk}/masquer/",
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, {"reason": "Je n'aime pas"}).status_code == 403
    contribution.refresh_from_db()
    comment.refresh_from_db()
    assert not contribution.is_hidden
    assert not comment.is_hidden


def test_an_administrator_hides_too(client, contribution) -> None:
    client.force_login(ResidentFactory(role="administrator"))
    response = client.post(f"/contributions/{contribution.pk}/masquer/", {"reason": "Spam"})
    assert response.status_code == 302


def test_the_moderation_form_shows_only_to_moderators(
    client, resident, moderator, contribution
) -> None:
    hide_url = f"/contributions/{contribution.pk}/masquer/"
    client.force_login(resident)
    assert hide_url not in client.get(contribution.get_absolute_url()).content.decode()
    client.force_login(moderator)
    assert hide_url in client.get(contribution.get_absolute_url()).content.decode()


def test_a_hidden_reason_with_markup_is_shown_as_text(client, moderator, contribution) -> None:
    client.force_login(moderator)
    client.post(f"/contributions/{contribution.pk}/masquer/", {"reason": "<b>gras</b>"})
    html = client.get(contribution.get_absolute_url()).content.decode()
    assert "&lt;b&gt;gras&lt;/b&gt;" in html
