"""Accountability pages: figures for the city and each space, decisions, and agents' forms."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.decorators import ratelimit

from commune.accountability import access, services, stats
from commune.accountability.forms import (
    AnswerForm,
    CommitmentForm,
    DecisionFilterForm,
    DecisionForm,
    DecisionSpaceForm,
    ProgressForm,
)
from commune.accountability.models import Commitment, CommitmentStatus, Decision
from commune.contributions.models import Contribution, Status
from commune.core.charts import PALETTE, horizontal_bars, stacked_bar
from commune.core.exports import csv_download
from commune.core.forms import add_service_errors
from commune.spaces.access import get_visible_space, visible_spaces
from commune.spaces.models import Space

PAGE_SIZE = 20
OVERDUE_SHOWN = 50  # the page lists the oldest ones; the CSV export has them all
RECENT_DECISIONS = 5
DECISION_CHOICES = 300  # contributions offered as checkboxes on the new decision form
# Agents write in bursts (a council's answers typed in one sitting): generous, per account.
WRITE_RATE = "60/m"


def _limit() -> Any:
    return ratelimit(key="user_or_ip", rate=WRITE_RATE, method="POST", block=True)


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


# --- Accountability pages ----------------------------------------------------------------


def _figures_context(
    contributions: QuerySet[Contribution],
    commitments: QuerySet[Commitment],
    today: datetime.date,
    scope: str,
) -> dict[str, Any]:
    """Figures, charts (with their text alternatives) and the overdue list, in 5 queries."""
    figures = stats.contribution_figures(contributions, today)
    timeliness = figures.timeliness
    parts = [
        (_("Answered within the delay"), timeliness.within),
        (_("Answered late"), timeliness.late),
        (_("Overdue, not answered yet"), timeliness.overdue),
        (_("Awaiting an answer, within the delay"), timeliness.waiting),
        (_("Withdrawn before an answer"), timeliness.withdrawn),
    ]
    by_status = [(status.label, count) for status, count in figures.by_status]
    commitment_rows = [
        (status.label, count) for status, count in stats.commitment_figures(commitments, today)
    ]
    overdue = list(
        contributions.overdue(today)
        .select_related("space")
        .order_by("due_on", "created_at", "id")[:OVERDUE_SHOWN]
    )
    for contribution in overdue:
        contribution.days_late = (today - contribution.due_on).days
    return {
        "today": today,
        "figures": figures,
        "timeliness": timeliness,
        "timeliness_rows": parts,
        "timeliness_chart": stacked_bar(parts),
        "timeliness_description": _(
            "%(scope)s: %(total)s contributions. %(within)s answered within the delay, "
            "%(late)s answered late, %(overdue)s overdue without an answer, %(waiting)s "
            "awaiting an answer within the delay, %(withdrawn)s withdrawn before an answer."
        )
        % {
            "scope": scope,
            "total": timeliness.total,
            "within": timeliness.within,
            "late": timeliness.late,
            "overdue": timeliness.overdue,
            "waiting": timeliness.waiting,
            "withdrawn": timeliness.withdrawn,
        },
        "status_rows": by_status,
        "status_chart": horizontal_bars(by_status),
        "status_description": _("%(scope)s, contributions by status: %(figures)s.")
        % {"scope": scope, "figures": _list_figures(by_status)},
        "commitment_rows": commitment_rows,
        "commitment_total": sum(count for _label, count in commitment_rows),
        "commitment_chart": horizontal_bars(commitment_rows, fill=PALETTE[3]),
        "commitment_description": _("%(scope)s, commitments by status: %(figures)s.")
        % {"scope": scope, "figures": _list_figures(commitment_rows)},
        "overdue": overdue,
    }


def _list_figures(rows: list[tuple[str, int]]) -> str:
    return ", ".join(
        _("%(label)s %(count)s") % {"label": label, "count": count} for label, count in rows
    )


def _space_table(today: datetime.date) -> QuerySet[Space]:
    """Published spaces that received contributions, with their figures (one query)."""
    unanswered = Q(contributions__first_answered_at__isnull=True)
    return (
        Space.objects.published()
        .annotate(
            total=Count("contributions"),
            answered=Count("contributions", filter=~unanswered),
            within=Count(
                "contributions",
                filter=~unanswered
                & Q(contributions__first_answered_at__date__lte=F("contributions__due_on")),
            ),
            overdue=Count(
                "contributions",
                filter=unanswered
                & Q(
                    contributions__withdrawn_at__isnull=True,
                    contributions__due_on__lt=today,
                ),
            ),
        )
        .filter(total__gt=0)
        .order_by("title")
    )


@require_safe
def city(request: HttpRequest) -> HttpResponse:
    """The city's accountability page: how contributions are answered, and commitments kept."""
    today = timezone.localdate()
    contributions = Contribution.objects.visible()
    commitments = Commitment.objects.filter(decision__in=access.visible_decisions(None))
    context = _figures_context(contributions, commitments, today, scope=_("Whole city"))
    spaces = list(_space_table(today))
    for space in spaces:
        space.share_within = stats.percentage(space.within, space.answered + space.overdue)
    context |= {
        "spaces": spaces,
        "decisions": access.decision_list(None).order_by("-decided_on", "-id")[:RECENT_DECISIONS],
        "can_answer": services.can_answer(request.user),
    }
    return render(request, "accountability/city.html", context)


