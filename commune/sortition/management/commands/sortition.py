"""`commune sortition draw POOL.csv QUOTAS.csv --panel-size N --seed S [--json]`."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commune.sortition.core.cli import add_draw_arguments, run_draw
from commune.sortition.core.lottery import seed_commitment


class Command(BaseCommand):
    help = "Draw a panel by leximin lottery from a pool and quotas (see docs/sortition.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        draw = actions.add_parser("draw", help="draw a panel from POOL.csv and QUOTAS.csv")
        add_draw_arguments(draw)
        commit = actions.add_parser("commit", help="print the SHA-256 commitment of a seed")
        commit.add_argument("seed")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "commit":
            self.stdout.write(seed_commitment(options["seed"]))
            return
        status = run_draw(argparse.Namespace(**options), self.stdout, self.stderr)
        if status:
            raise CommandError("Nothing was drawn.", returncode=status)
