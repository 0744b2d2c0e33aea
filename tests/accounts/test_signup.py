"""Signing up: an unverified account and a confirmation mail, or the form back with errors."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from commune.accounts.models import Resident, Verification
from tests.accounts.html import page_of
from tests.factories import ResidentFactory

SIGNUP = "/compte/inscription/"
SIGNUP_EN = "/en/compte/inscription/"
PASSWORD = "Quartier du Nord en fête 2026"

pytestmark = pytest.mark.django_db


def form_data(**overrides: str) -> dict[str, str]:
    return {
        "email": "amina.benali@example.org",
        "display_name": "Amina B.",
        "password1": PASSWORD,
        "password2": PASSWORD,
    } | overrides


def test_sign_up_creates_an_unverified_resident_and_mails_a_confirmation_link(
    client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """The account exists but is unverified, nobody is logged in, and a link is on its way."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, form_data(email="Amina.Benali@Example.org"))

    assert response.status_code == 302
    assert response["Location"] == "/compte/inscription/envoye/"
    resident = Resident.objects.get()
    assert resident.email == "amina.benali@example.org"  # stored lower-case
    assert resident.display_name == "Amina B."
    assert resident.is_active
    assert resident.verification == Verification.UNVERIFIED
    assert resident.check_password(PASSWORD)
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amina.benali@example.org"]
    assert "http://testserver/compte/confirmer/" in mail.outbox[0].body
    assert client.get(response["Location"]).status_code == 200


def test_the_form_has_labelled_fields_with_autocomplete(client: Any) -> None:
    page = page_of(client.get(SIGNUP))
    assert len(page.h1_texts) == 1
    assert not page.duplicate_ids()
    assert page.control("email")["autocomplete"] == "email"
    assert page.control("password1")["autocomplete"] == "new-password"
    assert page.control("password2")["autocomplete"] == "new-password"
    labels = {attrs["for"] for tag, attrs in page.tags if tag == "label" and "for" in attrs}
    for name in ("email", "display_name", "password1", "password2"):
        assert page.control(name)["id"] in labels


@pytest.mark.parametrize(
    ("path", "data", "field", "message"),
    [
        (
            SIGNUP,
            {"email": "amina@"},
            "email",
            "Saisissez une adresse e-mail valide, par exemple nom@example.org.",
        ),
        (
            SIGNUP_EN,
            {"email": "amina@"},
            "email",
            "Enter a valid e-mail address, such as name@example.org.",
        ),
        (
            SIGNUP,
            {"password1": "azertyuiop", "password2": "azertyuiop"},
            "password1",
            "Ce mot de passe est trop courant.",
        ),
        (
            SIGNUP_EN,
            {"password1": "azertyuiop", "password2": "azertyuiop"},
            "password1",
            "This password is too common.",
        ),
        (
            SIGNUP,
            {"password1": "court", "password2": "court"},
            "password1",
            "Ce mot de passe est trop court.",
        ),
        (SIGNUP_EN, {"password2": PASSWORD + "!"}, "password2", "The two password fields didn"),
    ],
)
def test_bad_input_comes_back_next_to_the_field_in_the_page_language(
    client: Any, path: str, data: dict[str, str], field: str, message: str
) -> None:
    """The error sits in the field's errorlist, which the field's aria-describedby names."""
    response = client.post(path, form_data(**data))

    assert response.status_code == 200
    page = page_of(response)
    assert page.control(field)["aria-invalid"] == "true"
    assert message in page.errors_of(field)
    assert not page.duplicate_ids()
    assert not Resident.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize("path", [SIGNUP, SIGNUP_EN])
def test_an_email_already_used_is_refused_whatever_its_case(client: Any, path: str) -> None:
    ResidentFactory(email="amina.benali@example.org")

    response = client.post(path, form_data(email="AMINA.Benali@example.ORG"))

    assert response.status_code == 200
    page = page_of(response)
    assert page.errors_of("email")
    if path == SIGNUP_EN:
        assert page.errors_of("email") == "An account already uses this e-mail address."
    assert Resident.objects.count() == 1
    assert not mail.outbox


def test_the_confirmation_mail_is_in_the_language_of_the_page(
    client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP_EN, form_data())

    assert response["Location"] == "/en/compte/inscription/envoye/"
    message = mail.outbox[0]
    assert message.subject.startswith("Confirm your e-mail address")
    assert "http://testserver/en/compte/confirmer/" in message.body


def test_sign_up_needs_the_csrf_token(db: None) -> None:
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(SIGNUP, form_data())
    assert response.status_code == 403
    assert not Resident.objects.exists()


def test_a_logged_in_resident_is_sent_to_their_profile(client: Any) -> None:
    client.force_login(ResidentFactory())
    response = client.get(SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == "/compte/profil/"
