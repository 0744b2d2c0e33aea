"""The minutes of each neighbourhood council's past general assembly, for the demo city.

Each past assembly gets its minutes (in French, naming the neighbourhood, the number of
people who came and the pressing issue of the neighbourhood), one or two votes held in
the room, one or two decisions (answering the council's contributions where the demo
has some, with a commitment of the city when one follows naturally) and the minutes as
a small PDF, generated here. Everything goes through the real services of
commune.meetings.minutes; the dates are then moved back to the days after the assembly.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.accountability.models import Decision
from commune.accountability.services import add_commitment
from commune.accounts.models import CityService, Resident
from commune.contributions.models import Contribution
from commune.core.demo.accounts import CITY_SERVICES
from commune.core.demo.meetings import PRESSING_ISSUES
from commune.meetings import minutes
from commune.meetings.models import Meeting, MeetingDocument, MeetingKind, Minutes, RoomVote

Progress = Callable[[str, int, int], None]

AGENT = "agent@demo.commune.fr"

MINUTES_TEXT = """\
**Présent·es :** {attendance} habitant·es (inscrit·es en ligne, venu·es sans inscription et \
signataires de la feuille papier), deux élu·es de quartier et la Direction de la \
participation citoyenne.

### 1. Ouverture
La séance est ouverte à 18 h 40. L'animatrice rappelle les règles du conseil : chacun·e \
peut prendre la parole, les votes se font à main levée et les abstentions ne comptent pas \
dans la majorité.

### 2. Bilan de l'année
La ville présente l'avancement des projets de quartier. Plusieurs habitant·es regrettent \
les délais des travaux et demandent un calendrier publié en ligne.

### 3. {issue_title}
Le débat, très suivi, porte sur **{issue}**. Les habitant·es décrivent la situation \
rue par rue ; les services de la ville notent les points à vérifier.

{contributions}

### 4. Votes et décisions
Les motions mises aux voix et leurs résultats figurent ci-dessous, avec les décisions \
prises par le conseil.

### 5. Clôture
La prochaine assemblée générale aura lieu à l'automne. La séance est levée à 20 h 25.
"""


def tiny_pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing `lines` in Helvetica (Latin-1 text), with a correct xref table."""

    def escape(text: str) -> bytes:
        raw = text.encode("cp1252", errors="replace")
        return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    stream = b"BT /F1 12 Tf 56 780 Td 16 TL " + b"".join(
        b"(" + escape(line) + b") Tj T* " for line in lines
    )
    stream += b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    output += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    output += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(output)


def _contributions_paragraph(contributions: list[Contribution]) -> str:
    if not contributions:
        return (
            "Aucune contribution n'a encore été déposée en ligne pour ce conseil : la ville "
            "invite les habitant·es à le faire sur la plateforme."
        )
    titles = "\n".join(f"- « {contribution.title} »" for contribution in contributions)
    return f"Les contributions déposées sur la plateforme sont présentées :\n\n{titles}"


def load_minutes(today: datetime.date, progress: Progress) -> int:
    """Minutes, votes, decisions and a PDF for every past general assembly; returns how many."""
    agent = Resident.objects.get(email=AGENT)
    service = CityService.objects.get(name=CITY_SERVICES[1])
    assemblies = list(
        Meeting.objects.filter(
            kind=MeetingKind.GENERAL_ASSEMBLY,
            space__kind="neighbourhood_council",
            ends_at__lt=timezone.now(),
        )
        .select_related("space", "space__neighbourhood")
        .order_by("space__neighbourhood__position")
    )
    for index, meeting in enumerate(assemblies):
        _assembly_record(meeting, index, today, agent, service)
        progress(str(_("Minutes")), index + 1, len(assemblies))
    return len(assemblies)


