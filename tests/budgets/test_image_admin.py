"""City agents add images to a project in the back office, checked as on the site."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from commune.budgets.models import MAX_PROJECT_IMAGES
from tests.factories import BudgetProjectFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _post(client, project, image_id: str = "", **image_fields: object):
    """The project's change form with one gallery row (`image_id`: an existing image)."""
    data = {
        "title": project.title,
        "description": project.description,
        "neighbourhood": "",
        "location": "",
        "contribution": "",
        "images-TOTAL_FORMS": "1",
        "images-INITIAL_FORMS": "1" if image_id else "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": str(MAX_PROJECT_IMAGES),
        "images-0-id": image_id,
        "images-0-project": str(project.pk),
        "images-0-position": "0",
    }
    data.update({f"images-0-{name}": value for name, value in image_fields.items()})
    return client.post(reverse("admin:budgets_project_change", args=[project.pk]), data)


def _change(client, project, upload, alt_text: str):
    return _post(client, project, image=upload, alt_text=alt_text)


def test_an_agent_adds_an_image_with_its_description(client, agent, media_root) -> None:
    project = BudgetProjectFactory()
    client.force_login(agent)
    picture = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(picture, format="PNG")
    response = _change(
        client, project, SimpleUploadedFile("a.png", picture.getvalue()), "Le lavoir"
    )
    assert response.status_code == 302
    assert [p.alt_text for p in project.images.all()] == ["Le lavoir"]
    assert len([p for p in media_root.rglob("*") if p.is_file()]) == 1


def test_the_back_office_refuses_a_file_that_is_not_an_image(client, agent, media_root) -> None:
    project = BudgetProjectFactory()
    client.force_login(agent)
    fake = SimpleUploadedFile("a.png", b"not a picture at all")
    response = _change(client, project, fake, "Le lavoir")
    assert response.status_code == 200
    assert "This file is not a JPEG, PNG or WebP image." in response.content.decode()
    assert not project.images.exists()
    assert not [p for p in media_root.rglob("*") if p.is_file()]


def _files(media_root: Path) -> list[Path]:
    return [p for p in media_root.rglob("*") if p.is_file()]


def _png(colour: str) -> SimpleUploadedFile:
    picture = io.BytesIO()
    Image.new("RGB", (20, 20), colour).save(picture, format="PNG")
    return SimpleUploadedFile(f"{colour}.png", picture.getvalue())


def _edit_image(client, project, **fields: object):
    """The change form with the project's one image, its fields overridden by `fields`."""
    picture = project.images.get()
    return _post(client, project, str(picture.pk), alt_text=picture.alt_text, **fields)


@pytest.fixture
def illustrated(client, agent):
    """A project whose one image an agent, logged in, has just added in the back office."""
    project = BudgetProjectFactory()
    client.force_login(agent)
    _change(client, project, _png("blue"), "Le lavoir")
    return project


def test_removing_an_image_deletes_its_file(
    client, illustrated, media_root, django_capture_on_commit_callbacks
) -> None:
    project = illustrated
    assert len(_files(media_root)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = _edit_image(client, project, DELETE="on")
    assert response.status_code == 302
    assert not project.images.exists()
    assert _files(media_root) == []


def test_replacing_an_image_deletes_the_old_file(
    client, illustrated, media_root, django_capture_on_commit_callbacks
) -> None:
    project = illustrated
    (old,) = _files(media_root)
    with django_capture_on_commit_callbacks(execute=True):
        response = _edit_image(client, project, image=_png("green"))
    assert response.status_code == 302
    (new,) = _files(media_root)
    assert new != old
    assert project.images.get().image.name.endswith(new.name)


def test_deleting_a_project_deletes_its_image_files(
    illustrated, media_root, django_capture_on_commit_callbacks
) -> None:
    assert len(_files(media_root)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        illustrated.delete()
    assert _files(media_root) == []
