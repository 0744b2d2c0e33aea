"""The due date of the first answer, and the overdue badge once it has passed unanswered."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import escape

from commune.accountability import services
from commune.contributions.models import ContributionKind, Pillar, Status
from commune.contributions.services import submit_contribution
from tests.accountability.html import content, text


def en_page(contribution) -> str:
    with translation.override("en"):
        return contribution.get_absolute_url()


def en_date(value: datetime.date) -> str:
    with translation.override("en"):
        return formats.date_format(value, "DATE_FORMAT")


def has_overdue_badge(html: str) -> bool:
    return 'class="badge badge-overdue">Overdue<' in html


def test_the_due_date_is_the_submission_date_plus_the_space_delay(client, space, resident) -> None:
    contribution = submit_contribution(
        space=space,
        author=resident,
        title="Un abri à vélos",
        body="Devant la médiathèque.",
        pillar=Pillar.CO_PRODUCTION,
        neighbourhood=None,
        kind=ContributionKind.IDEA,
    )
    expected = timezone.localdate() + datetime.timedelta(days=space.answer_delay_days)
    assert contribution.due_on == expected
    assert list(contribution.status_changes.values_list("status", flat=True)) == ["received"]
    html = text(content(client.get(en_page(contribution))))
    assert f"Answer due by {en_date(expected)}." in html


@pytest.mark.parametrize(("days_ago", "overdue"), [(29, False), (30, False), (31, True)])
def test_the_overdue_badge_appears_exactly_after_the_due_date(
    client, make_contribution, days_ago: int, overdue: bool
) -> None:
    """With a 30-day delay: due today after 30 days (not late yet), overdue the day after."""
    contribution = make_contribution(days_ago=days_ago)
    assert contribution.due_on == timezone.localdate() + datetime.timedelta(days=30 - days_ago)
    html = content(client.get(en_page(contribution)))
    assert has_overdue_badge(html) is overdue
    city = content(client.get(reverse("accountability:city")))
    assert (escape(contribution.title) in city) is overdue


def test_an_answered_contribution_shows_when_it_was_answered(
    client, agent, make_contribution
) -> None:
    contribution = make_contribution(days_ago=45)
    services.answer_contribution(
        contribution=contribution, status=Status.UNDER_STUDY, answer="À l'étude.", actor=agent
    )
    html = content(client.get(en_page(contribution)))
    assert not has_overdue_badge(html)
    assert (
        f"Answered on {en_date(timezone.localdate())} "
        f"(the answer was due by {en_date(contribution.due_on)})."
    ) in text(html)


def test_a_withdrawn_contribution_is_never_overdue(client, make_contribution) -> None:
    contribution = make_contribution(days_ago=60, withdrawn_at=timezone.now())
    html = content(client.get(en_page(contribution)))
    assert not has_overdue_badge(html)
    assert "The city still answers it." in text(html)


def test_the_overdue_badge_is_in_french_by_default(client, make_contribution) -> None:
    contribution = make_contribution(days_ago=31)
    with translation.override("fr"):
        html = content(client.get(contribution.get_absolute_url()))
    assert 'class="badge badge-overdue">En retard<' in html


def test_agents_get_the_way_to_answer_and_the_public_does_not(
    client, agent, resident, make_contribution
) -> None:
    contribution = make_contribution()
    answer = reverse("accountability:answer", kwargs={"pk": contribution.pk})
    assert answer not in content(client.get(contribution.get_absolute_url()))
    client.force_login(resident)
    assert answer not in content(client.get(contribution.get_absolute_url()))
    client.force_login(agent)
    html = content(client.get(contribution.get_absolute_url()))
    assert answer in html
    assert f"?space={contribution.space.slug}&amp;contribution={contribution.pk}" in html
