"""Shared pieces of the site: home page, audit log, rate limiting, base templates."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "commune.core"
    label = "core"
    verbose_name = _("Commune")
