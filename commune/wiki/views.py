"""Pages of the wiki: the index, a page, editing, history, differences, revert, lock, exports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.decorators import ratelimit

from commune.core.exports import csv_download
from commune.core.forms import add_service_errors
from commune.core.pdf import PdfUnavailableError, html_to_pdf, unavailable_response
from commune.core.worddiff import counts, word_diff
from commune.spaces.models import Space
from commune.wiki import access, services
from commune.wiki.forms import CompareForm, EditForm, LockForm, PageForm, RevertForm
from commune.wiki.markup import page_slug, render_wiki, to_plain_markdown
from commune.wiki.models import Revision, WikiPage

# Edits are limited per account (or address): a burst, then a steady pace.
EDIT_RATE = "10/m"
EDIT_RATE_HOURLY = "60/h"
LOCK_RATE = "30/m"
HISTORY_PAGE_SIZE = 25


def _limit(rate: str) -> Any:
    return ratelimit(key="user_or_ip", rate=rate, method="POST", block=True)


def _page_context(space: Space, page: WikiPage | None, user: Any) -> dict[str, Any]:
    return {
        "space": space,
        "page": page,
        "refusal": access.edit_refusal(user, space, page),
        "can_moderate": access.can_moderate(user),
    }


# --- The index --------------------------------------------------------------------------


def _pages(space: Space) -> Any:
    return (
        space.wiki_pages.select_related("current_revision", "current_revision__author")
        .annotate(revision_count=Count("revisions"))
        .order_by("title", "pk")
    )


@require_safe
def index(request: HttpRequest, space_slug: str) -> HttpResponse:
    """Every page of the space's wiki, by title, with its last change."""
    space = access.get_wiki_space(request.user, space_slug)
    return render(
        request,
        "wiki/index.html",
        {"pages": _pages(space), "verification": access.required_verification(space)}
        | _page_context(space, None, request.user),
    )


@require_safe
def index_export(request: HttpRequest, space_slug: str) -> Any:
    """The page index as CSV."""
    space = access.get_wiki_space(request.user, space_slug)
    zone = timezone.get_current_timezone()
    header = [
        _("Title"),
        _("Address"),
        _("Revisions"),
        _("Last changed on"),
        _("Last changed by"),
        _("Locked"),
    ]
    rows = (
        [
            page.title,
            request.build_absolute_uri(page.get_absolute_url()),
            page.revision_count,
            page.current_revision.created_at.astimezone(zone).isoformat()
            if page.current_revision
            else "",
            page.current_revision.author_name if page.current_revision else "",
            _("yes") if page.is_locked else _("no"),
        ]
        for page in _pages(space)
    )
    return csv_download(f"wiki-{space.slug}.csv", header, rows)


# --- A page -----------------------------------------------------------------------------


@require_safe
def page(request: HttpRequest, space_slug: str, page_slug: str) -> HttpResponse:
    """A page as it reads now."""
    space = access.get_wiki_space(request.user, space_slug)
    item = access.get_page(space, page_slug)
    revision = item.current_revision
    return render(
        request,
        "wiki/page.html",
        {
            "revision": revision,
            "html": render_wiki(revision.body, space) if revision else "",
            "is_current": True,
        }
        | _page_context(space, item, request.user),
    )


