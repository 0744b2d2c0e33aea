"""The open-data page and its downloads, before and after the first build."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from commune.opendata.build import all_datasets

pytestmark = pytest.mark.django_db


def test_before_the_first_build_the_page_lists_datasets_and_downloads_say_so(
    client, city, opendata_dir
) -> None:
    page = client.get(reverse("opendata:index"))
    assert page.status_code == 200
    text = page.content.decode()
    for dataset in all_datasets():
        assert f'id="{dataset.name}"' in text
    assert "<details>" in text, "the data dictionary is there"
    assert "<code>support_count</code>" in text
    download = client.get(reverse("opendata:download", kwargs={"filename": "spaces.csv"}))
    assert download.status_code == 503
    assert download["Retry-After"]
    assert reverse("opendata:index") in download.content.decode()


def test_the_page_shows_rows_size_update_and_every_download(client, city, built: dict) -> None:
    page = client.get(reverse("opendata:index"))
    text = page.content.decode()
    assert "etalab-2.0" in text
    rows = built["datasets"]["contributions"]["rows"]
    assert f"<dd>{rows}</dd>" in text
    for dataset in all_datasets():
        for fmt in ("csv", "json", "parquet"):
            url = reverse("opendata:download", kwargs={"filename": f"{dataset.name}.{fmt}"})
            assert f'href="{url}"' in text
        schema = reverse("opendata:download", kwargs={"filename": f"{dataset.name}.schema.json"})
        assert f'href="{schema}"' in text
    assert reverse("opendata:download", kwargs={"filename": "donnees-ouvertes.zip"}) in text
    assert reverse("opendata:download", kwargs={"filename": "deliberations-scdl.csv"}) in text
    ballots = f"budget-{city.budget.pk}.pb"
    assert reverse("opendata:download", kwargs={"filename": ballots}) in text
    assert reverse("meetings:city_ics") in text
    assert reverse("meetings:popolo") in text
    assert reverse("opendata:dcat_turtle") in text


@pytest.mark.parametrize(
    ("filename", "content_type", "attachment"),
    [
        ("contributions.csv", "text/csv; charset=utf-8", True),
        ("contributions.json", "application/json; charset=utf-8", True),
        ("contributions.parquet", "application/vnd.apache.parquet", True),
        ("datapackage.json", "application/json; charset=utf-8", False),
        ("donnees-ouvertes.zip", "application/zip", True),
    ],
)
def test_downloads_have_their_type_and_name(
    client, built: dict, filename: str, content_type: str, attachment: bool
) -> None:
    response = client.get(reverse("opendata:download", kwargs={"filename": filename}))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment" if attachment else "inline")
    assert filename in response["Content-Disposition"]


def test_the_dcat_catalogue_has_stable_addresses(client, built: dict) -> None:
    turtle = client.get("/donnees-ouvertes/catalogue.ttl")
    assert turtle.status_code == 200
    assert turtle["Content-Type"].startswith("text/turtle")
    assert b"dcat:Catalog" in b"".join(turtle.streaming_content)
    jsonld = client.get("/en/donnees-ouvertes/catalogue.jsonld")
    assert jsonld["Content-Type"].startswith("application/ld+json")


def test_the_zip_holds_every_file_of_the_build(client, built: dict) -> None:
    response = client.get(reverse("opendata:download", kwargs={"filename": "donnees-ouvertes.zip"}))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    assert "datapackage.json" in names
    assert "catalogue.ttl" in names
    for dataset in all_datasets():
        assert {f"{dataset.name}.csv", f"{dataset.name}.parquet", f"{dataset.name}.json"} <= names


@pytest.mark.parametrize("filename", ["manifest.json", "../../settings.py", "CURRENT", "x.csv"])
def test_only_published_files_are_served(client, built: dict, filename: str) -> None:
    url = reverse("opendata:index") + "fichiers/" + filename
    assert client.get(url).status_code == 404
