"""Demo for the participation figures: Doulon – Bottière's workshops draw men of 30 to 44.

Three workshops of the neighbourhood council, over the past months, are attended mostly by
the same profile (men of 30 to 44, managers), a few women and older residents, and some
people who signed the paper sheet without an account: the neighbourhood's figures and
its representativeness index show the gap (the *entre-soi* issue 7 talks about), and the
trend shows it narrowing a little after the council tried a Saturday-morning session.
All these residents are demo accounts without a password; their demographics are given
"with consent" as a real resident would on their profile.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.accounts.models import Demographics, Gender, Occupation, Resident, Verification
from commune.meetings.models import Attendance, Meeting, MeetingKind
from commune.meetings.services import record_attendance
from commune.spaces.models import Space
from commune.territory.models import AgeBand

Progress = Callable[[str, int, int], None]

NEIGHBOURHOOD = "doulon-bottiere"
AGENT = "agent@demo.commune.fr"
# (gender, age band, occupation, how many): the workshops' regulars.
REGULARS = [
    (Gender.MAN, AgeBand.FROM_30, Occupation.MANAGER, 16),
    (Gender.MAN, AgeBand.FROM_30, Occupation.INTERMEDIATE, 8),
    (Gender.MAN, AgeBand.FROM_45, Occupation.MANAGER, 10),
    (Gender.WOMAN, AgeBand.FROM_30, Occupation.INTERMEDIATE, 10),
    (Gender.WOMAN, AgeBand.FROM_45, Occupation.EMPLOYEE, 4),
    (Gender.MAN, AgeBand.FROM_15, Occupation.STUDENT, 3),
]
# Who came to the Saturday-morning workshop besides some regulars.
NEWCOMERS = [
    (Gender.WOMAN, AgeBand.FROM_60, Occupation.RETIRED, 10),
    (Gender.WOMAN, AgeBand.FROM_75, Occupation.RETIRED, 4),
    (Gender.WOMAN, AgeBand.FROM_15, Occupation.EMPLOYEE, 4),
    (Gender.MAN, AgeBand.FROM_60, Occupation.MANUAL_WORKER, 2),
]
FIRST_NAMES = ["Antoine", "Baptiste", "Cédric", "Damien", "Erwan", "Florian", "Guillaume"]
# (days ago, title, time of day, regulars who came, newcomers who came, paper sign-ins)
WORKSHOPS = [
    (400, "Atelier : réaménager la place de la Bottière", 19, 51, 0, 3),
    (200, "Atelier : les cheminements vers le tramway", 19, 48, 0, 4),
    (40, "Atelier du samedi matin : le marché de la Bottière", 10, 34, 20, 6),
]


def _people(crowd: list[tuple[str, str, str, int]], prefix: str) -> list[Resident]:
    residents = []
    profiles = []
    for gender, band, occupation, count in crowd:
        for _n in range(count):
            number = len(residents) + 1
            resident = Resident.objects.create_user(
                f"demo.{NEIGHBOURHOOD}.{prefix}{number:02d}@demo.commune.fr",
                None,
                display_name=f"{FIRST_NAMES[number % len(FIRST_NAMES)]} {prefix.upper()}.",
                verification=Verification.EMAIL,
            )
            residents.append(resident)
            profiles.append((resident, gender, band, occupation))
    now = timezone.now()
    Demographics.objects.bulk_create(
        Demographics(
            resident=resident, gender=gender, age_band=band, occupation=job, consented_at=now
        )
        for resident, gender, band, job in profiles
    )
    return residents


def load_insights(today: datetime.date, progress: Progress) -> int:
    """The three workshops and their attendance; returns how many workshops."""
    space = Space.objects.select_related("neighbourhood").get(
        kind="neighbourhood_council", neighbourhood__slug=NEIGHBOURHOOD
    )
    regulars = _people(REGULARS, "r")
    newcomers = _people(NEWCOMERS, "n")
    Resident.objects.filter(pk__in=[r.pk for r in regulars + newcomers]).update(
        neighbourhood=space.neighbourhood
    )
    agent = Resident.objects.get(email=AGENT)
    for number, (days_ago, title, hour, regular, new, paper) in enumerate(WORKSHOPS, start=1):
        day = today - datetime.timedelta(days=days_ago)
        starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
        meeting = Meeting(
            space=space,
            kind=MeetingKind.WORKSHOP,
            title=title,
            description=(
                "Un atelier ouvert à tous les habitants du quartier, avec les services de "
                "la ville, pour préparer des propositions au conseil de quartier."
            ),
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=2),
            place_name="Maison de quartier de la Bottière",
            address="147 route de Sainte-Luce, 44300 Nantes",
            step_free_access=True,
            childcare=hour == 10,
        )
        meeting.full_clean()
        meeting.save()
        record_attendance(
            meeting=meeting,
            agent=agent,
            residents=regulars[:regular] + newcomers[:new],
            paper_count=paper,
        )
        Attendance.objects.filter(meeting=meeting).update(
            created_at=starts_at + datetime.timedelta(hours=3)
        )
        progress(str(_("Workshops")), number, len(WORKSHOPS))
    return len(WORKSHOPS)
