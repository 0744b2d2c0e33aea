"""Walk all a visitor can fetch (pages, exports, API, open-data files) for personal data.

The crawl starts at the home page (French and English), every API list and the open-data
page, follows every link and every address the API gives, opens every download (CSV,
iCalendar, JSON, Pabulib, ZIP, Parquet, PDF) and fails on any value planted by the `city`
fixture (e-mail addresses, who supported, voted or registered, hidden and draft content…)
and on any resident's e-mail address.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

import pyarrow.parquet as pq
import pytest
from django.urls import reverse
from pypdf import PdfReader

from commune.accounts.models import Resident
from commune.api.urls import router
from commune.opendata.registry import pseudonym
from tests.opendata.conftest import SECRETS

pytestmark = pytest.mark.django_db

# Addresses that change state or are not for visitors; everything else is fetched.
SKIPPED_PREFIXES = ("/admin/", "/en/admin/", "/i18n/", "/media/", "/static/")
MAX_FETCHES = 1500
# Filters, sort orders and page numbers multiply addresses without new content: a few
# variants of each path are enough to reach every kind of export.
QUERY_VARIANTS_PER_PATH = 3
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HREF = re.compile(r"""(?:href|src)=["']([^"'#]+)""")


def _text_of(response) -> str:
    """The response as text, whatever its format (archives and Parquet opened)."""
    data = b"".join(response.streaming_content) if response.streaming else bytes(response.content)
    return _decode(data, response.get("Content-Type", ""), response.request["PATH_INFO"])


def _decode(data: bytes, content_type: str, name: str) -> str:
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(
                _decode(archive.read(member), "", member) for member in archive.namelist()
            )
    if data.startswith(b"PAR1"):
        table = pq.read_table(io.BytesIO(data))
        return json.dumps(table.to_pylist(), default=str, ensure_ascii=False)
    if data.startswith(b"%PDF"):
        try:
            return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        except Exception as error:  # a damaged file is no leak, but say which
            return f"unreadable PDF {name}: {error}"
    text = data.decode("utf-8", errors="replace")
    if "json" in content_type:
        # Unescape \u00e9 and the like, so planted accented values are compared as written.
        try:
            return json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            return text
    return text


def _links(text: str, base: str, content_type: str) -> list[str]:
    if "html" in content_type:
        found = [value.replace("&amp;", "&") for value in HREF.findall(text)]
    elif "json" in content_type:
        found = re.findall(r'"(https?://testserver/[^"]+|/api/v1/[^"]+)"', text)
    else:
        return []
    links = []
    for link in found:
        absolute = urldefrag(urljoin(base, link)).url
        parts = urlsplit(absolute)
        if parts.netloc not in ("", "testserver") or parts.scheme not in ("", "http"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith(SKIPPED_PREFIXES) and "{" not in path:
            links.append(path)
    return links


def _start() -> list[str]:
    api_lists = sorted(
        {reverse(f"api:{basename}-list") for _prefix, _viewset, basename in router.registry}
    )
    return [
        "/",
        "/en/",
        reverse("opendata:index"),
        reverse("api:docs"),
        reverse("api:schema"),
        *api_lists,
    ]


def test_nothing_a_visitor_can_fetch_holds_personal_data(client, city, built) -> None:
    """Every page, export, API answer and open-data file, as an anonymous visitor."""
    secrets = [*SECRETS.values(), pseudonym(city.supporter.pk), pseudonym(city.voter.pk)]
    resident_emails = {email.lower() for email in Resident.objects.values_list("email", flat=True)}
    queue, seen = deque(_start()), set()
    fetched: dict[str, int] = {}
    variants: dict[str, int] = {}
    while queue and len(fetched) < MAX_FETCHES:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        bare = path.split("?", 1)[0]
        if "?" in path:
            variants[bare] = variants.get(bare, 0) + 1
            if variants[bare] > QUERY_VARIANTS_PER_PATH:
                continue
        response = client.get(path)
        fetched[path] = response.status_code
        assert response.status_code < 500, f"{path} answered {response.status_code}"
        if response.status_code >= 300:
            continue
        content_type = response.get("Content-Type", "")
        text = _text_of(response)
        for secret in secrets:
            assert secret not in text, f"{secret!r} is in {path}"
        for email in EMAIL.findall(text):
            assert email.lower() not in resident_emails, f"a resident's e-mail is in {path}"
        queue.extend(link for link in _links(text, path, content_type) if link not in seen)
    assert len(fetched) < MAX_FETCHES, "the crawl stopped before the end: raise MAX_FETCHES"
    kinds = {urlsplit(path).path.rsplit(".", 1)[-1] for path in fetched}
    # The walk really reached the exports, the API and the open-data files.
    assert {"csv", "ics", "zip", "parquet", "pb", "ttl", "jsonld"} <= kinds, sorted(kinds)
    assert any(path.startswith("/api/v1/contributions/") for path in fetched)
    assert any("/recherche/" in path or "/documents/" in path for path in fetched)
