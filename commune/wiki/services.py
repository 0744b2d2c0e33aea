"""Every change to a wiki goes through these functions (views, admin and demo alike).

An edit names the revision it started from; when the page moved on since, the edit is
refused as a conflict (`EditConflictError`) and nothing is saved, so no one's words are
silently overwritten. A revert is a new revision bringing back an old text: history only
grows. The page row is locked while a revision is written, so two edits get two numbers.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commune.core import audit
from commune.spaces.models import Space
from commune.wiki import access
from commune.wiki.markup import page_slug
from commune.wiki.models import (
    BODY_MAX_LENGTH,
    REASON_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Revision,
    WikiPage,
)


class EditConflictError(Exception):
    """The page changed after the editor opened it; `current` is the newest revision."""

    def __init__(self, current: Revision) -> None:
        super().__init__(f"Revision {current.number} was saved in the meantime.")
        self.current = current


def _refuse_unless_editor(actor: Any, space: Space, page: WikiPage | None = None) -> None:
    refusal = access.edit_refusal(actor, space, page)
    if refusal:
        raise PermissionDenied(refusal)


def _clean_text(*, body: str, summary: str) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    body = body.replace("\r\n", "\n").strip()
    summary = " ".join(summary.split())
    if not body:
        errors["body"] = [_("Write the text of the page.")]
    elif len(body) > BODY_MAX_LENGTH:
        errors["body"] = [
            _("The text is too long: at most %(max)s characters.") % {"max": BODY_MAX_LENGTH}
        ]
    if not summary:
        errors["summary"] = [_("Say in a few words what you changed and why.")]
    elif len(summary) > SUMMARY_MAX_LENGTH:
        errors["summary"] = [
            _("The summary is too long: at most %(max)s characters.") % {"max": SUMMARY_MAX_LENGTH}
        ]
    if errors:
        raise ValidationError(errors)
    return body, summary


def _add_revision(
    *, page: WikiPage, body: str, summary: str, author: Any, reverted_from: Revision | None = None
) -> Revision:
    number = (page.current_revision.number if page.current_revision else 0) + 1
    revision = Revision.objects.create(
        page=page,
        number=number,
        body=body,
        summary=summary,
        author=author,
        reverted_from=reverted_from,
    )
    page.current_revision = revision
    page.save(update_fields=["current_revision"])
    return revision


@transaction.atomic
def create_page(*, space: Space, title: str, body: str, summary: str, author: Any) -> WikiPage:
    """A new page of the space's wiki, with its first revision."""
    _refuse_unless_editor(author, space)
    title = " ".join(title.split())
    errors: dict[str, list[str]] = {}
    slug = page_slug(title)
    if not title:
        errors["title"] = [_("Give the page a title.")]
    elif len(title) > TITLE_MAX_LENGTH:
        errors["title"] = [
            _("The title is too long: at most %(max)s characters.") % {"max": TITLE_MAX_LENGTH}
        ]
    elif not slug:
        errors["title"] = [_("The title needs at least one letter or digit.")]
    elif WikiPage.objects.filter(space=space, slug=slug).exists():
        errors["title"] = [
            _(
                "This wiki already has a page with this title (or one that differs only by case "
                "or accents). Edit that page, or choose another title."
            )
        ]
    try:
        body, summary = _clean_text(body=body, summary=summary)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    page = WikiPage.objects.create(space=space, title=title, slug=slug)
    _add_revision(page=page, body=body, summary=summary, author=author)
    audit.record(actor=author, action="wiki:create", target=page, reason=summary)
    return page


@transaction.atomic
def edit_page(
    *, page: WikiPage, body: str, summary: str, author: Any, base_number: int
) -> Revision:
    """A new revision of `page`, written from revision `base_number`.

    Raises EditConflictError when the page has a newer revision than `base_number`.
    """
    page = (
        WikiPage.objects.select_for_update(of=("self",))
        .select_related("space", "current_revision")
        .get(pk=page.pk)
    )
    _refuse_unless_editor(author, page.space, page)
    body, summary = _clean_text(body=body, summary=summary)
    current = page.current_revision
    if current is not None and current.number != base_number:
        raise EditConflictError(current)
    if current is not None and current.body == body:
        raise ValidationError({"body": [_("The text is the same as now: nothing to save.")]})
    revision = _add_revision(page=page, body=body, summary=summary, author=author)
    audit.record(actor=author, action="wiki:edit", target=page, reason=summary)
    return revision


@transaction.atomic
def revert_page(*, page: WikiPage, to: Revision, author: Any, summary: str = "") -> Revision:
    """A new revision of `page` bringing back the text of revision `to`."""
    page = (
        WikiPage.objects.select_for_update(of=("self",))
        .select_related("space", "current_revision")
        .get(pk=page.pk)
    )
    _refuse_unless_editor(author, page.space, page)
    if to.page_id != page.pk:
        raise ValidationError(_("This revision belongs to another page."))
    if page.current_revision is not None and page.current_revision.body == to.body:
        raise ValidationError(_("The page already has this text: nothing to revert."))
    default = _("Back to revision %(number)s") % {"number": to.number}
    summary = " ".join(summary.split())
    summary = f"{default} — {summary}" if summary else default
    revision = _add_revision(
        page=page,
        body=to.body,
        summary=summary[:SUMMARY_MAX_LENGTH],
        author=author,
        reverted_from=to,
    )
    audit.record(actor=author, action="wiki:revert", target=page, reason=summary)
    return revision


def _require_moderator(actor: Any) -> None:
    if not access.can_moderate(actor):
        raise PermissionDenied(_("Only moderators lock and unlock wiki pages."))


@transaction.atomic
def lock_page(*, page: WikiPage, actor: Any, reason: str) -> WikiPage:
    """Only moderators may edit the page until it is unlocked; the reason is public."""
    _require_moderator(actor)
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": [_("Say why the page is locked: it is shown on it.")]})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": [
                    _("The reason is too long: at most %(max)s characters.")
                    % {"max": REASON_MAX_LENGTH}
                ]
            }
        )
    page = WikiPage.objects.select_for_update().get(pk=page.pk)
    page.is_locked = True
    page.lock_reason = reason
    page.locked_by = actor
    page.locked_at = timezone.now()
    page.save(update_fields=["is_locked", "lock_reason", "locked_by", "locked_at"])
    audit.record(actor=actor, action="wiki:lock", target=page, reason=reason)
    return page


@transaction.atomic
def unlock_page(*, page: WikiPage, actor: Any, reason: str = "") -> WikiPage:
    """Every resident who may edit the wiki may edit the page again."""
    _require_moderator(actor)
    page = WikiPage.objects.select_for_update().get(pk=page.pk)
    page.is_locked = False
    page.lock_reason = ""
    page.locked_by = None
    page.locked_at = None
    page.save(update_fields=["is_locked", "lock_reason", "locked_by", "locked_at"])
    audit.record(actor=actor, action="wiki:unlock", target=page, reason=" ".join(reason.split()))
    return page
