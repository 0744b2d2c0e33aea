"""Where participation happens: councils, processes and working groups, with their rules."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "commune.spaces"
    label = "spaces"
    verbose_name = _("Participation spaces")
