"""A resident downloads their personal data, or deletes their account."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.utils import translation

from commune.accounts.models import Demographics, Resident, Verification
from commune.core.models import AuditEvent
from commune.territory.models import Neighbourhood
from tests.factories import RESIDENT_PASSWORD, DemographicsFactory

EXPORT = "/compte/mes-donnees/"
DELETE = "/compte/supprimer/"


@pytest.fixture
def logged_in(client: Any, resident: Resident, neighbourhood: Neighbourhood) -> Resident:
    resident.neighbourhood = neighbourhood
    resident.save()
    DemographicsFactory(resident=resident, gender="woman", age_band="30-44")
    client.force_login(resident)
    return resident


def test_the_export_is_a_json_file_with_everything_but_the_password(
    client: Any, logged_in: Resident
) -> None:
    response = client.get(EXPORT)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "camille@example.org"
    assert data["account"]["display_name"] == "Camille"
    assert data["account"]["role"] == "resident"
    assert data["account"]["verification"] == Verification.EMAIL
    assert data["neighbourhood"]["name"] == "Nantes Nord"
    assert data["demographics"]["gender"] == "woman"
    assert data["demographics"]["age_band"] == "30-44"
    assert data["demographics"]["consented_at"]
    assert logged_in.password not in response.content.decode()
    assert "password" not in response.content.decode()


def test_deletion_asks_for_the_password(client: Any, logged_in: Resident) -> None:
    response = client.post("/en" + DELETE, {"password": "wrong"})

    assert response.status_code == 200
    assert "This is not your current password." in response.content.decode()
    logged_in.refresh_from_db()
    assert logged_in.is_active


def test_deletion_anonymises_keeps_the_row_and_logs_out(client: Any, logged_in: Resident) -> None:
    assert client.get(DELETE).status_code == 200

    response = client.post(DELETE, {"password": RESIDENT_PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == "/"
    assert "_auth_user_id" not in client.session
    # The message on the home page, in the site's default language.
    assert "Compte supprimé" in response.content.decode()
    resident = Resident.objects.get(pk=logged_in.pk)
    assert resident.email == f"deleted-{resident.pk}@invalid.invalid"
    assert resident.display_name == ""
    assert resident.neighbourhood is None
    assert not resident.is_active
    assert not resident.has_usable_password()
    assert resident.deleted_at is not None
    with translation.override("en"):
        assert resident.public_name == "Deleted account"
    with translation.override("fr"):
        assert resident.public_name == "Compte supprimé"
    assert not Demographics.objects.filter(resident=resident).exists()
    event = AuditEvent.objects.get(action="delete_account")
    assert event.target_id == str(resident.pk)
    assert "camille" not in event.target_label.lower()


def test_the_old_address_can_sign_up_again(client: Any, logged_in: Resident) -> None:
    client.post(DELETE, {"password": RESIDENT_PASSWORD})
    password = "Quartier du Nord en fête 2026"

    response = client.post(
        "/compte/inscription/",
        {
            "email": "camille@example.org",
            "display_name": "Camille",
            "password1": password,
            "password2": password,
        },
    )

    assert response["Location"] == "/compte/inscription/envoye/"
    assert Resident.objects.count() == 2


def test_a_deleted_account_cannot_log_in(client: Any, logged_in: Resident) -> None:
    client.post(DELETE, {"password": RESIDENT_PASSWORD})
    response = client.post(
        "/compte/connexion/", {"username": "camille@example.org", "password": RESIDENT_PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
