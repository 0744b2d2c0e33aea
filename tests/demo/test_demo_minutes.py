"""The demo's past assemblies have minutes, room votes, decisions and the minutes as a PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from commune.accountability.models import Decision
from commune.core.demo.minutes import tiny_pdf
from commune.meetings.models import Meeting, MeetingKind, VoteResult
from commune.spaces.models import SpaceKind

pytestmark = pytest.mark.usefixtures("demo_output")


def _past_assemblies():
    return Meeting.objects.filter(
        kind=MeetingKind.GENERAL_ASSEMBLY,
        space__kind=SpaceKind.NEIGHBOURHOOD_COUNCIL,
        ends_at__lt=timezone.now(),
    )


def test_every_past_assembly_has_minutes_votes_decisions_and_a_pdf() -> None:
    assemblies = list(_past_assemblies())
    assert len(assemblies) == 11
    for meeting in assemblies:
        assert meeting.minutes.body_html.startswith("<p><strong>Présent·es")
        assert meeting.minutes.published_at > meeting.ends_at
        assert 1 <= meeting.votes.count() <= 2
        assert 1 <= meeting.decisions.count() <= 2
        assert all(decision.space_id == meeting.space_id for decision in meeting.decisions.all())
        document = meeting.documents.get()
        assert (document.kind, document.file_format) == ("minutes", "pdf")
        stored = Path(settings.MEDIA_ROOT) / document.file.name
        assert stored.read_bytes().startswith(b"%PDF-1.4")


def test_decisions_answer_the_councils_contributions_with_a_commitment() -> None:
    linked = Decision.objects.filter(meeting__in=_past_assemblies(), contributions__isnull=False)
    assert linked.distinct().count() >= 5
    for decision in linked:
        assert all(c.space_id == decision.space_id for c in decision.contributions.all())
    assert Decision.objects.filter(meeting__isnull=False, commitments__isnull=False).count() == 11


def test_some_motions_are_adopted_and_some_rejected() -> None:
    results = {vote.result for meeting in _past_assemblies() for vote in meeting.votes.all()}
    assert results == {VoteResult.ADOPTED, VoteResult.REJECTED}


def test_the_past_assembly_page_shows_its_minutes(client) -> None:
    meeting = _past_assemblies().get(space__neighbourhood__slug="nantes-nord")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Compte rendu" in page
    assert "la fermeture du bureau de poste du Ranzay" in page
    assert "Adoptée" in page


def test_the_generated_pdf_has_a_valid_cross_reference_table() -> None:
    pdf = tiny_pdf(["Compte rendu — Île de Nantes (été)"])
    start = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    assert pdf[start:].startswith(b"xref\n0 6\n")
    offsets = [int(line[:10]) for line in pdf[start:].split(b"\n")[3:8]]
    for number, offset in enumerate(offsets, start=1):
        assert pdf[offset:].startswith(f"{number} 0 obj".encode())
