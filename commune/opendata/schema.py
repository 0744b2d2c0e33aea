"""Frictionless Table Schemas and the Data Package (datapackage.json) describing a build."""

from __future__ import annotations

from typing import Any

from commune.opendata.registry import Dataset

LICENCE = {
    "name": "etalab-2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "title": "Licence Ouverte / Open Licence 2.0",
}
MEDIA_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
}
FORMATS = tuple(MEDIA_TYPES)


def table_schema(dataset: Dataset) -> dict[str, Any]:
    """The Table Schema of a dataset's CSV: fields with types and meanings, primary key."""
    fields = []
    for column in dataset.columns:
        field: dict[str, Any] = {
            "name": column.name,
            "type": column.type,
            "description": str(column.description),
        }
        if column.type == "datetime":
            field["format"] = "default"  # ISO 8601 in UTC: 2026-03-01T09:30:00Z
        fields.append(field)
    return {
        "fields": fields,
        "primaryKey": list(dataset.primary_key),
        "missingValues": [""],
    }


def data_package(
    *, title: str, description: str, datasets: list[Dataset], manifest: dict[str, Any]
) -> dict[str, Any]:
    """One resource per dataset and format; every CSV resource carries its Table Schema."""
    resources = []
    for dataset in datasets:
        entry = manifest["datasets"][dataset.name]
        for fmt in FORMATS:
            file = entry["files"][fmt]
            resource: dict[str, Any] = {
                "name": f"{dataset.name}-{fmt}",
                "path": file["name"],
                "title": str(dataset.title),
                "description": str(dataset.description),
                "format": fmt,
                "mediatype": MEDIA_TYPES[fmt],
                "bytes": file["bytes"],
                "licenses": [LICENCE],
            }
            if fmt == "csv":
                resource |= {
                    "profile": "tabular-data-resource",
                    "encoding": "utf-8",
                    "dialect": {"delimiter": ",", "header": True},
                    "schema": table_schema(dataset),
                }
            resources.append(resource)
    return {
        "name": "commune-open-data",
        "title": title,
        "description": description,
        "licenses": [LICENCE],
        "created": manifest["built_at"],
        "resources": resources,
    }
