"""Participation figures for the city, a neighbourhood, a space and a meeting, and the
evaluation report of a space: public pages of aggregates only (no personal data)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from commune.accountability import access as accountability_access
from commune.accountability import stats
from commune.contributions.models import Contribution
from commune.core.charts import PALETTE, horizontal_bars
from commune.core.exports import csv_download
from commune.insights import figures, periods
from commune.insights.charts import paired_bars
from commune.meetings.access import get_visible_meeting
from commune.spaces.access import get_visible_space
from commune.spaces.models import Space
from commune.territory.models import Neighbourhood

# How many periods the trend shows, by kind of period.
TREND_LENGTH = {"year": 4, "half": 6, "quarter": 8}


def _period(request: HttpRequest) -> periods.Period:
    """The period asked for in ?period=, or the current calendar year."""
    return periods.parse(request.GET.get("period", "")) or periods.containing(
        timezone.localdate(), "year"
    )


def _index_percent(value: float | None) -> int | None:
    return None if value is None else round(100 * value)


def _make_up_context(make_up: figures.MakeUp, scope: str, population_of: str) -> dict[str, Any]:
    """The figures of one period, with the paired chart and its text alternative."""
    shown = [
        _("%(group)s: %(participants)s of participants, %(population)s of the population")
        % {
            "group": label,
            "participants": _("hidden") if share is None else f"{share}%",
            "population": f"{population}%",
        }
        for label, share, population in make_up.paired
    ]
    return {
        "make_up": make_up,
        "scope": scope,
        "population_of": population_of,
        "paired_chart": paired_bars(make_up.paired),
        "paired_description": _(
            "%(scope)s: share of the participants who gave their demographics in each group "
            "of women and men by age band, next to the share of residents aged 15 and over "
            "of %(place)s. %(groups)s."
        )
        % {"scope": scope, "place": population_of, "groups": "; ".join(shown)},
        "gender_index": _index_percent(make_up.gender_index),
        "age_index": _index_percent(make_up.age_index),
        "combined_index": _index_percent(make_up.combined_index),
        "groups": [
            (_("Participants by gender"), make_up.genders, "gender-table"),
            (_("Participants by age band"), make_up.age_bands, "age-table"),
            (_("Participants by occupation"), make_up.occupations, "occupation-table"),
        ],
    }


def _trend(
    acts: list[figures.Act],
    period: periods.Period,
    population: dict[tuple[str, str], int],
    demographics: dict[int, tuple[str, str, str]],
    scope: str,
) -> dict[str, Any]:
    rows = []
    for each in periods.series(period, TREND_LENGTH[period.kind]):
        make_up = figures.make_up(acts, each, population, demographics)
        rows.append(
            {
                "period": each,
                "participants": make_up.participants,
                "without_share": make_up.without_demographics_share,
                "gender": _index_percent(make_up.gender_index),
                "age": _index_percent(make_up.age_index),
                "combined": _index_percent(make_up.combined_index),
            }
        )
    bars = [(row["period"].label, row["combined"] or 0) for row in rows]
    return {
        "trend": rows,
        "trend_chart": horizontal_bars(bars, fill=PALETTE[5], label_width=170),
        "trend_description": _(
            "%(scope)s, representativeness index by period (out of 100): %(figures)s."
        )
        % {
            "scope": scope,
            "figures": ", ".join(
                _("%(period)s %(index)s")
                % {
                    "period": row["period"].label,
                    "index": _("no figure") if row["combined"] is None else row["combined"],
                }
                for row in rows
            ),
        },
    }


def _page(
    request: HttpRequest,
    *,
    acts: list[figures.Act],
    scope: str,
    population_of: str,
    neighbourhood: Neighbourhood | None,
    extra: dict[str, Any],
) -> HttpResponse:
    period = _period(request)
    population = figures.reference_population(neighbourhood)
    demographics = figures.consented_demographics()
    make_up = figures.make_up(acts, period, population, demographics)
    context = _make_up_context(make_up, scope, population_of)
    context |= _trend(acts, period, population, demographics, scope)
    context |= {
        "period": period,
        "period_choices": periods.choices(timezone.localdate()),
        **extra,
    }
    return render(request, "insights/figures.html", context)


@require_safe
def city(request: HttpRequest) -> HttpResponse:
    """Who takes part in the whole city, next to the city's population."""
    spaces = Space.objects.published()
    neighbourhoods = Neighbourhood.objects.order_by("position", "name")
    return _page(
        request,
        acts=figures.acts_of_spaces(spaces),
        scope=_("Whole city"),
        population_of=_("the whole city"),
        neighbourhood=None,
        extra={"neighbourhoods": neighbourhoods, "spaces": spaces.order_by("title")},
    )


