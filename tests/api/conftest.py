"""A small city with public rows of every kind the API serves, and private ones beside them."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from rest_framework.test import APIClient

from commune.accountability.models import ProgressUpdate
from commune.accounts.models import Demographics, Gender
from commune.budgets.services import compute_results
from commune.contributions.models import Support
from commune.documents.models import Document
from commune.meetings.models import Minutes, RoomVote
from commune.territory.models import AgeBand
from commune.texts.models import Amendment, AmendmentComment, AmendmentVote, Paragraph
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    BudgetFactory,
    BudgetProjectFactory,
    CityServiceFactory,
    CommentFactory,
    CommitmentFactory,
    ContributionFactory,
    DecisionFactory,
    MeetingFactory,
    NeighbourhoodFactory,
    PhaseFactory,
    RegistrationFactory,
    ResidentFactory,
    SpaceFactory,
    StatusChangeFactory,
    make_text,
)

# Personal data that must never come out of the API.
SECRET_EMAIL = "camille.secret@example.org"


@dataclass
class City:
    space: Any
    draft: Any
    contribution: Any
    hidden_contribution: Any
    draft_contribution: Any
    comment: Any
    hidden_comment: Any
    decision: Any
    meeting: Any
    budget: Any
    reviewed_project: Any
    unreviewed_project: Any
    text: Any
    amendment: Any
    author: Any
    document: Any


def _document(space: Any, **fields: Any) -> Document:
    document = Document(
        space=space,
        document_type="committee_dossier",
        document_date=datetime.date(2026, 3, 1),
        file_format="pdf",
        original_filename="dossier.pdf",
        size=1_250_000,
        sha256="0" * 64,
        page_count=1,
        text_status="extracted",
        **fields,
    )
    document.file.save("dossier.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    return document


@pytest.fixture
def client() -> APIClient:
    return APIClient()


@pytest.fixture
def wsgi_app() -> Iterator[WSGIHandler]:
    """Django's WSGI application, for tools that call it directly (werkzeug, schemathesis).

    Like Django's test client, it keeps the test's database connection open between
    requests: `close_old_connections` would close it as each request starts and ends
    (PostgreSQL then loses the test's transaction).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def city(db: Any) -> City:
    """Public rows of every kind, with private ones (a draft space, hidden rows) beside them."""
    neighbourhood = NeighbourhoodFactory(slug="nantes-nord", name="Nantes Nord")
    space = SpaceFactory(
        slug="atelier-public",
        neighbourhood=neighbourhood,
        components=["contributions", "meetings", "budget", "texts"],
    )
    PhaseFactory(space=space, title="Propositions")
    draft = SpaceFactory(slug="brouillon", is_published=False, components=["contributions"])
    author = ResidentFactory(email=SECRET_EMAIL, display_name="Camille du quai")
    Demographics.objects.create(
        resident=author, consented_at=timezone.now(), gender=Gender.WOMAN, age_band=AgeBand.FROM_30
    )
    contribution = ContributionFactory(
        space=space, author=author, neighbourhood=neighbourhood, title="Des bancs sur le quai"
    )
    supporter = ResidentFactory(email="soutien.secret@example.org", display_name="Soutien")
    Support.objects.create(contribution=contribution, resident=supporter)
    StatusChangeFactory(
        contribution=contribution,
        status="under_study",
        answer="Le service des espaces verts étudie la demande.",
        service=CityServiceFactory(name="Espaces verts"),
    )
    hidden_contribution = ContributionFactory(
        space=space, title="Message retiré", hidden_at=timezone.now(), hidden_reason="Insultes"
    )
    draft_contribution = ContributionFactory(space=draft, title="Idée en brouillon")
    comment = CommentFactory(contribution=contribution, author=author, body="Bonne idée")
    hidden_comment = CommentFactory(
        contribution=contribution, body="Propos injurieux", hidden_at=timezone.now()
    )
    decision = DecisionFactory(space=space, title="Délibération sur les bancs")
    decision.contributions.add(contribution)
    commitment = CommitmentFactory(decision=decision, title="Installer dix bancs", progress=40)
    ProgressUpdate.objects.create(commitment=commitment, progress=40, text="Quatre bancs posés.")

    meeting = MeetingFactory(
        space=space,
        kind="general_assembly",
        starts_at=timezone.now() - datetime.timedelta(days=2),
        ends_at=timezone.now() - datetime.timedelta(days=2) + datetime.timedelta(hours=2),
        registration_required=True,
        step_free_access=True,
    )
    RegistrationFactory(meeting=meeting, resident=supporter)
    AttendanceFactory(meeting=meeting, resident=supporter, channel="registered_online")
    AttendanceFactory(meeting=meeting, resident=None, name="Dominique", channel="paper")
    AgendaItemFactory(meeting=meeting, title="Les bancs", proposed_by=author, support_count=3)
    Minutes.objects.create(meeting=meeting, body="Compte rendu.", body_html="<p>Compte rendu.</p>")
    RoomVote.objects.create(
        meeting=meeting, motion="Des bancs", votes_for=12, votes_against=3, abstentions=1
    )
    MeetingFactory(space=space, title="Atelier à venir", step_free_access=False)
    MeetingFactory(space=draft, title="Réunion en brouillon")

    budget = BudgetFactory(space=space, phase="counting")
    reviewed_project = BudgetProjectFactory(budget=budget, title="Un jardin partagé")
    unreviewed_project = BudgetProjectFactory(
        budget=budget,
        title="Une aire de jeux",
        status="submitted",
        review_reason="Brouillon de l'avis, pas encore publié",
        reviewed_at=None,
    )
    budget.vote_closed_at = timezone.now()
    budget.results = compute_results(budget)
    budget.save()
    BudgetFactory(space=draft, title="Budget en brouillon")

    text = make_text(space=space)
    paragraph = Paragraph.objects.filter(section__version__text=text).order_by("pk").first()
    amendment = Amendment.objects.create(
        text=text,
        paragraph=paragraph,
        kind="edit",
        original_body=paragraph.body,
        proposed_body="Chaque habitant a le droit d'être informé et écouté.",
        justification="Écouter, pas seulement informer.",
        author=author,
    )
    for value in (1, 1, -1):
        AmendmentVote.objects.create(amendment=amendment, resident=ResidentFactory(), value=value)
    AmendmentComment.objects.create(
        amendment=amendment, author=supporter, body="D'accord.", body_html="<p>D'accord.</p>"
    )
    document = _document(space, title="Dossier des quais", extracted_text="Le quai sera ouvert.")
    _document(space, title="Dossier retiré", withdrawn_at=timezone.now())
    _document(draft, title="Dossier en brouillon")
    return City(
        document=document,
        space=space,
        draft=draft,
        contribution=contribution,
        hidden_contribution=hidden_contribution,
        draft_contribution=draft_contribution,
        comment=comment,
        hidden_comment=hidden_comment,
        decision=decision,
        meeting=meeting,
        budget=budget,
        reviewed_project=reviewed_project,
        unreviewed_project=unreviewed_project,
        text=text,
        amendment=amendment,
        author=author,
    )
