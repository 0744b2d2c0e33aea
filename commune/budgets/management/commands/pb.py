"""`commune pb tally FILE.pb --rule R [--json]`: run a vote rule on a Pabulib file."""

from __future__ import annotations

import io
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commune.budgets.rules.cli import add_tally_arguments, run_tally


class Command(BaseCommand):
    help = "Pabulib .pb files: `pb tally FILE.pb --rule R [--json]` runs a vote rule."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        add_tally_arguments(commands.add_parser("tally", help="run a rule on a .pb file"))

    def handle(self, *args: Any, **options: Any) -> None:
        errors = io.StringIO()
        status = run_tally(
            options["file"], options["rule"], as_json=options["json"], out=self.stdout, err=errors
        )
        if status:
            # One line, exit status 2, as `python -m commune.budgets.rules` does.
            raise CommandError(errors.getvalue().strip(), returncode=status)
