"""Forms of the meetings pages: the list's filters, phone registration and attendance."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from commune.accounts.models import Resident
from commune.meetings.models import AgendaItem, AgendaItemStatus, Meeting
from commune.meetings.services import (
    AGENDA_DESCRIPTION_MAX_LENGTH,
    AGENDA_REASON_MAX_LENGTH,
    AGENDA_TITLE_MAX_LENGTH,
    MAX_PAPER_SIGN_INS,
    NAME_MAX_LENGTH,
    PHONE_MAX_LENGTH,
)
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
            for resident in Resident.objects.filter(
                email__in=[email.lower() for email in emails]
            ).exclude(email=None)
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


class AgendaItemForm(forms.Form):
    """A resident's proposal, or an item set by the city."""

    title = forms.CharField(label=_("Item to discuss"), max_length=AGENDA_TITLE_MAX_LENGTH)
    description = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=AGENDA_DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: what you would like the meeting to discuss or decide."),
    )


class AgendaDecisionForm(forms.Form):
    """The organiser's decision on one resident's item: keep, merge, or set aside."""

    KEEP, MERGE, SET_ASIDE = "keep", "merge", "set_aside"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (KEEP, _("Keep on the agenda")),
            (MERGE, _("Merge into another item")),
            (SET_ASIDE, _("Set aside")),
        ],
        widget=forms.RadioSelect,
    )
    into = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("Choose an item"),
    )
    reason = forms.CharField(
        label=_("Public reason"),
        required=False,
        max_length=AGENDA_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown on the meeting page. Required to merge or set aside."),
    )

    def __init__(self, *args: Any, item: AgendaItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any item of the same meeting may be offered; the service refuses the others.
        self.fields["into"].queryset = (
            AgendaItem.objects.filter(meeting_id=item.meeting_id)
            .exclude(pk=item.pk)
            .exclude(status__in=[AgendaItemStatus.MERGED, AgendaItemStatus.SET_ASIDE])
            .order_by("-is_fixed", "-support_count", "created_at", "id")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        decision = data.get("decision")
        if decision == self.MERGE and not data.get("into"):
            self.add_error("into", _("Choose the item to merge into."))
        if decision in (self.MERGE, self.SET_ASIDE) and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give a public reason."))
        return data
