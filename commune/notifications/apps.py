"""In-site notifications and e-mails (immediate or daily digest) for residents."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "commune.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
