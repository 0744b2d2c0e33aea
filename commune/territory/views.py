"""Public pages of the neighbourhoods: who lives there and where to take part."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from commune.spaces.access import visible_spaces
from commune.territory.models import AgeBand, Neighbourhood, Sex


@require_safe
def neighbourhood_list(request: HttpRequest) -> HttpResponse:
    neighbourhoods = Neighbourhood.objects.with_population().order_by("position", "name")
    return render(request, "territory/neighbourhood_list.html", {"neighbourhoods": neighbourhoods})


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
    spaces = visible_spaces(request.user).filter(neighbourhood=neighbourhood).order_by("kind", "title")
    return render(
        request,
        "territory/neighbourhood_detail.html",
        {
            "neighbourhood": neighbourhood,
            "rows": rows,
            "totals": totals,
            "total": totals["women"] + totals["men"],
            "spaces": spaces,
        },
    )
