"""Publishing and withdrawing documents: checked, extracted, stored and audited in one place.

Views, the back office and the demo loader call these functions. A file that is not the
PDF, ODT or DOCX it claims to be (or is damaged, or too large) is refused with the reason
and nothing is saved: no row, no file left in MEDIA_ROOT.
"""

from __future__ import annotations

import datetime
import hashlib
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.contributions.access import is_agent
from commune.contributions.uploads import attachment_type
from commune.core import audit
from commune.documents import extract
from commune.documents.models import Document, DocumentType
from commune.meetings.models import Meeting
from commune.spaces.models import Space

# Committee dossiers with plans and photos are larger than contributions' attachments.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TITLE_MAX_LENGTH = 200
REASON_MAX_LENGTH = 2000
EXTENSIONS = {"pdf": "pdf", "odt": "odt", "docx": "docx"}


def max_upload_bytes() -> int:
    """The size cap of an uploaded document (setting COMMUNE_DOCUMENT_MAX_BYTES, 20 MB)."""
    return int(getattr(settings, "COMMUNE_DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def can_publish(user: Any) -> bool:
    """City agents (and administrators) publish and withdraw documents."""
    return is_agent(user)


def _check_agent(actor: Any) -> None:
    if not can_publish(actor):
        raise PermissionDenied(_("Only city agents publish documents."))


def _read_upload(upload: File) -> tuple[str, bytes, extract.ExtractionResult]:
    """The upload's format, bytes and text; ValidationError (on "file") with the reason."""
    limit = max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            {
                "file": ValidationError(
                    _("This document is larger than %(max)s MB. Send a smaller one."),
                    code="too_large",
                    params={"max": limit // (1024 * 1024)},
                )
            }
        )
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    found = attachment_type(upload)
    if found is None:
        raise ValidationError(
            {
                "file": ValidationError(
                    _("This file is not a PDF, ODT or DOCX document."), code="wrong_type"
                )
            }
        )
    if EXTENSIONS.get(extension) != found:
        raise ValidationError(
            {
                "file": ValidationError(
                    _(
                        "This file is named “%(name)s” but its content is a %(found)s "
                        "document. Send the document itself, saved as PDF, ODT or DOCX "
                        "with the matching extension."
                    ),
                    code="wrong_extension",
                    params={"name": name, "found": found.upper()},
                )
            }
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    result = extract.extract_text(data, found)
    if result.status == extract.CORRUPT:
        raise ValidationError(
            {
                "file": ValidationError(
                    _(
                        "This %(format)s file is damaged or incomplete and cannot be opened. "
                        "Open it again where it was made, save it and send it again."
                    ),
                    code="corrupt",
                    params={"format": found.upper()},
                )
            }
        )
    return found, data, result


@transaction.atomic
def publish_document(
    *,
    actor: Any,
    title: str,
    document_type: str,
    document_date: datetime.date,
    upload: File,
    space: Space | None = None,
    meeting: Meeting | None = None,
) -> Document:
    """Publish `upload` (PDF, ODT or DOCX, checked by content) with its extracted text.

    A sound file without readable text is published with the "text not available" status
    and the reason; a damaged or mislabelled one is refused. The file is stored under a
    random name; if saving the row fails, the stored file is removed.
    """
    _check_agent(actor)
    title = title.strip()
    errors: dict[str, Any] = {}
    if not title:
        errors["title"] = _("Give the document a title.")
    elif len(title) > TITLE_MAX_LENGTH:
        errors["title"] = _("This title is too long (200 characters at most).")
    if document_type not in DocumentType.values:
        errors["document_type"] = _("Choose what type of document it is.")
    if meeting is not None and space is not None and meeting.space_id != space.pk:
        errors["meeting"] = _("This meeting belongs to another space.")
    try:
        file_format, data, result = _read_upload(upload)
    except ValidationError as error:
        errors |= error.message_dict
    if errors:
        raise ValidationError(errors)
    if meeting is not None and space is None:
        space = meeting.space
    document = Document(
        title=title,
        document_type=document_type,
        space=space,
        meeting=meeting,
        document_date=document_date,
        file_format=file_format,
        original_filename=(upload.name or "")[-255:],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        page_count=result.pages,
        extracted_text=result.text,
        text_status=result.status,
        text_unavailable_reason=result.reason,
        published_by=actor,
    )
    # Never keep the sender's file name in the stored path: it may carry personal data.
    document.file.save(f"{uuid.uuid4().hex}.{file_format}", ContentFile(data), save=False)
    stored = document.file.name
    try:
        document.save()
        audit.record(actor=actor, action="documents.publish", target=document)
    except Exception:
        document.file.storage.delete(stored)
        raise
    return document


@transaction.atomic
def withdraw_document(*, document: Document, actor: Any, reason: str) -> Document:
    """Withdraw a document from the public site with a reason (kept for the audit trail).

    Its page, text and search results disappear for the public; the row and the file stay,
    so the back office keeps the record of what was published.
    """
    _check_agent(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the document is withdrawn.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("This reason is too long (2000 characters at most).")})
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.withdrawn_at is not None:
        return document
    document.withdrawn_at = timezone.now()
    document.withdrawal_reason = reason
    document.save(update_fields=["withdrawn_at", "withdrawal_reason"])
    audit.record(actor=actor, action="documents.withdraw", target=document, reason=reason)
    return document


@transaction.atomic
def republish_document(*, document: Document, actor: Any) -> Document:
    """Put a withdrawn document back on the public site; audited."""
    _check_agent(actor)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.withdrawn_at is None:
        return document
    document.withdrawn_at = None
    document.withdrawal_reason = ""
    document.save(update_fields=["withdrawn_at", "withdrawal_reason"])
    audit.record(actor=actor, action="documents.republish", target=document)
    return document
