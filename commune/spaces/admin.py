"""Back office of the spaces: rules of the game, dates, tools as checkboxes, phases inline."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.spaces.models import Component, Membership, Phase, Space, SpaceStatus


class SpaceAdminForm(forms.ModelForm):
    # The model stores a JSON list; staff tick the tools instead of typing JSON.
    components = forms.MultipleChoiceField(
        label=_("components"),
        choices=Component.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tools enabled in this space."),
    )

    class Meta:
        model = Space
        fields = (
            "kind",
            "title",
            "slug",
            "summary",
            "description",
            "neighbourhood",
            "power_level",
            "who_may_take_part",
            "stakes",
            "city_commitment",
            "answer_delay_days",
            "opens_on",
            "closes_on",
            "is_published",
            "components",
        )

    def clean_components(self) -> list[str]:
        chosen = set(self.cleaned_data["components"])
        return [value for value in Component.values if value in chosen]


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ("title", "starts_on", "ends_on", "description")


class StatusListFilter(admin.SimpleListFilter):
    """Open, upcoming or closed today, computed from the dates like the public list."""

    title = _("Status")
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> Any:
        return SpaceStatus.choices

    def queryset(self, request: HttpRequest, queryset: QuerySet[Space]) -> QuerySet[Space]:
        if self.value() in SpaceStatus.values:
            return queryset.with_status(self.value())  # type: ignore[attr-defined]
        return queryset


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    form = SpaceAdminForm
    inlines = [PhaseInline]
    list_display = (
        "title",
        "kind",
        "neighbourhood",
        "status",
        "opens_on",
        "closes_on",
        "is_published",
    )
    list_filter = ("kind", StatusListFilter, "neighbourhood", "power_level", "is_published")
    list_select_related = ("neighbourhood",)
    search_fields = ("title", "summary", "description")
    prepopulated_fields = {"slug": ("title",)}
    date_hierarchy = "opens_on"
    fieldsets = (
        (None, {"fields": ("kind", "title", "slug", "summary", "description", "neighbourhood")}),
        (
            _("Rules of the game"),
            {
                "fields": (
                    "power_level",
                    "who_may_take_part",
                    "stakes",
                    "city_commitment",
                    "answer_delay_days",
                )
            },
        ),
        (_("Dates and publication"), {"fields": ("opens_on", "closes_on", "is_published")}),
        (_("Tools"), {"fields": ("components",)}),
    )

    @admin.display(description=_("Status"))
    def status(self, space: Space) -> str:
        return str(space.status(self._today()).label)

    def _today(self) -> datetime.date:
        return timezone.localdate()


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Agents name a working group's facilitators; residents join and leave on the site."""

    list_display = ("resident", "space", "role", "listed_publicly", "joined_at")
    list_filter = ("role", "space")
    list_editable = ("role",)
    search_fields = ("resident__display_name", "resident__email", "space__title")
    autocomplete_fields = ("resident",)
    readonly_fields = ("listed_publicly", "joined_at")
