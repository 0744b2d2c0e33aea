"""Forms of the budget pages; they read input, the services check the rules and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files import File
from django.utils.translation import gettext_lazy as _

from commune.accounts.models import Resident
from commune.accounts.services import normalize_email
from commune.budgets import services
from commune.budgets.models import (
    IMAGE_ALT_MAX_LENGTH,
    MAX_PROJECT_IMAGES,
    BallotKind,
    Budget,
)
from commune.contributions import uploads
from commune.contributions.models import Contribution
from commune.territory.models import Neighbourhood

PAGE_SIZE = 30


class ProjectForm(forms.Form):
    """What a resident proposes: a title, a description, a cost, a place (images: a formset)."""

    title = forms.CharField(label=_("Title"), max_length=services.TITLE_MAX_LENGTH)
    description = forms.CharField(
        label=_("Description"),
        max_length=services.DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the project is, for whom, and why. You may use Markdown."),
    )
    estimated_cost = forms.IntegerField(
        label=_("Estimated cost (€)"),
        min_value=1,
        help_text=_("Your best estimate; the city's services revise it during the review."),
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        queryset=Neighbourhood.objects.order_by("position", "name"),
        required=False,
        empty_label=_("The whole city"),
        to_field_name="slug",
    )
    location = forms.CharField(
        label=_("Location"),
        max_length=services.LOCATION_MAX_LENGTH,
        required=False,
        help_text=_("A street, a square, a school…"),
    )
    contribution = forms.IntegerField(
        label=_("Number of the idea it comes from"),
        required=False,
        min_value=1,
        help_text=_("If the project grew from an idea on this site, its number (in its address)."),
    )

    def __init__(self, *args: Any, budget: Budget, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.budget = budget

    def clean_contribution(self) -> Contribution | None:
        number = self.cleaned_data.get("contribution")
        if number is None:
            return None
        contribution = Contribution.objects.visible().filter(pk=number, hidden_at=None).first()
        if contribution is None:
            raise forms.ValidationError(_("There is no idea with this number."))
        return contribution


class ProjectImageForm(forms.Form):
    """One image of a project's gallery and its description, both needed once either is given."""

    image = forms.FileField(
        label=_("Image"),
        widget=forms.ClearableFileInput(attrs={"accept": uploads.IMAGE_ACCEPT}),
        help_text=_("JPEG, PNG or WebP, at most 5 MB."),
        error_messages={"required": _("Choose the image this description is about.")},
    )
    alt_text = forms.CharField(
        label=_("Image description"),
        max_length=IMAGE_ALT_MAX_LENGTH,
        help_text=_("Describe the image for people who cannot see it."),
        error_messages={"required": _("Describe the image for people who cannot see it.")},
    )

    def clean_image(self) -> File:
        return uploads.clean_image(self.cleaned_data["image"])


class BaseProjectImageFormSet(forms.BaseFormSet):
    """The rows of images sent with a project; empty rows are ignored."""

    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_many_forms": _("A project has at most %(num)d images."),
    }

    def images(self) -> list[tuple[File, str]]:
        """The valid rows, in their order on the page, as (image, description) pairs."""
        return [
            (form.cleaned_data["image"], form.cleaned_data["alt_text"])
            for form in self.forms
            if form.has_changed() and form.cleaned_data
        ]


ProjectImageFormSet = forms.formset_factory(
    ProjectImageForm,
    formset=BaseProjectImageFormSet,
    extra=3,
    max_num=MAX_PROJECT_IMAGES,
    absolute_max=MAX_PROJECT_IMAGES,
    validate_max=True,
)


class ReviewForm(forms.Form):
    FEASIBLE = "feasible"
    NOT_FEASIBLE = "not_feasible"

    decision = forms.ChoiceField(
        label=_("Outcome of the review"),
        choices=[
            (FEASIBLE, _("Feasible: the project goes to the vote")),
            (NOT_FEASIBLE, _("Not feasible")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Published reason"),
        max_length=services.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown on the project's page: what was checked and why."),
    )
    revised_cost = forms.IntegerField(
        label=_("Cost after review (€)"),
        required=False,
        min_value=1,
        help_text=_("Leave empty to keep the estimate."),
    )


class BallotForm(forms.Form):
    """A ballot: projects ticked (approval) or points given (cumulative), and the age."""

    age_confirmed = forms.BooleanField(label="", required=False)

    def __init__(self, *args: Any, budget: Budget, projects: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.budget = budget
        self.projects = projects
        if budget.minimum_age:
            self.fields["age_confirmed"].label = _(
                "I declare that I am at least %(age)s years old."
            ) % {"age": budget.minimum_age}
        else:
            del self.fields["age_confirmed"]
        if budget.ballot_kind == BallotKind.CUMULATIVE:
            for project in projects:
                self.fields[f"points-{project.pk}"] = forms.IntegerField(
                    label=project.title, min_value=0, max_value=budget.points, required=False
                )
        else:
            self.fields["projects"] = forms.TypedMultipleChoiceField(
                label=_("Projects"),
                choices=[(project.pk, project.title) for project in projects],
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    "invalid_choice": _(
                        "A project you chose is not on this budget's ballot. Choose among the "
                        "listed ones."
                    )
                },
            )

    @property
    def is_cumulative(self) -> bool:
        return self.budget.ballot_kind == BallotKind.CUMULATIVE

    def choices(self) -> dict[int, int] | list[int]:
        if self.is_cumulative:
            return {
                project.pk: self.cleaned_data.get(f"points-{project.pk}") or 0
                for project in self.projects
            }
        return list(self.cleaned_data.get("projects") or [])

    def age_is_confirmed(self) -> bool:
        return bool(self.cleaned_data.get("age_confirmed"))

    def rows(self, current: dict[int, int]) -> list[dict[str, Any]]:
        """Each project with its field's state, for the template."""
        chosen = self._chosen() if self.is_bound else current
        return [
            {
                "project": project,
                "chosen": project.pk in chosen and chosen[project.pk] > 0,
                "points": chosen.get(project.pk, 0),
                "field": self[f"points-{project.pk}"] if self.is_cumulative else None,
            }
            for project in self.projects
        ]

    def _chosen(self) -> dict[int, int]:
        if self.is_cumulative:
            out = {}
            for project in self.projects:
                try:
                    out[project.pk] = int(self.data.get(f"points-{project.pk}") or 0)
                except ValueError:
                    out[project.pk] = 0
            return out
        picked: dict[int, int] = {}
        for value in self.data.getlist("projects"):
            try:
                picked[int(value)] = 1
            except ValueError:
                continue
        return picked

    def total(self, current: dict[int, int]) -> int:
        """What the choices shown add up to: euros, or points for a cumulative ballot."""
        chosen = self._chosen() if self.is_bound else current
        if self.is_cumulative:
            return sum(max(points, 0) for points in chosen.values())
        costs = {project.pk: project.cost for project in self.projects}
        return sum(costs.get(pid, 0) for pid, points in chosen.items() if points > 0)


class PaperBallotForm(BallotForm):
    """An agent types in the paper ballot of a resident who is present."""

    resident_email = forms.EmailField(
        label=_("E-mail address of the resident's account"),
        help_text=_("The resident is present; check who they are before entering their ballot."),
    )

    field_order = ["resident_email"]

    def clean_resident_email(self) -> Resident:
        email = normalize_email(self.cleaned_data["resident_email"])
        resident = Resident.objects.filter(email=email, deleted_at=None).first()
        if resident is None:
            raise forms.ValidationError(_("No account has this e-mail address."))
        return resident


class CloseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I confirm that the vote is over: close it and publish the results."),
    )
