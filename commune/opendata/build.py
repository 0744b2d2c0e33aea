"""Build every open-data file into a new directory, then switch to it in one rename.

Layout under COMMUNE_OPENDATA_DIR (MEDIA_ROOT/opendata by default): builds/<stamp>/ holds
one complete build with its manifest (manifest.json); the file CURRENT names the build
readers use. A build that fails leaves CURRENT, and so the previous build, untouched.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from commune.opendata import datasets, datasets_documents, datasets_more, scdl
from commune.opendata.catalogue import dcat_entries
from commune.opendata.dcat import catalogue_graph
from commune.opendata.registry import Dataset, site_url
from commune.opendata.schema import FORMATS, MEDIA_TYPES, data_package, table_schema
from commune.opendata.writers import write_formats

MANIFEST = "manifest.json"
POINTER = "CURRENT"
ARCHIVE = "donnees-ouvertes.zip"
SCDL_FILE = "deliberations-scdl.csv"
MAX_AGE = datetime.timedelta(hours=24)
EXTRA_MEDIA_TYPES = {
    ".jsonld": "application/ld+json",
    ".ttl": "text/turtle",
    ".pb": "text/plain",
    ".zip": "application/zip",
}
# Timestamp fields whose maximum tells that a public table changed (with row counts).
_CHANGE_FIELDS = ("updated_at", "created_at", "published_at", "corrected_at", "decided_at")


def all_datasets() -> list[Dataset]:
    return [*datasets.DATASETS, *datasets_more.DATASETS, *datasets_documents.DATASETS]


def opendata_dir() -> Path:
    configured = settings.COMMUNE_OPENDATA_DIR
    return Path(configured) if configured else Path(settings.MEDIA_ROOT) / "opendata"


def current_build() -> Path | None:
    """The directory of the build readers use, or None before the first build."""
    try:
        name = (opendata_dir() / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    path = opendata_dir() / "builds" / name
    return path if (path / MANIFEST).is_file() else None


def read_manifest() -> dict[str, Any] | None:
    build = current_build()
    if build is None:
        return None
    return json.loads((build / MANIFEST).read_text(encoding="utf-8"))


def published_file(filename: str) -> tuple[Path, str] | None:
    """The path and media type of a file of the current build (only names it lists)."""
    manifest = read_manifest()
    build = current_build()
    if manifest is None or build is None or filename not in manifest["files"]:
        return None
    return build / filename, manifest["files"][filename]["media_type"]


def fingerprint() -> str:
    """A digest of every public table's row count, largest id and latest timestamp."""
    parts = []
    for dataset in all_datasets():
        if dataset.queryset is None:
            continue
        queryset = dataset.queryset()
        names = {field.name for field in queryset.model._meta.concrete_fields}
        aggregates: dict[str, Any] = {"n": Count("pk"), "top": Max("pk")}
        aggregates |= {field: Max(field) for field in _CHANGE_FIELDS if field in names}
        figures = queryset.order_by().aggregate(**aggregates)
        parts.append(f"{dataset.name}:{sorted((k, str(v)) for k, v in figures.items())}")
    from commune.budgets.models import Budget

    parts.append(str(Budget.objects.filter(vote_closed_at__isnull=False).count()))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def needs_rebuild(
    *,
    built_at: datetime.datetime | None,
    built_fingerprint: str | None,
    current_fingerprint: str,
    now: datetime.datetime,
    max_age: datetime.timedelta = MAX_AGE,
) -> bool:
    """Rebuild when nothing is built yet, when public data changed, or at least daily."""
    if built_at is None or built_fingerprint is None:
        return True
    return built_fingerprint != current_fingerprint or now - built_at >= max_age


def is_stale(now: datetime.datetime | None = None) -> bool:
    manifest = read_manifest()
    built_at = datetime.datetime.fromisoformat(manifest["built_at"]) if manifest else None
    return needs_rebuild(
        built_at=built_at,
        built_fingerprint=manifest["fingerprint"] if manifest else None,
        current_fingerprint=fingerprint(),
        now=now or timezone.now(),
    )


def download_url(filename: str) -> str:
    return site_url(reverse("opendata:download", kwargs={"filename": filename}))


def build(progress: Callable[[str], None] = lambda line: None) -> dict[str, Any]:
    """Write every file into a new build directory and make it the current one."""
    root = opendata_dir()
    (root / "builds").mkdir(parents=True, exist_ok=True)
    now = timezone.now().replace(microsecond=0)
    scratch = Path(tempfile.mkdtemp(prefix=".building-", dir=root / "builds"))
    try:
        with translation.override(settings.LANGUAGE_CODE):
            manifest = _write_build(scratch, now, progress)
        # Named by the moment it finished, to the microsecond: names sort in build order.
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S%fZ-")
        final = root / "builds" / (stamp + scratch.name[-8:])
        scratch.rename(final)
        final.chmod(0o755)  # mkdtemp makes it private; the files are public
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    pointer = root / (POINTER + ".new")
    pointer.write_text(final.name, encoding="utf-8")
    os.replace(pointer, root / POINTER)
    _remove_old_builds(root / "builds", keep={final.name})
    return manifest


