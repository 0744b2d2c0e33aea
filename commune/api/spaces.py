"""Neighbourhoods and spaces (with their rules of the game and phases) in the API."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from commune.api.base import Filter, PublicViewSet
from commune.spaces.models import Phase, Space, SpaceKind, SpaceStatus
from commune.territory.models import Neighbourhood


class NeighbourhoodSerializer(serializers.ModelSerializer):
    city = serializers.CharField(source="city.name", read_only=True)

    class Meta:
        model = Neighbourhood
        fields = ["slug", "name", "description", "city"]


class PhaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Phase
        fields = ["title", "description", "starts_on", "ends_on"]


class RulesSerializer(serializers.ModelSerializer):
    """The rules of the game a space publishes."""

    class Meta:
        model = Space
        fields = [
            "power_level",
            "who_may_take_part",
            "stakes",
            "city_commitment",
            "answer_delay_days",
            "support_verification",
        ]


class SpaceSerializer(serializers.ModelSerializer):
    neighbourhood = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    status = serializers.SerializerMethodField()
    phases = PhaseSerializer(many=True, read_only=True)
    rules = RulesSerializer(source="*", read_only=True)

    class Meta:
        model = Space
        fields = [
            "slug",
            "kind",
            "title",
            "summary",
            "description",
            "neighbourhood",
            "status",
            "opens_on",
            "closes_on",
            "components",
            "rules",
            "phases",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=SpaceStatus.values))
    def get_status(self, space: Space) -> str:
        return str(space.status().value)


def _by_neighbourhood(queryset: QuerySet, slug: str) -> QuerySet:
    return queryset.filter(neighbourhood__slug=slug)


NEIGHBOURHOOD_FILTER = Filter(
    "neighbourhood", "Slug of a neighbourhood (see /neighbourhoods/).", _by_neighbourhood
)


@extend_schema_view(
    list=extend_schema(summary="Neighbourhoods of the city"),
    retrieve=extend_schema(summary="One neighbourhood"),
)
class NeighbourhoodViewSet(PublicViewSet):
    serializer_class = NeighbourhoodSerializer
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self) -> QuerySet[Neighbourhood]:
        return Neighbourhood.objects.select_related("city").order_by("position", "name", "pk")


@extend_schema_view(
    list=extend_schema(summary="Published spaces (councils, processes, working groups)"),
    retrieve=extend_schema(summary="One space, with its rules of the game and phases"),
)
class SpaceViewSet(PublicViewSet):
    serializer_class = SpaceSerializer
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    filters = (
        Filter(
            "kind",
            "Kind of space.",
            lambda queryset, kind: queryset.filter(kind=kind),
            choices=tuple(SpaceKind.values),
        ),
        Filter(
            "status",
            "Open, upcoming or closed today.",
            lambda queryset, status: queryset.with_status(status),
            choices=tuple(SpaceStatus.values),
        ),
        NEIGHBOURHOOD_FILTER,
    )

    def get_queryset(self) -> QuerySet[Space]:
        return (
            Space.objects.published()
            .select_related("neighbourhood")
            .prefetch_related(
                Prefetch("phases", queryset=Phase.objects.order_by("starts_on", "id"))
            )
            .order_by("kind", "title", "pk")
        )
