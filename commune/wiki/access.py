"""Permission-checked fetches of wiki pages, and who may edit or lock them.

Who edits (written down here, the one place that decides it):

- A logged-in, active resident whose verification reaches the level the space asks to
  support a contribution (`Space.support_verification`, published with its rules of the
  game), and never less than a confirmed e-mail address, even where the space asks less:
  a page everyone reads should not be rewritten by an account nobody can reach.
- Only while the space is open (an upcoming or closed space's wiki can be read, not edited).
- A locked page is edited only by moderators (and administrators), who lock and unlock it.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from commune.accounts.models import Verification
from commune.contributions.access import VERIFICATION_RANK, is_moderator
from commune.spaces.access import get_visible_space
from commune.spaces.models import Component, Space, SpaceStatus
from commune.wiki.models import Revision, WikiPage

# The weakest verification that ever edits the wiki, whatever the space asks.
MINIMUM_VERIFICATION = Verification.EMAIL


def has_wiki(space: Space) -> bool:
    """The space has switched on the wiki tool."""
    return Component.WIKI in space.enabled_components()


def get_wiki_space(user: Any, slug: str) -> Space:
    """A space the user may see and that has the wiki tool; otherwise Http404."""
    space = get_visible_space(user, slug)
    if not has_wiki(space):
        raise Http404("This space has no wiki.")
    return space


def get_page(space: Space, slug: str) -> WikiPage:
    """The page of this space's wiki (the space already checked); otherwise Http404."""
    return get_object_or_404(
        WikiPage.objects.select_related(
            "space", "current_revision", "current_revision__author", "locked_by"
        ),
        space=space,
        slug=slug,
    )


def get_revision(page: WikiPage, number: int) -> Revision:
    return get_object_or_404(page.revisions.select_related("author"), number=number)


def required_verification(space: Space) -> Verification:
    """The verification editing this space's wiki needs (see the module's docstring)."""
    asked = Verification(space.support_verification)
    if VERIFICATION_RANK[asked] < VERIFICATION_RANK[MINIMUM_VERIFICATION]:
        return MINIMUM_VERIFICATION
    return asked


def can_moderate(user: Any) -> bool:
    """Moderators (and administrators) lock and unlock pages, and edit locked pages."""
    return is_moderator(user)


def edit_refusal(user: Any, space: Space, page: WikiPage | None = None) -> str | None:
    """Why `user` may not edit this page (or create one when `page` is None), or None."""
    if not (getattr(user, "is_authenticated", False) and getattr(user, "is_active", False)):
        return _("Log in to edit the wiki.")
    if space.status() != SpaceStatus.OPEN:
        return _("This space is not open: its wiki can be read but not edited.")
    level = required_verification(space)
    if VERIFICATION_RANK.get(getattr(user, "verification", ""), -1) < VERIFICATION_RANK[level]:
        return _(
            "Editing this wiki needs this verification: %(level)s. Your account does not "
            "have it yet."
        ) % {"level": level.label}
    if page is not None and page.is_locked and not can_moderate(user):
        return _("A moderator has locked this page: only moderators may edit it for now.")
    return None
