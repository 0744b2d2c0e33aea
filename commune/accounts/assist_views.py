"""Agents' "assist a resident" pages (find, open an account, print a code) and code log-in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.decorators import ratelimit

from commune.accounts import access_codes
from commune.accounts.assist_forms import (
    AccessCodeLoginForm,
    AddEmailForm,
    FindResidentForm,
    OpenAccountForm,
)
from commune.accounts.models import Resident
from commune.accounts.views import LOGIN_RATE, MODEL_BACKEND
from commune.budgets.models import Budget
from commune.contributions import access as contribution_access
from commune.core.forms import add_service_errors
from commune.meetings.models import Meeting
from commune.spaces.models import Space

# An agent at the desk opens accounts and enters actions one after another.
AGENT_RATE = "60/m"
SEARCH_LIMIT = 20


def _limit(rate: str, key: str = "ip") -> Any:
    return ratelimit(key=key, rate=rate, method="POST", block=True)


def _require_agent(request: HttpRequest) -> Any:
    """The logged-in agent (login_required comes first); other accounts get 403."""
    if not contribution_access.is_agent(request.user):
        raise PermissionDenied(_("Only city agents assist residents."))
    return request.user


def get_assisted_resident(pk: int) -> Resident:
    """A resident an agent may act for: an open account (404 otherwise)."""
    return get_object_or_404(
        Resident.objects.select_related("neighbourhood"),
        pk=pk,
        is_active=True,
        deleted_at__isnull=True,
    )


# --- The resident's side: logging in with the printed code -------------------------------


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=LOGIN_RATE, method="POST", block=True)
def code_login(request: HttpRequest) -> HttpResponse:
    """Log in with an access code; a wrong code gets one generic answer, rate-limited."""
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = AccessCodeLoginForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        resident = access_codes.resident_for_code(form.cleaned_data["code"])
        if resident is not None:
            login(request, resident, backend=MODEL_BACKEND)
            messages.success(request, _("Welcome, %(name)s!") % {"name": resident.public_name})
            return redirect("accounts:profile")
        form.add_error(
            "code",
            _(
                "This code does not open any account. Check it, or ask the city's reception "
                "desk for a new one."
            ),
        )
    return render(request, "accounts/code_login.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate="30/m", method="POST", block=True)
def add_email(request: HttpRequest) -> HttpResponse:
    """A resident who logs in with a code adds an e-mail address and a password."""
    resident = request.user
    if getattr(resident, "email", None):
        return redirect("accounts:profile")
    form = AddEmailForm(request.POST if request.method == "POST" else None, resident=resident)
    if request.method == "POST" and form.is_valid():
        try:
            access_codes.add_email_and_password(
                resident=resident,
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                link_builder=request.build_absolute_uri,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "password" in error.error_dict:
                form.add_error("password1", error.error_dict.pop("password"))
            add_service_errors(form, error)
        else:
            update_session_auth_hash(request, resident)
            messages.success(
                request,
                _("Your address is saved. You may now log in with it and your password."),
            )
            return redirect("accounts:profile")
    return render(request, "accounts/add_email.html", {"form": form})


# --- The agent's side -------------------------------------------------------------------


@login_required
@require_safe
def assist(request: HttpRequest) -> HttpResponse:
    """Find the resident to help (name, phone or e-mail), or open an account for them."""
    _require_agent(request)
    form = FindResidentForm(request.GET or None)
    results: list[Resident] = []
    searched = False
    if form.is_valid() and form.cleaned_data["q"].strip():
        searched = True
        query = form.cleaned_data["q"].strip()
        results = list(
            Resident.objects.filter(is_active=True, deleted_at__isnull=True)
            .filter(
                Q(display_name__icontains=query)
                | Q(phone__icontains=query)
                | Q(email__iexact=query.lower())
            )
            .select_related("neighbourhood")
            .order_by("display_name", "pk")[:SEARCH_LIMIT]
        )
    return render(
        request,
        "accounts/assist/find.html",
        {"form": form, "results": results, "searched": searched},
    )


def _code_page(request: HttpRequest, resident: Resident, code: str) -> HttpResponse:
    """The printable page with the code in clear: shown once, never stored nor cached."""
    response = render(
        request,
        "accounts/assist/code.html",
        {
            "resident": resident,
            "code": access_codes.format_code(code),
            "city_name": settings.COMMUNE_CITY_NAME,
            "login_url": request.build_absolute_uri(reverse("accounts:login")),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
@_limit(AGENT_RATE, key="user")
@never_cache
def assist_open(request: HttpRequest) -> HttpResponse:
    """Open an account for a resident present or on the phone; then print their code."""
    agent = _require_agent(request)
    form = OpenAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            resident, code = access_codes.open_account_for_resident(
                agent=agent,
                display_name=data["display_name"],
                neighbourhood=data["neighbourhood"],
                met_in_person=data["how"] == "in_person",
                phone=data["phone"],
                email=data["email"] or "",
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _code_page(request, resident, code)
    return render(request, "accounts/assist/open.html", {"form": form})


@login_required
@require_POST
@_limit(AGENT_RATE, key="user")
def assist_new_code(request: HttpRequest, pk: int) -> HttpResponse:
    """Print a new access code: the old one stops working."""
    agent = _require_agent(request)
    resident = get_assisted_resident(pk)
    code = access_codes.regenerate_access_code(agent=agent, resident=resident)
    return _code_page(request, resident, code)


@login_required
@require_safe
def assist_resident(request: HttpRequest, pk: int) -> HttpResponse:
    """What the agent can do for this resident: the open spaces, meetings and votes."""
    _require_agent(request)
    resident = get_assisted_resident(pk)
    spaces = [
        space
        for space in Space.objects.published().order_by("title")
        if contribution_access.accepts_contributions(space)
    ]
    meetings = [
        meeting
        for meeting in Meeting.objects.visible()
        .upcoming()
        .filter(cancelled_at__isnull=True)
        .select_related("space")
        if meeting.registration_required or meeting.agenda_open
    ]
    budgets = [
        budget for budget in Budget.objects.visible().select_related("space") if budget.is_vote_open
    ]
    return render(
        request,
        "accounts/assist/resident.html",
        {"resident": resident, "spaces": spaces, "meetings": meetings, "budgets": budgets},
    )
