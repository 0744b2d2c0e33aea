"""Small server-rendered SVG charts; each is shown with a text alternative and a data table."""

from __future__ import annotations

from dataclasses import dataclass

LABEL_WIDTH = 110
VALUE_ROOM = 56  # room on each outer side for the figure printed at the end of a bar


@dataclass(frozen=True)
class PyramidRow:
    label: str
    y: float
    label_y: float
    left_x: float
    left_width: float
    left_value: int
    left_value_x: float
    right_x: float
    right_width: float
    right_value: int
    right_value_x: float


@dataclass(frozen=True)
class Pyramid:
    """A population pyramid: women on the left, men on the right, youngest at the bottom."""

    width: int
    height: int
    bar_height: int
    label_x: float
    left_axis: float
    right_axis: float
    legend_y: float
    rows: list[PyramidRow]


def population_pyramid(
    rows: list[tuple[str, int, int]], *, width: int = 560, row_height: int = 34
) -> Pyramid:
    """Lay out (label, left value, right value) rows, given from the youngest band up."""
    half = (width - LABEL_WIDTH) / 2 - VALUE_ROOM
    left_axis = VALUE_ROOM + half
    right_axis = left_axis + LABEL_WIDTH
    largest = max([max(left, right) for _, left, right in rows] + [1])
    laid_out = []
    for index, (label, left, right) in enumerate(reversed(rows)):
        y = index * row_height + 4
        left_width = round(half * left / largest, 1)
        right_width = round(half * right / largest, 1)
        laid_out.append(
            PyramidRow(
                label=label,
                y=y,
                label_y=y + row_height / 2 + 1,
                left_x=round(left_axis - left_width, 1),
                left_width=left_width,
                left_value=left,
                left_value_x=round(left_axis - left_width - 4, 1),
                right_x=right_axis,
                right_width=right_width,
                right_value=right,
                right_value_x=round(right_axis + right_width + 4, 1),
            )
        )
    return Pyramid(
        width=width,
        height=len(rows) * row_height + 30,
        bar_height=row_height - 8,
        label_x=left_axis + LABEL_WIDTH / 2,
        left_axis=left_axis,
        right_axis=right_axis,
        legend_y=len(rows) * row_height + 22,
        rows=laid_out,
    )
