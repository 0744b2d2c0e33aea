"""The public list of documents (filters, pages, CSV) and a document's page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tests.documents.conftest import make_document
from tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db


def test_the_list_filters_by_space_type_year_and_words(client) -> None:
    nord = SpaceFactory(title="Conseil Nantes Nord", slug="nord")
    make_document(title="Dossier jardin", space=nord, document_date=datetime.date(2026, 2, 1))
    make_document(title="Étude des quais", document_type="study")
    make_document(
        title="Compte rendu 2025",
        document_type="minutes",
        document_date=datetime.date(2025, 6, 1),
        extracted_text="Le marché du jeudi.",
    )
    url = reverse("documents:list")

    def titles(**query: str) -> list[str]:
        page = client.get(url, query)
        assert page.status_code == 200
        return [d.title for d in page.context["page"].object_list]

    assert titles() == ["Étude des quais", "Dossier jardin", "Compte rendu 2025"]
    assert titles(space="nord") == ["Dossier jardin"]
    assert titles(document_type="study") == ["Étude des quais"]
    assert titles(year="2025") == ["Compte rendu 2025"]
    assert titles(q="MARCHé du") == ["Compte rendu 2025"]  # searched in the text too
    page = client.get(url).content.decode()
    assert "<title>Published documents —" in page
    assert "PDF, 1.2\xa0MB" in page


def test_a_bad_filter_shows_the_error_and_all_documents(client) -> None:
    make_document(title="Dossier jardin")
    response = client.get(reverse("documents:list"), {"year": "1850"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert len(response.context["page"].object_list) == 1


def test_the_list_is_paginated_keeping_its_filters(client) -> None:
    for number in range(25):
        make_document(title=f"Étude {number}", document_type="study")
    response = client.get(reverse("documents:list"), {"document_type": "study"})
    assert len(response.context["page"].object_list) == 20
    assert "?document_type=study&amp;page=2" in response.content.decode()
    second = client.get(reverse("documents:list"), {"document_type": "study", "page": "2"})
    assert len(second.context["page"].object_list) == 5


def test_the_csv_has_the_filtered_list_with_metadata(client) -> None:
    make_document(title="Étude des quais", document_type="study", page_count=12)
    make_document(title='=HYPERLINK("x")', text_status="not_available", extracted_text="")
    response = client.get(reverse("documents:export"), {"document_type": "study"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode()
    lines = body.strip().splitlines()
    assert lines[0].startswith("\ufeffTitle,Type,Date of the document")
    assert len(lines) == 2
    assert "Étude des quais,Study,2026-03-01,,PDF,1250000,12,yes," in lines[1]
    everything = b"".join(client.get(reverse("documents:export")).streaming_content).decode()
    assert "'=HYPERLINK" in everything  # defused for spreadsheets
    assert "Le quai sera ouvert" not in everything  # the text is on each page, not here


def test_documents_of_an_unpublished_space_are_not_shown(client) -> None:
    draft = SpaceFactory(is_published=False)
    document = make_document(title="Dossier en préparation", space=draft)
    assert client.get(document.get_absolute_url()).status_code == 404
    assert "Dossier en préparation" not in client.get(reverse("documents:list")).content.decode()


def test_the_text_is_escaped_on_the_page(client) -> None:
    document = make_document(
        title="<b>Titre</b>", extracted_text="<script>alert(1)</script>\n\nSuite & fin"
    )
    page = client.get(document.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<title>&lt;b&gt;Titre&lt;/b&gt; — Committee dossier —" in page
    assert "Suite &amp; fin" in page


def test_a_city_wide_document_says_so(client) -> None:
    page = client.get(make_document().get_absolute_url()).content.decode()
    assert "City-wide" in page
    assert "on 1 March 2026" not in page  # the date of publication, not of the document


def test_a_space_page_links_to_its_documents_and_every_page_to_the_list(client) -> None:
    space = SpaceFactory(slug="nord")
    page = client.get(reverse("spaces:detail", kwargs={"slug": "nord"})).content.decode()
    assert f"{reverse('documents:list')}?space={space.slug}" in page
    assert f'href="{reverse("search:results")}"' in page  # in the footer
