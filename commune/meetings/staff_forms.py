"""The form city agents use to announce or change a meeting."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from commune.meetings.models import Meeting
from commune.meetings.staff import EDITABLE_FIELDS

_LOCAL_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _form_field(field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"  # a typed "visio.example.org" is a secure link
    return field.formfield(**kwargs)


class MeetingForm(forms.ModelForm):
    class Meta:
        formfield_callback = _form_field
        model = Meeting
        fields = [*EDITABLE_FIELDS[:7], "capacity", *EDITABLE_FIELDS[7:]]
        widgets = {
            "starts_at": _LOCAL_DATETIME,
            "ends_at": _LOCAL_DATETIME,
            "agenda_cutoff": _LOCAL_DATETIME,
            "description": forms.Textarea(attrs={"rows": 5}),
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "online_url": forms.URLInput(attrs={"placeholder": "https://"}),
        }
        help_texts = {
            "starts_at": _("In the city's local time."),
            "address": _("Number and street, postcode and town."),
            "agenda_cutoff": _(
                "Residents propose and support agenda items until then. Leave empty for "
                "no agenda set by residents."
            ),
        }

    def _post_clean(self) -> None:
        # The services validate the whole meeting inside their transaction, with the row
        # locked; validating the instance here too would change it before they look.
        pass

    def meeting_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("capacity", None)
        return data
