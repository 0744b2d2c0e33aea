"""PDF files made from our own HTML with WeasyPrint, shared by the texts and the wiki."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _


class PdfUnavailableError(RuntimeError):
    """This server cannot make PDF files (WeasyPrint needs Debian's Pango libraries)."""


def html_to_pdf(html: str) -> bytes:
    """The PDF of `html`; images or stylesheets it points at are never fetched (a resident's
    Markdown may link any address: no request leaves the server, no local file is read)."""
    try:
        # Imported here: it loads Pango, which only the PDF needs.
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except OSError as error:
        raise PdfUnavailableError(str(error)) from error

    class NothingFetched(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"not fetched: {url}")

    return HTML(string=html, url_fetcher=NothingFetched()).write_pdf()


def unavailable_response() -> HttpResponse:
    """A 503 that says why, instead of a server error, when Pango is not installed."""
    return HttpResponse(
        _(
            "PDF files cannot be made on this server (the Pango libraries are missing); "
            "download the HTML or Markdown version instead."
        ),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
