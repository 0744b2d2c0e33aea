"""The site-wide search: documents and contributions matching the same words, with excerpts."""

from __future__ import annotations

import random
import string

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.documents.conftest import make_document
from tests.factories import ContributionFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def search(client, words: str) -> str:
    response = client.get(reverse("search:results"), {"q": words})
    assert response.status_code == 200
    return response.content.decode()


def test_documents_and_contributions_are_found_together(client) -> None:
    make_document(
        title="Dossier du comité",
        extracted_text="Préambule.\f" + "Texte " * 60 + "Le composteur collectif sera installé.",
    )
    ContributionFactory(title="Un composteur collectif au square", body="Pour nos déchets.")
    ContributionFactory(title="Des bancs", body="Rien à voir.")
    page = search(client, "composteur")
    assert "<title>Search: composteur —" in page
    assert "1 document" in page
    assert "1 contribution" in page
    assert "Dossier du comité" in page
    assert "Un composteur collectif au square" in page
    assert "Des bancs" not in page
    assert "<mark>composteur</mark> collectif sera installé." in page  # the excerpt


def test_hidden_contributions_and_withdrawn_documents_are_not_found(client) -> None:
    make_document(title="Retiré", extracted_text="composteur", withdrawn_at=timezone.now())
    make_document(
        title="Brouillon", extracted_text="composteur", space=SpaceFactory(is_published=False)
    )
    ContributionFactory(title="Caché composteur", hidden_at=timezone.now())
    page = search(client, "composteur")
    assert "0 documents" in page
    assert "0 contributions" in page
    assert "Retiré" not in page
    assert "Brouillon" not in page
    assert "Caché" not in page


def test_excerpts_are_escaped(client) -> None:
    make_document(title="Dossier", extracted_text="<img src=x onerror=alert(1)> composteur")
    page = search(client, "composteur")
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>composteur</mark>" in page


def test_an_empty_search_shows_the_form_only(client) -> None:
    make_document(title="Dossier")
    page = search(client, "")
    assert "This field is required." in page
    assert "0 documents" not in page
    first_visit = client.get(reverse("search:results")).content.decode()
    assert "This field is required." not in first_visit


def test_many_matches_link_to_the_full_lists(client) -> None:
    for number in range(12):
        make_document(title=f"Composteur {number}")
    page = search(client, "composteur")
    assert "See all 12 documents" in page
    assert f"{reverse('documents:list')}?q=composteur" in page


def test_a_long_text_of_distinct_words_does_not_break_the_search(client) -> None:
    """A badly encoded PDF can give a huge text of distinct 'words' (PostgreSQL caps a
    full-text vector at 1 MB)."""
    rng = random.Random(8)
    noise = " ".join(
        "".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 10))) for _ in range(250_000)
    )
    make_document(title="Dossier illisible", extracted_text="composteur " + noise)
    make_document(title="Dossier du compost", extracted_text="Le composteur collectif.")
    page = search(client, "composteur")
    assert "2 documents" in page
