"""Forms of the contribution pages; they validate input, the services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files import File
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from commune.accounts.models import Resident
from commune.accounts.services import normalize_email
from commune.contributions import services, uploads
from commune.contributions.models import Channel, ContributionKind, Pillar, Stance, Status
from commune.territory.models import Neighbourhood

PAGE_SIZE = 20


def _with(message: Promise, **params: Any) -> str:
    """A lazy message with its %(name)s placeholders filled in, translated when shown."""
    return lazy(lambda: str(message) % params, str)()


def _neighbourhoods() -> Any:
    return Neighbourhood.objects.order_by("position", "name")


class ContributionForm(forms.Form):
    """What a resident writes: kind, title, text, pillar, neighbourhood and optional files."""

    kind = forms.ChoiceField(
        label=_("It is"),
        choices=ContributionKind.choices,
        initial=ContributionKind.IDEA,
        widget=forms.RadioSelect,
        help_text=_("An idea opens a discussion; a proposal says precisely what to do."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=services.TITLE_MAX_LENGTH,
        help_text=_with(
            _("In a few words (at most %(max)s characters)."), max=services.TITLE_MAX_LENGTH
        ),
    )
    body = forms.CharField(
        label=_("Your contribution"),
        max_length=services.BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_with(
            _(
                "What you see, what you propose and why (at most %(max)s characters). "
                "You may use Markdown: *emphasis*, lists, links."
            ),
            max=services.BODY_MAX_LENGTH,
        ),
    )
    pillar = forms.ChoiceField(
        label=_("Pillar"),
        choices=Pillar.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Transparency: open information on public action. Participation: having a say. "
            "Co-production: building a public service together."
        ),
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood concerned"),
        queryset=_neighbourhoods(),
        required=False,
        empty_label=_("The whole city"),
        to_field_name="slug",
    )
    image = forms.FileField(
        label=_("Image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": uploads.IMAGE_ACCEPT}),
        help_text=_("JPEG, PNG or WebP, at most 5 MB."),
    )
    image_alt = forms.CharField(
        label=_("Description of the image"),
        required=False,
        max_length=200,
        help_text=_("Describe the image for people who cannot see it (needed with an image)."),
    )
    attachment = forms.FileField(
        label=_("Document"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": uploads.ATTACHMENT_ACCEPT}),
        help_text=_("PDF, ODT or DOCX, at most 10 MB."),
    )

    def __init__(self, *args: Any, with_files: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_files:
            for name in ("image", "image_alt", "attachment"):
                del self.fields[name]

    def clean_image(self) -> File | None:
        upload = self.cleaned_data.get("image")
        return uploads.clean_image(upload) if upload else None

    def clean_attachment(self) -> File | None:
        upload = self.cleaned_data.get("attachment")
        return uploads.clean_attachment(upload) if upload else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("image") and not cleaned.get("image_alt", "").strip():
            self.add_error("image_alt", _("Describe the image for people who cannot see it."))
        return cleaned


class AgentEntryForm(ContributionForm):
    """An agent types in a contribution received on paper, by phone or at a meeting."""

    channel = forms.ChoiceField(
        label=_("Received"),
        choices=[choice for choice in Channel.choices if choice[0] != Channel.ONLINE],
        widget=forms.RadioSelect,
    )
    resident_email = forms.EmailField(
        label=_("E-mail address of the resident, if they have an account"),
        required=False,
        help_text=_(
            "The contribution then appears under their public name; the address never does."
        ),
    )
    author_name = forms.CharField(
        label=_("Otherwise, the name the person wants shown"),
        required=False,
        max_length=60,
        help_text=_("A first name or initials are enough."),
    )

    field_order = ["channel", "resident_email", "author_name"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        email = normalize_email(cleaned.get("resident_email") or "")
        name = (cleaned.get("author_name") or "").strip()
        cleaned["author"] = None
        if email:
            resident = Resident.objects.filter(
                email=email, is_active=True, deleted_at__isnull=True
            ).first()
            if resident is None:
                self.add_error(
                    "resident_email",
                    _(
                        "No account uses this address. Leave it empty and give the "
                        "person's name instead."
                    ),
                )
            else:
                cleaned["author"] = resident
        elif not name and "resident_email" not in self.errors:
            self.add_error(
                "author_name",
                _("Give the e-mail address of the resident's account, or the person's name."),
            )
        return cleaned


class CommentForm(forms.Form):
    stance = forms.ChoiceField(
        label=_("Your position"),
        choices=Stance.choices,
        initial=Stance.NEUTRAL,
        widget=forms.RadioSelect,
    )
    body = forms.CharField(
        label=_("Your comment"),
        max_length=services.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_with(
            _("At most %(max)s characters. You may use Markdown."),
            max=services.COMMENT_MAX_LENGTH,
        ),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    """The reason of a report (to the moderators) or of a hiding (shown in public)."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=services.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, label: str = "", help_text: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label
        if help_text:
            self.fields["reason"].help_text = help_text


class SupportForm(forms.Form):
    supported = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1"
    )


SORTS = {
    "newest": _("Newest first"),
    "supported": _("Most supported"),
    "commented": _("Most commented"),
    "random": _("Random order"),
}


class ContributionFilterForm(forms.Form):
    """The filters and the order of a contribution list (GET parameters, validated)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    pillar = forms.ChoiceField(
        label=_("Pillar"), required=False, choices=[("", _("All pillars")), *Pillar.choices]
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        required=False,
        queryset=_neighbourhoods(),
        empty_label=_("All neighbourhoods"),
        to_field_name="slug",
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), ("overdue", _("Answer overdue")), *Status.choices],
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All channels")), *Channel.choices]
    )
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=list(SORTS.items()))
