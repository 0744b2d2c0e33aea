"""Pool members grouped by profile (their tuple of category values), quotas over profiles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from commune.sortition.core.data import Pool, Quotas
from commune.sortition.core.leximin import Bound


@dataclass(frozen=True)
class Profiles:
    """Profiles in sorted order, each with its members' ids (sorted) and the quota bounds."""

    categories: tuple[str, ...]
    values: tuple[tuple[str, ...], ...]
    members: tuple[tuple[str, ...], ...]
    bounds: tuple[Bound, ...]

    @property
    def counts(self) -> tuple[int, ...]:
        return tuple(len(ids) for ids in self.members)


def group(pool: Pool, quotas: Quotas, categories: Sequence[str] | None = None) -> Profiles:
    """Group the pool by its values in `categories` (all quota categories by default).

    Profiles are sorted by their values and members by id (as strings), so the result
    does not depend on the order of the pool file.
    """
    chosen = tuple(categories if categories is not None else pool.categories)
    positions = [pool.categories.index(category) for category in chosen]
    by_profile: dict[tuple[str, ...], list[str]] = {}
    for person in pool.people:
        key = tuple(person.values[at] for at in positions)
        by_profile.setdefault(key, []).append(person.id)
    values = tuple(sorted(by_profile))
    members = tuple(tuple(sorted(by_profile[key])) for key in values)
    bounds = []
    for index, category in enumerate(chosen):
        for quota in quotas.of(category):
            inside = tuple(t for t, key in enumerate(values) if key[index] == quota.value)
            bounds.append(Bound(quota.min, quota.max, inside))
    return Profiles(chosen, values, members, tuple(bounds))
