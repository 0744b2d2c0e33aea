"""Datasets of documents' metadata: published documents and meetings' documents.

Metadata only (title, type, date, format, size, address of the file): the files themselves
are on the site, and the text extracted for search is not repeated here.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from commune.opendata.datasets import _id, link
from commune.opendata.registry import Column, Dataset, site_url


def media_url(name: str) -> str:
    return site_url(settings.MEDIA_URL + name) if name else ""


def _meeting_documents() -> Any:
    from commune.meetings.models import MeetingDocument

    return MeetingDocument.objects.filter(meeting__space__is_published=True)


def _documents() -> Any:
    from commune.documents.models import Document

    return Document.objects.visible()


MEETING_DOCUMENTS = Dataset(
    name="meeting_documents",
    title=_("Meeting documents"),
    description=_("Metadata of the documents published with meetings: agendas, slides, minutes."),
    queryset=_meeting_documents,
    keywords=("réunions", "documents"),
    columns=(
        _id(),
        Column("meeting_id", "integer", _("The meeting.")),
        Column("title", "string", _("Title.")),
        Column("kind", "string", _("agenda, slides, minutes or other.")),
        Column("file_format", "string", _("File format (PDF, ODT, DOCX).")),
        Column("size", "integer", _("Size in bytes.")),
        Column("created_at", "datetime", _("Added on (UTC).")),
        Column("url", "string", _("Address of the file."), "file", media_url),
    ),
)

DOCUMENTS = Dataset(
    name="documents",
    title=_("Published documents"),
    description=_(
        "Metadata of the documents the city publishes (committee dossiers, reports…), "
        "withdrawn ones left out."
    ),
    queryset=_documents,
    keywords=("documents",),
    columns=(
        _id(),
        Column("title", "string", _("Title.")),
        Column("document_type", "string", _("Type of document.")),
        Column("space_id", "integer", _("The space it belongs to, empty if city-wide.")),
        Column("meeting_id", "integer", _("The meeting it belongs to, if any.")),
        Column("document_date", "date", _("Date of the document.")),
        Column("file_format", "string", _("File format.")),
        Column("size", "integer", _("Size in bytes.")),
        Column("page_count", "integer", _("Number of pages, if known.")),
        Column("sha256", "string", _("SHA-256 of the file, to check a copy.")),
        Column("published_at", "datetime", _("Published on (UTC).")),
        Column("url", "string", _("Address of its page."), "id", link("documents:detail")),
        Column("file_url", "string", _("Address of the file."), "file", media_url),
    ),
)

DATASETS = (MEETING_DOCUMENTS, DOCUMENTS)
