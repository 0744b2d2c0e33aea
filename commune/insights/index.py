"""The representativeness index: 1 − the total variation distance (no Django here).

For one dimension (gender, age band), the participants' distribution p over groups is
compared with the population's q: TVD = ½ Σ |p_k − q_k|, the share of participants who
would have to be "swapped" for the room to look like the population. The index is
1 − TVD: 1 when participants mirror the population, 0 when they share no group with it.
The combined index compares the joint distribution (women and men by age band), which
catches a gap the margins hide (as many women as men overall, but the men all 30 to 44);
it is taken as the lowest of that and the dimensions' indexes, since merging hidden groups
can raise the joint figure above one of them. See docs/representativeness.md.

The index is computed from the *published* figures only: groups hidden by small-cell
suppression are merged into one group (their participants together, and their
populations together), so it cannot reveal a hidden figure. Merging can only raise the
index (TVD never grows when groups are merged), never lower it.
"""

from __future__ import annotations

from collections.abc import Mapping


def total_variation(p: Mapping[str, float], q: Mapping[str, float]) -> float:
    """½ Σ |p_k − q_k| over the groups of either distribution (missing means 0)."""
    keys = set(p) | set(q)
    return sum(abs(p.get(key, 0.0) - q.get(key, 0.0)) for key in keys) / 2


def shares(counts: Mapping[str, int]) -> dict[str, float]:
    total = sum(counts.values())
    if total <= 0:
        return {}
    return {key: count / total for key, count in counts.items()}


HIDDEN = "__hidden__"


def index(
    shown: Mapping[str, int | None],
    hidden_total: int,
    population: Mapping[str, int],
) -> float | None:
    """1 − TVD between participants (as published) and the population, or None.

    `shown` gives each group's published count (None when hidden); `hidden_total` is how
    many participants the hidden groups hold together (public: the table's total minus
    the shown cells). Only groups with a reference in `population` are compared: a
    shown group without one (another gender, not stated) is left out; hidden groups are
    merged with their populations. None when nobody is left to compare.
    """
    participants: dict[str, int] = {}
    reference: dict[str, int] = {}
    hidden_population = 0
    for key, count in shown.items():
        if count is None:
            hidden_population += population.get(key, 0)
        elif key in population:
            participants[key] = count
            reference[key] = population[key]
    if hidden_total:
        participants[HIDDEN] = hidden_total
    if hidden_population:
        reference[HIDDEN] = hidden_population
    for key, count in population.items():
        if key not in shown:
            reference[key] = count
    p, q = shares(participants), shares(reference)
    if not p or not q:
        return None
    return 1 - total_variation(p, q)


def combined(indexes: list[float | None]) -> float | None:
    """The lowest of the indexes that could be computed, or None."""
    known = [value for value in indexes if value is not None]
    return min(known) if known else None
