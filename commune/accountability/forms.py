"""Forms of the agents' pages and the decision filter; the services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from commune.accountability.services import allowed_next_statuses
from commune.accounts.models import CityService, Resident, Role
from commune.contributions.models import Contribution
from commune.spaces.models import Space

MARKDOWN_HELP = _("Markdown: *emphasis*, lists, links.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class ElectedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.public_name


def elected_officials() -> QuerySet[Resident]:
    return Resident.objects.filter(
        role=Role.ELECTED, is_active=True, deleted_at__isnull=True
    ).order_by("display_name")


class AnswerForm(forms.Form):
    """The next step of a contribution's timeline, offering only the steps allowed now."""

    status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    answer = forms.CharField(
        label=_("Answer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Published with the status. Required for a first answer and to explain a "
            "partial acceptance or a rejection. Markdown: *emphasis*, lists, links."
        ),
    )
    signed_by = ElectedChoiceField(
        label=_("Signed by an elected official"),
        queryset=Resident.objects.none(),
        required=False,
        empty_label=_("No: signed by my service"),
        help_text=_("Without an elected signatory, the answer is signed by your service."),
    )

    def __init__(self, *args: Any, contribution: Contribution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status.value, status.label) for status in allowed_next_statuses(contribution)
        ]
        self.fields["signed_by"].queryset = elected_officials()
        # The first answer always needs a text (the service checks it too); later steps
        # only for a partial acceptance or a rejection, which the service checks.
        answer = self.fields["answer"]
        answer.required = contribution.first_answered_at is None
        answer.error_messages["required"] = _(
            "The first answer to a contribution needs a text explaining it."
        )


class DecisionSpaceForm(forms.Form):
    """First step without JavaScript: which space's contributions the decision answers."""

    space = forms.ModelChoiceField(
        label=_("Space"),
        queryset=Space.objects.none(),
        required=False,
        empty_label=_("City-wide (no space)"),
        to_field_name="slug",
    )

    def __init__(self, *args: Any, spaces: QuerySet[Space], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = spaces


class ContributionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _("No. %(number)s — %(title)s") % {"number": obj.pk, "title": obj.title}


class DecisionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    decided_by = forms.CharField(
        label=_("Decided by"),
        max_length=150,
        help_text=_("E.g. the municipal council, the neighbourhood council."),
    )
    decided_on = forms.DateField(label=_("Date of the decision"), widget=DateInput())
    act_url = forms.URLField(
        label=_("Link to the official act"),
        required=False,
        assume_scheme="https",
        help_text=_("The deliberation or resolution as published by the city."),
    )
    body = forms.CharField(
        label=_("What was decided"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=MARKDOWN_HELP,
    )
    contributions = ContributionChoiceField(
        label=_("Contributions this decision answers"),
        queryset=Contribution.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, contributions: QuerySet[Contribution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contributions"].queryset = contributions


class CommitmentForm(forms.Form):
    title = forms.CharField(label=_("What the city commits to"), max_length=200)
    owner_service = forms.ModelChoiceField(
        label=_("Service in charge"), queryset=CityService.objects.order_by("name")
    )
    target_date = forms.DateField(label=_("Target date"), widget=DateInput())


class ProgressForm(forms.Form):
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        help_text=_("From 0 to 100. It may go down: say why in the text."),
    )
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 5}))


class DecisionFilterForm(forms.Form):
    space = forms.ModelChoiceField(
        label=_("Space"),
        queryset=Space.objects.none(),
        required=False,
        empty_label=_("All spaces"),
        to_field_name="slug",
    )

    def __init__(self, *args: Any, spaces: QuerySet[Space], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = spaces
