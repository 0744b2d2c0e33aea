"""The language switch keeps the visitor on the same page, in the other language."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("next_url", "language", "expected"),
    [
        ("/espaces/", "en", "/en/espaces/"),
        ("/en/espaces/", "fr", "/espaces/"),
        ("/en/", "fr", "/"),
        ("/quartiers/?page=2", "en", "/en/quartiers/?page=2"),
    ],
)
def test_switching_language_returns_to_the_same_page(
    client, next_url: str, language: str, expected: str
) -> None:
    response = client.post("/i18n/setlang/", {"next": next_url, "language": language})
    assert response.status_code == 302
    assert response["Location"] == expected
    assert response.cookies["django_language"].value == language


def test_the_switch_never_sends_a_visitor_to_another_site(client) -> None:
    response = client.post("/i18n/setlang/", {"next": "https://evil.example/", "language": "en"})
    assert response["Location"] == "/en/"  # the home page, in the chosen language
