"""The results chart: one bar per project for its votes, funded ones plain, others hatched."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from commune.budgets.wording import money
from commune.core.charts import PALETTE

LABEL_WIDTH = 200
LABEL_CHARACTERS = 28
VALUE_ROOM = 170  # room at the end of a bar for "123 votes · 45 000 €"


@dataclass(frozen=True)
class ResultBar:
    label: str
    votes: int
    cost: str
    funded: bool
    y: float
    text_y: float
    width: float
    value_x: float


@dataclass(frozen=True)
class ResultsChart:
    width: int
    height: int
    bar_x: int
    label_x: int
    bar_height: int
    funded_fill: str
    other_fill: str
    legend_y: float
    legend_text_y: float
    rows: list[ResultBar]


def _short(title: str) -> str:
    return title if len(title) <= LABEL_CHARACTERS else title[: LABEL_CHARACTERS - 1] + "…"


def results_chart(
    rows: list[dict[str, Any]], *, unit: str = "votes", width: int = 640, row_height: int = 30
) -> ResultsChart:
    """Lay out the results' rows (most voted first) as horizontal bars of votes or points."""
    room = width - LABEL_WIDTH - VALUE_ROOM
    key = "points" if unit == "points" else "votes"
    largest = max([row[key] for row in rows] + [1])
    bars = []
    for index, row in enumerate(rows):
        y = index * row_height + 4
        bar_width = round(room * row[key] / largest, 1)
        bars.append(
            ResultBar(
                label=_short(row["title"]),
                votes=row[key],
                cost=money(row["cost"]),
                funded=row["funded"],
                y=y,
                text_y=y + (row_height - 8) / 2,
                width=bar_width,
                value_x=round(LABEL_WIDTH + bar_width + 6, 1),
            )
        )
    legend_y = len(rows) * row_height + 12
    return ResultsChart(
        width=width,
        height=legend_y + 24,
        bar_x=LABEL_WIDTH,
        label_x=LABEL_WIDTH - 8,
        bar_height=row_height - 8,
        funded_fill=PALETTE[1],
        other_fill=PALETTE[6],
        legend_y=legend_y,
        legend_text_y=legend_y + 8,
        rows=bars,
    )
