"""Accounts an agent opens for a resident, and the printed access codes they log in with."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth import password_validation
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from commune.accounts.models import EMAIL_IN_USE, Resident, Verification
from commune.accounts.services import (
    LinkBuilder,
    email_in_use,
    normalize_email,
    send_confirmation_email,
)
from commune.core import audit
from commune.territory.models import Neighbourhood

# Crockford's base 32: no I, L, O or U, and what a resident may misread is read back
# (O as 0, I and L as 1, U as V). 5 bits a symbol; 12 symbols = 60 bits, of which the
# first 4 (20 bits) are a lookup prefix and the other 8 (40 bits) the secret — far beyond
# reach behind the log-in rate limit and the password hasher.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS, GROUP_LENGTH = 3, 4
CODE_LENGTH = GROUPS * GROUP_LENGTH
PHONE_MAX_LENGTH = 40
NAME_MAX_LENGTH = 60


class AssistRefusedError(PermissionDenied):
    """Only city agents open accounts and print codes for residents."""


def _require_agent(agent: Any) -> None:
    if not (getattr(agent, "is_authenticated", False) and getattr(agent, "is_agent", False)):
        raise AssistRefusedError(_("Only city agents can act on a resident's behalf."))


def normalize_code(code: str) -> str:
    """What a resident types, without spaces or dashes, in capitals (O read as 0, I as 1…)."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"}))


def format_code(code: str) -> str:
    """ABCD-EFGH-JKMN: easier to read aloud and to type."""
    return "-".join(code[i : i + GROUP_LENGTH] for i in range(0, len(code), GROUP_LENGTH))


def _new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def _store_new_code(resident: Resident) -> str:
    """Give `resident` a fresh code (the old one stops working) and return it in clear."""
    for _attempt in range(10):
        code = _new_code()
        resident.access_code_prefix = code[:GROUP_LENGTH]
        resident.access_code_hash = make_password(code)
        try:
            with transaction.atomic():
                resident.save(update_fields=["access_code_prefix", "access_code_hash"])
        except IntegrityError:
            continue  # another resident holds this prefix: draw again
        return code
    raise RuntimeError("Could not draw a free access-code prefix.")  # pragma: no cover


@transaction.atomic
def open_account_for_resident(
    *,
    agent: Any,
    display_name: str,
    neighbourhood: Neighbourhood | None,
    met_in_person: bool,
    phone: str = "",
    email: str = "",
) -> tuple[Resident, str]:
    """An agent opens an account for a resident at the desk or on the phone.

    The e-mail address is optional (without one, the resident logs in with the access code
    returned here in clear, to be printed once). Met in person, the agent has checked who
    they are: the account is verified in person; on the phone it stays unverified.
    Raises ValidationError for a missing name, a too long phone number or a taken address.
    """
    _require_agent(agent)
    display_name, phone = display_name.strip(), phone.strip()
    email_or_none = normalize_email(email) if email.strip() else None
    errors: dict[str, Any] = {}
    if not display_name:
        errors["display_name"] = _("Give the name the resident wants to be shown.")
    elif len(display_name) > NAME_MAX_LENGTH:
        errors["display_name"] = _("This name is too long (60 characters at most).")
    if len(phone) > PHONE_MAX_LENGTH:
        errors["phone"] = _("This phone number is too long.")
    if email_or_none and email_in_use(email_or_none):
        errors["email"] = EMAIL_IN_USE
    if errors:
        raise ValidationError(errors)
    resident = Resident.objects.create_user(
        email_or_none,
        None,
        display_name=display_name,
        phone=phone,
        neighbourhood=neighbourhood,
        verification=Verification.IN_PERSON if met_in_person else Verification.UNVERIFIED,
    )
    code = _store_new_code(resident)
    how = _("in person") if met_in_person else _("by phone")
    audit.record(actor=agent, action="accounts.open_for_resident", target=resident, reason=how)
    return resident, code


@transaction.atomic
def regenerate_access_code(*, agent: Any, resident: Resident) -> str:
    """Print a new code for `resident`: the previous one stops working at once; audited."""
    _require_agent(agent)
    if resident.deleted_at or not resident.is_active:
        raise AssistRefusedError(_("This account is closed."))
    code = _store_new_code(resident)
    audit.record(actor=agent, action="accounts.new_access_code", target=resident)
    return code


def resident_for_code(code: str) -> Resident | None:
    """The active resident whose code this is, or None (the caller says nothing more)."""
    code = normalize_code(code)
    if len(code) != CODE_LENGTH:
        return None
    resident = Resident.objects.filter(
        access_code_prefix=code[:GROUP_LENGTH], is_active=True, deleted_at__isnull=True
    ).first()
    if resident is None or not check_password(code, resident.access_code_hash):
        return None
    return resident


@transaction.atomic
def add_email_and_password(
    *, resident: Resident, email: str, password: str, link_builder: LinkBuilder
) -> Resident:
    """A resident whose account an agent opened adds an address and a password.

    The access code keeps working. An unverified account gets the usual confirmation
    link; an account verified in person keeps its level. Raises ValidationError (keyed
    "email" or "password") when the address is taken or the password too weak.
    """
    if resident.email:
        raise ValidationError(_("Your account already has an e-mail address."))
    email = normalize_email(email)
    if email_in_use(email):
        raise ValidationError({"email": ValidationError(EMAIL_IN_USE, code="unique")})
    resident.email = email
    try:
        password_validation.validate_password(password, resident)
    except ValidationError as error:
        raise ValidationError({"password": error.error_list}) from error
    resident.set_password(password)
    try:
        with transaction.atomic():
            resident.save(update_fields=["email", "password"])
    except IntegrityError as error:
        raise ValidationError({"email": ValidationError(EMAIL_IN_USE, code="unique")}) from error
    if resident.verification == Verification.UNVERIFIED:
        send_confirmation_email(resident=resident, link_builder=link_builder)
    return resident
