"""Values every template needs: the city's name and the language switch's choices."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    return {"city_name": settings.COMMUNE_CITY_NAME}
