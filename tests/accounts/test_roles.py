"""Roles give the matching back-office access; passwords are hashed with Argon2 in production."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password

from commune.accounts.models import CityService, Role
from commune.accounts.services import set_role
from commune.core.models import AuditEvent
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_an_agent_gets_back_office_access_and_the_agent_permissions(client: Any) -> None:
    service = CityService.objects.create(name="Direction de la participation")
    admin = ResidentFactory(role=Role.ADMINISTRATOR)
    agent = ResidentFactory()

    set_role(resident=agent, role=Role.AGENT, actor=admin, service=service, reason="Recruited")

    agent.refresh_from_db()
    assert agent.is_staff
    assert not agent.is_superuser
    assert agent.service == service
    agent = type(agent).objects.get(pk=agent.pk)  # fresh permission cache
    assert agent.has_perm("spaces.change_space")
    assert agent.has_perm("accounts.verify_in_person")
    assert not agent.has_perm("accounts.change_resident")
    assert AuditEvent.objects.filter(action="set_role:agent", actor=admin).exists()
    client.force_login(agent)
    assert client.get("/admin/").status_code == 200


def test_back_to_resident_removes_access_and_groups() -> None:
    moderator = ResidentFactory(role=Role.MODERATOR)
    assert moderator.is_staff
    assert moderator.groups.filter(name="commune:moderator").exists()

    set_role(resident=moderator, role=Role.RESIDENT)

    assert not moderator.is_staff
    assert not moderator.groups.exists()


def test_an_elected_official_has_no_back_office(client: Any) -> None:
    elected = ResidentFactory(role=Role.ELECTED)
    client.force_login(elected)
    assert not elected.is_staff
    assert client.get("/admin/").status_code == 302


def test_production_hashes_passwords_with_argon2(settings: Any) -> None:
    """The tests hash with MD5 for speed; production's first hasher must be Argon2."""
    from commune import settings as production

    assert "Argon2" in production.PASSWORD_HASHERS[0]
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    encoded = make_password("correct horse battery staple 42", hasher="argon2")
    assert identify_hasher(encoded).algorithm == "argon2"
    assert encoded.startswith("argon2$argon2id$")
    assert check_password("correct horse battery staple 42", encoded)
