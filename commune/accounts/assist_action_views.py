"""What an agent does on a resident's behalf: contribution, support, meeting, agenda, ballot.

Each page calls the app's own `assisted` service with the resident as the actor and the
agent as helper, so every rule of the online action (open space, cut-off, one support,
one ballot) applies the same way.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from commune.accounts.assist_forms import AgendaItemForm, AssistedContributionForm
from commune.accounts.assist_views import AGENT_RATE, _limit, _require_agent, get_assisted_resident
from commune.budgets import access as budget_access
from commune.budgets import assisted as budget_assisted
from commune.budgets.forms import BallotForm
from commune.budgets.views import _ballot_context
from commune.contributions import access as contribution_access
from commune.contributions import assisted as contribution_assisted
from commune.core.forms import call_service
from commune.meetings import access as meeting_access
from commune.meetings import assisted as meeting_assisted
from commune.meetings import services as meeting_services
from commune.meetings.models import AgendaItem


def _back(resident_pk: int) -> HttpResponse:
    return redirect("accounts:assist_resident", pk=resident_pk)


@login_required
@require_http_methods(["GET", "POST"])
@_limit(AGENT_RATE, key="user")
def assist_contribution(request: HttpRequest, pk: int, space_slug: str) -> HttpResponse:
    """Type in the resident's contribution, in a space that takes them today."""
    agent = _require_agent(request)
    resident = get_assisted_resident(pk)
    space = contribution_access.get_space_for_writes(agent, space_slug)
    if not contribution_access.can_enter_for_others(space, agent):
        raise PermissionDenied(_("This space does not take contributions at the moment."))
    initial = {"neighbourhood": space.neighbourhood or resident.neighbourhood}
    form = AssistedContributionForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done, contribution = call_service(
            form,
            lambda: contribution_assisted.submit_with_help(
                agent=agent,
                resident=resident,
                space=space,
                title=data["title"],
                body=data["body"],
                pillar=data["pillar"],
                kind=data["kind"],
                neighbourhood=data["neighbourhood"],
                by_phone=data["how"] == "phone",
            ),
            refusals=(),
        )
        if done:
            messages.success(
                request,
                _("“%(title)s” is saved as %(name)s's contribution, entered with your help.")
                % {"title": contribution.title, "name": resident.public_name},
            )
            return _back(resident.pk)
    return render(
        request,
        "accounts/assist/contribution.html",
        {"resident": resident, "space": space, "form": form},
    )


@login_required
@require_POST
@_limit(AGENT_RATE, key="user")
def assist_support(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the resident's support of a contribution, given by its number."""
    agent = _require_agent(request)
    resident = get_assisted_resident(pk)
    number = request.POST.get("contribution", "").strip().lstrip("#")
    contribution = (
        contribution_access.visible_contributions(agent)
        .select_related("space")
        .filter(pk=int(number) if number.isdigit() else 0)
        .first()
    )
    if contribution is None:
        messages.error(request, _("No contribution has this number. Check it and try again."))
        return _back(resident.pk)
    try:
        contribution_assisted.support_with_help(
            agent=agent, resident=resident, contribution=contribution
        )
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s's support of “%(title)s” is counted, entered with your help.")
            % {"name": resident.public_name, "title": contribution.title},
        )
    return _back(resident.pk)


def _meeting_action(request: HttpRequest, agent: Any, resident: Any, meeting: Any) -> str:
    """Run the posted meeting action; return the success message (raises when refused)."""
    action = request.POST.get("action")
    if action == "register":
        registration = meeting_assisted.register_with_help(
            agent=agent, resident=resident, meeting=meeting
        )
        if registration.status == "waiting":
            return _("%(name)s is on the waiting list.") % {"name": resident.public_name}
        return _("%(name)s is registered.") % {"name": resident.public_name}
    if action == "support":
        item = AgendaItem.objects.filter(
            meeting=meeting, pk=int(request.POST.get("item", "0") or 0)
        ).first()
        if item is None:
            raise PermissionDenied(_("This agenda item does not exist."))
        meeting_assisted.support_item_with_help(agent=agent, resident=resident, item=item)
        return _("%(name)s's support of this item is counted.") % {"name": resident.public_name}
    raise PermissionDenied(_("Choose what to do."))


@login_required
@require_http_methods(["GET", "POST"])
@_limit(AGENT_RATE, key="user")
def assist_meeting(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """Register the resident to a meeting, propose or support agenda items for them."""
    agent = _require_agent(request)
    resident = get_assisted_resident(pk)
    meeting = meeting_access.get_visible_meeting(agent, meeting_pk)
    posted = request.method == "POST"
    propose = posted and request.POST.get("action") == "propose"
    form = AgendaItemForm(request.POST if propose else None)
    if propose and form.is_valid():
        done, _item = call_service(
            form,
            lambda: meeting_assisted.propose_item_with_help(
                agent=agent, resident=resident, meeting=meeting, **form.cleaned_data
            ),
        )
        if done:
            messages.success(
                request,
                _("The item is on the agenda, proposed by %(name)s with your help.")
                % {"name": resident.public_name},
            )
            return redirect("accounts:assist_meeting", pk=resident.pk, meeting_pk=meeting.pk)
    elif posted and not propose:
        try:
            messages.success(request, _meeting_action(request, agent, resident, meeting))
        except PermissionDenied as error:
            messages.error(request, str(error))
        return redirect("accounts:assist_meeting", pk=resident.pk, meeting_pk=meeting.pk)
    registration = meeting.registrations.filter(resident=resident).first()
    return render(
        request,
        "accounts/assist/meeting.html",
        {
            "resident": resident,
            "meeting": meeting,
            "form": form,
            "registration": registration,
            "items": meeting_services.ranked_agenda(meeting),
            "supported": meeting_services.supported_item_ids(meeting, resident),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@_limit(AGENT_RATE, key="user")
def assist_ballot(request: HttpRequest, pk: int, budget_pk: int) -> HttpResponse:
    """Type in the resident's ballot as they say it; it goes in the same anonymous box."""
    agent = _require_agent(request)
    resident = get_assisted_resident(pk)
    budget = budget_access.get_visible_budget(agent, budget_pk)
    projects = list(budget_access.on_ballot(budget))
    posted = request.method == "POST"
    form = BallotForm(request.POST if posted else None, budget=budget, projects=projects)
    if posted and form.is_valid():
        done, _entry = call_service(
            form,
            lambda: budget_assisted.cast_ballot_with_help(
                agent=agent,
                resident=resident,
                budget=budget,
                choices=form.choices(),
                age_confirmed=form.age_is_confirmed() if budget.minimum_age else True,
            ),
        )
        if done:
            messages.success(
                request,
                _("%(name)s's ballot is in the box, and they are on the roll.")
                % {"name": resident.public_name},
            )
            return _back(resident.pk)
    context = _ballot_context(budget, form, {}, roll_count=None)
    context.update(
        {
            "resident": resident,
            "on_roll": budget.roll.filter(resident=resident).exists(),
        }
    )
    return render(request, "accounts/assist/ballot.html", context)
