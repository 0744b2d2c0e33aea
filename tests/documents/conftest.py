"""Fixtures of the documents tests: accounts, a fresh media folder, and sample files."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from django.utils import translation

from commune.accounts.models import Resident, Role
from commune.core.demo.documents import docx_with_text, odt_with_text, pdf_with_text, scanned_pdf
from tests.factories import CityServiceFactory, ResidentFactory

SECTIONS = [("Le jardin", ["Un jardin partagé rue Hélène-Boucher.", "Ouvert au printemps."])]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The tests read the English texts: reverse() then gives the /en/ URLs."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:
    """Uploads go to a fresh folder per test, so a test sees every file written."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root: Path) -> list[Path]:
    return sorted(path for path in media_root.rglob("*") if path.is_file())


@pytest.fixture
def agent(db: None) -> Resident:
    return ResidentFactory(
        role=Role.AGENT,
        display_name="Karim Benali",
        service=CityServiceFactory(name="Direction de la participation"),
    )


@pytest.fixture
def resident(db: None) -> Resident:
    return ResidentFactory()


# WeasyPrint takes a moment: each sample is built once for the whole run.
@cache
def text_pdf() -> bytes:
    return pdf_with_text(
        "Dossier du comité",
        [("Le jardin", "Un jardin partagé rue Hélène-Boucher."), ("Budget", "18 000 euros.")],
    )


@cache
def image_pdf() -> bytes:
    return scanned_pdf()


@cache
def odt() -> bytes:
    return odt_with_text("Étude des quais", SECTIONS)


@cache
def docx() -> bytes:
    return docx_with_text("Étude des quais", SECTIONS)


def make_document(**fields: object):
    """A published document made directly (fast, for lists and search); uploads are tested
    through the publishing page."""
    import datetime

    from django.core.files.base import ContentFile

    from commune.documents.models import Document

    values: dict[str, object] = {
        "title": "Dossier",
        "document_type": "committee_dossier",
        "document_date": datetime.date(2026, 3, 1),
        "file_format": "pdf",
        "original_filename": "dossier.pdf",
        "size": 1_250_000,
        "sha256": "0" * 64,
        "page_count": 1,
        "extracted_text": "Le quai sera ouvert aux piétons.",
        "text_status": "extracted",
    } | fields
    document = Document(**values)
    document.file.save("dossier.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    return document
