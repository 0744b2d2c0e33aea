"""What a dataset is: its public rows and its columns, each with a Table Schema type."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.functional import Promise

# Table Schema types the writers know (https://specs.frictionlessdata.io/table-schema/).
TYPES = ("string", "integer", "number", "boolean", "date", "datetime")
CHUNK_SIZE = 2000


@dataclass(frozen=True)
class Column:
    """One column: its name, type and meaning, and where its value comes from.

    `source` is one field path for `values_list` (or several, handed together to `convert`);
    `convert` turns the raw value(s) into the published one.
    """

    name: str
    type: str
    description: str | Promise
    source: str | tuple[str, ...] = ""
    convert: Callable[..., Any] | None = None

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"Unknown Table Schema type {self.type!r} for {self.name}")

    @property
    def paths(self) -> tuple[str, ...]:
        if isinstance(self.source, tuple):
            return self.source
        return (self.source or self.name,)


@dataclass(frozen=True)
class Dataset:
    """A public dataset: what it holds, and its rows as the public web pages show them.

    `queryset` returns the public rows; `rows` (for data not in one table, such as budget
    results kept as JSON) replaces it and yields tuples in the order of `columns`.
    """

    name: str
    title: str | Promise
    description: str | Promise
    columns: tuple[Column, ...]
    queryset: Callable[[], Any] | None = None
    rows: Callable[[], Iterator[tuple[Any, ...]]] | None = None
    primary_key: tuple[str, ...] = ("id",)
    keywords: tuple[str, ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def iter_rows(self, chunk_size: int = CHUNK_SIZE) -> Iterator[tuple[Any, ...]]:
        """Every public row, streamed from the database in chunks (memory stays flat)."""
        if self.rows is not None:
            yield from self.rows()
            return
        if self.queryset is None:
            raise ValueError(f"Dataset {self.name} has neither a queryset nor rows")
        paths: list[str] = []
        getters: list[Callable[[tuple[Any, ...]], Any]] = []
        for column in self.columns:
            start = len(paths)
            paths.extend(column.paths)
            getters.append(_getter(start, len(paths), column))
        values = self.queryset().order_by("pk").values_list(*paths)
        rows = values.iterator(chunk_size=chunk_size)
        if all(column.convert is None for column in self.columns):
            yield from rows  # values_list already gives the row as published
            return
        for raw in rows:
            yield tuple([get(raw) for get in getters])


def _getter(start: int, end: int, column: Column) -> Callable[[tuple[Any, ...]], Any]:
    """How to take one column's value out of a values_list row (built once per export)."""
    convert = column.convert
    if convert is None:
        return operator.itemgetter(start)
    if isinstance(column.source, tuple):
        return lambda raw: convert(*raw[start:end])
    return lambda raw: convert(raw[start])


def pseudonym(user_id: int | None) -> str:
    """A stable pseudonym for an author that nobody can turn back into an account.

    An HMAC of the user id under a key derived from SECRET_KEY (the same author always gets
    the same pseudonym; without the server's secret, trying every id gives nothing).
    """
    if user_id is None:
        return ""
    key = hashlib.sha256(b"commune.opendata.pseudonym:" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, str(user_id).encode(), hashlib.sha256).hexdigest()[:16]


def public_name(display_name: str | None, deleted_at: datetime.datetime | None) -> str:
    """The name an author chose to show (as `Resident.public_name` words it)."""
    from django.utils.translation import gettext

    if deleted_at:
        return gettext("Deleted account")
    return display_name or gettext("Resident")


def site_url(path: str) -> str:
    """An absolute address on the site (COMMUNE_BASE_URL), for links in the exports."""
    return settings.COMMUNE_BASE_URL.rstrip("/") + path
