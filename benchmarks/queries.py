"""Count the SQL queries of each page at small and at full scale: they must not grow.

    python -m benchmarks.queries [--database sqlite|postgres] [--no-demo]

Loads the small data set (1,000 contributions) into a fresh database with the
production settings, requests each page in this process with Django's test client and
counts its queries; then adds rows up to the full data set (10,000 contributions,
100,000 supports, 50,000 comments) in the same space and counts again. Each page is
counted for an anonymous visitor and for a logged-in resident who supports and comments.
A page whose count changes with the size of the data has an N+1 query: the command then
exits with status 1.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import (
    SCALES,
    Page,
    database_url,
    describe_machine,
    drop_database,
    load,
    pages,
    production_environment,
    setup_django,
)

POSTGRES_NAME = "commune_bench_queries"


def count_queries(client: Any, path: str) -> int:
    """The queries one GET of `path` makes, after a first GET that fills the caches."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}, not 200")
    return len(queries.captured_queries)


def page_list(slug: str) -> list[Page]:
    """The measured pages, plus a contribution with few comments for comparison."""
    from django.urls import reverse

    from commune.contributions.models import Contribution

    found, _missing = pages(slug)
    few = (
        Contribution.objects.filter(space__slug=slug, comment_count__range=(1, 5))
        .order_by("pk")
        .first()
    )
    if few is not None and any(page.path.startswith("/contributions/") for page in found):
        try:
            path = reverse("contributions:detail", kwargs={"pk": few.pk})
        except Exception:
            return found
        found.append(Page(f"contribution ({few.comment_count} comment(s))", path))
    return found


def counts_for(targets: list[Page], resident: Any) -> dict[str, tuple[int, int]]:
    """{label: (anonymous, logged-in resident)} query counts."""
    from django.test import Client

    anonymous, logged_in = Client(), Client()
    logged_in.force_login(resident)
    return {
        page.label: (count_queries(anonymous, page.path), count_queries(logged_in, page.path))
        for page in targets
    }


def active_resident(slug: str) -> Any:
    """A resident of the data set who supports and comments in the space."""
    from commune.contributions.models import Comment

    comment = Comment.objects.filter(contribution__space__slug=slug).order_by("pk").first()
    return comment.author


def table(
    targets: list[Page], small: dict[str, tuple[int, int]], full: dict[str, tuple[int, int]]
) -> tuple[str, bool]:
    head = (
        f"{'page':<34} {'anonymous small':>15} {'anonymous full':>14} "
        f"{'resident small':>14} {'resident full':>13}"
    )
    rows, constant = [head, "-" * len(head)], True
    for page in targets:
        (a_small, r_small), (a_full, r_full) = small[page.label], full[page.label]
        same = a_small == a_full and r_small == r_full
        constant = constant and same
        rows.append(
            f"{page.label:<34} {a_small:>15} {a_full:>14} {r_small:>14} {r_full:>13}"
            + ("" if same else "   ← grows with the data")
        )
    return "\n".join(rows), constant


def run(args: argparse.Namespace) -> int:
    from_small = SCALES["small"]
    to_full = {key: SCALES["full"][key] - from_small[key] for key in from_small}
    with tempfile.TemporaryDirectory(prefix="commune-queries-") as tmp:
        folder = Path(tmp)
        (folder / "data").mkdir()
        env = production_environment(folder, database_url(args.database, folder, POSTGRES_NAME))
        setup_django(env)
        try:
            from django.core.management import call_command
            from django.test.utils import setup_test_environment

            from commune.core.management.commands.loadscale import DEFAULT_SLUG

            setup_test_environment()  # lets the test client's host in, e-mails in memory
            print(f"Loading the small data set on {args.database}: {from_small}")
            load(from_small, demo=not args.no_demo, verbosity=0)
            call_command("collectstatic", interactive=False, verbosity=0)
            targets = page_list(DEFAULT_SLUG)
            resident = active_resident(DEFAULT_SLUG)
            small = counts_for(targets, resident)
            print(f"Adding rows up to the full data set: {SCALES['full']}")
            with open(tmp + "/loadscale.log", "w") as log:
                call_command("loadscale", stdout=log, space=DEFAULT_SLUG, **to_full)
            full = counts_for(targets, resident)
            text, constant = table(targets, small, full)
            print(f"\nSQL queries per page, {args.database} — {describe_machine(args.database)}")
            print(text)
            if not constant:
                print("\nA page's query count grows with the data: look for an N+1 query.")
            return 0 if constant else 1
        finally:
            drop_database(args.database, POSTGRES_NAME)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.queries", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--no-demo", action="store_true", help="skip the demo city")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
