"""Answers, status timelines, due dates, decisions and commitments: the city renders account."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    name = "commune.accountability"
    label = "accountability"
    verbose_name = _("Accountability")
