"""ETag and Last-Modified on every API answer, and 304 to a client whose copy is current.

The ETag is a hash of the body itself, so it changes exactly when the answer changes.
Last-Modified is the time this server first gave that exact body for that URL (kept in
the cache next to its ETag): the rows' own timestamps cannot tell when a row was hidden,
unpublished or deleted, or when a nested answer or count changed, so a date taken from
them would answer 304 to a client holding stale data (docs/decisions/0012-public-api.md).
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

# How long the server remembers when it first gave a body (a forgotten date only means a
# client gets the body again rather than a 304).
REMEMBER_FOR = 7 * 24 * 3600


def _first_served(path: str, etag: str) -> int:
    key = "api-served:" + hashlib.sha256(path.encode()).hexdigest()
    remembered = cache.get(key)
    if remembered and remembered[0] == etag:
        return int(remembered[1])
    now = int(time.time())
    if remembered:
        # HTTP dates count whole seconds: a change within the second of the previous body
        # must still read as later, or If-Modified-Since would keep the stale copy.
        now = max(now, int(remembered[1]) + 1)
    cache.set(key, (etag, now), REMEMBER_FOR)
    return now


def answer_conditionally(request: HttpRequest, response: Any) -> HttpResponseBase:
    """Add ETag and Last-Modified to a rendered 200 answer; 304 when the client's copy holds."""
    etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:40])
    last_modified = _first_served(request.get_full_path(), etag)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Caches may keep the answer but must ask again each time (conditional requests are cheap).
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )
