"""Page-number pagination whose bad page numbers answer 400 with the reason, not 404."""

from __future__ import annotations

from typing import Any

from django.core.paginator import InvalidPage
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

MAX_PAGE_SIZE = 100


def _positive_int(value: str, name: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise ValidationError(
            {"detail": _("“%(name)s” must be a whole number of 1 or more.") % {"name": name}}
        )
    return number


class PagePagination(PageNumberPagination):
    """`page` (from 1) and `page_size` (1 to 100, 20 by default); a count, next and previous."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request: Any) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = _positive_int(raw, self.page_size_query_param)
        if size > MAX_PAGE_SIZE:
            raise ValidationError(
                {"detail": _("“page_size” may be at most %(max)s.") % {"max": MAX_PAGE_SIZE}}
            )
        return size

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> list[Any]:
        page_size = self.get_page_size(request)
        raw = request.query_params.get(self.page_query_param, "1")
        number = _positive_int(raw, self.page_query_param)
        paginator = self.django_paginator_class(queryset, page_size)
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            raise ValidationError(
                {
                    "detail": _("There is no page %(page)s: the last page is %(last)s.")
                    % {"page": number, "last": paginator.num_pages}
                }
            ) from None
        self.request = request
        return list(self.page)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = MAX_PAGE_SIZE
        return parameters
