"""Permission-checked fetches of texts, versions, paragraphs and amendments; who may do what."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from commune.contributions.access import is_agent, is_moderator
from commune.spaces.access import get_visible_space
from commune.spaces.models import Component, Space
from commune.texts.models import (
    Amendment,
    AmendmentStatus,
    Paragraph,
    Stance,
    Text,
    TextQuerySet,
    Version,
)


def has_texts(space: Space) -> bool:
    """The space has switched on the collaborative-texts tool."""
    return Component.TEXTS in space.enabled_components()


def visible_texts(user: Any) -> TextQuerySet:
    """Texts of published spaces; staff also see those of drafts and texts with no version."""
    if getattr(user, "is_staff", False):
        return Text.objects.all()
    return Text.objects.visible()


def get_text_space(user: Any, slug: str) -> Space:
    """A space the user may see and that has the texts tool; otherwise Http404."""
    space = get_visible_space(user, slug)
    if not has_texts(space):
        raise Http404("This space has no collaborative text.")
    return space


def get_visible_text(user: Any, pk: int) -> Text:
    return get_object_or_404(visible_texts(user).select_related("space"), pk=pk)


def get_version(text: Text, number: int | None = None) -> Version:
    """A version of the text (the current one when `number` is None); otherwise Http404."""
    versions = text.versions.select_related("adopted_by", "published_by")
    version = (
        versions.order_by("-number").first()
        if number is None
        else versions.filter(number=number).first()
    )
    if version is None:
        raise Http404("No such version.")
    return version


def get_paragraph(text: Text, pk: int) -> Paragraph:
    return get_object_or_404(
        Paragraph.objects.select_related("section__version"), pk=pk, section__version__text=text
    )


def get_amendment(text: Text, pk: int) -> Amendment:
    return get_object_or_404(
        Amendment.objects.select_related(
            "paragraph__section__version", "author", "decided_by", "text__space"
        ),
        pk=pk,
        text=text,
    )


def can_manage(user: Any) -> bool:
    """City agents (and administrators) create texts, publish versions and syntheses."""
    return is_agent(user)


def can_decide(user: Any) -> bool:
    """Moderators (and administrators) accept, merge or reject amendments."""
    return is_moderator(user)


def can_take_part(text: Text, user: Any) -> bool:
    """Logged-in residents comment, amend and vote while the text is open."""
    return bool(getattr(user, "is_authenticated", False)) and text.accepts_contributions()


# --- Reads ----------------------------------------------------------------------------------


def paragraphs_of(version: Version) -> list[Paragraph]:
    """The version's paragraphs in order, each with its comment and amendment counts."""
    return list(
        Paragraph.objects.filter(section__version=version)
        .select_related("section")
        .annotate(
            agree_count=Count("comments", filter=Q(comments__stance=Stance.AGREE), distinct=True),
            mixed_count=Count("comments", filter=Q(comments__stance=Stance.MIXED), distinct=True),
            disagree_count=Count(
                "comments", filter=Q(comments__stance=Stance.DISAGREE), distinct=True
            ),
            comment_count=Count("comments", distinct=True),
            amendment_count=Count("amendments", distinct=True),
        )
        .order_by("section__number", "number")
    )


def current_bodies(text: Text) -> dict[UUID, str]:
    """lineage -> wording of each paragraph in the current version."""
    version = text.current_version()
    if version is None:
        return {}
    return dict(Paragraph.objects.filter(section__version=version).values_list("lineage", "body"))


def conflict_reason(
    amendment: Amendment, bodies: dict[UUID, str], taken: Iterable[tuple[UUID, int]] = ()
) -> str:
    """Why an amendment under discussion conflicts with the text as it is now ("" if not).

    - "changed": its paragraph's wording changed in a later version;
    - "deleted": its paragraph is not in the current version any more;
    - "taken": another amendment to the same paragraph was already accepted.
    """
    if amendment.status != AmendmentStatus.PENDING:
        return ""
    lineage = amendment.paragraph.lineage
    if lineage not in bodies:
        return "deleted"
    if bodies[lineage].strip() != amendment.original_body.strip():
        return "changed"
    if any(other_lineage == lineage and pk != amendment.pk for other_lineage, pk in taken):
        return "taken"
    return ""


def taken_not_yet_in_a_synthesis(text: Text) -> list[tuple[UUID, int]]:
    """(lineage, pk) of accepted amendments that no synthesis has recorded yet."""
    return list(
        Amendment.objects.filter(
            text=text,
            status__in=[AmendmentStatus.ACCEPTED, AmendmentStatus.MERGED],
            synthesis_records__isnull=True,
        ).values_list("paragraph__lineage", "pk")
    )


def with_conflicts(text: Text, amendments: Iterable[Amendment]) -> list[Amendment]:
    """The amendments, each with `.conflict` set to its conflict reason ("" if none)."""
    bodies = current_bodies(text)
    taken = taken_not_yet_in_a_synthesis(text)
    result = list(amendments)
    for amendment in result:
        amendment.conflict = conflict_reason(amendment, bodies, taken)  # type: ignore[attr-defined]
    return result


def most_debated(version: Version, limit: int = 20) -> list[Paragraph]:
    """The version's paragraphs with the most comments and amendments, most first.

    Ties go to the paragraph whose comments are most divided (the smaller of its agree and
    disagree counts), then to the text's order.
    """
    paragraphs = [p for p in paragraphs_of(version) if p.comment_count or p.amendment_count]
    paragraphs.sort(
        key=lambda p: (
            -(p.comment_count + p.amendment_count),
            -min(p.agree_count, p.disagree_count),
            p.section.number,
            p.number,
        )
    )
    return paragraphs[:limit]
