"""The issue's journeys in a real browser: a resident on their way to a meeting, the agent
after it, and a newcomer following a council from an announced assembly to its decisions."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from icalendar import Calendar

from commune.accounts.models import Role
from commune.meetings.models import Attendance, AttendanceChannel, Meeting
from tests.e2e.helpers import check_page, localized_url, log_in, main_form_with, submit_button
from tests.factories import (
    RESIDENT_PASSWORD,
    AgendaItemFactory,
    MeetingFactory,
    NeighbourhoodFactory,
    ResidentFactory,
    SpaceFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _bellevue_meetings() -> tuple[object, Meeting]:
    bellevue = NeighbourhoodFactory(name="Bellevue", slug="bellevue")
    council = SpaceFactory(
        kind="neighbourhood_council",
        neighbourhood=bellevue,
        title="Conseil de quartier Bellevue",
        components=["meetings"],
    )
    elsewhere = SpaceFactory(components=["meetings"], title="Ailleurs")
    starts = timezone.now() + datetime.timedelta(days=10)
    accessible = MeetingFactory(
        space=council,
        title="Assemblée de Bellevue",
        kind="general_assembly",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        step_free_access=True,
        hearing_loop=True,
        registration_required=True,
        capacity=40,
        agenda_cutoff=starts - datetime.timedelta(days=3),
    )
    MeetingFactory(space=council, title="Atelier à l'étage", step_free_access=False)
    MeetingFactory(space=elsewhere, title="Loin d'ici", step_free_access=True)
    AgendaItemFactory(meeting=accessible, title="Les bancs de la place")
    return bellevue, accessible


def test_a_resident_finds_an_accessible_meeting_near_them_and_takes_part(page, axe) -> None:
    bellevue, meeting = _bellevue_meetings()
    resident = ResidentFactory(neighbourhood=bellevue, display_name="Inès")
    log_in(page, resident.email, RESIDENT_PASSWORD)

    # Near me, then step-free access: only the accessible meeting of Bellevue is left.
    page.goto("/rencontres/")
    check_page(page, axe, "fr")
    with page.expect_navigation():
        page.locator(f"main a[href='?neighbourhood={bellevue.pk}']").click()
    filters = page.locator("main form.filters")
    filters.locator("[name='step_free']").check()
    with page.expect_navigation():
        submit_button(filters).click()
    titles = page.locator("main .cards h3").all_inner_texts()
    assert titles == ["Assemblée de Bellevue"]
    check_page(page, axe, "fr")

    with page.expect_navigation():
        page.get_by_role("link", name="Assemblée de Bellevue").click()
    assert page.locator("main").get_by_text("Accès de plain-pied").count() >= 1

    # Register.
    with page.expect_navigation():
        submit_button(page.locator("main form[action$='/inscription/']")).click()
    assert page.get_by_text("Vous êtes inscrit").count() >= 1
    check_page(page, axe, "fr")

    # Propose an item, then support the item someone else proposed.
    proposal = main_form_with(page, "[name='agenda-title']")
    proposal.locator("[name='agenda-title']").fill("Un passage piéton devant l'école")
    with page.expect_navigation():
        submit_button(proposal).click()
    agenda = page.locator("main ol.agenda")
    assert agenda.locator("h3", has_text="Un passage piéton devant l'école").count() == 1
    bancs = agenda.locator("li", has_text="Les bancs de la place")
    with page.expect_navigation():
        bancs.locator("button[type='submit']").click()
    bancs = page.locator("main ol.agenda li", has_text="Les bancs de la place")
    assert "1 soutien" in bancs.inner_text()
    check_page(page, axe, "fr")

    # The .ics download opens in a calendar: right title and local time.
    with page.expect_download() as download:
        page.locator("main a[href$='rencontre.ics']").click()
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Assemblée de Bellevue"
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event.decoded("DTSTART") == meeting.starts_at.replace(microsecond=0)

    # The personal page lists it, with the private calendar link.
    page.goto("/rencontres/mes-rencontres/")
    assert page.locator("main h3", has_text="Assemblée de Bellevue").count() == 1
    assert "/agenda-personnel/" in page.locator("#feed-url").input_value()
    check_page(page, axe, "fr")


def test_an_agent_records_attendance_including_a_paper_sign_in(new_context, axe) -> None:
    _bellevue, meeting = _bellevue_meetings()
    resident = ResidentFactory(display_name="Inès")
    from commune.meetings.services import register

    register(meeting=meeting, resident=resident)
    # The meeting takes place.
    started = timezone.now() - datetime.timedelta(hours=1)
    Meeting.objects.filter(pk=meeting.pk).update(
        agenda_cutoff=started - datetime.timedelta(days=3),
        starts_at=started,
        ends_at=started + datetime.timedelta(hours=2),
    )
    agent = ResidentFactory(role=Role.AGENT)
    page = new_context().new_page()
    log_in(page, agent.email, RESIDENT_PASSWORD)
    page.goto(f"/rencontres/{meeting.pk}/presences/")
    check_page(page, axe, "fr")
    form = main_form_with(page, "[name='paper_count']")
    form.locator(f"[name='residents'][value='{resident.pk}']").check()
    form.locator("[name='paper_count']").fill("3")
    form.locator("[name='paper_names']").fill("Mme Leroux")
    with page.expect_navigation():
        submit_button(form).click()
    check_page(page, axe, "fr")
    channels = Attendance.objects.filter(meeting=meeting).values_list("channel", flat=True)
    assert sorted(channels) == sorted(
        [AttendanceChannel.REGISTERED_ONLINE] + [AttendanceChannel.PAPER] * 3
    )
    assert page.locator("main").get_by_text("Mme Leroux").count() == 0  # names stay private
    figures = page.locator("main").inner_text()
    assert "4" in figures


def test_a_newcomer_follows_a_council_from_the_announced_assembly_to_its_decisions(
    page, axe, demo_city
) -> None:
    page.goto("/espaces/conseil-de-quartier-nantes-nord/")
    check_page(page, axe, "fr")
    with page.expect_navigation():
        page.locator("main a[href='/rencontres/espace/conseil-de-quartier-nantes-nord/']").click()
    check_page(page, axe, "fr")
    upcoming = page.locator("main .cards").first
    assert upcoming.get_by_text("Assemblée générale").count() >= 1  # announced

    # The last general assembly: its minutes, votes and decisions.
    past = page.locator("main .cards").last.locator("li", has_text="Assemblée générale").first
    with page.expect_navigation():
        past.locator("h3 a").click()
    check_page(page, axe, "fr")
    assert page.locator("#minutes-title").count() == 1
    assert page.locator("main .minutes-text").inner_text().strip()
    assert page.locator("main table.votes tbody tr").count() >= 1
    decisions = page.locator("main ul.meeting-decisions a")
    assert decisions.count() >= 1
    meeting_path = page.evaluate("location.pathname")

    with page.expect_navigation():
        decisions.first.click()
    check_page(page, axe, "fr")
    # The decision says where it was taken, and leads back to the meeting.
    back = page.locator(f"main a[href^='{meeting_path}']")
    assert back.count() >= 1
    with page.expect_navigation():
        back.first.click()
    assert page.evaluate("location.pathname") == meeting_path


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_agents_meeting_form_and_cancel_page_pass_axe(page, axe, language: str) -> None:
    meeting = MeetingFactory(registration_required=True)
    agent = ResidentFactory(role=Role.AGENT)
    prefix = "" if language == "fr" else "/en"
    log_in(page, agent.email, RESIDENT_PASSWORD, prefix=prefix)

    page.goto(localized_url(language, "meetings:create", space_slug=meeting.space.slug))
    check_page(page, axe, language)
    form = main_form_with(page, "[name='address']")
    form.locator("[name='title']").fill("Atelier")
    form.locator("[name='address']").fill("quelque part")
    with page.expect_navigation():
        submit_button(form).click()
    assert page.locator("main .errorlist").count() >= 2  # the dates and the address
    assert page.locator("main [name='title']").input_value() == "Atelier"
    check_page(page, axe, language)

    for name in ("meetings:edit", "meetings:cancel_meeting"):
        page.goto(localized_url(language, name, pk=meeting.pk))
        check_page(page, axe, language)
