"""Accounts opened by an agent without an e-mail address, and the printed access codes."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from commune.accounts import access_codes
from commune.accounts.models import EMAIL_IN_USE, Resident, Verification
from commune.core.models import AuditEvent
from tests.assisted.conftest import WRONG_CODE, in_french
from tests.factories import ResidentFactory

OPEN = reverse("accounts:assist_open")
CODE_LOGIN = reverse("accounts:code_login")
CODE_IN_PAGE = re.compile(r'id="access-code">([0-9A-Z-]+)<')

pytestmark = pytest.mark.django_db


def _open_account(client: Any, neighbourhood: Any, **extra: str) -> tuple[Resident, str]:
    data = {
        "display_name": "Aïcha",
        "neighbourhood": str(neighbourhood.pk),
        "how": "in_person",
        "phone": "06 12 34 56 78",
        "email": "",
    } | extra
    response = client.post(OPEN, data)
    assert response.status_code == 200
    page = response.content.decode()
    code = CODE_IN_PAGE.search(page).group(1)
    return Resident.objects.get(display_name=data["display_name"]), code


def test_an_agent_opens_an_account_without_e_mail_and_the_code_page_says_how_to_log_in(
    agent_client: Any, neighbourhood: Any, agent: Resident
) -> None:
    """The page shows the code once, the city's name and the log-in address; it is audited."""
    resident, code = _open_account(agent_client, neighbourhood)

    assert resident.email is None
    assert resident.phone == "06 12 34 56 78"
    assert resident.verification == Verification.IN_PERSON
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    assert code.replace("-", "") not in resident.access_code_hash  # stored hashed only
    page = agent_client.post(OPEN, {"display_name": "x"}).content.decode()  # refused form
    assert "access-code" not in page
    event = AuditEvent.objects.get(action="accounts.open_for_resident")
    assert event.actor == agent
    assert event.target_id == str(resident.pk)


def test_the_code_page_is_never_cached(agent_client: Any, neighbourhood: Any) -> None:
    response = agent_client.post(
        OPEN, {"display_name": "Aïcha", "how": "phone", "neighbourhood": str(neighbourhood.pk)}
    )
    assert "no-store" in response["Cache-Control"]
    assert "/compte/connexion/" in response.content.decode()


def test_on_the_phone_the_account_stays_unverified(agent_client: Any, neighbourhood: Any) -> None:
    resident, _code = _open_account(agent_client, neighbourhood, how="phone")
    assert resident.verification == Verification.UNVERIFIED


