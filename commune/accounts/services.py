"""Every change to a resident's account goes through one of these functions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from commune.accounts.models import CityService, Resident, Role
from commune.core import audit

# What each staff role may do in the back office, as Django model permissions
# ("app_label.codename"). Administrators are superusers and need no list.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.MODERATOR: [
        "core.view_auditevent",
        "spaces.view_space",
        "spaces.view_phase",
    ],
    Role.AGENT: [
        "spaces.add_space",
        "spaces.change_space",
        "spaces.view_space",
        "spaces.add_phase",
        "spaces.change_phase",
        "spaces.delete_phase",
        "spaces.view_phase",
        "territory.view_neighbourhood",
        "territory.view_populationfigure",
        "accounts.view_resident",
    ],
    Role.ELECTED: [],
    Role.RESIDENT: [],
    Role.ADMINISTRATOR: [],
}
STAFF_ROLES = {Role.MODERATOR, Role.AGENT, Role.ADMINISTRATOR}


def role_group(role: str) -> Group:
    """The permission group of a staff role, created (and its permissions synced) on first use."""
    group, _ = Group.objects.get_or_create(name=f"commune:{role}")
    wanted = ROLE_PERMISSIONS.get(role, [])
    permissions = [
        Permission.objects.get(content_type__app_label=label, codename=codename)
        for label, codename in (name.split(".", 1) for name in wanted)
    ]
    group.permissions.set(permissions)
    return group


@transaction.atomic
def set_role(
    *,
    resident: Resident,
    role: str,
    actor: Any = None,
    service: CityService | None = None,
    reason: str = "",
) -> Resident:
    """Give `resident` a role, with the back-office access and permissions that go with it."""
    role = Role(role)
    resident.role = role
    resident.is_staff = role in STAFF_ROLES
    resident.is_superuser = role == Role.ADMINISTRATOR
    if role == Role.AGENT:
        resident.service = service or resident.service
    resident.save(update_fields=["role", "is_staff", "is_superuser", "service"])
    resident.groups.remove(*Group.objects.filter(name__startswith="commune:"))
    if role in ROLE_PERMISSIONS and ROLE_PERMISSIONS[role]:
        resident.groups.add(role_group(role))
    audit.record(actor=actor, action=f"set_role:{role}", target=resident, reason=reason)
    return resident
