"""The meetings pages: empty and full lists, the access filters, the detail, the CSV."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation

from commune.spaces.models import SpaceKind
from tests.factories import MeetingFactory, NeighbourhoodFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def test_the_pages_render_without_any_meeting(client) -> None:
    space = SpaceFactory(components=["meetings"])
    upcoming = client.get(reverse("meetings:upcoming")).content.decode()
    page = client.get(reverse("meetings:list", kwargs={"space_slug": space.slug}))
    assert "No meeting planned yet." in upcoming
    assert "No meeting planned yet." in page.content.decode()
    assert client.get(reverse("meetings:city_ics")).status_code == 200


def test_a_space_without_the_tool_has_no_meetings_page(client) -> None:
    space = SpaceFactory(components=["contributions"])
    assert (
        client.get(reverse("meetings:list", kwargs={"space_slug": space.slug})).status_code == 404
    )


def test_the_space_page_links_to_its_meetings(client) -> None:
    space = SpaceFactory(components=["meetings"])
    page = client.get(space.get_absolute_url()).content.decode()
    assert reverse("meetings:list", kwargs={"space_slug": space.slug}) in page


def _titles(response) -> set[str]:
    return {meeting.title for meeting in response.context["page"].object_list}


def test_the_access_filters(client) -> None:
    MeetingFactory(title="Plain")
    MeetingFactory(title="Step-free", step_free_access=True)
    MeetingFactory(title="Childcare", childcare=True, step_free_access=True)
    MeetingFactory(title="Loop", hearing_loop=True)
    MeetingFactory(title="Signs", sign_language=True)
    url = reverse("meetings:upcoming")
    assert _titles(client.get(url)) == {"Plain", "Step-free", "Childcare", "Loop", "Signs"}
    assert _titles(client.get(url, {"step_free": "on"})) == {"Step-free", "Childcare"}
    assert _titles(client.get(url, {"step_free": "on", "childcare": "on"})) == {"Childcare"}
    assert _titles(client.get(url, {"hearing_loop": "on"})) == {"Loop"}
    assert _titles(client.get(url, {"sign_language": "on"})) == {"Signs"}


def test_the_space_filters_and_past_meetings_left_out(client) -> None:
    nord = NeighbourhoodFactory(name="Nantes Nord", slug="nantes-nord")
    council = SpaceFactory(
        kind=SpaceKind.NEIGHBOURHOOD_COUNCIL, neighbourhood=nord, components=["meetings"]
    )
    MeetingFactory(title="Council", space=council)
    MeetingFactory(title="Process")
    yesterday = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
    MeetingFactory(
        title="Past", starts_at=yesterday - datetime.timedelta(hours=2), ends_at=yesterday
    )
    url = reverse("meetings:upcoming")
    assert _titles(client.get(url)) == {"Council", "Process"}
    assert _titles(client.get(url, {"neighbourhood": nord.pk})) == {"Council"}
    kind = {"space_kind": SpaceKind.NEIGHBOURHOOD_COUNCIL}
    assert _titles(client.get(url, kind)) == {"Council"}


def test_the_detail_shows_city_time_place_and_access(client) -> None:
    meeting = MeetingFactory(
        starts_at=datetime.datetime(2026, 12, 3, 17, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 12, 3, 19, 0, tzinfo=datetime.UTC),
        place_name="Salle Paul Fort",
        address="9 rue Basse Porte",
        step_free_access=True,
        other_language_interpreting="arabe",
    )
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "6 p.m." in page  # 17:00 UTC is 18:00 in Paris
    assert "Salle Paul Fort" in page
    assert "9 rue Basse Porte" in page
    assert "Step-free access" in page
    assert "Interpreting: arabe" in page
    assert "Open to all, without registration." in page


def test_the_csv_export_keeps_the_filters(client) -> None:
    MeetingFactory(title="Plain")
    MeetingFactory(title="Step-free", step_free_access=True)
    response = client.get(reverse("meetings:export"), {"step_free": "on"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Step-free" in text
    assert "Plain" not in text


def test_the_database_refuses_a_meeting_ending_before_it_starts() -> None:
    meeting = MeetingFactory.build(space=SpaceFactory())
    meeting.ends_at = meeting.starts_at - datetime.timedelta(minutes=1)
    with pytest.raises(IntegrityError):
        meeting.save()


def test_the_database_refuses_a_meeting_with_neither_place_nor_link() -> None:
    meeting = MeetingFactory.build(space=SpaceFactory(), place_name="", online_url="")
    with pytest.raises(IntegrityError):
        meeting.save()


def test_the_detail_is_in_french_by_default(client) -> None:
    meeting = MeetingFactory(childcare=True, registration_required=True, capacity=0)
    with translation.override("fr"):
        page = client.get(meeting.get_absolute_url()).content.decode()
    assert '<html lang="fr">' in page
    assert "Garde d’enfants" in page
    assert "Complet : les nouvelles inscriptions vont sur la liste d’attente." in page
