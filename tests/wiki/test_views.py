"""The wiki's pages through HTTP: reading, editing with errors, conflicts, history, exports."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from commune.accounts.models import Verification
from commune.wiki import services, views
from commune.wiki.models import WikiPage
from tests.factories import RESIDENT_PASSWORD, ResidentFactory, SpaceFactory, WikiPageFactory

pytestmark = pytest.mark.django_db


def url(name, page=None, space=None, **kwargs):
    space = space or page.space
    kwargs["space_slug"] = space.slug
    if page is not None:
        kwargs["page_slug"] = page.slug
    return reverse(f"wiki:{name}", kwargs=kwargs)


def _edit(page, author, body):
    page.refresh_from_db()
    return services.edit_page(
        page=page,
        body=body,
        summary="Modif",
        author=author,
        base_number=page.current_revision.number,
    )


def test_the_index_lists_the_pages_and_links_to_them(client, wiki_page) -> None:
    WikiPageFactory(space=wiki_page.space, title="Compost")
    response = client.get(url("index", space=wiki_page.space))
    assert response.status_code == 200
    assert wiki_page.get_absolute_url() in response.content.decode()
    assert "Compost" in response.content.decode()


def test_a_space_without_the_wiki_tool_has_no_wiki(client) -> None:
    space = SpaceFactory(components=["contributions"])
    assert client.get(url("index", space=space)).status_code == 404


def test_a_draft_spaces_wiki_is_hidden_from_the_public(client) -> None:
    page = WikiPageFactory(space=SpaceFactory(components=["wiki"], is_published=False))
    assert client.get(url("page", page)).status_code == 404
    assert client.get(url("index", space=page.space)).status_code == 404


def test_the_space_page_links_to_its_wiki(client, space) -> None:
    response = client.get(space.get_absolute_url())
    assert url("index", space=space) in response.content.decode()


def test_a_page_shows_its_text_with_links_and_one_h1(client, space, wiki_page) -> None:
    _edit(wiki_page, ResidentFactory(), "Voir [[Compost]] et **le samedi**.")
    response = client.get(url("page", wiki_page))
    body = response.content.decode()
    assert body.count("<h1") == 1
    assert "<strong>le samedi</strong>" in body
    assert "nouvelle-page/?title=Compost" in body


def test_a_resident_edits_a_page(client, resident, wiki_page) -> None:
    client.force_login(resident)
    response = client.post(
        url("edit", wiki_page),
        {"body": "Le jardin ouvre le dimanche.", "summary": "Horaires", "base": 1},
    )
    assert response.status_code == 302
    wiki_page.refresh_from_db()
    assert wiki_page.current_revision.number == 2
    assert wiki_page.current_revision.summary == "Horaires"


def test_an_edit_without_summary_comes_back_with_the_text_kept(client, resident, wiki_page):
    client.force_login(resident)
    response = client.post(
        url("edit", wiki_page), {"body": "Mon nouveau texte", "summary": "", "base": 1}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mon nouveau texte" in body
    assert 'aria-invalid="true"' in body
    assert wiki_page.revisions.count() == 1


def test_an_edit_from_an_old_revision_shows_the_conflict_with_the_diff(
    client, resident, wiki_page
) -> None:
    _edit(wiki_page, ResidentFactory(), "Le jardin ouvre le dimanche.")
    client.force_login(resident)
    response = client.post(
        url("edit", wiki_page),
        {"body": "Le jardin ouvre le samedi matin.", "summary": "Matin", "base": 1},
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "<del>" in body
    assert "samedi" in body
    assert "dimanche" in body
    assert 'name="base" value="2"' in body  # saving again is based on the newest revision
    assert "Le jardin ouvre le samedi matin." in body  # their text is kept
    assert wiki_page.revisions.count() == 2
    # Saving again, now from revision 2, goes through.
    again = client.post(
        url("edit", wiki_page),
        {"body": "Le jardin ouvre le dimanche matin.", "summary": "Matin", "base": 2},
    )
    assert again.status_code == 302
    assert wiki_page.revisions.count() == 3


def test_an_unverified_resident_is_told_why_they_cannot_edit(client, wiki_page) -> None:
    client.force_login(ResidentFactory(verification=Verification.UNVERIFIED))
    page = client.get(url("edit", wiki_page))
    assert page.status_code == 200
    with translation.override("fr"):
        assert str(Verification.EMAIL.label) in page.content.decode()
    assert "<textarea" not in page.content.decode()
    post = client.post(url("edit", wiki_page), {"body": "x", "summary": "y", "base": 1})
    assert post.status_code == 403
    assert wiki_page.revisions.count() == 1


def test_a_locked_page_refuses_a_resident_over_http_but_not_a_moderator(
    client, resident, moderator, wiki_page
) -> None:
    client.force_login(moderator)
    response = client.post(url("lock", wiki_page), {"reason": "Guerre d'édition"})
    assert response.status_code == 302
    wiki_page.refresh_from_db()
    assert wiki_page.is_locked
    assert "Guerre d&#x27;édition" in client.get(url("page", wiki_page)).content.decode()
    moderator_edit = client.post(
        url("edit", wiki_page), {"body": "Texte calme", "summary": "Apaisé", "base": 1}
    )
    assert moderator_edit.status_code == 302
    client.force_login(resident)
    refused = client.post(url("edit", wiki_page), {"body": "Non", "summary": "Non", "base": 2})
    assert refused.status_code == 403
    assert wiki_page.revisions.count() == 2
    assert client.post(url("lock", wiki_page), {"reason": "x"}).status_code == 403


def test_creating_a_page_with_a_clashing_title_keeps_the_form(client, resident, wiki_page):
    client.force_login(resident)
    response = client.post(
        url("create", space=wiki_page.space),
        {"title": "jardins PARTAGES", "body": "Texte", "summary": "Début"},
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert WikiPage.objects.count() == 1


def test_a_missing_page_link_opens_the_form_with_its_title(client, resident, space) -> None:
    client.force_login(resident)
    response = client.get(url("create", space=space) + "?title=Compost")
    assert 'value="Compost"' in response.content.decode()
    created = client.post(
        url("create", space=space), {"title": "Compost", "body": "Le bac.", "summary": "Début"}
    )
    assert created.status_code == 302
    assert created.url == WikiPage.objects.get(slug="compost").get_absolute_url()


def test_history_is_paginated_and_offers_to_compare_and_revert(client, resident, wiki_page):
    for number in range(30):
        _edit(wiki_page, resident, f"Version {number}")
    client.force_login(resident)
    first = client.get(url("history", wiki_page))
    body = first.content.decode()
    assert first.status_code == 200
    assert body.count('name="old"') == views.HISTORY_PAGE_SIZE
    assert 'rel="next"' in body
    assert "retablir/" in body
    second = client.get(url("history", wiki_page) + "?page=2")
    assert second.content.decode().count('name="old"') == 31 - views.HISTORY_PAGE_SIZE


def test_the_diff_page_compares_any_two_revisions_with_accents(client, resident, wiki_page):
    _edit(wiki_page, resident, "Le jardin ouvre le samedi et l'été le dimanche.")
    _edit(wiki_page, resident, "Le jardin ouvre le samedi et l'été tous les jours.")
    response = client.get(url("diff", wiki_page) + "?old=1&new=3")
    body = response.content.decode()
    assert response.status_code == 200
    assert "l&#x27;été" in body
    assert "tous les jours" in body
    assert client.get(url("diff", wiki_page) + "?old=1&new=9").status_code == 404


def test_revert_over_http_makes_a_new_revision(client, resident, wiki_page) -> None:
    _edit(wiki_page, resident, "Vandalisme")
    client.force_login(resident)
    confirm = client.get(url("revert", wiki_page, number=1))
    assert confirm.status_code == 200
    assert "<ins>" in confirm.content.decode()
    response = client.post(url("revert", wiki_page, number=1), {"summary": "Vandalisme"})
    assert response.status_code == 302
    wiki_page.refresh_from_db()
    assert wiki_page.current_revision.number == 3
    assert wiki_page.current_revision.body == "Le jardin ouvre le samedi."


def test_exports_of_the_index_history_and_page(client, resident, wiki_page) -> None:
    _edit(wiki_page, resident, "Voir [[Compost]].")
    index = b"".join(client.get(url("index_export", space=wiki_page.space)).streaming_content)
    assert "Jardins partagés".encode() in index
    history = b"".join(client.get(url("history_export", wiki_page)).streaming_content)
    assert b"Modif" in history
    assert resident.email.encode() not in history
    markdown = client.get(url("export_markdown", wiki_page))
    assert markdown["Content-Type"].startswith("text/markdown")
    text = markdown.content.decode()
    assert text.startswith("# Jardins partagés")
    assert "[Compost](http://testserver/wiki/conseil-des-quais/pages/compost/)" in text
    old = client.get(url("export_markdown", wiki_page) + "?version=1").content.decode()
    assert "samedi" in old
    html = client.get(url("export_html", wiki_page)).content.decode()
    assert "<h1>Jardins partagés</h1>" in html
    assert "attachment" in client.get(url("export_html", wiki_page))["Content-Disposition"]
    pdf = client.get(url("export_pdf", wiki_page) + "?version=1")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_edits_are_rate_limited(client, resident, wiki_page, one_rate_limit_window) -> None:
    client.force_login(resident)
    statuses = []
    for number in range(11):
        page = WikiPage.objects.get(pk=wiki_page.pk)
        response = client.post(
            url("edit", wiki_page),
            {"body": f"Texte {number}", "summary": "Modif", "base": page.current_revision.number},
        )
        statuses.append(response.status_code)
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429


def test_logging_in_is_needed_to_edit(client, wiki_page) -> None:
    response = client.get(url("edit", wiki_page))
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url
    assert RESIDENT_PASSWORD  # the factories' password, for the browser tests


def test_the_index_and_history_queries_do_not_grow_with_the_pages(
    client, resident, wiki_page, django_assert_max_num_queries
) -> None:
    """No N+1: the index and a history cost the same with 3 or 12 pages and revisions."""
    space = wiki_page.space
    for number in range(12):
        WikiPageFactory(space=space, title=f"Page {number}")
        _edit(wiki_page, ResidentFactory(), f"Version {number}")
    with django_assert_max_num_queries(8):
        assert client.get(url("index", space=space)).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(url("history", wiki_page)).status_code == 200