def _record(directory: Path, files: dict[str, Any], name: str, media_type: str) -> int:
    size = (directory / name).stat().st_size
    files[name] = {"bytes": size, "media_type": media_type}
    return size


def _media_type(name: str) -> str:
    suffix = Path(name).suffix
    return EXTRA_MEDIA_TYPES.get(suffix) or MEDIA_TYPES.get(suffix.lstrip("."), "text/plain")


def _write_build(
    directory: Path, now: datetime.datetime, progress: Callable[[str], None]
) -> dict[str, Any]:
    from commune.budgets.models import Budget
    from commune.budgets.services import pabulib_text
    from commune.meetings import popolo
    from commune.spaces.models import Space

    files: dict[str, Any] = {}
    manifest: dict[str, Any] = {"built_at": now.isoformat(), "datasets": {}, "files": files}
    manifest["fingerprint"] = fingerprint()
    dataset_list = all_datasets()
    for dataset in dataset_list:
        columns = [(column.name, column.type) for column in dataset.columns]
        paths = {fmt: directory / f"{dataset.name}.{fmt}" for fmt in FORMATS}
        rows = write_formats(dataset.iter_rows(), columns, paths)
        schema_name = f"{dataset.name}.schema.json"
        (directory / schema_name).write_text(
            json.dumps(table_schema(dataset), ensure_ascii=False, indent=2), encoding="utf-8"
        )
        _record(directory, files, schema_name, "application/json")
        entry = {"rows": rows, "updated_at": now.isoformat(), "files": {}}
        for fmt, path in paths.items():
            size = _record(directory, files, path.name, MEDIA_TYPES[fmt])
            entry["files"][fmt] = {"name": path.name, "bytes": size}
        manifest["datasets"][dataset.name] = entry
        progress(_("%(name)s: %(rows)d rows") % {"name": dataset.name, "rows": rows})

    manifest["scdl_rows"] = scdl.write_deliberations(directory / SCDL_FILE)
    _record(directory, files, SCDL_FILE, "text/csv")
    progress(_("SCDL deliberations: %(rows)d rows") % {"rows": manifest["scdl_rows"]})

    document = popolo.export(spaces=Space.objects.published(), url=site_url, now=now)
    (directory / "popolo.json").write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    _record(directory, files, "popolo.json", "application/json")

    manifest["ballots"] = []
    closed = Budget.objects.visible().filter(vote_closed_at__isnull=False).order_by("id")
    for budget in closed:
        name = f"budget-{budget.pk}.pb"
        (directory / name).write_text(pabulib_text(budget), encoding="utf-8")
        _record(directory, files, name, "text/plain")
        manifest["ballots"].append({"budget_id": budget.pk, "title": budget.title, "file": name})
    progress(_("Anonymous ballots: %(n)d files") % {"n": len(manifest["ballots"])})

    title, description = _catalogue_words()
    package = data_package(
        title=title, description=description, datasets=dataset_list, manifest=manifest
    )
    (directory / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    _record(directory, files, "datapackage.json", "application/json")

    graph = catalogue_graph(
        catalogue_uri=site_url(reverse("opendata:dcat_jsonld")),
        title=title,
        description=description,
        publisher_name=settings.COMMUNE_CITY_NAME,
        homepage=site_url(reverse("opendata:index")),
        language=settings.LANGUAGE_CODE,
        modified=now.isoformat(),
        datasets=dcat_entries(dataset_list, manifest, download_url),
    )
    graph.serialize(directory / "catalogue.ttl", format="turtle", encoding="utf-8")
    graph.serialize(directory / "catalogue.jsonld", format="json-ld", encoding="utf-8")
    for name in ("catalogue.ttl", "catalogue.jsonld"):
        _record(directory, files, name, _media_type(name))

    _write_archive(directory, sorted(files))
    _record(directory, files, ARCHIVE, "application/zip")
    progress(_("Archive of everything: %(name)s") % {"name": ARCHIVE})
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def _catalogue_words() -> tuple[str, str]:
    city = settings.COMMUNE_CITY_NAME
    return (
        _("Open data of %(city)s's participation platform") % {"city": city},
        _(
            "Participation spaces, contributions and the city's answers, decisions and "
            "commitments, meetings, participatory budgets, texts and wiki pages of %(city)s, "
            "updated at least daily, under the Licence Ouverte 2.0."
        )
        % {"city": city},
    )


def _write_archive(directory: Path, names: list[str]) -> None:
    # Written file by file (zipfile streams each one in chunks): memory stays flat.
    with zipfile.ZipFile(directory / ARCHIVE, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.write(directory / name, arcname=name)


def _remove_old_builds(builds: Path, keep: set[str]) -> None:
    """Keep the new build and the one before it (a reader may still be downloading it)."""
    finished = sorted(
        (path for path in builds.iterdir() if path.is_dir() and not path.name.startswith(".")),
        key=lambda path: path.name,
    )
    for path in finished[:-2]:
        if path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)
    # A build killed midway (power cut, OOM) leaves its scratch directory: gone after a day,
    # long after any build still running could need it.
    day_ago = time.time() - MAX_AGE.total_seconds()
    for path in builds.glob(".building-*"):
        if path.stat().st_mtime < day_ago:
            shutil.rmtree(path, ignore_errors=True)
