"""Permission-checked fetches of documents: what a visitor may see, or a 404."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from commune.documents.models import Document, DocumentQuerySet
from commune.documents.services import can_publish


def visible_documents(user: Any) -> DocumentQuerySet:
    """Published documents for everyone; agents also see withdrawn ones and drafts' spaces."""
    if can_publish(user):
        return Document.objects.all()
    return Document.objects.visible()


def get_visible_document(user: Any, pk: int) -> Document:
    """The document `pk` if `user` may see it; otherwise Http404."""
    return get_object_or_404(
        visible_documents(user).select_related("space", "meeting", "published_by__service"),
        pk=pk,
    )
