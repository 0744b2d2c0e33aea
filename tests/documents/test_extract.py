"""Reading text out of PDF, ODT and DOCX files: text, no text, or a damaged container."""

from __future__ import annotations

import io
import zipfile

import pytest

from commune.documents.extract import (
    CORRUPT,
    DAMAGED,
    ENCRYPTED,
    EXTRACTED,
    NO_TEXT,
    NOT_AVAILABLE,
    PAGE_BREAK,
    extract_text,
)
from tests.documents.conftest import docx, image_pdf, odt, text_pdf


def test_a_pdf_with_a_text_layer_gives_its_text_page_by_page() -> None:
    result = extract_text(text_pdf(), "pdf")
    assert (result.status, result.reason, result.pages) == (EXTRACTED, "", 3)
    pages = result.text.split(PAGE_BREAK)
    assert len(pages) == 3
    assert "Dossier du comité" in pages[0]
    assert "Un jardin partagé rue Hélène-Boucher." in pages[1]
    assert "18 000 euros." in pages[2]


def test_a_scanned_pdf_is_sound_but_has_no_text() -> None:
    result = extract_text(image_pdf(), "pdf")
    assert (result.status, result.reason, result.pages, result.text) == (
        NOT_AVAILABLE,
        NO_TEXT,
        1,
        "",
    )


def test_a_password_protected_pdf_has_no_text_available() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password="secret", owner_password="owner")
    output = io.BytesIO()
    writer.write(output)
    result = extract_text(output.getvalue(), "pdf")
    assert (result.status, result.reason) == (NOT_AVAILABLE, ENCRYPTED)


@pytest.mark.parametrize("cut", [0.5, 0.95])
def test_a_truncated_pdf_is_corrupt(cut: float) -> None:
    data = text_pdf()
    result = extract_text(data[: int(len(data) * cut)], "pdf")
    assert (result.status, result.reason, result.text) == (CORRUPT, DAMAGED, "")


def test_an_odt_keeps_its_headings_and_paragraphs() -> None:
    result = extract_text(odt(), "odt")
    assert result.status == EXTRACTED
    assert result.pages is None
    assert "# Étude des quais" in result.text
    assert "## Le jardin" in result.text
    assert "Un jardin partagé rue Hélène-Boucher." in result.text


def test_a_docx_keeps_its_headings_and_paragraphs() -> None:
    result = extract_text(docx(), "docx")
    assert result.status == EXTRACTED
    assert "# Étude des quais" in result.text
    assert "Ouvert au printemps." in result.text


@pytest.mark.parametrize("builder", [odt, docx], ids=["odt", "docx"])
def test_a_truncated_office_file_is_corrupt(builder) -> None:
    data = builder()
    kind = "odt" if builder is odt else "docx"
    assert extract_text(data[: len(data) // 2], kind).status == CORRUPT


def test_an_office_file_with_a_damaged_member_is_corrupt() -> None:
    """A ZIP whose directory is intact but whose content.xml is garbage cannot be read."""
    source = zipfile.ZipFile(io.BytesIO(odt()))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as damaged:
        for item in source.infolist():
            data = source.read(item.filename)
            damaged.writestr(item, b"<not xml" if item.filename == "content.xml" else data)
    assert extract_text(output.getvalue(), "odt").status == CORRUPT


def test_an_empty_docx_has_no_text() -> None:
    import docx as python_docx

    output = io.BytesIO()
    python_docx.Document().save(output)
    result = extract_text(output.getvalue(), "docx")
    assert (result.status, result.reason) == (NOT_AVAILABLE, NO_TEXT)
