"""Back office of panels drawn by lot: read-only lists (everything is done on the site)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from commune.sortition.models import DrawRecord, Panel, Quota


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Panel)
class PanelAdmin(ReadOnlyAdmin):
    list_display = ("title", "space", "status", "panel_size", "reserve_size", "published_at")
    list_filter = ("status",)
    search_fields = ("title",)
    list_select_related = ("space",)
    # The secret seed is never shown, not even here.
    exclude = ("secret_seed",)


@admin.register(Quota)
class QuotaAdmin(ReadOnlyAdmin):
    list_display = ("panel", "category", "value", "minimum", "maximum")
    list_select_related = ("panel",)


@admin.register(DrawRecord)
class DrawRecordAdmin(ReadOnlyAdmin):
    list_display = ("panel", "drawn_at", "min_probability", "solver")
    list_select_related = ("panel",)
