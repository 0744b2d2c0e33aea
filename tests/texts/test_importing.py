"""Import from Markdown, Word and OpenDocument; files checked by what they contain."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from odf.opendocument import OpenDocumentText
from odf.text import H, List, ListItem, P

from commune.texts.importing import read_upload, split_markdown


def test_markdown_is_split_on_headings_into_paragraphs() -> None:
    sections = split_markdown(
        "Préambule.\n\n# Droits\n\nPremier.\nSuite du premier.\n\nSecond.\n\n"
        "## Engagements\n\n- un\n- deux\n\nAprès la liste.\n"
    )
    assert [(s.title, s.paragraphs) for s in sections] == [
        ("", ["Préambule."]),
        ("Droits", ["Premier.\nSuite du premier.", "Second."]),
        ("Engagements", ["- un\n- deux", "Après la liste."]),
    ]


def _docx() -> bytes:
    document = docx.Document()
    document.add_heading("Charte", level=1)
    document.add_paragraph("La ville s'engage.")
    document.add_heading("Droits des habitants", level=2)
    document.add_paragraph("Être informé.", style="List Bullet")
    document.add_paragraph("Recevoir une réponse.", style="List Bullet")
    document.add_paragraph("Un paragraphe après la liste.")
    document.add_paragraph("Première étape.", style="List Number")
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def test_a_docx_with_headings_and_lists_is_imported() -> None:
    markdown = read_upload(SimpleUploadedFile("charte.docx", _docx()))
    sections = split_markdown(markdown)
    assert [(s.title, s.paragraphs) for s in sections] == [
        ("Charte", ["La ville s'engage."]),
        (
            "Droits des habitants",
            [
                "- Être informé.\n- Recevoir une réponse.",
                "Un paragraphe après la liste.",
                "1. Première étape.",
            ],
        ),
    ]


def test_an_odt_with_headings_and_lists_is_imported() -> None:
    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Charte"))
    document.text.addElement(P(text="Premier paragraphe."))
    items = List()
    for label in ("un", "deux"):
        item = ListItem()
        item.addElement(P(text=label))
        items.addElement(item)
    document.text.addElement(items)
    output = io.BytesIO()
    document.write(output)
    markdown = read_upload(SimpleUploadedFile("charte.odt", output.getvalue()))
    assert [(s.title, s.paragraphs) for s in split_markdown(markdown)] == [
        ("Charte", ["Premier paragraphe.", "- un\n- deux"]),
    ]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("charte.docx", b"%PDF-1.7 not a word file", "wrong_type"),
        ("charte.odt", _docx(), "wrong_type"),
        ("charte.md", _docx(), "wrong_type"),
        ("charte.md", "Élu".encode("latin-1"), "encoding"),
        ("charte.pdf", b"%PDF-1.7", "wrong_extension"),
        ("charte.docx", b"PK\x03\x04 broken zip", "wrong_type"),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused(name: str, content: bytes, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        read_upload(SimpleUploadedFile(name, content))
    assert caught.value.code == code


def test_a_file_over_the_limit_is_refused_before_reading() -> None:
    upload = SimpleUploadedFile("charte.md", b"x" * (50 * 1024 * 1024))
    with pytest.raises(ValidationError) as caught:
        read_upload(upload)
    assert caught.value.code == "too_large"
