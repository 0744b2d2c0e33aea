"""A paired bar chart: for each group, its share of participants next to its share of the
population (server-rendered SVG; the page shows the same figures in a table)."""

from __future__ import annotations

from dataclasses import dataclass

PARTICIPANTS_FILL = "#1d4ed8"  # ≥ 3:1 against white, as commune.core.charts.PALETTE
POPULATION_FILL = "#374151"


@dataclass(frozen=True)
class PairedRow:
    label: str
    label_y: float
    participants: int | None  # a percentage; None when the group is hidden (small)
    participants_y: float
    participants_width: float
    population: int | None
    population_y: float
    population_width: float


@dataclass(frozen=True)
class PairedBars:
    width: int
    height: int
    bar_x: int
    label_x: int
    bar_height: int
    legend_y: float
    rows: list[PairedRow]
    participants_fill: str = PARTICIPANTS_FILL
    population_fill: str = POPULATION_FILL


def paired_bars(
    rows: list[tuple[str, int | None, int | None]],
    *,
    width: int = 560,
    label_width: int = 170,
    bar_height: int = 12,
) -> PairedBars:
    """Lay out (label, participants %, population %) rows: two thin bars per group."""
    room = width - label_width - 60
    largest = max([value or 0 for _label, a, b in rows for value in (a, b)] + [1])
    row_height = 2 * bar_height + 12
    laid_out = []
    for number, (label, participants, population) in enumerate(rows):
        y = number * row_height + 4
        laid_out.append(
            PairedRow(
                label=label,
                label_y=y + bar_height + 1,
                participants=participants,
                participants_y=y,
                participants_width=round(room * (participants or 0) / largest, 1),
                population=population,
                population_y=y + bar_height + 2,
                population_width=round(room * (population or 0) / largest, 1),
            )
        )
    return PairedBars(
        width=width,
        height=len(rows) * row_height + 34,
        bar_x=label_width,
        label_x=label_width - 8,
        bar_height=bar_height,
        legend_y=len(rows) * row_height + 12,
        rows=laid_out,
    )
