"""Ideas and proposals on the three pillars, with supports, comments and moderation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "commune.contributions"
    label = "contributions"
    verbose_name = _("Contributions")
