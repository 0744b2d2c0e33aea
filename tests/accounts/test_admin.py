"""The back office for residents: roles through set_role, no password hash, audited actions."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin

from commune.accounts.models import CityService, Demographics, Resident, Role, Verification
from commune.core.models import AuditEvent
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(client: Any) -> Resident:
    administrator = ResidentFactory(role=Role.ADMINISTRATOR)
    client.force_login(administrator)
    return administrator


def change_url(resident: Resident) -> str:
    return f"/admin/accounts/resident/{resident.pk}/change/"


def test_the_list_and_change_page_never_show_the_password_hash(
    client: Any, administrator: Resident
) -> None:
    resident = ResidentFactory()
    listing = client.get("/admin/accounts/resident/?q=" + resident.email)
    change = client.get(change_url(resident))

    assert listing.status_code == change.status_code == 200
    assert resident.email in listing.content.decode()
    salt_and_hash = resident.password.split("$", 1)[1]
    for response in (listing, change):
        html = response.content.decode()
        assert salt_and_hash not in html
        assert salt_and_hash[:6] not in html  # not even Django's masked summary
    assert f"/admin/accounts/resident/{resident.pk}/password/" in change.content.decode()


def test_changing_the_role_goes_through_set_role(client: Any, administrator: Resident) -> None:
    resident = ResidentFactory()
    service = CityService.objects.create(name="Direction de la participation")

    response = client.post(
        change_url(resident),
        {
            "email": resident.email,
            "display_name": resident.display_name,
            "neighbourhood": "",
            "role": Role.AGENT,
            "service": service.pk,
            "is_active": "on",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    resident = Resident.objects.get(pk=resident.pk)
    assert resident.role == Role.AGENT
    assert resident.is_staff
    assert resident.groups.filter(name="commune:agent").exists()
    assert resident.has_perm("spaces.change_space")
    assert AuditEvent.objects.filter(action="set_role:agent", actor=administrator).exists()


def test_the_add_form_creates_a_resident_with_a_lower_case_email(
    client: Any, administrator: Resident
) -> None:
    password = "Quartier du Nord en fête 2026"
    response = client.post(
        "/admin/accounts/resident/add/",
        {
            "email": "Nouveau@Example.org",
            "display_name": "Nouveau",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    created = Resident.objects.get(email="nouveau@example.org")
    assert created.check_password(password)
    assert not created.is_staff


def test_marking_as_verified_in_person_is_audited(client: Any, administrator: Resident) -> None:
    resident = ResidentFactory(unverified=True)

    client.post(
        "/admin/accounts/resident/",
        {"action": "mark_verified_in_person", "_selected_action": [resident.pk]},
    )

    resident.refresh_from_db()
    assert resident.verification == Verification.IN_PERSON
    event = AuditEvent.objects.get(action="verify_in_person")
    assert event.actor == administrator
    assert event.target_id == str(resident.pk)


def test_an_agent_may_verify_but_not_edit(client: Any) -> None:
    agent = ResidentFactory(role=Role.AGENT)
    resident = ResidentFactory(unverified=True)
    client.force_login(agent)

    client.post(
        "/admin/accounts/resident/",
        {"action": "mark_verified_in_person", "_selected_action": [resident.pk]},
    )

    resident.refresh_from_db()
    assert resident.verification == Verification.IN_PERSON
    response = client.post(change_url(resident), {"role": Role.ADMINISTRATOR})
    assert response.status_code == 403
    resident.refresh_from_db()
    assert resident.role == Role.RESIDENT


def test_demographics_are_not_in_the_back_office() -> None:
    assert not admin.site.is_registered(Demographics)
    assert admin.site.is_registered(Resident)
    assert admin.site.is_registered(CityService)
