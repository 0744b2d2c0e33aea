"""Back office for residents and city services; roles and verification go through services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from commune.accounts import services
from commune.accounts.models import EMAIL_IN_USE, CityService, Resident

# Demographics are deliberately not registered: individual answers are personal data,
# only shown elsewhere as aggregates with small groups suppressed.


def _clean_email(form: forms.ModelForm) -> str | None:
    if not form.cleaned_data.get("email"):
        return None  # an account without an address (opened by an agent): NULL, never ""
    email = services.normalize_email(form.cleaned_data["email"])
    taken = Resident.objects.filter(email=email).exclude(pk=form.instance.pk)
    if taken.exists():
        raise forms.ValidationError(EMAIL_IN_USE, code="unique")
    return email


class ResidentCreationForm(AdminUserCreationForm):
    class Meta:
        model = Resident
        fields = ("email", "display_name")

    def clean_email(self) -> str | None:
        return _clean_email(self)


class ResidentChangeForm(forms.ModelForm):
    """No password field at all: not even a masked hash is shown."""

    class Meta:
        model = Resident
        fields = ("email", "display_name", "neighbourhood", "role", "service", "is_active")

    def clean_email(self) -> str | None:
        return _clean_email(self)


@admin.register(Resident)
class ResidentAdmin(UserAdmin):
    form = ResidentChangeForm
    add_form = ResidentCreationForm
    list_display = ("email", "display_name", "role", "neighbourhood", "verification", "date_joined")
    list_filter = ("role", "verification", "is_active", "neighbourhood", "service")
    list_select_related = ("neighbourhood",)
    search_fields = ("email", "display_name", "phone")
    ordering = ("email",)
    filter_horizontal = ()
    # Back-office access, permissions and verification follow from the role and from
    # audited actions, never from a checkbox here.
    readonly_fields = (
        "password_link",
        "verification",
        "is_staff",
        "is_superuser",
        "last_login",
        "date_joined",
        "deleted_at",
    )
    fieldsets = (
        (
            None,
            {"fields": ("email", "display_name", "neighbourhood", "phone", "password_link")},
        ),
        (_("Role"), {"fields": ("role", "service", "is_active", "is_staff", "is_superuser")}),
        (_("Verification"), {"fields": ("verification",)}),
        (_("Dates"), {"fields": ("date_joined", "last_login", "deleted_at")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "display_name",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    actions = ("mark_verified_in_person",)

    @admin.display(description=_("password"))
    def password_link(self, obj: Resident) -> str:
        url = reverse("admin:auth_user_password_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Set a new password"))

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # New accounts start as residents (the add form has no role): nothing to sync.
        role_changed = change and bool({"role", "service"} & set(form.changed_data))
        super().save_model(request, obj, form, change)
        if role_changed:
            # The one path that keeps back-office access and groups consistent, audited.
            services.set_role(
                resident=obj,
                role=obj.role,
                actor=request.user,
                service=obj.service,
                reason=str(_("Changed in the back office")),
            )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Deleting the row would take public contributions with it; accounts are deleted
        # by their owner (delete_account anonymises) or deactivated here.
        return False

    def has_verify_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("accounts.verify_in_person")

    @admin.action(permissions=["verify"], description=_("Mark as verified in person"))
    def mark_verified_in_person(self, request: HttpRequest, queryset: QuerySet[Resident]) -> None:
        residents = list(queryset.filter(is_active=True))
        for resident in residents:
            services.verify_in_person(
                resident=resident, actor=request.user, reason=str(_("Back-office action"))
            )
        self.message_user(
            request,
            ngettext(
                "%(count)d resident marked as verified in person.",
                "%(count)d residents marked as verified in person.",
                len(residents),
            )
            % {"count": len(residents)},
            messages.SUCCESS,
        )


@admin.register(CityService)
class CityServiceAdmin(admin.ModelAdmin):
    list_display = ("name", "agent_count")
    search_fields = ("name",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[CityService]:
        return super().get_queryset(request).annotate(agent_total=Count("agents"))

    @admin.display(description=_("agents"), ordering="agent_total")
    def agent_count(self, obj: Any) -> int:
        return obj.agent_total
