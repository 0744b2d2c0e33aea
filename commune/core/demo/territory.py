"""Nantes and its 11 neighbourhoods, with plausible (not census) population figures."""

from __future__ import annotations

from typing import NamedTuple

from commune.territory.models import AgeBand, Sex

CITY = {
    "name": "Nantes",
    "slug": "nantes",
    "description": (
        "Ville de la Loire et de l'Erdre, Nantes compte onze quartiers, chacun doté d'un "
        "conseil de quartier ouvert à tous ses habitants."
    ),
}

POPULATION_SOURCE = (
    "Chiffres plausibles de démonstration, arrondis à la dizaine : "
    "ce ne sont pas des données du recensement (Insee)."
)

# Share of each age band (AgeBand order) in the neighbourhood's population: a student
# centre, young families in the large housing estates, older residents in the south.
PROFILES: dict[str, tuple[float, ...]] = {
    "student": (0.11, 0.36, 0.20, 0.14, 0.12, 0.07),
    "family": (0.22, 0.20, 0.21, 0.17, 0.13, 0.07),
    "balanced": (0.16, 0.24, 0.21, 0.17, 0.14, 0.08),
    "older": (0.15, 0.18, 0.19, 0.19, 0.18, 0.11),
    "young_active": (0.15, 0.28, 0.26, 0.15, 0.11, 0.05),
}
# Women outnumber men more and more with age, as in every French city.
WOMEN_SHARE = (0.49, 0.51, 0.51, 0.52, 0.54, 0.62)


class DemoNeighbourhood(NamedTuple):
    name: str
    slug: str
    population: int
    profile: str
    description: str


NEIGHBOURHOODS = [
    DemoNeighbourhood(
        "Centre-ville",
        "centre-ville",
        42_000,
        "student",
        "Le cœur historique, du château des ducs de Bretagne à Graslin et au cours Cambronne.",
    ),
    DemoNeighbourhood(
        "Bellevue – Chantenay – Sainte-Anne",
        "bellevue-chantenay-sainte-anne",
        33_500,
        "family",
        "L'ouest de la ville, des coteaux de Sainte-Anne au Bas-Chantenay et à Bellevue.",
    ),
    DemoNeighbourhood(
        "Dervallières – Zola",
        "dervallieres-zola",
        21_500,
        "family",
        "Du parc des Dervallières à la place Émile-Zola, un grand ensemble en renouvellement.",
    ),
    DemoNeighbourhood(
        "Hauts-Pavés – Saint-Félix",
        "hauts-paves-saint-felix",
        31_000,
        "balanced",
        "De la route de Rennes au canal Saint-Félix, maisons nantaises, écoles et lycées.",
    ),
    DemoNeighbourhood(
        "Breil – Barberie",
        "breil-barberie",
        21_000,
        "older",
        "Le Breil, la Barberie et le parc de Procé : un quartier vert et familial.",
    ),
    DemoNeighbourhood(
        "Nantes Nord",
        "nantes-nord",
        25_500,
        "family",
        "Du Petit-Port à la Boissière et au Bout-des-Landes, entre l'Erdre et le Cens.",
    ),
    DemoNeighbourhood(
        "Nantes Erdre",
        "nantes-erdre",
        33_000,
        "balanced",
        "La rive gauche de l'Erdre, de Saint-Joseph-de-Porterie à la Beaujoire et au Ranzay.",
    ),
    DemoNeighbourhood(
        "Doulon – Bottière",
        "doulon-bottiere",
        34_500,
        "balanced",
        "De l'ancien bourg de Doulon à la Bottière et au Pin-Sec, le long de la ligne 1.",
    ),
    DemoNeighbourhood(
        "Malakoff – Saint-Donatien",
        "malakoff-saint-donatien",
        34_000,
        "family",
        "De Saint-Donatien au Jardin des plantes et au grand ensemble de Malakoff.",
    ),
    DemoNeighbourhood(
        "Île de Nantes",
        "ile-de-nantes",
        22_000,
        "young_active",
        "L'île de la Loire, des anciens chantiers navals aux nouveaux quartiers.",
    ),
    DemoNeighbourhood(
        "Nantes Sud",
        "nantes-sud",
        22_000,
        "older",
        "Au sud de la Loire : Saint-Jacques, Pirmil, le Clos-Toreau et Sèvre.",
    ),
]


def population_cells(neighbourhood: DemoNeighbourhood) -> list[tuple[Sex, AgeBand, int]]:
    """The 12 cells (sex × age band) of a neighbourhood, rounded to the nearest ten."""
    cells = []
    shares = PROFILES[neighbourhood.profile]
    for band, share, women in zip(AgeBand, shares, WOMEN_SHARE, strict=True):
        in_band = neighbourhood.population * share
        cells.append((Sex.FEMALE, band, round(in_band * women / 10) * 10))
        cells.append((Sex.MALE, band, round(in_band * (1 - women) / 10) * 10))
    return cells
