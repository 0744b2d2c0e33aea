"""Published documents in the API: their facts, file address and extracted text.

Who uploaded a document is never served (the pages show the city, not the agent).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from commune.api.base import Filter, PublicViewSet, whole_number
from commune.api.contributions import SPACE_FILTER
from commune.documents.models import Document, DocumentType


class DocumentSerializer(serializers.ModelSerializer):
    space = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "title",
            "document_type",
            "space",
            "meeting",
            "document_date",
            "file_format",
            "size",
            "sha256",
            "page_count",
            "file_url",
            "text_status",
            "text_unavailable_reason",
            "published_at",
        ]

    @extend_schema_field(serializers.CharField(help_text="Where to download the file."))
    def get_file_url(self, document: Document) -> str:
        return document.file.url


class DocumentWithTextSerializer(DocumentSerializer):
    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "extracted_text"]


def _year(raw: str) -> int:
    year = whole_number(raw, "year")
    if not 1 <= year <= 9999:
        raise ValueError(_("“year” must be a year from 1 to 9999."))
    return year


@extend_schema_view(
    list=extend_schema(summary="Published documents, newest first (without their text)"),
    retrieve=extend_schema(summary="One document, with the text read from its file"),
)
class DocumentViewSet(PublicViewSet):
    filters = (
        SPACE_FILTER,
        Filter(
            "document_type",
            "Type of document.",
            lambda queryset, kind: queryset.filter(document_type=kind),
            choices=tuple(DocumentType.values),
        ),
        Filter(
            "year",
            "Year of the document's date.",
            lambda queryset, year: queryset.filter(document_date__year=year),
            parse=_year,
            kind="integer",
        ),
        Filter("q", "Words searched in the title and the text.", lambda qs, text: qs.search(text)),
    )

    def get_serializer_class(self) -> type[DocumentSerializer]:
        return DocumentWithTextSerializer if self.action == "retrieve" else DocumentSerializer

    def get_queryset(self) -> QuerySet[Document]:
        return Document.objects.visible().select_related("space").order_by("-document_date", "-id")
