"""The demo spaces: neighbourhood councils, processes and working groups, in French."""

from __future__ import annotations

from dataclasses import dataclass, field

from commune.core.demo.territory import DemoNeighbourhood
from commune.spaces.models import Component, PowerLevel, SpaceKind


@dataclass(frozen=True)
class DemoPhase:
    title: str
    description: str
    # Days from the day of loading, so the demo always has a current phase.
    starts: int
    ends: int


@dataclass(frozen=True)
class DemoSpace:
    kind: SpaceKind
    title: str
    slug: str
    summary: str
    power_level: PowerLevel
    who_may_take_part: str
    stakes: str
    city_commitment: str
    components: tuple[Component, ...]
    opens: int
    closes: int | None = None
    description: str = ""
    answer_delay_days: int = 30
    neighbourhood_slug: str = ""
    phases: tuple[DemoPhase, ...] = field(default_factory=tuple)


COUNCIL_COMPONENTS = (Component.CONTRIBUTIONS, Component.MEETINGS, Component.DOCUMENTS)
# Councils are permanent; they opened with the current term of office.
COUNCILS_OPENED = -2 * 365

CITY_WIDE_PARTICIPANTS = (
    "Toute personne qui habite Nantes et a 16 ans ou plus, quelle que soit sa nationalité. "
    "Aucune inscription n'est nécessaire pour assister aux séances ; un compte confirmé "
    "par e-mail suffit pour contribuer en ligne, et les contributions sur papier déposées "
    "en mairie annexe comptent de la même façon."
)
STANDARD_COMMITMENT = (
    "La ville répond publiquement à chaque contribution dans un délai de 30 jours : "
    "ce qu'elle retient, ce qu'elle écarte et pourquoi. Chaque année, l'élu·e référent·e "
    "présente en séance publique le bilan des suites données aux propositions."
)


def neighbourhood_council(neighbourhood: DemoNeighbourhood) -> DemoSpace:
    """The council of a neighbourhood, with the same rules of the game everywhere."""
    name = neighbourhood.name
    return DemoSpace(
        kind=SpaceKind.NEIGHBOURHOOD_COUNCIL,
        title=f"Conseil de quartier {name}",
        slug=f"conseil-de-quartier-{neighbourhood.slug}",
        summary=(
            f"L'instance ouverte à tous les habitants du quartier {name} pour proposer, "
            "débattre et suivre les projets du quartier."
        ),
        power_level=PowerLevel.CONCERTATION,
        who_may_take_part=(
            f"Toute personne qui habite le quartier {name} et a 16 ans ou plus, quelle que "
            "soit sa nationalité. Aucune inscription n'est nécessaire pour venir aux "
            "assemblées ; un compte confirmé par e-mail suffit pour contribuer en ligne."
        ),
        stakes=(
            "Les projets d'aménagement du quartier (rues, places, parcs, équipements), "
            "l'enveloppe annuelle des projets de quartier et les priorités de l'action "
            "municipale dans le quartier, discutées avec l'adjoint·e de quartier."
        ),
        city_commitment=STANDARD_COMMITMENT,
        components=COUNCIL_COMPONENTS,
        opens=COUNCILS_OPENED,
        neighbourhood_slug=neighbourhood.slug,
        description=(
            "Le conseil se réunit en assemblée générale deux fois par an, au printemps et "
            "à l'automne, dans un lieu accessible du quartier (accueil des enfants et "
            "interprétariat en langue des signes sur demande). Entre deux assemblées, des "
            "ateliers ouverts travaillent sur les sujets choisis par les habitants."
        ),
    )


def thematic_council(
    title: str, slug: str, summary: str, stakes: str, **extra: object
) -> DemoSpace:
    """A permanent city-wide council on one theme."""
    fields: dict[str, object] = {
        "kind": SpaceKind.THEMATIC_COUNCIL,
        "title": title,
        "slug": slug,
        "summary": summary,
        "stakes": stakes,
        "power_level": PowerLevel.CONCERTATION,
        "who_may_take_part": CITY_WIDE_PARTICIPANTS,
        "city_commitment": STANDARD_COMMITMENT,
        "components": COUNCIL_COMPONENTS,
        "opens": COUNCILS_OPENED,
    }
    return DemoSpace(**(fields | extra))  # type: ignore[arg-type]
