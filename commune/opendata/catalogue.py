"""What the catalogue lists for each dataset: its files and the live feeds that go with it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from commune.opendata.registry import Dataset, site_url
from commune.opendata.schema import FORMATS, MEDIA_TYPES

SCDL_SCHEMA = "https://schema.data.gouv.fr/scdl/deliberations/"
POPOLO_SPEC = "https://www.popoloproject.com/specs/"
PABULIB_SPEC = "https://pabulib.org/format"


def extra_files(dataset: Dataset, manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The other formats of a dataset: SCDL, Popolo, iCalendar, Pabulib ballots.

    `file` names a file of the build (downloaded from there); `live` is a page of the site
    that serves the same data fresh.
    """
    from django.utils.translation import gettext as _

    if dataset.name == "decisions":
        return [
            {
                "title": _("Deliberations in the national SCDL format (CSV)"),
                "file": "deliberations-scdl.csv",
                "format": "csv",
                "media_type": "text/csv",
                "conforms_to": SCDL_SCHEMA,
            }
        ]
    if dataset.name in {"meetings", "room_votes"}:
        extras = [
            {
                "title": _("Councils, meetings, motions and vote counts as Popolo JSON"),
                "file": "popolo.json",
                "live": reverse("meetings:popolo"),
                "format": "json",
                "media_type": "application/json",
                "conforms_to": POPOLO_SPEC,
            }
        ]
        if dataset.name == "meetings":
            extras.append(
                {
                    "title": _("Meetings as an iCalendar feed"),
                    "live": reverse("meetings:city_ics"),
                    "format": "ics",
                    "media_type": "text/calendar",
                }
            )
        return extras
    if dataset.name == "budget_results":
        return [
            {
                "title": _("Anonymous ballots of “%(budget)s” (Pabulib)")
                % {"budget": entry["title"]},
                "file": entry["file"],
                "live": reverse("budgets:ballots_pb", kwargs={"pk": entry["budget_id"]}),
                "format": "pb",
                "media_type": "text/plain",
                "conforms_to": PABULIB_SPEC,
            }
            for entry in manifest.get("ballots", [])
        ]
    return []


def dcat_entries(
    datasets: list[Dataset], manifest: dict[str, Any], download_url: Callable[[str], str]
) -> list[dict[str, Any]]:
    """The datasets as catalogue_graph wants them."""
    homepage = site_url(reverse("opendata:index"))
    entries = []
    for dataset in datasets:
        built = manifest["datasets"][dataset.name]
        distributions = [
            {
                "title": f"{dataset.title} ({fmt.upper()})",
                "url": download_url(built["files"][fmt]["name"]),
                "access_url": homepage,
                "format": fmt,
                "media_type": MEDIA_TYPES[fmt],
                "bytes": built["files"][fmt]["bytes"],
            }
            for fmt in FORMATS
        ]
        for extra in extra_files(dataset, manifest):
            live = site_url(extra["live"]) if extra.get("live") else None
            file = extra.get("file")
            distributions.append(
                {
                    "title": extra["title"],
                    "url": download_url(file) if file else live,
                    "access_url": live or homepage,
                    "format": extra["format"],
                    "media_type": extra["media_type"],
                    "bytes": manifest["files"][file]["bytes"] if file else None,
                    "conforms_to": extra.get("conforms_to"),
                }
            )
        entries.append(
            {
                "uri": f"{homepage}#{dataset.name}",
                "identifier": dataset.name,
                "title": str(dataset.title),
                "description": str(dataset.description),
                "keywords": dataset.keywords,
                "modified": built["updated_at"],
                "distributions": distributions,
            }
        )
    return entries
