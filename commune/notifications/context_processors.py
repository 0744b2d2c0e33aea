"""The number of unread notifications, for the header of every page."""

from typing import Any

from django.http import HttpRequest

from commune.notifications.models import Notification


def unread(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: the count query runs only if the template shows it.
    return {
        "unread_notifications": lambda: Notification.objects.filter(
            recipient=user, read_at__isnull=True
        ).count()
    }