@require_safe
def revision(request: HttpRequest, space_slug: str, page_slug: str, number: int) -> HttpResponse:
    """A page as it read at one revision."""
    space = access.get_wiki_space(request.user, space_slug)
    item = access.get_page(space, page_slug)
    old = access.get_revision(item, number)
    return render(
        request,
        "wiki/page.html",
        {
            "revision": old,
            "html": render_wiki(old.body, space),
            "is_current": item.current_revision_id == old.pk,
        }
        | _page_context(space, item, request.user),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(EDIT_RATE)
@_limit(EDIT_RATE_HOURLY)
def create(request: HttpRequest, space_slug: str) -> HttpResponse:
    """A new page (the title may come from a link to a page not written yet)."""
    space = access.get_wiki_space(request.user, space_slug)
    refusal = access.edit_refusal(request.user, space)
    posted = request.method == "POST"
    form = PageForm(
        request.POST if posted else None, initial={"title": request.GET.get("title", "")[:150]}
    )
    existing = None
    if not posted and (title := request.GET.get("title", "")):
        existing = space.wiki_pages.filter(slug=page_slug(title)).first()
    if posted and refusal is None and form.is_valid():
        try:
            created = services.create_page(space=space, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The page is created."))
            return redirect(created)
    return render(
        request,
        "wiki/create.html",
        {"form": form, "existing": existing} | _page_context(space, None, request.user),
        status=403 if posted and refusal else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(EDIT_RATE)
@_limit(EDIT_RATE_HOURLY)
def edit(request: HttpRequest, space_slug: str, page_slug: str) -> HttpResponse:
    """Edit a page; an edit written from an old revision is shown as a conflict, not saved."""
    space = access.get_wiki_space(request.user, space_slug)
    item = access.get_page(space, page_slug)
    context = _page_context(space, item, request.user)
    current = item.current_revision
    posted = request.method == "POST"
    form = EditForm(
        request.POST if posted else None,
        initial={"body": current.body if current else "", "base": current.number if current else 0},
    )
    if posted and context["refusal"] is None and form.is_valid():
        try:
            services.edit_page(
                page=item,
                body=form.cleaned_data["body"],
                summary=form.cleaned_data["summary"],
                author=request.user,
                base_number=form.cleaned_data["base"],
            )
        except services.EditConflictError as conflict:
            return _conflict(request, context, form, conflict.current)
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(item)
    return render(
        request,
        "wiki/edit.html",
        {"form": form} | context,
        status=403 if posted and context["refusal"] else 200,
    )


def _conflict(
    request: HttpRequest, context: dict[str, Any], form: EditForm, current: Revision
) -> HttpResponse:
    """The edit form again, now based on the newest revision, with what changed meanwhile."""
    base_number = form.cleaned_data["base"]
    base = context["page"].revisions.filter(number=base_number).first()
    data = request.POST.copy()
    data["base"] = str(current.number)
    again = EditForm(data)
    again.is_valid()
    again.add_error(
        None,
        _(
            "Someone saved a new version of this page (revision %(number)s) while you were "
            "editing it. Nothing of yours was saved: read their changes below, bring them "
            "into your text, then save again."
        )
        % {"number": current.number},
    )
    theirs = word_diff(base.body if base else "", current.body)
    mine = word_diff(current.body, form.cleaned_data["body"].replace("\r\n", "\n").strip())
    return render(
        request,
        "wiki/edit.html",
        {
            "form": again,
            "conflict": current,
            "base_revision": base,
            "theirs": theirs,
            "mine": mine,
        }
        | context,
        status=409,
    )


# --- History and differences ------------------------------------------------------------


@require_safe
def history(request: HttpRequest, space_slug: str, page_slug: str) -> HttpResponse:
    """Every revision of a page, newest first, to read, compare or bring back."""
    space = access.get_wiki_space(request.user, space_slug)
    item = access.get_page(space, page_slug)
    revisions = item.revisions.select_related("author", "reverted_from").order_by("-number")
    page_obj = Paginator(revisions, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    newest = item.current_revision.number if item.current_revision else 0
    return render(
        request,
        "wiki/history.html",
        {
            "revisions": page_obj,
            "page_obj": page_obj,
            "default_new": newest,
            "default_old": max(newest - 1, 1),
        }
        | _page_context(space, item, request.user),
    )


@require_safe
def history_export(request: HttpRequest, space_slug: str, page_slug: str) -> Any:
    """The history of a page as CSV."""
    space = access.get_wiki_space(request.user, space_slug)
    item = access.get_page(space, page_slug)
    zone = timezone.get_current_timezone()
    header = [
        _("Revision"),
        _("Written on"),
        _("Author"),
        _("Edit summary"),
        _("Text brought back from revision"),
        _("Characters"),
    ]
    rows = (
        [
            revision.number,
            revision.created_at.astimezone(zone).isoformat(),
            revision.author_name,
            revision.summary,
            revision.reverted_from.number if revision.reverted_from else "",
            len(revision.body),
        ]
        for revision in item.revisions.select_related("author", "reverted_from").order_by("number")
    )
    return csv_download(f"wiki-{space.slug}-{item.slug}-historique.csv", header, rows)


@require_safe
def diff(request: HttpRequest, space_slug: str, page_slug: str) -> HttpResponse:
    """The words changed between any two revisions (by default, the last change)."""
    space = access.get_wiki_space(request.user, space_slug)
    item = access.get_page(space, page_slug)
    newest = item.current_revision.number if item.current_revision else 1
    form = CompareForm(request.GET)
    if form.is_valid():
        old_number, new_number = form.cleaned_data["old"], form.cleaned_data["new"]
    else:
        old_number, new_number = max(newest - 1, 1), newest
    old = access.get_revision(item, old_number)
    new = access.get_revision(item, new_number)
    pieces = word_diff(old.body, new.body)
    return render(
        request,
        "wiki/diff.html",
        {"old": old, "new": new, "pieces": pieces, "counts": counts(pieces)}
        | _page_context(space, item, request.user),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(EDIT_RATE)
@_limit(EDIT_RATE_HOURLY)
def revert(request: HttpRequest, space_slug: str, page_slug: str, number: int) -> HttpResponse:
    """Bring back the text of an old revision, as a new revision (after confirming)."""
    space = access.get_wiki_space(request.user, space_slug)
    item = access.get_page(space, page_slug)
    target = access.get_revision(item, number)
    context = _page_context(space, item, request.user)
    posted = request.method == "POST"
    form = RevertForm(request.POST if posted else None)
    if posted and context["refusal"] is None and form.is_valid():
        try:
            services.revert_page(
                page=item, to=target, author=request.user, summary=form.cleaned_data["summary"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The text of revision %(number)s is back, as a new revision.")
                % {"number": target.number},
            )
            return redirect(item)
    current_body = item.current_revision.body if item.current_revision else ""
    return render(
        request,
        "wiki/revert.html",
        {"form": form, "target": target, "pieces": word_diff(current_body, target.body)} | context,
        status=403 if posted and context["refusal"] else 200,
    )


# --- Moderation -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(LOCK_RATE)
def lock(request: HttpRequest, space_slug: str, page_slug: str) -> HttpResponse:
    """Moderators lock a page (only moderators edit it then) or unlock it."""
    if not access.can_moderate(request.user):
        raise PermissionDenied(_("Only moderators lock and unlock wiki pages."))
    space = access.get_wiki_space(request.user, space_slug)
    item = access.get_page(space, page_slug)
    form = LockForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            if item.is_locked:
                services.unlock_page(
                    page=item, actor=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("The page is unlocked."))
            else:
                services.lock_page(
                    page=item, actor=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("The page is locked."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(item)
    return render(
        request, "wiki/lock.html", {"form": form} | _page_context(space, item, request.user)
    )


# --- Exports ----------------------------------------------------------------------------


def _export_revision(request: HttpRequest, item: WikiPage) -> Revision:
    form = CompareForm({"old": 1, "new": request.GET.get("version", "")})
    if form.is_valid():
        return access.get_revision(item, form.cleaned_data["new"])
    return access.get_revision(item, item.current_revision.number if item.current_revision else 1)


@require_safe
def export_markdown(request: HttpRequest, space_slug: str, page_slug: str) -> HttpResponse:
    """The page (or `?version=N`) as a Markdown file, its wiki links made ordinary links."""
    space = access.get_wiki_space(request.user, space_slug)
    item = access.get_page(space, page_slug)
    chosen = _export_revision(request, item)
    body = to_plain_markdown(chosen.body, space, request.build_absolute_uri)
    footer = _("Revision %(number)s of %(date)s, from the wiki of %(space)s: %(url)s") % {
        "number": chosen.number,
        "date": timezone.localtime(chosen.created_at).date().isoformat(),
        "space": space.title,
        "url": request.build_absolute_uri(item.get_absolute_url()),
    }
    text = f"# {item.title}\n\n{body}\n\n---\n\n{footer}\n"
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{item.slug}-{chosen.number}.md"'
    return response


def _export_html(request: HttpRequest, space: Space, item: WikiPage, chosen: Revision) -> str:
    return render_to_string(
        "wiki/export.html",
        {
            "space": space,
            "page": item,
            "revision": chosen,
            "html": render_wiki(chosen.body, space),
            "url": request.build_absolute_uri(item.get_absolute_url()),
        },
        request=request,
    )


def _download(
    body: str | bytes, content_type: str, item: WikiPage, chosen: Revision, ext: str
) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{item.slug}-{chosen.number}.{ext}"'
    return response


@require_safe
def export_html(request: HttpRequest, space_slug: str, page_slug: str) -> HttpResponse:
    """The page (or `?version=N`) as a stand-alone HTML file."""
    space = access.get_wiki_space(request.user, space_slug)
    item = access.get_page(space, page_slug)
    chosen = _export_revision(request, item)
    html = _export_html(request, space, item, chosen)
    return _download(html, "text/html; charset=utf-8", item, chosen, "html")


@require_safe
def export_pdf(request: HttpRequest, space_slug: str, page_slug: str) -> HttpResponse:
    """The page (or `?version=N`) as PDF, made from the HTML export with WeasyPrint (the
    HTML-to-PDF library the collaborative texts already use)."""
    space = access.get_wiki_space(request.user, space_slug)
    item = access.get_page(space, page_slug)
    chosen = _export_revision(request, item)
    html = _export_html(request, space, item, chosen)
    try:
        pdf = html_to_pdf(html)
    except PdfUnavailableError:
        return unavailable_response()
    return _download(pdf, "application/pdf", item, chosen, "pdf")
