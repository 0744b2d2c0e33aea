"""Back office of meetings, with their registrations inline.

A change of capacity goes through services.set_capacity: never below the people already
registered (the form says so and nothing is saved), and the waiting list moves up.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from commune.meetings import services
from commune.meetings.models import (
    Meeting,
    MeetingDocument,
    Minutes,
    Registration,
    RegistrationStatus,
    RoomVote,
)


class MeetingAdminForm(forms.ModelForm):
    online_url = forms.URLField(
        label=_("online link"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Meeting
        fields = (
            "space",
            "kind",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "place_name",
            "address",
            "online_url",
            "step_free_access",
            "hearing_loop",
            "childcare",
            "sign_language",
            "other_language_interpreting",
            "registration_required",
            "capacity",
            "agenda_cutoff",
            "cancelled_at",
        )

    def clean_capacity(self) -> Any:
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and self.instance.pk:
            taken = self.instance.registrations.filter(status=RegistrationStatus.REGISTERED).count()
            if capacity < taken:
                raise forms.ValidationError(
                    _(
                        "%(registered)s people are already registered: the capacity "
                        "cannot be lower. Cancel registrations first."
                    ),
                    code="below_registrations",
                    params={"registered": taken},
                )
        return capacity


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ("resident", "name", "phone", "status", "registered_by", "created_at")
    readonly_fields = ("resident", "name", "phone", "status", "registered_by", "created_at")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # through the public pages (and the phone registration page)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    form = MeetingAdminForm
    list_display = ("title", "space", "kind", "starts_at", "capacity", "cancelled_at")
    list_filter = ("kind", "registration_required", "step_free_access", "childcare")
    search_fields = ("title", "place_name", "space__title")
    date_hierarchy = "starts_at"
    inlines = [RegistrationInline]
    readonly_fields = ("uid",)

    @transaction.atomic
    def save_model(self, request: HttpRequest, obj: Meeting, form: Any, change: bool) -> None:
        if change and "capacity" in form.changed_data:
            capacity = obj.capacity
            obj.capacity = form.initial.get("capacity")
            super().save_model(request, obj, form, change)
            services.set_capacity(meeting=obj, capacity=capacity, actor=request.user)
            obj.refresh_from_db()
        else:
            super().save_model(request, obj, form, change)


class RecordAdmin(admin.ModelAdmin):
    """Read-only: minutes, votes and documents are written on the agents' minutes page,
    through the services (audit log, sanitised text, checked files)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Minutes)
class MinutesAdmin(RecordAdmin):
    list_display = ("meeting", "published_at", "corrected_at")
    search_fields = ("meeting__title", "body")
    date_hierarchy = "published_at"
    fields = ("meeting", "published_at", "published_by", "corrected_at", "body")
    list_select_related = ("meeting",)


@admin.register(RoomVote)
class RoomVoteAdmin(RecordAdmin):
    list_display = ("motion", "meeting", "votes_for", "votes_against", "abstentions", "result")
    search_fields = ("motion", "meeting__title")
    fields = (
        "meeting",
        "motion",
        "votes_for",
        "votes_against",
        "abstentions",
        "agenda_item",
        "decision",
        "recorded_by",
        "created_at",
    )
    list_select_related = ("meeting",)

    @admin.display(description=_("result"))
    def result(self, obj: RoomVote) -> str:
        return str(obj.result.label)


@admin.register(MeetingDocument)
class MeetingDocumentAdmin(RecordAdmin):
    list_display = ("title", "meeting", "kind", "file_format", "size", "created_at")
    list_filter = ("kind", "file_format")
    search_fields = ("title", "meeting__title")
    fields = (
        "meeting",
        "title",
        "kind",
        "file",
        "file_format",
        "size",
        "uploaded_by",
        "created_at",
    )
    list_select_related = ("meeting",)
