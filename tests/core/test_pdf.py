"""PDF exports: a real PDF when Pango is there, a clear 503 when the server lacks it."""

from __future__ import annotations

import builtins

import pytest

from commune.core.pdf import PdfUnavailableError, html_to_pdf, unavailable_response


def test_html_becomes_a_pdf_without_fetching_anything(tmp_path) -> None:
    secret = tmp_path / "secret.png"
    html = (
        '<h1>Charte</h1><img src="https://example.org/tracker.png" alt="">'
        f'<img src="file://{secret}" alt="">'
    )
    pdf = html_to_pdf(html)
    assert pdf.startswith(b"%PDF-")


def test_a_server_without_pango_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def without_pango(name: str, *args: object, **kwargs: object) -> object:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_pango)
    with pytest.raises(PdfUnavailableError):
        html_to_pdf("<p>x</p>")
    response = unavailable_response()
    assert response.status_code == 503
    assert "HTML" in response.content.decode()
