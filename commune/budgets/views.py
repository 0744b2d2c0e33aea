"""Pages of participatory budgets: projects, the ballot, paper ballots, closing, results."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.decorators import ratelimit

from commune.budgets import access, services, wording
from commune.budgets.charts import results_chart
from commune.budgets.forms import (
    BallotForm,
    CloseForm,
    PaperBallotForm,
    ProjectForm,
    ProjectImageFormSet,
    ReviewForm,
)
from commune.budgets.models import (
    RULE_EXPLANATIONS,
    BallotKind,
    Budget,
    BudgetPhase,
    ProjectStatus,
    Rule,
)
from commune.core.charts import stacked_bar
from commune.core.exports import csv_download
from commune.core.forms import add_service_errors

SUBMIT_RATE = "10/m"
VOTE_RATE = "20/m"
AGENT_RATE = "60/m"  # an agent enters one paper ballot after another


def _limit(rate: str) -> Any:
    return ratelimit(key="user_or_ip", rate=rate, method="POST", block=True)


def _phase_labels(budget: Budget) -> dict[str, Any]:
    phase = budget.phase()
    return {"phase": phase, "phase_label": phase.label}


# --- Lists ------------------------------------------------------------------------------


@require_safe
def budget_list(request: HttpRequest) -> HttpResponse:
    """Every participatory budget of the city, the newest vote first."""
    budgets = access.visible_budgets(request.user).select_related("space", "space__neighbourhood")
    return render(
        request,
        "budgets/budget_list.html",
        {"space": None, "rows": [(budget, budget.phase()) for budget in budgets]},
    )


@require_safe
def export(request: HttpRequest) -> Any:
    """The list of budgets as CSV."""
    budgets = access.visible_budgets(request.user).select_related("space", "space__neighbourhood")
    header = [
        _("Title"),
        _("Space"),
        _("Neighbourhood"),
        _("Amount (€)"),
        _("Phase"),
        _("Ballot"),
        _("Vote rule"),
        _("Vote opens on"),
        _("Vote closes on"),
        _("Ballots"),
        _("Funded projects"),
        _("Funded total (€)"),
    ]
    rows = (
        [
            budget.title,
            budget.space.title,
            budget.space.neighbourhood.name if budget.space.neighbourhood else "",
            budget.amount,
            budget.phase().label,
            budget.get_ballot_kind_display(),
            budget.get_rule_display(),
            budget.vote_opens_on.isoformat(),
            budget.vote_closes_on.isoformat(),
            budget.results["ballots"] if budget.results else "",
            len(budget.results["selected"]) if budget.results else "",
            budget.results["total_cost"] if budget.results else "",
        ]
        for budget in budgets.iterator()
    )
    return csv_download("budgets-participatifs.csv", header, rows)


@require_safe
def space_budgets(request: HttpRequest, space_slug: str) -> HttpResponse:
    """The budgets of a space."""
    space = access.get_budget_space(request.user, space_slug)
    budgets = space.budgets.select_related("space", "space__neighbourhood")
    return render(
        request,
        "budgets/budget_list.html",
        {"space": space, "rows": [(budget, budget.phase()) for budget in budgets]},
    )


# --- A budget and its projects ----------------------------------------------------------


@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A budget: its amount, phases, rules of the vote, and its projects by status."""
    budget = access.get_visible_budget(request.user, pk)
    projects = list(access.visible_projects(budget, request.user))
    user = request.user
    return render(
        request,
        "budgets/budget_detail.html",
        {
            "budget": budget,
            "eligible": [p for p in projects if p.status == ProjectStatus.ELIGIBLE],
            "submitted": [p for p in projects if p.status == ProjectStatus.SUBMITTED],
            "not_feasible": [p for p in projects if p.status == ProjectStatus.NOT_FEASIBLE],
            "can_manage": access.can_manage(user),
            "roll_entry": services.roll_entry(budget, user),
            "refusal": services.voting_refusal(budget, user)
            if budget.is_vote_open and user.is_authenticated
            else None,
            "roll_count": budget.roll.count() if access.can_manage(user) else None,
            "ballot_count": budget.ballots.count() if access.can_manage(user) else None,
        }
        | _phase_labels(budget),
    )


