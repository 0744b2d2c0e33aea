"""Pages of the ideas and proposals: lists, a contribution with its comments, and the forms."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.decorators import ratelimit

from commune.accountability.models import Decision, StatusChange
from commune.contributions import access, services, threads
from commune.contributions.forms import (
    PAGE_SIZE,
    AgentEntryForm,
    CommentForm,
    ContributionFilterForm,
    ContributionForm,
    ReasonForm,
    SupportForm,
)
from commune.contributions.models import Comment, Contribution, ContributionQuerySet
from commune.core.exports import csv_download
from commune.core.forms import add_service_errors
from commune.spaces.models import Space

SUBMIT_RATE = "10/m"
ENTER_RATE = "30/m"  # an agent types in a pile of paper forms
SUPPORT_RATE = "60/m"
COMMENT_RATE = "20/m"
REPORT_RATE = "10/m"
WRITE_RATE = "20/m"  # edit, withdraw
MODERATION_RATE = "60/m"

# The visitor's seed for the random order, kept in their session so that the order
# stays the same from page to page (docs/decisions/0008).
SEED_SESSION_KEY = "contributions_seed"


def _limit(rate: str) -> Any:
    return ratelimit(key="user_or_ip", rate=rate, method="POST", block=True)


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _files(request: HttpRequest) -> Any:
    return request.FILES if request.method == "POST" else None


def _refuse(request: HttpRequest, title: str, message: str, back: str) -> HttpResponse:
    """A 403 page saying in plain words why the action is not possible."""
    return render(
        request,
        "contributions/refused.html",
        {"refusal_title": title, "message": message, "back": back},
        status=403,
    )


# --- Lists and export -------------------------------------------------------------------


def _random_seed(request: HttpRequest) -> int:
    seed = request.session.get(SEED_SESSION_KEY)
    if not isinstance(seed, int):
        seed = secrets.randbelow(2**31)
        request.session[SEED_SESSION_KEY] = seed
    return seed


def _filtered(
    request: HttpRequest, contributions: ContributionQuerySet
) -> tuple[ContributionFilterForm, ContributionQuerySet]:
    """Narrow by the list's filters when they are valid, then search and order."""
    form = ContributionFilterForm(request.GET or None)
    sort = "newest"
    if form.is_valid():
        data = form.cleaned_data
        if data["pillar"]:
            contributions = contributions.filter(pillar=data["pillar"])
        if data["neighbourhood"]:
            contributions = contributions.filter(neighbourhood=data["neighbourhood"])
        if data["status"] == "overdue":
            contributions = contributions.overdue()
        elif data["status"]:
            contributions = contributions.filter(status=data["status"])
        if data["channel"]:
            contributions = contributions.filter(channel=data["channel"])
        if data["q"]:
            contributions = contributions.search(data["q"])
        sort = data["sort"] or "newest"
    if sort == "supported":
        contributions = contributions.order_by("-support_count", "-created_at", "-id")
    elif sort == "commented":
        contributions = contributions.order_by("-comment_count", "-created_at", "-id")
    elif sort == "random":
        contributions = contributions.shuffled(_random_seed(request))
    else:
        contributions = contributions.order_by("-created_at", "-id")
    return form, contributions.for_cards()


def _list_page(
    request: HttpRequest, contributions: ContributionQuerySet, context: dict[str, Any]
) -> HttpResponse:
    form, contributions = _filtered(request, contributions)
    page = Paginator(contributions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "contributions/contribution_list.html",
        context
        | {
            "form": form,
            "page": page,
            "today": timezone.localdate(),
            "filter_query": query.urlencode(),
            "is_filtered": bool(
                form.is_bound and form.is_valid() and any(form.cleaned_data.values())
            ),
        },
    )


@require_safe
def all_contributions(request: HttpRequest) -> HttpResponse:
    """Every visible contribution of the city, with the same filters as a space's list."""
    return _list_page(
        request,
        access.visible_contributions(request.user),
        {"space": None, "show_space": True, "export_url": reverse("contributions:export_all")},
    )


@require_safe
def space_contributions(request: HttpRequest, space_slug: str) -> HttpResponse:
    """The contributions of a space, filtered, searched, ordered and paginated."""
    space = access.get_contribution_space(request.user, space_slug)
    return _list_page(
        request,
        Contribution.objects.filter(space=space),
        {
            "space": space,
            "accepts": access.accepts_contributions(space),
            "can_submit": access.can_submit(space, request.user),
            "can_enter": access.can_enter_for_others(space, request.user),
            "export_url": reverse("contributions:export", kwargs={"space_slug": space.slug}),
        },
    )


