"""Forms of the texts pages; they only parse input, the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from commune.accountability.models import Decision
from commune.texts.importing import IMPORT_ACCEPT, read_upload
from commune.texts.models import AmendmentKind, AmendmentStatus, ArgumentSide, Stance


class SourceForm(forms.Form):
    """The body of a version: typed as Markdown, or imported from a file (which wins)."""

    source = forms.CharField(
        label=_("Text (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            'Start each section with a heading ("# Title"); leave a blank line between '
            "paragraphs. Sections and paragraphs are numbered for you (§2.3)."
        ),
    )
    upload = forms.FileField(
        label=_("Or import a file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMPORT_ACCEPT}),
        help_text=_(
            "Markdown (.md), OpenDocument (.odt) or Word (.docx), at most 5 MB. Headings "
            "start sections; each paragraph or list becomes a numbered paragraph."
        ),
    )

    def clean_upload(self) -> Any:
        upload = self.cleaned_data.get("upload")
        if upload:
            self.imported = read_upload(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        imported = getattr(self, "imported", None)
        if imported is not None:
            data["source"] = imported
        elif not self.errors and not (data.get("source") or "").strip():
            raise ValidationError(_("Type the text or import a file."))
        return data


class TextForm(SourceForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    introduction = forms.CharField(
        label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    field_order = ["title", "introduction", "source", "upload"]


class VersionForm(SourceForm):
    note = forms.CharField(
        label=_("What changed and why"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CommentForm(forms.Form):
    stance = forms.ChoiceField(
        label=_("Your stance on this paragraph"),
        choices=Stance.choices,
        widget=forms.RadioSelect,
    )
    argument_side = forms.ChoiceField(
        label=_("Is your comment an argument?"),
        choices=[("", _("No, just a comment")), *ArgumentSide.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    body = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )


class AmendmentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you propose?"), choices=AmendmentKind.choices, widget=forms.RadioSelect
    )
    proposed_body = forms.CharField(
        label=_("The text you propose"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "For a change, the whole paragraph as you would write it; for an addition, the "
            "new paragraph. Leave empty to delete the paragraph."
        ),
        max_length=10000,
    )
    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why this change? It is shown with your amendment."),
        max_length=5000,
        # Checked by the service, so a justification of spaces gets the same sentence.
        required=False,
    )


class AmendmentCommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment on this amendment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


class DecideForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (AmendmentStatus.ACCEPTED, AmendmentStatus.ACCEPTED.label),
            (AmendmentStatus.MERGED, AmendmentStatus.MERGED.label),
            (AmendmentStatus.REJECTED, AmendmentStatus.REJECTED.label),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Public reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Shown with the amendment and in the synthesis."),
    )
    merged_body = forms.CharField(
        label=_("Wording kept (when accepting with changes)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )


class SynthesisForm(forms.Form):
    note = forms.CharField(
        label=_("The city's answer"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_(
            "What the synthesis took from residents' amendments and comments, and why. Markdown."
        ),
    )
    decision = forms.ModelChoiceField(
        label=_("Decision adopting the text"),
        queryset=Decision.objects.none(),
        required=False,
        help_text=_("The accountability decision, if it is already recorded."),
    )

    def __init__(self, *args: Any, space: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = Decision.objects.filter(space=space).order_by(
            "-decided_on", "-pk"
        )


class CompareForm(forms.Form):
    old = forms.TypedChoiceField(label=_("Compare version"), coerce=int)
    new = forms.TypedChoiceField(label=_("with version"), coerce=int)

    def __init__(self, *args: Any, numbers: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(n, str(n)) for n in numbers]
        self.fields["old"].choices = choices
        self.fields["new"].choices = choices
