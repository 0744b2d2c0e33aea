"""Submitting an idea or a proposal: where it is allowed, what is checked, what is stored."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from commune.accountability.models import StatusChange
from commune.contributions.models import Channel, Contribution, Status
from tests.contributions.conftest import (
    docx_bytes,
    form_data,
    image_bytes,
    odt_bytes,
    pdf_bytes,
    upload,
    zip_bytes,
)
from tests.factories import SpaceFactory, days_from_today

pytestmark = pytest.mark.django_db

NEW = "/contributions/espace/{slug}/proposer/"


def test_a_resident_submits_a_proposal_in_an_open_space(
    client, resident, space, neighbourhood
) -> None:
    """The contribution is stored, received, due after the space's delay, and shown."""
    client.force_login(resident)
    response = client.post(NEW.format(slug=space.slug), form_data(neighbourhood))
    contribution = Contribution.objects.get()
    assert response.status_code == 302
    assert response["Location"] == contribution.get_absolute_url()
    assert contribution.author == resident
    assert contribution.channel == Channel.ONLINE
    assert contribution.status == Status.RECEIVED
    assert contribution.neighbourhood == neighbourhood
    assert contribution.due_on == timezone.localdate() + datetime.timedelta(
        days=space.answer_delay_days
    )
    assert "<strong>dix bancs</strong>" in contribution.body_html
    # The first step of the public timeline (accountability) is written with it.
    assert StatusChange.objects.filter(contribution=contribution, status=Status.RECEIVED).exists()
    page = client.get(contribution.get_absolute_url()).content.decode()
    assert "Des bancs sur les quais" in page
    assert "<strong>dix bancs</strong>" in page
    assert "Camille" in page
    assert "camille@example.org" not in page


def test_the_author_follows_their_contribution_and_followers_of_the_space_hear_of_it(
    client, resident, other_resident, space, neighbourhood, django_capture_on_commit_callbacks
) -> None:
    from commune.contributions.models import Follow
    from commune.notifications.models import Notification

    Follow.objects.create(resident=other_resident, space=space)
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(NEW.format(slug=space.slug), form_data(neighbourhood))
    contribution = Contribution.objects.get()
    assert Follow.objects.filter(resident=resident, contribution=contribution).exists()
    assert Notification.objects.filter(recipient=other_resident, contribution=contribution).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, space) -> None:
    response = client.post(NEW.format(slug=space.slug), form_data())
    assert response.status_code == 302
    assert "/compte/connexion/" in response["Location"]
    assert not Contribution.objects.exists()


