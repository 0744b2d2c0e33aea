"""Councils, meetings and room votes as Popolo-shaped JSON (https://www.popoloproject.com).

Organizations are the city and its spaces; events are the meetings; motions and vote
events are the votes held in the room, with their counts. Persons and memberships cover
only working-group members who chose to show their name: nobody else is named, and no
e-mail address or account detail ever appears.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

from commune.meetings.models import Meeting, RoomVote, VoteResult
from commune.spaces.models import Membership, Space

CITY_ID = "city"
POPOLO_RESULT = {VoteResult.ADOPTED: "pass", VoteResult.REJECTED: "fail"}


def _local(moment: datetime.datetime) -> str:
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE)).isoformat()


def organization_id(space: Space) -> str:
    return f"organization/{space.slug}"


def _organization(space: Space, url: Callable[[str], str]) -> dict[str, Any]:
    organization: dict[str, Any] = {
        "id": organization_id(space),
        "name": space.title,
        "classification": space.kind,
        "parent_id": CITY_ID,
        "founding_date": space.opens_on.isoformat(),
        "links": [{"url": url(space.get_absolute_url()), "note": "page"}],
    }
    if space.closes_on:
        organization["dissolution_date"] = space.closes_on.isoformat()
    if space.neighbourhood_id:
        organization["area"] = {"name": space.neighbourhood.name}
    return organization


def _event(meeting: Meeting, url: Callable[[str], str], now: datetime.datetime) -> dict[str, Any]:
    if meeting.is_cancelled:
        status = "cancelled"
    elif meeting.ends_at < now:
        status = "completed"
    else:
        status = "confirmed"
    event: dict[str, Any] = {
        "id": f"event/{meeting.uid}",
        "name": meeting.title,
        "classification": meeting.kind,
        "start_date": _local(meeting.starts_at),
        "end_date": _local(meeting.ends_at),
        "status": status,
        "organization_id": organization_id(meeting.space),
        "links": [{"url": url(meeting.get_absolute_url()), "note": "page"}],
    }
    if meeting.place_name or meeting.address:
        event["location"] = {
            "name": meeting.place_name,
            "address": meeting.address,
        }
    if meeting.online_url:
        event["links"].append({"url": meeting.online_url, "note": "online"})
    return event


def _motion_and_vote_event(
    vote: RoomVote, url: Callable[[str], str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    meeting = vote.meeting
    session_id = f"event/{meeting.uid}"
    result = POPOLO_RESULT[vote.result]
    motion: dict[str, Any] = {
        "id": f"motion/{vote.pk}",
        "organization_id": organization_id(meeting.space),
        "legislative_session_id": session_id,
        "text": vote.motion,
        "date": _local(meeting.starts_at),
        "requirement": "majority of the votes cast (abstentions not counted; a tie fails)",
        "result": result,
    }
    if vote.decision_id:
        motion["links"] = [{"url": url(vote.decision.get_absolute_url()), "note": "decision"}]
    vote_event = {
        "id": f"vote-event/{vote.pk}",
        "motion_id": motion["id"],
        "organization_id": motion["organization_id"],
        "legislative_session_id": session_id,
        "start_date": _local(meeting.starts_at),
        "result": result,
        "counts": [
            {"option": "yes", "value": vote.votes_for},
            {"option": "no", "value": vote.votes_against},
            {"option": "abstain", "value": vote.abstentions},
        ],
    }
    return motion, vote_event


def _members(memberships: Iterable[Membership]) -> tuple[list[dict], list[dict]]:
    persons: dict[int, dict[str, Any]] = {}
    rows = []
    for membership in memberships:
        person_id = f"person/{membership.resident_id}"
        persons.setdefault(
            membership.resident_id, {"id": person_id, "name": membership.resident.public_name}
        )
        rows.append(
            {
                "id": f"membership/{membership.pk}",
                "person_id": person_id,
                "organization_id": organization_id(membership.space),
                "role": membership.role,
                "start_date": membership.joined_at.astimezone(ZoneInfo(settings.TIME_ZONE))
                .date()
                .isoformat(),
            }
        )
    return list(persons.values()), rows


def export(
    *, spaces: Iterable[Space], url: Callable[[str], str], now: datetime.datetime
) -> dict[str, Any]:
    """The Popolo document for `spaces` (already filtered to what the reader may see)."""
    spaces = list(spaces)
    meetings = (
        Meeting.objects.filter(space__in=spaces).select_related("space").order_by("starts_at", "id")
    )
    votes = (
        RoomVote.objects.filter(meeting__space__in=spaces)
        .select_related("meeting__space", "decision")
        .order_by("meeting__starts_at", "created_at", "id")
    )
    memberships = (
        Membership.objects.filter(space__in=spaces, listed_publicly=True, resident__is_active=True)
        .select_related("resident", "space")
        .order_by("joined_at", "id")
    )
    persons, membership_rows = _members(memberships)
    motions, vote_events = [], []
    for vote in votes:
        motion, vote_event = _motion_and_vote_event(vote, url)
        motions.append(motion)
        vote_events.append(vote_event)
    city = {"id": CITY_ID, "name": settings.COMMUNE_CITY_NAME, "classification": "city"}
    return {
        "organizations": [city, *(_organization(space, url) for space in spaces)],
        "persons": persons,
        "memberships": membership_rows,
        "events": [_event(meeting, url, now) for meeting in meetings],
        "motions": motions,
        "vote_events": vote_events,
    }
