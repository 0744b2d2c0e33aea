"""Forms of the agents' "assist a resident" pages and of the access-code log-in."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import SetPasswordMixin
from django.utils.translation import gettext_lazy as _

from commune.accounts.forms import PASSWORD_HELP, display_name_field, email_field
from commune.accounts.models import Resident
from commune.contributions.models import ContributionKind, Pillar
from commune.territory.models import Neighbourhood

HOW_CHOICES = [
    ("in_person", _("In person, at the desk (I checked who they are)")),
    ("phone", _("On the phone")),
]


def how_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("The resident is with you"),
        choices=HOW_CHOICES,
        initial="in_person",
        widget=forms.RadioSelect,
    )


class AccessCodeLoginForm(forms.Form):
    code = forms.CharField(
        label=_("Access code"),
        max_length=40,
        help_text=_("The code printed for you by the city, for example 7KQ2-M9XD-4HTA."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}
        ),
    )


class FindResidentForm(forms.Form):
    q = forms.CharField(
        label=_("Name, phone number or e-mail address"),
        max_length=150,
        required=False,
    )


class OpenAccountForm(forms.Form):
    display_name = display_name_field()
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood of residence"),
        queryset=Neighbourhood.objects.order_by("position", "name"),
        required=False,
        empty_label=_("Not chosen yet"),
    )
    how = how_field()
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        max_length=40,
        required=False,
        help_text=_("Only for the city to call back; never shown or exported."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    email = email_field(
        required=False,
        help_text=_("Optional. Without one, the resident logs in with the printed code."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The agent types someone else's details: the browser must not fill in the agent's.
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        self.fields["display_name"].widget.attrs["autocomplete"] = "off"


class AssistedContributionForm(forms.Form):
    how = how_field()
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ContributionKind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Title"), max_length=150)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}))
    pillar = forms.ChoiceField(label=_("Pillar"), choices=Pillar.choices)
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood concerned"),
        queryset=Neighbourhood.objects.order_by("position", "name"),
        required=False,
        empty_label=_("The whole city"),
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Title of the item"), max_length=150)
    description = forms.CharField(
        label=_("Description (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AddEmailForm(SetPasswordMixin, forms.Form):
    """For an account opened by an agent: an address and a password, besides the code."""

    email = email_field(help_text=_("To log in with it and receive notifications by e-mail."))
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Password"), label2=_("Password again")
    )

    def __init__(self, *args: Any, resident: Resident, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.resident = resident
        self.fields["password1"].help_text = PASSWORD_HELP
        self.fields["password2"].help_text = _("Type the same password, to avoid a typo.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.validate_passwords()
        return cleaned
