"""The wiki of each space: Markdown pages residents write together, with their history."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WikiConfig(AppConfig):
    name = "commune.wiki"
    label = "wiki"
    verbose_name = _("Wiki")
