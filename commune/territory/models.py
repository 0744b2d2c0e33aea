"""The city, its neighbourhoods and their reference population by sex and age band."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    """Sex as counted by the census, for the reference population only."""

    FEMALE = "female", _("Women")
    MALE = "male", _("Men")


class AgeBand(models.TextChoices):
    """Age bands shared by census figures and residents' optional demographics."""

    UNDER_15 = "0-14", _("Under 15")
    FROM_15 = "15-29", _("15 to 29")
    FROM_30 = "30-44", _("30 to 44")
    FROM_45 = "45-59", _("45 to 59")
    FROM_60 = "60-74", _("60 to 74")
    FROM_75 = "75+", _("75 and over")


class City(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def __str__(self) -> str:
        return self.name


class NeighbourhoodQuerySet(models.QuerySet["Neighbourhood"]):
    def with_population(self) -> NeighbourhoodQuerySet:
        """Annotate each neighbourhood with its total reference population."""
        return self.annotate(population=models.Sum("population_figures__count"))


class Neighbourhood(models.Model):
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="neighbourhoods", verbose_name=_("city")
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = NeighbourhoodQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="unique_neighbourhood_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("territory:neighbourhood", kwargs={"slug": self.slug})


class PopulationFigure(models.Model):
    """How many residents of one sex and age band live in a neighbourhood (census)."""

    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.CASCADE,
        related_name="population_figures",
        verbose_name=_("neighbourhood"),
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    age_band = models.CharField(_("age band"), max_length=5, choices=AgeBand.choices)
    count = models.PositiveIntegerField(_("number of residents"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["neighbourhood", "sex", "age_band"]
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "sex", "age_band"], name="unique_population_cell"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.neighbourhood} — {self.get_sex_display()} {self.get_age_band_display()}"
