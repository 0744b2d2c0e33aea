"""Forms of the agents' minutes page: minutes, a room vote, a decision, a document."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from commune.accountability.forms import MARKDOWN_HELP, ContributionChoiceField, DateInput
from commune.accountability.models import Decision
from commune.contributions import uploads
from commune.contributions.models import Contribution
from commune.meetings.minutes import (
    DECIDED_BY_MAX_LENGTH,
    DECISION_TITLE_MAX_LENGTH,
    DOCUMENT_TITLE_MAX_LENGTH,
    MAX_VOTES,
    MINUTES_MAX_LENGTH,
    MOTION_MAX_LENGTH,
)
from commune.meetings.models import AgendaItem, DocumentKind, Meeting

# A council meeting may answer many contributions; the form offers the most recent ones.
DECISION_CHOICES = 300


class MinutesForm(forms.Form):
    body = forms.CharField(
        label=_("Minutes"),
        max_length=MINUTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Who spoke, what was said and what was decided, point by point. "
            "Markdown: *emphasis*, lists, links."
        ),
    )


class CountField(forms.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=0, max_value=MAX_VOTES, **kwargs)
        self.error_messages["min_value"] = _("A count cannot be negative.")
        self.error_messages["invalid"] = _("Give a whole number.")
        self.widget.attrs.setdefault("inputmode", "numeric")


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)


class RoomVoteForm(forms.Form):
    motion = forms.CharField(
        label=_("Motion put to the vote"),
        max_length=MOTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    votes_for = CountField(label=_("Votes for"))
    votes_against = CountField(label=_("Votes against"))
    abstentions = CountField(label=_("Abstentions"))
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item it was about"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("None"),
    )
    decision = DecisionChoiceField(
        label=_("Decision it produced"),
        queryset=Decision.objects.none(),
        required=False,
        empty_label=_("None"),
        help_text=_("Record the decision first (below) to link it here."),
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(meeting=meeting).order_by(
            "-is_fixed", "-support_count", "created_at", "id"
        )
        self.fields["decision"].queryset = Decision.objects.filter(meeting=meeting).order_by(
            "decided_on", "id"
        )


class MeetingDecisionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=DECISION_TITLE_MAX_LENGTH)
    decided_by = forms.CharField(
        label=_("Decided by"),
        max_length=DECIDED_BY_MAX_LENGTH,
        help_text=_("E.g. the neighbourhood council in general assembly."),
    )
    decided_on = forms.DateField(
        label=_("Date of the decision"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for the day of the meeting."),
    )
    body = forms.CharField(
        label=_("What was decided"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )
    contributions = ContributionChoiceField(
        label=_("Contributions this decision answers"),
        queryset=Contribution.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contributions"].queryset = _recent_contributions(meeting)


def _recent_contributions(meeting: Meeting) -> QuerySet[Contribution]:
    recent = list(
        Contribution.objects.filter(space_id=meeting.space_id)
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)[:DECISION_CHOICES]
    )
    return Contribution.objects.filter(pk__in=recent).order_by("-created_at", "-id")


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title of the document"), max_length=DOCUMENT_TITLE_MAX_LENGTH)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF, ODT or DOCX document, 10 MB at most."),
        widget=forms.ClearableFileInput(attrs={"accept": uploads.ATTACHMENT_ACCEPT}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        return uploads.clean_attachment(upload) if upload else None
