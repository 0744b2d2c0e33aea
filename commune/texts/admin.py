"""Back office of the texts: lists to find things; every write goes through the site's pages
or these actions, which call the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from commune.texts import services
from commune.texts.models import Amendment, ParagraphComment, Text, Version


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in self.model._meta.fields]


class VersionInline(admin.TabularInline):
    model = Version
    fields = ["number", "is_synthesis", "published_at", "adopted_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Text)
class TextAdmin(ReadOnlyAdmin):
    list_display = ["title", "space", "is_open", "created_at"]
    list_filter = ["is_open"]
    search_fields = ["title"]
    list_select_related = ["space"]
    inlines = [VersionInline]
    actions = ["close_texts", "open_texts"]

    @admin.action(description=_("Close to comments and amendments"), permissions=["change"])
    def close_texts(self, request: HttpRequest, queryset: QuerySet[Text]) -> None:
        for text in queryset:
            services.set_open(text=text, is_open=False, actor=request.user)
        self.message_user(request, _("The texts are closed."), messages.SUCCESS)

    @admin.action(description=_("Reopen to comments and amendments"), permissions=["change"])
    def open_texts(self, request: HttpRequest, queryset: QuerySet[Text]) -> None:
        for text in queryset:
            services.set_open(text=text, is_open=True, actor=request.user)
        self.message_user(request, _("The texts are open."), messages.SUCCESS)


@admin.register(Amendment)
class AmendmentAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "text", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["text", "paragraph__section"]
    search_fields = ["justification", "proposed_body"]


@admin.register(ParagraphComment)
class ParagraphCommentAdmin(ReadOnlyAdmin):
    list_display = ["paragraph", "stance", "argument_side", "created_at"]
    list_filter = ["stance"]
    list_select_related = ["paragraph__section"]
