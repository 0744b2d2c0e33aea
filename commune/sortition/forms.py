"""Forms of panels drawn by lot: a new panel, its pool and quotas, and withdrawing them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from commune.sortition.models import Quota
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


class QuotaBoundsForm(forms.Form):
    """The minimum and maximum of each imported quota, typed in (draft panels only)."""

    def __init__(self, *args: Any, quotas: list[Quota], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.quotas = quotas
        for quota in quotas:
            label = f"{quota.category} = {quota.value}"
            for bound, initial, text in (
                ("min", quota.minimum, _("minimum")),
                ("max", quota.maximum, _("maximum")),
            ):
                self.fields[f"{bound}_{quota.pk}"] = forms.IntegerField(
                    label=f"{label}: {text}",
                    min_value=0,
                    max_value=MAX_PANEL_SIZE,
                    initial=initial,
                    widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 4}),
                )

    def rows(self) -> list[tuple[Quota, forms.BoundField, forms.BoundField]]:
        """One row per quota: the quota, its minimum field and its maximum field."""
        return [(q, self[f"min_{q.pk}"], self[f"max_{q.pk}"]) for q in self.quotas]

    def bounds(self) -> dict[int, tuple[int, int]]:
        return {
            q.pk: (self.cleaned_data[f"min_{q.pk}"], self.cleaned_data[f"max_{q.pk}"])
            for q in self.quotas
        }


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are the quotas withdrawn?"),
        max_length=PURPOSE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Published on the panel's page with the unused seed."),
    )
