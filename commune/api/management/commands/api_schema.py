"""`commune api_schema`: write the API's OpenAPI schema to commune/api/openapi.json, or check it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commune.api.schema import build_schema

COMMITTED_SCHEMA = Path(__file__).resolve().parents[2] / "openapi.json"


def schema_text() -> str:
    """The schema as the committed file holds it: sorted keys, two-space indents, UTF-8."""
    return json.dumps(build_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Write the public API's OpenAPI schema to commune/api/openapi.json (or --check it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail when the committed schema differs from the code's.",
        )

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        text = schema_text()
        if check:
            committed = COMMITTED_SCHEMA.read_text(encoding="utf-8")
            if json.loads(committed) != json.loads(text):
                raise CommandError(
                    f"{COMMITTED_SCHEMA} is out of date: run `commune api_schema` and commit it."
                )
            self.stdout.write("The committed OpenAPI schema is up to date.")
            return
        COMMITTED_SCHEMA.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {COMMITTED_SCHEMA}.")
