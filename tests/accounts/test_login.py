"""Logging in with the e-mail address, logging out, and the limit on guessing passwords."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from commune.accounts.models import Resident
from tests.accounts.html import page_of
from tests.factories import RESIDENT_PASSWORD

LOGIN = "/compte/connexion/"
LOGOUT = "/compte/deconnexion/"


def test_a_resident_logs_in_with_their_email_in_any_case(client: Any, resident: Resident) -> None:
    response = client.post(
        LOGIN, {"username": "CAMILLE@example.org", "password": RESIDENT_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/compte/profil/"
    assert client.session["_auth_user_id"] == str(resident.pk)


def test_the_form_is_labelled_for_an_email_and_a_current_password(client: Any, db: None) -> None:
    page = page_of(client.get("/en" + LOGIN))
    assert page.control("username")["type"] == "email"
    assert page.control("username")["autocomplete"] == "email"
    assert page.control("password")["autocomplete"] == "current-password"
    assert "E-mail address" in page.text("main")
    assert len(page.h1_texts) == 1


def test_a_wrong_password_is_refused_with_an_alert(client: Any, resident: Resident) -> None:
    response = client.post(LOGIN, {"username": resident.email, "password": "not the password"})

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_log_out_takes_a_post_and_goes_home(client: Any, resident: Resident) -> None:
    client.force_login(resident)

    assert client.get(LOGOUT).status_code == 405
    response = client.post(LOGOUT)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" not in client.session


def test_the_eleventh_login_attempt_in_a_minute_answers_429(
    client: Any, resident: Resident, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten tries a minute per address is plenty for a person, too few for guessing."""
    # Freeze django-ratelimit's clock so the eleven attempts fall in one window.
    monkeypatch.setattr("django_ratelimit.core.time", SimpleNamespace(time=lambda: 1_800_000_000))
    attempt = {"username": resident.email, "password": "guess"}
    for _ in range(10):
        assert client.post(LOGIN, attempt).status_code == 200

    response = client.post(LOGIN, attempt)

    assert response.status_code == 429
    assert client.get(LOGIN).status_code == 200  # reading the page is never limited
