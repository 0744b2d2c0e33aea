"""The texts pages through HTTP: reading, commenting, amending, deciding, importing, exports."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from commune.accounts.models import Role
from commune.texts import services
from commune.texts.models import Amendment, AmendmentStatus, Paragraph, ParagraphComment, Text
from tests.factories import ResidentFactory, SpaceFactory, make_text

pytestmark = pytest.mark.django_db


def _first(text: Text) -> Paragraph:
    return Paragraph.objects.get(
        section__version=text.current_version(), section__number=1, number=1
    )


def test_every_reading_page_answers(client, django_assert_max_num_queries) -> None:
    text = make_text()
    paragraph = _first(text)
    amendment = services.propose_amendment(
        paragraph=paragraph,
        author=ResidentFactory(),
        kind="edit",
        proposed_body="Chacun est informé.",
        justification="Plus court.",
    )
    pages = [
        reverse("texts:list"),
        reverse("texts:space", kwargs={"space_slug": text.space.slug}),
        reverse("texts:detail", kwargs={"pk": text.pk}),
        reverse("texts:version", kwargs={"pk": text.pk, "number": 1}),
        reverse("texts:history", kwargs={"pk": text.pk}),
        reverse("texts:compare", kwargs={"pk": text.pk}),
        reverse("texts:debated", kwargs={"pk": text.pk}),
        reverse("texts:paragraph", kwargs={"pk": text.pk, "paragraph_pk": paragraph.pk}),
        reverse("texts:amendments", kwargs={"pk": text.pk}),
        amendment.get_absolute_url(),
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
    with django_assert_max_num_queries(15):
        response = client.get(reverse("texts:detail", kwargs={"pk": text.pk}))
    body = response.content.decode()
    assert "§1.2" in body
    assert "1 amendment" in body.replace("1 amendement", "1 amendment")


def test_a_resident_comments_with_a_stance(client) -> None:
    text = make_text()
    paragraph = _first(text)
    client.force_login(ResidentFactory())
    url = reverse("texts:paragraph", kwargs={"pk": text.pk, "paragraph_pk": paragraph.pk})
    response = client.post(url, {"stance": "mixed", "argument_side": "for", "body": "Oui, mais."})
    assert response.status_code == 302
    comment = ParagraphComment.objects.get()
    assert (comment.stance, comment.argument_side) == ("mixed", "for")
    detail = client.get(text.get_absolute_url()).content.decode()
    assert "0 agree, 1 mixed, 0 disagree" in detail or "0 d’accord" in detail


def test_a_comment_without_a_stance_is_shown_again_with_its_error(client) -> None:
    text = make_text()
    paragraph = _first(text)
    client.force_login(ResidentFactory())
    url = reverse("texts:paragraph", kwargs={"pk": text.pk, "paragraph_pk": paragraph.pk})
    response = client.post(url, {"body": "Sans avis."})
    assert response.status_code == 200
    assert response.context["form"].errors["stance"]
    assert "Sans avis." in response.content.decode()
    assert not ParagraphComment.objects.exists()


def test_an_amendment_with_an_empty_justification_comes_back_with_the_error(client) -> None:
    text = make_text()
    paragraph = _first(text)
    client.force_login(ResidentFactory())
    url = reverse("texts:amend", kwargs={"pk": text.pk, "paragraph_pk": paragraph.pk})
    response = client.post(url, {"kind": "edit", "proposed_body": "Neuf.", "justification": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["justification"]
    assert not Amendment.objects.exists()


def test_an_amendment_to_a_closed_text_is_refused_with_a_message(client) -> None:
    text = make_text()
    text.is_open = False
    text.save()
    client.force_login(ResidentFactory())
    url = reverse("texts:amend", kwargs={"pk": text.pk, "paragraph_pk": _first(text).pk})
    response = client.post(url, {"kind": "delete", "justification": "Inutile."})
    assert response.status_code == 200
    assert not Amendment.objects.exists()
    assert response.context["form"].non_field_errors()


def test_a_resident_proposes_supports_and_a_moderator_decides(client) -> None:
    text = make_text()
    client.force_login(ResidentFactory())
    url = reverse("texts:amend", kwargs={"pk": text.pk, "paragraph_pk": _first(text).pk})
    response = client.post(
        url,
        {
            "kind": "edit",
            "proposed_body": "Chaque habitante et chaque habitant a le droit d'être écouté.",
            "justification": "Informer ne suffit pas.",
        },
    )
    amendment = Amendment.objects.get()
    assert response.url == amendment.get_absolute_url()
    page = client.get(amendment.get_absolute_url()).content.decode()
    assert "<del>" in page
    assert "écouté" in page
    supporter = ResidentFactory()
    client.force_login(supporter)
    vote_url = reverse("texts:vote", kwargs={"pk": text.pk, "amendment_pk": amendment.pk})
    assert client.post(vote_url, {"value": "1"}).status_code == 302
    assert amendment.votes.get().resident == supporter
    decide_url = reverse("texts:decide", kwargs={"pk": text.pk, "amendment_pk": amendment.pk})
    assert client.get(decide_url).status_code == 403
    client.force_login(ResidentFactory(role=Role.MODERATOR))
    response = client.post(decide_url, {"status": "accepted", "reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    client.post(decide_url, {"status": "accepted", "reason": "Bonne idée."})
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.ACCEPTED


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_heading("Principes", level=1)
    document.add_paragraph("Premier principe.")
    document.add_paragraph("Un point.", style="List Bullet")
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def test_an_agent_imports_a_docx(client) -> None:
    space = SpaceFactory(components=["texts"])
    client.force_login(ResidentFactory(role=Role.AGENT))
    url = reverse("texts:new", kwargs={"space_slug": space.slug})
    response = client.post(
        url,
        {
            "title": "Charte",
            "source": "",
            "upload": SimpleUploadedFile("charte.docx", _docx_bytes()),
        },
    )
    text = Text.objects.get()
    assert response.url == text.get_absolute_url()
    bodies = list(
        Paragraph.objects.filter(section__version__text=text).values_list("body", flat=True)
    )
    assert bodies == ["Premier principe.", "- Un point."]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("charte.docx", b"%PDF-1.4 a pdf", "not of that kind"),
        ("charte.md", b"x" * (50 * 1024 * 1024), "larger than 5 MB"),
    ],
)
def test_a_bad_import_is_refused_clearly_and_nothing_saved(client, name, content, message) -> None:
    space = SpaceFactory(components=["texts"])
    client.force_login(ResidentFactory(role=Role.AGENT))
    with translation.override("en"):
        response = client.post(
            reverse("texts:new", kwargs={"space_slug": space.slug}),
            {"title": "Charte", "upload": SimpleUploadedFile(name, content)},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert response.status_code == 200
        assert message in " ".join(response.context["form"].errors["upload"])
    assert not Text.objects.exists()


def test_residents_cannot_create_texts(client) -> None:
    space = SpaceFactory(components=["texts"])
    client.force_login(ResidentFactory())
    assert client.get(reverse("texts:new", kwargs={"space_slug": space.slug})).status_code == 403


@pytest.mark.parametrize(
    ("fmt", "content_type", "start"),
    [
        ("md", "text/markdown", b"# Charte"),
        ("html", "text/html", b"<!DOCTYPE html>"),
        ("pdf", "application/pdf", b"%PDF-"),
    ],
)
def test_each_version_exports(client, fmt: str, content_type: str, start: bytes) -> None:
    text = make_text()
    response = client.get(reverse("texts:export", kwargs={"pk": text.pk, "number": 1, "fmt": fmt}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response.content.lstrip().startswith(start)
    if fmt != "pdf":
        body = response.content.decode()
        assert "informé" in body
        assert "History" in body or "Historique" in body


def test_an_unknown_export_format_is_not_found(client) -> None:
    text = make_text()
    url = reverse("texts:export", kwargs={"pk": text.pk, "number": 1, "fmt": "exe"})
    assert client.get(url).status_code == 404


def test_comment_and_amendment_lists_download_as_csv(client) -> None:
    text = make_text()
    author = ResidentFactory(display_name="Camille")
    services.comment_paragraph(paragraph=_first(text), author=author, stance="agree", body="Oui")
    services.propose_amendment(
        paragraph=_first(text),
        author=author,
        kind="delete",
        proposed_body="",
        justification="=HYPERLINK(x)",
    )
    comments = b"".join(
        client.get(reverse("texts:comments_export", kwargs={"pk": text.pk})).streaming_content
    ).decode()
    amendments = b"".join(
        client.get(reverse("texts:amendments_export", kwargs={"pk": text.pk})).streaming_content
    ).decode()
    assert "§1.1" in comments
    assert "Camille" in comments
    assert author.email not in comments
    assert "'=HYPERLINK" in amendments
