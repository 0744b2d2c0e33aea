"""`commune sendnotifications`: mail pending notifications and meeting reminders (every minute;
daily digests with --digest)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from commune.meetings.reminders import send_reminders
from commune.notifications.delivery import send_pending


class Command(BaseCommand):
    help = (
        "Mail the notifications not mailed yet (immediate ones, or the daily digest), "
        "and the reminders of tomorrow's meetings."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--digest", action="store_true", help="Send the daily digests instead.")
        parser.add_argument(
            "--loop",
            type=int,
            metavar="SECONDS",
            help="Keep running, sending every SECONDS (a worker without cron).",
        )

    def handle(self, *args: Any, digest: bool, loop: int | None, **options: Any) -> None:
        while True:
            report = send_pending(digest=digest)
            if options["verbosity"] > 0:
                self.stdout.write(
                    _("%(emails)d e-mails sent for %(notifications)d notifications.")
                    % {"emails": report.emails, "notifications": report.notifications}
                )
            if not digest:
                reminders = send_reminders()
                if options["verbosity"] > 0:
                    self.stdout.write(_("%(n)d meeting reminders sent.") % {"n": reminders})
            if not loop:
                return
            time.sleep(loop)
