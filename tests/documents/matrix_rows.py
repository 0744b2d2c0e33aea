"""Permission-matrix rows for the documents pages, and the data those rows open."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile

from commune.documents.models import Document, DocumentType, TextStatus

# url name -> (kwargs, expected status per role); see the shorthands in test_permission_matrix.
# Do not import test_permission_matrix here (it imports this module): spell rows out with ROLES.
ROLES = ["anonymous", "resident", "moderator", "agent", "elected", "administrator"]
EVERYONE_200 = dict.fromkeys(ROLES, 200)
# Publishing is for city agents (and administrators); visitors are sent to log in.
AGENT_PAGE = {
    "anonymous": 302,
    "resident": 403,
    "moderator": 403,
    "agent": 200,
    "elected": 403,
    "administrator": 200,
}
POST_ONLY = {"anonymous": 302} | dict.fromkeys(ROLES[1:], 405)
# The published document the rows open (a pk far from the ones sequences hand out).
DOCUMENT_PK = "3001"
DOCUMENT = {"pk": DOCUMENT_PK}

ROWS: dict[str, tuple[dict[str, str], dict[str, int]]] = {
    "documents:list": ({}, EVERYONE_200),
    "documents:export": ({}, EVERYONE_200),
    "documents:detail": (DOCUMENT, EVERYONE_200),
    "documents:publish": ({}, AGENT_PAGE),
    "documents:withdraw": (DOCUMENT, POST_ONLY),
    "documents:republish": (DOCUMENT, POST_ONLY),
    # The site-wide search (documents and contributions together) is public.
    "search:results": ({}, EVERYONE_200),
}
# admin url name -> expected status per role (merged into ADMIN_PAGES).
# Documents are published and withdrawn on the site; agents read them in the back office.
ADMIN_ROWS: dict[str, dict[str, int]] = {
    "admin:documents_document_changelist": {
        "anonymous": 302,
        "resident": 302,
        "moderator": 403,
        "agent": 200,
        "elected": 302,
        "administrator": 200,
    },
    "admin:documents_document_add": {
        "anonymous": 302,
        "resident": 302,
        "moderator": 403,
        "agent": 403,
        "elected": 302,
        "administrator": 403,
    },
}


def make_data(common: dict) -> None:
    """Create what the rows above open (called by the matrix's city_data fixture)."""
    document = Document(
        pk=int(DOCUMENT_PK),
        title="Dossier du comité des quais",
        document_type=DocumentType.COMMITTEE_DOSSIER,
        document_date=datetime.date(2026, 3, 1),
        file_format="pdf",
        original_filename="dossier.pdf",
        size=9,
        sha256="0" * 64,
        page_count=1,
        extracted_text="Le quai sera ouvert aux piétons.",
        text_status=TextStatus.EXTRACTED,
    )
    document.file.save("dossier.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