@require_safe
def space(request: HttpRequest, space_slug: str) -> HttpResponse:
    """One space's accountability page: its figures, overdue contributions and decisions."""
    space = get_visible_space(request.user, space_slug)
    today = timezone.localdate()
    contributions = Contribution.objects.filter(space=space)
    commitments = Commitment.objects.filter(decision__space=space)
    context = _figures_context(contributions, commitments, today, scope=space.title)
    context |= {
        "space": space,
        "decisions": access.decision_list(request.user)
        .filter(space=space)
        .order_by("-decided_on", "-id")[:RECENT_DECISIONS],
        "can_answer": services.can_answer(request.user),
    }
    return render(request, "accountability/space.html", context)


# --- Decisions ---------------------------------------------------------------------------


def _filtered_decisions(request: HttpRequest) -> tuple[DecisionFilterForm, QuerySet[Decision]]:
    form = DecisionFilterForm(request.GET or None, spaces=visible_spaces(request.user))
    decisions = access.decision_list(request.user)
    if form.is_valid() and form.cleaned_data["space"]:
        decisions = decisions.filter(space=form.cleaned_data["space"])
    return form, decisions.order_by("-decided_on", "-id")


@require_safe
def decision_list(request: HttpRequest) -> HttpResponse:
    """Decisions, newest first, filtered by space."""
    form, decisions = _filtered_decisions(request)
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accountability/decision_list.html",
        {
            "form": form,
            "page": page,
            "filter_query": query.urlencode(),
            "is_filtered": bool(form.is_valid() and form.cleaned_data["space"]),
            "can_answer": services.can_answer(request.user),
        },
    )


@require_safe
def decision_export(request: HttpRequest) -> StreamingHttpResponse:
    """The same filtered list of decisions as CSV, with the contributions each answers."""
    _form, decisions = _filtered_decisions(request)
    decisions = decisions.select_related("meeting").prefetch_related("contributions")
    header = [
        _("Title"),
        _("Date of the decision"),
        _("Decided by"),
        _("Space"),
        _("Taken at the meeting"),
        _("Link to the official act"),
        _("Contributions answered"),
        _("Commitments"),
        _("Address"),
    ]
    rows = (
        [
            decision.title,
            decision.decided_on.isoformat(),
            decision.decided_by,
            decision.space.title if decision.space else "",
            decision.meeting.title if decision.meeting else "",
            decision.act_url,
            " ; ".join(
                f"{contribution.pk} {contribution.title}"
                for contribution in decision.contributions.all()
            ),
            decision.commitment_count,
            request.build_absolute_uri(decision.get_absolute_url()),
        ]
        for decision in decisions.iterator(chunk_size=500)
    )
    return csv_download("decisions.csv", header, rows)


