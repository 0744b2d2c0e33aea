"""`commune opendata build [--if-stale]`: rebuild the open-data files (cron every few minutes)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from commune.opendata.build import build, current_build, is_stale


class Command(BaseCommand):
    help = (
        "Build every open-data file (CSV, JSON, Parquet, schemas, DCAT catalogue, ZIP) into a "
        "new directory and switch to it. With --if-stale, only when public data changed since "
        "the last build or it is a day old."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["build"], help="What to do: build.")
        parser.add_argument(
            "--if-stale",
            action="store_true",
            help="Build only when public data changed or the last build is 24 hours old.",
        )

    def handle(self, *args: Any, if_stale: bool, **options: Any) -> None:
        verbose = options["verbosity"] > 0
        if if_stale and not is_stale():
            if verbose:
                self.stdout.write(_("The open data is up to date: nothing to build."))
            return
        manifest = build(progress=self.stdout.write if verbose else lambda line: None)
        if verbose:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Open data built: %(datasets)d datasets in %(path)s")
                    % {"datasets": len(manifest["datasets"]), "path": current_build()}
                )
            )
