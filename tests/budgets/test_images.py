"""A project's gallery: several images with their descriptions, checked, shown in order."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from commune.budgets import services
from commune.budgets.models import MAX_PROJECT_IMAGES, Project, ProjectImage
from commune.contributions.uploads import clean_image
from tests.factories import BudgetFactory, BudgetProjectFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _png(name: str = "photo.png", colour: str = "green") -> SimpleUploadedFile:
    picture = io.BytesIO()
    Image.new("RGB", (24, 16), colour).save(picture, format="PNG")
    return SimpleUploadedFile(name, picture.getvalue(), content_type="image/png")


def _stored_files(media_root: Path) -> list[Path]:
    return [path for path in media_root.rglob("*") if path.is_file()]


def _proposal(images: list[tuple[object, str]], total: int = 3) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Une cour verte",
        "description": "Des arbres dans la cour de l'école.",
        "estimated_cost": "45000",
        "location": "École Jules-Verne",
        "images-TOTAL_FORMS": str(total),
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": str(MAX_PROJECT_IMAGES),
    }
    for index, (upload, alt_text) in enumerate(images):
        if upload is not None:
            data[f"images-{index}-image"] = upload
        data[f"images-{index}-alt_text"] = alt_text
    return data


def _submit(client, budget, data):
    return client.post(reverse("budgets:submit", kwargs={"pk": budget.pk}), data)


def test_the_form_offers_several_labelled_image_rows(client, resident) -> None:
    budget = BudgetFactory(phase="submission")
    client.force_login(resident)
    page = client.get(reverse("budgets:submit", kwargs={"pk": budget.pk})).content.decode()
    assert page.count('type="file"') == 3
    assert '<label for="id_images-2-alt_text">Image description' in page
    assert "Up to 3 images, each with a description" in page


def test_several_images_are_saved_in_order_with_their_descriptions(
    client, resident, media_root
) -> None:
    budget = BudgetFactory(phase="submission")
    client.force_login(resident)
    response = _submit(
        client,
        budget,
        _proposal(
            [
                (_png("avant.png", "grey"), "La cour aujourd'hui, goudronnée"),
                (_png("apres.png", "green"), "  La cour plantée,\n vue du préau  "),
                (None, ""),  # an empty row is ignored
            ]
        ),
    )
    project = Project.objects.get()
    assert response.status_code == 302
    assert [(p.position, p.alt_text) for p in project.images.all()] == [
        (0, "La cour aujourd'hui, goudronnée"),
        (1, "La cour plantée, vue du préau"),
    ]
    # Re-encoded under a random name: the sender's file name is not kept.
    assert all(p.image.name.endswith(".png") for p in project.images.all())
    assert not any("avant" in p.image.name for p in project.images.all())
    assert len(_stored_files(media_root)) == 2


def test_an_image_without_description_is_refused_and_nothing_is_saved(
    client, resident, media_root
) -> None:
    budget = BudgetFactory(phase="submission")
    client.force_login(resident)
    response = _submit(
        client, budget, _proposal([(_png(), "La cour aujourd'hui"), (_png("b.png"), "   ")])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_images-1-alt_text_error"' in page
    assert "Describe the image for people who cannot see it." in page
    assert "<title>Error:" in page
    assert not Project.objects.exists()
    assert not ProjectImage.objects.exists()
    assert _stored_files(media_root) == []


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_saved(
    client, resident, media_root
) -> None:
    budget = BudgetFactory(phase="submission")
    client.force_login(resident)
    fake = SimpleUploadedFile("plan.png", b"%PDF-1.4 not a picture", content_type="image/png")
    response = _submit(client, budget, _proposal([(_png(), "La cour"), (fake, "Le plan")]))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_images-1-image_error"' in page
    assert "This file is not a JPEG, PNG or WebP image." in page
    assert not Project.objects.exists()
    assert not ProjectImage.objects.exists()
    assert _stored_files(media_root) == []


def test_a_description_without_an_image_asks_for_the_image(client, resident) -> None:
    budget = BudgetFactory(phase="submission")
    client.force_login(resident)
    response = _submit(client, budget, _proposal([(None, "La cour")]))
    assert "Choose the image this description is about." in response.content.decode()
    assert not Project.objects.exists()


def test_more_images_than_allowed_are_refused(client, resident, media_root) -> None:
    budget = BudgetFactory(phase="submission")
    client.force_login(resident)
    rows = [(_png(f"{n}.png"), f"Vue {n}") for n in range(MAX_PROJECT_IMAGES + 1)]
    response = _submit(client, budget, _proposal(rows, total=MAX_PROJECT_IMAGES + 1))
    assert response.status_code == 200
    assert f"A project has at most {MAX_PROJECT_IMAGES} images." in response.content.decode()
    assert not Project.objects.exists()
    assert _stored_files(media_root) == []


def test_the_service_refuses_more_images_than_allowed(resident, media_root) -> None:
    budget = BudgetFactory(phase="submission")
    images = [(clean_image(_png()), f"Vue {n}") for n in range(MAX_PROJECT_IMAGES + 1)]
    with pytest.raises(ValidationError, match="at most 5 images"):
        services.submit_project(
            budget=budget,
            author=resident,
            title="Un square",
            description="Des bancs.",
            estimated_cost=1000,
            images=images,
        )
    assert not Project.objects.exists()
    assert _stored_files(media_root) == []


def test_a_failed_image_row_deletes_the_files_already_stored(
    resident, media_root, monkeypatch
) -> None:
    budget = BudgetFactory(phase="submission")
    real_save = ProjectImage.save

    def fail_on_the_second(self, *args, **kwargs):
        if self.position == 1:
            raise RuntimeError("the database went away")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(ProjectImage, "save", fail_on_the_second)
    with pytest.raises(RuntimeError):
        services.submit_project(
            budget=budget,
            author=resident,
            title="Un square",
            description="Des bancs.",
            estimated_cost=1000,
            images=[(clean_image(_png()), "Vue 1"), (clean_image(_png()), "Vue 2")],
        )
    assert not Project.objects.exists()
    assert _stored_files(media_root) == []


def _project_with_images(budget, *descriptions: str) -> Project:
    project = BudgetProjectFactory(budget=budget)
    for position, alt_text in enumerate(descriptions):
        picture = ProjectImage(project=project, alt_text=alt_text, position=position)
        picture.image.save("x.png", clean_image(_png()), save=False)
        picture.save()
    return project


def test_the_project_page_shows_the_gallery_with_its_descriptions(client, db) -> None:
    budget = BudgetFactory(phase="review")
    project = _project_with_images(budget, "Le square avant", "Le square après", "Les bancs")
    page = client.get(project.get_absolute_url()).content.decode()
    assert page.count("<figure>") == 3
    assert page.index('alt="Le square avant"') < page.index('alt="Le square après"')
    assert page.index('alt="Le square après"') < page.index('alt="Les bancs"')
    assert '<figcaption aria-hidden="true">Les bancs</figcaption>' in page


def test_a_project_card_shows_only_the_first_image(client, db) -> None:
    budget = BudgetFactory(phase="review")
    _project_with_images(budget, "Le square avant", "Le square après")
    page = client.get(budget.get_absolute_url()).content.decode()
    assert 'alt="Le square avant"' in page
    assert 'alt="Le square après"' not in page


def test_a_project_without_images_shows_no_gallery(client, db) -> None:
    project = BudgetProjectFactory(budget=BudgetFactory(phase="review"))
    page = client.get(project.get_absolute_url()).content.decode()
    assert "<figure>" not in page
