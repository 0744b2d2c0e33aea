"""Pages of the meetings: lists with filters, a meeting, registration, and calendar files."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.decorators import ratelimit

from commune.core.exports import csv_download
from commune.core.forms import add_service_errors
from commune.meetings import access, minutes, services
from commune.meetings.forms import (
    PAGE_SIZE,
    AgendaDecisionForm,
    AgendaItemForm,
    AttendanceForm,
    MeetingFilterForm,
    PhoneRegistrationForm,
)
from commune.meetings.ics import calendar_response
from commune.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingQuerySet,
    Registration,
    RegistrationStatus,
)
from commune.meetings.stats import attendance_figures

REGISTER_RATE = "20/m"
PHONE_RATE = "60/m"  # an agent on the phone registers one caller after another
PROPOSE_RATE = "10/m"
SUPPORT_RATE = "30/m"


def _limit(rate: str) -> Any:
    return ratelimit(key="user_or_ip", rate=rate, method="POST", block=True)


def _filtered(request: HttpRequest, meetings: MeetingQuerySet) -> tuple[MeetingFilterForm, Any]:
    form = MeetingFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["space_kind"]:
            meetings = meetings.filter(space__kind=data["space_kind"])
        if data["neighbourhood"]:
            meetings = meetings.filter(space__neighbourhood=data["neighbourhood"])
        if data["step_free"]:
            meetings = meetings.filter(step_free_access=True)
        if data["childcare"]:
            meetings = meetings.filter(childcare=True)
        if data["hearing_loop"]:
            meetings = meetings.filter(hearing_loop=True)
        if data["sign_language"]:
            meetings = meetings.filter(sign_language=True)
    return form, meetings.select_related("space", "space__neighbourhood").order_by(
        "starts_at", "id"
    )


@require_safe
def upcoming(request: HttpRequest) -> HttpResponse:
    """Every upcoming meeting of the city, filtered by space and by access information."""
    form, meetings = _filtered(request, access.visible_meetings(request.user).upcoming())
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "space": None,
            "form": form,
            "page": page,
            "filter_query": query.urlencode(),
            "is_filtered": bool(
                form.is_bound and form.is_valid() and any(form.cleaned_data.values())
            ),
        },
    )


@require_safe
def export(request: HttpRequest) -> Any:
    """The city-wide list of upcoming meetings as CSV, with the same filters."""
    _form, meetings = _filtered(request, access.visible_meetings(request.user).upcoming())
    yes, no = _("yes"), _("no")
    zone = timezone.get_current_timezone()
    header = [
        _("Title"),
        _("Kind"),
        _("Space"),
        _("Starts"),
        _("Ends"),
        _("Place"),
        _("Address"),
        _("Online link"),
        _("Step-free access"),
        _("Hearing loop"),
        _("Childcare"),
        _("Sign-language interpreting"),
        _("Interpreting into other languages"),
        _("Registration required"),
        _("Capacity"),
        _("Cancelled"),
    ]
    rows = (
        [
            meeting.title,
            meeting.get_kind_display(),
            meeting.space.title,
            meeting.starts_at.astimezone(zone).isoformat(),
            meeting.ends_at.astimezone(zone).isoformat(),
            meeting.place_name,
            meeting.address,
            meeting.online_url,
            yes if meeting.step_free_access else no,
            yes if meeting.hearing_loop else no,
            yes if meeting.childcare else no,
            yes if meeting.sign_language else no,
            meeting.other_language_interpreting,
            yes if meeting.registration_required else no,
            "" if meeting.capacity is None else meeting.capacity,
            yes if meeting.is_cancelled else no,
        ]
        for meeting in meetings.iterator()
    )
    return csv_download("rencontres.csv", header, rows)


@require_safe
def space_meetings(request: HttpRequest, space_slug: str) -> HttpResponse:
    """The meetings of a space: upcoming first, then the past ones."""
    space = access.get_meeting_space(request.user, space_slug)
    meetings = Meeting.objects.filter(space=space)
    now = timezone.now()
    return render(
        request,
        "meetings/space_meetings.html",
        {
            "space": space,
            "upcoming": meetings.filter(ends_at__gte=now).order_by("starts_at", "id"),
            "past": meetings.filter(ends_at__lt=now).order_by("-starts_at", "-id")[:PAGE_SIZE],
        },
    )


def _state(meeting: Meeting, user: Any) -> dict[str, Any]:
    registered = meeting.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    mine = None
    if getattr(user, "is_authenticated", False):
        mine = meeting.registrations.filter(resident=user).first()
    return {
        "registered_count": registered,
        "places_left": None if meeting.capacity is None else max(meeting.capacity - registered, 0),
        "my_registration": mine,
        "my_position": services.waiting_position(mine) if mine else None,
        "registration_open": meeting.registration_required
        and not meeting.is_cancelled
        and not meeting.is_past,
    }


def _agenda(meeting: Meeting, user: Any) -> dict[str, Any]:
    return {
        "agenda_items": services.ranked_agenda(meeting),
        "my_supports": services.supported_item_ids(meeting, user),
        "can_manage_agenda": access.can_register_by_phone(user) and not meeting.is_cancelled,
    }


def _render_detail(
    request: HttpRequest, meeting: Meeting, agenda_form: AgendaItemForm | None = None
) -> HttpResponse:
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "can_phone": access.can_register_by_phone(request.user)
            and meeting.registration_required,
            "can_record_attendance": access.can_register_by_phone(request.user)
            and not meeting.is_cancelled
            and meeting.starts_at <= timezone.now(),
            "figures": attendance_figures(meeting) if meeting.is_past else None,
            "agenda_form": agenda_form or AgendaItemForm(prefix="agenda"),
        }
        | _state(meeting, request.user)
        | _agenda(meeting, request.user)
        | minutes.meeting_record(meeting, request.user),
    )


@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A meeting: when (in the city's time zone), where, access, agenda and registration."""
    meeting = access.get_visible_meeting(request.user, pk)
    return _render_detail(request, meeting)


