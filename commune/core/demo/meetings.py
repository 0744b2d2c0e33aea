"""The demo meetings: each neighbourhood council's assemblies and a working group.

For each council: a general assembly about two months ago, with its attendance
(registered online, walk-ins, paper sign-ins), an upcoming one taking registrations, and
a working-group session on the neighbourhood's pressing issue, with varied access
information. Nantes Nord has enough demo residents who shared their demographics for the
room's make-up to show some groups and hide others; its next assembly is nearly full,
with a waiting list.

Registrations and attendance go through the real services (register, record_attendance),
which only take registrations before a meeting and attendance after it has started; the
past assembly is therefore created ahead, registered to, then moved back with
queryset.update(), like the contributions' dates.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.accounts.models import Demographics, Gender, Occupation, Resident, Verification
from commune.meetings.models import Attendance, Meeting, MeetingKind, Registration
from commune.meetings.services import (
    add_fixed_item,
    propose_item,
    record_attendance,
    register,
    toggle_item_support,
)
from commune.spaces.models import Space
from commune.territory.models import AgeBand, Neighbourhood

Progress = Callable[[str, int, int], None]

AGENT = "agent@demo.commune.fr"
BUSY = "nantes-nord"  # the council whose assemblies draw a crowd
BUSY_CAPACITY = 30

PRESSING_ISSUES = {
    "centre-ville": "le bruit des terrasses la nuit",
    "bellevue-chantenay-sainte-anne": "la sécurité sur le chemin des écoles",
    "dervallieres-zola": "l'entretien des ascenseurs des immeubles",
    "hauts-paves-saint-felix": "la circulation rue de Rennes",
    "breil-barberie": "les bancs et l'ombre au parc du Breil",
    "nantes-nord": "la fermeture du bureau de poste du Ranzay",
    "nantes-erdre": "les berges de l'Erdre inondées",
    "doulon-bottiere": "le devenir du marché de la Bottière",
    "malakoff-saint-donatien": "les déchets autour des points d'apport",
    "ile-de-nantes": "la place des piétons sur les quais",
    "nantes-sud": "les horaires des bus le dimanche",
}
INTERPRETING = {"nantes-nord": "arabe, tamazight", "bellevue-chantenay-sainte-anne": "turc"}
FIRST_NAMES = [
    "Amina", "Bernard", "Chloé", "Djibril", "Élodie", "Fabrice", "Gaëlle", "Hamid",
    "Inès", "Jacques", "Karima", "Louis", "Mariam", "Nicolas", "Odile", "Paul",
    "Rachida", "Samuel", "Thi", "Ulysse", "Valérie", "William", "Yasmine", "Zoé",
]  # fmt: skip
OCCUPATIONS = [
    Occupation.EMPLOYEE,
    Occupation.RETIRED,
    Occupation.STUDENT,
    Occupation.INTERMEDIATE,
    Occupation.MANUAL_WORKER,
    Occupation.MANAGER,
]
# The Nantes Nord crowd: (gender, age band, how many). Some groups of ten or more are
# shown, smaller ones are hidden (and the next-smallest with them).
BUSY_CROWD = [
    (Gender.WOMAN, AgeBand.FROM_15, 6),
    (Gender.MAN, AgeBand.FROM_15, 5),
    (Gender.WOMAN, AgeBand.FROM_30, 8),
    (Gender.MAN, AgeBand.FROM_30, 4),
    (Gender.WOMAN, AgeBand.FROM_45, 5),
    (Gender.MAN, AgeBand.FROM_45, 3),
    (Gender.WOMAN, AgeBand.FROM_60, 6),
    (Gender.MAN, AgeBand.FROM_60, 4),
    (Gender.OTHER, AgeBand.FROM_30, 2),
    (Gender.WOMAN, AgeBand.FROM_75, 2),
]
SMALL_CROWD = [
    (Gender.WOMAN, AgeBand.FROM_30, 2),
    (Gender.MAN, AgeBand.FROM_45, 2),
    (Gender.WOMAN, AgeBand.FROM_60, 1),
    (Gender.MAN, AgeBand.FROM_75, 1),
]


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _crowd(neighbourhood: Neighbourhood, index: int) -> list[Resident]:
    """Demo residents of the neighbourhood who shared their demographics (no password)."""
    crowd = BUSY_CROWD if neighbourhood.slug == BUSY else SMALL_CROWD
    residents = []
    for gender, band, count in crowd:
        for _n in range(count):
            number = len(residents) + 1
            first = FIRST_NAMES[(number + index * 5) % len(FIRST_NAMES)]
            resident = Resident.objects.create_user(
                f"demo.{neighbourhood.slug}.{number:02d}@demo.commune.fr",
                None,
                display_name=f"{first} {neighbourhood.name[0]}.",
                neighbourhood=neighbourhood,
                verification=Verification.EMAIL,
            )
            residents.append((resident, gender, band))
    now = timezone.now()
    Demographics.objects.bulk_create(
        Demographics(
            resident=resident,
            gender=gender,
            age_band=band,
            occupation=OCCUPATIONS[number % len(OCCUPATIONS)],
            consented_at=now,
        )
        for number, (resident, gender, band) in enumerate(residents)
    )
    locals_ = list(Resident.objects.filter(neighbourhood=neighbourhood, role="resident"))
    known = {resident.pk for resident, _g, _b in residents}
    return [resident for resident, _g, _b in residents] + [
        resident for resident in locals_ if resident.pk not in known
    ]


def _meeting(space: Space, index: int, **fields: object) -> Meeting:
    neighbourhood = space.neighbourhood
    meeting = Meeting(
        space=space,
        place_name=f"Maison de quartier {neighbourhood.name}",
        address=f"{10 + index} place du Marché, 44000 Nantes",
        step_free_access=index % 5 != 3,
        hearing_loop=index % 3 == 0,
        childcare=index % 2 == 0,
        sign_language=index % 4 == 1,
        other_language_interpreting=INTERPRETING.get(neighbourhood.slug, ""),
        **fields,
    )
    meeting.full_clean()
    meeting.save()
    return meeting


def _agenda(
    meeting: Meeting, neighbourhood: Neighbourhood, crowd: list[Resident], agent: Resident
) -> None:
    """The next assembly's agenda: the city's budget item, and residents' items supported."""
    add_fixed_item(
        meeting=meeting,
        agent=agent,
        title="Budget du quartier pour l'an prochain",
        description="Présentation par la ville de l'enveloppe et des projets déjà engagés.",
    )
    proposals = [
        (f"Faire le point sur {PRESSING_ISSUES[neighbourhood.slug]}", 5),
        ("Plus de bancs et de fontaines à eau dans le quartier", 3),
        ("Organiser une fête de quartier au printemps", 1),
    ]
    for position, (title, supports) in enumerate(proposals):
        item = propose_item(meeting=meeting, resident=crowd[position], title=title, description="")
        for resident in crowd[position + 1 : position + 1 + supports]:
            toggle_item_support(item=item, resident=resident, supported=True)


