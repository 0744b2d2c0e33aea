"""Minutes after a meeting: published text, votes in the room, decisions linked both ways."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from commune.accountability.models import Decision
from commune.core.models import AuditEvent
from commune.meetings import minutes
from commune.meetings.models import Minutes, RoomVote, VoteResult, vote_result
from tests.factories import (
    AgendaItemFactory,
    CityServiceFactory,
    CommitmentFactory,
    ContributionFactory,
    DecisionFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db


def past_meeting(**extra):
    """A general assembly that took place yesterday evening."""
    starts_at = timezone.now() - datetime.timedelta(days=1)
    return MeetingFactory(
        kind="general_assembly",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        **extra,
    )


def manage_url(meeting) -> str:
    return reverse("meetings:minutes_manage", kwargs={"pk": meeting.pk})


def post(client, meeting, action: str, **fields):
    data = {"action": action} | {f"{action}-{name}": value for name, value in fields.items()}
    return client.post(manage_url(meeting), data)


def vote_fields(**extra) -> dict:
    return {
        "motion": "Le conseil demande un abri à l'arrêt Le Cardo.",
        "votes_for": "31",
        "votes_against": "4",
        "abstentions": "6",
    } | extra


# --- The result rule -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("votes_for", "votes_against", "expected"),
    [
        (12, 3, VoteResult.ADOPTED),
        (3, 12, VoteResult.REJECTED),
        (7, 7, VoteResult.REJECTED),  # a tie rejects
        (0, 0, VoteResult.REJECTED),  # nobody for: not adopted
        (1, 0, VoteResult.ADOPTED),
    ],
)
def test_a_motion_needs_more_votes_for_than_against(votes_for, votes_against, expected) -> None:
    assert vote_result(votes_for, votes_against) == expected


def test_abstentions_do_not_count_in_the_majority(agent) -> None:
    """3 for, 2 against and 20 abstaining: adopted, as abstentions are not votes cast."""
    vote = minutes.record_vote(
        meeting=past_meeting(),
        actor=agent,
        motion="Repeindre le préau",
        votes_for=3,
        votes_against=2,
        abstentions=20,
    )
    assert (vote.result, vote.votes_cast) == (VoteResult.ADOPTED, 5)


# --- Minutes -----------------------------------------------------------------------------


def test_an_agent_publishes_the_minutes_shown_on_the_meeting_page(client, agent) -> None:
    agent.service = CityServiceFactory(name="Mission participation")
    agent.save()
    meeting = past_meeting()
    client.force_login(agent)
    response = post(client, meeting, "minutes", body="## Ouverture\n\nLa séance est **ouverte**.")
    assert response.status_code == 302
    record = Minutes.objects.get(meeting=meeting)
    assert record.published_by == agent
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "<strong>ouverte</strong>" in page
    assert "Published on" in page
    assert "Mission participation" in page
    assert AuditEvent.objects.filter(action="meetings.minutes_publish").count() == 1


def test_a_script_in_the_minutes_is_shown_as_text_never_run(client, agent) -> None:
    meeting = past_meeting()
    minutes.publish_minutes(
        meeting=meeting,
        actor=agent,
        body='<script>alert("x")</script> [lien](javascript:alert(1)) <img src=x onerror=alert(2)>',
    )
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert '<script>alert("x")' not in page
    assert "&lt;script&gt;" in page
    assert "javascript:alert" not in page
    assert "<img" not in page


def test_minutes_before_the_meeting_are_refused_with_a_clear_message(client, agent) -> None:
    meeting = MeetingFactory()  # in a week
    client.force_login(agent)
    response = post(client, meeting, "minutes", body="Compte rendu écrit d'avance.")
    assert response.status_code == 200
    assert "The meeting has not started yet" in response.content.decode()
    assert not Minutes.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="meetings.minutes").exists()


def test_a_cancelled_meeting_has_no_minutes(agent) -> None:
    meeting = past_meeting(cancelled_at=timezone.now())
    with pytest.raises(minutes.MinutesRefusedError):
        minutes.publish_minutes(meeting=meeting, actor=agent, body="Rien.")
    assert not Minutes.objects.exists()


def test_empty_minutes_are_refused_and_nothing_saved(client, agent) -> None:
    meeting = past_meeting()
    client.force_login(agent)
    response = post(client, meeting, "minutes", body="   ")
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Minutes.objects.exists()


def test_publishing_again_is_a_dated_correction(agent) -> None:
    meeting = past_meeting()
    first = minutes.publish_minutes(meeting=meeting, actor=agent, body="Version une.")
    second = minutes.publish_minutes(meeting=meeting, actor=agent, body="Version corrigée.")
    assert first.pk == second.pk
    assert second.corrected_at is not None
    assert Minutes.objects.get().body_html == "<p>Version corrigée.</p>"
    assert AuditEvent.objects.filter(action="meetings.minutes_correct").count() == 1


def test_a_past_meeting_without_minutes_says_they_are_not_published_yet(client) -> None:
    page = client.get(past_meeting().get_absolute_url()).content.decode()
    assert "The minutes of this meeting are not published yet." in page


def test_an_upcoming_meeting_has_no_minutes_section(client) -> None:
    page = client.get(MeetingFactory().get_absolute_url()).content.decode()
    assert 'id="minutes-title"' not in page


# --- Votes held in the room --------------------------------------------------------------


def test_an_agent_records_a_vote_shown_with_its_result_and_the_rule(client, agent) -> None:
    meeting = past_meeting()
    item = AgendaItemFactory(meeting=meeting, title="L'abri du Cardo")
    client.force_login(agent)
    response = post(client, meeting, "vote", **vote_fields(agenda_item=str(item.pk)))
    assert response.status_code == 302
    vote = RoomVote.objects.get()
    assert (vote.votes_for, vote.votes_against, vote.abstentions) == (31, 4, 6)
    assert vote.agenda_item == item
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Le conseil demande un abri" in page
    assert "Adopted" in page
    assert "Agenda item: L&#x27;abri du Cardo" in page
    assert "a tie means the motion is rejected" in page


@pytest.mark.parametrize(
    ("fields", "field_in_error"),
    [
        (vote_fields(votes_against="-1"), "votes_against"),
        (vote_fields(abstentions="beaucoup"), "abstentions"),
        (vote_fields(motion="  "), "motion"),
        (vote_fields(votes_for=""), "votes_for"),
    ],
)
def test_a_bad_vote_comes_back_with_its_error_and_nothing_saved(
    client, agent, fields, field_in_error
) -> None:
    meeting = past_meeting()
    client.force_login(agent)
    response = post(client, meeting, "vote", **fields)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_vote-{field_in_error}_error"' in html
    assert not RoomVote.objects.exists()
    assert not AuditEvent.objects.filter(action="meetings.record_vote").exists()


def test_a_vote_with_no_count_at_all_is_refused(agent) -> None:
    with pytest.raises(ValidationError):
        minutes.record_vote(
            meeting=past_meeting(),
            actor=agent,
            motion="Motion",
            votes_for=0,
            votes_against=0,
            abstentions=0,
        )
    assert not RoomVote.objects.exists()


def test_negative_counts_are_refused_by_the_service_too(agent) -> None:
    with pytest.raises(ValidationError) as caught:
        minutes.record_vote(
            meeting=past_meeting(),
            actor=agent,
            motion="Motion",
            votes_for=-3,
            votes_against=1,
            abstentions=0,
        )
    assert "votes_for" in caught.value.message_dict
    assert not RoomVote.objects.exists()


def test_a_vote_before_the_meeting_is_refused(client, agent) -> None:
    meeting = MeetingFactory()
    client.force_login(agent)
    response = post(client, meeting, "vote", **vote_fields())
    assert "The meeting has not started yet" in response.content.decode()
    assert not RoomVote.objects.exists()


def test_a_vote_links_only_an_item_and_a_decision_of_its_meeting(agent) -> None:
    meeting = past_meeting()
    other_item = AgendaItemFactory()
    other_decision = DecisionFactory()
    with pytest.raises(ValidationError) as caught:
        minutes.record_vote(
            meeting=meeting,
            actor=agent,
            motion="Motion",
            votes_for=2,
            votes_against=1,
            abstentions=0,
            agenda_item=other_item,
            decision=other_decision,
        )
    assert set(caught.value.message_dict) == {"agenda_item", "decision"}
    assert not RoomVote.objects.exists()


def test_an_agent_removes_a_vote_recorded_by_mistake(client, agent) -> None:
    meeting = past_meeting()
    vote = minutes.record_vote(
        meeting=meeting, actor=agent, motion="Erreur", votes_for=1, votes_against=0, abstentions=0
    )
    client.force_login(agent)
    response = client.post(manage_url(meeting), {"action": "remove_vote", "vote": vote.pk})
    assert response.status_code == 302
    assert not RoomVote.objects.exists()
    assert AuditEvent.objects.filter(action="meetings.remove_vote").exists()


# --- Decisions, linked both ways ---------------------------------------------------------


def test_a_decision_taken_at_the_meeting_is_linked_both_ways(client, agent) -> None:
    meeting = past_meeting()
    contribution = ContributionFactory(space=meeting.space, title="Un abri au Cardo")
    client.force_login(agent)
    response = post(
        client,
        meeting,
        "decision",
        title="Le conseil retient l'abri du Cardo",
        decided_by="Conseil de quartier en assemblée générale",
        decided_on="",
        body="Adopté à une large majorité.",
        contributions=[str(contribution.pk)],
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.meeting == meeting
    assert decision.space == meeting.space
    assert decision.decided_on == timezone.localdate(meeting.starts_at)
    assert list(decision.contributions.all()) == [contribution]
    assert AuditEvent.objects.filter(action="record_decision").exists()
    CommitmentFactory(decision=decision)

    # The meeting lists it, with a link...
    meeting_page = client.get(meeting.get_absolute_url()).content.decode()
    assert f'href="{decision.get_absolute_url()}"' in meeting_page
    assert "1 commitment" in meeting_page
    # ...and the decision says where it was taken, with a link back.
    decision_page = client.get(decision.get_absolute_url()).content.decode()
    assert "Taken at" in decision_page
    assert f'href="{meeting.get_absolute_url()}#minutes-title"' in decision_page
    # So do the lists of decisions.
    listing = client.get(reverse("accountability:decisions")).content.decode()
    assert f'href="{meeting.get_absolute_url()}#minutes-title"' in listing


def test_a_vote_points_at_the_decision_it_produced(client, agent) -> None:
    meeting = past_meeting()
    decision = minutes.record_meeting_decision(
        meeting=meeting, actor=agent, title="Abri", body="Oui.", decided_by="Le conseil"
    )
    minutes.record_vote(
        meeting=meeting,
        actor=agent,
        motion="Un abri",
        votes_for=9,
        votes_against=9,
        abstentions=1,
        decision=decision,
    )
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Rejected" in page  # a tie
    assert page.count(f'href="{decision.get_absolute_url()}"') == 2  # the vote and the list


def test_a_decision_answers_only_contributions_of_the_meetings_space(agent) -> None:
    meeting = past_meeting()
    elsewhere = ContributionFactory()
    with pytest.raises(ValidationError) as caught:
        minutes.record_meeting_decision(
            meeting=meeting,
            actor=agent,
            title="Titre",
            body="Texte",
            decided_by="Le conseil",
            contributions=[elsewhere],
        )
    assert "contributions" in caught.value.message_dict
    assert not Decision.objects.exists()


def test_a_decision_before_the_meeting_is_refused_and_nothing_saved(client, agent) -> None:
    meeting = MeetingFactory()
    client.force_login(agent)
    response = post(
        client, meeting, "decision", title="Trop tôt", decided_by="Conseil", body="Texte"
    )
    assert response.status_code == 200
    assert "The meeting has not started yet" in response.content.decode()
    assert not Decision.objects.exists()


# --- Who may do it -----------------------------------------------------------------------


def test_residents_cannot_open_or_post_to_the_minutes_page(client, resident) -> None:
    meeting = past_meeting()
    client.force_login(resident)
    assert client.get(manage_url(meeting)).status_code == 403
    assert post(client, meeting, "minutes", body="Pirate").status_code == 403
    assert post(client, meeting, "vote", **vote_fields()).status_code == 403
    assert not Minutes.objects.exists()
    assert not RoomVote.objects.exists()


@pytest.mark.parametrize("role", ["resident", "moderator", "elected"])
def test_only_agents_may_call_the_services(role) -> None:
    from tests.factories import ResidentFactory

    someone = ResidentFactory(role=role)
    meeting = past_meeting()
    with pytest.raises(PermissionDenied):
        minutes.publish_minutes(meeting=meeting, actor=someone, body="Texte")
    with pytest.raises(PermissionDenied):
        minutes.record_vote(
            meeting=meeting,
            actor=someone,
            motion="M",
            votes_for=1,
            votes_against=0,
            abstentions=0,
        )
    assert not Minutes.objects.exists()


def test_the_meeting_page_reads_the_record_in_a_constant_number_of_queries(
    client, agent, django_assert_max_num_queries
) -> None:
    meeting = past_meeting()
    minutes.publish_minutes(meeting=meeting, actor=agent, body="Texte.")

    def add_some(count: int) -> None:
        for n in range(count):
            decision = minutes.record_meeting_decision(
                meeting=meeting, actor=agent, title=f"D{n}", body="Oui.", decided_by="Conseil"
            )
            minutes.record_vote(
                meeting=meeting,
                actor=agent,
                motion=f"M{n}",
                votes_for=2,
                votes_against=1,
                abstentions=0,
                decision=decision,
                agenda_item=AgendaItemFactory(meeting=meeting),
            )

    add_some(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(meeting.get_absolute_url())
    add_some(4)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(meeting.get_absolute_url())
