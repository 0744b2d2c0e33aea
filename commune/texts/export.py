"""A version of a text as Markdown, HTML or PDF (WeasyPrint), each with the text's history."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from commune.core.pdf import PdfUnavailableError, html_to_pdf, unavailable_response
from commune.texts.models import Paragraph, Text, Version

FORMATS = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}


def markdown_body(version: Version) -> str:
    """The version's sections and paragraphs as Markdown, which the importer reads back."""
    parts: list[str] = []
    current_section = None
    for paragraph in _paragraphs(version):
        if paragraph.section_id != current_section:
            current_section = paragraph.section_id
            if paragraph.section.title:
                parts.append(f"## {paragraph.section.title}")
        parts.append(paragraph.body)
    return "\n\n".join(parts) + "\n"


def _paragraphs(version: Version) -> list[Paragraph]:
    return list(
        Paragraph.objects.filter(section__version=version)
        .select_related("section")
        .order_by("section__number", "number")
    )


def _history(text: Text) -> list[Version]:
    return list(text.versions.select_related("adopted_by").order_by("number"))


def as_markdown(text: Text, version: Version) -> str:
    lines = [f"# {text.title}", ""]
    lines.append(
        _("Version %(number)s, published on %(date)s.")
        % {"number": version.number, "date": version.published_at.date().isoformat()}
    )
    if text.introduction:
        lines += ["", text.introduction]
    lines += ["", markdown_body(version).rstrip(), "", "---", "", f"## {_('History')}", ""]
    for entry in _history(text):
        label = _("synthesis") if entry.is_synthesis else _("version")
        note = " ".join(entry.note.split())
        lines.append(
            f"- v{entry.number} ({label}, {entry.published_at.date().isoformat()})"
            + (f": {note}" if note else "")
        )
    return "\n".join(lines) + "\n"


def as_html(request: HttpRequest | None, text: Text, version: Version) -> str:
    """A standalone HTML page (styles inline), also the source of the PDF."""
    sections: list[dict[str, Any]] = []
    for paragraph in _paragraphs(version):
        if not sections or sections[-1]["section"].pk != paragraph.section_id:
            sections.append({"section": paragraph.section, "paragraphs": []})
        sections[-1]["paragraphs"].append(paragraph)
    return render_to_string(
        "texts/export/version.html",
        {"text": text, "version": version, "sections": sections, "history": _history(text)},
        request=request,
    )


def as_pdf(text: Text, version: Version) -> bytes:
    return html_to_pdf(as_html(None, text, version))


def response(request: HttpRequest, text: Text, version: Version, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("Unknown format.")
    name = f"{slugify(text.title)[:60] or 'texte'}-v{version.number}.{fmt}"
    if fmt == "md":
        body: str | bytes = as_markdown(text, version)
    elif fmt == "html":
        body = as_html(request, text, version)
    else:
        try:
            body = as_pdf(text, version)
        except PdfUnavailableError:
            return unavailable_response()
    result = HttpResponse(body, content_type=FORMATS[fmt])
    disposition = "inline" if fmt == "html" else "attachment"
    result["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return result
