"""`commune loaddemo`: load the demo city (Nantes) into an empty database."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from commune.core.demo import DemoAlreadyLoadedError, load_demo, logins_table


class Command(BaseCommand):
    help = "Load the demo city (Nantes: neighbourhoods, councils, processes, demo accounts)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.load()
        self.print_logins()

    def load(self) -> None:
        """Load the demo with progress lines; refuse if the database already has a city."""
        self.stdout.write(_("Loading the demo city…"))
        try:
            summary = load_demo(progress=self.progress)
        except DemoAlreadyLoadedError as error:
            raise CommandError(
                _(
                    "The database already has a city (%(name)s): the demo is only loaded "
                    "into an empty database. Nothing was changed."
                )
                % {"name": error}
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo city loaded: %(city)s, %(neighbourhoods)d neighbourhoods, "
                    "%(spaces)d spaces, %(accounts)d accounts."
                )
                % {
                    "city": summary.city.name,
                    "neighbourhoods": summary.neighbourhoods,
                    "spaces": summary.spaces,
                    "accounts": summary.accounts,
                }
            )
        )

    def progress(self, label: str, done: int, total: int) -> None:
        # On a terminal the line updates in place; in a log, one line per step is enough.
        if self.stdout.isatty():
            self.stdout.write(f"\r  {label}… {done}/{total}", ending="\n" if done == total else "")
            self.stdout.flush()
        elif done == total:
            self.stdout.write(f"  {label}… {done}/{total}")

    def print_logins(self) -> None:
        self.stdout.write(_("Demo accounts (role, e-mail, password):"))
        for line in logins_table():
            self.stdout.write(line)
