"""Agents publish documents: text read at once, unreadable ones flagged, bad files refused."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commune.core.models import AuditEvent
from commune.documents.models import Document
from tests.documents.conftest import docx, image_pdf, odt, stored_files, text_pdf
from tests.factories import MeetingFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def publish(client, name: str, content: bytes, **extra):
    return client.post(
        reverse("documents:publish"),
        {
            "title": "Dossier du comité",
            "document_type": "committee_dossier",
            "document_date": "2026-03-12",
            "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        }
        | extra,
    )


def test_an_agent_publishes_a_pdf_and_its_page_shows_the_text(client, agent) -> None:
    space = SpaceFactory(title="Conseil de quartier Nantes Nord")
    client.force_login(agent)
    response = publish(client, "Dossier (version finale).pdf", text_pdf(), space=space.pk)
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    assert (document.file_format, document.page_count, document.space) == ("pdf", 3, space)
    assert document.size == len(text_pdf())
    assert document.sha256 == hashlib.sha256(text_pdf()).hexdigest()
    assert document.original_filename == "Dossier (version finale).pdf"
    assert "version finale" not in document.file.name  # the stored name is random
    assert AuditEvent.objects.filter(action="documents.publish", actor=agent).count() == 1

    page = client.get(document.get_absolute_url()).content.decode()
    assert "The document is published with its text." in page
    assert "Un jardin partagé rue Hélène-Boucher." in page
    assert 'id="page-2"' in page
    assert "Download the document" in page
    assert "PDF, " in page
    assert "3 pages" in page


def test_the_public_page_names_the_service_never_the_agent(client, agent) -> None:
    client.force_login(agent)
    publish(client, "dossier.pdf", text_pdf())
    document = Document.objects.get()
    client.logout()
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Direction de la participation" in page
    assert "Karim" not in page
    assert agent.email not in page


def test_a_scanned_pdf_is_published_with_text_not_available(client, agent) -> None:
    client.force_login(agent)
    response = publish(client, "deliberation-scan.pdf", image_pdf())
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.text_status, document.text_unavailable_reason) == ("not_available", "no_text")
    page = client.get(document.get_absolute_url()).content.decode()
    assert "its text could not be read" in page
    assert "Text not available." in page
    assert "The file holds no text layer (a scanned image, a drawing)." in page
    assert f'href="{document.file.url}" download' in page


@pytest.mark.parametrize(
    ("name", "builder", "heading"),
    [("etude.odt", odt, "<h4>Le jardin</h4>"), ("etude.docx", docx, "<h4>Le jardin</h4>")],
)
def test_office_files_are_shown_with_their_headings(client, agent, name, builder, heading) -> None:
    client.force_login(agent)
    assert publish(client, name, builder()).status_code == 302
    page = client.get(Document.objects.get().get_absolute_url()).content.decode()
    assert heading in page
    assert "<p>Un jardin partagé rue Hélène-Boucher.</p>" in page


def test_a_document_of_a_meeting_belongs_to_its_space(client, agent) -> None:
    meeting = MeetingFactory()
    client.force_login(agent)
    assert publish(client, "odj.pdf", text_pdf(), meeting=meeting.pk).status_code == 302
    document = Document.objects.get()
    assert (document.meeting, document.space) == (meeting, meeting.space)


def test_a_meeting_of_another_space_is_refused(client, agent, media_root: Path) -> None:
    client.force_login(agent)
    response = publish(
        client, "odj.pdf", text_pdf(), meeting=MeetingFactory().pk, space=SpaceFactory().pk
    )
    assert response.status_code == 400
    assert "This meeting belongs to another space." in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("dossier.pdf", b"", "The submitted file is empty."),
        ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "This file is not a PDF, ODT or DOCX"),
        ("dossier.odt", None, "but its content is a PDF document"),
        ("dossier.pdf", "truncated", "This PDF file is damaged or incomplete"),
        ("etude.odt", "truncated-odt", "This ODT file is damaged or incomplete"),
    ],
    ids=["empty", "not-a-document", "wrong-extension", "truncated-pdf", "truncated-odt"],
)
def test_a_bad_file_is_refused_with_the_reason_and_nothing_saved(
    client, agent, media_root: Path, name, content, message
) -> None:
    if content is None:
        content = text_pdf()
    elif content == "truncated":
        content = text_pdf()[: len(text_pdf()) // 2]
    elif content == "truncated-odt":
        content = odt()[: len(odt()) // 2]
    client.force_login(agent)
    response = publish(client, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'value="Dossier du comité"' in response.content.decode()  # the form is kept
    assert not Document.objects.exists()
    assert not AuditEvent.objects.filter(action="documents.publish").exists()
    assert stored_files(media_root) == []


def test_a_file_over_the_size_cap_is_refused(client, agent, settings, media_root) -> None:
    settings.COMMUNE_DOCUMENT_MAX_BYTES = 1024 * 1024
    client.force_login(agent)
    response = publish(client, "gros.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024))
    assert response.status_code == 400
    assert "This document is larger than 1 MB" in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_a_missing_title_is_refused(client, agent, media_root) -> None:
    client.force_login(agent)
    response = publish(client, "dossier.pdf", text_pdf(), title="  ")
    assert response.status_code == 400
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_residents_may_not_publish(client, resident, media_root) -> None:
    client.force_login(resident)
    assert publish(client, "dossier.pdf", text_pdf()).status_code == 403
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_publishing_is_rate_limited(client, agent, settings) -> None:
    client.force_login(agent)
    statuses = [publish(client, "x.pdf", b"nope").status_code for _ in range(31)]
    assert statuses[:30] == [400] * 30
    assert statuses[30] == 429


def test_a_withdrawn_document_leaves_the_public_site(client, agent) -> None:
    client.force_login(agent)
    publish(client, "dossier.pdf", text_pdf())
    document = Document.objects.get()
    url = reverse("documents:withdraw", kwargs={"pk": document.pk})
    refused = client.post(url, {"withdraw-reason": ""})
    assert refused.status_code == 400
    assert Document.objects.get().withdrawn_at is None
    response = client.post(url, {"withdraw-reason": "Version remplacée par celle du 14 mars."})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="documents.withdraw")
    assert event.reason == "Version remplacée par celle du 14 mars."
    agent_view = client.get(document.get_absolute_url()).content.decode()
    assert "Withdrawn from the public site on" in agent_view
    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 404
    assert "Dossier du comité" not in client.get(reverse("documents:list")).content.decode()
    search = client.get(reverse("search:results"), {"q": "jardin"}).content.decode()
    assert "Dossier du comité" not in search

    client.force_login(agent)
    client.post(reverse("documents:republish", kwargs={"pk": document.pk}))
    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 200