def test_a_closed_space_shows_the_form_again_with_a_message_and_writes_nothing(
    client, resident
) -> None:
    closed = SpaceFactory(
        slug="fini",
        components=["contributions"],
        opens_on=days_from_today(-30),
        closes_on=days_from_today(-1),
    )
    client.force_login(resident)
    response = client.post(NEW.format(slug=closed.slug), form_data(title="Mon idée tardive"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "ne reçoit pas de contributions" in html or "does not take contributions" in html
    assert "Mon idée tardive" in html  # the text is kept, to be copied
    assert not Contribution.objects.exists()
    # Opening the form of a closed space says so instead of offering the form.
    page = client.get(NEW.format(slug=closed.slug))
    assert page.status_code == 200
    assert 'name="title"' not in page.content.decode()


def test_an_upcoming_space_does_not_take_contributions_yet(client, resident) -> None:
    upcoming = SpaceFactory(
        slug="bientot", components=["contributions"], opens_on=days_from_today(3)
    )
    client.force_login(resident)
    response = client.post(NEW.format(slug=upcoming.slug), form_data())
    assert response.status_code == 403
    assert not Contribution.objects.exists()


def test_a_forged_post_to_a_space_without_the_tool_is_refused(client, resident) -> None:
    meetings_only = SpaceFactory(slug="reunions", components=["meetings"])
    client.force_login(resident)
    response = client.post(NEW.format(slug=meetings_only.slug), form_data())
    assert response.status_code == 403
    assert not Contribution.objects.exists()
    assert client.get(NEW.format(slug=meetings_only.slug)).status_code == 403
    assert client.get(f"/contributions/espace/{meetings_only.slug}/").status_code == 404


def test_a_post_without_csrf_token_is_refused(resident, space) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    response = client.post(NEW.format(slug=space.slug), form_data())
    assert response.status_code == 403
    assert not Contribution.objects.exists()


def test_an_unpublished_space_is_not_found(client, resident) -> None:
    draft = SpaceFactory(slug="brouillon", components=["contributions"], is_published=False)
    client.force_login(resident)
    assert client.post(NEW.format(slug=draft.slug), form_data()).status_code == 404
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 151}, "title"),
        ({"body": ""}, "body"),
        ({"body": "x" * 10_001}, "body"),
        ({"pillar": "prosperity"}, "pillar"),
        ({"pillar": ""}, "pillar"),
        ({"kind": "petition"}, "kind"),
        ({"neighbourhood": "atlantis"}, "neighbourhood"),
    ],
)
def test_bad_input_shows_the_error_next_to_the_field_and_writes_nothing(
    client, resident, space, neighbourhood, overrides, field, stored_files
) -> None:
    client.force_login(resident)
    response = client.post(
        NEW.format(slug=space.slug),
        form_data(
            neighbourhood,
            image=upload("photo.png", image_bytes("PNG")),
            image_alt="Les quais",
            **overrides,
        ),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[field]
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert 'role="alert"' in html
    assert not Contribution.objects.exists()
    assert stored_files() == []


def test_the_limits_are_exactly_150_and_10000_characters(client, resident, space) -> None:
    client.force_login(resident)
    response = client.post(
        NEW.format(slug=space.slug), form_data(title="t" * 150, body="b" * 10_000)
    )
    assert response.status_code == 302
    assert Contribution.objects.get().title == "t" * 150


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_an_image_is_checked_by_its_content_and_stored_under_a_new_name(
    client, resident, space, image_format, stored_files
) -> None:
    client.force_login(resident)
    response = client.post(
        NEW.format(slug=space.slug),
        form_data(
            image=upload("Ma photo perso.bin", image_bytes(image_format)),
            image_alt="Les quais au soleil",
        ),
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[image_format]
    assert contribution.image.name.endswith(f".{extension}")
    assert "perso" not in contribution.image.name
    assert contribution.image_alt == "Les quais au soleil"
    assert len(stored_files()) == 1
    html = client.get(contribution.get_absolute_url()).content.decode()
    assert 'alt="Les quais au soleil"' in html


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.png", b"not an image at all"),
        ("photo.png", pdf_bytes()),
        ("photo.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
        ("photo.bmp", None),  # a real BMP: a picture, but not an accepted format
    ],
)
def test_a_file_that_is_not_an_accepted_image_is_refused(
    client, resident, space, name, content, stored_files
) -> None:
    if content is None:
        content = image_bytes("BMP")
    client.force_login(resident)
    response = client.post(
        NEW.format(slug=space.slug),
        form_data(image=upload(name, content, "image/png"), image_alt="Une image"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["image"]
    assert not Contribution.objects.exists()
    assert stored_files() == []


def test_an_image_larger_than_5_mb_is_refused(client, resident, space, stored_files) -> None:
    client.force_login(resident)
    big = image_bytes("PNG") + b"\0" * (5 * 1024 * 1024)
    response = client.post(
        NEW.format(slug=space.slug),
        form_data(image=upload("grande.png", big, "image/png"), image_alt="Grande"),
    )
    assert response.status_code == 200
    assert "5" in str(response.context["form"].errors["image"])
    assert not Contribution.objects.exists()
    assert stored_files() == []


def test_an_image_needs_a_description(client, resident, space, stored_files) -> None:
    client.force_login(resident)
    response = client.post(
        NEW.format(slug=space.slug), form_data(image=upload("a.png", image_bytes("PNG")))
    )
    assert response.status_code == 200
    assert response.context["form"].errors["image_alt"]
    assert not Contribution.objects.exists()
    assert stored_files() == []


def test_the_location_written_in_a_photo_is_not_kept(client, resident, space) -> None:
    import io

    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # the camera's maker, like any metadata a phone writes
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 0, 255)).save(buffer, format="JPEG", exif=exif)
    client.force_login(resident)
    client.post(
        NEW.format(slug=space.slug),
        form_data(image=upload("p.jpg", buffer.getvalue(), "image/jpeg"), image_alt="Bleu"),
    )
    contribution = Contribution.objects.get()
    with contribution.image.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()


@pytest.mark.parametrize(
    ("content", "extension"), [(pdf_bytes(), "pdf"), (odt_bytes(), "odt"), (docx_bytes(), "docx")]
)
def test_documents_are_recognised_by_their_first_bytes(
    client, resident, space, content, extension
) -> None:
    client.force_login(resident)
    response = client.post(
        NEW.format(slug=space.slug),
        form_data(attachment=upload("dossier.whatever", content)),
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.attachment.name.endswith(f".{extension}")
    assert (
        contribution.attachment.url in client.get(contribution.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("dossier.pdf", b"<html><script>alert(1)</script></html>"),
        ("dossier.docx", zip_bytes()),
        ("dossier.odt", b"PK\x03\x04 not really a zip"),
        ("dossier.pdf", image_bytes("PNG")),
    ],
)
def test_a_document_of_another_type_is_refused(
    client, resident, space, name, content, stored_files
) -> None:
    client.force_login(resident)
    response = client.post(
        NEW.format(slug=space.slug), form_data(attachment=upload(name, content, "application/pdf"))
    )
    assert response.status_code == 200
    assert response.context["form"].errors["attachment"]
    assert not Contribution.objects.exists()
    assert stored_files() == []


def test_a_document_larger_than_10_mb_is_refused(client, resident, space, stored_files) -> None:
    client.force_login(resident)
    big = pdf_bytes() + b"\0" * (10 * 1024 * 1024)
    response = client.post(
        NEW.format(slug=space.slug), form_data(attachment=upload("gros.pdf", big))
    )
    assert response.status_code == 200
    assert response.context["form"].errors["attachment"]
    assert stored_files() == []


def test_a_failure_after_saving_the_files_leaves_no_orphan_file(
    resident, space, stored_files, monkeypatch
) -> None:
    from commune.accountability import services as accountability_services
    from commune.contributions import services, uploads

    def broken(**kwargs):
        raise RuntimeError("timeline unavailable")

    monkeypatch.setattr(accountability_services, "record_received", broken)
    image = uploads.clean_image(upload("a.png", image_bytes("PNG")))
    with pytest.raises(RuntimeError):
        services.submit_contribution(
            space=space,
            author=resident,
            title="Titre",
            body="Texte",
            pillar="participation",
            neighbourhood=None,
            kind="idea",
            image=image,
            image_alt="Une image",
            attachment=uploads.clean_attachment(upload("a.pdf", pdf_bytes())),
        )
    assert not Contribution.objects.exists()
    assert stored_files() == []


@pytest.mark.usefixtures("one_rate_limit_window")
def test_submitting_is_rate_limited(client, resident, space) -> None:
    client.force_login(resident)
    statuses = [
        client.post(NEW.format(slug=space.slug), form_data(title=f"Idée {n}")).status_code
        for n in range(11)
    ]
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429
    assert Contribution.objects.count() == 10


def test_markup_in_the_title_and_text_is_shown_as_text(client, resident, space) -> None:
    client.force_login(resident)
    client.post(
        NEW.format(slug=space.slug),
        form_data(
            title="<script>alert('titre')</script>",
            body="<script>alert('texte')</script> <img src=x onerror=alert(1)>",
        ),
    )
    contribution = Contribution.objects.get()
    html = client.get(contribution.get_absolute_url()).content.decode()
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(&#x27;titre&#x27;)&lt;/script&gt;" in html
    assert (
        "&lt;script&gt;alert(&#x27;texte&#x27;)" in html or "&lt;script&gt;alert('texte')" in html
    )
    assert "<img src=x" not in html
    assert 'onerror="' not in html