@require_safe
def neighbourhood(request: HttpRequest, slug: str) -> HttpResponse:
    """Who takes part in the neighbourhood's spaces, next to its population."""
    place = get_object_or_404(Neighbourhood, slug=slug)
    spaces = Space.objects.published().filter(neighbourhood=place)
    return _page(
        request,
        acts=figures.acts_of_spaces(spaces),
        scope=place.name,
        population_of=place.name,
        neighbourhood=place,
        extra={"neighbourhood": place, "spaces": spaces.order_by("title")},
    )


@require_safe
def space(request: HttpRequest, slug: str) -> HttpResponse:
    """Who takes part in one space, next to its neighbourhood's (or the city's) population."""
    place = get_visible_space(request.user, slug)
    return _page(
        request,
        acts=figures.acts_of_spaces([place]),
        scope=place.title,
        population_of=place.neighbourhood.name if place.neighbourhood else _("the whole city"),
        neighbourhood=place.neighbourhood,
        extra={"space": place},
    )


@require_safe
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """Who took part in one meeting (attendance and agenda), next to the population."""
    item = get_visible_meeting(request.user, pk)
    place = item.space.neighbourhood
    population = figures.reference_population(place)
    make_up = figures.make_up(
        figures.acts_of_meeting(item), None, population, figures.consented_demographics()
    )
    context = _make_up_context(make_up, item.title, place.name if place else _("the whole city"))
    context["meeting"] = item
    return render(request, "insights/meeting.html", context)


# --- The evaluation report of a space (charter principle 9) ------------------------------


def _report(request: HttpRequest, slug: str) -> dict[str, Any]:
    place = get_visible_space(request.user, slug)
    period = periods.parse(request.GET.get("period", ""))
    population = figures.reference_population(place.neighbourhood)
    make_up = figures.make_up(
        figures.acts_of_spaces([place]), period, population, figures.consented_demographics()
    )
    contributions = Contribution.objects.filter(space=place)
    if period is not None:
        contributions = contributions.filter(
            created_at__date__gte=period.start, created_at__date__lt=period.end
        )
    answers = stats.contribution_figures(contributions)
    decisions = accountability_access.decision_list(request.user).filter(space=place)
    if period is not None:
        decisions = decisions.filter(decided_on__gte=period.start, decided_on__lt=period.end)
    population_of = place.neighbourhood.name if place.neighbourhood else _("the whole city")
    context = _make_up_context(make_up, place.title, population_of)
    context |= {
        "space": place,
        "period": period,
        "period_choices": periods.choices(timezone.localdate()),
        "contributions": answers.timeliness.total,
        "timeliness": answers.timeliness,
        "median_days": answers.median_days,
        "decisions": list(decisions.order_by("-decided_on", "-id")),
        "today": timezone.localdate(),
    }
    return context


@require_safe
def report(request: HttpRequest, slug: str) -> HttpResponse:
    """The evaluation of a space on one printable page: participation,
    representativeness, answers within the delay and decisions taken."""
    return render(request, "insights/report.html", _report(request, slug))


@require_safe
def report_export(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    """The evaluation report's figures as CSV: section, figure, value (suppressed: blank)."""
    context = _report(request, slug)
    make_up: figures.MakeUp = context["make_up"]
    hidden = _("not shown")

    def count(value: int | None) -> Any:
        return hidden if value is None else value

    participation = _("Participation")
    representativeness = _("Representativeness")
    rows: list[list[Any]] = [
        [participation, _("Participants"), make_up.participants],
        [participation, _("Participants without demographics"), make_up.without_demographics],
        [participation, _("Acts of participation"), make_up.acts],
    ]
    rows += [
        [participation, _("Channel: %(c)s") % {"c": label}, n] for label, n, _s in make_up.channels
    ]
    rows.append([participation, _("Entered by an agent for a resident"), make_up.assisted])
    for title, group in ((_("Gender"), make_up.genders), (_("Age band"), make_up.age_bands)):
        for row in group:
            rows.append([representativeness, f"{title}: {row.label}", count(row.count)])
    for row in make_up.occupations:
        rows.append([representativeness, f"{_('Occupation')}: {row.label}", count(row.count)])
    for label, value in (
        (_("Index by gender (out of 100)"), context["gender_index"]),
        (_("Index by age band (out of 100)"), context["age_index"]),
        (_("Combined index (out of 100)"), context["combined_index"]),
    ):
        rows.append([representativeness, label, "" if value is None else value])
    timeliness = context["timeliness"]
    answers = _("Answers")
    rows += [
        [answers, _("Contributions received"), context["contributions"]],
        [answers, _("Answered within the delay"), timeliness.within],
        [answers, _("Answered late"), timeliness.late],
        [answers, _("Overdue, not answered yet"), timeliness.overdue],
    ]
    for decision in context["decisions"]:
        rows.append([_("Decisions"), decision.title, decision.decided_on.isoformat()])
    header = [_("Section"), _("Figure"), _("Value")]
    return csv_download(f"evaluation-{context['space'].slug}.csv", header, rows)
