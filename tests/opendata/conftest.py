"""A small city with recognisable private values planted everywhere, and its open-data build."""

from __future__ import annotations

import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.utils import timezone

from commune.accounts.models import Role
from commune.budgets import services as budget_services
from commune.contributions.models import Support
from commune.documents.models import Document, TextStatus
from commune.meetings.models import MeetingDocument, Minutes, RoomVote
from commune.opendata.build import build
from commune.texts import services as text_services
from commune.texts.models import Paragraph
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    BudgetFactory,
    BudgetProjectFactory,
    CommentFactory,
    CommitmentFactory,
    ContributionFactory,
    DecisionFactory,
    DemographicsFactory,
    MeetingFactory,
    RegistrationFactory,
    ResidentFactory,
    SpaceFactory,
    StatusChangeFactory,
    WikiPageFactory,
    make_text,
)

# Values that must never leave the database: each file of a build is searched for them.
SECRETS = {
    "author_email": "auteur.prive@exemple.org",
    "commenter_email": "commentatrice.privee@exemple.org",
    "supporter_name": "Soutien Anonyme Zephyrin",
    "supporter_email": "soutien.prive@exemple.org",
    "voter_name": "Votante Secrete Ondine",
    "voter_email": "votante.privee@exemple.org",
    "registration_name": "Inscrit Telephone Barnabe",
    "registration_phone": "0611223344",
    "attendee_name": "Presence Papier Clotaire",
    "hidden_comment": "Commentaire masque Ursule",
    "hidden_contribution": "Idee masquee Philomene",
    "draft_space": "Espace brouillon Hippolyte",
    "occupation_label": "manual_worker",
    "withdrawn_document": "Dossier retire Anatole",
    "original_filename": "scan-de-madame-dupont.pdf",
}


@pytest.fixture
def opendata_dir(settings, tmp_path: Path) -> Path:
    """Builds go to a directory of this test only."""
    settings.COMMUNE_OPENDATA_DIR = str(tmp_path / "opendata")
    return tmp_path / "opendata"


@pytest.fixture
def city(db) -> SimpleNamespace:
    """A space with every kind of public object, and private data next to each of them."""
    space = SpaceFactory(
        title="Conseil des quais", components=["contributions", "meetings", "budget", "texts"]
    )
    draft = SpaceFactory(title=SECRETS["draft_space"], is_published=False)
    author = ResidentFactory(display_name="Camille des Quais", email=SECRETS["author_email"])
    DemographicsFactory(
        resident=author, gender="woman", age_band="30-44", occupation="manual_worker"
    )
    commenter = ResidentFactory(display_name="Malo", email=SECRETS["commenter_email"])
    supporter = ResidentFactory(
        display_name=SECRETS["supporter_name"], email=SECRETS["supporter_email"]
    )

    contribution = ContributionFactory(
        space=space, author=author, title="Des bancs sur les quais", support_count=1
    )
    Support.objects.create(contribution=contribution, resident=supporter)
    ContributionFactory(space=space, title=SECRETS["hidden_contribution"], hidden_at=timezone.now())
    ContributionFactory(space=draft, title="Dans un brouillon")
    ContributionFactory(
        space=space, author=None, author_name="Jeanne (papier)", channel="paper", title="=1+1"
    )
    comment = CommentFactory(contribution=contribution, author=commenter, body="Bonne idée")
    CommentFactory(contribution=contribution, author=commenter, parent=comment, body="Et ombre")
    CommentFactory(
        contribution=contribution, body=SECRETS["hidden_comment"], hidden_at=timezone.now()
    )
    StatusChangeFactory(contribution=contribution, status="accepted", answer="Oui, en mars.")

    meeting = MeetingFactory(
        space=space,
        starts_at=timezone.now() - datetime.timedelta(days=2),
        ends_at=timezone.now() - datetime.timedelta(days=2, hours=-2),
    )
    RegistrationFactory(
        meeting=meeting,
        resident=None,
        name=SECRETS["registration_name"],
        phone=SECRETS["registration_phone"],
    )
    AttendanceFactory(meeting=meeting, resident=author)
    AttendanceFactory(
        meeting=meeting, resident=None, name=SECRETS["attendee_name"], channel="paper"
    )
    AgendaItemFactory(meeting=meeting, proposed_by=commenter, title="Les bancs")
    decision = DecisionFactory(space=space, meeting=meeting, title="Des bancs en mars")
    CommitmentFactory(decision=decision, title="Poser dix bancs", progress=30)
    RoomVote.objects.create(
        meeting=meeting,
        motion="Poser des bancs",
        votes_for=12,
        votes_against=3,
        abstentions=2,
        decision=decision,
    )
    Minutes.objects.create(meeting=meeting, body="Compte rendu.", body_html="<p>Compte rendu.</p>")
    MeetingDocument.objects.create(
        meeting=meeting,
        title="Ordre du jour",
        kind="agenda",
        file="meetings/documents/a.pdf",
        file_format="pdf",
        size=1234,
    )

    agent = ResidentFactory(role=Role.AGENT)
    for title, withdrawn_at in (
        ("Dossier de la commission", None),
        (SECRETS["withdrawn_document"], timezone.now()),
    ):
        Document.objects.create(
            title=title,
            document_type="committee_dossier",
            space=space,
            document_date=datetime.date(2026, 2, 1),
            file="documents/2026/02/dossier.pdf",
            file_format="pdf",
            original_filename=SECRETS["original_filename"],
            size=2048,
            sha256="0" * 64,
            text_status=TextStatus.EXTRACTED,
            extracted_text="Le texte extrait.",
            published_by=agent,
            withdrawn_at=withdrawn_at,
        )
    budget = BudgetFactory(space=space, title="Budget des quais")
    BudgetProjectFactory(budget=budget, title="Bancs", estimated_cost=30_000)
    BudgetProjectFactory(budget=budget, title="Arbres", estimated_cost=60_000)
    ids = dict(budget.projects.values_list("title", "pk"))
    voter = ResidentFactory(display_name=SECRETS["voter_name"], email=SECRETS["voter_email"])
    for resident, titles in ((voter, ["Bancs"]), (ResidentFactory(), ["Bancs", "Arbres"])):
        budget_services.cast_ballot(
            budget=budget,
            resident=resident,
            choices=[ids[title] for title in titles],
            age_confirmed=True,
        )
    budget.vote_closes_on = budget.vote_opens_on
    budget.save()
    budget_services.close_vote(budget=budget, actor=agent)
    BudgetFactory(space=space, title="Budget en cours")

    text = make_text(space=space, agent=agent)
    paragraph = Paragraph.objects.filter(section__version__text=text).first()
    amendment = text_services.propose_amendment(
        paragraph=paragraph,
        author=commenter,
        kind="edit",
        proposed_body="Chaque habitant est informé à temps.",
        justification="Plus clair.",
    )
    text_services.vote_amendment(amendment=amendment, resident=supporter, value=1)
    WikiPageFactory(space=SpaceFactory(components=["wiki"]), title="Jardins partagés")
    return SimpleNamespace(
        space=space,
        contribution=contribution,
        author=author,
        commenter=commenter,
        supporter=supporter,
        voter=voter,
        decision=decision,
        meeting=meeting,
        budget=budget,
    )


@pytest.fixture
def built(city: SimpleNamespace, opendata_dir: Path) -> dict:
    """The manifest of a build of the city above."""
    return build()
