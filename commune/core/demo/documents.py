"""Demo documents: a committee dossier (PDF), a study (ODT) and a scanned deliberation.

Each goes through the same publishing service as an agent's upload, so the demo shows
the text read out of a PDF and an OpenDocument file, and the "text not available" notice
of a scanned page without a text layer. The builders are also used by the tests.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from html import escape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.accounts.models import Resident
from commune.core.pdf import html_to_pdf
from commune.documents import services
from commune.documents.models import DocumentType
from commune.meetings.models import Meeting, MeetingKind
from commune.spaces.models import Space

Progress = Callable[[str, int, int], None]

AGENT = "agent@demo.commune.fr"
NORD_COUNCIL = "conseil-de-quartier-nantes-nord"


def pdf_with_text(title: str, sections: list[tuple[str, str]]) -> bytes:
    """A PDF with a text layer (WeasyPrint): a title, then one page per (heading, text)."""
    body = "".join(
        f'<section style="page-break-before: always"><h2>{escape(heading)}</h2>'
        f"<p>{escape(text)}</p></section>"
        for heading, text in sections
    )
    return html_to_pdf(f'<html lang="fr"><body><h1>{escape(title)}</h1>{body}</body></html>')


def scanned_pdf() -> bytes:
    """A PDF holding only a picture of a page (as a scanner makes): no text layer."""
    from PIL import Image, ImageDraw

    page = Image.new("L", (620, 877), 255)
    draw = ImageDraw.Draw(page)
    for line in range(24):  # grey bars where a scanned page has lines of text
        top = 80 + line * 30
        draw.rectangle((60, top, 560 - (line % 4) * 40, top + 10), fill=90)
    output = io.BytesIO()
    page.save(output, format="PDF", resolution=75)
    return output.getvalue()


def odt_with_text(title: str, sections: list[tuple[str, list[str]]]) -> bytes:
    """An OpenDocument text (odfpy): a title heading, then headings with their paragraphs."""
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text=title))
    for heading, paragraphs in sections:
        document.text.addElement(H(outlinelevel=2, text=heading))
        for paragraph in paragraphs:
            document.text.addElement(P(text=paragraph))
    output = io.BytesIO()
    document.write(output)
    return output.getvalue()


def docx_with_text(title: str, sections: list[tuple[str, list[str]]]) -> bytes:
    """A Word document (python-docx): a title heading, then headings with their paragraphs."""
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for heading, paragraphs in sections:
        document.add_heading(heading, level=2)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


DOSSIER_SECTIONS = [
    (
        "Le projet de jardin partagé du square Fleuriais",
        "Le comité de quartier a étudié la demande de jardin partagé déposée par les "
        "habitants du square Fleuriais : 400 m² de parcelles, un composteur collectif et "
        "un récupérateur d'eau de pluie, gérés par une association de locataires.",
    ),
    (
        "Coût et calendrier",
        "Le coût est estimé à 18 000 euros, financés par l'enveloppe de quartier. Les "
        "travaux de terrassement auraient lieu à l'automne, les premières plantations au "
        "printemps suivant.",
    ),
    (
        "Avis du comité",
        "Le comité rend un avis favorable, sous réserve d'une convention d'occupation "
        "avec le bailleur et d'un accès pour les personnes à mobilité réduite.",
    ),
]
STUDY_SECTIONS = [
    (
        "Objet de l'étude",
        [
            "Cette étude mesure la fréquentation des pistes cyclables des bords de Loire "
            "entre le pont Anne-de-Bretagne et le pont de Pirmil.",
        ],
    ),
    (
        "Résultats",
        [
            "En semaine, 3 200 passages de vélos par jour en moyenne, deux fois plus "
            "qu'il y a cinq ans.",
            "Le samedi, les piétons et les vélos se croisent sur les mêmes quais : les "
            "conflits d'usage se concentrent près de la passerelle Victor-Schoelcher.",
        ],
    ),
    (
        "Recommandations",
        ["Séparer les flux sur le quai de la Fosse et élargir la piste du quai Magellan."],
    ),
]


def load_documents(today: datetime.date, progress: Progress) -> int:
    """Publish the demo's three documents as the demo agent; returns how many."""
    agent = Resident.objects.get(email=AGENT)
    nord = Space.objects.get(slug=NORD_COUNCIL)
    assembly = (
        Meeting.objects.filter(
            space=nord, kind=MeetingKind.GENERAL_ASSEMBLY, ends_at__lt=timezone.now()
        )
        .order_by("-starts_at")
        .first()
    )
    documents = [
        (
            "Dossier du comité : jardin partagé du square Fleuriais",
            DocumentType.COMMITTEE_DOSSIER,
            nord,
            assembly,
            today - datetime.timedelta(days=20),
            "dossier-jardin-fleuriais.pdf",
            lambda: pdf_with_text(
                "Dossier du comité : jardin partagé du square Fleuriais", DOSSIER_SECTIONS
            ),
        ),
        (
            "Étude : les vélos sur les bords de Loire",
            DocumentType.STUDY,
            Space.objects.filter(slug="grand-debat-loire").first(),
            None,
            today - datetime.timedelta(days=45),
            "etude-velos-bords-de-loire.odt",
            lambda: odt_with_text("Les vélos sur les bords de Loire", STUDY_SECTIONS),
        ),
        (
            "Délibération du conseil municipal sur les jardins partagés (copie numérisée)",
            DocumentType.DELIBERATION,
            None,
            None,
            today - datetime.timedelta(days=90),
            "deliberation-jardins-partages-scan.pdf",
            scanned_pdf,
        ),
    ]
    for done, (title, kind, space, meeting, day, name, build) in enumerate(documents, start=1):
        services.publish_document(
            actor=agent,
            title=title,
            document_type=kind,
            document_date=day,
            upload=SimpleUploadedFile(name, build()),
            space=space,
            meeting=meeting,
        )
        progress(str(_("Documents")), done, len(documents))
    return len(documents)
