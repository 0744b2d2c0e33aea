"""Meetings in the API: access, agenda, attendance counts, minutes, room votes, decisions.

Registrations and attendance are counts only: no name of who registered or came.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from commune.api.base import Filter, PublicViewSet, boolean
from commune.api.contributions import SPACE_FILTER
from commune.meetings.models import (
    AgendaItem,
    AttendanceChannel,
    Meeting,
    MeetingKind,
    Minutes,
    RegistrationStatus,
    RoomVote,
    VoteResult,
)
from commune.spaces.models import SpaceKind


class AccessSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = [
            "step_free_access",
            "hearing_loop",
            "childcare",
            "sign_language",
            "other_language_interpreting",
        ]


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "title",
            "description",
            "is_fixed",
            "status",
            "merged_into",
            "reason",
            "support_count",
        ]


class AttendanceSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    registered_online = serializers.IntegerField()
    walk_in = serializers.IntegerField()
    paper = serializers.IntegerField()


class MinutesSerializer(serializers.ModelSerializer):
    class Meta:
        model = Minutes
        fields = ["body", "published_at", "corrected_at"]


class RoomVoteSerializer(serializers.ModelSerializer):
    result = serializers.ChoiceField(choices=VoteResult.values, read_only=True)

    class Meta:
        model = RoomVote
        fields = [
            "motion",
            "votes_for",
            "votes_against",
            "abstentions",
            "result",
            "agenda_item",
            "decision",
        ]


class MeetingSerializer(serializers.ModelSerializer):
    space = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    access = AccessSerializer(source="*", read_only=True)
    is_cancelled = serializers.BooleanField(read_only=True)
    registered_count = serializers.IntegerField(read_only=True)
    agenda = serializers.SerializerMethodField()
    attendance = serializers.SerializerMethodField()
    minutes = MinutesSerializer(read_only=True, allow_null=True)
    votes = RoomVoteSerializer(many=True, read_only=True)
    decisions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "space",
            "kind",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "place_name",
            "address",
            "online_url",
            "access",
            "is_cancelled",
            "registration_required",
            "capacity",
            "registered_count",
            "agenda_cutoff",
            "agenda",
            "attendance",
            "minutes",
            "votes",
            "decisions",
        ]

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_agenda(self, meeting: Meeting) -> list[dict[str, Any]]:
        # Fixed items first in the order set, then residents' items by support (as on the page).
        items = sorted(
            meeting.agenda_items.all(),
            key=lambda item: (
                not item.is_fixed,
                0 if item.is_fixed else -item.support_count,
                item.created_at,
                item.pk,
            ),
        )
        return AgendaItemSerializer(items, many=True).data

    @extend_schema_field(AttendanceSerializer(allow_null=True))
    def get_attendance(self, meeting: Meeting) -> dict[str, int] | None:
        """Counts once the meeting is over (as on its page); none before."""
        if meeting.ends_at >= timezone.now():
            return None
        counts = {channel: getattr(meeting, f"attended_{channel}") for channel in CHANNELS}
        return {"total": sum(counts.values())} | counts


CHANNELS = tuple(AttendanceChannel.values)


@extend_schema_view(
    list=extend_schema(summary="Meetings, soonest first"),
    retrieve=extend_schema(summary="One meeting: access, agenda, attendance, minutes, votes"),
)
class MeetingViewSet(PublicViewSet):
    serializer_class = MeetingSerializer
    filters = (
        SPACE_FILTER,
        Filter(
            "space_kind",
            "Kind of the meeting's space.",
            lambda queryset, kind: queryset.filter(space__kind=kind),
            choices=tuple(SpaceKind.values),
        ),
        Filter(
            "kind",
            "Kind of meeting.",
            lambda queryset, kind: queryset.filter(kind=kind),
            choices=tuple(MeetingKind.values),
        ),
        Filter(
            "neighbourhood",
            "Slug of the neighbourhood of the meeting's space.",
            lambda queryset, slug: queryset.filter(space__neighbourhood__slug=slug),
        ),
        Filter(
            "upcoming",
            "true: meetings not over yet; false: past ones.",
            lambda queryset, wanted: queryset.filter(
                Q(ends_at__gte=timezone.now()) if wanted else Q(ends_at__lt=timezone.now())
            ),
            choices=("true", "false"),
            parse=boolean,
        ),
        *(
            Filter(
                name,
                f"true: only meetings with {words}.",
                lambda queryset, wanted, name=name: queryset.filter(**{name: wanted}),
                choices=("true", "false"),
                parse=boolean,
            )
            for name, words in (
                ("step_free_access", "step-free access"),
                ("hearing_loop", "a hearing loop"),
                ("childcare", "childcare"),
                ("sign_language", "sign-language interpreting"),
            )
        ),
    )

    def get_queryset(self) -> QuerySet[Meeting]:
        attended = {
            f"attended_{channel}": Count(
                "attendances", filter=Q(attendances__channel=channel), distinct=True
            )
            for channel in CHANNELS
        }
        return (
            Meeting.objects.visible()
            .select_related("space", "minutes")
            .annotate(
                registered_count=Count(
                    "registrations",
                    filter=Q(registrations__status=RegistrationStatus.REGISTERED),
                    distinct=True,
                ),
                **attended,
            )
            .prefetch_related(
                "agenda_items",
                Prefetch("votes", queryset=RoomVote.objects.order_by("created_at", "id")),
                Prefetch("decisions", queryset=_decisions()),
            )
            .order_by("starts_at", "id")
        )


def _decisions() -> QuerySet:
    from commune.accountability.access import visible_decisions

    return visible_decisions(None).only("pk", "meeting_id")
