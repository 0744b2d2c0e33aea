"""`commune demo`: migrate, load the demo city if the database is empty, and serve it."""

from __future__ import annotations

import logging
import threading
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import close_old_connections, connection
from django.utils.translation import gettext as _

from commune.core.management.commands.loaddemo import Command as LoadDemoCommand
from commune.territory.models import City

HOST = "127.0.0.1"
MAIL_EVERY_SECONDS = 30

logger = logging.getLogger(__name__)


def _mail_notifications_forever() -> None:
    """The demo's e-mail worker: what `commune sendnotifications --loop` does in production."""
    from commune.meetings.reminders import send_reminders
    from commune.notifications.delivery import send_pending

    while True:
        time.sleep(MAIL_EVERY_SECONDS)
        try:
            send_pending()
            send_reminders()
        except Exception:
            logger.exception("The demo could not send notification e-mails")
        finally:
            close_old_connections()


class Command(LoadDemoCommand):
    help = (
        "Run the demo: migrate the database (SQLite in ./commune-data unless DATABASE_URL is "
        "set), load the demo city if it is empty, print the logins and serve on 127.0.0.1."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on (8000).")
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Migrate and load only, without starting the server (for scripts and tests).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.prepare_database(options["verbosity"])
        if City.objects.exists():
            self.stdout.write(_("The database already has a city: keeping it as it is."))
        else:
            self.load()
        url = f"http://{HOST}:{options['port']}/"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(_("Commune demo: %(url)s") % {"url": url}))
        self.stdout.write(_("Back office: %(url)s") % {"url": f"{url}admin/"})
        self.print_logins()
        self.stdout.write("")
        if options["no_serve"]:
            return
        call_command("opendata", "build", "--if-stale")  # the open-data files, as cron would
        # E-mails (printed on the console in the demo) go out from a thread, off the requests.
        threading.Thread(target=_mail_notifications_forever, daemon=True).start()
        call_command("runserver", f"{HOST}:{options['port']}", use_reloader=False)

    def prepare_database(self, verbosity: int) -> None:
        """Create the SQLite data folder if needed and apply the migrations, visibly."""
        name = connection.settings_dict["NAME"]
        if connection.vendor == "sqlite" and not connection.is_in_memory_db():
            # SQLite creates the file but not its folder (./commune-data by default).
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        self.stdout.write(_("Database: %(name)s") % {"name": name})
        # The raw stream, not our wrapper: migrate writes "Applying…" and " OK" on one line.
        # (Its core migration also creates the database cache table for rate limits.)
        call_command("migrate", interactive=False, verbosity=verbosity, stdout=self.stdout._out)
