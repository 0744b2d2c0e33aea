"""Statistical disclosure control for the make-up of a meeting's room (no Django here).

A cell (how many attendees of one gender, or of one age band) below THRESHOLD people is
never shown, only "fewer than THRESHOLD": a handful of people in a room can be
recognised. Primary suppression alone is not enough when the group's total is known
(it is: the attendees who gave their demographics): with exactly one hidden cell, the
total minus the shown cells gives it back. So a second cell, the smallest one still
shown, is hidden too (secondary suppression).
"""

from __future__ import annotations

from collections.abc import Mapping

THRESHOLD = 10


def suppress(counts: Mapping[str, int], threshold: int = THRESHOLD) -> dict[str, int | None]:
    """The counts with every cell that must not be shown replaced by None.

    Cells below `threshold` (zero included: "nobody" is a small number too) are hidden.
    When that hides exactly one cell of a group of several, the smallest other cell is
    hidden as well (the first in order on a tie), so no hidden cell can be recovered by
    subtracting the shown ones from the total.
    """
    if any(count < 0 for count in counts.values()):
        raise ValueError("Counts cannot be negative.")
    hidden = {key for key, count in counts.items() if count < threshold}
    if len(hidden) == 1 and len(counts) > 1:
        shown = [key for key in counts if key not in hidden]
        hidden.add(min(shown, key=lambda key: counts[key]))
    return {key: None if key in hidden else count for key, count in counts.items()}
