"""Conditional requests (ETag, Last-Modified, 304) and the per-client rate limit."""

from __future__ import annotations

import pytest
from django.utils.http import http_date, parse_http_date

from tests.factories import ContributionFactory


def test_same_answer_same_etag_then_304(client, city) -> None:
    first = client.get("/api/v1/contributions/")
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('"')
    assert first["Last-Modified"]
    again = client.get("/api/v1/contributions/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_head_gives_the_same_etag_without_a_body(client, city) -> None:
    etag = client.get("/api/v1/spaces/")["ETag"]
    head = client.head("/api/v1/spaces/")
    assert head.status_code == 200
    assert head["ETag"] == etag
    assert head.content == b""


def test_scripts_of_other_sites_may_read_answers_and_refusals(client, city) -> None:
    for response in (
        client.get("/api/v1/spaces/"),
        client.get("/api/v1/spaces/", {"colour": "red"}),
        client.get("/api/v1/spaces/", HTTP_IF_NONE_MATCH=client.get("/api/v1/spaces/")["ETag"]),
    ):
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "ETag" in response["Access-Control-Expose-Headers"]


def test_the_rate_comes_from_the_environment(monkeypatch) -> None:
    import importlib

    import commune.api.settings as api_settings

    monkeypatch.setenv("COMMUNE_API_RATE", "5000/hour")
    try:
        assert importlib.reload(api_settings).REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] == {
            "api": "5000/hour"
        }
    finally:
        monkeypatch.delenv("COMMUNE_API_RATE")
        importlib.reload(api_settings)


def test_a_change_changes_the_etag(client, city) -> None:
    etag = client.get("/api/v1/contributions/")["ETag"]
    ContributionFactory(space=city.space, title="Une nouvelle idée")
    changed = client.get("/api/v1/contributions/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Une nouvelle idée" in changed.content.decode()


def test_if_modified_since_answers_304_until_the_answer_changes(client, city) -> None:
    path = f"/api/v1/contributions/{city.contribution.pk}/"
    last_modified = client.get(path)["Last-Modified"]
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    earlier = http_date(parse_http_date(last_modified) - 60)
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200
    city.contribution.title = "Des bancs et des arbres"
    city.contribution.save()
    # Changed since the client's copy (even within the same second): the new body, later.
    changed = client.get(path, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert changed.status_code == 200
    assert "Des bancs et des arbres" in changed.content.decode()
    assert parse_http_date(changed["Last-Modified"]) > parse_http_date(last_modified)


def test_a_hidden_row_is_not_answered_304(client, city) -> None:
    """Hiding a contribution changes no timestamp of the others; the list is not stale."""
    response = client.get("/api/v1/contributions/")
    etag, last_modified = response["ETag"], response["Last-Modified"]
    city.contribution.hidden_at = city.contribution.created_at
    city.contribution.save()
    fresh = client.get(
        "/api/v1/contributions/", HTTP_IF_NONE_MATCH=etag, HTTP_IF_MODIFIED_SINCE=last_modified
    )
    assert fresh.status_code == 200
    assert fresh.json()["count"] == 0


@pytest.fixture
def three_a_minute(settings):
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {"DEFAULT_THROTTLE_RATES": {"api": "3/min"}}


def test_over_the_rate_429_with_retry_after(client, city, three_a_minute) -> None:
    for _ in range(3):
        assert client.get("/api/v1/spaces/").status_code == 200
    refused = client.get("/api/v1/neighbourhoods/")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused.json()["detail"]


def test_the_rate_is_counted_per_client(client, city, three_a_minute) -> None:
    for _ in range(3):
        client.get("/api/v1/spaces/", REMOTE_ADDR="192.0.2.1")
    assert client.get("/api/v1/spaces/", REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get("/api/v1/spaces/", REMOTE_ADDR="192.0.2.2").status_code == 200
    # A forged X-Forwarded-For does not make a new client (no proxy is configured).
    forged = client.get(
        "/api/v1/spaces/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert forged.status_code == 429
