"""The filter form of the spaces list (GET parameters, validated)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from commune.spaces.models import SpaceKind, SpaceStatus
from commune.territory.models import Neighbourhood


class SpaceFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *SpaceKind.choices]
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        required=False,
        queryset=Neighbourhood.objects.all(),
        empty_label=_("All neighbourhoods"),
        to_field_name="slug",
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *SpaceStatus.choices],
    )


class JoinForm(forms.Form):
    listed_publicly = forms.BooleanField(
        label=_("Show my name in the list of members (and in the open data)"),
        required=False,
        help_text=_("Otherwise you are only counted."),
    )
