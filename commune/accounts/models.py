"""Residents (the user model), city services, and optional consented demographics."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.territory.models import AgeBand, Neighbourhood


class Role(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    MODERATOR = "moderator", _("Moderator")
    AGENT = "agent", _("City agent")
    ELECTED = "elected", _("Elected official")
    ADMINISTRATOR = "administrator", _("Administrator")


class Verification(models.TextChoices):
    UNVERIFIED = "unverified", _("Not verified")
    EMAIL = "email", _("E-mail confirmed")
    IN_PERSON = "in_person", _("Verified in person by an agent")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Another gender")


class Occupation(models.TextChoices):
    """The French census's socio-professional categories (PCS), in plain words."""

    FARMER = "farmer", _("Farmer")
    SELF_EMPLOYED = "self_employed", _("Craftsperson, shopkeeper or business owner")
    MANAGER = "manager", _("Manager or higher intellectual profession")
    INTERMEDIATE = "intermediate", _("Intermediate profession")
    EMPLOYEE = "employee", _("Employee")
    MANUAL_WORKER = "manual_worker", _("Manual worker")
    RETIRED = "retired", _("Retired")
    STUDENT = "student", _("Pupil or student")
    NOT_WORKING = "not_working", _("Other, not in work")


class CityService(models.Model):
    """A department of the city (e.g. "Direction de la participation") that agents belong to."""

    name = models.CharField(_("name"), max_length=150, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("city service")
        verbose_name_plural = _("city services")

    def __str__(self) -> str:
        return self.name


class ResidentManager(BaseUserManager["Resident"]):
    use_in_migrations = True

    def create_user(self, email: str | None, password: str | None = None, **extra: Any) -> Resident:
        """A resident logging in with `email`; None for an account opened by an agent, whose
        holder logs in with an access code (see commune.accounts.access_codes)."""
        resident = self.model(email=self.normalize_email(email).lower() if email else None, **extra)
        resident.set_password(password)
        resident.save(using=self._db)
        return resident

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> Resident:
        extra.setdefault("role", Role.ADMINISTRATOR)
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("verification", Verification.EMAIL)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> Resident:
        # E-mail addresses are stored lower-case, so logging in ignores case.
        return self.get(email=(username or "").lower())


EMAIL_IN_USE = _("An account already uses this e-mail address.")


class Resident(AbstractBaseUser, PermissionsMixin):
    """Anyone who takes part. Belongs to a neighbourhood by residence: no nationality asked."""

    # Optional: an agent may open an account for someone without an address (they log in
    # with an access code). Never "" — several NULLs may coexist under a unique constraint
    # on SQLite and PostgreSQL alike, several empty strings may not.
    email = models.EmailField(
        _("e-mail address"),
        unique=True,
        null=True,
        blank=True,
        error_messages={"unique": EMAIL_IN_USE},
    )
    phone = models.CharField(
        _("phone number"),
        max_length=40,
        blank=True,
        help_text=_("Only for the city to call back; never shown or exported."),
    )
    # The printed access code: a lookup prefix (not secret) and the whole code hashed with
    # Django's password hasher. Both empty when the resident has no code.
    access_code_prefix = models.CharField(
        max_length=4, null=True, blank=True, unique=True, editable=False
    )
    access_code_hash = models.CharField(max_length=128, blank=True, editable=False)
    display_name = models.CharField(
        _("public name"),
        max_length=60,
        help_text=_("Shown next to what you write. It can be a first name or a nickname."),
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("neighbourhood of residence"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.RESIDENT)
    service = models.ForeignKey(
        CityService,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agents",
        verbose_name=_("city service"),
        help_text=_("For city agents: the service they answer for."),
    )
    verification = models.CharField(
        _("verification level"),
        max_length=20,
        choices=Verification.choices,
        default=Verification.UNVERIFIED,
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("back-office access"),
        default=False,
        help_text=_("Set from the role: moderators, agents and administrators."),
    )
    date_joined = models.DateTimeField(_("joined on"), default=timezone.now)
    deleted_at = models.DateTimeField(_("account deleted on"), null=True, blank=True)

    objects = ResidentManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        ordering = ["display_name"]
        permissions = [("verify_in_person", _("Can mark a resident as verified in person"))]
        constraints = [
            # Addresses are stored lower-case; this guards against any writer that forgets,
            # so two accounts can never differ only by the case of their address.
            models.UniqueConstraint(
                Lower("email"),
                name="unique_resident_email_ci",
                violation_error_message=EMAIL_IN_USE,
            ),
        ]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        """The name shown in public: the chosen name, or a neutral mark once deleted."""
        if self.deleted_at:
            return str(_("Deleted account"))
        return self.display_name or str(_("Resident"))

    @property
    def email_confirmed(self) -> bool:
        return self.verification in {Verification.EMAIL, Verification.IN_PERSON}

    @property
    def is_moderator(self) -> bool:
        return self.role in {Role.MODERATOR, Role.ADMINISTRATOR}

    @property
    def is_agent(self) -> bool:
        return self.role in {Role.AGENT, Role.ADMINISTRATOR}


class Demographics(models.Model):
    """Optional answers, given with explicit consent, used only in aggregates."""

    resident = models.OneToOneField(
        Resident, on_delete=models.CASCADE, related_name="demographics", verbose_name=_("resident")
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    age_band = models.CharField(_("age band"), max_length=5, choices=AgeBand.choices, blank=True)
    occupation = models.CharField(
        _("occupation"), max_length=20, choices=Occupation.choices, blank=True
    )
    consented_at = models.DateTimeField(_("consent given on"))

    class Meta:
        verbose_name = _("demographics")
        verbose_name_plural = _("demographics")

    def __str__(self) -> str:
        return str(_("Demographics of resident #%(id)s") % {"id": self.resident_id})
