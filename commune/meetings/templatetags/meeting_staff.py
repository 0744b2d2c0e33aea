"""Template filters that tell whether a user may organise meetings (show the staff links)."""

from __future__ import annotations

from typing import Any

from django import template

from commune.meetings.access import can_register_by_phone

register = template.Library()


@register.filter
def organises_meetings(user: Any) -> bool:
    return can_register_by_phone(user)
