"""The open-data page and the downloads of the current build (public: open data is for all)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from commune.opendata.build import ARCHIVE, SCDL_FILE, all_datasets, published_file, read_manifest
from commune.opendata.catalogue import extra_files
from commune.opendata.schema import FORMATS, LICENCE

# Files a browser may show in place; every other one downloads as an attachment.
_INLINE = {"catalogue.jsonld", "catalogue.ttl", "datapackage.json"}


def _sections(manifest: dict[str, Any] | None) -> list[dict[str, Any]]:
    sections = []
    for dataset in all_datasets():
        built = manifest["datasets"].get(dataset.name) if manifest else None
        section: dict[str, Any] = {"dataset": dataset, "built": built, "downloads": []}
        if built:
            section["updated_at"] = datetime.datetime.fromisoformat(built["updated_at"])
            section["bytes"] = sum(file["bytes"] for file in built["files"].values())
            section["downloads"] = [
                {"label": fmt.upper(), "name": built["files"][fmt]["name"]} for fmt in FORMATS
            ] + [{"label": "Table Schema", "name": f"{dataset.name}.schema.json"}]
        section["extras"] = [
            extra for extra in extra_files(dataset, manifest or {}) if manifest or extra.get("live")
        ]
        sections.append(section)
    return sections


def index(request: HttpRequest) -> HttpResponse:
    """Every dataset: what it holds, its licence, update time, size, rows, dictionary, files."""
    manifest = read_manifest()
    context = {
        "manifest": manifest,
        "built_at": datetime.datetime.fromisoformat(manifest["built_at"]) if manifest else None,
        "sections": _sections(manifest),
        "licence_url": LICENCE["path"],
        "archive": ARCHIVE,
        "archive_bytes": manifest["files"][ARCHIVE]["bytes"] if manifest else None,
        "scdl_file": SCDL_FILE,
        "city_ics": reverse("meetings:city_ics"),
        "popolo": reverse("meetings:popolo"),
    }
    return render(request, "opendata/index.html", context)


def download(request: HttpRequest, filename: str) -> HttpResponse:
    """A file of the current build; before the first build, a page saying so (503)."""
    if read_manifest() is None:
        response = render(request, "opendata/not_built.html", status=503)
        response["Retry-After"] = "600"
        return response
    found = published_file(filename)
    if found is None:
        raise Http404("No such open-data file.")
    path, media_type = found
    if media_type.startswith("text/") or media_type == "application/json":
        media_type += "; charset=utf-8"
    response = FileResponse(
        path.open("rb"),
        content_type=media_type,
        as_attachment=filename not in _INLINE,
        filename=filename,
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
