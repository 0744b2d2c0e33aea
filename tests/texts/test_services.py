"""Comments, amendments, conflicts, decisions with notifications, and the synthesis record."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commune.accounts.models import Role
from commune.core.models import AuditEvent
from commune.notifications.models import Notification, NotificationKind
from commune.notifications.wording import describe, link
from commune.texts import access, services
from commune.texts.models import (
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    AmendmentVote,
    Paragraph,
    SynthesisAmendment,
    SynthesisParagraph,
)
from tests.factories import DecisionFactory, ResidentFactory, make_text

pytestmark = pytest.mark.django_db


def _paragraph(text, section: int, number: int) -> Paragraph:
    return Paragraph.objects.get(
        section__version=text.current_version(), section__number=section, number=number
    )


def test_creating_a_text_numbers_sections_and_paragraphs() -> None:
    text = make_text()
    version = text.current_version()
    assert version.number == 1
    refs = [p.reference for p in access.paragraphs_of(version)]
    assert refs == ["§1.1", "§1.2", "§2.1"]
    assert AuditEvent.objects.filter(action="texts.create").count() == 1


def test_only_agents_create_texts() -> None:
    with pytest.raises(PermissionDenied):
        make_text(agent=ResidentFactory())


def test_a_new_version_keeps_the_lineage_of_unchanged_and_edited_paragraphs() -> None:
    text = make_text()
    first = {p.reference: p.lineage for p in access.paragraphs_of(text.current_version())}
    agent = ResidentFactory(role=Role.AGENT)
    services.publish_version(
        text=text,
        source="# Droits\n\nUn nouveau paragraphe en tête.\n\n"
        "Chaque habitante et chaque habitant a le droit d'être informé.\n\n"
        "# Engagements\n\nLa ville publie toutes ses décisions.\n",
        note="",
        actor=agent,
    )
    second = {p.reference: p.lineage for p in access.paragraphs_of(text.current_version())}
    assert second["§1.2"] == first["§1.1"]  # unchanged, moved down
    assert second["§2.1"] == first["§2.1"]  # edited in place
    assert second["§1.1"] not in first.values()


def test_an_amendment_with_an_empty_justification_is_refused_and_nothing_saved() -> None:
    text = make_text()
    with pytest.raises(ValidationError) as caught:
        services.propose_amendment(
            paragraph=_paragraph(text, 1, 1),
            author=ResidentFactory(),
            kind=AmendmentKind.EDIT,
            proposed_body="Autre chose.",
            justification="   ",
        )
    assert "justification" in caught.value.error_dict
    assert not Amendment.objects.exists()


def test_an_amendment_to_a_closed_text_is_refused() -> None:
    text = make_text()
    services.set_open(text=text, is_open=False, actor=ResidentFactory(role=Role.AGENT))
    with pytest.raises(ValidationError) as caught:
        services.propose_amendment(
            paragraph=_paragraph(text, 1, 1),
            author=ResidentFactory(),
            kind=AmendmentKind.DELETE,
            proposed_body="",
            justification="Inutile.",
        )
    assert caught.value.code == "closed"
    assert not Amendment.objects.exists()


def _amend(text, section=1, number=1, kind=AmendmentKind.EDIT, body="Texte proposé.", author=None):
    return services.propose_amendment(
        paragraph=_paragraph(text, section, number),
        author=author or ResidentFactory(),
        kind=kind,
        proposed_body=body,
        justification="Parce que.",
    )


def test_an_amendment_conflicts_once_its_paragraph_changed() -> None:
    text = make_text()
    amendment = _amend(text, 2, 1)
    assert access.with_conflicts(text, [amendment])[0].conflict == ""
    services.publish_version(
        text=text,
        source="# Droits\n\nChaque habitante et chaque habitant a le droit d'être informé.\n\n"
        "Toute contribution reçoit une réponse motivée.\n\n"
        "# Engagements\n\nLa ville publie ses décisions, leurs raisons et leurs coûts.\n",
        note="",
        actor=ResidentFactory(role=Role.AGENT),
    )
    amendment.refresh_from_db()
    assert access.with_conflicts(text, [amendment])[0].conflict == "changed"
    untouched = Amendment.objects.create(
        text=text,
        paragraph=amendment.paragraph.section.version.sections.get(number=1).paragraphs.get(
            number=1
        ),
        kind=AmendmentKind.DELETE,
        original_body="Chaque habitante et chaque habitant a le droit d'être informé.",
        justification="x",
        author=amendment.author,
    )
    assert access.with_conflicts(text, [untouched])[0].conflict == ""


def test_a_second_amendment_to_a_paragraph_conflicts_once_the_first_is_accepted() -> None:
    text = make_text()
    first, second = _amend(text, 1, 2, body="Une."), _amend(text, 1, 2, body="Deux.")
    services.decide_amendment(
        amendment=first, actor=ResidentFactory(role=Role.MODERATOR), status="accepted", reason="Ok"
    )
    assert access.with_conflicts(text, [second])[0].conflict == "taken"


def test_a_decision_needs_a_reason_and_a_moderator() -> None:
    text = make_text()
    amendment = _amend(text)
    with pytest.raises(PermissionDenied):
        services.decide_amendment(
            amendment=amendment, actor=ResidentFactory(), status="accepted", reason="Oui"
        )
    with pytest.raises(ValidationError) as caught:
        services.decide_amendment(
            amendment=amendment,
            actor=ResidentFactory(role=Role.MODERATOR),
            status="merged",
            reason=" ",
        )
    assert set(caught.value.error_dict) == {"reason", "merged_body"}
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.PENDING


def test_the_author_and_supporters_are_notified_of_the_decision(
    django_capture_on_commit_callbacks,
) -> None:
    text = make_text()
    author, supporter, opponent = ResidentFactory(), ResidentFactory(), ResidentFactory()
    amendment = _amend(text, author=author)
    services.vote_amendment(amendment=amendment, resident=supporter, value=AmendmentVote.SUPPORT)
    services.vote_amendment(amendment=amendment, resident=opponent, value=AmendmentVote.OPPOSE)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_amendment(
            amendment=amendment,
            actor=ResidentFactory(role=Role.MODERATOR),
            status="rejected",
            reason="Hors sujet.",
        )
    notified = Notification.objects.filter(kind=NotificationKind.AMENDMENT_DECIDED)
    assert set(notified.values_list("recipient_id", flat=True)) == {author.pk, supporter.pk}
    sentence = describe(notified.first())
    assert "§1.1" in sentence
    assert "Charte" in sentence
    assert link(notified.first()) == amendment.get_absolute_url()


def test_the_synthesis_applies_taken_amendments_and_records_everything() -> None:
    text = make_text()
    resident = ResidentFactory()
    moderator = ResidentFactory(role=Role.MODERATOR)
    services.comment_paragraph(
        paragraph=_paragraph(text, 1, 1), author=resident, stance="agree", body="Oui."
    )
    services.comment_paragraph(
        paragraph=_paragraph(text, 1, 1), author=resident, stance="disagree", body="Non."
    )
    edit = _amend(text, 1, 1, body="Chacun a le droit d'être informé à temps.")
    merged = _amend(text, 2, 1, body="La ville publie tout.")
    added = _amend(text, 1, 2, kind=AmendmentKind.ADD_AFTER, body="Un droit nouveau.")
    rejected = _amend(text, 1, 2, kind=AmendmentKind.DELETE, body="")
    pending = _amend(text, 2, 1, body="Encore autre chose.")
    for amendment, status, kept in [
        (edit, "accepted", ""),
        (merged, "merged", "La ville publie ses décisions et tout ce qui les fonde."),
        (added, "accepted", ""),
        (rejected, "rejected", ""),
    ]:
        services.decide_amendment(
            amendment=amendment, actor=moderator, status=status, reason="Raison.", merged_body=kept
        )
    decision = DecisionFactory(space=text.space)
    version = services.publish_synthesis(
        text=text,
        actor=ResidentFactory(role=Role.AGENT),
        note="La ville a retenu trois amendements.",
        decision=decision,
    )
    assert version.number == 2
    assert version.is_synthesis
    assert version.adopted_by == decision
    bodies = [p.body for p in access.paragraphs_of(version)]
    assert bodies == [
        "Chacun a le droit d'être informé à temps.",
        "Toute contribution reçoit une réponse motivée.",
        "Un droit nouveau.",
        "La ville publie ses décisions et tout ce qui les fonde.",
    ]
    records = {r.amendment_id: r for r in SynthesisAmendment.objects.filter(version=version)}
    assert set(records) == {edit.pk, merged.pk, added.pk, rejected.pk}  # pending stays open
    assert records[edit.pk].landed_at == "§1.1"
    assert records[added.pk].landed_at == "§1.3"
    assert records[merged.pk].status == AmendmentStatus.MERGED
    assert records[rejected.pk].landed_at == ""
    first = SynthesisParagraph.objects.get(version=version, previous_reference="§1.1")
    assert (first.agree, first.mixed, first.disagree, first.amendments) == (1, 0, 1, 1)
    assert first.changed
    assert first.new_reference == "§1.1"
    second = SynthesisParagraph.objects.get(version=version, previous_reference="§1.2")
    assert not second.changed
    assert second.amendments == 2
    # The pending amendment's paragraph changed: it is now flagged as conflicting.
    pending.refresh_from_db()
    assert access.with_conflicts(text, [pending])[0].conflict == "changed"


def test_a_synthesis_needs_the_citys_answer() -> None:
    text = make_text()
    with pytest.raises(ValidationError):
        services.publish_synthesis(text=text, actor=ResidentFactory(role=Role.AGENT), note=" ")
    assert text.versions.count() == 1
