"""Permission-checked fetches of contributions and the rules of who may do what with them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from commune.accounts.models import Verification
from commune.contributions.models import Comment, Contribution, ContributionQuerySet
from commune.spaces.access import get_visible_space
from commune.spaces.models import Component, Space, SpaceStatus

# The verification levels, weakest first: a space asks for one of them to support.
VERIFICATION_RANK = {
    Verification.UNVERIFIED: 0,
    Verification.EMAIL: 1,
    Verification.IN_PERSON: 2,
}


def _is_member(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def is_moderator(user: Any) -> bool:
    """Moderators and administrators hide contributions and comments."""
    return _is_member(user) and bool(getattr(user, "is_moderator", False))


def is_agent(user: Any) -> bool:
    """City agents (and administrators) type in contributions received off-line."""
    return _is_member(user) and bool(getattr(user, "is_agent", False))


def has_contributions(space: Space) -> bool:
    """The space has switched on the ideas-and-proposals tool."""
    return Component.CONTRIBUTIONS in space.enabled_components()


def accepts_contributions(space: Space) -> bool:
    """The tool is on and the space is open today: new contributions, supports and comments."""
    return has_contributions(space) and space.status() == SpaceStatus.OPEN


# --- Fetches ----------------------------------------------------------------------------


def visible_contributions(user: Any) -> ContributionQuerySet:
    """Contributions of published spaces; staff also see those of drafts (to preview them)."""
    if getattr(user, "is_staff", False):
        return Contribution.objects.all()
    return Contribution.objects.visible()


def get_contribution_space(user: Any, slug: str) -> Space:
    """A space the user may see and that has the contributions tool; otherwise Http404."""
    space = get_visible_space(user, slug)
    if not has_contributions(space):
        raise Http404("This space does not take contributions.")
    return space


def get_visible_contribution(user: Any, pk: int) -> Contribution:
    """The contribution if `user` may see it (404 when its space is unpublished, unless staff).

    Hidden and withdrawn contributions stay visible: their page says why.
    """
    return get_object_or_404(
        visible_contributions(user).select_related(
            "space", "neighbourhood", "author", "entered_by"
        ),
        pk=pk,
    )


def get_visible_comment(user: Any, pk: int) -> Comment:
    """The comment if its contribution is visible to `user`; otherwise Http404."""
    comments = Comment.objects.select_related("contribution__space", "author")
    if not getattr(user, "is_staff", False):
        comments = comments.filter(contribution__space__is_published=True)
    return get_object_or_404(comments, pk=pk)


# --- What a user may do -----------------------------------------------------------------


def can_submit(space: Space, user: Any) -> bool:
    """Any logged-in resident may propose in a space that is open and takes contributions."""
    return _is_member(user) and accepts_contributions(space)


def can_enter_for_others(space: Space, user: Any) -> bool:
    """Agents type in paper, phone and meeting contributions, in spaces that take them."""
    return is_agent(user) and accepts_contributions(space)


def is_open_for_reactions(contribution: Contribution) -> bool:
    """Supports and comments need an open space and a contribution neither withdrawn nor hidden."""
    return (
        not contribution.is_withdrawn
        and not contribution.is_hidden
        and accepts_contributions(contribution.space)
    )


def has_verification(user: Any, level: str) -> bool:
    """The user's verification level is at least `level`."""
    mine = VERIFICATION_RANK.get(getattr(user, "verification", ""), -1)
    return mine >= VERIFICATION_RANK.get(Verification(level), 0)


def can_support(contribution: Contribution, user: Any) -> bool:
    """Whether `user` may support (or take back their support of) this contribution.

    Residents do not support their own contribution: its author is already counted as
    proposing it, so the count says how many *other* people back it. The space decides
    the verification level needed (Space.support_verification).
    """
    return (
        _is_member(user)
        and is_open_for_reactions(contribution)
        and contribution.author_id != user.pk
        and has_verification(user, contribution.space.support_verification)
    )


def can_comment(contribution: Contribution, user: Any) -> bool:
    """Any logged-in resident may comment while the contribution is open for reactions."""
    return _is_member(user) and is_open_for_reactions(contribution)


def can_edit(contribution: Contribution, user: Any) -> bool:
    """The author may edit until the first support or comment, while the space is open."""
    return (
        _is_member(user)
        and contribution.author_id == user.pk
        and contribution.support_count == 0
        and contribution.comment_count == 0
        and not contribution.is_withdrawn
        and not contribution.is_hidden
        and accepts_contributions(contribution.space)
    )


def can_withdraw(contribution: Contribution, user: Any) -> bool:
    """The author may withdraw at any time; it stays visible, marked as withdrawn."""
    return _is_member(user) and contribution.author_id == user.pk and not contribution.is_withdrawn


def can_report(user: Any) -> bool:
    """Any logged-in resident may report a contribution or a comment to the moderators."""
    return _is_member(user)


def get_space_for_writes(user: Any, slug: str) -> Space:
    """The visible space (else 404) to write in; 403 when it has no contributions tool.

    Whether it is open is checked later, so a closed space can say so in plain words.
    """
    space = get_visible_space(user, slug)
    if not has_contributions(space):
        raise PermissionDenied("This space does not take contributions.")
    return space
