"""Back office of participatory budgets.

Budgets (amount, phases, ballot, rule, eligibility) are set here, with each rule explained.
Projects are reviewed on the site (the review is published there); here they are read-only
apart from their text. The roll is shown as counts only, and the ballot box not at all:
nobody, administrators included, browses ballots one by one during the vote.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from commune.budgets.models import (
    MAX_PROJECT_IMAGES,
    RULE_EXPLANATIONS,
    Budget,
    Project,
    ProjectImage,
    Rule,
)
from commune.contributions import uploads
from commune.core import audit


def _rules_help() -> Any:
    return format_html_join(
        "",
        "<p><strong>{}</strong>: {}</p>",
        ((rule.label, RULE_EXPLANATIONS[rule]) for rule in Rule),
    )


class BudgetAdminForm(forms.ModelForm):
    class Meta:
        model = Budget
        fields = (
            "space",
            "title",
            "description",
            "amount",
            "submission_opens_on",
            "submission_closes_on",
            "review_closes_on",
            "vote_opens_on",
            "vote_closes_on",
            "results_on",
            "follow_up_until",
            "ballot_kind",
            "max_choices",
            "points",
            "rule",
            "min_votes",
            "verification_required",
            "minimum_age",
            "residents_only",
            "follow_up_service",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "rule" in self.fields:
            self.fields["rule"].help_text = _rules_help()


class ProjectInline(admin.TabularInline):
    model = Project
    extra = 0
    fields = ("title", "status", "estimated_cost", "revised_cost", "review_service")
    readonly_fields = ("status", "estimated_cost", "revised_cost", "review_service")
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # residents propose projects on the site


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    form = BudgetAdminForm
    list_display = ("title", "space", "amount", "vote_opens_on", "vote_closes_on", "voters")
    list_filter = ("ballot_kind", "rule")
    search_fields = ("title", "space__title")
    inlines = [ProjectInline]
    readonly_fields = ("vote_closed_at",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Budget]:
        return (
            super()
            .get_queryset(request)
            .select_related("space")
            .annotate(roll_count=Count("roll", distinct=True))
        )

    @admin.display(description=_("voters on the roll"))
    def voters(self, obj: Budget) -> int:
        return getattr(obj, "roll_count", 0)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and obj.is_closed:
            # The vote is counted: its rules can no longer change.
            return [*BudgetAdminForm.Meta.fields, "vote_closed_at"]
        return self.readonly_fields

    def save_model(self, request: HttpRequest, obj: Budget, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        audit.record(
            actor=request.user,
            action="budgets.change_budget" if change else "budgets.add_budget",
            target=obj,
        )


class ProjectImageForm(forms.ModelForm):
    """An image of the gallery, checked by its content as on the site (and with its messages)."""

    image = forms.FileField(
        label=_("Image"),
        widget=forms.ClearableFileInput(attrs={"accept": uploads.IMAGE_ACCEPT}),
        help_text=_("JPEG, PNG or WebP, at most 5 MB."),
    )

    class Meta:
        model = ProjectImage
        fields = ("image", "alt_text", "position")

    def clean_image(self) -> Any:
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):  # a new file; a kept one was checked when sent
            return uploads.clean_image(image)
        return image


class ProjectImageInline(admin.TabularInline):
    model = ProjectImage
    form = ProjectImageForm
    extra = 1
    max_num = MAX_PROJECT_IMAGES


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("title", "budget", "status", "estimated_cost", "revised_cost")
    list_filter = ("status",)
    search_fields = ("title", "budget__title")
    fields = (
        "budget",
        "title",
        "description",
        "estimated_cost",
        "neighbourhood",
        "location",
        "contribution",
        "status",
        "review_reason",
        "revised_cost",
        "review_service",
        "reviewed_at",
    )
    readonly_fields = (
        "budget",
        "estimated_cost",
        "status",
        "review_reason",
        "revised_cost",
        "review_service",
        "reviewed_at",
    )
    raw_id_fields = ("contribution",)
    inlines = (ProjectImageInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Project, form: Any, change: bool) -> None:
        from commune.core.markup import render_markdown

        obj.description_html = render_markdown(obj.description)
        super().save_model(request, obj, form, change)
        audit.record(actor=request.user, action="budgets.change_project", target=obj)
