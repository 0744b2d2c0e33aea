"""Forms of the documents pages: the list's filters, the agents' upload and withdrawal."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.contributions.uploads import ATTACHMENT_ACCEPT
from commune.documents.models import DocumentType
from commune.documents.services import REASON_MAX_LENGTH, TITLE_MAX_LENGTH
from commune.meetings.models import Meeting
from commune.spaces.models import Space

PAGE_SIZE = 20
SEARCH_MAX_LENGTH = 200
# Meetings offered when publishing: those of the last year and the coming ones.
MEETING_CHOICE_DAYS = 365


class DocumentFilterForm(forms.Form):
    """The filters of the public list (GET parameters, validated)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX_LENGTH)
    space = forms.ModelChoiceField(
        label=_("Space or committee"),
        queryset=Space.objects.none(),
        required=False,
        empty_label=_("All spaces"),
        to_field_name="slug",
    )
    document_type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("All types")), *DocumentType.choices],
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(
        self, *args: Any, spaces: QuerySet[Space], years: list[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = spaces
        self.fields["year"].choices = [("", _("All years")), *((y, str(y)) for y in years)]


class PublishForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    document_type = forms.ChoiceField(label=_("Type"), choices=DocumentType.choices)
    space = forms.ModelChoiceField(
        label=_("Space or committee"),
        queryset=Space.objects.none(),
        required=False,
        empty_label=_("City-wide (no space)"),
        help_text=_("A council or committee is a space: choose it here."),
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("No meeting"),
        help_text=_("The meeting the document was presented at, if any."),
    )
    document_date = forms.DateField(
        label=_("Date of the document"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The date written on the document (for instance the day it was adopted)."),
    )
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ATTACHMENT_ACCEPT}),
    )

    def __init__(self, *args: Any, max_megabytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = Space.objects.order_by("title")
        since = timezone.now() - datetime.timedelta(days=MEETING_CHOICE_DAYS)
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(starts_at__gte=since)
            .select_related("space")
            .order_by("-starts_at")
        )
        self.fields["meeting"].label_from_instance = _meeting_label
        self.fields["file"].help_text = _(
            "A PDF, ODT or DOCX document, %(max)s MB at most. Its text is read at once and "
            "shown as a web page beside the download."
        ) % {"max": max_megabytes}


def _meeting_label(meeting: Meeting) -> str:
    day = timezone.localtime(meeting.starts_at).date().isoformat()
    return f"{meeting.title} — {day} — {meeting.space.title}"


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the audit log."),
    )
