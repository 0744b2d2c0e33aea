"""Collaborative texts in the API: versions with sections and paragraphs, and amendments.

Amendments carry counts of support and opposition, never who voted which way.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from commune.api.base import Filter, PublicViewSet, whole_number
from commune.api.contributions import SPACE_FILTER
from commune.texts.models import (
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    Paragraph,
    Section,
    Text,
    Version,
)


class ParagraphSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True, help_text="Cited as §section.paragraph.")

    class Meta:
        model = Paragraph
        fields = ["id", "number", "reference", "body"]


class SectionSerializer(serializers.ModelSerializer):
    paragraphs = ParagraphSerializer(many=True, read_only=True)

    class Meta:
        model = Section
        fields = ["number", "title", "paragraphs"]


class VersionSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Version
        fields = ["id", "number", "is_synthesis", "note", "published_at", "adopted_by"]


class VersionSerializer(serializers.ModelSerializer):
    sections = SectionSerializer(many=True, read_only=True)

    class Meta:
        model = Version
        fields = [
            "id",
            "text",
            "number",
            "is_synthesis",
            "note",
            "published_at",
            "adopted_by",
            "sections",
        ]


class TextSerializer(serializers.ModelSerializer):
    space = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    versions = VersionSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Text
        fields = ["id", "space", "title", "introduction", "is_open", "created_at", "versions"]


def public_texts() -> QuerySet[Text]:
    return Text.objects.visible()


@extend_schema_view(
    list=extend_schema(summary="Collaborative texts, newest first"),
    retrieve=extend_schema(summary="One text, with the list of its versions"),
)
class TextViewSet(PublicViewSet):
    serializer_class = TextSerializer
    filters = (SPACE_FILTER,)

    def get_queryset(self) -> QuerySet[Text]:
        return (
            public_texts()
            .select_related("space")
            .prefetch_related(Prefetch("versions", queryset=Version.objects.order_by("number")))
            .order_by("-created_at", "-id")
        )


def _text_filter() -> Filter:
    return Filter(
        "text",
        "Identifier of a text.",
        lambda queryset, pk: queryset.filter(text_id=pk),
        parse=lambda raw: whole_number(raw, "text"),
        kind="integer",
    )


@extend_schema_view(
    list=extend_schema(summary="Versions of texts, with their sections and paragraphs"),
    retrieve=extend_schema(summary="One version of a text, in full"),
)
class VersionViewSet(PublicViewSet):
    serializer_class = VersionSerializer
    filters = (_text_filter(),)

    def get_queryset(self) -> QuerySet[Version]:
        paragraphs = Paragraph.objects.select_related("section").order_by("number", "id")
        sections = Section.objects.order_by("number").prefetch_related(
            Prefetch("paragraphs", queryset=paragraphs)
        )
        return (
            Version.objects.filter(text__in=public_texts())
            .prefetch_related(Prefetch("sections", queryset=sections))
            .order_by("text_id", "number")
        )


class AmendmentSerializer(serializers.ModelSerializer):
    paragraph_reference = serializers.CharField(source="paragraph.reference", read_only=True)
    author = serializers.CharField(
        source="author.public_name", read_only=True, help_text="The public name the author chose."
    )
    support_count = serializers.IntegerField(read_only=True)
    oppose_count = serializers.IntegerField(read_only=True)
    comment_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Amendment
        fields = [
            "id",
            "text",
            "paragraph",
            "paragraph_reference",
            "kind",
            "original_body",
            "proposed_body",
            "justification",
            "author",
            "status",
            "merged_body",
            "decision_reason",
            "decided_at",
            "created_at",
            "support_count",
            "oppose_count",
            "comment_count",
        ]


@extend_schema_view(
    list=extend_schema(summary="Amendments to texts, oldest first"),
    retrieve=extend_schema(summary="One amendment, with its counts of support and opposition"),
)
class AmendmentViewSet(PublicViewSet):
    serializer_class = AmendmentSerializer
    filters = (
        _text_filter(),
        Filter(
            "status",
            "Where the amendment stands.",
            lambda queryset, status: queryset.filter(status=status),
            choices=tuple(AmendmentStatus.values),
        ),
        Filter(
            "kind",
            "The change it proposes.",
            lambda queryset, kind: queryset.filter(kind=kind),
            choices=tuple(AmendmentKind.values),
        ),
    )

    def get_queryset(self) -> QuerySet[Amendment]:
        return (
            Amendment.objects.filter(text__in=public_texts())
            .select_related("author", "paragraph__section")
            .annotate(
                support_count=Count("votes", filter=Q(votes__value=1), distinct=True),
                oppose_count=Count("votes", filter=Q(votes__value=-1), distinct=True),
                comment_count=Count("comments", distinct=True),
            )
            .order_by("created_at", "id")
        )
