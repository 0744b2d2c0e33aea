"""Documents attached to a meeting: checked like contributions' attachments, listed, removed."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commune.contributions import uploads
from commune.core.models import AuditEvent
from commune.meetings import minutes
from commune.meetings.models import MeetingDocument
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:
    """Uploads go to a fresh folder per test, so a test sees every file written."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored(media_root: Path) -> list[Path]:
    return sorted(path for path in media_root.rglob("*") if path.is_file())


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def attach(client, meeting, name: str, content: bytes, **extra):
    return client.post(
        reverse("meetings:minutes_manage", kwargs={"pk": meeting.pk}),
        {
            "action": "document",
            "document-title": "Ordre du jour",
            "document-kind": "agenda",
            "document-file": upload(name, content),
        }
        | extra,
    )


def test_an_agent_attaches_a_pdf_listed_with_kind_format_and_size(
    client, agent, media_root
) -> None:
    """Documents may come before the meeting (here, in a week): an agenda, slides."""
    meeting = MeetingFactory()
    client.force_login(agent)
    response = attach(client, meeting, "Mon ODJ (version finale).pdf", PDF)
    assert response.status_code == 302
    document = MeetingDocument.objects.get()
    assert (document.kind, document.file_format, document.size) == ("agenda", "pdf", len(PDF))
    assert "version finale" not in document.file.name  # the sender's name is not kept
    assert document.file.name.startswith("meetings/documents/")
    assert len(stored(media_root)) == 1
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f'href="{document.file.url}"' in page
    assert "Ordre du jour" in page
    assert "PDF" in page
    assert f"{len(PDF)}\xa0bytes" in page
    assert AuditEvent.objects.filter(action="meetings.attach_document").exists()


def test_a_file_that_is_not_a_document_is_refused_and_nothing_stored(
    client, agent, media_root
) -> None:
    meeting = MeetingFactory()
    client.force_login(agent)
    response = attach(client, meeting, "programme.pdf", b"MZ\x90\x00 not really a pdf")
    assert response.status_code == 200
    assert "This file is not a PDF, ODT or DOCX document." in response.content.decode()
    assert not MeetingDocument.objects.exists()
    assert stored(media_root) == []


def test_a_document_too_large_is_refused(client, agent, media_root, monkeypatch) -> None:
    monkeypatch.setattr(uploads, "ATTACHMENT_MAX_BYTES", 10)
    meeting = MeetingFactory()
    client.force_login(agent)
    response = attach(client, meeting, "lourd.pdf", PDF)
    assert response.status_code == 200
    assert "This document is larger than" in response.content.decode()
    assert not MeetingDocument.objects.exists()
    assert stored(media_root) == []


def test_a_document_needs_a_title_and_a_kind(client, agent, media_root) -> None:
    meeting = MeetingFactory()
    client.force_login(agent)
    response = attach(client, meeting, "a.pdf", PDF, **{"document-title": " ", "document-kind": ""})
    assert response.status_code == 200
    assert not MeetingDocument.objects.exists()
    assert stored(media_root) == []


def test_the_service_checks_the_file_too(agent, media_root) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        minutes.attach_document(
            meeting=MeetingFactory(),
            actor=agent,
            title="Diaporama",
            kind="slides",
            upload=upload("diapo.pdf", b"<html>nope</html>"),
        )
    assert "file" in caught.value.message_dict
    assert stored(media_root) == []


def test_an_agent_removes_a_document_and_its_file(
    client, agent, media_root, django_capture_on_commit_callbacks
) -> None:
    meeting = MeetingFactory()
    document = minutes.attach_document(
        meeting=meeting, actor=agent, title="Diaporama", kind="slides", upload=upload("d.pdf", PDF)
    )
    assert len(stored(media_root)) == 1
    client.force_login(agent)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("meetings:minutes_manage", kwargs={"pk": meeting.pk}),
            {"action": "remove_document", "document": document.pk},
        )
    assert response.status_code == 302
    assert not MeetingDocument.objects.exists()
    assert stored(media_root) == []
    assert AuditEvent.objects.filter(action="meetings.remove_document").exists()


def test_residents_cannot_attach_documents(client, resident, media_root) -> None:
    meeting = MeetingFactory()
    client.force_login(resident)
    assert attach(client, meeting, "a.pdf", PDF).status_code == 403
    assert not MeetingDocument.objects.exists()
    assert stored(media_root) == []