def _assembly_record(
    meeting: Meeting, index: int, today: datetime.date, agent: Resident, service: CityService
) -> None:
    neighbourhood = meeting.space.neighbourhood
    issue = PRESSING_ISSUES.get(neighbourhood.slug, "la vie du quartier")
    contributions = list(
        Contribution.objects.filter(space=meeting.space).order_by("-support_count", "id")[:2]
    )
    day = timezone.localdate(meeting.starts_at)
    attendance = meeting.attendances.count()

    text = MINUTES_TEXT.format(
        attendance=attendance,
        issue=issue,
        issue_title=issue[0].upper() + issue[1:],
        contributions=_contributions_paragraph(contributions),
    )
    minutes.publish_minutes(meeting=meeting, actor=agent, body=text)

    # The first decision answers the council's contributions, with a commitment.
    first = minutes.record_meeting_decision(
        meeting=meeting,
        actor=agent,
        title=f"Le conseil de quartier {neighbourhood.name} demande d'agir sur {issue}",
        body=(
            f"Le conseil de quartier, réuni en assemblée générale, demande à la ville un plan "
            f"d'action sur **{issue}**, présenté à la prochaine assemblée, et un point "
            "d'étape publié sur la plateforme."
        ),
        decided_by=f"Conseil de quartier {neighbourhood.name}, en assemblée générale",
        contributions=contributions,
    )
    add_commitment(
        decision=first,
        title=f"Présenter un plan d'action sur {issue} à l'assemblée d'automne",
        owner_service=service,
        target_date=today + datetime.timedelta(days=30 + index),
        actor=agent,
    )
    minutes.record_vote(
        meeting=meeting,
        actor=agent,
        motion=f"Demander à la ville un plan d'action sur {issue}.",
        votes_for=max(attendance - 6 - index % 4, 3),
        votes_against=2 + index % 3,
        abstentions=3 + index % 2,
        decision=first,
    )

    # A second vote on the neighbourhood's small-projects budget: some councils reject it.
    rejected = index % 3 == 2
    second = None
    if not rejected:
        second = minutes.record_meeting_decision(
            meeting=meeting,
            actor=agent,
            title=f"Priorités de l'enveloppe de quartier {neighbourhood.name}",
            body=(
                "Le conseil retient trois priorités pour l'enveloppe des projets de "
                "quartier : l'ombre et les bancs, l'éclairage des cheminements, les "
                "animations pour les enfants."
            ),
            decided_by=f"Conseil de quartier {neighbourhood.name}, en assemblée générale",
        )
    half = max(attendance // 3, 4)
    minutes.record_vote(
        meeting=meeting,
        actor=agent,
        motion=(
            "Consacrer la moitié de l'enveloppe de quartier à l'ombre et aux bancs, "
            "l'autre moitié à l'éclairage et aux animations."
        ),
        votes_for=half - 1 if rejected else half + 4,
        votes_against=half if rejected else half - 2,
        abstentions=2 + index % 4,
        decision=second,
    )

    pdf = tiny_pdf(
        [
            f"Compte rendu - {meeting.title}",
            f"Le {day.strftime('%d/%m/%Y')}, {meeting.place_name}",
            f"{attendance} personnes presentes.",
            f"Point principal : {issue}.",
            "Le texte complet est publie sur la page de la rencontre.",
        ]
    )
    minutes.attach_document(
        meeting=meeting,
        actor=agent,
        title=f"Compte rendu de l'assemblée générale — {neighbourhood.name}",
        kind="minutes",
        upload=ContentFile(pdf, name="compte-rendu.pdf"),
    )

    # Published in the days after the assembly, not today.
    published = meeting.ends_at + datetime.timedelta(days=4, hours=-6)
    Minutes.objects.filter(meeting=meeting).update(published_at=published)
    RoomVote.objects.filter(meeting=meeting).update(created_at=meeting.ends_at)
    MeetingDocument.objects.filter(meeting=meeting).update(created_at=published)
    Decision.objects.filter(meeting=meeting).update(created_at=meeting.ends_at)