@require_safe
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A decision: its text, the contributions it answers, its commitments and their progress."""
    decision = access.get_visible_decision(request.user, pk)
    today = timezone.localdate()
    commitments = [
        {"commitment": commitment, "status": commitment.status(today)}
        for commitment in decision.commitments.all()
    ]
    return render(
        request,
        "accountability/decision_detail.html",
        {
            "decision": decision,
            "commitments": commitments,
            "late": CommitmentStatus.LATE,
            "can_answer": services.can_answer(request.user),
        },
    )


@require_safe
def overdue_export(request: HttpRequest) -> StreamingHttpResponse:
    """Every overdue contribution (of one space with ?space=slug), oldest due date first."""
    today = timezone.localdate()
    contributions = Contribution.objects.visible()
    filename = "en-retard.csv"
    if slug := request.GET.get("space"):
        space = get_visible_space(request.user, slug)
        contributions = Contribution.objects.filter(space=space)
        filename = f"en-retard-{space.slug}.csv"
    overdue = (
        contributions.overdue(today).select_related("space").order_by("due_on", "created_at", "id")
    )
    header = [
        _("Number"),
        _("Title"),
        _("Space"),
        _("Submitted on"),
        _("Answer due by"),
        _("Days overdue"),
        _("Status"),
        _("Address"),
    ]
    rows = (
        [
            contribution.pk,
            contribution.title,
            contribution.space.title,
            timezone.localtime(contribution.created_at).date().isoformat(),
            contribution.due_on.isoformat(),
            (today - contribution.due_on).days,
            contribution.get_status_display(),
            request.build_absolute_uri(contribution.get_absolute_url()),
        ]
        for contribution in overdue.iterator(chunk_size=500)
    )
    return csv_download(filename, header, rows)


# --- Agents' forms -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@_limit()
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """An agent answers a contribution: its next status, the answer text, a signatory."""
    contribution = access.get_answerable_contribution(request.user, pk)
    form = AnswerForm(_data(request), contribution=contribution)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_contribution(
                contribution=contribution,
                status=form.cleaned_data["status"],
                answer=form.cleaned_data["answer"],
                actor=request.user,
                signed_by=form.cleaned_data["signed_by"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The answer is published: the contribution is now “%(status)s”.")
                % {"status": Status(form.cleaned_data["status"]).label},
            )
            return redirect(contribution.get_absolute_url())
    return render(
        request,
        "accountability/answer.html",
        {
            "contribution": contribution,
            "form": form,
            "has_next_step": bool(form.fields["status"].choices),
            "service": getattr(request.user, "service", None),
        },
    )


def _decision_contributions(space: Space | None, preselected: int | None) -> QuerySet[Contribution]:
    """The contributions a new decision may answer: the chosen space's most recent ones.

    A long debate may hold thousands: the form lists the DECISION_CHOICES most recent (and
    the one the agent came from); older ones are linked in the back office.
    """
    if space is None:
        return Contribution.objects.none()
    in_space = Contribution.objects.filter(space=space)
    recent = list(
        in_space.order_by("-created_at", "-id").values_list("pk", flat=True)[:DECISION_CHOICES]
    )
    if preselected is not None:
        recent.append(preselected)
    return in_space.filter(pk__in=recent).order_by("-created_at", "-id")


@require_http_methods(["GET", "POST"])
@_limit()
def new_decision(request: HttpRequest) -> HttpResponse:
    """An agent records a decision and ticks the contributions of a space it answers.

    Without JavaScript in two steps: choosing a space (a GET form) lists its contributions.
    """
    access.require_agent(request.user)
    space_form = DecisionSpaceForm(request.GET or None, spaces=visible_spaces(request.user))
    space = space_form.cleaned_data["space"] if space_form.is_valid() else None
    preselected = request.GET.get("contribution", "")
    preselected_pk = int(preselected) if preselected.isdigit() else None
    form = DecisionForm(
        _data(request),
        contributions=_decision_contributions(space, preselected_pk),
        initial={"contributions": [preselected_pk] if preselected_pk else []},
    )
    if request.method == "POST" and form.is_valid():
        decision = services.record_decision(
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            decided_by=form.cleaned_data["decided_by"],
            decided_on=form.cleaned_data["decided_on"],
            act_url=form.cleaned_data["act_url"],
            contributions=form.cleaned_data["contributions"],
            space=space,
            actor=request.user,
        )
        messages.success(request, _("The decision is published."))
        return redirect(decision)
    return render(
        request,
        "accountability/decision_form.html",
        {
            "space_form": space_form,
            "space": space,
            "form": form,
            "choices_shown": DECISION_CHOICES,
        },
    )


@require_http_methods(["GET", "POST"])
@_limit()
def new_commitment(request: HttpRequest, pk: int) -> HttpResponse:
    """An agent adds a commitment to a decision: what, which service, by when."""
    decision = access.get_decision_for_agent(request.user, pk)
    form = CommitmentForm(_data(request))
    if request.method == "POST" and form.is_valid():
        services.add_commitment(decision=decision, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The commitment is published."))
        return redirect(decision)
    return render(
        request, "accountability/commitment_form.html", {"decision": decision, "form": form}
    )


@require_http_methods(["GET", "POST"])
@_limit()
def commitment_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """An agent publishes where a commitment stands: a percentage and what was done."""
    commitment = access.get_commitment_for_agent(request.user, pk)
    form = ProgressForm(_data(request), initial={"progress": commitment.progress})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_progress(
                commitment=commitment,
                progress=form.cleaned_data["progress"],
                text=form.cleaned_data["text"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The progress is published."))
            return redirect(commitment.decision)
    return render(
        request,
        "accountability/progress_form.html",
        {"commitment": commitment, "form": form, "status": commitment.status()},
    )
