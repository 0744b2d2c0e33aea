"""The Popolo JSON: councils, meetings, room votes and counts; only consenting members named."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from commune.meetings.models import RoomVote
from commune.meetings.services import cancel_meeting
from commune.spaces.membership import join
from commune.spaces.models import SpaceKind
from tests.factories import MeetingFactory, ResidentFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def _popolo(client, url: str | None = None) -> dict:
    response = client.get(url or reverse("meetings:popolo"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def _past_meeting(**fields):
    starts = datetime.datetime(2026, 10, 24, 18, 0, tzinfo=datetime.UTC)
    return MeetingFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), **fields)


def test_councils_meetings_motions_and_counts(client) -> None:
    council = SpaceFactory(
        kind=SpaceKind.THEMATIC_COUNCIL, title="Conseil de l'égalité", components=["meetings"]
    )
    meeting = _past_meeting(space=council, title="Assemblée d'automne")
    RoomVote.objects.create(
        meeting=meeting,
        motion="Ouvrir la cour le samedi",
        votes_for=31,
        votes_against=4,
        abstentions=2,
    )
    RoomVote.objects.create(
        meeting=meeting, motion="Fermer la rue", votes_for=10, votes_against=10, abstentions=0
    )
    data = _popolo(client)

    organizations = {org["id"]: org for org in data["organizations"]}
    org = organizations[f"organization/{council.slug}"]
    assert org["name"] == "Conseil de l'égalité"
    assert org["classification"] == "thematic_council"
    assert organizations[org["parent_id"]]["classification"] == "city"

    [event] = data["events"]
    assert event["name"] == "Assemblée d'automne"
    assert event["organization_id"] == org["id"]
    assert event["status"] == "completed"
    # Local time of the city, with its offset (20:00 in Nantes, summer time).
    assert event["start_date"] == "2026-10-24T20:00:00+02:00"

    motions = {motion["text"]: motion for motion in data["motions"]}
    assert motions["Ouvrir la cour le samedi"]["result"] == "pass"
    assert motions["Fermer la rue"]["result"] == "fail"  # a tie fails
    assert all(m["legislative_session_id"] == event["id"] for m in motions.values())
    vote_events = {v["motion_id"]: v for v in data["vote_events"]}
    counts = vote_events[motions["Ouvrir la cour le samedi"]["id"]]["counts"]
    assert counts == [
        {"option": "yes", "value": 31},
        {"option": "no", "value": 4},
        {"option": "abstain", "value": 2},
    ]


def test_only_members_who_chose_it_are_named_and_nothing_private_leaks(client) -> None:
    group = SpaceFactory(kind=SpaceKind.WORKING_GROUP, components=["meetings"])
    shown = ResidentFactory(display_name="Awa Diallo", email="awa@example.org")
    hidden = ResidentFactory(display_name="Discrète", email="discrete@example.org")
    join(space=group, resident=shown, listed_publicly=True)
    join(space=group, resident=hidden, listed_publicly=False)
    response = client.get(reverse("meetings:popolo"))
    text = response.content.decode()
    data = response.json()
    assert [person["name"] for person in data["persons"]] == ["Awa Diallo"]
    [membership] = data["memberships"]
    assert membership["person_id"] == data["persons"][0]["id"]
    assert membership["organization_id"] == f"organization/{group.slug}"
    assert membership["role"] == "member"
    for private in ("Discrète", "awa@example.org", "discrete@example.org"):
        assert private not in text


def test_drafts_are_left_out_and_cancelled_meetings_say_so(client, agent) -> None:
    draft = SpaceFactory(is_published=False, components=["meetings"], title="Brouillon")
    MeetingFactory(space=draft, title="Réunion secrète")
    cancelled = MeetingFactory(title="Annulée")
    cancel_meeting(meeting=cancelled, actor=agent)
    data = _popolo(client)
    assert "Brouillon" not in {org["name"] for org in data["organizations"]}
    assert {event["name"]: event["status"] for event in data["events"]} == {"Annulée": "cancelled"}


def test_one_space(client) -> None:
    first = MeetingFactory(title="Ici")
    MeetingFactory(title="Ailleurs")
    data = _popolo(
        client, reverse("meetings:space_popolo", kwargs={"space_slug": first.space.slug})
    )
    assert [event["name"] for event in data["events"]] == ["Ici"]
