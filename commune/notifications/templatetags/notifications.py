"""Template tags of notifications: whether the reader follows a contribution or a space."""

from typing import Any

from django import template

from commune.notifications import services

register = template.Library()


@register.simple_tag(takes_context=True)
def is_following(context: dict[str, Any], contribution: Any = None, space: Any = None) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    return services.is_following(
        resident=user, contribution=contribution or None, space=space or None
    )
