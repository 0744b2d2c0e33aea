"""Back office of decisions and commitments; saves go through the services (audit log)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.forms import BaseFormSet, ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from commune.accountability import services
from commune.accountability.models import (
    Commitment,
    Decision,
    DecisionContribution,
    ProgressUpdate,
)


class DecisionContributionInline(admin.TabularInline):
    model = DecisionContribution
    extra = 0
    raw_id_fields = ("contribution",)
    verbose_name = _("contribution answered")
    verbose_name_plural = _("contributions answered")


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0
    fields = ("title", "owner_service", "target_date", "progress")
    readonly_fields = ("progress",)
    show_change_link = True


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    inlines = [DecisionContributionInline, CommitmentInline]
    list_display = ("title", "decided_by", "decided_on", "space")
    list_filter = ("decided_on", "space")
    search_fields = ("title", "decided_by", "body")
    date_hierarchy = "decided_on"
    fields = ("title", "space", "meeting", "decided_by", "decided_on", "act_url", "body")
    raw_id_fields = ("meeting",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Decision]:
        return super().get_queryset(request).select_related("space", "meeting")

    def save_model(
        self, request: HttpRequest, obj: Decision, form: ModelForm, change: bool
    ) -> None:
        services.save_decision(decision=obj, actor=request.user)

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseFormSet, change: bool
    ) -> None:
        decision = form.instance
        if formset.model is DecisionContribution:
            links = formset.save(commit=False)
            for link in formset.deleted_objects:
                services.unlink_contribution(
                    decision=decision, contribution=link.contribution, actor=request.user
                )
            services.link_contributions(
                decision=decision,
                contributions=[link.contribution for link in links if link.pk is None],
                actor=request.user,
            )
            # A changed row (another contribution picked) becomes a new link.
            for link in links:
                if link.pk is not None:
                    link.save()
        elif formset.model is Commitment:
            commitments = formset.save(commit=False)
            for commitment in formset.deleted_objects:
                commitment.delete()
            for commitment in commitments:
                if commitment.pk is None:
                    services.add_commitment(
                        decision=decision,
                        title=commitment.title,
                        owner_service=commitment.owner_service,
                        target_date=commitment.target_date,
                        actor=request.user,
                    )
                else:
                    commitment.save()
        else:
            super().save_formset(request, form, formset, change)


class ProgressUpdateInline(admin.TabularInline):
    """Updates are published, not edited: add new ones, the history stays as it was."""

    model = ProgressUpdate
    extra = 1
    fields = ("progress", "text", "created_at")
    readonly_fields = ("created_at",)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    inlines = [ProgressUpdateInline]
    list_display = ("title", "decision", "owner_service", "target_date", "progress")
    list_filter = ("owner_service", "target_date")
    search_fields = ("title", "decision__title")
    fields = ("decision", "title", "owner_service", "target_date", "progress")
    readonly_fields = ("progress",)
    raw_id_fields = ("decision",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Commitment]:
        return super().get_queryset(request).select_related("decision", "owner_service")

    def save_model(
        self, request: HttpRequest, obj: Commitment, form: ModelForm, change: bool
    ) -> None:
        if change:
            super().save_model(request, obj, form, change)
        else:
            created = services.add_commitment(
                decision=obj.decision,
                title=obj.title,
                owner_service=obj.owner_service,
                target_date=obj.target_date,
                actor=request.user,
            )
            obj.pk = created.pk
            obj._state.adding = False

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseFormSet, change: bool
    ) -> None:
        # New progress goes through record_progress, which also moves the commitment's figure.
        for update in formset.save(commit=False):
            if update.pk is None:
                services.record_progress(
                    commitment=form.instance,
                    progress=update.progress,
                    text=update.text,
                    actor=request.user,
                )
