"""The API's documentation page: server-rendered from the schema, in French and English."""

from __future__ import annotations

import json
import re

import pytest

from commune.api.management.commands.api_schema import COMMITTED_SCHEMA


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_docs_page_lists_every_address_without_script(client, db, lang) -> None:
    response = client.get("/api/v1/docs/", {"lang": lang})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title is not None
    assert "API" in title.group(1)
    for path in json.loads(COMMITTED_SCHEMA.read_text(encoding="utf-8"))["paths"]:
        assert f"GET {path}" in html
    assert 'href="/api/v1/openapi.json"' in html
    assert "<script" not in html


def test_unknown_addresses_under_the_api_answer_json_404(client, db) -> None:
    response = client.get("/api/v1/nowhere/")
    assert response.status_code == 404
    assert "/api/v1/docs/" in response.json()["detail"]


def test_the_language_chosen_with_the_switch_wins_over_the_link(client, db) -> None:
    client.cookies["django_language"] = "en"
    response = client.get("/api/v1/docs/", {"lang": "fr"})
    assert '<html lang="en">' in response.content.decode()


def test_footer_links_to_the_docs_in_the_page_language(client, db) -> None:
    assert 'href="/api/v1/docs/?lang=en"' in client.get("/en/").content.decode()
    assert 'href="/api/v1/docs/?lang=fr"' in client.get("/").content.decode()
