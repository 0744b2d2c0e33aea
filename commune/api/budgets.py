"""Participatory budgets in the API: phases, projects, feasibility reviews and results.

Results are the published tally only (votes per project); no ballot and no roll of who
voted is ever served.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from commune.api.base import Filter, PublicViewSet, whole_number
from commune.api.contributions import SPACE_FILTER
from commune.budgets.models import Budget, BudgetPhase, Project, ProjectStatus


class ResultRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The project's identifier.")
    title = serializers.CharField()
    cost = serializers.IntegerField()
    votes = serializers.IntegerField()
    points = serializers.IntegerField()
    funded = serializers.BooleanField()
    order = serializers.IntegerField(allow_null=True, help_text="Rank among funded projects.")
    reason = serializers.CharField(help_text="Code of the reason it was funded or not.")


class ComparisonSerializer(serializers.Serializer):
    rule = serializers.CharField()
    selected = serializers.ListField(child=serializers.IntegerField())
    total_cost = serializers.IntegerField()


class ResultsSerializer(serializers.Serializer):
    rule = serializers.CharField()
    amount = serializers.IntegerField()
    ballots = serializers.IntegerField(help_text="Number of ballots counted.")
    total_cost = serializers.IntegerField()
    left = serializers.IntegerField()
    selected = serializers.ListField(child=serializers.IntegerField())
    projects = ResultRowSerializer(many=True)
    comparison = ComparisonSerializer(
        allow_null=True, help_text="What another rule would have funded with the same ballots."
    )


class BudgetSerializer(serializers.ModelSerializer):
    space = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    phase = serializers.SerializerMethodField()
    results = serializers.SerializerMethodField()

    class Meta:
        model = Budget
        fields = [
            "id",
            "space",
            "title",
            "description",
            "amount",
            "phase",
            "submission_opens_on",
            "submission_closes_on",
            "review_closes_on",
            "vote_opens_on",
            "vote_closes_on",
            "results_on",
            "follow_up_until",
            "ballot_kind",
            "max_choices",
            "points",
            "rule",
            "min_votes",
            "verification_required",
            "minimum_age",
            "residents_only",
            "decision",
            "results",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=BudgetPhase.values))
    def get_phase(self, budget: Budget) -> str:
        return str(budget.phase().value)

    @extend_schema_field(ResultsSerializer(allow_null=True))
    def get_results(self, budget: Budget) -> dict[str, Any] | None:
        """The published tally once the vote is closed and counted; none before."""
        if not budget.results:
            return None
        return ResultsSerializer(budget.results).data


@extend_schema_view(
    list=extend_schema(summary="Participatory budgets"),
    retrieve=extend_schema(summary="One participatory budget, with its results once counted"),
)
class BudgetViewSet(PublicViewSet):
    serializer_class = BudgetSerializer
    filters = (SPACE_FILTER,)

    def get_queryset(self) -> QuerySet[Budget]:
        return Budget.objects.visible().select_related("space").order_by("-vote_opens_on", "pk")


class ReviewSerializer(serializers.ModelSerializer):
    outcome = serializers.CharField(source="status", read_only=True)
    reason = serializers.CharField(source="review_reason", read_only=True)
    service = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = ["outcome", "reason", "revised_cost", "service", "reviewed_at"]

    @extend_schema_field(
        serializers.CharField(allow_null=True, help_text="None: the city, no service named.")
    )
    def get_service(self, project: Project) -> str | None:
        return project.review_service.name if project.review_service_id else None


class ProjectSerializer(serializers.ModelSerializer):
    neighbourhood = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    review = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            "budget",
            "title",
            "description",
            "estimated_cost",
            "neighbourhood",
            "location",
            "status",
            "review",
            "commitment",
        ]

    @extend_schema_field(ReviewSerializer(allow_null=True))
    def get_review(self, project: Project) -> dict[str, Any] | None:
        """The city's feasibility review once published; none while under review."""
        if project.reviewed_at is None:
            return None
        return ReviewSerializer(project).data


@extend_schema_view(
    list=extend_schema(summary="Projects proposed to participatory budgets"),
    retrieve=extend_schema(summary="One project, with its feasibility review"),
)
class ProjectViewSet(PublicViewSet):
    serializer_class = ProjectSerializer
    filters = (
        Filter(
            "budget",
            "Identifier of a budget.",
            lambda queryset, pk: queryset.filter(budget_id=pk),
            parse=lambda raw: whole_number(raw, "budget"),
            kind="integer",
        ),
        Filter(
            "status",
            "Under review, feasible (on the ballot) or not feasible.",
            lambda queryset, status: queryset.filter(status=status),
            choices=tuple(ProjectStatus.values),
        ),
        Filter(
            "neighbourhood",
            "Slug of a neighbourhood.",
            lambda queryset, slug: queryset.filter(neighbourhood__slug=slug),
        ),
    )

    def get_queryset(self) -> QuerySet[Project]:
        return (
            Project.objects.filter(budget__in=Budget.objects.visible())
            .select_related("neighbourhood", "review_service")
            .order_by("budget_id", "title", "pk")
        )
