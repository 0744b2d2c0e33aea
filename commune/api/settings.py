"""The public API's Django settings (REST framework, OpenAPI), imported by commune/settings.py."""

REST_FRAMEWORK: dict = {}
SPECTACULAR_SETTINGS: dict = {}
