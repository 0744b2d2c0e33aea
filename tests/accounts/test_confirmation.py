"""Confirming the e-mail address: the link works once, for three days, and can be re-sent."""

from __future__ import annotations

import datetime
import time
from types import SimpleNamespace
from typing import Any

import pytest
from django.core import mail

from commune.accounts.models import Resident, Verification
from commune.accounts.services import confirmation_token
from tests.accounts.conftest import link_in_last_mail
from tests.accounts.html import page_of
from tests.factories import NeighbourhoodFactory, ResidentFactory

pytestmark = pytest.mark.django_db

EMAIL = "amina.benali@example.org"
PASSWORD = "Quartier du Nord en fête 2026"
RESEND = "/compte/confirmer/renvoyer/"


@pytest.fixture
def confirmation_link(client: Any, django_capture_on_commit_callbacks: Any) -> str:
    """Sign up through the form and return the link of the confirmation mail."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/compte/inscription/",
            {"email": EMAIL, "display_name": "Amina", "password1": PASSWORD, "password2": PASSWORD},
        )
    return link_in_last_mail(EMAIL)


def test_the_link_confirms_logs_in_and_asks_for_the_neighbourhood(
    client: Any, confirmation_link: str
) -> None:
    response = client.get(confirmation_link)

    assert response.status_code == 302
    assert response["Location"] == "/compte/quartier/"
    resident = Resident.objects.get(email=EMAIL)
    assert resident.verification == Verification.EMAIL
    assert client.session["_auth_user_id"] == str(resident.pk)


def test_the_link_works_only_once(client: Any, confirmation_link: str) -> None:
    client.get(confirmation_link)
    client.post("/compte/deconnexion/")

    response = client.get(confirmation_link)

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    page = page_of(response)
    assert page.control("email")  # the form to ask for a new link


def test_an_altered_link_confirms_nothing(client: Any, confirmation_link: str) -> None:
    token = confirmation_link.rstrip("/").rsplit("/", 1)[1]
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")

    response = client.get(f"/compte/confirmer/{altered}/")

    assert response.status_code == 400
    assert Resident.objects.get(email=EMAIL).verification == Verification.UNVERIFIED
    assert "_auth_user_id" not in client.session


def test_a_link_older_than_three_days_has_expired(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    resident = ResidentFactory(unverified=True)
    four_days_ago = time.time() - datetime.timedelta(days=4).total_seconds()
    monkeypatch.setattr("django.core.signing.time", SimpleNamespace(time=lambda: four_days_ago))
    token = confirmation_token(resident)
    monkeypatch.undo()

    response = client.get(f"/compte/confirmer/{token}/")

    assert response.status_code == 400
    resident.refresh_from_db()
    assert resident.verification == Verification.UNVERIFIED


def test_a_resident_who_has_a_neighbourhood_lands_on_the_profile(client: Any) -> None:
    resident = ResidentFactory(unverified=True, neighbourhood=NeighbourhoodFactory())
    response = client.get(f"/compte/confirmer/{confirmation_token(resident)}/")
    assert response["Location"] == "/compte/profil/"


def test_a_new_link_is_sent_to_an_unconfirmed_account(
    client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    resident = ResidentFactory(unverified=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RESEND, {"email": resident.email.upper()})

    assert response.status_code == 200
    link = link_in_last_mail(resident.email)
    assert client.get(link)["Location"] == "/compte/quartier/"


@pytest.mark.parametrize("who", ["unknown", "already confirmed"])
def test_resending_answers_the_same_and_sends_nothing_otherwise(
    client: Any, django_capture_on_commit_callbacks: Any, who: str
) -> None:
    """Nobody can learn from this page whether an address has an account."""
    waiting = ResidentFactory(unverified=True)
    with django_capture_on_commit_callbacks(execute=True):
        expected = page_of(client.post(RESEND, {"email": waiting.email}))
    mail.outbox.clear()
    email = "nobody@example.org" if who == "unknown" else ResidentFactory().email

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RESEND, {"email": email})

    assert response.status_code == 200
    assert page_of(response).text("main") == expected.text("main")
    assert not mail.outbox
