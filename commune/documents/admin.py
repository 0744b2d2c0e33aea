"""Back office of published documents: read-only (uploads and withdrawals are on the site)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from commune.documents.models import Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "document_type",
        "space",
        "document_date",
        "file_format",
        "text_status",
        "published_at",
        "withdrawn_at",
    )
    list_filter = ("document_type", "file_format", "text_status")
    search_fields = ("title", "original_filename", "sha256")
    list_select_related = ("space",)
    date_hierarchy = "document_date"
    # The full text is on the public page; here it would only make the form unreadable.
    exclude = ("extracted_text",)

    # Every change goes through commune.documents.services (checks, audit log).
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