def _csv(request: HttpRequest, contributions: ContributionQuerySet, filename: str) -> Any:
    _form, contributions = _filtered(request, contributions)
    today = timezone.localdate()
    yes, no = _("yes"), _("no")
    hidden_title = _("Hidden by the moderators")
    header = [
        _("Title"),
        _("Kind"),
        _("Pillar"),
        _("Space"),
        _("Neighbourhood"),
        _("Channel"),
        _("Status"),
        _("Answer due by"),
        _("Overdue"),
        _("Supports"),
        _("Comments"),
        _("Proposed by"),
        _("Address"),
    ]
    rows = (
        [
            hidden_title if contribution.is_hidden else contribution.title,
            contribution.get_kind_display(),
            contribution.get_pillar_display(),
            contribution.space.title,
            contribution.neighbourhood.name if contribution.neighbourhood else "",
            contribution.get_channel_display(),
            contribution.get_status_display(),
            contribution.due_on.isoformat(),
            yes if contribution.is_overdue(today) else no,
            contribution.support_count,
            contribution.comment_count,
            contribution.author_display,
            request.build_absolute_uri(contribution.get_absolute_url()),
        ]
        for contribution in contributions.iterator(chunk_size=500)
    )
    return csv_download(filename, header, rows)


@require_safe
def export_all(request: HttpRequest) -> StreamingHttpResponse:
    """The city-wide list as CSV, with the same filters and order (never an e-mail)."""
    return _csv(request, access.visible_contributions(request.user), "contributions.csv")


@require_safe
def export(request: HttpRequest, space_slug: str) -> StreamingHttpResponse:
    """A space's list as CSV, with the same filters and order (never an e-mail)."""
    space = access.get_contribution_space(request.user, space_slug)
    return _csv(
        request, Contribution.objects.filter(space=space), f"contributions-{space.slug}.csv"
    )


# --- Submitting -------------------------------------------------------------------------


def _submit_page(
    request: HttpRequest, *, space: Space, form: ContributionForm, on_behalf: bool
) -> HttpResponse:
    """The form, or (with a 403) the form kept as typed and a message once the space closed."""
    closed = not access.accepts_contributions(space)
    if request.method == "POST" and form.is_valid() and not closed:
        data = form.cleaned_data
        fields = {
            "space": space,
            "title": data["title"],
            "body": data["body"],
            "pillar": data["pillar"],
            "neighbourhood": data["neighbourhood"],
            "kind": data["kind"],
            "image": data.get("image"),
            "image_alt": data.get("image_alt", ""),
            "attachment": data.get("attachment"),
        }
        if on_behalf:
            fields |= {
                "author": data["author"],
                "author_name": data["author_name"],
                "channel": data["channel"],
                "entered_by": request.user,
            }
        else:
            fields["author"] = request.user
        try:
            contribution = services.submit_contribution(**fields)
        except services.ActionRefusedError:
            closed = True
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if on_behalf:
                messages.success(
                    request, _("The contribution is recorded and counts like any other.")
                )
            else:
                messages.success(
                    request,
                    _(
                        "Thank you: your contribution is published. The city will answer it "
                        "by %(date)s."
                    )
                    % {"date": _date(contribution.due_on)},
                )
            return redirect(contribution)
    return render(
        request,
        "contributions/contribution_form.html",
        {"form": form, "space": space, "closed": closed, "on_behalf": on_behalf},
        status=403 if closed and request.method == "POST" else 200,
    )


def _date(value: Any) -> str:
    return date_format(value, "DATE_FORMAT")


@login_required
@require_http_methods(["GET", "POST"])
@_limit(SUBMIT_RATE)
def new(request: HttpRequest, space_slug: str) -> HttpResponse:
    """A resident proposes an idea or a proposal in an open space."""
    space = access.get_space_for_writes(request.user, space_slug)
    initial = {"neighbourhood": space.neighbourhood} if space.neighbourhood_id else {}
    form = ContributionForm(_data(request), _files(request), initial=initial)
    return _submit_page(request, space=space, form=form, on_behalf=False)


