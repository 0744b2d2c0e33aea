"""The back office: agents add through the service, moderators read and resolve reports."""

from __future__ import annotations

import pytest

from commune.accountability.models import StatusChange
from commune.contributions.models import Channel, Contribution, Report
from commune.core.models import AuditEvent
from tests.contributions.conftest import pdf_bytes, upload
from tests.factories import CommentFactory, ContributionFactory, SpaceFactory, days_from_today

pytestmark = pytest.mark.django_db

ADD = "/admin/contributions/contribution/add/"


def _add_data(space, **overrides) -> dict:
    data = {
        "space": space.pk,
        "kind": "idea",
        "title": "Reçu à la mairie annexe",
        "body": "Un courrier demandant un **abri** à l'arrêt de bus.",
        "pillar": "co_production",
        "neighbourhood": "",
        "channel": "paper",
        "author": "",
        "author_name": "M. Durand",
        "image_alt": "",
    }
    return data | overrides


def test_an_agent_adds_a_paper_contribution_through_the_service(client, agent, space) -> None:
    client.force_login(agent)
    assert client.get(ADD).status_code == 200
    response = client.post(ADD, _add_data(space, attachment=upload("courrier.pdf", pdf_bytes())))
    assert response.status_code == 302, response.context["adminform"].form.errors
    contribution = Contribution.objects.get()
    assert contribution.channel == Channel.PAPER
    assert contribution.entered_by == agent
    assert contribution.author_display == "M. Durand"
    assert "<strong>abri</strong>" in contribution.body_html
    assert contribution.due_on == days_from_today(space.answer_delay_days)
    assert contribution.attachment.name.endswith(".pdf")
    assert StatusChange.objects.filter(contribution=contribution).exists()
    assert AuditEvent.objects.filter(actor=agent, action="enter_contribution:paper").exists()


def test_the_admin_refuses_a_closed_space_and_a_missing_author(client, agent) -> None:
    closed = SpaceFactory(
        components=["contributions"], opens_on=days_from_today(-9), closes_on=days_from_today(-1)
    )
    client.force_login(agent)
    response = client.post(ADD, _add_data(closed))
    assert response.status_code == 200
    assert "space" in response.context["adminform"].form.errors
    open_space = SpaceFactory(components=["contributions"])
    response = client.post(ADD, _add_data(open_space, author_name=""))
    assert response.status_code == 200
    assert not Contribution.objects.exists()


def test_a_recorded_contribution_is_read_only_and_never_deleted(client, moderator, agent) -> None:
    contribution = ContributionFactory(title="Lecture seule")
    for person in (agent, moderator):
        client.force_login(person)
        url = f"/admin/contributions/contribution/{contribution.pk}/change/"
        page = client.get(url)
        assert page.status_code == 200
        assert 'name="title"' not in page.content.decode()
        delete = f"/admin/contributions/contribution/{contribution.pk}/delete/"
        assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Contribution.objects.filter(pk=contribution.pk).exists()


def test_moderators_see_unresolved_reports_first_and_resolve_them(
    client, moderator, resident
) -> None:
    contribution = ContributionFactory()
    comment = CommentFactory(contribution=contribution)
    old = Report.objects.create(contribution=contribution, reporter=resident, reason="Vieux")
    handled = Report.objects.create(comment=comment, reporter=resident, reason="Traité")
    Report.objects.filter(pk=handled.pk).update(resolved_at=handled.created_at)
    new = Report.objects.create(comment=comment, reporter=resident, reason="Nouveau")
    client.force_login(moderator)
    listing = client.get("/admin/contributions/report/")
    assert listing.status_code == 200
    shown = list(listing.context["cl"].result_list)
    assert shown == [new, old, handled]
    response = client.post(
        "/admin/contributions/report/",
        {"action": "mark_resolved", "_selected_action": [old.pk, new.pk]},
    )
    assert response.status_code == 302
    assert not Report.objects.filter(resolved_at__isnull=True).exists()
    assert AuditEvent.objects.filter(actor=moderator, action="resolve_report").count() == 2


def test_comments_are_read_in_the_back_office(client, moderator) -> None:
    comment = CommentFactory(body="Un avis à lire")
    client.force_login(moderator)
    assert client.get("/admin/contributions/comment/").status_code == 200
    page = client.get(f"/admin/contributions/comment/{comment.pk}/change/")
    assert page.status_code == 200
    assert "Un avis à lire" in page.content.decode()
