"""What the files hold: CSV, JSON, Parquet, Table Schemas, DCAT-AP, SCDL, read by other tools."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from frictionless import Resource, Schema
from rdflib import Graph, namespace

from commune.opendata.build import all_datasets, build, current_build
from commune.opendata.scdl import COLUMNS as SCDL_COLUMNS

pytestmark = pytest.mark.django_db


def _csv(name: str) -> list[dict[str, str]]:
    with (current_build() / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_contributions_csv_is_utf8_comma_header_iso_dates_without_hidden_or_draft_ones(
    city, built: dict
) -> None:
    raw = (current_build() / "contributions.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark (docs/open-data.md)"
    assert raw.splitlines()[0].decode() == ",".join(
        column.name for column in all_datasets()[1].columns
    )
    rows = {row["title"]: row for row in _csv("contributions.csv")}
    assert set(rows) == {"Des bancs sur les quais", "'=1+1"}, "formula defused, hidden left out"
    ours = rows["Des bancs sur les quais"]
    assert ours["author"] == "Camille des Quais"
    assert ours["support_count"] == "1"
    assert ours["created_at"].endswith("Z")
    assert ours["created_at"][10] == "T"
    assert ours["due_on"] == city.contribution.due_on.isoformat()
    assert ours["url"].endswith(f"/contributions/{city.contribution.pk}/")
    assert rows["'=1+1"]["author"] == "Jeanne (papier)"


def test_json_is_an_array_of_the_same_rows(built: dict) -> None:
    records = json.loads((current_build() / "contributions.json").read_text(encoding="utf-8"))
    assert [record["title"] for record in records] == ["Des bancs sur les quais", "=1+1"]
    assert isinstance(records[0]["support_count"], int)


def test_parquet_keeps_types(built: dict) -> None:
    table = pq.read_table(current_build() / "meetings.parquet")
    assert str(table.schema.field("starts_at").type) == "timestamp[ms, tz=UTC]"
    assert str(table.schema.field("step_free_access").type) == "bool"
    results = pq.read_table(current_build() / "budget_results.parquet").to_pylist()
    assert {(row["title"], row["votes"], row["funded"]) for row in results} == {
        ("Bancs", 2, True),
        ("Arbres", 1, True),
    }


def test_pandas_loads_every_csv_and_parquet_with_the_same_rows(built: dict) -> None:
    for dataset in all_datasets():
        entry = built["datasets"][dataset.name]
        from_csv = pd.read_csv(current_build() / f"{dataset.name}.csv")
        from_parquet = pd.read_parquet(current_build() / f"{dataset.name}.parquet")
        assert list(from_csv.columns) == dataset.column_names
        assert list(from_parquet.columns) == dataset.column_names
        assert len(from_csv) == len(from_parquet) == entry["rows"]


def test_every_csv_validates_against_its_table_schema(built: dict) -> None:
    package = json.loads((current_build() / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "etalab-2.0"
    csv_resources = [resource for resource in package["resources"] if resource["format"] == "csv"]
    assert len(csv_resources) == len(all_datasets())
    for resource in csv_resources:
        report = Resource(
            path=resource["path"],
            basepath=str(current_build()),
            schema=Schema.from_descriptor(resource["schema"]),
        ).validate()
        assert report.valid, (resource["name"], report.flatten(["rowNumber", "fieldName", "note"]))
        assert built["datasets"][resource["name"].removesuffix("-csv")]["rows"] >= 0


def test_every_dataset_has_something_in_the_city(built: dict) -> None:
    empty = [name for name, entry in built["datasets"].items() if entry["rows"] == 0]
    assert empty == []


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize(
    ("name", "fmt"), [("catalogue.ttl", "turtle"), ("catalogue.jsonld", "json-ld")]
)
def test_the_dcat_catalogue_parses_with_the_mandatory_properties(
    built: dict, name: str, fmt: str
) -> None:
    # Namespaces taken here: pytest's collection trips over rdflib's DCAT at module level.
    dcat, dct, foaf, rdf = namespace.DCAT, namespace.DCTERMS, namespace.FOAF, namespace.RDF
    graph = Graph().parse(current_build() / name, format=fmt)
    catalogues = list(graph.subjects(rdf.type, dcat.Catalog))
    assert len(catalogues) == 1
    catalogue = catalogues[0]
    for prop in (dct.title, dct.description, dct.publisher):
        assert graph.value(catalogue, prop) is not None, prop
    assert graph.value(graph.value(catalogue, dct.publisher), foaf.name) is not None
    datasets = set(graph.objects(catalogue, dcat.dataset))
    assert len(datasets) == len(all_datasets())
    for dataset in datasets:
        for prop in (
            dct.title,
            dct.description,
            dct.identifier,
            dct.publisher,
            dct.license,
            dct.modified,
            dcat.theme,
            dcat.keyword,
        ):
            assert graph.value(dataset, prop) is not None, (dataset, prop)
        distributions = list(graph.objects(dataset, dcat.distribution))
        assert len(distributions) >= 3
        for distribution in distributions:
            for prop in (dcat.accessURL, dcat.downloadURL, dct.format, dcat.mediaType):
                assert graph.value(distribution, prop) is not None, (dataset, prop)
            assert graph.value(distribution, dct.license) is not None
    sizes = [int(size) for size in graph.objects(None, dcat.byteSize)]
    assert len(sizes) >= 3 * len(all_datasets())
    assert all(size > 0 for size in sizes)


def test_attendance_is_counts_per_channel(city, built: dict) -> None:
    rows = {row["meeting_id"]: row for row in _csv("attendance.csv")}
    ours = rows[str(city.meeting.pk)]
    assert (ours["total"], ours["registered_online"], ours["paper"]) == ("2", "1", "1")


def test_scdl_deliberations_have_the_schema_columns_and_the_room_vote(
    city, settings, opendata_dir
) -> None:
    settings.COMMUNE_CITY_SIRET = "21440109300015"
    build()
    path: Path = current_build() / "deliberations-scdl.csv"
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.reader(file)
        assert tuple(next(reader)) == SCDL_COLUMNS
        rows = [dict(zip(SCDL_COLUMNS, row, strict=True)) for row in reader]
    assert len(rows) == 1
    row = rows[0]
    assert row["DELIB_OBJET"] == "Des bancs en mars"
    assert row["DELIB_DATE"] == city.decision.decided_on.isoformat()
    assert (row["VOTE_POUR"], row["VOTE_CONTRE"], row["VOTE_ABSTENTION"]) == ("12", "3", "2")
    assert row["VOTE_REEL"] == "17"
    assert row["COLL_NOM"]
    assert row["DELIB_MATIERE_CODE"]
    assert row["DELIB_ID"]
