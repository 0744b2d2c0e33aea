"""Panels drawn by lot: pools, quotas, a published seed commitment and an auditable draw."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SortitionConfig(AppConfig):
    name = "commune.sortition"
    label = "sortition"
    verbose_name = _("Panels drawn by lot")
