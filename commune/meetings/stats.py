"""Attendance figures of a meeting and the make-up of its room, next to the population.

The room's make-up only uses the demographics of attendees who consented to give them
(a Demographics row exists only with consent); cells are suppressed by
`commune.meetings.disclosure.suppress` before anything reaches a page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from commune.accountability.stats import percentage
from commune.accounts.models import Demographics, Gender
from commune.meetings.disclosure import THRESHOLD, suppress
from commune.meetings.models import AttendanceChannel, Meeting
from commune.territory.models import AgeBand, PopulationFigure, Sex

GENDER_SEX = {Gender.WOMAN: Sex.FEMALE, Gender.MAN: Sex.MALE}


@dataclass(frozen=True)
class Cell:
    label: str
    count: int | None  # None: not shown (under THRESHOLD, or hidden with such a group)
    room_share: int | None  # percentage of the group in the room; None when suppressed
    population_share: int | None  # percentage in the population; None when not counted


@dataclass(frozen=True)
class AttendanceFigures:
    total: int
    by_channel: list[tuple[str, int]]
    without_demographics_share: int | None
    genders: list[Cell]
    age_bands: list[Cell]
    population_of: str
    threshold: int = THRESHOLD

    @property
    def make_up(self) -> list[tuple[str, list[Cell]]]:
        return [
            (str(_("The room by gender")), self.genders),
            (str(_("The room by age band")), self.age_bands),
        ]


def _cells(
    counts: dict[str, int], labels: dict[str, str], population: dict[str, int | None]
) -> list[Cell]:
    # A hidden group adding up to 0 would tell that everyone is in the shown ones.
    shown = suppress(counts, hide_zero_sums=True)
    group = sum(counts.values())
    known = sum(value for value in population.values() if value is not None)
    return [
        Cell(
            label=labels[key],
            count=shown[key],
            room_share=None if shown[key] is None else percentage(counts[key], group),
            population_share=None
            if population.get(key) is None
            else percentage(population[key] or 0, known),
        )
        for key in counts
    ]


def attendance_figures(meeting: Meeting) -> AttendanceFigures:
    """Totals by channel and the room's make-up, with a constant number of queries."""
    channels = dict(meeting.attendances.values_list("channel").annotate(n=Count("id")).order_by())
    total = sum(channels.values())
    demographics = list(
        Demographics.objects.filter(resident__meeting_attendances__meeting=meeting).values_list(
            "gender", "age_band"
        )
    )
    genders = Counter(gender for gender, _band in demographics if gender)
    bands = Counter(band for _gender, band in demographics if band)

    neighbourhood = meeting.space.neighbourhood
    figures = PopulationFigure.objects.all()
    if neighbourhood is not None:
        figures = figures.filter(neighbourhood=neighbourhood)
        population_of = neighbourhood.name
    else:
        population_of = str(_("the whole city"))
    by_sex = dict(figures.values_list("sex").annotate(n=Sum("count")).order_by())
    by_band = dict(figures.values_list("age_band").annotate(n=Sum("count")).order_by())

    return AttendanceFigures(
        total=total,
        by_channel=[
            (str(label), channels.get(value, 0)) for value, label in AttendanceChannel.choices
        ],
        without_demographics_share=percentage(total - len(demographics), total),
        genders=_cells(
            {value: genders[value] for value in Gender.values},
            {value: str(label) for value, label in Gender.choices},
            {
                value: by_sex.get(GENDER_SEX[value]) if value in GENDER_SEX else None
                for value in Gender.values
            },
        ),
        age_bands=_cells(
            {value: bands[value] for value in AgeBand.values},
            {value: str(label) for value, label in AgeBand.choices},
            {value: by_band.get(value, 0) for value in AgeBand.values},
        ),
        population_of=population_of,
    )
