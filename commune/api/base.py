"""What every API endpoint shares: strict query parameters, declared filters, 304 answers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

from commune.api.conditional import answer_conditionally

PAGINATION_PARAMETERS = ("page", "page_size")


@dataclass(frozen=True)
class Filter:
    """A query parameter of a list: its values are checked, then `apply` narrows the rows."""

    name: str
    description: str
    apply: Callable[[QuerySet, Any], QuerySet]
    choices: tuple[str, ...] = ()
    # Turns the raw text into the value `apply` receives; raises ValueError when it cannot.
    parse: Callable[[str], Any] = field(default=str)
    kind: str = "string"

    def narrow(self, queryset: QuerySet, raw: str) -> QuerySet:
        if self.choices and raw not in self.choices:
            raise ValidationError(
                {
                    "detail": _(
                        "“%(value)s” is not a value of “%(name)s”; use one of: %(choices)s."
                    )
                    % {"value": raw, "name": self.name, "choices": ", ".join(self.choices)}
                }
            )
        try:
            value = self.parse(raw)
        except ValueError as error:
            raise ValidationError({"detail": str(error)}) from None
        return self.apply(queryset, value)


MAX_DIGITS = 18


def whole_number(raw: str, name: str) -> int:
    # At most 18 digits: every identifier fits, and no database overflows on the number.
    if not (raw.isascii() and raw.isdigit() and len(raw) <= MAX_DIGITS):
        raise ValueError(_("“%(name)s” must be a whole number.") % {"name": name})
    return int(raw)


def boolean(raw: str) -> bool:
    if raw in {"true", "1"}:
        return True
    if raw in {"false", "0"}:
        return False
    raise ValueError(_("Use true or false."))


class DeclaredFilters(BaseFilterBackend):
    """Applies the view's `filters` on lists, and describes them in the OpenAPI schema."""

    def filter_queryset(self, request: Any, queryset: QuerySet, view: Any) -> QuerySet:
        if getattr(view, "action", None) != "list":
            return queryset
        for declared in view.filters:
            raw = request.query_params.get(declared.name)
            if raw is not None and raw != "":
                queryset = declared.narrow(queryset, raw)
        return queryset

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = []
        for declared in view.filters:
            schema: dict[str, Any] = {"type": declared.kind}
            if declared.choices:
                schema["enum"] = list(declared.choices)
            parameters.append(
                {
                    "name": declared.name,
                    "required": False,
                    "in": "query",
                    "description": declared.description,
                    "schema": schema,
                }
            )
        return parameters


class ConditionalMixin:
    """Every 200 answer gets its ETag and Last-Modified; a current copy gets 304.

    Every answer may also be read by a script of any other site (CORS): the API is public
    and reads no cookie, so sharing it across origins exposes nothing more.
    """

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        if request.method in {"GET", "HEAD"} and response.status_code == 200:
            response.render()
            response = answer_conditionally(request._request, response)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
        return response


class PublicViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """A read-only list and detail of public rows only (each subclass's `get_queryset`)."""

    filters: tuple[Filter, ...] = ()
    filter_backends = [DeclaredFilters]
    # Identifiers are whole numbers of at most 18 digits (a longer one would overflow the
    # database's integers); any other address falls to the API's JSON 404.
    lookup_value_regex = f"[0-9]{{1,{MAX_DIGITS}}}"

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        allowed = {f.name for f in self.filters} | set(PAGINATION_PARAMETERS)
        if self.action != "list":
            allowed = set()
        # PostgreSQL refuses NUL in any text it compares with: refused here, with a reason.
        values = [value for _name, given in request.query_params.lists() for value in given]
        if any("\x00" in value for value in values):
            raise ValidationError({"detail": _("A query parameter holds a NUL character.")})
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise ValidationError(
                {
                    "detail": _("Unknown query parameters: %(unknown)s. Known here: %(known)s.")
                    % {
                        "unknown": ", ".join(unknown),
                        "known": ", ".join(sorted(allowed)) or _("none"),
                    }
                }
            )
