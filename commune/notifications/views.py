"""A resident's notifications, their e-mail settings, and the follow buttons."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from commune.contributions.access import get_visible_contribution
from commune.contributions.models import Contribution
from commune.notifications import services
from commune.notifications.forms import EmailFrequencyForm
from commune.notifications.models import EmailFrequency, Notification, NotificationSettings
from commune.notifications.wording import describe, link
from commune.spaces.access import get_visible_space
from commune.spaces.models import Space

FOLLOW_RATE = "60/m"


@login_required
@require_http_methods(["GET", "POST"])
def notification_list(request: HttpRequest) -> HttpResponse:
    """What happened to what the resident follows; POST marks everything as read."""
    if request.method == "POST":
        services.mark_all_read(resident=request.user)
        messages.success(request, _("All your notifications are marked as read."))
        return redirect("notifications:list")
    notifications = Notification.objects.filter(recipient=request.user).select_related(
        "contribution", "comment__author", "amendment__paragraph__section", "amendment__text"
    )
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    items = [
        {"text": describe(n), "url": link(n), "created_at": n.created_at, "unread": not n.read_at}
        for n in page.object_list
    ]
    return render(request, "notifications/notification_list.html", {"page": page, "items": items})


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="user", rate="30/m", method="POST", block=True)
def notification_settings(request: HttpRequest) -> HttpResponse:
    """How often the resident gets e-mails; nothing is written until a valid choice."""
    current = NotificationSettings.objects.filter(resident=request.user).first()
    form = EmailFrequencyForm(
        request.POST if request.method == "POST" else None,
        initial={
            "email_frequency": current.email_frequency if current else EmailFrequency.IMMEDIATE
        },
    )
    if request.method == "POST" and form.is_valid():
        services.set_email_frequency(
            resident=request.user,
            frequency=form.cleaned_data["email_frequency"],
            language=get_language(),
        )
        messages.success(request, _("Your e-mail settings are saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})


def _toggle_follow(
    request: HttpRequest, target: Contribution | Space, *, followed: str, unfollowed: str
) -> HttpResponse:
    """Follow or stop following `target` as the button asks, then go back to the page."""
    key = "contribution" if isinstance(target, Contribution) else "space"
    if request.POST.get("action") == "unfollow":
        services.unfollow(resident=request.user, **{key: target})
        messages.success(request, unfollowed)
    else:
        services.follow(resident=request.user, **{key: target})
        messages.success(request, followed)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = target.get_absolute_url()
    return redirect(back)


@login_required
@require_POST
@ratelimit(key="user", rate=FOLLOW_RATE, method="POST", block=True)
def follow_contribution(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow or stop following a contribution (a toggle, so it works as a plain form)."""
    return _toggle_follow(
        request,
        get_visible_contribution(request.user, pk),
        followed=_("You follow this contribution: you will be notified of its answers."),
        unfollowed=_("You no longer follow this contribution."),
    )


@login_required
@require_POST
@ratelimit(key="user", rate=FOLLOW_RATE, method="POST", block=True)
def follow_space(request: HttpRequest, slug: str) -> HttpResponse:
    """Follow or stop following a space, to hear of every new contribution in it."""
    return _toggle_follow(
        request,
        get_visible_space(request.user, slug),
        followed=_("You follow this space: you will be notified of new contributions."),
        unfollowed=_("You no longer follow this space."),
    )
