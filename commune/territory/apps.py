"""The city and its neighbourhoods, with the reference population figures."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "commune.territory"
    label = "territory"
    verbose_name = _("Territory")
