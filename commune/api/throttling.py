"""Requests per client (IP address), with the rate read when a request comes in."""

from __future__ import annotations

import hashlib
from typing import Any

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class ClientRateThrottle(SimpleRateThrottle):
    """One budget per client address for the whole API; over it, 429 with Retry-After.

    The rate comes from COMMUNE_API_RATE (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["api"]),
    read per request rather than when the class is defined, so a settings change applies.
    """

    scope = "api"

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request: Any, view: Any) -> str:
        # The counter's key holds a hash of the address, never the address itself.
        ident = hashlib.sha256((self.get_ident(request) or "").encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}
