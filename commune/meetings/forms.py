"""Forms of the meetings pages: the list's filters, phone registration and attendance."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from commune.accounts.models import Resident
from commune.meetings.models import Meeting
from commune.meetings.services import MAX_PAPER_SIGN_INS, NAME_MAX_LENGTH, PHONE_MAX_LENGTH
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


class AttendanceForm(forms.Form):
    """Who came: registered residents ticked, walk-ins by e-mail, paper sign-ins counted."""

    residents = forms.ModelMultipleChoiceField(
        label=_("Registered residents who came"),
        queryset=Resident.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    walk_in_emails = forms.CharField(
        label=_("Walk-ins with an account"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The e-mail address of their account, one per line."),
    )
    paper_count = forms.IntegerField(
        label=_("People who signed the paper sheet without an account"),
        min_value=0,
        max_value=MAX_PAPER_SIGN_INS,
        initial=0,
        required=False,
    )
    paper_names = forms.CharField(
        label=_("Names on the paper sheet"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, those you can read."),
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        came = meeting.attendances.exclude(resident=None).values("resident_id")
        self.fields["residents"].queryset = (
            Resident.objects.filter(meeting_registrations__meeting=meeting)
            .exclude(pk__in=came)
            .order_by("display_name", "pk")
        )
        self.fields["residents"].label_from_instance = lambda resident: resident.public_name

    def clean_walk_in_emails(self) -> list[Resident]:
        emails = [line.strip() for line in self.cleaned_data["walk_in_emails"].splitlines()]
        emails = [email for email in emails if email]
        found = {
            resident.email.lower(): resident
            for resident in Resident.objects.filter(email__in=[email.lower() for email in emails])
        }
        unknown = [email for email in emails if email.lower() not in found]
        if unknown:
            raise forms.ValidationError(
                _("No account has these e-mail addresses: %(emails)s.")
                % {"emails": ", ".join(unknown)}
            )
        return [found[email.lower()] for email in emails]

    def clean_paper_names(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["paper_names"].splitlines() if line.strip()
        ]