def test_several_accounts_without_e_mail_coexist_and_a_taken_address_is_refused(
    agent_client: Any, neighbourhood: Any
) -> None:
    _open_account(agent_client, neighbourhood, display_name="Aïcha")
    _open_account(agent_client, neighbourhood, display_name="Bernard")
    ResidentFactory(email="pris@example.org")

    response = agent_client.post(
        OPEN, {"display_name": "Chloé", "how": "phone", "email": "Pris@example.org"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [str(EMAIL_IN_USE)]
    assert not Resident.objects.filter(display_name="Chloé").exists()
    assert Resident.objects.filter(email=None).count() == 2


def test_the_resident_logs_in_with_the_code_typed_loosely(
    agent_client: Any, client: Any, neighbourhood: Any
) -> None:
    """Lower case, spaces instead of dashes, O for 0: the code still opens the account."""
    resident, code = _open_account(agent_client, neighbourhood)
    agent_client.logout()
    typed = code.lower().replace("-", " ").replace("0", "o")

    response = client.post(CODE_LOGIN, {"code": typed})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    assert client.session["_auth_user_id"] == str(resident.pk)
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert in_french("None: you log in with the access code the city printed for you.") in profile


def test_a_new_code_stops_the_old_one_and_is_audited(
    agent_client: Any, client: Any, neighbourhood: Any, agent: Resident
) -> None:
    resident, old_code = _open_account(agent_client, neighbourhood)

    response = agent_client.post(reverse("accounts:assist_new_code", kwargs={"pk": resident.pk}))

    new_code = CODE_IN_PAGE.search(response.content.decode()).group(1)
    assert new_code != old_code
    assert access_codes.resident_for_code(old_code) is None
    assert access_codes.resident_for_code(new_code) == resident
    event = AuditEvent.objects.get(action="accounts.new_access_code")
    assert (event.actor, event.target_id) == (agent, str(resident.pk))


def test_a_wrong_code_gets_a_generic_error(client: Any, helped: Resident) -> None:
    response = client.post(CODE_LOGIN, {"code": "AAAA-BBBB-CCCC"})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [in_french(WRONG_CODE)]
    assert "_auth_user_id" not in client.session


def test_a_right_prefix_with_a_wrong_secret_gets_the_same_error(
    client: Any, agent: Resident, helped: Resident
) -> None:
    code = access_codes.regenerate_access_code(agent=agent, resident=helped)
    wrong = code[:4] + ("0000" if code[4:8] != "0000" else "1111") + code[8:]

    response = client.post(CODE_LOGIN, {"code": wrong})

    assert response.context["form"].errors["code"] == [in_french(WRONG_CODE)]
    assert "_auth_user_id" not in client.session


def test_the_eleventh_code_attempt_in_a_minute_answers_429(
    client: Any, helped: Resident, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("django_ratelimit.core.time", SimpleNamespace(time=lambda: 1_800_000_000))
    for _ in range(10):
        assert client.post(CODE_LOGIN, {"code": "AAAA-BBBB-CCCC"}).status_code == 200

    assert client.post(CODE_LOGIN, {"code": "AAAA-BBBB-CCCC"}).status_code == 429


def test_a_closed_account_cannot_log_in_with_its_code(agent: Resident, helped: Resident) -> None:
    code = access_codes.regenerate_access_code(agent=agent, resident=helped)
    Resident.objects.filter(pk=helped.pk).update(is_active=False)
    assert access_codes.resident_for_code(code) is None


@pytest.mark.parametrize("role", ["resident", "moderator", "elected"])
def test_only_agents_open_accounts(client: Any, role: str) -> None:
    client.force_login(ResidentFactory(role=role))
    response = client.post(OPEN, {"display_name": "Aïcha", "how": "in_person"})
    assert response.status_code == 403
    assert not Resident.objects.filter(display_name="Aïcha").exists()


def test_the_agent_finds_a_resident_by_phone(agent_client: Any, neighbourhood: Any) -> None:
    resident, _code = _open_account(agent_client, neighbourhood)

    page = agent_client.get(reverse("accounts:assist"), {"q": "56 78"}).content.decode()

    assert reverse("accounts:assist_resident", kwargs={"pk": resident.pk}) in page


def test_a_resident_without_password_deletes_their_account_with_their_code(
    client: Any, agent: Resident, helped: Resident
) -> None:
    code = access_codes.regenerate_access_code(agent=agent, resident=helped)
    client.force_login(helped)
    delete = reverse("accounts:delete")

    refused = client.post(delete, {"password": "AAAA-BBBB-CCCC"})
    assert refused.status_code == 200
    assert refused.context["form"].errors["password"]

    assert client.post(delete, {"password": code}).status_code == 302
    helped.refresh_from_db()
    assert helped.deleted_at is not None
    assert (helped.phone, helped.access_code_hash, helped.access_code_prefix) == ("", "", None)
    assert access_codes.resident_for_code(code) is None


def test_the_personal_data_export_holds_the_phone_number(client: Any, helped: Resident) -> None:
    Resident.objects.filter(pk=helped.pk).update(phone="06 12 34 56 78")
    client.force_login(helped)

    account = client.get(reverse("accounts:export")).json()["account"]

    assert account["email"] is None
    assert account["phone"] == "06 12 34 56 78"


def test_the_back_office_keeps_accounts_without_e_mail_apart(client: Any) -> None:
    """Saved from the admin, an empty address stays NULL, so two such accounts coexist."""
    admin = Resident.objects.create_superuser("admin@example.org", "x", display_name="Admin")
    first = Resident.objects.create_user(None, None, display_name="Aïcha", phone="0612")
    second = Resident.objects.create_user(None, None, display_name="Bernard")
    client.force_login(admin)

    for resident, name in ((first, "Aïcha B"), (second, "Bernard C")):
        response = client.post(
            reverse("admin:accounts_resident_change", args=[resident.pk]),
            {"email": "", "display_name": name, "role": "resident", "is_active": "on"},
        )
        assert response.status_code == 302

    assert list(Resident.objects.filter(email=None).values_list("display_name", flat=True)) == [
        "Aïcha B",
        "Bernard C",
    ]


def test_a_resident_with_a_code_adds_an_address_and_a_password(
    client: Any, agent: Resident, neighbourhood: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """Both ways of logging in work afterwards; on the phone, the address gets confirmed."""
    resident, code = access_codes.open_account_for_resident(
        agent=agent, display_name="Bernard", neighbourhood=neighbourhood, met_in_person=False
    )
    client.force_login(resident)
    form = {
        "email": "Bernard@example.org",
        "password1": "une phrase de passe longue",
        "password2": "une phrase de passe longue",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:add_email"), form)

    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.email == "bernard@example.org"
    assert resident.check_password("une phrase de passe longue")
    assert access_codes.resident_for_code(code) == resident
    assert len(mail.outbox) == 1  # the confirmation link, as at sign-up
    # Once it has an address, the page sends back to the account.
    assert client.get(reverse("accounts:add_email")).status_code == 302


def test_a_taken_address_or_a_weak_password_adds_nothing(client: Any, helped: Resident) -> None:
    ResidentFactory(email="pris@example.org")
    client.force_login(helped)

    taken = client.post(
        reverse("accounts:add_email"),
        {
            "email": "pris@example.org",
            "password1": "une phrase longue",
            "password2": "une phrase longue",
        },
    )
    weak = client.post(
        reverse("accounts:add_email"),
        {"email": "libre@example.org", "password1": "123", "password2": "123"},
    )

    assert taken.context["form"].errors["email"]
    assert weak.context["form"].errors["password1"]
    helped.refresh_from_db()
    assert helped.email is None
    assert not helped.has_usable_password()
