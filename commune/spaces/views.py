"""Public pages of the spaces: the filtered list and a space with its rules of the game."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_ratelimit.decorators import ratelimit

from commune.core.exports import csv_download
from commune.spaces import membership
from commune.spaces.access import get_visible_space, visible_spaces
from commune.spaces.forms import JoinForm, SpaceFilterForm
from commune.spaces.models import Space, SpaceQuerySet

JOIN_RATE = "20/m"

PAGE_SIZE = 24


def _filtered_spaces(request: HttpRequest) -> tuple[SpaceFilterForm, SpaceQuerySet]:
    """The spaces the visitor may see, narrowed by the list's filters when they are valid."""
    form = SpaceFilterForm(request.GET or None)
    spaces = visible_spaces(request.user).select_related("neighbourhood")
    if form.is_valid():
        if form.cleaned_data["kind"]:
            spaces = spaces.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["neighbourhood"]:
            spaces = spaces.filter(neighbourhood=form.cleaned_data["neighbourhood"])
        if form.cleaned_data["status"]:
            spaces = spaces.with_status(form.cleaned_data["status"])
    return form, spaces.order_by("kind", "title")


@require_safe
def space_list(request: HttpRequest) -> HttpResponse:
    """Every visible space, filtered by kind, neighbourhood and status."""
    form, spaces = _filtered_spaces(request)
    page = Paginator(spaces, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "spaces/space_list.html",
        {
            "form": form,
            "page": page,
            "today": timezone.localdate(),
            "filter_query": query.urlencode(),
            "is_filtered": bool(
                form.is_bound and form.is_valid() and any(form.cleaned_data.values())
            ),
        },
    )


@require_safe
def space_export(request: HttpRequest) -> StreamingHttpResponse:
    """The same filtered list as CSV, with each space's rules of the game."""
    _form, spaces = _filtered_spaces(request)
    today = timezone.localdate()
    header = [
        _("Title"),
        _("Kind"),
        _("Neighbourhood"),
        _("Status"),
        _("Opens on"),
        _("Closes on"),
        _("Power given to residents"),
        _("Answer delay (days)"),
        _("Address"),
    ]
    rows = (
        [
            space.title,
            space.get_kind_display(),
            space.neighbourhood.name if space.neighbourhood else "",
            space.status(today).label,
            space.opens_on.isoformat(),
            space.closes_on.isoformat() if space.closes_on else "",
            space.get_power_level_display(),
            space.answer_delay_days,
            request.build_absolute_uri(space.get_absolute_url()),
        ]
        for space in spaces.iterator()
    )
    return csv_download("spaces.csv", header, rows)


@require_safe
def space_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A space: its rules of the game first, then its phases and enabled tools."""
    space = get_visible_space(request.user, slug)
    today = timezone.localdate()
    phases = [
        {"phase": phase, "current": phase.is_current(today), "past": phase.is_past(today)}
        for phase in space.phases.all()
    ]
    return render(
        request,
        "spaces/space_detail.html",
        {
            "space": space,
            "status": space.status(today),
            "phases": phases,
            "components": space.enabled_components(),
        }
        | _membership(space, request.user),
    )


def _membership(space: Space, user: Any) -> dict[str, Any]:
    if not membership.has_members(space):
        return {"has_members": False}
    mine = None
    if user.is_authenticated:
        mine = space.memberships.filter(resident=user).first()
    return {
        "has_members": True,
        "members": membership.members(space),
        "my_membership": mine,
        "join_form": JoinForm(initial={"listed_publicly": bool(mine and mine.listed_publicly)}),
    }


@login_required
@require_POST
@ratelimit(key="user_or_ip", rate=JOIN_RATE, method="POST", block=True)
def join(request: HttpRequest, slug: str) -> HttpResponse:
    """Join a working group, or change whether one's name is shown in its list."""
    space = get_visible_space(request.user, slug)
    form = JoinForm(request.POST)
    listed = form.is_valid() and form.cleaned_data["listed_publicly"]
    was_member = space.memberships.filter(resident=request.user).exists()
    membership.join(space=space, resident=request.user, listed_publicly=listed)
    if was_member:
        messages.success(request, _("Your choice is saved."))
    else:
        messages.success(request, _("You are a member of this working group."))
    return redirect(f"{space.get_absolute_url()}#members-title")


@login_required
@require_POST
@ratelimit(key="user_or_ip", rate=JOIN_RATE, method="POST", block=True)
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    space = get_visible_space(request.user, slug)
    if membership.leave(space=space, resident=request.user):
        messages.success(request, _("You have left this working group."))
    return redirect(space)