@require_safe
def projects_export(request: HttpRequest, pk: int) -> Any:
    """The budget's projects as CSV, with their review."""
    budget = access.get_visible_budget(request.user, pk)
    header = [
        _("Number"),
        _("Title"),
        _("Status"),
        _("Estimated cost (€)"),
        _("Cost after review (€)"),
        _("Neighbourhood"),
        _("Location"),
        _("Reviewing service"),
        _("Reason of the review"),
    ]
    rows = (
        [
            project.pk,
            project.title,
            project.get_status_display(),
            project.estimated_cost,
            "" if project.revised_cost is None else project.revised_cost,
            project.neighbourhood.name if project.neighbourhood else "",
            project.location,
            project.review_service.name if project.review_service else "",
            project.review_reason,
        ]
        for project in access.visible_projects(budget, request.user).order_by("pk")
    )
    return csv_download(f"projets-budget-{budget.pk}.csv", header, rows)


@require_safe
def project(request: HttpRequest, pk: int, project_pk: int) -> HttpResponse:
    """A project: its description, cost, place, and the city's review."""
    budget = access.get_visible_budget(request.user, pk)
    item = access.get_visible_project(budget, request.user, project_pk)
    return render(
        request,
        "budgets/project_detail.html",
        {
            "budget": budget,
            "project": item,
            "can_review": access.can_manage(request.user)
            and budget.phase() in {BudgetPhase.SUBMISSION, BudgetPhase.REVIEW},
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(SUBMIT_RATE)
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """A resident proposes a project, during the submission phase."""
    budget = access.get_visible_budget(request.user, pk)
    is_open = budget.phase() == BudgetPhase.SUBMISSION
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = ProjectForm(data, files, budget=budget)
    image_forms = ProjectImageFormSet(data, files, prefix="images")
    # Both are checked, so that every mistake shows at once.
    valid = form.is_valid() & image_forms.is_valid()
    if request.method == "POST" and is_open and valid:
        try:
            created = services.submit_project(
                budget=budget,
                author=request.user,
                images=image_forms.images(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except services.ActionRefusedError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Your project is submitted. The city's services will review it.")
            )
            return redirect(created)
    return render(
        request,
        "budgets/project_form.html",
        {
            "budget": budget,
            "form": form,
            "image_forms": image_forms,
            "is_open": is_open,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(AGENT_RATE)
def review(request: HttpRequest, pk: int, project_pk: int) -> HttpResponse:
    """A city service publishes whether a project is feasible, why, and at what cost."""
    if not access.can_manage(request.user):
        raise PermissionDenied(_("Only city agents review projects."))
    budget = access.get_visible_budget(request.user, pk)
    item = access.get_visible_project(budget, request.user, project_pk)
    initial = {
        "reason": item.review_reason,
        "revised_cost": item.revised_cost,
        "decision": ReviewForm.FEASIBLE
        if item.status == ProjectStatus.ELIGIBLE
        else (ReviewForm.NOT_FEASIBLE if item.status == ProjectStatus.NOT_FEASIBLE else None),
    }
    form = ReviewForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.review_project(
                project=item,
                actor=request.user,
                feasible=data["decision"] == ReviewForm.FEASIBLE,
                reason=data["reason"],
                revised_cost=data["revised_cost"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except services.ActionRefusedError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The review is published on the project's page."))
            return redirect(item)
    return render(
        request, "budgets/review_form.html", {"budget": budget, "project": item, "form": form}
    )


# --- Voting -----------------------------------------------------------------------------


def _ballot_context(
    budget: Budget, form: BallotForm, current: dict[int, int], **extra: Any
) -> dict[str, Any]:
    total = form.total(current)
    limit = budget.points if budget.ballot_kind == BallotKind.CUMULATIVE else budget.amount
    return {
        "budget": budget,
        "form": form,
        "rows": form.rows(current),
        "total": total,
        "limit": limit,
        "over": budget.ballot_kind != BallotKind.K_APPROVAL and total > (limit or 0),
        "is_cumulative": budget.ballot_kind == BallotKind.CUMULATIVE,
        "is_k": budget.ballot_kind == BallotKind.K_APPROVAL,
        "total_text": wording.money(total)
        if budget.ballot_kind != BallotKind.CUMULATIVE
        else str(total),
        "money_template": wording.money_template(),
        "limit_text": wording.money(budget.amount)
        if budget.ballot_kind != BallotKind.CUMULATIVE
        else str(limit),
    } | extra


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(VOTE_RATE)
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    """The ballot: works without JavaScript; the server refuses a ballot over the budget.

    "Add up my choices" re-displays the form with the total, without casting it.
    """
    budget = access.get_visible_budget(request.user, pk)
    projects = list(access.on_ballot(budget))
    current = services.current_choices(budget, request.user) or {}
    entry = services.roll_entry(budget, request.user)
    refusal = services.voting_refusal(budget, request.user)
    if refusal is None and entry is not None and entry.channel == "paper":
        refusal = _("You voted on paper with a city agent: a paper ballot cannot be changed.")
    elif refusal is None and entry is not None and entry.channel == "assisted":
        refusal = _("You voted with a city agent's help: this ballot cannot be changed online.")
    posted = request.method == "POST"
    form = BallotForm(request.POST if posted else None, budget=budget, projects=projects)
    if posted and refusal is None and form.is_valid() and request.POST.get("action") != "add-up":
        try:
            services.cast_ballot(
                budget=budget,
                resident=request.user,
                choices=form.choices(),
                age_confirmed=form.age_is_confirmed() if budget.minimum_age else True,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except services.ActionRefusedError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Your ballot is in the box. You may change it until the vote closes.")
                if entry is None
                else _("Your ballot is changed. You may change it until the vote closes."),
            )
            return redirect("budgets:vote", pk=budget.pk)
    return render(
        request,
        "budgets/vote.html",
        _ballot_context(
            budget,
            form,
            current,
            refusal=refusal,
            has_voted=entry is not None,
            adding_up=posted and request.POST.get("action") == "add-up",
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(AGENT_RATE)
def paper_ballot(request: HttpRequest, pk: int) -> HttpResponse:
    """An agent enters the paper ballot of a resident present in person."""
    if not access.can_manage(request.user):
        raise PermissionDenied(_("Only city agents enter paper ballots."))
    budget = access.get_visible_budget(request.user, pk)
    projects = list(access.on_ballot(budget))
    posted = request.method == "POST"
    form = PaperBallotForm(request.POST if posted else None, budget=budget, projects=projects)
    if posted and budget.is_vote_open and form.is_valid():
        resident = form.cleaned_data["resident_email"]
        try:
            services.cast_paper_ballot(
                budget=budget,
                agent=request.user,
                resident=resident,
                choices=form.choices(),
                age_confirmed=form.age_is_confirmed() if budget.minimum_age else True,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except services.ActionRefusedError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The paper ballot of %(name)s is in the box, and they are on the roll.")
                % {"name": resident.public_name},
            )
            return redirect("budgets:paper_ballot", pk=budget.pk)
    return render(
        request,
        "budgets/paper_ballot.html",
        _ballot_context(budget, form, {}, roll_count=budget.roll.count()),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(AGENT_RATE)
def close(request: HttpRequest, pk: int) -> HttpResponse:
    """An agent closes the vote once it is over: roll and box locked, results published."""
    if not access.can_manage(request.user):
        raise PermissionDenied(_("Only city agents close a vote."))
    budget = access.get_visible_budget(request.user, pk)
    form = CloseForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.close_vote(budget=budget, actor=request.user)
        except services.ActionRefusedError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The vote is closed and the results are published."))
            return redirect("budgets:results", pk=budget.pk)
    return render(
        request,
        "budgets/close.html",
        {
            "budget": budget,
            "form": form,
            "roll_count": budget.roll.count(),
            "ballot_count": budget.ballots.count(),
            "can_close": budget.phase() == BudgetPhase.COUNTING,
        },
    )


# --- Results ----------------------------------------------------------------------------


def _result_rows(budget: Budget) -> list[dict[str, Any]]:
    unit = "points" if budget.ballot_kind == BallotKind.CUMULATIVE else "votes"
    return [
        row | {"sentence": wording.reason(row, unit=unit)} for row in budget.results["projects"]
    ]


@require_safe
def results(request: HttpRequest, pk: int) -> HttpResponse:
    """The results: each project funded or not and why, a chart, and another rule's outcome."""
    budget = access.get_visible_budget(request.user, pk)
    context: dict[str, Any] = {"budget": budget} | _phase_labels(budget)
    if budget.results:
        rows = _result_rows(budget)
        titles = {row["id"]: row["title"] for row in rows}
        is_cumulative = budget.ballot_kind == BallotKind.CUMULATIVE
        comparison = budget.results.get("comparison")
        if comparison:
            theirs = set(comparison["selected"])
            ours = set(budget.results["selected"])
            context["comparison"] = {
                "rule_label": Rule(comparison["rule"]).label,
                "rule_explanation": RULE_EXPLANATIONS[Rule(comparison["rule"])],
                "theirs": [titles[pid] for pid in comparison["selected"]],
                "total": comparison["total_cost"],
                "only_theirs": [titles[p] for p in comparison["selected"] if p not in ours],
                "only_ours": [titles[p] for p in budget.results["selected"] if p not in theirs],
            }
        funded = [row for row in rows if row["funded"]]
        context |= {
            "rows": rows,
            "funded": funded,
            "is_cumulative": is_cumulative,
            "chart": results_chart(rows, unit="points" if is_cumulative else "votes"),
            "allocation": stacked_bar(
                [(row["title"], row["cost"]) for row in funded]
                + [(_("Not allocated"), budget.results["left"])]
            ),
        }
    return render(request, "budgets/results.html", context)


@require_safe
def results_export(request: HttpRequest, pk: int) -> Any:
    """The results as CSV: every project, its votes, cost, outcome and reason."""
    budget = access.get_visible_budget(request.user, pk)
    if not budget.results:
        raise Http404("No results yet.")
    header = [
        _("Number"),
        _("Title"),
        _("Votes"),
        _("Points"),
        _("Cost (€)"),
        _("Funded"),
        _("Order funded"),
        _("Reason"),
    ]
    rows = (
        [
            row["id"],
            row["title"],
            row["votes"],
            row["points"],
            row["cost"],
            _("yes") if row["funded"] else _("no"),
            row["order"] or "",
            row["sentence"],
        ]
        for row in _result_rows(budget)
    )
    return csv_download(f"resultats-budget-{budget.pk}.csv", header, rows)


@require_safe
def ballots_pb(request: HttpRequest, pk: int) -> HttpResponse:
    """The anonymous ballots as a Pabulib `.pb` file, once the vote is closed."""
    budget = access.get_visible_budget(request.user, pk)
    if not budget.is_closed:
        raise Http404("The ballots are published once the vote is closed.")
    response = HttpResponse(services.pabulib_text(budget), content_type="text/plain; charset=utf-8")
    stamp = timezone.localdate(budget.vote_closed_at).isoformat()
    response["Content-Disposition"] = f'attachment; filename="budget-{budget.pk}-{stamp}.pb"'
    return response
