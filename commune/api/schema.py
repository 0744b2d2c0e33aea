"""The OpenAPI schema: every operation's error answers, and the one function that builds it."""

from __future__ import annotations

from typing import Any

from django.urls import include, path
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """Every refusal: a readable reason."""

    detail = serializers.CharField(help_text="Why the request was refused, in words.")


# Status → what it means; each one is documented on every operation, so a client (and the
# contract tests) know every answer the API may give.
ERRORS = {
    "400": "A query parameter is unknown or has a bad value; `detail` says which.",
    "404": "No public row has this identifier.",
    "429": "Too many requests from this client; try again after `Retry-After` seconds.",
}


class PublicApiSchema(AutoSchema):
    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if self.method != "GET":
            return responses
        responses["304"] = {"description": "The copy named by If-None-Match is still current."}
        for code, description in ERRORS.items():
            if code == "404" and self._is_list_view():
                continue
            body = self._get_response_for_code(ErrorSerializer, code, direction=direction)
            responses[code] = body | {"description": description}
        return responses


# The integer ranges of SQLite and PostgreSQL columns, which drf-spectacular copies from the
# database in use: the schema must be the same whatever the database.
_DATABASE_LIMITS = {2**63 - 1, -(2**63), 2**31 - 1, -(2**31), 2**15 - 1, -(2**15)}


def drop_database_limits(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular post-processing hook: no column range or size in integer fields."""

    def clean(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "integer":
                for bound in ("maximum", "minimum"):
                    if node.get(bound) in _DATABASE_LIMITS:
                        del node[bound]
                if node.get("format") in {"int32", "int64"}:
                    del node["format"]
            for value in node.values():
                clean(value)
        elif isinstance(node, list):
            for value in node:
                clean(value)

    clean(result)
    return result


def build_schema() -> dict[str, Any]:
    """The API's OpenAPI 3 schema, always in English so the served and committed ones match."""
    with translation.override("en"):
        # Only the API's own URLs, mounted where commune/urls.py mounts them.
        patterns = [path("api/v1/", include("commune.api.urls"))]
        generator = SchemaGenerator(patterns=patterns)
        return generator.get_schema(request=None, public=True)
