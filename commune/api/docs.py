"""The served OpenAPI schema, and a server-rendered page documenting the API from it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from commune.api.base import ConditionalMixin
from commune.api.pagination import MAX_PAGE_SIZE
from commune.api.schema import build_schema


class SchemaView(ConditionalMixin, APIView):
    """The OpenAPI 3 schema of this API, as JSON (the committed commune/api/openapi.json)."""

    schema = None  # not an operation of the API itself

    def get(self, request: Request) -> Response:
        if request.query_params:
            raise ValidationError({"detail": _("This address takes no query parameters.")})
        return Response(build_schema())


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """An address under /api/v1/ that names no endpoint or row."""
    return JsonResponse(
        {
            "detail": _("There is nothing at this address of the API: see %(docs)s.")
            % {"docs": reverse("api:docs")}
        },
        status=404,
    )


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Each GET operation, in path order, with what the page lists about it."""
    rows = []
    for path, item in sorted(schema["paths"].items()):
        operation = item.get("get")
        if operation is None:
            continue
        rows.append(
            {
                "path": path,
                "anchor": operation["operationId"],
                "summary": operation.get("summary", ""),
                "parameters": [
                    {
                        "name": parameter["name"],
                        "where": parameter["in"],
                        "description": parameter.get("description", ""),
                        "values": parameter.get("schema", {}).get("enum", []),
                        "type": parameter.get("schema", {}).get("type", ""),
                    }
                    for parameter in operation.get("parameters", [])
                ],
            }
        )
    return rows


@require_safe
def docs_page(request: HttpRequest) -> HttpResponse:
    """The API's documentation, readable without JavaScript, in the reader's language.

    The page has no language prefix: the language a reader chose with the site's switch
    (its cookie) comes first, then `?lang=` (the footer's link passes the page's language),
    then the browser's.
    """
    languages = dict(settings.LANGUAGES)
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    hinted = request.GET.get("lang", "")
    language = next(
        (code for code in (chosen, hinted) if code in languages), translation.get_language()
    )
    with translation.override(language):
        schema = build_schema()
        return render(
            request,
            "api/docs.html",
            {
                "info": schema["info"],
                "operations": _operations(schema),
                "max_page_size": MAX_PAGE_SIZE,
                "rate": settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["api"],
            },
        )
