"""The `commune` command: Django's management commands with Commune's settings."""

from __future__ import annotations

import os
import sys

from django.core.exceptions import ImproperlyConfigured


def main(argv: list[str] | None = None) -> int:
    """Run a management command; configuration errors end in one line, not a traceback."""
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "commune"
    if len(argv) > 1 and argv[1] == "demo":
        # The demo serves plain HTTP on localhost, with a generated secret key.
        os.environ.setdefault("COMMUNE_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commune.settings")

    from commune.i18n import compile_catalogs

    compile_catalogs()
    try:
        import django

        django.setup()
    except ImproperlyConfigured as error:
        print(f"commune: configuration error: {error}", file=sys.stderr)
        return 2

    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
