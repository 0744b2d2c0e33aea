"""Back office of contributions, comments and reports: read, add through the service, resolve.

Nothing is edited in place: texts belong to their authors, hiding goes through the public
page's moderation form (audited), and new contributions go through submit_contribution.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from commune.contributions import access, services, uploads
from commune.contributions.models import Comment, Contribution, Report


class ContributionAddForm(forms.ModelForm):
    """The fields an agent fills in to record a contribution; files checked by content."""

    class Meta:
        model = Contribution
        fields = (
            "space",
            "kind",
            "title",
            "body",
            "pillar",
            "neighbourhood",
            "channel",
            "author",
            "author_name",
            "image",
            "image_alt",
            "attachment",
        )

    def clean_image(self) -> Any:
        upload = self.cleaned_data.get("image")
        return uploads.clean_image(upload) if upload else None

    def clean_attachment(self) -> Any:
        upload = self.cleaned_data.get("attachment")
        return uploads.clean_attachment(upload) if upload else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("author") and not (cleaned.get("author_name") or "").strip():
            raise ValidationError(_("Choose the resident's account or give the person's name."))
        space = cleaned.get("space")
        if space is not None and not access.accepts_contributions(space):
            self.add_error("space", _("This space does not take contributions at the moment."))
        if len(cleaned.get("body") or "") > services.BODY_MAX_LENGTH:
            self.add_error("body", _("This text is too long."))
        return cleaned

    def _post_clean(self) -> None:
        # Due date, rendering and counters are the service's job: skip the model's checks
        # of fields the form does not fill in.
        pass


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "space",
        "kind",
        "pillar",
        "status",
        "channel",
        "created_at",
        "due_on",
        "support_count",
        "comment_count",
        "is_hidden",
    )
    list_filter = ("space", "pillar", "status", "channel", "kind")
    list_select_related = ("space",)
    search_fields = ("title", "body", "author_name", "author__display_name")
    date_hierarchy = "created_at"
    raw_id_fields = ("author",)
    readonly_fields = (
        "support_count",
        "comment_count",
        "status",
        "created_at",
        "updated_at",
        "due_on",
        "first_answered_at",
        "withdrawn_at",
        "hidden_at",
        "hidden_reason",
        "entered_by",
    )

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        if obj is None:
            kwargs["form"] = ContributionAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ContributionAddForm.Meta.fields
        return [*super().get_fields(request, obj)]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ()
        # Once recorded, a contribution is read here; its author edits it on the site.
        return [field.name for field in Contribution._meta.fields if field.name != "id"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Contributions are answered in public: they are withdrawn or hidden, never deleted.
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            return
        data = form.cleaned_data
        created = services.submit_contribution(
            space=data["space"],
            author=data.get("author"),
            author_name=data.get("author_name") or "",
            title=data["title"],
            body=data["body"],
            pillar=data["pillar"],
            neighbourhood=data.get("neighbourhood"),
            kind=data["kind"],
            image=data.get("image"),
            image_alt=data.get("image_alt") or "",
            attachment=data.get("attachment"),
            channel=data["channel"],
            entered_by=request.user,
        )
        # The admin names and links the object it thinks it saved.
        obj.pk, obj.title = created.pk, created.title

    @admin.display(boolean=True, description=_("hidden"))
    def is_hidden(self, contribution: Contribution) -> bool:
        return contribution.is_hidden


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "contribution", "author", "stance", "depth", "created_at")
    list_filter = ("stance", "contribution__space")
    list_select_related = ("contribution", "author")
    search_fields = ("body", "author__display_name", "contribution__title")
    date_hierarchy = "created_at"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [field.name for field in Comment._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class UnresolvedFilter(admin.SimpleListFilter):
    title = _("resolved")
    parameter_name = "resolved"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> Any:
        return [("no", _("To handle")), ("yes", _("Resolved"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Report]) -> QuerySet[Report]:
        if self.value() == "no":
            return queryset.filter(resolved_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("created_at", "target", "reason", "reporter", "resolved_at")
    list_filter = (UnresolvedFilter,)
    list_select_related = ("contribution", "comment", "reporter")
    search_fields = ("reason", "contribution__title", "comment__body")
    actions = ["mark_resolved"]

    def get_ordering(self, request: HttpRequest) -> Any:
        # Reports still to handle first, newest first within each group.
        return (F("resolved_at").desc(nulls_first=True), "-created_at")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [field.name for field in Report._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("reported"))
    def target(self, report: Report) -> str:
        if report.contribution_id:
            return str(report.contribution)
        return str(_("Comment #%(id)s") % {"id": report.comment_id})

    @admin.action(description=_("Mark as resolved (no action needed)"))
    def mark_resolved(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        closed = services.resolve_reports(reports=queryset, moderator=request.user)
        self.message_user(
            request,
            ngettext("%(count)d report resolved.", "%(count)d reports resolved.", closed)
            % {"count": closed},
            messages.SUCCESS,
        )
