"""Who may open the account pages, and a quick accessibility check of each of them."""

from __future__ import annotations

from typing import Any

import pytest

from commune.accounts.models import Resident
from tests.accounts.html import page_of

MEMBER_PAGES = [
    "/compte/profil/",
    "/compte/profil/mot-de-passe/",
    "/compte/profil/donnees-demographiques/",
    "/compte/mes-donnees/",
    "/compte/supprimer/",
    "/compte/quartier/",
]
HTML_PAGES = [
    "/compte/inscription/",
    "/compte/inscription/envoye/",
    "/compte/confirmer/renvoyer/",
    "/compte/confirmer/not-a-token/",
    "/compte/connexion/",
    "/compte/mot-de-passe/",
    "/compte/mot-de-passe/envoye/",
    "/compte/mot-de-passe/termine/",
    "/compte/mot-de-passe/MQ/not-a-token/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/compte/connexion/?next={path}"


@pytest.mark.django_db
@pytest.mark.parametrize("path", HTML_PAGES)
def test_public_pages_have_one_h1_a_title_and_unique_ids(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code in {200, 400}
    page = page_of(response)
    assert len(page.h1_texts) == 1
    assert not page.duplicate_ids()
    assert "<title> —" not in response.content.decode()  # the title block is filled


@pytest.mark.parametrize("path", [p for p in MEMBER_PAGES if p != "/compte/mes-donnees/"])
def test_member_pages_have_one_h1_a_title_and_unique_ids(
    client: Any, resident: Resident, path: str
) -> None:
    client.force_login(resident)
    response = client.get(path)
    assert response.status_code == 200
    page = page_of(response)
    assert len(page.h1_texts) == 1
    assert not page.duplicate_ids()
    assert "<title> —" not in response.content.decode()
