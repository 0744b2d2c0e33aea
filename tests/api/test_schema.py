"""The OpenAPI schema: served, committed, kept in step, and true of real answers."""

from __future__ import annotations

import json
from typing import Any

import pytest
import schemathesis
from werkzeug.test import Client

from commune.api.management.commands.api_schema import COMMITTED_SCHEMA

HOST = "http://testserver"


@pytest.fixture
def committed() -> dict[str, Any]:
    return json.loads(COMMITTED_SCHEMA.read_text(encoding="utf-8"))


@pytest.fixture
def wsgi(wsgi_app: Any) -> Client:
    return Client(wsgi_app)


def test_served_schema_is_the_committed_one(client, db, committed) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json() == committed, (
        "commune/api/openapi.json differs from the code's schema: run `commune api_schema` "
        "and commit the file (review the difference: it is the API's public contract)"
    )


def test_schema_is_openapi_3_and_covers_every_kind(committed) -> None:
    assert committed["openapi"].startswith("3.")
    paths = set(committed["paths"])
    for name in ("spaces", "neighbourhoods", "contributions", "comments", "decisions"):
        assert f"/api/v1/{name}/" in paths
    for name in ("meetings", "budgets", "projects", "texts", "text-versions", "amendments"):
        assert f"/api/v1/{name}/" in paths
    for name in ("documents",):
        assert f"/api/v1/{name}/" in paths


def _detail_paths(city: Any) -> dict[str, str]:
    """A real row for each detail address of the schema."""
    version = city.text.versions.get(number=1)
    return {
        "/api/v1/neighbourhoods/{slug}/": "/api/v1/neighbourhoods/nantes-nord/",
        "/api/v1/spaces/{slug}/": f"/api/v1/spaces/{city.space.slug}/",
        "/api/v1/contributions/{id}/": f"/api/v1/contributions/{city.contribution.pk}/",
        "/api/v1/comments/{id}/": f"/api/v1/comments/{city.comment.pk}/",
        "/api/v1/decisions/{id}/": f"/api/v1/decisions/{city.decision.pk}/",
        "/api/v1/meetings/{id}/": f"/api/v1/meetings/{city.meeting.pk}/",
        "/api/v1/budgets/{id}/": f"/api/v1/budgets/{city.budget.pk}/",
        "/api/v1/projects/{id}/": f"/api/v1/projects/{city.reviewed_project.pk}/",
        "/api/v1/texts/{id}/": f"/api/v1/texts/{city.text.pk}/",
        "/api/v1/text-versions/{id}/": f"/api/v1/text-versions/{version.pk}/",
        "/api/v1/amendments/{id}/": f"/api/v1/amendments/{city.amendment.pk}/",
        "/api/v1/documents/{id}/": f"/api/v1/documents/{city.document.pk}/",
    }


def test_real_answers_match_the_committed_schema(city, committed, wsgi) -> None:
    """Every list and detail, filled with real rows, and the refusals, fit the schema."""
    schema = schemathesis.openapi.from_dict(committed)
    details = _detail_paths(city)
    lists = [path for path in committed["paths"] if "{" not in path]
    assert set(details) == {path for path in committed["paths"] if "{" in path}
    requests = [(path, path) for path in lists] + list(details.items())
    requests += [(path, f"{path}?page=99") for path in lists]
    requests += [(template, f"{template.split('{')[0]}999999/") for template in details]
    for template, url in requests:
        response = wsgi.get(url, base_url=HOST)
        assert response.status_code in {200, 400, 404}, url
        if response.status_code == 200:
            assert response.get_json().get("count", 1) >= 1, url
        schema[template]["GET"].validate_response(response)
