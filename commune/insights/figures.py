"""Who took part, compared with who lives here: participants, channels and the index.

A *participant* is a distinct person who, in the period and the scope, contributed,
supported, commented, proposed or supported an agenda item, attended a meeting or voted
in a participatory budget: counted once however often they took part. People entered
on paper without an account (a contribution typed in by an agent, a signature on a
meeting's sign-in sheet) are each counted as one participant without demographics.

Demographics come only from `accounts.Demographics`, which exists only with consent.
Every published figure goes through `commune.core.disclosure` first. The activity of a
scope is read in a constant number of queries (one per kind of participation), then
bucketed by period in Python, so the trend costs no more than one period.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from commune.accounts.models import Demographics, Gender, Occupation
from commune.budgets.models import RollChannel, RollEntry
from commune.contributions.models import Channel, Comment, Contribution, Support
from commune.core.disclosure import THRESHOLD, suppress, suppress_table
from commune.insights import index as idx
from commune.insights.periods import Period
from commune.meetings.models import AgendaItem, AgendaSupport, Attendance, Meeting
from commune.spaces.models import Space
from commune.territory.models import AgeBand, Neighbourhood, PopulationFigure, Sex

NOT_STATED = "not_stated"
GENDER_SEX = {Gender.WOMAN.value: Sex.FEMALE.value, Gender.MAN.value: Sex.MALE.value}
# Children under 15 rarely take part on their own: the reference population is 15 and over.
REFERENCE_BANDS = [band.value for band in AgeBand if band != AgeBand.UNDER_15]
CHANNELS = [Channel.ONLINE, Channel.PAPER, Channel.PHONE, Channel.MEETING]


@dataclass(frozen=True)
class Act:
    """One participation: who (a resident, or one person without an account), when, how."""

    who: str
    resident_id: int | None
    day: datetime.date
    channel: str
    assisted: bool = False


def _day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def acts_of_spaces(spaces: Iterable[Space] | object) -> list[Act]:
    """Every participation in these spaces (a queryset or list), in six queries."""
    acts: list[Act] = []
    contributions = Contribution.objects.filter(space__in=spaces).values_list(
        "pk", "author_id", "created_at", "channel", "entered_by_id"
    )
    for pk, author, created, channel, entered_by in contributions:
        who = f"r{author}" if author else f"c{pk}"
        acts.append(Act(who, author, _day(created), channel, entered_by is not None))
    supports = Support.objects.filter(contribution__space__in=spaces)
    for resident, created, helper in supports.values_list(
        "resident_id", "created_at", "assisted_by_id"
    ):
        acts.append(
            Act(f"r{resident}", resident, _day(created), Channel.ONLINE, helper is not None)
        )
    comments = Comment.objects.filter(contribution__space__in=spaces)
    for author, created in comments.values_list("author_id", "created_at"):
        acts.append(Act(f"r{author}", author, _day(created), Channel.ONLINE))
    acts += _meeting_acts({"meeting__space__in": spaces})
    roll = RollEntry.objects.filter(budget__space__in=spaces).values_list(
        "resident_id", "budget__vote_closes_on", "channel", "recorded_by_id"
    )
    for resident, closes_on, channel, recorded_by in roll:
        acts.append(
            Act(
                f"r{resident}",
                resident,
                closes_on,
                Channel.PAPER if channel == RollChannel.PAPER else Channel.ONLINE,
                recorded_by is not None,
            )
        )
    return acts


def _meeting_acts(where: dict[str, object]) -> list[Act]:
    """Attendance (the meeting's day) and agenda items and supports, in three queries."""
    acts = []
    attendances = (
        Attendance.objects.filter(**where, meeting__cancelled_at__isnull=True)
        .values_list("pk", "resident_id", "meeting__starts_at")
        .order_by()
    )
    for pk, resident, starts_at in attendances:
        who = f"r{resident}" if resident else f"a{pk}"
        acts.append(Act(who, resident, _day(starts_at), Channel.MEETING))
    # An agent's help (assisted_by) counts in the "entered by agents" share.
    items = AgendaItem.objects.filter(**where, proposed_by__isnull=False)
    for resident, created, helper in items.values_list(
        "proposed_by_id", "created_at", "assisted_by_id"
    ).order_by():
        acts.append(
            Act(f"r{resident}", resident, _day(created), Channel.ONLINE, helper is not None)
        )
    supports = AgendaSupport.objects.filter(**{f"item__{key}": v for key, v in where.items()})
    for resident, created, helper in supports.values_list(
        "resident_id", "created_at", "assisted_by_id"
    ).order_by():
        acts.append(
            Act(f"r{resident}", resident, _day(created), Channel.ONLINE, helper is not None)
        )
    return acts


def acts_of_meeting(meeting: Meeting) -> list[Act]:
    """Everyone who attended the meeting or took part in its agenda."""
    return _meeting_acts({"meeting": meeting})


def reference_population(neighbourhood: Neighbourhood | None) -> dict[tuple[str, str], int]:
    """(sex, age band) → residents, for the neighbourhood or, without one, the whole city."""
    figures = PopulationFigure.objects.all()
    if neighbourhood is not None:
        figures = figures.filter(neighbourhood=neighbourhood)
    return {
        (sex, band): count
        for sex, band, count in figures.values_list("sex", "age_band")
        .annotate(count=Sum("count"))
        .order_by()
    }


def consented_demographics() -> dict[int, tuple[str, str, str]]:
    """resident id → (gender, age band, occupation) for everyone who consented."""
    return {
        resident: (gender, band, occupation)
        for resident, gender, band, occupation in Demographics.objects.values_list(
            "resident_id", "gender", "age_band", "occupation"
        )
    }


@dataclass(frozen=True)
class Row:
    """One line of a published table: None for a figure that must not be shown."""

    key: str
    label: str
    count: int | None
    share: int | None  # percentage of the participants with demographics
    population_share: int | None  # percentage of the reference population; None: no reference


@dataclass(frozen=True)
class CrossRow:
    label: str
    cells: list[int | None]
    total: int | None


@dataclass(frozen=True)
class MakeUp:
    """The published figures of one scope and period (None: hidden, a small group)."""

    participants: int
    without_demographics: int
    with_demographics: int
    # Women and men by age band (15 and over): the groups the population is counted in.
    cross_columns: list[str]
    cross_rows: list[CrossRow]
    cross_column_totals: list[int | None]
    compared: int | None  # how many are in that table (hidden when `outside` is)
    outside: int | None  # another gender, gender or age not stated, or under 15
    genders: list[Row]
    age_bands: list[Row]
    occupations: list[Row]
    gender_index: float | None
    age_index: float | None
    combined_index: float | None  # over the joint distribution: women and men by age band
    channels: list[tuple[str, int, int | None]]
    acts: int
    assisted: int
    paired: list[tuple[str, int | None, int | None]]
    threshold: int = THRESHOLD

    @property
    def without_demographics_share(self) -> int | None:
        return percentage(self.without_demographics, self.participants)

    @property
    def assisted_share(self) -> int | None:
        return percentage(self.assisted, self.acts)


def percentage(part: int, whole: int) -> int | None:
    if whole <= 0:
        return None
    return (200 * part + whole) // (2 * whole)


def make_up(
    acts: list[Act],
    period: Period | None,
    population: dict[tuple[str, str], int],
    demographics: dict[int, tuple[str, str, str]],
) -> MakeUp:
    """Participants of `acts` in `period` (all of them for None), their make-up, channels.

    Published: the number of participants and of those without demographics (not an
    attribute of anyone); women and men by age band with their margins, suppressed as a
    two-way table; how many fall outside that table (another gender, not stated, under
    15), suppressed with the table's total; occupations, suppressed as one list; the
    index, computed from these published figures only (see commune.insights.index).
    """
    acts = [act for act in acts if period is None or period.contains(act.day)]
    people = {act.who: act.resident_id for act in acts}
    profiles = [demographics[r] for r in people.values() if r is not None and r in demographics]
    with_demographics = len(profiles)

    genders = list(GENDER_SEX)
    cross = Counter((g, b) for g, b, _o in profiles if g in GENDER_SEX and b in REFERENCE_BANDS)
    table = suppress_table(cross, genders, REFERENCE_BANDS)
    outside = suppress(
        {"outside": with_demographics - table.total, "in": table.total}, hide_zero_sums=True
    )
    # The table's own total is public only when what lies outside it is.
    public_total = table.total if outside["outside"] is not None else with_demographics
    gender_labels = dict(Gender.choices)
    band_labels = dict(AgeBand.choices)

    pop_by_gender = {
        gender: sum(population.get((sex, band), 0) for band in REFERENCE_BANDS)
        for gender, sex in GENDER_SEX.items()
    }
    pop_by_band = {
        band: sum(population.get((sex, band), 0) for sex in GENDER_SEX.values())
        for band in REFERENCE_BANDS
    }
    population_total = sum(pop_by_band.values())

    def rows(
        shown: dict[str, int | None], labels: dict[str, str], reference: dict[str, int]
    ) -> list[Row]:
        return [
            Row(
                key=key,
                label=str(labels[key]),
                count=count,
                share=None if count is None else percentage(count, with_demographics),
                population_share=percentage(reference[key], population_total)
                if key in reference
                else None,
            )
            for key, count in shown.items()
        ]

    def hidden_total(shown: Mapping[Any, int | None]) -> int:
        return public_total - sum(count for count in shown.values() if count is not None)

    occupation_counts = Counter(o or NOT_STATED for _g, _b, o in profiles)
    occupation_keys = [o.value for o in Occupation] + [NOT_STATED]
    occupations = suppress(
        {key: occupation_counts[key] for key in occupation_keys}, hide_zero_sums=True
    )
    occupation_labels = dict(Occupation.choices) | {NOT_STATED: _("Not stated")}

    channel_counts = Counter(act.channel for act in acts)
    paired = []
    for gender, sex in GENDER_SEX.items():
        for band in REFERENCE_BANDS:
            count = table.cells[(gender, band)]
            paired.append(
                (
                    _("%(gender)s, %(band)s")
                    % {"gender": gender_labels[gender], "band": band_labels[band]},
                    None if count is None else percentage(count, with_demographics),
                    percentage(population.get((sex, band), 0), population_total),
                )
            )
    gender_index = age_index = joint_index = None
    if with_demographics >= THRESHOLD:
        gender_index = idx.index(table.row_totals, hidden_total(table.row_totals), pop_by_gender)
        age_index = idx.index(table.column_totals, hidden_total(table.column_totals), pop_by_band)
        joint_index = idx.index(
            {f"{g}|{b}": count for (g, b), count in table.cells.items()},
            hidden_total(table.cells),
            {
                f"{g}|{b}": population.get((s, b), 0)
                for g, s in GENDER_SEX.items()
                for b in REFERENCE_BANDS
            },
        )
    return MakeUp(
        participants=len(people),
        without_demographics=len(people) - with_demographics,
        with_demographics=with_demographics,
        cross_columns=[str(band_labels[band]) for band in REFERENCE_BANDS],
        cross_rows=[
            CrossRow(
                label=str(gender_labels[gender]),
                cells=[table.cells[(gender, band)] for band in REFERENCE_BANDS],
                total=table.row_totals[gender],
            )
            for gender in genders
        ],
        cross_column_totals=[table.column_totals[band] for band in REFERENCE_BANDS],
        compared=outside["in"],
        outside=outside["outside"],
        genders=rows(table.row_totals, gender_labels, pop_by_gender),
        age_bands=rows(table.column_totals, band_labels, pop_by_band),
        occupations=rows(occupations, occupation_labels, {}),
        gender_index=gender_index,
        age_index=age_index,
        combined_index=idx.combined([joint_index, gender_index, age_index]),
        channels=[
            (
                str(channel.label),
                channel_counts[channel],
                percentage(channel_counts[channel], len(acts)),
            )
            for channel in CHANNELS
        ],
        acts=len(acts),
        assisted=sum(1 for act in acts if act.assisted),
        paired=paired,
    )
