"""The site-wide search page: published documents and contributions matching the same words."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django_ratelimit.decorators import ratelimit

from commune.contributions.models import Contribution
from commune.documents.forms import SEARCH_MAX_LENGTH
from commune.documents.models import Document
from commune.documents.reading import excerpt

# Each group shows its best matches; its full list (with filters and pages) is one link away.
RESULTS_PER_GROUP = 10
# Full-text search costs more than a page view: a person never types this fast.
SEARCH_RATE = "60/m"


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words to search for"), max_length=SEARCH_MAX_LENGTH)


@require_safe
@ratelimit(key="ip", rate=SEARCH_RATE, method=["GET", "HEAD"], block=True)
def search(request: HttpRequest) -> HttpResponse:
    """Documents (title and text) and contributions (title and text) matching `q`."""
    form = SearchForm(request.GET if "q" in request.GET else None)
    context: dict[str, Any] = {"form": form, "searched": False}
    if form.is_valid() and form.cleaned_data["q"].strip():
        words = form.cleaned_data["q"].strip()
        documents = (
            Document.objects.visible()
            .search(words)
            .select_related("space")
            .order_by("-document_date", "-id")
        )
        contributions = (
            Contribution.objects.visible()
            .search(words)
            .select_related("space")
            .order_by("-created_at", "-id")
        )
        document_count = documents.count()
        contribution_count = contributions.count()
        context |= {
            "searched": True,
            "words": words,
            "document_count": document_count,
            "contribution_count": contribution_count,
            "documents": [
                (document, excerpt(document.extracted_text or document.title, words))
                for document in documents[:RESULTS_PER_GROUP]
            ],
            "contributions": [
                (contribution, excerpt(contribution.body, words))
                for contribution in contributions[:RESULTS_PER_GROUP]
            ],
        }
    return render(request, "documents/search.html", context)
