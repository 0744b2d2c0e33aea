"""Every change to a resident's account goes through one of these functions."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from commune.accounts.models import (
    EMAIL_IN_USE,
    CityService,
    Demographics,
    Resident,
    Role,
    Verification,
)
from commune.core import audit
from commune.territory.models import Neighbourhood

# What each staff role may do in the back office, as Django model permissions
# ("app_label.codename"). Administrators are superusers and need no list.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.MODERATOR: [
        "core.view_auditevent",
        "spaces.view_space",
        "spaces.view_phase",
        "contributions.view_contribution",
        "contributions.view_comment",
        "contributions.view_report",
        "contributions.change_report",
        # Collaborative texts: amendments are decided on the site; comments read here.
        "texts.view_amendment",
        "texts.view_paragraphcomment",
        # The wiki: pages are locked and unlocked on the site; pages and revisions read here.
        "wiki.view_wikipage",
        "wiki.view_revision",
    ],
    Role.AGENT: [
        "spaces.add_space",
        "spaces.change_space",
        "spaces.view_space",
        "spaces.add_phase",
        "spaces.change_phase",
        "spaces.delete_phase",
        "spaces.view_phase",
        "spaces.view_membership",
        "spaces.change_membership",
        "territory.view_neighbourhood",
        "territory.view_populationfigure",
        "accounts.view_resident",
        # Agents meet residents at the town hall and can vouch for them.
        "accounts.verify_in_person",
        # They type in contributions received on paper, by phone or at a meeting.
        "contributions.view_contribution",
        "contributions.add_contribution",
        # Accountability: decisions, the contributions they answer, commitments, progress.
        "accountability.add_decision",
        "accountability.change_decision",
        "accountability.view_decision",
        "accountability.add_decisioncontribution",
        "accountability.delete_decisioncontribution",
        "accountability.view_decisioncontribution",
        "accountability.add_commitment",
        "accountability.change_commitment",
        "accountability.view_commitment",
        "accountability.add_progressupdate",
        "accountability.view_progressupdate",
        "meetings.add_meeting",
        "meetings.change_meeting",
        "meetings.view_meeting",
        "meetings.view_registration",
        "meetings.view_attendance",
        # Participatory budgets: set them up, edit projects' text (reviews are on the site).
        "budgets.add_budget",
        "budgets.change_budget",
        "budgets.view_budget",
        "budgets.change_project",
        "budgets.view_project",
        "budgets.add_projectimage",
        "budgets.change_projectimage",
        "budgets.delete_projectimage",
        "budgets.view_projectimage",
        # Minutes, votes and documents are written on the minutes page; read here.
        "meetings.view_minutes",
        "meetings.view_roomvote",
        "meetings.view_meetingdocument",
        # Panels drawn by lot are prepared and drawn on the site; read here.
        "sortition.view_panel",
        "sortition.view_quota",
        "sortition.view_drawrecord",
        # Published documents are uploaded and withdrawn on the site; read here.
        "documents.view_document",
        # Collaborative texts: written on the site (typed or imported); opened and closed here.
        "texts.view_text",
        "texts.change_text",
        "texts.view_version",
        "texts.view_amendment",
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
    if ROLE_PERMISSIONS.get(role):
        resident.groups.add(role_group(role))
    audit.record(actor=actor, action=f"set_role:{role}", target=resident, reason=reason)
    return resident


# --- Sign-up and e-mail confirmation -----------------------------------------------------

# A confirmation link is a signed (not stored) token: nothing to clean up, and it stops
# working after three days, once used (the account is no longer unverified) or once the
# address changes (the token carries it).
CONFIRMATION_SALT = "commune.accounts.confirm-email"
CONFIRMATION_MAX_AGE = datetime.timedelta(days=3)

# Turns a path into an absolute URL; views pass request.build_absolute_uri.
LinkBuilder = Callable[[str], str]

logger = logging.getLogger(__name__)


class InvalidConfirmationLinkError(Exception):
    """The confirmation link was altered, has expired or was already used."""


def normalize_email(email: str) -> str:
    """Addresses are stored lower-case so that one person cannot hold two accounts."""
    return email.strip().lower()


def email_in_use(email: str) -> bool:
    return Resident.objects.filter(email=normalize_email(email)).exists()


def _send_after_commit(*, to: str, template_prefix: str, context: dict[str, Any]) -> None:
    """Render a mail now (in the request's language) and send it once the data is saved."""
    subject = "".join(render_to_string(f"{template_prefix}_subject.txt", context).splitlines())
    body = render_to_string(f"{template_prefix}_body.txt", context)

    def send() -> None:
        try:
            send_mail(subject, body, None, [to])
        except Exception:
            # The account exists either way; the resident can ask for a new link.
            logger.exception("Could not send %s to resident #%s", template_prefix, context["pk"])

    transaction.on_commit(send)


def confirmation_token(resident: Resident) -> str:
    return signing.dumps(
        {"id": resident.pk, "email": resident.email}, salt=CONFIRMATION_SALT, compress=True
    )


def send_confirmation_email(*, resident: Resident, link_builder: LinkBuilder) -> None:
    """Mail `resident` a link that confirms their address (in the active language)."""
    path = reverse("accounts:confirm", kwargs={"token": confirmation_token(resident)})
    _send_after_commit(
        to=resident.email,
        template_prefix="accounts/email/confirm",
        context={
            "pk": resident.pk,
            "display_name": resident.display_name,
            "link": link_builder(path),
            "days": CONFIRMATION_MAX_AGE.days,
            "city_name": settings.COMMUNE_CITY_NAME,
        },
    )


@transaction.atomic
def register_resident(
    *, email: str, password: str, display_name: str, link_builder: LinkBuilder
) -> Resident:
    """Create an unverified resident and mail them a confirmation link.

    Raises ValidationError (keyed "email" or "password") when the address is taken or the
    password too weak, so every caller (form, API, command) applies the same rules.
    """
    email = normalize_email(email)
    display_name = display_name.strip()
    if email_in_use(email):
        raise ValidationError({"email": ValidationError(EMAIL_IN_USE, code="unique")})
    try:
        password_validation.validate_password(
            password, Resident(email=email, display_name=display_name)
        )
    except ValidationError as error:
        raise ValidationError({"password": error.error_list}) from error
    try:
        # A savepoint, so a simultaneous sign-up with the same address fails cleanly.
        with transaction.atomic():
            resident = Resident.objects.create_user(
                email=email, password=password, display_name=display_name
            )
    except IntegrityError as error:
        raise ValidationError({"email": ValidationError(EMAIL_IN_USE, code="unique")}) from error
    send_confirmation_email(resident=resident, link_builder=link_builder)
    return resident


def resend_confirmation(*, email: str, link_builder: LinkBuilder) -> None:
    """Mail a new link if an unconfirmed account uses `email`; silently do nothing otherwise.

    The caller shows the same answer either way, so nobody learns who has an account.
    """
    resident = Resident.objects.filter(
        email=normalize_email(email),
        is_active=True,
        deleted_at__isnull=True,
        verification=Verification.UNVERIFIED,
    ).first()
    if resident is not None:
        send_confirmation_email(resident=resident, link_builder=link_builder)


@transaction.atomic
def confirm_email(*, token: str) -> Resident:
    """Mark the address in `token` as confirmed; raise InvalidConfirmationLinkError if unusable."""
    try:
        data = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.BadSignature as error:  # also covers SignatureExpired
        raise InvalidConfirmationLinkError from error
    if not isinstance(data, dict):
        raise InvalidConfirmationLinkError
    resident = (
        Resident.objects.select_for_update()
        .filter(
            pk=data.get("id"),
            email=data.get("email"),
            is_active=True,
            verification=Verification.UNVERIFIED,
        )
        .first()
    )
    if resident is None:
        raise InvalidConfirmationLinkError
    resident.verification = Verification.EMAIL
    resident.save(update_fields=["verification"])
    return resident


@transaction.atomic
def verify_in_person(*, resident: Resident, actor: Any, reason: str = "") -> Resident:
    """Record that an agent checked this resident's identity and residence face to face."""
    resident.verification = Verification.IN_PERSON
    resident.save(update_fields=["verification"])
    audit.record(actor=actor, action="verify_in_person", target=resident, reason=reason)
    return resident


# --- Profile and demographics ------------------------------------------------------------


@transaction.atomic
def choose_neighbourhood(*, resident: Resident, neighbourhood: Neighbourhood) -> Resident:
    """Set the neighbourhood the resident lives in."""
    resident.neighbourhood = neighbourhood
    resident.save(update_fields=["neighbourhood"])
    return resident


@transaction.atomic
def update_profile(
    *, resident: Resident, display_name: str, neighbourhood: Neighbourhood | None
) -> Resident:
    """Change the public name and the neighbourhood of residence."""
    resident.display_name = display_name.strip()
    resident.neighbourhood = neighbourhood
    resident.save(update_fields=["display_name", "neighbourhood"])
    return resident


@transaction.atomic
def save_demographics(
    *, resident: Resident, gender: str = "", age_band: str = "", occupation: str = ""
) -> Demographics:
    """Store the resident's optional answers, dating the consent they just gave.

    An empty value means "prefer not to say".
    """
    demographics = Demographics.objects.filter(resident=resident).first() or Demographics(
        resident=resident
    )
    demographics.gender = gender
    demographics.age_band = age_band
    demographics.occupation = occupation
    demographics.consented_at = timezone.now()
    demographics.full_clean(validate_unique=False)
    demographics.save()
    return demographics


@transaction.atomic
def erase_demographics(*, resident: Resident) -> bool:
    """Delete the resident's answers (and their consent); True if there were any."""
    deleted, _ = Demographics.objects.filter(resident=resident).delete()
    return deleted > 0


# --- Personal data: export and deletion --------------------------------------------------


def export_personal_data(*, resident: Resident) -> dict[str, Any]:
    """Everything Commune holds about the resident personally, as JSON-ready data.

    Never the password hash. Public contributions are public data, exported with the
    open data, so they are not repeated here.
    """
    neighbourhood = resident.neighbourhood
    demographics = Demographics.objects.filter(resident=resident).first()
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "id": resident.pk,
            "email": resident.email,
            "phone": resident.phone or None,
            "logs_in_with_access_code": bool(resident.access_code_hash),
            "display_name": resident.display_name,
            "role": resident.role,
            "city_service": resident.service.name if resident.service else None,
            "verification": resident.verification,
            "is_active": resident.is_active,
            "date_joined": resident.date_joined.isoformat(),
            "last_login": resident.last_login.isoformat() if resident.last_login else None,
        },
        "neighbourhood": (
            {"slug": neighbourhood.slug, "name": neighbourhood.name} if neighbourhood else None
        ),
        "demographics": (
            {
                "gender": demographics.gender or None,
                "age_band": demographics.age_band or None,
                "occupation": demographics.occupation or None,
                "consented_at": demographics.consented_at.isoformat(),
            }
            if demographics
            else None
        ),
    }


@transaction.atomic
def delete_account(*, resident: Resident, actor: Any = None, reason: str = "") -> Resident:
    """Erase the resident's personal data but keep the row, so public contributions stay
    attributed to "Deleted account"; the address becomes free to sign up again."""
    Demographics.objects.filter(resident=resident).delete()
    resident.email = f"deleted-{resident.pk}@invalid.invalid"
    resident.phone = ""
    resident.access_code_prefix = None
    resident.access_code_hash = ""
    resident.display_name = ""
    resident.neighbourhood = None
    resident.service = None
    resident.role = Role.RESIDENT
    resident.is_staff = False
    resident.is_superuser = False
    resident.is_active = False
    resident.last_login = None
    resident.deleted_at = timezone.now()
    # An unusable password also ends the sessions open on other devices.
    resident.set_unusable_password()
    resident.save()
    resident.groups.clear()
    resident.user_permissions.clear()
    audit.record(actor=actor or resident, action="delete_account", target=resident, reason=reason)
    return resident
