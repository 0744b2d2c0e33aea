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
from commune.meetings.models import Meeting, Registration, RegistrationStatus


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
