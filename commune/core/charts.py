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


# Fills for bars and segments: each has at least 3:1 contrast against white (and white
# text on them at least 4.5:1). Segments side by side also differ by pattern, so the
# chart reads without colour; every figure is printed as text as well.
PALETTE = ("#1d4ed8", "#15803d", "#b91c1c", "#6b21a8", "#9a3412", "#0f766e", "#374151")
PATTERNS = ("solid", "hatch", "dots")


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: float
    text_y: float
    width: float
    value_x: float


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one per row, with the label on the left and the figure at the end."""

    width: int
    height: int
    bar_x: int
    label_x: int
    bar_height: int
    fill: str
    rows: list[Bar]


def horizontal_bars(
    rows: list[tuple[str, int]],
    *,
    width: int = 560,
    row_height: int = 30,
    label_width: int = 190,
    fill: str = PALETTE[0],
) -> BarChart:
    """Lay out (label, value) rows as horizontal bars, from the top, in the given order."""
    room = width - label_width - VALUE_ROOM
    largest = max([value for _, value in rows] + [1])
    bars = []
    for index, (label, value) in enumerate(rows):
        y = index * row_height + 4
        bar_width = round(room * value / largest, 1)
        bars.append(
            Bar(
                label=label,
                value=value,
                y=y,
                text_y=y + (row_height - 8) / 2,
                width=bar_width,
                value_x=round(label_width + bar_width + 6, 1),
            )
        )
    return BarChart(
        width=width,
        height=len(rows) * row_height + 8,
        bar_x=label_width,
        label_x=label_width - 8,
        bar_height=row_height - 8,
        fill=fill,
        rows=bars,
    )


@dataclass(frozen=True)
class Segment:
    label: str
    value: int
    percent: int
    x: float
    width: float
    fill: str
    pattern: str
    legend_y: float
    legend_text_y: float


@dataclass(frozen=True)
class StackedBar:
    """One bar split into parts of a whole, with a legend giving each part's figure."""

    width: int
    height: int
    bar_height: int
    total: int
    segments: list[Segment]
    legend_swatch: int


def stacked_bar(
    parts: list[tuple[str, int]], *, width: int = 560, bar_height: int = 36
) -> StackedBar:
    """Lay out (label, value) parts of a whole, left to right, with a legend below."""
    total = sum(value for _, value in parts)
    segments = []
    x = 0.0
    swatch = 16
    for index, (label, value) in enumerate(parts):
        segment_width = round(width * value / total, 1) if total else 0.0
        legend_y = bar_height + 12 + index * 24
        segments.append(
            Segment(
                label=label,
                value=value,
                percent=(200 * value + total) // (2 * total) if total else 0,
                x=round(x, 1),
                width=segment_width,
                fill=PALETTE[index % len(PALETTE)],
                pattern=PATTERNS[index % len(PATTERNS)],
                legend_y=legend_y,
                legend_text_y=legend_y + swatch / 2,
            )
        )
        x += segment_width
    return StackedBar(
        width=width,
        height=bar_height + 12 + len(parts) * 24,
        bar_height=bar_height,
        total=total,
        segments=segments,
        legend_swatch=swatch,
    )
