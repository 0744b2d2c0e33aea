"""Fixtures of the contributions tests: an open space with the tool, people, files to upload."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from commune.accounts.models import Resident, Role, Verification
from commune.spaces.models import Space
from commune.territory.models import Neighbourhood
from tests.factories import NeighbourhoodFactory, ResidentFactory, SpaceFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path: Path) -> Path:
    """Uploads go to a fresh folder per test, so a test can see every file written."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def stored_files(_media_root: Path) -> Callable[[], list[Path]]:
    def files() -> list[Path]:
        return sorted(path for path in _media_root.rglob("*") if path.is_file())

    return files


@pytest.fixture
def neighbourhood(db: None) -> Neighbourhood:
    return NeighbourhoodFactory(name="Nantes Nord", slug="nantes-nord")


@pytest.fixture
def other_neighbourhood(db: None) -> Neighbourhood:
    return NeighbourhoodFactory(name="Île de Nantes", slug="ile-de-nantes")


@pytest.fixture
def space(db: None) -> Space:
    """An open, published, city-wide process that takes contributions."""
    return SpaceFactory(
        title="Aménager les quais", slug="quais", components=["contributions", "meetings"]
    )


@pytest.fixture
def resident(db: None) -> Resident:
    return ResidentFactory(email="camille@example.org", display_name="Camille")


@pytest.fixture
def other_resident(db: None) -> Resident:
    return ResidentFactory(email="dominique@example.org", display_name="Dominique")


@pytest.fixture
def unverified(db: None) -> Resident:
    return ResidentFactory(
        email="nouveau@example.org", display_name="Nouveau", verification=Verification.UNVERIFIED
    )


@pytest.fixture
def moderator(db: None) -> Resident:
    return ResidentFactory(email="claire@example.org", display_name="Claire", role=Role.MODERATOR)


@pytest.fixture
def agent(db: None) -> Resident:
    return ResidentFactory(email="karim@example.org", display_name="Karim", role=Role.AGENT)


def image_bytes(image_format: str = "PNG", size: tuple[int, int] = (8, 6)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=image_format)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.text",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "rien")
    return buffer.getvalue()


def form_data(place: Neighbourhood | None = None, /, **overrides: object) -> dict:
    """A valid contribution form, as a browser sends it (`place`: its neighbourhood)."""
    data: dict[str, object] = {
        "kind": "proposal",
        "title": "Des bancs sur les quais",
        "body": "Installer **dix bancs** à l'ombre des arbres.",
        "pillar": "participation",
        "neighbourhood": place.slug if place else "",
        "image_alt": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def one_rate_limit_window(monkeypatch) -> None:
    """Keep django-ratelimit's clock still, so a slow test run never crosses a minute's
    boundary (which would reset the counters half-way through a rate-limit test)."""
    import time
    import types

    import django_ratelimit.core

    frozen = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: frozen))
