"""Forms of the meetings pages: the list's filters and an agent's phone registration."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from commune.meetings.services import NAME_MAX_LENGTH, PHONE_MAX_LENGTH
from commune.spaces.models import SpaceKind
from commune.territory.models import Neighbourhood

PAGE_SIZE = 20


class MeetingFilterForm(forms.Form):
    space_kind = forms.ChoiceField(
        label=_("Kind of space"),
        required=False,
        choices=[("", _("All kinds")), *list(SpaceKind.choices)],
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        required=False,
        queryset=Neighbourhood.objects.order_by("name"),
        empty_label=_("All neighbourhoods"),
    )
    step_free = forms.BooleanField(label=_("Step-free access"), required=False)
    childcare = forms.BooleanField(label=_("Childcare"), required=False)
    hearing_loop = forms.BooleanField(label=_("Hearing loop"), required=False)
    sign_language = forms.BooleanField(label=_("Sign-language interpreting"), required=False)


class PhoneRegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name of the person"), max_length=NAME_MAX_LENGTH)
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=PHONE_MAX_LENGTH,
        required=False,
        help_text=_("To call them back if the meeting changes."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