def load_meetings(today: datetime.date, progress: Progress) -> int:
    """Three meetings per neighbourhood council; returns how many were created."""
    agent = Resident.objects.get(email=AGENT)
    councils = list(
        Space.objects.filter(kind="neighbourhood_council")
        .select_related("neighbourhood")
        .order_by("neighbourhood__position")
    )
    for index, space in enumerate(councils):
        _council_meetings(space, index, today, agent)
        progress(str(_("Meetings")), index + 1, len(councils))
    return 3 * len(councils)


def _council_meetings(space: Space, index: int, today: datetime.date, agent: Resident) -> None:
    neighbourhood = space.neighbourhood
    busy = neighbourhood.slug == BUSY
    crowd = _crowd(neighbourhood, index)
    now = timezone.now()

    # The past assembly: registered to while upcoming, then held about two months ago.
    past_day = today - datetime.timedelta(days=58 + index)
    past = _meeting(
        space,
        index,
        kind=MeetingKind.GENERAL_ASSEMBLY,
        title=f"Assemblée générale de printemps — {neighbourhood.name}",
        description=(
            "Bilan des projets de l'année, présentation de l'enveloppe des projets de "
            "quartier et vote des priorités."
        ),
        starts_at=now + datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=1, hours=2),
        registration_required=True,
    )
    walk_ins = len(crowd) // 4
    for resident in crowd[walk_ins:]:
        register(meeting=past, resident=resident)
    Meeting.objects.filter(pk=past.pk).update(
        starts_at=_at(past_day, 18, 30), ends_at=_at(past_day, 20, 30)
    )
    past.refresh_from_db()
    record_attendance(
        meeting=past,
        agent=agent,
        residents=crowd,
        paper_count=14 if busy else 5 + index % 4,
        paper_names=["Josiane Le Goff", "M. Traoré"] if busy else ["Mme Bernard"],
    )
    for position, registration in enumerate(past.registrations.order_by("id")):
        Registration.objects.filter(pk=registration.pk).update(
            created_at=_at(past_day - datetime.timedelta(days=20 - position % 15), 9)
        )
    Attendance.objects.filter(meeting=past).update(created_at=_at(past_day, 21))

    # The next assembly, in three to six weeks, taking registrations.
    next_day = today + datetime.timedelta(days=22 + 2 * index)
    upcoming = _meeting(
        space,
        index,
        kind=MeetingKind.GENERAL_ASSEMBLY,
        title=f"Assemblée générale d'automne — {neighbourhood.name}",
        description=(
            "Suites données aux propositions du printemps, budget du quartier pour "
            "l'an prochain et élection des habitant·es au bureau du conseil."
        ),
        starts_at=_at(next_day, 18, 30),
        ends_at=_at(next_day, 21),
        registration_required=True,
        capacity=BUSY_CAPACITY if busy else 80,
        agenda_cutoff=_at(next_day - datetime.timedelta(days=3), 23, 59),
    )
    coming = crowd[: BUSY_CAPACITY + 3] if busy else crowd[:3]
    for position, resident in enumerate(coming):
        registration = register(meeting=upcoming, resident=resident)
        Registration.objects.filter(pk=registration.pk).update(
            created_at=now - datetime.timedelta(days=10, minutes=-position)
        )

    _agenda(upcoming, neighbourhood, crowd, agent)

    # A working group on the neighbourhood's pressing issue, open to all.
    group_day = today + datetime.timedelta(days=8 + index)
    _meeting(
        space,
        index + 1,
        kind=MeetingKind.WORKING_GROUP,
        title=f"Groupe de travail : {PRESSING_ISSUES[neighbourhood.slug]}",
        description=(
            "Une séance ouverte pour faire le point avec les services de la ville et "
            "préparer des propositions pour l'assemblée générale."
        ),
        starts_at=_at(group_day, 18),
        ends_at=_at(group_day, 20),
    )
