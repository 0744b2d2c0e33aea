"""Contributions with their status timeline and answers, comments, decisions and commitments.

Authors appear only by the public name they chose; supporters are a count, never names.
Hidden contributions and comments are left out (their text is withdrawn from the public).
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from commune.accountability.access import visible_decisions
from commune.accountability.models import (
    Commitment,
    CommitmentStatus,
    Decision,
    ProgressUpdate,
    StatusChange,
)
from commune.api.base import Filter, PublicViewSet, whole_number
from commune.api.spaces import NEIGHBOURHOOD_FILTER
from commune.contributions.models import (
    Channel,
    Comment,
    Contribution,
    ContributionKind,
    Pillar,
    Status,
)


def public_contributions() -> QuerySet[Contribution]:
    """What the public reads: contributions of published spaces, hidden ones left out."""
    return Contribution.objects.visible().filter(hidden_at__isnull=True)


class StatusChangeSerializer(serializers.ModelSerializer):
    signed_by = serializers.CharField(
        source="signature",
        read_only=True,
        help_text="The answering service, or the elected official who signed the answer.",
    )

    class Meta:
        model = StatusChange
        fields = ["status", "answer", "signed_by", "created_at"]


class ContributionSerializer(serializers.ModelSerializer):
    space = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    neighbourhood = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    author = serializers.CharField(
        source="author_display", read_only=True, help_text="The public name the author chose."
    )
    is_withdrawn = serializers.BooleanField(read_only=True)
    is_overdue = serializers.SerializerMethodField()
    timeline = StatusChangeSerializer(source="status_changes", many=True, read_only=True)
    decisions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Contribution
        fields = [
            "id",
            "space",
            "kind",
            "title",
            "body",
            "pillar",
            "neighbourhood",
            "channel",
            "author",
            "status",
            "created_at",
            "due_on",
            "first_answered_at",
            "is_overdue",
            "is_withdrawn",
            "support_count",
            "comment_count",
            "timeline",
            "decisions",
        ]

    @extend_schema_field(serializers.BooleanField())
    def get_is_overdue(self, contribution: Contribution) -> bool:
        return contribution.is_overdue(timezone.localdate())


def _search(queryset: QuerySet, text: str) -> QuerySet:
    return queryset.search(text)


def _status(queryset: QuerySet, status: str) -> QuerySet:
    return queryset.overdue() if status == "overdue" else queryset.filter(status=status)


def _space(queryset: QuerySet, slug: str) -> QuerySet:
    return queryset.filter(space__slug=slug)


SPACE_FILTER = Filter("space", "Slug of a space (see /spaces/).", _space)


@extend_schema_view(
    list=extend_schema(summary="Contributions (ideas and proposals), newest first"),
    retrieve=extend_schema(summary="One contribution, with its status timeline and answers"),
)
class ContributionViewSet(PublicViewSet):
    serializer_class = ContributionSerializer
    filters = (
        SPACE_FILTER,
        Filter(
            "status",
            "Status in the answer loop, or `overdue` (not answered by its due date).",
            _status,
            choices=("overdue", *Status.values),
        ),
        NEIGHBOURHOOD_FILTER,
        Filter(
            "kind",
            "Idea or proposal.",
            lambda queryset, kind: queryset.filter(kind=kind),
            choices=tuple(ContributionKind.values),
        ),
        Filter(
            "pillar",
            "Pillar of open government.",
            lambda queryset, pillar: queryset.filter(pillar=pillar),
            choices=tuple(Pillar.values),
        ),
        Filter(
            "channel",
            "How it reached the city.",
            lambda queryset, channel: queryset.filter(channel=channel),
            choices=tuple(Channel.values),
        ),
        Filter("q", "Words searched in the title and the text.", _search),
    )

    def get_queryset(self) -> QuerySet[Contribution]:
        timeline = StatusChange.objects.select_related("service", "signed_by").order_by(
            "created_at", "id"
        )
        return (
            public_contributions()
            .select_related("space", "neighbourhood", "author")
            .prefetch_related(
                Prefetch("status_changes", queryset=timeline),
                Prefetch("decisions", queryset=visible_decisions(None).only("pk")),
            )
            .order_by("-created_at", "-id")
        )


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(
        source="author.public_name", read_only=True, help_text="The public name the author chose."
    )

    class Meta:
        model = Comment
        fields = ["id", "contribution", "parent", "depth", "author", "stance", "body", "created_at"]


@extend_schema_view(
    list=extend_schema(summary="Comments on contributions, oldest first (hidden ones left out)"),
    retrieve=extend_schema(summary="One comment"),
)
class CommentViewSet(PublicViewSet):
    serializer_class = CommentSerializer
    filters = (
        Filter(
            "contribution",
            "Identifier of a contribution.",
            lambda queryset, pk: queryset.filter(contribution_id=pk),
            parse=lambda raw: whole_number(raw, "contribution"),
            kind="integer",
        ),
        Filter(
            "space", "Slug of a space.", lambda qs, slug: qs.filter(contribution__space__slug=slug)
        ),
    )

    def get_queryset(self) -> QuerySet[Comment]:
        return (
            Comment.objects.filter(hidden_at__isnull=True, contribution__in=public_contributions())
            .select_related("author")
            .order_by("created_at", "id")
        )


class ProgressUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgressUpdate
        fields = ["progress", "text", "created_at"]


class CommitmentSerializer(serializers.ModelSerializer):
    service = serializers.CharField(source="owner_service.name", read_only=True)
    status = serializers.SerializerMethodField()
    updates = ProgressUpdateSerializer(many=True, read_only=True)

    class Meta:
        model = Commitment
        fields = ["id", "title", "service", "target_date", "progress", "status", "updates"]

    @extend_schema_field(serializers.ChoiceField(choices=CommitmentStatus.values))
    def get_status(self, commitment: Commitment) -> str:
        return str(commitment.status(timezone.localdate()).value)


class DecisionSerializer(serializers.ModelSerializer):
    space = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    contributions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    commitments = CommitmentSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "space",
            "title",
            "body",
            "decided_by",
            "decided_on",
            "act_url",
            "meeting",
            "contributions",
            "commitments",
        ]


@extend_schema_view(
    list=extend_schema(summary="Decisions of councils and the city, newest first"),
    retrieve=extend_schema(summary="One decision, with what it answers and its commitments"),
)
class DecisionViewSet(PublicViewSet):
    serializer_class = DecisionSerializer
    filters = (SPACE_FILTER,)

    def get_queryset(self) -> QuerySet[Decision]:
        commitments = Commitment.objects.select_related("owner_service").prefetch_related(
            Prefetch("updates", queryset=ProgressUpdate.objects.order_by("created_at", "id"))
        )
        return (
            visible_decisions(None)
            .select_related("space")
            .prefetch_related(
                Prefetch("contributions", queryset=public_contributions().only("pk")),
                Prefetch("commitments", queryset=commitments.order_by("target_date", "id")),
            )
            .order_by("-decided_on", "-id")
        )
