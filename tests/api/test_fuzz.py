"""schemathesis against the served schema: no server error, no answer outside the schema.

Every operation gets a few generated requests (any filter value, page or identifier the
schema allows) on a small city; this runs with the normal test command, on SQLite and
PostgreSQL.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from commune.api.management.commands.api_schema import COMMITTED_SCHEMA

EXAMPLES_PER_OPERATION = 12
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# The committed schema, which test_schema.py holds equal to the served one. (Loading the
# served one through a fixture, schemathesis.pytest.from_fixture, breaks on pytest 9.)
schema = schemathesis.openapi.from_path(str(COMMITTED_SCHEMA))
schema.app = WSGIHandler()


@pytest.fixture
def unthrottled(settings: Any) -> None:
    # Generated requests come by the hundred: the rate limit has its own tests.
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": {"api": "100000/min"}
    }


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_generated_requests_get_answers_the_schema_allows(
    case: Any, city: Any, unthrottled: None, wsgi_app: Any
) -> None:
    # wsgi_app: keeps the test's database connection open across the calls.
    response = case.call(base_url="http://testserver")
    case.validate_response(response, checks=CHECKS)
