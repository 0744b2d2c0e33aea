"""Pages of panels drawn by lot: the public panel page and downloads, the agents' pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.decorators import ratelimit

from commune.core.charts import VALUE_ROOM, horizontal_bars
from commune.core.exports import csv_download
from commune.core.forms import call_service
from commune.sortition import access, services
from commune.sortition.forms import ImportForm, PanelForm, QuotaBoundsForm, WithdrawForm
from commune.sortition.models import Panel, PanelStatus
from commune.spaces.access import get_visible_space

AGENT_RATE = "30/m"


def _limit(rate: str) -> Any:
    return ratelimit(key="user_or_ip", rate=rate, method="POST", block=True)


def _require_agent(request: HttpRequest) -> None:
    if not access.can_manage(request.user):
        raise PermissionDenied(_("Only city agents prepare and draw panels."))


def rerun_command(panel: Panel, seed: str) -> str:
    """The command anyone can type to redo the draw from the downloaded files."""
    command = f"commune sortition draw POOL.csv QUOTAS.csv --panel-size {panel.panel_size}"
    if panel.reserve_size:
        command += f" --reserves {panel.reserve_size}"
    return f"{command} --seed {seed}"


@require_safe
def space_panels(request: HttpRequest, space_slug: str) -> HttpResponse:
    """The panels drawn by lot in a space."""
    space = get_visible_space(request.user, space_slug)
    panels = access.visible_panels(request.user).filter(space=space)
    return render(
        request,
        "sortition/space_panels.html",
        {"space": space, "panels": panels, "can_manage": access.can_manage(request.user)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(AGENT_RATE)
def create(request: HttpRequest, space_slug: str) -> HttpResponse:
    """An agent prepares a new panel in a space."""
    _require_agent(request)
    space = get_visible_space(request.user, space_slug)
    form = PanelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        done, panel = call_service(
            form,
            lambda: services.create_panel(space=space, actor=request.user, **form.cleaned_data),
            refusals=(),
        )
        if done:
            messages.success(request, _("The panel is created: import its pool and quotas."))
            return redirect("sortition:manage", pk=panel.pk)
    return render(request, "sortition/panel_form.html", {"space": space, "form": form})


def _quota_rows(panel: Panel, counts: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    drawn: dict[tuple[str, str], int] = {}
    if panel.status == PanelStatus.DRAWN:
        selected = set(panel.draw.panel_ids)
        for member in panel.members.all():
            if member.public_id in selected:
                for category, value in member.values.items():
                    drawn[(category, value)] = drawn.get((category, value), 0) + 1
    return [
        {
            "category": quota.category,
            "value": quota.value,
            "minimum": quota.minimum,
            "maximum": quota.maximum,
            "pool": counts.get(quota.category, {}).get(quota.value, 0),
            "panel": drawn.get((quota.category, quota.value), 0),
        }
        for quota in panel.quotas.all()
    ]


def _quota_ranges(rows: list[dict[str, Any]], chart: Any) -> list[dict[str, float]]:
    """Each bar's quota as a line from its minimum to its maximum, on the bars' own scale.

    The bars' scale is set by the largest count; a maximum beyond it stops at the end of
    the longest bar (the quotas table gives the exact figures).
    """
    room = chart.width - chart.bar_x - VALUE_ROOM
    largest = max([bar.value for bar in chart.rows] + [1])
    ranges = []
    for row, bar in zip(rows, chart.rows, strict=True):
        low = chart.bar_x + room * min(row["minimum"], largest) / largest
        high = chart.bar_x + room * min(row["maximum"], largest) / largest
        ranges.append(
            {
                "x1": round(low, 1),
                "x2": round(high, 1),
                "y": round(bar.y + chart.bar_height / 2, 1),
                "top": bar.y - 2,
                "bottom": bar.y + chart.bar_height + 2,
            }
        )
    return ranges


def _panel_context(panel: Panel) -> dict[str, Any]:
    has_pool = panel.quotas.exists()
    counts = services.pool_counts(panel) if has_pool else {}
    rows = _quota_rows(panel, counts)
    context: dict[str, Any] = {
        "panel": panel,
        "space": panel.space,
        "quota_rows": rows,
        "pool_size": panel.members.count(),
        "has_pool": has_pool,
    }
    if panel.status == PanelStatus.DRAWN:
        record = panel.draw
        chart_rows = [(f"{row['category']}: {row['value']}", row["panel"]) for row in rows]
        context |= {
            "record": record,
            "command": rerun_command(panel, record.seed),
            "panel_ids": record.panel_ids,
            "reserves": list(enumerate(record.reserve_ids, start=1)),
            "probabilities": sorted(record.probabilities.items()),
            "chart": horizontal_bars(chart_rows),
            "ranges": _quota_ranges(rows, horizontal_bars(chart_rows)),
            "chart_description": _(
                "Panel members by category value, against the quotas: %(figures)s."
            )
            % {
                "figures": "; ".join(
                    _("%(label)s: %(count)s (quota %(min)s to %(max)s)")
                    % {
                        "label": f"{row['category']}: {row['value']}",
                        "count": row["panel"],
                        "min": row["minimum"],
                        "max": row["maximum"],
                    }
                    for row in rows
                )
            },
        }
    return context


@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A panel: before the draw its quotas and commitment, after it the seed and the panel."""
    panel = access.get_visible_panel(request.user, pk)
    context = _panel_context(panel)
    context["can_manage"] = access.can_manage(request.user)
    context["withdrawals"] = list(panel.withdrawals.all())
    return render(request, "sortition/panel_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(AGENT_RATE)
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    """An agent imports the pool and quotas, publishes the commitment, then draws."""
    _require_agent(request)
    panel = access.get_visible_panel(request.user, pk)
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        pool_file = form.cleaned_data["pool_file"]
        quotas_file = form.cleaned_data["quotas_file"]
        done, _imported = call_service(
            form,
            lambda: services.import_pool_and_quotas(
                panel=panel,
                actor=request.user,
                pool_file=pool_file,
                quotas_file=quotas_file,
                pool_name=pool_file.name,
                quotas_name=quotas_file.name,
            ),
            refusals=(services.ActionRefusedError,),
        )
        if done:
            messages.success(request, _("The pool and the quotas are imported."))
            return redirect("sortition:manage", pk=panel.pk)
    status = 400 if form.errors else 200
    context = _manage_context(panel, form=form)
    return render(request, "sortition/manage.html", context, status=status)


def _manage_context(
    panel: Panel,
    *,
    form: ImportForm | None = None,
    quota_form: QuotaBoundsForm | None = None,
    withdraw_form: WithdrawForm | None = None,
    draw_errors: list[str] | None = None,
) -> dict[str, Any]:
    quotas = list(panel.quotas.order_by("position"))
    return _panel_context(panel) | {
        "form": form or ImportForm(),
        "quota_form": quota_form or QuotaBoundsForm(quotas=quotas),
        "withdraw_form": withdraw_form or WithdrawForm(),
        "draw_errors": draw_errors or [],
    }


def _step(request: HttpRequest, pk: int, action: Any, success: str) -> HttpResponse:
    _require_agent(request)
    panel = access.get_visible_panel(request.user, pk)
    try:
        action(panel=panel, actor=request.user)
    except services.ActionRefusedError as error:
        errors = [str(error)]
    except ValidationError as error:
        errors = error.messages
    else:
        messages.success(request, success)
        return redirect("sortition:manage", pk=panel.pk)
    context = _manage_context(panel, draw_errors=errors)
    return render(request, "sortition/manage.html", context, status=400)


def _form_step(
    request: HttpRequest, panel: Panel, form: Any, action: Any, success: str, context_key: str
) -> HttpResponse:
    """Run a form-backed step: redirect on success, else the manage page with the errors."""
    if form.is_valid():
        done, _result = call_service(
            form, lambda: action(form), refusals=(services.ActionRefusedError,)
        )
        if done:
            messages.success(request, success)
            return redirect("sortition:manage", pk=panel.pk)
    context = _manage_context(panel, **{context_key: form})
    return render(request, "sortition/manage.html", context, status=400)


@login_required
@require_POST
@_limit(AGENT_RATE)
def quotas(request: HttpRequest, pk: int) -> HttpResponse:
    """Type in each quota's minimum and maximum (draft panels)."""
    _require_agent(request)
    panel = access.get_visible_panel(request.user, pk)
    form = QuotaBoundsForm(request.POST, quotas=list(panel.quotas.order_by("position")))
    return _form_step(
        request,
        panel,
        form,
        lambda f: services.set_quotas(panel=panel, actor=request.user, bounds=f.bounds()),
        _("The quotas are saved."),
        "quota_form",
    )


@login_required
@require_POST
@_limit(AGENT_RATE)
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Take published quotas back to draft, revealing the unused seed with the reason."""
    _require_agent(request)
    panel = access.get_visible_panel(request.user, pk)
    form = WithdrawForm(request.POST)
    return _form_step(
        request,
        panel,
        form,
        lambda f: services.withdraw_quotas(
            panel=panel, actor=request.user, reason=f.cleaned_data["reason"]
        ),
        _("The quotas are withdrawn: the panel is a draft again."),
        "withdraw_form",
    )


@login_required
@require_POST
@_limit(AGENT_RATE)
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish the quotas, the pool size per category and the seed commitment."""
    return _step(
        request,
        pk,
        services.publish_quotas,
        _("The quotas and the seed commitment are published."),
    )


@login_required
@require_POST
@_limit(AGENT_RATE)
def draw(request: HttpRequest, pk: int) -> HttpResponse:
    """Draw the panel with the committed seed, and reveal the seed."""
    return _step(request, pk, services.draw_panel, _("The panel is drawn and the seed revealed."))


def _published(request: HttpRequest, pk: int) -> Panel:
    panel = access.get_visible_panel(request.user, pk)
    if not panel.quotas.exists():
        raise Http404("Nothing imported yet.")
    return panel


@require_safe
def pool_csv(request: HttpRequest, pk: int) -> Any:
    """POOL.csv in the core's format: pseudonymised ids and category values only."""
    panel = _published(request, pk)
    categories = list(dict.fromkeys(q.category for q in panel.quotas.all()))
    rows = (
        [member.public_id, *(member.values.get(c, "") for c in categories)]
        for member in panel.members.order_by("public_id")
    )
    return csv_download(f"pool-{panel.pk}.csv", ["id", *categories], rows)


@require_safe
def quotas_csv(request: HttpRequest, pk: int) -> Any:
    """QUOTAS.csv in the core's format: category,value,min,max."""
    panel = _published(request, pk)
    rows = ([q.category, q.value, q.minimum, q.maximum] for q in panel.quotas.all())
    return csv_download(f"quotas-{panel.pk}.csv", ["category", "value", "min", "max"], rows)
