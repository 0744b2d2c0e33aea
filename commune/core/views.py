"""Home page, health check and the page shown when someone writes too fast."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from commune.spaces.models import Space, SpaceKind, SpaceStatus


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The three pillars, what is open now, and how to take part online and in person."""
    open_spaces = (
        Space.objects.published()
        .with_status(SpaceStatus.OPEN)
        .exclude(kind=SpaceKind.NEIGHBOURHOOD_COUNCIL)
        .select_related("neighbourhood")
        .order_by("closes_on", "title")[:6]
    )
    councils = (
        Space.objects.published()
        .filter(kind=SpaceKind.NEIGHBOURHOOD_COUNCIL)
        .select_related("neighbourhood")
        .order_by("neighbourhood__position", "title")
    )
    return render(request, "core/home.html", {"open_spaces": open_spaces, "councils": councils})


@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def rate_limited(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Answer 429 with a plain explanation when a client writes faster than allowed."""
    response = render(
        request,
        "core/rate_limited.html",
        {"message": _("Too many attempts in a short time. Please wait a minute and try again.")},
        status=429,
    )
    response["Retry-After"] = "60"
    return response
