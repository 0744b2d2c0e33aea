"""Documents pages: the public list (filters, CSV) and page with the text; agents' upload."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.decorators import ratelimit

from commune.core.exports import csv_download
from commune.core.forms import add_service_errors
from commune.documents import access, services
from commune.documents.forms import PAGE_SIZE, DocumentFilterForm, PublishForm, WithdrawForm
from commune.documents.models import Document, DocumentQuerySet
from commune.documents.reading import text_pages
from commune.spaces.access import visible_spaces

# An agent publishes a meeting's documents in one sitting: generous, per account.
PUBLISH_RATE = "30/m"
RECENT_FOR_AGENTS = 20


def _limit(rate: str) -> Any:
    return ratelimit(key="user_or_ip", rate=rate, method="POST", block=True)


def _require_agent(request: HttpRequest) -> None:
    if not services.can_publish(request.user):
        raise PermissionDenied(_("Only city agents publish documents."))


def _filtered(request: HttpRequest) -> tuple[DocumentFilterForm, DocumentQuerySet]:
    documents = Document.objects.visible()
    years = sorted({day.year for day in documents.dates("document_date", "year")}, reverse=True)
    form = DocumentFilterForm(request.GET or None, spaces=visible_spaces(request.user), years=years)
    if form.is_valid():
        data = form.cleaned_data
        if data["space"]:
            documents = documents.filter(space=data["space"])
        if data["document_type"]:
            documents = documents.filter(document_type=data["document_type"])
        if data["year"]:
            documents = documents.filter(document_date__year=data["year"])
        if data["q"]:
            documents = documents.search(data["q"])
    return form, documents.select_related("space").order_by("-document_date", "-id")


@require_safe
def document_list(request: HttpRequest) -> HttpResponse:
    """Published documents, newest first, filtered by space, type, year and words."""
    form, documents = _filtered(request)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "documents/document_list.html",
        {
            "form": form,
            "page": page,
            "filter_query": query.urlencode(),
            "is_filtered": bool(form.is_valid() and any(form.cleaned_data.values())),
            "can_publish": services.can_publish(request.user),
        },
    )


@require_safe
def document_export(request: HttpRequest) -> StreamingHttpResponse:
    """The same filtered list as CSV: metadata only (the text is on each document's page)."""
    _form, documents = _filtered(request)
    header = [
        _("Title"),
        _("Type"),
        _("Date of the document"),
        _("Space or committee"),
        _("Format"),
        _("Size (bytes)"),
        _("Pages"),
        _("Text available"),
        _("SHA-256"),
        _("Published on"),
        _("Address"),
    ]
    rows = (
        [
            document.title,
            document.get_document_type_display(),
            document.document_date.isoformat(),
            document.space.title if document.space else "",
            document.get_file_format_display(),
            document.size,
            document.page_count if document.page_count is not None else "",
            _("yes") if document.has_text else _("no"),
            document.sha256,
            timezone.localdate(document.published_at).isoformat(),
            request.build_absolute_uri(document.get_absolute_url()),
        ]
        for document in documents.iterator(chunk_size=500)
    )
    return csv_download("documents.csv", header, rows)


def _detail_context(request: HttpRequest, document: Document) -> dict[str, Any]:
    return {
        "document": document,
        "pages": text_pages(document.extracted_text, document.file_format)
        if document.has_text
        else [],
        "can_publish": services.can_publish(request.user),
        "withdraw_form": WithdrawForm(prefix="withdraw"),
    }


@require_safe
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A document: its metadata, the download and its text as a web page (or why not)."""
    document = access.get_visible_document(request.user, pk)
    return render(request, "documents/document_detail.html", _detail_context(request, document))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(PUBLISH_RATE)
def publish(request: HttpRequest) -> HttpResponse:
    """Agents upload a document; bad files come back with the reason and nothing saved."""
    _require_agent(request)
    limit_mb = services.max_upload_bytes() // (1024 * 1024)
    form = PublishForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        max_megabytes=limit_mb,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                document = services.publish_document(
                    actor=request.user,
                    title=data["title"],
                    document_type=data["document_type"],
                    document_date=data["document_date"],
                    upload=data["file"],
                    space=data["space"],
                    meeting=data["meeting"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if document.has_text:
                    message = _("The document is published with its text.")
                else:
                    message = _(
                        "The document is published, but its text could not be read: "
                        "its page says the text is not available."
                    )
                messages.success(request, message)
                return redirect(document)
        status = 400
    recent = Document.objects.select_related("space").order_by("-published_at", "-id")
    return render(
        request,
        "documents/publish.html",
        {"form": form, "recent": recent[:RECENT_FOR_AGENTS], "max_megabytes": limit_mb},
        status=status,
    )


@login_required
@require_POST
@_limit(PUBLISH_RATE)
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Agents withdraw a document from the public site, with a reason."""
    _require_agent(request)
    document = access.get_visible_document(request.user, pk)
    form = WithdrawForm(request.POST, prefix="withdraw")
    if form.is_valid():
        try:
            services.withdraw_document(
                document=document, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The document is withdrawn from the public site."))
            return redirect(document)
    context = _detail_context(request, document) | {"withdraw_form": form}
    return render(request, "documents/document_detail.html", context, status=400)


@login_required
@require_POST
@_limit(PUBLISH_RATE)
def republish(request: HttpRequest, pk: int) -> HttpResponse:
    """Agents put a withdrawn document back on the public site."""
    _require_agent(request)
    document = access.get_visible_document(request.user, pk)
    services.republish_document(document=document, actor=request.user)
    messages.success(request, _("The document is back on the public site."))
    return redirect(document)
