"""Public pages of the spaces: the filtered list and a space with its rules of the game."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from commune.spaces.access import get_visible_space, visible_spaces
from commune.spaces.forms import SpaceFilterForm

PAGE_SIZE = 24


@require_safe
def space_list(request: HttpRequest) -> HttpResponse:
    """Every visible space, filtered by kind, neighbourhood and status."""
    form = SpaceFilterForm(request.GET or None)
    spaces = visible_spaces(request.user).select_related("neighbourhood")
    if form.is_valid():
        if form.cleaned_data["kind"]:
            spaces = spaces.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["neighbourhood"]:
            spaces = spaces.filter(neighbourhood=form.cleaned_data["neighbourhood"])
        if form.cleaned_data["status"]:
            spaces = spaces.with_status(form.cleaned_data["status"])
    page = Paginator(spaces.order_by("kind", "title"), PAGE_SIZE).get_page(request.GET.get("page"))
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
            "is_filtered": bool(form.is_bound and form.is_valid() and any(form.cleaned_data.values())),
        },
    )


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
        },
    )
