"""Back office of the wiki: pages and their revisions, read-only.

Pages are written, reverted, locked and unlocked on the site, through the services (so each
change is a revision and lands in the audit log); here moderators only read them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from commune.wiki.models import Revision, WikiPage


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RevisionInline(admin.TabularInline):
    model = Revision
    fields = ("number", "created_at", "author", "summary", "reverted_from")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("-number",)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(WikiPage)
class WikiPageAdmin(ReadOnlyAdmin):
    list_display = ("title", "space", "is_locked", "created_at")
    list_filter = ("is_locked", "space")
    search_fields = ("title",)
    list_select_related = ("space",)
    readonly_fields = (
        "space",
        "title",
        "slug",
        "current_revision",
        "is_locked",
        "lock_reason",
        "locked_by",
        "locked_at",
        "created_at",
    )
    inlines = [RevisionInline]


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdmin):
    list_display = ("page", "number", "created_at", "author", "summary")
    list_select_related = ("page", "author")
    search_fields = ("page__title", "summary")
    readonly_fields = ("page", "number", "body", "summary", "author", "reverted_from", "created_at")
