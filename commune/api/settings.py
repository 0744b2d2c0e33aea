"""The public API's Django settings (REST framework, OpenAPI), imported by commune/settings.py."""

import os

from commune.config import env_bool

# Requests per client (IP address) and period, e.g. "120/min", "5000/hour".
API_RATE = os.environ.get("COMMUNE_API_RATE", "120/min")

REST_FRAMEWORK: dict = {
    # Public and read-only: no session or login is read, so no answer depends on who asks
    # and no CSRF token is needed.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "commune.api.pagination.PagePagination",
    "DEFAULT_THROTTLE_CLASSES": ["commune.api.throttling.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api": API_RATE},
    # Behind the one reverse proxy of a production set-up, the client is the last address
    # it adds to X-Forwarded-For; otherwise the header is ignored (anyone can forge it).
    "NUM_PROXIES": 1 if env_bool("COMMUNE_BEHIND_PROXY", default=False) else 0,
    "DEFAULT_SCHEMA_CLASS": "commune.api.schema.PublicApiSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "UNICODE_JSON": True,
    "COERCE_DECIMAL_TO_STRING": False,
}

SPECTACULAR_SETTINGS: dict = {
    "TITLE": "Commune public API",
    "DESCRIPTION": (
        "Read-only open data of the city's participation: spaces and their rules, "
        "neighbourhoods, contributions with their answers, comments, decisions and "
        "commitments, meetings, participatory budgets, collaborative texts. "
        "Authors appear only by the public name they chose."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": False,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "SORT_OPERATIONS": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "commune.api.schema.drop_database_limits",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ContributionStatusEnum": "commune.contributions.models.Status",
        "VerificationEnum": "commune.accounts.models.Verification",
    },
}
