"""Forms of the residents' pages; they validate input, the services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from commune.accounts.access_codes import resident_for_code
from commune.accounts.models import EMAIL_IN_USE, Gender, Occupation, Resident
from commune.accounts.services import email_in_use, normalize_email
from commune.territory.models import AgeBand, Neighbourhood

# Django's validators describe themselves, already translated (French included);
# as plain sentences rather than Django's HTML list, so the help paragraph stays simple.
PASSWORD_HELP = lazy(
    lambda: " ".join(str(text) for text in password_validation.password_validators_help_texts()),
    str,
)()
PREFER_NOT_TO_SAY = ("", _("I prefer not to say"))


def email_field(**kwargs: Any) -> forms.EmailField:
    return forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        # Our own wording: installed apps' catalogues (REST framework's) would otherwise
        # replace Django's, and the site says "e-mail" everywhere.
        error_messages={"invalid": _("Enter a valid e-mail address, such as name@example.org.")},
        **kwargs,
    )


def display_name_field() -> forms.CharField:
    return forms.CharField(
        label=_("Public name"),
        max_length=60,
        help_text=_("Shown next to what you write. It can be a first name or a nickname."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )


class SignupForm(SetPasswordMixin, forms.Form):
    email = email_field(help_text=_("We send you a link to confirm it. It is never shown."))
    display_name = display_name_field()
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Password"), label2=_("Password again")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = PASSWORD_HELP
        self.fields["password2"].help_text = _("Type the same password, to avoid a typo.")

    def clean_email(self) -> str:
        email = normalize_email(self.cleaned_data["email"])
        if email_in_use(email):
            raise forms.ValidationError(EMAIL_IN_USE, code="unique")
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.validate_passwords()
        # The similarity check compares the password with the name and address given.
        candidate = Resident(
            email=cleaned.get("email", ""), display_name=cleaned.get("display_name", "")
        )
        self.validate_password_for_user(candidate, password_field_name="password1")  # noqa: S106
        return cleaned


class EmailAuthenticationForm(AuthenticationForm):
    """Django's log-in form, asking for the e-mail address that serves as the username."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.label = _("E-mail address")
        username.widget = forms.EmailInput(attrs={"autocomplete": "email"})
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class ResendConfirmationForm(forms.Form):
    email = email_field()


class NeighbourhoodChoiceForm(forms.Form):
    neighbourhood = forms.ModelChoiceField(
        label=_("I live in"),
        queryset=Neighbourhood.objects.order_by("position", "name"),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_("Your neighbourhood of residence: where you live, whatever your nationality."),
    )


class ProfileForm(forms.Form):
    display_name = display_name_field()
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood of residence"),
        queryset=Neighbourhood.objects.order_by("position", "name"),
        required=False,
        empty_label=_("Not chosen yet"),
    )


class DemographicsForm(forms.Form):
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[PREFER_NOT_TO_SAY, *Gender.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    age_band = forms.ChoiceField(
        label=_("Age"),
        choices=[PREFER_NOT_TO_SAY, *AgeBand.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    occupation = forms.ChoiceField(
        label=_("Occupation"),
        choices=[PREFER_NOT_TO_SAY, *Occupation.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_("I agree that Commune keeps these answers to count who takes part."),
        error_messages={
            "required": _("Tick the box to agree, or leave this page: nothing is kept without it.")
        },
        help_text=_("Only in totals, never next to your name. Change or erase them at any time."),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is really you."),
    )

    def __init__(self, *args: Any, resident: Resident, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.resident = resident
        self.uses_access_code = not resident.has_usable_password()
        if self.uses_access_code:
            # An account opened by an agent has no password: its printed code stands for it.
            field = self.fields["password"]
            field.label = _("Your access code")
            field.help_text = _("The code the city printed for you, to be sure it is really you.")
            field.widget = forms.TextInput(attrs={"autocomplete": "one-time-code"})

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if self.uses_access_code:
            if resident_for_code(password) != self.resident:
                raise forms.ValidationError(
                    _("This is not your access code."), code="password_incorrect"
                )
            return password
        if not self.resident.check_password(password):
            raise forms.ValidationError(
                _("This is not your current password."), code="password_incorrect"
            )
        return password
