"""The agenda set by residents: proposals, supports, ranking, cut-off and the organiser's say."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commune.core.models import AuditEvent
from commune.meetings import services
from commune.meetings.models import AgendaItem, AgendaItemStatus, AgendaSupport
from tests.factories import AgendaItemFactory, MeetingFactory, ResidentFactory

pytestmark = pytest.mark.django_db


def _open_meeting(**extra):
    return MeetingFactory(agenda_cutoff=timezone.now() + datetime.timedelta(days=3), **extra)


def _close(meeting) -> None:
    type(meeting).objects.filter(pk=meeting.pk).update(
        agenda_cutoff=timezone.now() - datetime.timedelta(minutes=1)
    )
    meeting.refresh_from_db()


def _support(client, item, resident, value="1"):
    client.force_login(resident)
    return client.post(
        reverse("meetings:agenda_support", kwargs={"pk": item.meeting_id, "item_pk": item.pk}),
        {"supported": value},
    )


def _titles(response) -> list[str]:
    html = response.content.decode()
    return [
        item.title
        for item in sorted(AgendaItem.objects.all(), key=lambda item: html.find(f">{item.title}<"))
    ]


def test_a_resident_proposes_an_item_before_the_cut_off(client, resident) -> None:
    meeting = _open_meeting()
    client.force_login(resident)
    response = client.post(
        reverse("meetings:agenda_propose", kwargs={"pk": meeting.pk}),
        {"agenda-title": "Les bancs du square", "agenda-description": "Il en manque."},
        follow=True,
    )
    item = AgendaItem.objects.get()
    assert (item.title, item.proposed_by, item.status) == (
        "Les bancs du square",
        resident,
        AgendaItemStatus.PROPOSED,
    )
    assert "Your item is proposed for the agenda." in response.content.decode()


def test_an_empty_title_is_refused_and_nothing_saved(client, resident) -> None:
    meeting = _open_meeting()
    client.force_login(resident)
    response = client.post(
        reverse("meetings:agenda_propose", kwargs={"pk": meeting.pk}),
        {"agenda-title": "   ", "agenda-description": ""},
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_after_the_cut_off_a_proposal_is_refused_with_a_clear_message(client, resident) -> None:
    meeting = _open_meeting()
    _close(meeting)
    client.force_login(resident)
    response = client.post(
        reverse("meetings:agenda_propose", kwargs={"pk": meeting.pk}),
        {"agenda-title": "Trop tard"},
        follow=True,
    )
    html = response.content.decode()
    assert "the cut-off date has passed" in html
    assert "Agenda proposals and supports closed on" in html
    assert "Propose this item" not in html
    assert not AgendaItem.objects.exists()


def test_without_a_cut_off_residents_cannot_propose(client, resident) -> None:
    meeting = MeetingFactory()
    client.force_login(resident)
    client.post(
        reverse("meetings:agenda_propose", kwargs={"pk": meeting.pk}), {"agenda-title": "Non"}
    )
    assert not AgendaItem.objects.exists()


def test_the_cut_off_must_not_be_after_the_start() -> None:
    from django.core.exceptions import ValidationError

    meeting = MeetingFactory.build()
    meeting.agenda_cutoff = meeting.starts_at + datetime.timedelta(minutes=1)
    with pytest.raises(ValidationError) as error:
        meeting.clean()
    assert "agenda_cutoff" in error.value.message_dict


def test_supports_toggle_and_are_counted_once(client, resident) -> None:
    item = AgendaItemFactory()
    _support(client, item, resident)
    _support(client, item, resident)  # the same form sent twice
    item.refresh_from_db()
    assert item.support_count == 1
    _support(client, item, resident, value="0")
    item.refresh_from_db()
    assert item.support_count == 0
    assert not AgendaSupport.objects.exists()


def test_after_the_cut_off_supports_are_refused(client, resident) -> None:
    item = AgendaItemFactory()
    _close(item.meeting)
    response = _support(client, item, resident)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.support_count == 0
    assert not AgendaSupport.objects.exists()
    page = client.get(item.meeting.get_absolute_url()).content.decode()
    assert "the cut-off date has passed" in page
    assert "Withdraw my support" not in page
    assert '<input type="hidden" name="supported"' not in page


def test_fixed_items_first_then_ranked_by_support_older_first(client, agent) -> None:
    meeting = _open_meeting()
    now = timezone.now()
    older = AgendaItemFactory(
        meeting=meeting, title="Older", created_at=now - datetime.timedelta(hours=2)
    )
    newer = AgendaItemFactory(
        meeting=meeting, title="Newer", created_at=now - datetime.timedelta(hours=1)
    )
    popular = AgendaItemFactory(meeting=meeting, title="Popular")
    for resident in ResidentFactory.create_batch(2):
        services.toggle_item_support(item=popular, resident=resident)
    for item in (older, newer):
        services.toggle_item_support(item=item, resident=ResidentFactory())
    services.add_fixed_item(meeting=meeting, agent=agent, title="Budget")
    response = client.get(meeting.get_absolute_url())
    assert _titles(response) == ["Budget", "Popular", "Older", "Newer"]
    assert "Set by the city" in response.content.decode()


def test_merging_moves_the_supports_without_duplicates_and_shows_the_reason(client, agent) -> None:
    meeting = _open_meeting()
    source = AgendaItemFactory(meeting=meeting, title="Bancs au square")
    target = AgendaItemFactory(meeting=meeting, title="Mobilier urbain")
    both, only_source, only_target = ResidentFactory.create_batch(3)
    for resident in (both, only_source):
        services.toggle_item_support(item=source, resident=resident)
    for resident in (both, only_target):
        services.toggle_item_support(item=target, resident=resident)
    client.force_login(agent)
    prefix = f"item-{source.pk}"
    response = client.post(
        reverse("meetings:agenda_manage", kwargs={"pk": meeting.pk}),
        {
            "action": "decide",
            "item": source.pk,
            f"{prefix}-decision": "merge",
            f"{prefix}-into": target.pk,
            f"{prefix}-reason": "Même sujet : le mobilier du square.",
        },
    )
    assert response.status_code == 302
    source.refresh_from_db()
    target.refresh_from_db()
    assert (source.status, source.merged_into, source.support_count) == ("merged", target, 0)
    assert target.support_count == 3
    assert set(AgendaSupport.objects.filter(item=target).values_list("resident", flat=True)) == {
        both.pk,
        only_source.pk,
        only_target.pk,
    }
    assert not AgendaSupport.objects.filter(item=source).exists()
    assert AuditEvent.objects.filter(action="meetings.agenda_merge").exists()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Même sujet : le mobilier du square." in page
    assert "Merged into “Mobilier urbain”" in page


def test_merging_needs_a_reason_and_an_item_of_the_same_meeting(client, agent) -> None:
    item = AgendaItemFactory()
    elsewhere = AgendaItemFactory()
    client.force_login(agent)
    prefix = f"item-{item.pk}"
    url = reverse("meetings:agenda_manage", kwargs={"pk": item.meeting_id})
    for data in (
        {f"{prefix}-decision": "merge", f"{prefix}-into": elsewhere.pk, f"{prefix}-reason": "X"},
        {f"{prefix}-decision": "set_aside", f"{prefix}-reason": ""},
    ):
        response = client.post(url, {"action": "decide", "item": item.pk, **data})
        assert response.status_code == 200
        assert 'aria-invalid="true"' in response.content.decode()
    item.refresh_from_db()
    assert item.status == AgendaItemStatus.PROPOSED
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.merge_item(item=item, into=elsewhere, actor=agent, reason="Autre rencontre")


def test_setting_aside_and_keeping_show_the_public_reason(client, agent) -> None:
    meeting = _open_meeting()
    aside = AgendaItemFactory(meeting=meeting, title="Hors sujet")
    kept = AgendaItemFactory(meeting=meeting, title="Retenu")
    client.force_login(agent)
    url = reverse("meetings:agenda_manage", kwargs={"pk": meeting.pk})
    client.post(
        url,
        {
            "action": "decide",
            "item": aside.pk,
            f"item-{aside.pk}-decision": "set_aside",
            f"item-{aside.pk}-reason": "Relève du conseil métropolitain.",
        },
    )
    client.post(url, {"action": "decide", "item": kept.pk, f"item-{kept.pk}-decision": "keep"})
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Relève du conseil métropolitain." in page
    assert "Set aside" in page
    assert "Kept on the agenda" in page
    assert AuditEvent.objects.filter(action="meetings.agenda_set_aside").exists()


def test_an_agent_adds_a_fixed_item(client, agent) -> None:
    meeting = _open_meeting()
    client.force_login(agent)
    client.post(
        reverse("meetings:agenda_manage", kwargs={"pk": meeting.pk}),
        {"action": "add_fixed", "fixed-title": "Budget du quartier"},
    )
    item = AgendaItem.objects.get()
    assert item.is_fixed
    assert item.proposed_by is None


def test_residents_cannot_manage_the_agenda(client, resident) -> None:
    item = AgendaItemFactory()
    client.force_login(resident)
    url = reverse("meetings:agenda_manage", kwargs={"pk": item.meeting_id})
    assert client.get(url).status_code == 403
    response = client.post(
        url,
        {
            "action": "decide",
            "item": item.pk,
            f"item-{item.pk}-decision": "set_aside",
            f"item-{item.pk}-reason": "Non",
        },
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == AgendaItemStatus.PROPOSED
