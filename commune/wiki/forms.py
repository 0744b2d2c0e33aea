"""Forms of the wiki: they parse input; the rules live in services.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from commune.wiki.models import (
    BODY_MAX_LENGTH,
    REASON_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
)

BODY_HELP = _(
    "In Markdown: *italics*, **bold**, lists with “-”, headings with “#”. Link to another "
    "page of this wiki with its title in double brackets: [[Title of the page]]."
)
SUMMARY_HELP = _("Shown in the page's history, e.g. “Added the opening hours”.")


class PageForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        error_messages={"required": _("Give the page a title.")},
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=BODY_MAX_LENGTH,
        help_text=BODY_HELP,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        error_messages={"required": _("Write the text of the page.")},
    )
    summary = forms.CharField(
        label=_("Edit summary"),
        max_length=SUMMARY_MAX_LENGTH,
        help_text=SUMMARY_HELP,
        error_messages={"required": _("Say in a few words what you changed and why.")},
    )


class EditForm(forms.Form):
    body = forms.CharField(
        label=_("Text"),
        max_length=BODY_MAX_LENGTH,
        help_text=BODY_HELP,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        error_messages={"required": _("Write the text of the page.")},
    )
    summary = forms.CharField(
        label=_("Edit summary"),
        max_length=SUMMARY_MAX_LENGTH,
        help_text=SUMMARY_HELP,
        error_messages={"required": _("Say in a few words what you changed and why.")},
    )
    # The revision the text was written from: a newer one means an edit conflict.
    base = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class RevertForm(forms.Form):
    summary = forms.CharField(
        label=_("Why bring this text back?"),
        max_length=SUMMARY_MAX_LENGTH - 40,
        required=False,
    )


class LockForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown on the page)"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CompareForm(forms.Form):
    """Two revision numbers to compare (the history's radio buttons, or links)."""

    old = forms.IntegerField(min_value=1)
    new = forms.IntegerField(min_value=1)
