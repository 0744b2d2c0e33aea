"""Writing audit events; every service that changes something on someone's behalf calls this."""

from __future__ import annotations

from typing import Any

from django.db import models

from commune.core.models import AuditEvent


def record(
    *, actor: Any, action: str, target: models.Model | None = None, reason: str = ""
) -> AuditEvent:
    """Record that `actor` did `action` to `target`, with the reason they gave."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:250] if target is not None else "",
        reason=reason,
    )
