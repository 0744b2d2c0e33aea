"""Home page, health check and the page shown when someone writes too fast."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import i18n
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


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, resolving the page to return to in the language it is in.

    French pages have no prefix and English ones live under /en/: Django's view resolves
    `next` in the active language, so from /en/... it could not find the French twin.
    """
    next_url = request.POST.get("next", request.GET.get("next")) or ""
    language = translation.get_language_from_path(urlsplit(next_url).path)
    with translation.override(language or settings.LANGUAGE_CODE):
        return i18n.set_language(request)
