"""Forms of panels drawn by lot: a new panel, and the import of its pool and quotas."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from commune.sortition.services import MAX_PANEL_SIZE, PURPOSE_MAX_LENGTH, TITLE_MAX_LENGTH


class PanelForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    purpose = forms.CharField(
        label=_("Purpose"),
        required=False,
        max_length=PURPOSE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the residents' college of the conseil citoyen."),
    )
    panel_size = forms.IntegerField(
        label=_("Seats on the panel"),
        min_value=1,
        max_value=MAX_PANEL_SIZE,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    reserve_size = forms.IntegerField(
        label=_("Length of the reserve list"),
        min_value=0,
        max_value=MAX_PANEL_SIZE,
        initial=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("People called, in order, when a panel member withdraws."),
    )


class ImportForm(forms.Form):
    pool_file = forms.FileField(
        label=_("Pool (CSV)"),
        help_text=_(
            "One line per person: an id column (id or unique_id; without it, the line "
            "number) and one column per quota category. A name or e-mail column stays "
            "private; an e-mail links the person to their resident account."
        ),
    )
    quotas_file = forms.FileField(
        label=_("Quotas (CSV)"),
        help_text=_("Columns category,value,min,max (feature,value,min,max is accepted too)."),
    )
