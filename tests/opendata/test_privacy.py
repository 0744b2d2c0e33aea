"""No personal data in any file: e-mails, demographics, who supported, registered or voted."""

from __future__ import annotations

import zipfile

import pytest

from commune.opendata.build import ARCHIVE, all_datasets, current_build
from commune.opendata.registry import pseudonym
from tests.opendata.conftest import SECRETS

pytestmark = pytest.mark.django_db

# Column names that would carry an account or personal detail.
FORBIDDEN_COLUMNS = {
    "email",
    "resident_id",
    "user_id",
    "author_id",
    "gender",
    "age_band",
    "occupation",
    "phone",
    "ip",
    "ip_address",
    "proposed_by",
    "supporters",
}


def _everything(build_dir) -> dict[str, str]:
    """Every file of the build, and every file inside the ZIP, as text."""
    contents = {}
    for path in build_dir.iterdir():
        if path.name == ARCHIVE:
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    data = archive.read(member)
                    contents[f"zip:{member}"] = data.decode("utf-8", errors="replace")
        else:
            contents[path.name] = path.read_bytes().decode("utf-8", errors="replace")
    return contents


def test_no_private_value_is_in_any_file_the_zip_included(city, built: dict) -> None:
    contents = _everything(current_build())
    assert any(name.startswith("zip:") and name.endswith(".parquet") for name in contents)
    secrets = [*SECRETS.values(), pseudonym(city.supporter.pk), pseudonym(city.voter.pk)]
    for name, text in contents.items():
        for secret in secrets:
            assert secret not in text, f"{secret!r} leaked into {name}"


def test_public_names_are_there_and_comment_authors_pseudonymised(city, built: dict) -> None:
    contents = _everything(current_build())
    assert "Camille des Quais" in contents["contributions.csv"]
    comments = contents["comments.csv"]
    stable = pseudonym(city.commenter.pk)
    assert comments.count(stable) == 2, "the same author has the same pseudonym"
    assert stable != str(city.commenter.pk)
    assert "Malo" in comments, "the name the commenter chose to show, as on the page"


def test_no_column_names_a_person_or_their_demographics() -> None:
    for dataset in all_datasets():
        assert not set(dataset.column_names) & FORBIDDEN_COLUMNS, dataset.name


def test_pseudonyms_change_with_the_server_secret(settings) -> None:
    first = pseudonym(42)
    settings.SECRET_KEY = "another secret key for another city, quite long enough"
    assert pseudonym(42) != first
    assert len(first) == 16
