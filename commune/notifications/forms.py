"""The resident's choice of how often to get e-mails."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commune.notifications.models import EmailFrequency


class EmailFrequencyForm(forms.Form):
    email_frequency = forms.ChoiceField(
        label=_("E-mails about what you follow"),
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
    )
