"""Reading the text out of a PDF, ODT or DOCX file; pure (no Django), never raises on bad files.

Three outcomes, decided here so the upload service and the tests agree on them:

- ``extracted``: the file opened and holds text (PDF pages are joined with a form feed,
  office files become light Markdown: "#" headings, "- " list items);
- ``not_available``: the file is a sound PDF/ODT/DOCX but gives no text (a scanned image
  without a text layer, a password-protected PDF, pages the reader fails on) — it is
  published with a "text not available" notice;
- ``corrupt``: the container itself cannot be opened (truncated, damaged ZIP or PDF) — the
  upload is refused. See docs/decisions/0014-documents.md.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass
from typing import Literal
from xml.parsers import expat

from commune.core.officetext import docx_to_markdown, odt_to_markdown

Kind = Literal["pdf", "odt", "docx"]

EXTRACTED = "extracted"
NOT_AVAILABLE = "not_available"
CORRUPT = "corrupt"

# Why a text is not available (stored on the document, explained on its page).
NO_TEXT = "no_text"  # no text layer: a scanned image, a drawing
ENCRYPTED = "encrypted"  # protected by a password
UNREADABLE_CONTENT = "unreadable_content"  # the file opens but its pages cannot be read
DAMAGED = "damaged"  # the container is broken (only with CORRUPT)

PAGE_BREAK = "\f"
# A text longer than this is cut: no committee dossier holds 2 million characters, and the
# database row and the HTML page stay reasonable.
MAX_TEXT_CHARS = 2_000_000


@dataclass(frozen=True)
class ExtractionResult:
    text: str
    pages: int | None
    status: str
    reason: str = ""


def extract_text(data: bytes, kind: Kind) -> ExtractionResult:
    """The text of `data`, a file of `kind` (checked by content beforehand), and its status."""
    if kind == "pdf":
        return _extract_pdf(data)
    if kind in ("odt", "docx"):
        return _extract_office(data, kind)
    raise ValueError(f"unknown kind {kind!r}")


def _extract_pdf(data: bytes) -> ExtractionResult:
    from pypdf import PdfReader

    # pypdf logs each repair it attempts on a damaged file; the result says it already.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return ExtractionResult("", _page_count(reader), NOT_AVAILABLE, ENCRYPTED)
        pages = list(reader.pages)
    except Exception:  # pypdf raises many kinds of error on a broken container
        return ExtractionResult("", None, CORRUPT, DAMAGED)
    texts: list[str] = []
    failed = 0
    for page in pages:
        try:
            texts.append(_tidy(page.extract_text() or ""))
        except Exception:  # one bad content stream must not lose the other pages
            texts.append("")
            failed += 1
    return _result(PAGE_BREAK.join(texts), len(pages), failed=failed > 0)


def _page_count(reader: object) -> int | None:
    try:
        return len(reader.pages)  # type: ignore[attr-defined]
    except Exception:
        return None


def _extract_office(data: bytes, kind: Kind) -> ExtractionResult:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.testzip() is not None:  # a member whose checksum is wrong
                return ExtractionResult("", None, CORRUPT, DAMAGED)
            if kind == "odt":
                # odfpy prints a parse error and carries on with an empty document: check
                # the body is well-formed XML first (expat fetches no external entity).
                parser = expat.ParserCreate()
                parser.Parse(archive.read("content.xml"), True)
        markdown = docx_to_markdown(data) if kind == "docx" else odt_to_markdown(data)
    except Exception:  # zipfile, lxml and odfpy raise many kinds of error on a damaged file
        return ExtractionResult("", None, CORRUPT, DAMAGED)
    return _result(markdown, None, failed=False)


def _result(text: str, pages: int | None, *, failed: bool) -> ExtractionResult:
    # A font's odd character map can yield NUL or lone surrogates, which PostgreSQL refuses.
    text = text[:MAX_TEXT_CHARS].replace("\x00", "")
    text = text.encode("utf-8", "replace").decode("utf-8")
    if not text.replace(PAGE_BREAK, "").strip():
        return ExtractionResult("", pages, NOT_AVAILABLE, UNREADABLE_CONTENT if failed else NO_TEXT)
    # Not stripped: a leading form feed is an empty first page, which keeps page numbers.
    return ExtractionResult(text, pages, EXTRACTED)


def _tidy(page_text: str) -> str:
    # Lines as the reader gives them, without trailing blanks.
    lines = [line.rstrip() for line in page_text.splitlines()]
    return "\n".join(lines).strip()
