"""A resident's meetings page and private calendar feed."""

from __future__ import annotations

import pytest
from django.urls import reverse
from icalendar import Calendar

from commune.meetings.models import CalendarFeed
from commune.meetings.services import cancel_meeting, register
from tests.factories import MeetingFactory, NeighbourhoodFactory, ResidentFactory

pytestmark = pytest.mark.django_db


def _feed_url(client) -> str:
    page = client.get(reverse("meetings:mine"))
    assert page.status_code == 200
    return page.context["feed_url"]


def _events(client, url: str) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): str(event["STATUS"]) for event in calendar.walk("VEVENT")}


def test_the_feed_holds_my_meetings_only_with_their_status(client, resident, agent) -> None:
    mine = MeetingFactory(title="Mine", registration_required=True)
    waiting = MeetingFactory(title="Waiting", registration_required=True, capacity=1)
    cancelled = MeetingFactory(title="Cancelled", registration_required=True)
    MeetingFactory(title="Not mine", registration_required=True)
    register(meeting=waiting, resident=ResidentFactory())
    for meeting in (mine, waiting, cancelled):
        register(meeting=meeting, resident=resident)
    cancel_meeting(meeting=cancelled, actor=agent)

    client.force_login(resident)
    url = _feed_url(client)
    client.logout()  # calendar apps do not log in: the link alone opens the feed
    assert _events(client, url) == {
        "Mine": "CONFIRMED",
        "Waiting": "TENTATIVE",
        "Cancelled": "CANCELLED",
    }


def test_the_page_lists_my_registrations_with_a_cancel_button(client, resident) -> None:
    meeting = MeetingFactory(title="Atelier vélo", registration_required=True)
    register(meeting=meeting, resident=resident)
    client.force_login(resident)
    page = client.get(reverse("meetings:mine")).content.decode()
    assert "Atelier vélo" in page
    assert reverse("meetings:cancel", kwargs={"pk": meeting.pk}) in page


def test_a_new_link_replaces_the_old_one(client, resident) -> None:
    client.force_login(resident)
    old = _feed_url(client)
    assert client.post(reverse("meetings:reset_feed")).status_code == 302
    new = _feed_url(client)
    assert new != old
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_each_resident_has_their_own_link(client) -> None:
    first, second = ResidentFactory(), ResidentFactory()
    client.force_login(first)
    url_first = _feed_url(client)
    client.force_login(second)
    assert _feed_url(client) != url_first
    assert CalendarFeed.objects.count() == 2


def test_a_deactivated_account_has_no_feed(client, resident) -> None:
    client.force_login(resident)
    url = _feed_url(client)
    resident.is_active = False
    resident.save()
    client.logout()
    assert client.get(url).status_code == 404


def test_near_me_offers_the_residents_neighbourhood(client) -> None:
    resident = ResidentFactory(neighbourhood=NeighbourhoodFactory(name="Bellevue"))
    client.force_login(resident)
    page = client.get(reverse("meetings:upcoming")).content.decode()
    assert f"?neighbourhood={resident.neighbourhood_id}" in page
    assert resident.neighbourhood.name in page
