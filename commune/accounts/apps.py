"""Residents: accounts, roles, verification and consented demographics."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "commune.accounts"
    label = "accounts"
    verbose_name = _("Residents")
