"""Participatory budgets: projects, feasibility review, a secret ballot and explained results."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "commune.budgets"
    label = "budgets"
    verbose_name = _("Participatory budgets")

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the image file clean-up
