"""The pool and the quotas: reading them from CSV files or records, and checking them."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from commune.sortition.core.errors import InputError, Problem

# Id columns recognised in a pool file, compared without case. Without any of them the
# ids are the data row numbers: "1" for the first person, "2" for the second…
ID_COLUMNS = ("id", "unique_id", "nationbuilder_id")


@dataclass(frozen=True)
class Quota:
    """How many panel members may have `value` in `category`: at least `min`, at most `max`."""

    category: str
    value: str
    min: int
    max: int
    line: int = 0


@dataclass(frozen=True)
class Quotas:
    """Every quota of a draw, in the order of the file; categories in order of first use."""

    source: str
    items: tuple[Quota, ...]

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(quota.category for quota in self.items))

    def of(self, category: str) -> tuple[Quota, ...]:
        return tuple(quota for quota in self.items if quota.category == category)

    def get(self, category: str, value: str) -> Quota | None:
        for quota in self.items:
            if quota.category == category and quota.value == value:
                return quota
        return None


@dataclass(frozen=True)
class Person:
    """A pool member: an id and one value per quota category (in `Quotas.categories` order)."""

    id: str
    values: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True)
class Pool:
    """The people a panel is drawn from; only the quota categories are kept."""

    source: str
    categories: tuple[str, ...]
    people: tuple[Person, ...]

    def __len__(self) -> int:
        return len(self.people)

    def counts(self) -> dict[str, dict[str, int]]:
        """Pool size per category value: what the city publishes before the draw."""
        result: dict[str, dict[str, int]] = {}
        for index, category in enumerate(self.categories):
            counter = Counter(person.values[index] for person in self.people)
            result[category] = dict(sorted(counter.items()))
        return result

    def without(self, ids: Iterable[str]) -> Pool:
        """The same pool minus some people (the reserve list is drawn from what is left)."""
        excluded = set(ids)
        kept = tuple(person for person in self.people if person.id not in excluded)
        return Pool(source=self.source, categories=self.categories, people=kept)


# --- quotas --------------------------------------------------------------------------


def read_quotas(source: str | Path | TextIO, *, name: str | None = None) -> Quotas:
    """Read QUOTAS.csv: `category,value,min,max`.

    Also accepted, without regard to case: `feature,value,…` (sortition-algorithms),
    `category,feature,…` (Flanigan et al.) and `category,name,…` (OpenDLP). Other
    columns are ignored. Raises `InputError` listing every bad line.
    """
    label, rows = _read_csv(source, name)
    if not rows:
        raise InputError([Problem(label, (), "empty", "the file is empty.")])
    header = [cell.strip().lower() for cell in rows[0]]
    columns = _quota_columns(header)
    if isinstance(columns, str):
        raise InputError([Problem(label, (1,), "missing_columns", columns)])
    category_at, value_at, min_at, max_at = columns
    entries = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = [_cell(row, at) for at in (category_at, value_at, min_at, max_at)]
        entries.append((line, *cells))
    return make_quotas(entries, source=label)


def _quota_columns(header: list[str]) -> tuple[int, int, int, int] | str:
    if "value" in header:
        names = ("category", "value") if "category" in header else ("feature", "value")
    elif "name" in header:
        names = ("category", "name") if "category" in header else ("feature", "name")
    else:
        names = ("category", "feature")
    wanted = (*names, "min", "max")
    missing = [column for column in wanted if column not in header]
    if missing:
        return (
            f"missing column {', '.join(missing)}: the header must be "
            "category,value,min,max (or feature,value,min,max)."
        )
    # A header such as "suggest min" does not count; the exact "min" column does.
    category_at, value_at, min_at, max_at = (header.index(column) for column in wanted)
    return category_at, value_at, min_at, max_at


def make_quotas(
    entries: Iterable[tuple[int, str, str, str | int, str | int]], *, source: str = "quotas"
) -> Quotas:
    """Quotas from `(line, category, value, min, max)` records, checked like a file."""
    problems: list[Problem] = []
    quotas: list[Quota] = []
    seen: dict[tuple[str, str], int] = {}
    for line, raw_category, raw_value, raw_min, raw_max in entries:
        category, value = str(raw_category).strip(), str(raw_value).strip()
        if not category or not value:
            problems.append(
                Problem(source, (line,), "blank", "the category and the value must not be blank.")
            )
            continue
        bounds = []
        for label, raw in (("min", raw_min), ("max", raw_max)):
            number = _non_negative_int(raw)
            if number is None:
                problems.append(
                    Problem(
                        source,
                        (line,),
                        "not_a_count",
                        f"{label} of {category} = {value} must be a whole number ≥ 0, "
                        f"not {str(raw).strip()!r}.",
                        {"field": label, "category": category, "value": value},
                    )
                )
            bounds.append(number)
        low, high = bounds
        if (category, value) in seen:
            problems.append(
                Problem(
                    source,
                    (seen[(category, value)], line),
                    "duplicate_quota",
                    f"{category} = {value} has two quota lines.",
                    {"category": category, "value": value},
                )
            )
            continue
        seen[(category, value)] = line
        if low is None or high is None:
            continue
        if low > high:
            problems.append(
                Problem(
                    source,
                    (line,),
                    "min_above_max",
                    f"the minimum of {category} = {value} ({low}) is above its maximum ({high}).",
                    {"category": category, "value": value, "min": low, "max": high},
                )
            )
            continue
        quotas.append(Quota(category, value, low, high, line))
    if not problems and not quotas:
        problems.append(Problem(source, (), "empty", "there is no quota."))
    if problems:
        raise InputError(problems)
    return Quotas(source=source, items=tuple(quotas))


def _non_negative_int(raw: str | int) -> int | None:
    if isinstance(raw, int):
        return raw if raw >= 0 else None
    text = raw.strip()
    if text.endswith(".0"):  # spreadsheets write 3 as "3.0"
        text = text[:-2]
    return int(text) if text.isdigit() else None


# --- pool ----------------------------------------------------------------------------


def read_pool(
    source: str | Path | TextIO,
    quotas: Quotas,
    *,
    name: str | None = None,
    id_column: str | None = None,
) -> Pool:
    """Read POOL.csv: an id column and one column per quota category (other columns ignored).

    The id column is `id_column`, else the first of `id`, `unique_id`, `nationbuilder_id`
    (any case); with none, ids are data row numbers ("1" is the row under the header).
    Category columns match the quota categories exactly, else without case. Raises
    `InputError` listing every bad line.
    """
    label, rows = _read_csv(source, name)
    if not rows:
        raise InputError([Problem(label, (), "empty", "the file is empty.")])
    header = [cell.strip() for cell in rows[0]]
    lowered = [cell.lower() for cell in header]
    problems: list[Problem] = []
    id_at: int | None = None
    if id_column is not None:
        if id_column.strip().lower() not in lowered:
            problems.append(
                Problem(label, (1,), "missing_columns", f"there is no id column {id_column!r}.")
            )
        else:
            id_at = lowered.index(id_column.strip().lower())
    else:
        id_at = next((lowered.index(c) for c in ID_COLUMNS if c in lowered), None)
    category_at: list[int] = []
    missing = []
    for category in quotas.categories:
        if category in header:
            category_at.append(header.index(category))
        elif category.lower() in lowered:
            category_at.append(lowered.index(category.lower()))
        else:
            missing.append(category)
    if missing:
        problems.append(
            Problem(
                label,
                (1,),
                "missing_columns",
                f"missing column {', '.join(missing)}: every quota category needs a column.",
                {"columns": missing},
            )
        )
    if problems:
        raise InputError(problems)
    members = []
    row_number = 0
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        row_number += 1
        person_id = _cell(row, id_at).strip() if id_at is not None else str(row_number)
        members.append((line, person_id, [_cell(row, at).strip() for at in category_at]))
    return make_pool(members, quotas, source=label)


def make_pool(
    members: Iterable[tuple[int, str, Sequence[str] | Mapping[str, str]]],
    quotas: Quotas,
    *,
    source: str = "pool",
) -> Pool:
    """A pool from `(line, id, values)` records, values per category (sequence or mapping).

    Every value must have a quota line (a value without one is most likely a typo, and
    nobody could say how many such people the panel may hold); quota values that nobody
    in the pool has are fine, and only a problem when their minimum is above zero (then
    the draw explains that the quotas cannot be met).
    """
    categories = quotas.categories
    known = {category: {q.value for q in quotas.of(category)} for category in categories}
    problems: list[Problem] = []
    people: list[Person] = []
    first_line: dict[str, int] = {}
    for line, raw_id, raw_values in members:
        person_id = str(raw_id).strip()
        if isinstance(raw_values, Mapping):
            values = tuple(str(raw_values.get(c, "")).strip() for c in categories)
        else:
            values = tuple(str(v).strip() for v in raw_values)
        if not person_id:
            problems.append(Problem(source, (line,), "blank_id", "the id is blank."))
            continue
        if person_id in first_line:
            problems.append(
                Problem(
                    source,
                    (first_line[person_id], line),
                    "duplicate_id",
                    f"the id {person_id} appears twice.",
                    {"id": person_id},
                )
            )
            continue
        first_line[person_id] = line
        bad = False
        for category, value in zip(categories, values, strict=True):
            if not value:
                problems.append(
                    Problem(
                        source,
                        (line,),
                        "blank_value",
                        f"{person_id} has no {category}.",
                        {"id": person_id, "category": category},
                    )
                )
                bad = True
            elif value not in known[category]:
                expected = ", ".join(sorted(known[category]))
                problems.append(
                    Problem(
                        source,
                        (line,),
                        "unknown_value",
                        f"{category} = {value} has no quota line (the quotas know {expected}).",
                        {"id": person_id, "category": category, "value": value},
                    )
                )
                bad = True
        if not bad:
            people.append(Person(person_id, values, line))
    if not problems and not people:
        problems.append(Problem(source, (), "empty", "the pool has nobody in it."))
    if problems:
        raise InputError(problems)
    return Pool(source=source, categories=categories, people=tuple(people))


# --- the panel size against the quotas ------------------------------------------------


def check_panel_size(pool: Pool, quotas: Quotas, panel_size: int) -> None:
    """Raise `InputError` when the quota numbers alone rule out a panel of `panel_size`.

    Per category, the minimums must add up to at most the panel size and the maximums
    to at least it; the panel cannot be larger than the pool. Whether this pool can meet
    the quotas is the next question, answered by `explain_infeasibility`.
    """
    problems: list[Problem] = []
    if panel_size < 1:
        problems.append(
            Problem("panel size", (), "panel_size", "the panel needs at least one member.")
        )
    elif panel_size > len(pool):
        problems.append(
            Problem(
                pool.source,
                (),
                "pool_too_small",
                f"the pool has {len(pool)} people, fewer than the panel size {panel_size}.",
            )
        )
    for category in quotas.categories:
        items = quotas.of(category)
        lines = tuple(quota.line for quota in items)
        low = sum(quota.min for quota in items)
        high = sum(quota.max for quota in items)
        if low > panel_size:
            problems.append(
                Problem(
                    quotas.source,
                    lines,
                    "mins_above_size",
                    f"the minimums of {category} add up to {low}, more than the panel "
                    f"size {panel_size}.",
                    {"category": category, "total": low, "panel_size": panel_size},
                )
            )
        if high < panel_size:
            problems.append(
                Problem(
                    quotas.source,
                    lines,
                    "maxes_below_size",
                    f"the maximums of {category} add up to {high}, less than the panel "
                    f"size {panel_size}.",
                    {"category": category, "total": high, "panel_size": panel_size},
                )
            )
    if problems:
        raise InputError(problems)


# --- CSV -----------------------------------------------------------------------------


def _read_csv(source: str | Path | TextIO, name: str | None) -> tuple[str, list[list[str]]]:
    """The rows of a CSV file (comma or semicolon, UTF-8 with or without BOM)."""
    if isinstance(source, str | Path):
        label = name or Path(source).name
        try:
            text = Path(source).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            problem = Problem(label, (), "unreadable", f"cannot be read ({error}).")
            raise InputError([problem]) from None
    else:
        label = name or getattr(source, "name", "CSV file")
        text = source.read().removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    # French spreadsheets export with semicolons.
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return label, list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _cell(row: list[str], at: int | None) -> str:
    return row[at] if at is not None and at < len(row) else ""
