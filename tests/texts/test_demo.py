"""The demo charter: 14 principles as version 1, comments, amendments in every state, and a
published synthesis version 2 adopted by a decision."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from commune.texts import access
from commune.texts.models import AmendmentStatus, ParagraphComment, Text


@pytest.mark.django_db
def test_the_demo_charter_is_amended_and_brought_to_a_synthesis() -> None:
    call_command("loaddemo", stdout=StringIO())
    text = Text.objects.get(space__slug="charte-gouvernement-ouvert")
    first, second = text.versions.order_by("number")
    assert first.sections.count() == 14
    assert not first.is_synthesis
    assert second.is_synthesis
    assert second.adopted_by is not None
    assert set(text.amendments.values_list("status", flat=True)) == set(AmendmentStatus.values)
    assert ParagraphComment.objects.filter(paragraph__section__version=first).count() >= 10
    assert second.amendment_records.count() == 5
    conflicts = [
        a.conflict for a in access.with_conflicts(text, text.amendments.filter(status="pending"))
    ]
    assert "changed" in conflicts
