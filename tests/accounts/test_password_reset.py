"""Resetting a forgotten password by e-mail, without revealing who has an account."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from commune.accounts.models import Resident
from commune.accounts.services import delete_account
from tests.accounts.conftest import link_in_last_mail
from tests.accounts.html import page_of

RESET = "/compte/mot-de-passe/"
NEW_PASSWORD = "Une nouvelle phrase de passe 2026"


def test_the_full_cycle_through_the_mailed_link(client: Any, resident: Resident) -> None:
    response = client.post(RESET, {"email": "Camille@Example.org"})
    assert response["Location"] == "/compte/mot-de-passe/envoye/"
    link = link_in_last_mail(resident.email)
    assert link.startswith("/compte/mot-de-passe/")

    form_page = client.get(link, follow=True)  # Django swaps the token for a session key
    set_password_url = form_page.redirect_chain[-1][0]
    page = page_of(form_page)
    assert page.control("new_password1")["autocomplete"] == "new-password"
    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response["Location"] == "/compte/mot-de-passe/termine/"
    assert client.get(response["Location"]).status_code == 200
    login = client.post(
        "/compte/connexion/", {"username": resident.email, "password": NEW_PASSWORD}
    )
    assert login["Location"] == "/compte/profil/"
    # The link is spent.
    assert "new_password1" not in page_of(client.get(link, follow=True)).controls


def test_the_mail_and_link_follow_the_page_language(client: Any, resident: Resident) -> None:
    client.post("/en" + RESET, {"email": resident.email})
    assert link_in_last_mail(resident.email).startswith("/en/compte/mot-de-passe/")


@pytest.mark.parametrize("who", ["unknown", "deleted"])
def test_an_address_without_account_gets_the_same_answer_and_no_mail(
    client: Any, resident: Resident, who: str
) -> None:
    known = client.post(RESET, {"email": resident.email})
    mail.outbox.clear()
    email = "nobody@example.org"
    if who == "deleted":
        email = resident.email
        delete_account(resident=resident)

    response = client.post(RESET, {"email": email})

    assert response.status_code == known.status_code == 302
    assert response["Location"] == known["Location"]
    assert not mail.outbox


def test_a_weak_new_password_is_refused_in_french(client: Any, resident: Resident) -> None:
    client.post(RESET, {"email": resident.email})
    form_page = client.get(link_in_last_mail(resident.email), follow=True)
    url = form_page.redirect_chain[-1][0]

    response = client.post(url, {"new_password1": "azertyuiop", "new_password2": "azertyuiop"})

    assert response.status_code == 200
    assert "Ce mot de passe est trop courant." in page_of(response).errors_of("new_password2")