@login_required
@require_http_methods(["GET", "POST"])
@_limit(ENTER_RATE)
def enter(request: HttpRequest, space_slug: str) -> HttpResponse:
    """An agent types in a contribution received on paper, by phone or at a meeting."""
    space = access.get_space_for_writes(request.user, space_slug)
    if not access.is_agent(request.user):
        raise PermissionDenied
    initial = {"neighbourhood": space.neighbourhood} if space.neighbourhood_id else {}
    form = AgentEntryForm(_data(request), _files(request), initial=initial)
    return _submit_page(request, space=space, form=form, on_behalf=True)


# --- A contribution ---------------------------------------------------------------------


@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A contribution, its timeline (accountability), supports and comment threads."""
    contribution = access.get_visible_contribution(request.user, pk)
    # What the accountability part of the page reads, fetched in a fixed number of queries.
    prefetch_related_objects(
        [contribution],
        Prefetch(
            "status_changes",
            queryset=StatusChange.objects.select_related("service", "signed_by"),
        ),
        Prefetch("decisions", queryset=Decision.objects.select_related("meeting")),
    )
    order = request.GET.get("comments")
    if order not in threads.COMMENT_ORDERS:
        order = threads.GROUPED
    comment_page, groups = threads.comment_page(
        contribution, order=order, page_number=request.GET.get("cpage")
    )
    user = request.user
    return render(
        request,
        "contributions/contribution_detail.html",
        {
            "contribution": contribution,
            "space": contribution.space,
            "today": timezone.localdate(),
            "comment_order": order,
            "comment_page": comment_page,
            "comment_groups": groups,
            "comment_form": CommentForm(),
            "has_supported": services.has_supported(contribution=contribution, resident=user),
            "can_support": access.can_support(contribution, user),
            "can_comment": access.can_comment(contribution, user),
            "can_edit": access.can_edit(contribution, user),
            "can_withdraw": access.can_withdraw(contribution, user),
            "can_report": access.can_report(user),
            "is_moderator": access.is_moderator(user),
            "is_author": user.is_authenticated and contribution.author_id == user.pk,
            "open_for_reactions": access.is_open_for_reactions(contribution),
            "verification_needed": contribution.space.get_support_verification_display(),
            "hide_form": ReasonForm(
                label=_("Reason for hiding (shown in public)"), auto_id="hide_%s"
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@_limit(WRITE_RATE)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The author changes the text, until the first support or comment."""
    contribution = access.get_visible_contribution(request.user, pk)
    if not access.can_edit(contribution, request.user):
        return _refuse(
            request,
            _("This contribution cannot be edited"),
            _(
                "Only its author can edit a contribution, and only until someone supports "
                "or comments on it, while its space is open."
            ),
            contribution.get_absolute_url(),
        )
    initial = {
        "kind": contribution.kind,
        "title": contribution.title,
        "body": contribution.body,
        "pillar": contribution.pillar,
        "neighbourhood": contribution.neighbourhood,
    }
    form = ContributionForm(_data(request), initial=initial, with_files=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_contribution(
                contribution=contribution,
                editor=request.user,
                **{
                    name: form.cleaned_data[name]
                    for name in ("title", "body", "pillar", "neighbourhood", "kind")
                },
            )
        except services.ActionRefusedError as error:
            return _refuse(
                request,
                _("This contribution cannot be edited"),
                str(error),
                contribution.get_absolute_url(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your contribution is updated."))
            return redirect(contribution)
    return render(
        request,
        "contributions/contribution_edit.html",
        {"form": form, "contribution": contribution, "space": contribution.space},
    )


@login_required
@require_http_methods(["GET", "POST"])
@_limit(WRITE_RATE)
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """The author confirms, then the contribution is marked withdrawn (it stays visible)."""
    contribution = access.get_visible_contribution(request.user, pk)
    if not access.can_withdraw(contribution, request.user):
        return _refuse(
            request,
            _("This contribution cannot be withdrawn"),
            _("Only its author can withdraw a contribution, once."),
            contribution.get_absolute_url(),
        )
    if request.method == "POST":
        services.withdraw_contribution(contribution=contribution, author=request.user)
        messages.success(request, _("Your contribution is withdrawn. It stays visible as such."))
        return redirect(contribution)
    return render(
        request,
        "contributions/contribution_withdraw.html",
        {"contribution": contribution, "space": contribution.space},
    )


@login_required
@require_POST
@_limit(SUPPORT_RATE)
def support(request: HttpRequest, pk: int) -> HttpResponse:
    """Support the contribution, or take the support back (a plain form, no JavaScript)."""
    contribution = access.get_visible_contribution(request.user, pk)
    if not access.can_support(contribution, request.user):
        raise PermissionDenied
    form = SupportForm(request.POST)
    wanted = form.cleaned_data["supported"] if form.is_valid() else None
    supported = services.toggle_support(
        contribution=contribution, resident=request.user, supported=wanted
    )
    messages.success(
        request,
        _("Your support is counted.") if supported else _("Your support is taken back."),
    )
    return redirect(f"{contribution.get_absolute_url()}#support")


# --- Comments ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@_limit(COMMENT_RATE)
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    """Write a comment or a reply (GET shows the form alone, e.g. to reply without JavaScript)."""
    contribution = access.get_visible_contribution(request.user, pk)
    if not access.can_comment(contribution, request.user):
        raise PermissionDenied
    form = CommentForm(_data(request), initial={"parent": request.GET.get("parent")})
    parent = None
    parent_id = request.POST.get("parent") if request.method == "POST" else None
    parent_id = parent_id or request.GET.get("parent")
    if parent_id:
        parent = (
            Comment.objects.filter(contribution=contribution, pk=_int(parent_id))
            .select_related("author")
            .first()
        )
        if parent is None:
            raise Http404("No such comment to reply to.")
    if request.method == "POST" and form.is_valid():
        try:
            created = services.add_comment(
                contribution=contribution,
                author=request.user,
                body=form.cleaned_data["body"],
                stance=form.cleaned_data["stance"],
                parent=parent,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your comment is published."))
            return redirect(threads.comment_url(created))
    return render(
        request,
        "contributions/comment_form.html",
        {
            "form": form,
            "contribution": contribution,
            "space": contribution.space,
            "parent": parent,
        },
    )


def _int(value: str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- Reports and moderation -------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@_limit(REPORT_RATE)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """Report a contribution to the moderators, saying why."""
    contribution = access.get_visible_contribution(request.user, pk)
    form = ReasonForm(
        _data(request),
        label=_("What is wrong with it?"),
        help_text=_("Only the moderators read this."),
    )
    if request.method == "POST" and form.is_valid():
        services.report_contribution(
            contribution=contribution, reporter=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Thank you: the moderators will look at it."))
        return redirect(contribution)
    return render(
        request,
        "contributions/report_form.html",
        {"form": form, "contribution": contribution, "space": contribution.space, "target": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
@_limit(REPORT_RATE)
def report_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """Report a comment to the moderators, saying why."""
    target = access.get_visible_comment(request.user, pk)
    contribution = target.contribution
    form = ReasonForm(
        _data(request),
        label=_("What is wrong with it?"),
        help_text=_("Only the moderators read this."),
    )
    if request.method == "POST" and form.is_valid():
        services.report_comment(
            comment=target, reporter=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Thank you: the moderators will look at it."))
        return redirect(threads.comment_url(target))
    return render(
        request,
        "contributions/report_form.html",
        {
            "form": form,
            "contribution": contribution,
            "space": contribution.space,
            "target": target,
        },
    )


def _moderator_only(request: HttpRequest) -> None:
    if not access.is_moderator(request.user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
@_limit(MODERATION_RATE)
def hide(request: HttpRequest, pk: int) -> HttpResponse:
    """A moderator hides a contribution; the reason shows in place of its text."""
    _moderator_only(request)
    contribution = access.get_visible_contribution(request.user, pk)
    form = ReasonForm(
        _data(request),
        label=_("Reason for hiding (shown in public)"),
        initial={"reason": contribution.hidden_reason},
    )
    if request.method == "POST" and form.is_valid():
        services.hide_contribution(
            contribution=contribution, moderator=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The contribution is hidden; the reason is shown instead."))
        return redirect(contribution)
    return render(
        request,
        "contributions/hide_form.html",
        {"form": form, "contribution": contribution, "space": contribution.space, "target": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
@_limit(MODERATION_RATE)
def hide_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """A moderator hides a comment; the reason shows in place of its text."""
    _moderator_only(request)
    target = access.get_visible_comment(request.user, pk)
    contribution = target.contribution
    form = ReasonForm(
        _data(request),
        label=_("Reason for hiding (shown in public)"),
        initial={"reason": target.hidden_reason},
    )
    if request.method == "POST" and form.is_valid():
        services.hide_comment(
            comment=target, moderator=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The comment is hidden; the reason is shown instead."))
        return redirect(threads.comment_url(target))
    return render(
        request,
        "contributions/hide_form.html",
        {
            "form": form,
            "contribution": contribution,
            "space": contribution.space,
            "target": target,
        },
    )
