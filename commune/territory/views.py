"""Public pages of the neighbourhoods: who lives there and where to take part."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from commune.core.charts import population_pyramid
from commune.core.exports import csv_download
from commune.spaces.access import visible_spaces
from commune.territory.models import AgeBand, Neighbourhood, Sex


@require_safe
def neighbourhood_list(request: HttpRequest) -> HttpResponse:
    neighbourhoods = Neighbourhood.objects.with_population().order_by("position", "name")
    return render(request, "territory/neighbourhood_list.html", {"neighbourhoods": neighbourhoods})


@require_safe
def neighbourhood_export(request: HttpRequest) -> StreamingHttpResponse:
    """The neighbourhoods with their reference population by sex and age band, as CSV."""
    neighbourhoods = Neighbourhood.objects.prefetch_related("population_figures").order_by(
        "position", "name"
    )
    header = [_("Neighbourhood"), _("Sex"), _("Age band"), _("Number of residents"), _("Source")]
    rows = (
        [n.name, figure.get_sex_display(), figure.age_band, figure.count, figure.source]
        for n in neighbourhoods
        for figure in n.population_figures.all()
    )
    return csv_download("neighbourhoods-population.csv", header, rows)


@require_safe
def neighbourhood_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A neighbourhood: its council and spaces, and its population by sex and age band."""
    neighbourhood = get_object_or_404(Neighbourhood, slug=slug)
    counts = {
        (figure.age_band, figure.sex): figure.count
        for figure in neighbourhood.population_figures.all()
    }
    rows = [
        {
            "age_band": band.label,
            "women": counts.get((band.value, Sex.FEMALE), 0),
            "men": counts.get((band.value, Sex.MALE), 0),
        }
        for band in AgeBand
    ]
    totals = {
        "women": sum(row["women"] for row in rows),
        "men": sum(row["men"] for row in rows),
    }
    total = totals["women"] + totals["men"]
    chart = population_pyramid([(row["age_band"], row["women"], row["men"]) for row in rows])
    spaces = (
        visible_spaces(request.user).filter(neighbourhood=neighbourhood).order_by("kind", "title")
    )
    return render(
        request,
        "territory/neighbourhood_detail.html",
        {
            "neighbourhood": neighbourhood,
            "rows": rows,
            "totals": totals,
            "total": total,
            "chart": chart,
            "chart_description": _(
                "%(women)s women and %(men)s men live in %(name)s, out of %(total)s residents. "
                "The table below gives every age band."
            )
            % {
                "women": totals["women"],
                "men": totals["men"],
                "name": neighbourhood.name,
                "total": total,
            },
            "spaces": spaces,
        },
    )