@login_required
@require_POST
@_limit(REGISTER_RATE)
def register(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_visible_meeting(request.user, pk)
    registration = services.register(meeting=meeting, resident=request.user)
    if registration.status == RegistrationStatus.REGISTERED:
        messages.success(request, _("You are registered for this meeting."))
    else:
        messages.info(
            request,
            _("The meeting is full: you are on the waiting list, at position %(n)s.")
            % {"n": services.waiting_position(registration)},
        )
    return redirect(meeting)


@login_required
@require_POST
@_limit(REGISTER_RATE)
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """One click: the resident's registration (or waiting-list place) is cancelled."""
    meeting = access.get_visible_meeting(request.user, pk)
    registration = Registration.objects.filter(meeting=meeting, resident=request.user).first()
    if registration is not None:
        services.cancel_registration(registration=registration)
        messages.success(request, _("Your registration is cancelled."))
    return redirect(meeting)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(PHONE_RATE)
def phone_registration(request: HttpRequest, pk: int) -> HttpResponse:
    """Agents register people who called, and see who is registered."""
    if not access.can_register_by_phone(request.user):
        raise PermissionDenied(_("Only city agents register people by phone."))
    meeting = access.get_visible_meeting(request.user, pk)
    form = PhoneRegistrationForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            registration = services.register_by_phone(
                meeting=meeting, agent=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for name, field_errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, field_errors)
        except services.RegistrationRefusedError as error:
            form.add_error(None, str(error))
        else:
            if registration.status == RegistrationStatus.REGISTERED:
                messages.success(
                    request, _("%(name)s is registered.") % {"name": registration.name}
                )
            else:
                messages.info(
                    request,
                    _("The meeting is full: %(name)s is on the waiting list.")
                    % {"name": registration.name},
                )
            return redirect("meetings:phone_registration", pk=meeting.pk)
    return render(
        request,
        "meetings/phone_registration.html",
        {
            "meeting": meeting,
            "form": form,
            "registrations": meeting.registrations.select_related("resident"),
        }
        | _state(meeting, request.user),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(PHONE_RATE)
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Agents record who came: registered residents, walk-ins, paper sign-ins."""
    if not access.can_register_by_phone(request.user):
        raise PermissionDenied(_("Only city agents record attendance."))
    meeting = access.get_visible_meeting(request.user, pk)
    started = meeting.starts_at <= timezone.now() and not meeting.is_cancelled
    form = AttendanceForm(request.POST if request.method == "POST" else None, meeting=meeting)
    if started and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.record_attendance(
                meeting=meeting,
                agent=request.user,
                residents=[*data["residents"], *data["walk_in_emails"]],
                paper_count=data["paper_count"] or 0,
                paper_names=data["paper_names"],
            )
        except ValidationError as error:
            for name, field_errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, field_errors)
        except services.AttendanceRefusedError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(n)s attendances recorded.") % {"n": len(created)},
            )
            return redirect("meetings:attendance", pk=meeting.pk)
    return render(
        request,
        "meetings/attendance.html",
        {
            "meeting": meeting,
            "form": form,
            "started": started,
            "figures": attendance_figures(meeting),
        },
    )


@login_required
@require_POST
@_limit(PROPOSE_RATE)
def agenda_propose(request: HttpRequest, pk: int) -> HttpResponse:
    """A resident proposes an agenda item, before the cut-off."""
    meeting = access.get_visible_meeting(request.user, pk)
    form = AgendaItemForm(request.POST, prefix="agenda")
    if form.is_valid():
        try:
            services.propose_item(meeting=meeting, resident=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except services.AgendaClosedError as error:
            messages.error(request, str(error))
            return redirect(f"{meeting.get_absolute_url()}#agenda-title")
        else:
            messages.success(request, _("Your item is proposed for the agenda."))
            return redirect(f"{meeting.get_absolute_url()}#agenda-title")
    return _render_detail(request, meeting, agenda_form=form)


@login_required
@require_POST
@_limit(SUPPORT_RATE)
def agenda_support(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Support an agenda item, or take the support back (the button says which)."""
    meeting = access.get_visible_meeting(request.user, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    wanted = {"1": True, "0": False}.get(request.POST.get("supported", ""))
    try:
        supported = services.toggle_item_support(item=item, resident=request.user, supported=wanted)
    except services.AgendaClosedError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("You support this item.") if supported else _("Your support is withdrawn."),
        )
    return redirect(f"{meeting.get_absolute_url()}#agenda-title")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(PHONE_RATE)
def agenda_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """Agents keep, merge or set aside residents' items, and add the city's items."""
    if not access.can_register_by_phone(request.user):
        raise PermissionDenied(_("Only city agents manage the agenda."))
    meeting = access.get_visible_meeting(request.user, pk)
    posted = request.POST if request.method == "POST" else None
    action = request.POST.get("action") if posted else None
    fixed_form = AgendaItemForm(posted if action == "add_fixed" else None, prefix="fixed")
    decided_pk = request.POST.get("item") if action == "decide" else None
    if fixed_form.is_bound and fixed_form.is_valid():
        try:
            services.add_fixed_item(meeting=meeting, agent=request.user, **fixed_form.cleaned_data)
        except ValidationError as error:
            add_service_errors(fixed_form, error)
        else:
            messages.success(request, _("The item is added to the agenda."))
            return redirect("meetings:agenda_manage", pk=meeting.pk)
    items = services.ranked_agenda(meeting)
    rows = []
    for item in items:
        if item.is_fixed or item.status == "merged":
            rows.append((item, None))
            continue
        bound = decided_pk == str(item.pk)
        form = AgendaDecisionForm(posted if bound else None, item=item, prefix=f"item-{item.pk}")
        if bound and form.is_valid():
            data = form.cleaned_data
            try:
                if data["decision"] == AgendaDecisionForm.KEEP:
                    services.keep_item(item=item, actor=request.user, reason=data["reason"])
                elif data["decision"] == AgendaDecisionForm.MERGE:
                    services.merge_item(
                        item=item, into=data["into"], actor=request.user, reason=data["reason"]
                    )
                else:
                    services.set_aside_item(item=item, actor=request.user, reason=data["reason"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The decision is recorded and shown publicly."))
                return redirect("meetings:agenda_manage", pk=meeting.pk)
        rows.append((item, form))
    return render(
        request,
        "meetings/agenda_manage.html",
        {"meeting": meeting, "rows": rows, "fixed_form": fixed_form},
    )


@require_safe
def ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_visible_meeting(request.user, pk)
    return calendar_response(request, [meeting], meeting.title, f"rencontre-{meeting.pk}.ics")


@require_safe
def space_ics(request: HttpRequest, space_slug: str) -> HttpResponse:
    space = access.get_meeting_space(request.user, space_slug)
    meetings = Meeting.objects.filter(space=space).order_by("starts_at", "id")
    return calendar_response(request, meetings, space.title, f"agenda-{space.slug}.ics")


@require_safe
def city_ics(request: HttpRequest) -> HttpResponse:
    meetings = (
        access.visible_meetings(request.user).select_related("space").order_by("starts_at", "id")
    )
    return calendar_response(request, meetings, _("Meetings of the city"), "agenda.ics")
