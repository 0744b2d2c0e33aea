"""Back office of the territory: the city, its neighbourhoods and their population figures."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from commune.territory.models import City, Neighbourhood, PopulationFigure


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class PopulationFigureInline(admin.TabularInline):
    model = PopulationFigure
    extra = 0
    fields = ("sex", "age_band", "count", "source")


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    inlines = [PopulationFigureInline]
    list_display = ("name", "city", "position", "population")
    list_editable = ("position",)
    list_filter = ("city",)
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Neighbourhood]:
        return super().get_queryset(request).with_population().select_related("city")

    @admin.display(description=_("Residents"), ordering="population")
    def population(self, neighbourhood: Neighbourhood) -> int | None:
        return neighbourhood.population  # type: ignore[attr-defined]


@admin.register(PopulationFigure)
class PopulationFigureAdmin(admin.ModelAdmin):
    list_display = ("neighbourhood", "sex", "age_band", "count", "source")
    list_filter = ("neighbourhood", "sex", "age_band")
    list_select_related = ("neighbourhood",)
    search_fields = ("neighbourhood__name", "source")
