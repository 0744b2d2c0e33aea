"""The participation pages: public, in both languages, with no personal data and no small
figure, a period form, the report as one page and as CSV, and a fixed number of queries."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from commune.insights.periods import containing
from commune.meetings.models import Attendance
from tests.factories import (
    ContributionFactory,
    DecisionFactory,
    DemographicsFactory,
    MeetingFactory,
    ResidentFactory,
    SpaceFactory,
)
from tests.insights.conftest import at

pytestmark = pytest.mark.django_db

THIS_YEAR = containing(timezone.localdate(), "year").key
DAY = datetime.date(2025, 3, 12)


def _crowd(space, day=DAY) -> list:
    """45 residents with demographics and three with telling names; one paper entry."""
    people = []
    for gender, band, count in (
        ("man", "30-44", 25),
        ("woman", "30-44", 12),
        ("woman", "15-29", 10),
        ("woman", "75+", 3),
    ):
        for _n in range(count):
            resident = ResidentFactory(display_name=f"Secret {gender} {band} {_n}")
            DemographicsFactory(resident=resident, gender=gender, age_band=band)
            ContributionFactory(space=space, author=resident, created_at=at(day))
            people.append(resident)
    ContributionFactory(
        space=space, author=None, author_name="Josiane Le Goff", channel="paper",
        created_at=at(day),
    )  # fmt: skip
    return people


def _url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def _text(response) -> str:
    return response.content.decode()


def test_a_space_page_shows_the_make_up_and_hides_small_groups(client, council) -> None:
    people = _crowd(council)
    url = _url("insights:space", slug=council.slug)
    page = _text(client.get(url + "?period=2025"))
    assert "Who takes part: Conseil Bottière, 2025" in page
    assert 'id="figure-participants">51<' in page
    assert "12% (6)" not in page
    assert "not shown" in page
    assert "<td>25</td>" in page  # men of 30 to 44
    assert "<td>3</td>" not in page  # three women of 75 and over: never a number
    assert "2% (1)" in page  # the paper entry: counted, without demographics
    for person in people[:3]:
        assert person.display_name not in page
        assert person.email not in page
    assert "Josiane" not in page
    assert 'role="img"' in page
    assert "<desc" in page


def test_the_period_form_and_its_fallback(client, council) -> None:
    _crowd(council)
    url = _url("insights:space", "fr", slug=council.slug)
    page = _text(client.get(url + "?period=2025-Q2"))
    assert 'id="figure-participants">0<' in page
    page = _text(client.get(url + "?period=2025-Q1"))
    assert 'id="figure-participants">51<' in page
    # Nonsense falls back to the current calendar year.
    page = _text(client.get(url + "?period=<script>"))
    assert f'<option value="{THIS_YEAR}" selected>' in page
    assert "<script>" not in page.split("<main")[1].split("</main>")[0]


def test_the_trend_shows_each_period_index(client, council) -> None:
    _crowd(council)
    page = _text(client.get(_url("insights:space", slug=council.slug) + "?period=2025-Q4"))
    assert 'id="trend-table"' in page
    assert "Quarter 1 of 2025" in page
    assert "representativeness index by period (out of 100)" in page


def test_the_page_is_french_by_default(client, council) -> None:
    _crowd(council)
    page = _text(client.get(_url("insights:space", "fr", slug=council.slug)))
    assert "Qui participe" in page
    assert "non affiché" in page


def test_city_and_neighbourhood_pages(client, council, neighbourhood) -> None:
    _crowd(council)
    SpaceFactory(title="Brouillon secret", is_published=False)
    page = _text(client.get(_url("insights:city", "fr") + "?period=2025"))
    assert 'id="figure-participants">51<' in page
    assert "Brouillon secret" not in page
    page = _text(client.get(_url("insights:neighbourhood", "fr", slug="bottiere")))
    assert "Bottière" in page


def test_a_draft_space_has_no_public_figures(client) -> None:
    draft = SpaceFactory(is_published=False)
    url = _url("insights:space", "fr", slug=draft.slug)
    assert client.get(url).status_code == 404
    assert client.get(_url("insights:report", "fr", slug=draft.slug)).status_code == 404


def test_a_meeting_of_one_profile_hides_it(client, council) -> None:
    meeting = MeetingFactory(space=council, starts_at=at(DAY, 18), ends_at=at(DAY, 20))
    for _n in range(12):
        resident = ResidentFactory()
        DemographicsFactory(resident=resident, gender="man", age_band="30-44")
        Attendance.objects.create(meeting=meeting, resident=resident, channel="walk_in")
    Attendance.objects.create(meeting=meeting, name="M. Traoré", channel="paper")
    page = _text(client.get(_url("insights:meeting", pk=meeting.pk)))
    assert 'id="figure-participants">13<' in page
    assert "Traoré" not in page
    # Everyone who shared demographics is a man of 30 to 44: showing 12 there and "fewer
    # than 10" (that is 0) elsewhere would tell each attendee's age and gender.
    assert "<td>12</td>" not in page
    assert "not shown" in page


def test_the_report_is_one_printable_page_with_answers_and_decisions(client, council) -> None:
    _crowd(council)
    DecisionFactory(space=council, title="Délibération des bancs", decided_on=DAY)
    page = _text(client.get(_url("insights:report", slug=council.slug)))
    assert "Evaluation report: Conseil Bottière" in page
    assert "insights/insights.css" in page
    assert "Délibération des bancs" in page
    assert 'id="answers-table"' in page
    assert "Answered within the delay" in page


def test_the_report_csv(client, council) -> None:
    _crowd(council)
    DecisionFactory(space=council, title="Délibération des bancs", decided_on=DAY)
    url = _url("insights:report_export", slug=council.slug)
    response = client.get(url + "?period=2025")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["Section", "Figure", "Value"]
    figures = {row[1]: row[2] for row in rows[1:]}
    assert figures["Participants"] == "51"
    assert figures["Participants without demographics"] == "1"
    assert figures["Age band: 30 to 44"] == "37"
    assert figures["Age band: 75 and over"] == "not shown"
    assert figures["Contributions received"] == "51"
    assert figures["Délibération des bancs"] == "2025-03-12"
    assert "Josiane" not in b"".join(client.get(url).streaming_content).decode()


def test_queries_do_not_grow_with_the_participants(
    client, council, django_assert_max_num_queries
) -> None:
    _crowd(council)
    url = _url("insights:space", "fr", slug=council.slug) + "?period=2025"
    client.get(url)
    with django_assert_max_num_queries(20):
        client.get(url)
