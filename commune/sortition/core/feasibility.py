"""Why no panel meets the quotas, in plain words: the categories that conflict."""

from __future__ import annotations

from commune.sortition.core.data import Pool, Quotas
from commune.sortition.core.errors import InfeasibleQuotasError
from commune.sortition.core.leximin import feasible
from commune.sortition.core.profiles import group


def explain_infeasibility(
    pool: Pool, quotas: Quotas, panel_size: int
) -> InfeasibleQuotasError | None:
    """None when some panel of `panel_size` from `pool` meets `quotas`, else the reason.

    In order: a value whose minimum exceeds the people who have it; a category whose
    quotas, capped by the pool, cannot fill the panel (or overfill it); otherwise a
    smallest set of categories whose quotas cannot hold together, found by dropping
    categories one at a time while the rest still conflict.
    """
    counts = pool.counts()
    for category in quotas.categories:
        for quota in quotas.of(category):
            have = counts[category].get(quota.value, 0)
            if have < quota.min:
                return InfeasibleQuotasError(
                    [category],
                    f"The quotas ask for at least {quota.min} {_people(quota.min)} with "
                    f"{category} = {quota.value}, but the pool has only {have}.",
                    code="value_short",
                    params={
                        "category": category,
                        "value": quota.value,
                        "min": quota.min,
                        "have": have,
                    },
                )
    for category in quotas.categories:
        items = quotas.of(category)
        reachable = sum(min(q.max, counts[category].get(q.value, 0)) for q in items)
        needed = sum(q.min for q in items)
        if reachable < panel_size:
            values = [
                {
                    "value": q.value,
                    "reachable": min(q.max, counts[category].get(q.value, 0)),
                    "max": q.max,
                    "have": counts[category].get(q.value, 0),
                }
                for q in items
            ]
            detail = "; ".join(
                f"{v['value']}: at most {v['reachable']} (quota max {v['max']}, "
                f"{v['have']} in the pool)"
                for v in values
            )
            return InfeasibleQuotasError(
                [category],
                f"The quotas of {category} can fill at most {reachable} of the "
                f"{panel_size} seats with this pool ({detail}).",
                code="cannot_fill",
                params={
                    "category": category,
                    "reachable": reachable,
                    "panel_size": panel_size,
                    "detail": values,
                },
            )
        if needed > panel_size:
            return InfeasibleQuotasError(
                [category],
                f"The minimums of {category} add up to {needed}, more than the {panel_size} seats.",
                code="mins_above_size",
                params={"category": category, "needed": needed, "panel_size": panel_size},
            )
    if _feasible(pool, quotas, quotas.categories, panel_size):
        return None
    conflict = list(quotas.categories)
    for category in list(conflict):
        rest = [c for c in conflict if c != category]
        if rest and not _feasible(pool, quotas, rest, panel_size):
            conflict = rest
    return _conflict(pool, quotas, conflict, panel_size)


def _feasible(
    pool: Pool, quotas: Quotas, categories: list[str] | tuple[str, ...], size: int
) -> bool:
    profiles = group(pool, quotas, categories)
    return feasible(profiles.counts, profiles.bounds, size)


def _conflict(
    pool: Pool, quotas: Quotas, conflict: list[str], panel_size: int
) -> InfeasibleQuotasError:
    names = _join(conflict)
    ranges = {
        category: [{"value": q.value, "min": q.min, "max": q.max} for q in quotas.of(category)]
        for category in conflict
    }
    lines = [
        f"The quotas of {names} cannot all be met together by a panel of {panel_size} "
        "from this pool, although each category's quotas can be met on their own."
    ]
    for category, items in ranges.items():
        text = ", ".join(f"{q['value']} {q['min']}–{q['max']}" for q in items)
        lines.append(f"Quotas of {category}: {text}.")
    cells: list[dict[str, object]] = []
    if len(conflict) == 2:
        profiles = group(pool, quotas, conflict)
        cells = [
            {"values": list(key), "count": len(ids)}
            for key, ids in zip(profiles.values, profiles.members, strict=True)
        ]
        text = ", ".join(f"{' & '.join(c['values'])}: {c['count']}" for c in cells)  # type: ignore[arg-type]
        lines.append(f"Pool members by {names}: {text}.")
    return InfeasibleQuotasError(
        conflict,
        " ".join(lines),
        code="conflict",
        params={
            "categories": conflict,
            "panel_size": panel_size,
            "ranges": ranges,
            "cells": cells,
        },
    )


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _people(number: int) -> str:
    return "person" if number == 1 else "people"
